"""Every sentence the bot says, in Russian and English, and the helpers that fill them in.

The sentences live in ``texts_ru.py`` and ``texts_en.py`` (same keys; a unit
test keeps them in step). Parameters are HTML-escaped here, so user text can
never break the markup; pass :class:`Html` for a fragment that is already safe.
"""

from __future__ import annotations

import html
from typing import Any

from handlers.texts_en import PLURALS as EN_PLURALS
from handlers.texts_en import TEXTS as EN
from handlers.texts_ru import PLURALS as RU_PLURALS
from handlers.texts_ru import TEXTS as RU

CATALOGUES = {"ru": RU, "en": EN}
PLURAL_FORMS = {"ru": RU_PLURALS, "en": EN_PLURALS}
LANGUAGES = ("ru", "en")


class Html(str):
    """A fragment of HTML that is already escaped; :func:`t` inserts it unchanged."""

    __slots__ = ()


def esc(value: object) -> str:
    return value if isinstance(value, Html) else html.escape(str(value), quote=False)


def _catalogue(lang: str) -> dict[str, str]:
    return CATALOGUES.get(lang, RU)


def t(lang: str, key: str, /, **params: Any) -> Html:
    """The sentence ``key`` in ``lang`` (Russian when unknown) with escaped parameters."""
    template = _catalogue(lang)[key]
    return Html(template.format(**{name: esc(value) for name, value in params.items()}) if params else template)


def plain(lang: str, key: str, /, **params: Any) -> str:
    """A sentence for places that take no HTML (button labels, callback answers, chart labels)."""
    template = _catalogue(lang)[key]
    return template.format(**params) if params else template


def russian_plural(n: int) -> int:
    """0: one (1, 21), 1: few (2-4, 22-24), 2: many (5-20, 25...)."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def count(lang: str, key: str, n: int) -> str:
    """``n`` with the right form of the word, e.g. "21 черновик", "5 drafts"."""
    if lang == "en":
        one, other = EN_PLURALS[key]
        return (one if n == 1 else other).format(n=n)
    return RU_PLURALS[key][russian_plural(n)].format(n=n)


def quoted(lang: str, text: str) -> str:
    """``text`` in the quotation marks of ``lang``."""
    return f"«{text}»" if lang == "ru" else f"“{text}”"


def score_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def trend_text(lang: str, value: float | None) -> str:
    if value is None:
        return plain(lang, "trend_none")
    if round(value) == 0:
        return plain(lang, "trend_flat")
    return plain(lang, "trend_up" if value > 0 else "trend_down", delta=f"{value:+.0f}")

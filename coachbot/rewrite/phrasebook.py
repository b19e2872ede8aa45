"""The offline rewriter's phrasebook: ``prompts/phrasebook/<language>.json``.

Admins extend it without touching code; this module loads it, checks its
shape and compiles its regular expressions (all case-insensitive).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from coachbot.config import PROMPTS_DIR
from coachbot.rewrite.phrasebook_schema import problems

STYLE_KEYS = ("warm", "concise", "formal")
REQUIRED = (
    "placeholders",
    "greeting",
    "situations",
    "next_step",
    "closing",
    "replace_sentence",
    "remove",
    "phrases",
    "terms",
    "verbs",
    "requests",
    "clause_openers",
)


Variants = str | list[str]  # one text, or several the rewriter varies between


class PhrasebookError(ValueError):
    """The phrasebook file is missing, not JSON, or lacks a section."""


@dataclass(frozen=True)
class Situation:
    id: str
    match: re.Pattern[str] | None
    ack: dict[str, Variants]
    apology: dict[str, Variants]
    failure: bool = True  # the customer reports something that went wrong on our side
    always_ack: bool = False  # acknowledged even when the customer complains of nothing (a bereavement)
    max_count: int = 0  # cues counted at most this often (0: no cap): «??» does not outweigh «второй раз»
    care: dict[str, Variants] = field(default_factory=dict)  # safety advice said whatever the draft promises
    care_when: re.Pattern[str] | None = None  # …but only while the harm is going on («болит», «пахнет газом»)


@dataclass(frozen=True)
class Replacement:
    match: re.Pattern[str] | None
    texts: dict[str, Variants]


@dataclass(frozen=True)
class Phrasebook:
    language: str
    placeholders: dict[str, str]
    greeting: dict[str, Any]
    greeting_detect: re.Pattern[str]
    situations: tuple[Situation, ...]
    next_step: dict[str, Variants]
    closing: dict[str, dict[str, Variants]]
    replace_sentence: dict[str, tuple[Replacement, ...]]
    remove: tuple[re.Pattern[str], ...]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    terms: dict[str, str]
    verbs: dict[str, dict[str, str]]
    motion_verbs: frozenset[str]
    requests: dict[str, Any]
    has_time: re.Pattern[str]
    has_reason: re.Pattern[str]
    clause_openers: tuple[str, ...]
    fact_reframe: dict[str, str]
    redirect: re.Pattern[str] | None
    reframes: tuple[tuple[re.Pattern[str], str], ...]
    sales_openers: re.Pattern[str] | None
    bare_answer: dict[str, Variants] = field(default_factory=dict)  # «Подсказываю: {text}» before «9:40, каб. 118»

    def styled(self, texts: dict[str, Any], style: str, key: str = "") -> str:
        """A style's text, falling back to ``warm`` for styles the file does not list.

        A style may list several variants; ``key`` (the draft and the slot) picks one the same
        way every time, so one draft always gets the same wording and different drafts differ.
        """
        return pick(texts.get(style, texts.get("warm", "")), f"{key}|{style}")

    def styled_unlike(self, texts: dict[str, Any], style: str, key: str, unlike: Callable[[str], bool]) -> str:
        """Like :meth:`styled`, but the first variant, in the same stable order, for which
        ``unlike`` holds (an apology that does not repeat the acknowledgement's words)."""
        ordered = variants(texts.get(style, texts.get("warm", "")), f"{key}|{style}")
        return next((v for v in ordered if unlike(v)), ordered[0] if ordered else "")

    def situation(self, text: str) -> Situation:
        """The situation whose cues occur most often in ``text`` (the customer's message and the draft)."""
        low = text.lower()
        best, best_count = self.situations[-1], 0
        for situation in self.situations:
            if situation.match is None:
                continue
            count = len(situation.match.findall(low))
            if situation.max_count:
                count = min(count, situation.max_count)
            if count > best_count:
                best, best_count = situation, count
        return best

    def replacement(self, code: str, quote: str, style: str, key: str = "") -> str:
        for option in self.replace_sentence.get(code, ()):
            if option.match is None or option.match.search(quote.lower()):
                return self.styled(option.texts, style, key)
        return ""


def variants(value: str | list[str], key: str) -> list[str]:
    """The non-empty variants, starting from the one a stable hash of ``key`` picks (no randomness
    between runs) and going on in the file's order."""
    if isinstance(value, str):
        return [value]
    options = [v for v in value if v]
    if not options:
        return []
    first = zlib.crc32(key.encode("utf-8")) % len(options)
    return options[first:] + options[:first]


def pick(value: str | list[str], key: str) -> str:
    """One of the variants, chosen by a stable hash of ``key``."""
    return next(iter(variants(value, key)), "")


def _regex(source: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise PhrasebookError(f"{where}: bad regular expression {source!r}: {exc}") from None


def _optional(source: str, where: str) -> re.Pattern[str] | None:
    return _regex(source, where) if source else None


def parse_phrasebook(data: dict[str, Any], name: str = "phrasebook") -> Phrasebook:
    bad = problems(data)
    if bad:
        more = f" (and {len(bad) - 5} more)" if len(bad) > 5 else ""
        raise PhrasebookError(f"{name}: " + "; ".join(bad[:5]) + more)
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise PhrasebookError(f"{name}: missing sections {', '.join(missing)}")
    situations = tuple(
        Situation(
            s["id"],
            _optional(s.get("match", ""), f"{name} situation {s['id']}"),
            s["ack"],
            s["apology"],
            bool(s.get("failure", True)),
            bool(s.get("always_ack", False)),
            int(s.get("max_count", 0)),
            s.get("care", {}),
            _optional(s.get("care_when", ""), f"{name} situation {s['id']} care_when"),
        )
        for s in data["situations"]
    )
    if not situations or situations[-1].match is not None:
        raise PhrasebookError(f"{name}: the last situation must be the default one, with an empty 'match'")
    replace = {
        code: tuple(
            Replacement(_optional(o.get("match", ""), f"{name} {code}"), {k: o[k] for k in STYLE_KEYS if k in o})
            for o in options
        )
        for code, options in data["replace_sentence"].items()
    }
    requests = data["requests"]
    return Phrasebook(
        language=data.get("language", name),
        placeholders=data["placeholders"],
        greeting=data["greeting"],
        greeting_detect=_regex(data["greeting"]["detect"], f"{name} greeting"),
        situations=situations,
        next_step=data["next_step"],
        closing=data["closing"],
        replace_sentence=replace,
        remove=tuple(_regex(r, f"{name} remove") for r in data["remove"]),
        phrases=tuple((_regex(src, f"{name} phrases"), dst) for src, dst in data["phrases"]),
        terms={k.lower(): v for k, v in data["terms"].items()},
        verbs={k.lower(): v for k, v in data["verbs"].items()},
        motion_verbs=frozenset(data.get("motion_verbs", [])),
        requests=requests,
        has_time=_regex(requests["has_time"], f"{name} requests.has_time"),
        has_reason=_regex(requests["has_reason"], f"{name} requests.has_reason"),
        clause_openers=tuple(sorted(data["clause_openers"], key=len, reverse=True)),
        fact_reframe=data.get("fact_reframe", {}),
        redirect=_optional(data.get("redirect", ""), f"{name} redirect"),
        sales_openers=_optional(data.get("sales_openers", ""), f"{name} sales_openers"),
        reframes=tuple((_regex(src, f"{name} reframes"), dst) for src, dst in data.get("reframes", [])),
        bare_answer=data.get("bare_answer", {}),
    )


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> Phrasebook:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PhrasebookError(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise PhrasebookError(f"{path} is not valid JSON: {exc.msg} (line {exc.lineno})") from None
    return parse_phrasebook(data, path.name)


def load_phrasebook(language: str, prompts_dir: Path | None = None) -> Phrasebook:
    """The phrasebook for ``language`` (Russian for anything unknown); reloaded when the file changes."""
    folder = Path(prompts_dir or PROMPTS_DIR) / "phrasebook"
    path = folder / f"{language}.json"
    if not path.exists():
        path = folder / "ru.json"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _load(path, mtime)

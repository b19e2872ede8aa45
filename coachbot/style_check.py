"""The company style guide applied to a draft: banned phrases and the form of address.

Pure functions over the rules the StyleGuideService keeps. Each finding is an
``Issue`` with ``source="styleguide"`` and the exact quote, so the coach can
show it next to the analyzer's own issues.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coachbot.analysis.types import Issue
from coachbot.services.types import StyleRule

BANNED = "styleguide"
ADDRESS = "styleguide_address"
_POLITE = (
    "вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши", "вашего", "вашей", "вашему",
    "вашим", "вашими", "ваших", "вашу", "вашем",
)  # fmt: skip
_INFORMAL = (
    "ты", "тебя", "тебе", "тобой", "тобою", "твой", "твоя", "твоё", "твое", "твои", "твоего",
    "твоей", "твоему", "твоим", "твоими", "твоих", "твою", "твоём", "твоем",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE_START = re.compile(r"(^|[.!?…]\s*|\n\s*)$")


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(_fold(w)) for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def banned_phrases(text: str, rules: Iterable[StyleRule]) -> list[Issue]:
    """Every occurrence of a banned phrase, in letter case and spacing as the draft has it."""
    folded = _fold(text)  # same length as text: casefold of Cyrillic and Latin keeps lengths here
    if len(folded) != len(text):
        folded = text.lower().replace("ё", "е")
    issues = []
    for rule in rules:
        if rule.kind != "banned" or not rule.phrase.strip():
            continue
        for match in _phrase_pattern(rule.phrase).finditer(folded):
            issues.append(
                Issue(
                    code=BANNED,
                    span=(match.start(), match.end()),
                    quote=text[match.start() : match.end()],
                    explanation=rule.phrase,
                    suggestion=rule.replacement or "",
                    source="styleguide",
                )
            )
    return sorted(issues, key=lambda i: i.span)


def _at_sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[:start]))


def address_issues(text: str, form: str | None) -> list[Issue]:
    """Forms of address that differ from the company's («Вы» or «вы»); «ты» is always one."""
    if not form:
        return []
    issues = []
    for match in _WORD.finditer(text):
        word = match.group()
        lower = word.lower()
        wanted: str | None = None
        if lower in _INFORMAL:
            wanted = ""  # no one-word fix: the sentence needs rewording
        elif lower in _POLITE and not _at_sentence_start(text, match.start()):
            capital = word[0].isupper()
            if form == "Вы" and not capital:
                wanted = lower[0].upper() + lower[1:]
            elif form == "вы" and capital and not word.isupper():
                wanted = lower
        if wanted is not None:
            issues.append(
                Issue(
                    code=ADDRESS,
                    span=(match.start(), match.end()),
                    quote=word,
                    explanation=form,
                    suggestion=wanted,
                    source="styleguide",
                )
            )
    return issues


def style_issues(text: str, rules: Iterable[StyleRule]) -> list[Issue]:
    """Banned phrases and address-form findings for ``text``, in text order."""
    rules = list(rules)
    form = next((r.phrase for r in rules if r.kind == "address"), None)
    return sorted(banned_phrases(text, rules) + address_issues(text, form), key=lambda i: i.span)


def guide_for_prompt(rules: Iterable[StyleRule]) -> str:
    """The rules as plain lines for the LLM prompt (empty when the company has none)."""
    lines = []
    for rule in rules:
        if rule.kind == "address":
            lines.append(f"Address the customer as «{rule.phrase}».")
        elif rule.replacement:
            lines.append(f"Never write «{rule.phrase}»; write «{rule.replacement}» instead.")
        else:
            lines.append(f"Never write «{rule.phrase}».")
    return "\n".join(lines)

"""Replace personal data with stable placeholders, and put it back.

``mask`` runs before any text leaves the machine (the LLM sees ``[PHONE_1]``,
never the number); ``unmask`` restores the originals in the LLM's rewrite;
``mask_text`` is the one-way version the storage service keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coachbot.analysis.text import detect_language
from coachbot.privacy.detectors import find_contacts
from coachbot.privacy.names import find_names

KINDS = ("EMAIL", "CARD", "PASSPORT", "PHONE", "ADDRESS", "NAME")
PLACEHOLDER = re.compile(r"\[(" + "|".join(KINDS) + r")_(\d+)\]")
# Earlier kinds win where detections overlap (an e-mail is not also a name).
_PRIORITY = {kind: n for n, kind in enumerate(KINDS)}


@dataclass
class Masked:
    text: str
    mapping: dict[str, str] = field(default_factory=dict)  # placeholder -> original


def find_personal_data(text: str, language: str | None = None) -> list[tuple[str, int, int]]:
    """Non-overlapping ``(kind, start, stop)`` spans of personal data, in text order."""
    language = language or detect_language(text)
    found = list(find_contacts(text)) + [("NAME", s, e) for s, e in find_names(text, language)]
    # Longer spans first within a kind's priority, so a full address beats its house number.
    found.sort(key=lambda f: (_PRIORITY[f[0]], -(f[2] - f[1]), f[1]))
    chosen: list[tuple[str, int, int]] = []
    for kind, start, stop in found:
        if any(start < s_stop and s_start < stop for _, s_start, s_stop in chosen):
            continue
        if PLACEHOLDER.fullmatch(text[start:stop].strip()):
            continue
        chosen.append((kind, start, stop))
    return sorted(chosen, key=lambda f: f[1])


class Masker:
    """Masks several texts with one mapping, so a name in the draft and in the
    customer's message gets the same placeholder."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language
        self.mapping: dict[str, str] = {}
        self._by_value: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def _placeholder(self, kind: str, value: str) -> str:
        key = (kind, " ".join(value.split()))
        if key not in self._by_value:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            placeholder = f"[{kind}_{self._counts[kind]}]"
            self._by_value[key] = placeholder
            self.mapping[placeholder] = value
        return self._by_value[key]

    def mask(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        for kind, start, stop in find_personal_data(text, self.language):
            out.append(text[pos:start])
            out.append(self._placeholder(kind, text[start:stop]))
            pos = stop
        out.append(text[pos:])
        return "".join(out)


def mask(text: str, language: str | None = None) -> Masked:
    masker = Masker(language)
    return Masked(masker.mask(text), dict(masker.mapping))


def unmask(text: str, mapping: dict[str, str]) -> str:
    """Put the originals back; placeholders not in ``mapping`` stay as they are."""
    return PLACEHOLDER.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def leftover_placeholders(text: str) -> list[str]:
    """Mask placeholders still in a text (an LLM invented or mangled them)."""
    return [m.group(0) for m in PLACEHOLDER.finditer(text)]


def mask_text(text: str) -> str:
    """The masked text alone, for storage."""
    return Masker().mask(text)

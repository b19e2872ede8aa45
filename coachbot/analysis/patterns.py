"""A tiny lemma-pattern engine.

A pattern is a space-separated string of elements, matched left to right
inside one sentence:

- ``виноваты`` — any form of the word (compared by lemma, so «виноват»,
  «виноваты» and «виноватый» all match);
- ``вы|ты`` — alternatives;
- ``=было`` — this exact form only;
- ``извин*`` — any lemma starting with the prefix;
- ``#impr`` — any word carrying this pymorphy grammeme;
- ``~3`` — up to three other words may stand between its neighbours.

Punctuation is skipped inside gaps but never matched by an element.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from coachbot.analysis.text import Sentence, Token, parse_word

NEGATIONS = frozenset(
    {"не", "ни", "нет", "not", "n't", "never", "no", "dont", "don't", "didn't", "won't", "cannot", "can't"}
)


@dataclass(frozen=True, slots=True)
class Element:
    lemmas: frozenset[str]
    forms: frozenset[str]
    prefixes: tuple[str, ...]
    grammemes: frozenset[str]

    def matches(self, token: Token) -> bool:
        if not token.is_word:
            return False
        if token.lemma in self.lemmas or token.lower in self.forms:
            return True
        if self.grammemes and self.grammemes <= token.tags:
            return True
        return any(token.lemma.startswith(p) or token.lower.startswith(p) for p in self.prefixes)


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str
    elements: tuple[Element, ...]
    gaps: tuple[int, ...]  # gaps[i]: words allowed between element i and i+1

    def first_lemmas(self) -> frozenset[str] | None:
        """Lemmas/forms a match can start with, or None if the start is open-ended."""
        first = self.elements[0]
        if first.prefixes or first.grammemes:
            return None
        return first.lemmas | first.forms

    def finditer(self, sentence: Sentence) -> Iterator[tuple[int, int]]:
        """Yield (first, last) token indices of non-overlapping matches."""
        tokens = sentence.tokens
        i = 0
        while i < len(tokens):
            end = self._match_from(tokens, i, 0)
            if end is not None:
                yield i, end
                i = end + 1
            else:
                i += 1

    def _match_from(self, tokens: tuple[Token, ...], pos: int, el: int) -> int | None:
        if not self.elements[el].matches(tokens[pos]):
            return None
        if el == len(self.elements) - 1:
            return pos
        allowed = self.gaps[el]
        skipped = 0
        j = pos + 1
        while j < len(tokens):
            found = self._match_from(tokens, j, el + 1)
            if found is not None:
                return found
            if tokens[j].is_word:
                skipped += 1
                if skipped > allowed:
                    return None
            elif tokens[j].text in ".!?;":
                return None
            j += 1
        return None


class PatternIndex:
    """Patterns indexed by the words they can start with, so a sentence is
    scanned once instead of once per pattern."""

    def __init__(self, items: list[tuple[object, Pattern]]) -> None:
        self._by_key: dict[str, list[tuple[int, object, Pattern]]] = {}
        self._open: list[tuple[int, object, Pattern]] = []
        for n, (payload, pattern) in enumerate(items):
            keys = pattern.first_lemmas()
            if keys is None:
                self._open.append((n, payload, pattern))
            else:
                for key in keys:
                    self._by_key.setdefault(key, []).append((n, payload, pattern))

    def search(self, sentence: Sentence) -> Iterator[tuple[object, int, int]]:
        """Yield (payload, first, last) for non-overlapping matches of each pattern."""
        tokens = sentence.tokens
        busy_until: dict[int, int] = {}
        for i, tok in enumerate(tokens):
            if not tok.is_word:
                continue
            candidates = self._by_key.get(tok.lemma, [])
            if tok.lower != tok.lemma:
                candidates = candidates + self._by_key.get(tok.lower, [])
            for n, payload, pattern in candidates + self._open:
                if busy_until.get(n, -1) >= i:
                    continue
                end = pattern._match_from(tokens, i, 0)
                if end is not None:
                    busy_until[n] = end
                    yield payload, i, end


def _element(spec: str) -> Element:
    lemmas: set[str] = set()
    forms: set[str] = set()
    prefixes: list[str] = []
    grammemes: set[str] = set()
    for alt in spec.split("|"):
        alt = alt.strip().lower().replace("ё", "е")
        if not alt:
            continue
        if alt.startswith("="):
            forms.add(alt[1:])
        elif alt.startswith("#"):
            grammemes.add(alt[1:])
        elif alt.endswith("*"):
            prefixes.append(alt[:-1])
        else:
            forms.add(alt)
            lemmas.add(parse_word(alt)[0])
    return Element(frozenset(lemmas), frozenset(forms), tuple(prefixes), frozenset(grammemes))


@lru_cache(maxsize=4096)
def compile_pattern(source: str) -> Pattern:
    elements: list[Element] = []
    gaps: list[int] = []
    pending_gap = 0
    for part in source.split():
        if part.startswith("~") and part[1:].isdigit():
            pending_gap = int(part[1:])
            continue
        if elements:
            gaps.append(pending_gap)
        elements.append(_element(part))
        pending_gap = 0
    if not elements:
        raise ValueError(f"empty pattern: {source!r}")
    return Pattern(source, tuple(elements), tuple(gaps))


def negated_before(sentence: Sentence, first: int, window: int = 2) -> bool:
    """True when «не»/«not» stands within ``window`` words before token ``first``."""
    seen = 0
    for tok in reversed(sentence.tokens[:first]):
        if not tok.is_word:
            if tok.text in ",;:—–-(":
                return False
            continue
        if tok.lower in NEGATIONS or tok.lower.endswith("n't"):
            return True
        seen += 1
        if seen >= window:
            return False
    return False

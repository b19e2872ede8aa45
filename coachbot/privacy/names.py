"""Person names: natasha NER for Russian, plus morphology and greeting heuristics.

The natasha models ship inside the package, so this works offline; they are
loaded once, on first use, and guarded by a lock because the analyzer and the
rewriter may call in from executor threads.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from coachbot.analysis.text import morph, morph_parse

_LOCK = threading.Lock()
_NAME_TAGS = ("Name", "Patr", "Surn")
_RU_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
_RU_GREETING = re.compile(
    r"(?i)(?:здравствуйте|добрый\s+(?:день|вечер)|доброе\s+утро|привет|приветствую|уважаемая|уважаемый)[,!]?\s+$"
)
_EN_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+)"
_EN_NAME = r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)?"
_EN_PATTERNS = (
    re.compile(r"\b(?:Dear|Hi|Hello|Hey|Good\s+(?:morning|afternoon|evening)),?\s+" + _EN_TITLE + f"?({_EN_NAME})"),
    re.compile(r"\b" + _EN_TITLE + "(" + _EN_NAME + ")"),
    re.compile(r"\b(?:[Mm]y name is|I am|I'm)\s+(" + _EN_NAME + r")\b(?=[\s,.!]|$)"),
    re.compile(r"(?:Regards|Best|Thanks|Thank you|Sincerely|Cheers),?\s*\n\s*(" + _EN_NAME + r")\s*$"),
)
_EN_NOT_NAMES = frozenset(
    {
        "I",
        "The",
        "This",
        "That",
        "We",
        "Our",
        "Your",
        "You",
        "Team",
        "Support",
        "Customer",
        "Sir",
        "Madam",
        "There",
        "Thanks",
        "Thank",
        "Please",
        "Sorry",
        "Welcome",
        "Again",
        "Everyone",
        "All",
    }
)


@lru_cache(maxsize=1)
def _natasha() -> tuple[Any, Any, Any]:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    return Doc, Segmenter(), NewsNERTagger(NewsEmbedding())


def _ner_spans(text: str) -> list[tuple[int, int]]:
    with _LOCK:
        doc_cls, segmenter, tagger = _natasha()
        doc = doc_cls(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(s.start, s.stop) for s in doc.spans if s.type == "PER"]


def name_parse(word: str, min_score: float = 0.4) -> Any | None:
    """The pymorphy parse of ``word`` as a first name, patronymic or surname, if likely."""
    for parse in morph_parse(word):
        if parse.score >= min_score and any(t in parse.tag for t in _NAME_TAGS):
            return parse
    return None


def _addressed(text: str, start: int, stop: int) -> bool:
    """A capitalised word is a name in address position: «Анна, …», «…, Анна!», «Добрый день, Анна»."""
    after = text[stop : stop + 2]
    before = text[max(0, start - 30) : start]
    return bool(after[:1] in (",", "!") or _RU_GREETING.search(before) or before.rstrip().endswith(","))


def _morph_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _RU_WORD.finditer(text):
        if name_parse(m.group()) is None:
            continue
        prefix = text[: m.start()].rstrip()
        sentence_start = not prefix or prefix[-1] in ".!?\n"
        if sentence_start and not _addressed(text, m.start(), m.end()):
            continue
        if spans and text[spans[-1][1] : m.start()].strip() == "":
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def _plausible_name(span_text: str) -> bool:
    """NER also tags sentence-initial words («Монтажник», «Оформляйте»): keep a span only if
    one of its words parses as a name or is not an ordinary dictionary word."""
    for word in re.findall(r"[А-ЯЁа-яё]+", span_text):
        lower = word.lower()
        if name_parse(word, min_score=0.0) is not None or not morph().word_is_known(lower):
            return True
    return not re.search(r"[А-ЯЁа-яё]", span_text)


def _english_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in _EN_PATTERNS:
        for m in pattern.finditer(text):
            start, stop = m.span(1)
            words = m.group(1).split()
            while words and words[-1] in _EN_NOT_NAMES:
                stop -= len(words.pop()) + 1
            if words and words[0] not in _EN_NOT_NAMES:
                spans.append((start, start + len(" ".join(words))))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")


def find_names(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans of person names, merged and sorted; «quoted» titles (a tariff «Макс») are not names."""
    if language == "en":
        spans = _english_spans(text)
    else:
        spans = _english_spans(text) + _morph_spans(text)
        if re.search(r"[А-ЯЁ]", text):
            spans += [span for span in _ner_spans(text) if _plausible_name(text[span[0] : span[1]])]
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    spans = [(s, e) for s, e in spans if not any(qs <= s and e <= qe for qs, qe in quoted)]
    return _merge(spans)

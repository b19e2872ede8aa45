"""The facts of a draft that every rewrite must keep.

Numbers (dates, times, amounts, order and ticket ids), e-mails, phones, cards,
addresses and person names. A number inside an upsell the rewrite removes is
not a fact of the customer's case and is exempt. Placeholders such as
«[срок]» are allowed additions and never count as facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from coachbot.analysis import morph_parse
from coachbot.privacy.detectors import find_contacts
from coachbot.privacy.names import find_names

# A token with a digit: 45821, 12.03.2024, 10:00, AB-1234, 1 500 (thousands groups joined).
NUMBER = re.compile(r"(?<![\w])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|[\w-]*\d[\w./:-]*\w|\d)")
MONTHS = re.compile(
    r"(?i)\b\d{1,2}\s+(январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"
)
_SPACE = re.compile(r"[ \u00a0\u202f]")
# What a rewrite drops with its facts: an upsell, and a reproach whose numbers are the reproach
# («Вы опоздали на 15 минут»: the fifteen minutes go with it).
REMOVED_CODES = frozenset({"pushy_sales", "blame", "rudeness", "dismissive"})
ANSWER_EXEMPT = REMOVED_CODES | {"internal_excuse"}
ACRONYM = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9+&]{1,7}|[A-ZА-ЯЁ]\d{1,2}")
ROMAN = re.compile(r"[IVXLC]+")


@dataclass(frozen=True)
class Fact:
    kind: str  # number | month | email | phone | card | passport | address | name
    value: str

    def label(self) -> str:
        """How the gate names a missing fact: its kind, never the personal data itself."""
        return (
            self.kind
            if self.kind in ("email", "phone", "card", "passport", "address", "name")
            else (f"{self.kind}:{self.value}")
        )


def is_acronym(quote: str) -> bool:
    """An abbreviation («ЭЖД», "P3"), not a Roman numeral («II»)."""
    q = quote.strip()
    return bool(ACRONYM.fullmatch(q)) and not ROMAN.fullmatch(q)


def has_fact(fragment: str) -> bool:
    """A number or a contact detail somewhere in ``fragment``."""
    return bool(NUMBER.search(fragment)) or any(True for _ in find_contacts(fragment))


def normalise_number(token: str) -> str:
    return _SPACE.sub("", token).rstrip(".,:-").lower()


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _name_key(word: str) -> str:
    if re.search(r"[а-яё]", word, re.IGNORECASE):
        normal_form: str = morph_parse(word)[0].normal_form  # pymorphy3 is untyped
        return normal_form.replace("ё", "е")
    return word.lower()


def _outside(spans: Iterable[tuple[int, int]], start: int, stop: int) -> bool:
    return not any(start < s_stop and s_start < stop for s_start, s_stop in spans)


def extract_facts(
    text: str, language: str, exempt: Iterable[tuple[int, int]] = (), ignore: frozenset[str] = frozenset()
) -> list[Fact]:
    """Facts of ``text`` outside the ``exempt`` spans; ``ignore`` lists jargon tokens («L2») the rewrite replaces."""
    exempt = list(exempt)
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for kind, start, stop in find_contacts(text):
        if _outside(exempt, start, stop):
            facts.append(Fact(kind.lower(), text[start:stop]))
            taken.append((start, stop))
    for start, stop in find_names(text, language):
        if _outside(exempt, start, stop) and _outside(taken, start, stop):
            facts.extend(Fact("name", w) for w in text[start:stop].split())
    for m in NUMBER.finditer(text):
        if _outside(exempt, *m.span()) and _outside(taken, *m.span()) and m.group().lower() not in ignore:
            facts.append(Fact("number", normalise_number(m.group())))
    for m in MONTHS.finditer(text):
        if _outside(exempt, *m.span()):
            facts.append(Fact("month", m.group(1).lower()))
    return list(dict.fromkeys(facts))


def missing_facts(facts: Iterable[Fact], candidate: str) -> list[Fact]:
    """The facts a candidate rewrite dropped or changed."""
    numbers = {normalise_number(m.group()) for m in NUMBER.finditer(candidate)}
    digits = _digits(candidate)
    flat = " ".join(candidate.split()).lower()
    words = {_name_key(w) for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", candidate)}
    missing = []
    for fact in facts:
        if fact.kind == "number":
            ok = fact.value in numbers
        elif fact.kind == "month":
            ok = fact.value in flat
        elif fact.kind == "phone" or fact.kind == "card":
            ok = _digits(fact.value) in digits
        elif fact.kind == "name":  # «Е.П.» is two initials, each a word of its own
            parts = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", fact.value)
            ok = bool(parts) and all(_name_key(p) in words for p in parts)
        else:
            ok = " ".join(fact.value.split()).lower() in flat
        if not ok:
            missing.append(fact)
    return missing


# «Администратор Ксения сообщила, что вы сами задели поднос»: who reported the reproach goes with it.
REPORTING_VERBS = (
    r"сообщил\w*|сказал\w*|говорит|говорят|пишет|уверяет|утвержда\w*|отметил\w*|said|says|told us|reported|claims?"
)
_REPORTED = re.compile(rf"(?i)(?:^|(?<=[.!?]\s))[^.!?]{{0,60}}\b(?:{REPORTING_VERBS})\s*,?\s*(?:что|that)?\s*$")


def _with_report(text: str, span: tuple[int, int]) -> tuple[int, int]:
    m = _REPORTED.search(text[: span[0]])
    return (m.start(), span[1]) if m else span


def exempt_spans(text: str, issues: Iterable[Any]) -> list[tuple[int, int]]:
    """What the rewrite replaces by design: the words of a reproach, sentences with an upsell, and
    jargon abbreviations («P3»). The rest of a sentence that also snaps («Ещё раз: 10:15, каб. 214,
    как и писала утром») is the answer, and its facts stay."""
    from coachbot.analysis import split_sentences

    issues = list(issues)
    out = [i.span for i in issues if getattr(i, "code", None) == "jargon" and is_acronym(i.quote)]
    out += [_with_report(text, i.span) for i in issues if getattr(i, "code", None) in REMOVED_CODES]
    spans = [i.span for i in issues if getattr(i, "code", None) == "pushy_sales"]
    if not spans:
        return out
    for sent in split_sentences(text):
        if any(sent.start <= s < sent.stop for s, _ in spans):
            out.append((sent.start, sent.stop))
    return out


# A rewrite keeps at least this share of the words the draft answers with (outside what it must
# remove) once there are enough of them to tell: «ссылка в расписании в личном кабинете» may be
# reworded, not replaced by «мы [что сделаем] до [срок]».
ANSWER_MIN_WORDS = 6
ANSWER_MIN_SHARE = 0.3
_CONTENT = re.compile(r"[^\W\d_]{4,}")


def content_lemmas(text: str) -> set[str]:
    return {_name_key(w) for w in _CONTENT.findall(text)}


def answer_words(text: str, issues: Iterable[object]) -> set[str]:
    """The draft's content words outside the quotes a rewrite must drop."""
    gone = [i.span for i in issues if getattr(i, "code", None) in ANSWER_EXEMPT]  # type: ignore[attr-defined]
    keep = "".join(" " if not _outside(gone, n, n + 1) else ch for n, ch in enumerate(text))
    return content_lemmas(keep)


def answer_lost(words: set[str], candidate: str) -> bool:
    if len(words) < ANSWER_MIN_WORDS:
        return False
    return len(words & content_lemmas(candidate)) < ANSWER_MIN_SHARE * len(words)

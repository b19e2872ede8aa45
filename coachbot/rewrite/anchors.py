"""Keep the facts of a clause that has to go.

«Надо было проверять заказ № 5531 при курьере» blames the customer, but the
order number must stay. The noun the fact hangs on («заказ № 5531») is lifted
out and put into a neutral phrasebook sentence: «Давайте вместе проверим
заказ № 5531.»
"""

from __future__ import annotations

import re

from coachbot.privacy.detectors import find_contacts
from coachbot.rewrite.facts import NUMBER
from coachbot.rewrite.inflect import inflect, parse_as, parses

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LINKS = re.compile(r"^[\s№#:,.-]*$|^\s*(?:no\.?|nr\.?|number|номер|n)\s*[:#№]?\s*$", re.IGNORECASE)
_DETERMINERS = frozenset({"the", "your", "a", "an", "our", "this", "that", "these", "those", "my"})
# A deadline, a duration or a date: «до 10 раб. дней», «в течение 3-5 дней», «от 12.06», "within 5 days".
_WHEN = re.compile(
    r"(?i)\b(?:до|в течение|через|после|от|с|по|within|after|by|until|from)\s+\d[\d\s.,:-]*(?:\w+)?|"
    r"\d+\s*(?:раб\w*\.?\s*)?(?:дн|дней|дня|час|мин|недел|месяц|мес\b|суток|days?|hours?|weeks?|months?)|"
    r"\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b"
)
# What one can look up: «№ 5531», «4521», «RU48219», «R-55021» — not an amount or a phone number.
_IDENTIFIER = re.compile(r"[№#]\s*[\w-]+|\b\d{4,}\b(?!\s*(?:₽|руб|р\b|\$|€|%))|\b[A-ZА-Я]{1,4}-?\d{3,}")
_UNIT = re.compile(r"^\s*(?:₽|руб\.?|рублей|рубля|рубль|%|\$|€|usd|eur|шт\.?)", re.IGNORECASE)


def _first_fact(text: str) -> tuple[int, int] | None:
    spans = [(s, e) for _, s, e in find_contacts(text)] + [m.span() for m in NUMBER.finditer(text)]
    if not spans:
        return None
    start = min(s for s, _ in spans)
    stop = max(e for s, e in spans if s == start)
    # a run of facts separated by commas belongs together («ул. Ленина, д. 5, кв. 12»)
    for s, e in sorted(spans):
        if s >= stop and re.fullmatch(r"[\s,]*", text[stop:s]):
            stop = max(stop, e)
    unit = _UNIT.match(text[stop:])
    return start, stop + (unit.end() if unit else 0)


def _is_noun(word: str, language: str) -> bool:
    if language != "ru":
        return word.lower() not in {"the", "a", "an", "to", "at", "by", "on", "in", "for", "of", "your", "you"}
    return any(p.tag.POS == "NOUN" for p in parses(word))


def fact_phrase(lost: str, language: str, case: str = "") -> str | None:
    """The noun phrase carrying the first fact of ``lost``, in ``case``; None when there is none."""
    fact = _first_fact(lost)
    if fact is None:
        return None
    start, stop = fact
    if _WHEN.search(lost[max(0, start - 12) : stop + 12]):
        return None  # «проверим возврат до 10 дней» says nothing: a deadline or a date is no thing to check
    address = any(kind in ("ADDRESS", "EMAIL") for kind, _, _ in find_contacts(lost))
    if language == "ru" and not address and not _IDENTIFIER.search(lost[max(0, start - 2) : stop]):
        return None  # «проверим оплату 2 500», «проверим тел. 8 (495)…»: only an order or ticket number is checked
    words = list(_WORD.finditer(lost[:start]))
    if not words:
        return None
    anchor = words[-1]
    preposition = language == "ru" and len(words) > 1 and parses(anchor.group())[0].tag.POS == "PREP"
    if preposition:  # «тариф за 299 ₽»: the noun stands before the preposition
        words = words[:-1]
        anchor = words[-1]
    elif not _LINKS.match(lost[anchor.end() : start]):
        return None
    if language != "ru" and anchor.group().lower() in _DETERMINERS:
        # «the 12-month plan for $120»: the fact modifies what follows, so the phrase runs on
        phrase = lost[anchor.start() :].strip(" ,.;:—–-")
        return phrase if len(phrase.split()) <= 8 else None
    if not _is_noun(anchor.group(), language):
        return None
    first = anchor
    if language == "ru" and len(words) > 1:  # «ваш заказ № 5531»: the possessive comes along
        prev = words[-2]
        if lost[prev.end() : anchor.start()].strip() == "" and any(
            p.tag.POS in ("ADJF", "PRTF") for p in parses(prev.group())
        ):
            first = prev
    phrase = lost[first.start() : stop].strip()
    if language != "ru" or not case:
        return phrase
    noun = parse_as(anchor.group(), pos="NOUN")
    number = str(noun.tag.number) if noun is not None and noun.tag.number else "sing"
    gender = str(noun.tag.gender) if noun is not None and noun.tag.gender else ""
    new_noun = inflect(anchor.group(), {case, number}, pos="NOUN")
    out = (
        phrase.replace(anchor.group(), new_noun, 1)
        if first is anchor
        else (
            inflect(first.group(), {case, number, gender} - {""}, pos="ADJF")
            + lost[first.end() : anchor.start()]
            + new_noun
            + lost[anchor.end() : stop]
        )
    )
    return out

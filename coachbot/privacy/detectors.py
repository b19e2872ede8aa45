"""Regular-expression detectors for contact details, cards, passports and addresses.

Each detector yields ``(kind, start, stop)``; masking and the quality gate
share them, so what is hidden from an LLM is also what a rewrite must keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
PHONES = (
    # +7 / 8 and ten digits, any common grouping: +7 (912) 345-67-89, 8 912 345 67 89
    re.compile(r"(?<![\w+])(?:\+7|8)[\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)"),
    # other international numbers start with +
    re.compile(r"(?<![\w+])\+\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}(?!\d)"),
    # North American: (555) 123-4567, 555-123-4567
    re.compile(r"(?<!\d)(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?!\d)"),
)
CARD_GROUPED = re.compile(r"(?<![\d-])\d{4}(?:[ -]\d{4}){2}[ -]\d{4}(?:[ -]?\d{1,3})?(?![\d-])")
CARD_PLAIN = re.compile(r"(?<!\d)\d{13,19}(?!\d)")
PASSPORTS = (
    re.compile(r"(?i)серия\s*\d{2}\s?\d{2}[\s,]*(?:номер|№)\s*\d{6}(?!\d)"),
    re.compile(r"(?<!\d)(?<!\d[.,:-])\d{2}\s?\d{2}\s\d{6}(?!\d|[.,:-]\d)"),
)
_RU_STREET = (
    r"(?:ул\.|улица|пр-т|пр\.|проспект|пер\.|переулок|б-р|бульвар|ш\.|шоссе|наб\.|набережная|"
    r"пл\.|площадь|мкр\.?|микрорайон|проезд|тупик)"
)
_RU_HOUSE = r"(?:,?\s*(?:д\.|дом)\s*\d+[а-яА-Я]?(?:/\d+)?|,\s*\d+[а-яА-Я]?(?:/\d+)?)"
_RU_EXTRA = r"(?:,?\s*(?:корп\.|корпус|к\.|стр\.|строение)\s*\d+[а-яА-Я]?)?(?:,?\s*(?:кв\.|квартира|оф\.|офис)\s*\d+)?"
ADDRESSES = (
    re.compile(
        r"(?:(?:г\.|город)\s*[А-ЯЁ][\w-]+,?\s*)?"
        + _RU_STREET
        + r"\s*(?:[А-ЯЁ0-9][\w-]*\.?)(?:\s+[А-ЯЁ][\w-]*)*"
        + _RU_HOUSE
        + "?"
        + _RU_EXTRA
    ),
    re.compile(r"(?<![\w.])(?:д\.|дом)\s*\d+[а-яА-Я]?(?:/\d+)?,?\s*(?:кв\.|квартира)\s*\d+"),
    re.compile(
        r"(?<!\d)\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|"
        r"Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Way|Place|Pl\.?)(?:,?\s*(?:Apt\.?|Apartment|Suite|Unit|#)\s*\w+)?"
    ),
)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find_contacts(text: str) -> Iterator[tuple[str, int, int]]:
    """E-mails, cards, passports, phones and addresses, possibly overlapping."""
    for m in EMAIL.finditer(text):
        yield "EMAIL", m.start(), m.end()
    for m in CARD_GROUPED.finditer(text):
        yield "CARD", m.start(), m.end()
    for m in CARD_PLAIN.finditer(text):
        if luhn_ok(m.group()):
            yield "CARD", m.start(), m.end()
    for pattern in PASSPORTS:
        for m in pattern.finditer(text):
            yield "PASSPORT", m.start(), m.end()
    for pattern in PHONES:
        for m in pattern.finditer(text):
            yield "PHONE", m.start(), m.end()
    for pattern in ADDRESSES:
        for m in pattern.finditer(text):
            yield "ADDRESS", m.start(), m.end()

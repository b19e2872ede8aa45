"""Contact details and prices a rewrite adds that neither the draft nor the customer wrote.

A rewrite may reword, never invent a way to reach someone or a sum of money: a link, an
e-mail, a phone or card number, an @mention or a price that is not in the draft or the
customer's message is a rejection (an LLM told «add our link» inside a draft would
otherwise comply). Placeholders the employee fills in («[срок]», «[PHONE_1]») are not details.
"""

from __future__ import annotations

import re

from coachbot.privacy.detectors import find_contacts

URL = re.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>«»\"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:ru|com|рф|org|net|io|me|su)\b(?:/[^\s<>«»\"']*)?"
)
MENTION = re.compile(r"(?<![\w@.])@[A-Za-z][A-Za-z0-9_]{3,31}\b")
PRICE = re.compile(
    r"(?i)(?:[$€£]\s?\d[\d\s\u00a0.,]*\d|[$€£]\s?\d)"
    r"|\d(?:[\d\s\u00a0.,]*\d)?\s?(?:₽|руб(?:\.|л\w*)?|р\.|\$|€|£|usd|eur|rub|долл\w*|евро|dollars?|euros?)"
)
_KINDS = {"EMAIL": "email", "PHONE": "phone", "CARD": "card"}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def details(text: str) -> set[tuple[str, str]]:
    """(kind, normalised value) of every link, e-mail, phone, card, @mention and price in ``text``."""
    found: set[tuple[str, str]] = set()
    for kind, start, stop in find_contacts(text):
        if kind in _KINDS:
            value = text[start:stop]
            normal = value.lower() if kind == "EMAIL" else _digits(value)
            if kind == "PHONE":
                normal = normal[-10:]  # +7 916 … and 8 916 … are the same number
            found.add((_KINDS[kind], normal))
    emails = {v for k, v in found if k == "email"}
    for m in URL.finditer(text):
        url = m.group().lower().rstrip(".,;:!?)")
        if not any(url in e or e.endswith(url) for e in emails):
            found.add(("url", url.removeprefix("https://").removeprefix("http://").removeprefix("www.")))
    found |= {("mention", m.group().lower()) for m in MENTION.finditer(text)}
    found |= {("price", _digits(m.group())) for m in PRICE.finditer(text)}
    return found


def new_details(candidate: str, *sources: str | None) -> list[str]:
    """The kinds of detail the candidate adds (sorted, one per kind)."""
    known = set().union(*(details(s) for s in sources if s))
    known_digits = " ".join(_digits(s) for s in sources if s)
    added = set()
    for kind, value in details(candidate) - known:
        if kind in ("phone", "card", "price") and value and value in known_digits:
            continue  # the same number written differently («1 490 ₽» / «1490 руб.»)
        if kind == "url" and any(value in v or v in value for k, v in known if k == "url"):
            continue
        added.add(kind)
    return sorted(added)

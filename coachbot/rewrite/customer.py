"""Who the reply is addressed to: the draft's own greeting, and the customer's name.

The name comes from the draft's opening («Анна, …», «Здравствуйте, Анна!») or
from the customer's signature or introduction in their message; greetings are
rebuilt from the phrasebook with the name in the nominative and any inserted
adjective («Уважаемая») agreeing with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachbot.privacy.names import find_names, name_parse
from coachbot.rewrite.inflect import agree_with, name_gender, name_nominative
from coachbot.rewrite.phrasebook import Phrasebook

GREETING_WORDS = re.compile(
    r"(?i)\b(?:здравствуйте|добрый\s+(?:день|вечер)|доброе\s+утро|доброй\s+ночи|приветствую|привет|"
    r"уважаем(?:ая|ый|ые)|hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|mr|mrs|ms|miss|dr)\b\.?"
)
_INTRO = re.compile(r"(?i)(?:меня\s+зовут|с\s+уважением,?|my\s+name\s+is|regards,?|sincerely,?)\s*$")
_AGREE = re.compile(r"\{agree:([^}]+)\}")


@dataclass(frozen=True)
class Opening:
    greeting: str | None  # the draft's own greeting, verbatim
    name: str | None  # the customer's name, nominative
    body_start: int  # where the rest of the draft begins


def _names_in(text: str, language: str, start: int, stop: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e in find_names(text, language) if s >= start and e <= stop]


def _normal(name: str, language: str) -> str:
    return name_nominative(name) if language == "ru" else name


def _greeting_end(head: str, names: list[tuple[int, int]], book: Phrasebook) -> int | None:
    """Where the greeting words end: «Здравствуйте», or «Анна, здравствуйте»."""
    m = book.greeting_detect.search(head)
    if m is not None:
        return m.end()
    if names and names[0][0] == 0:
        lead = re.match(r"[,!]?\s*", head[names[0][1] :])
        offset = names[0][1] + (lead.end() if lead else 0)
        m = book.greeting_detect.search(head[offset:])
        if m is not None:
            return offset + m.end()
    return None


def split_opening(text: str, language: str, book: Phrasebook) -> Opening:
    """Separate «Анна, здравствуйте!» / «Hi John,» / «Анна,» from the body of the draft."""
    head = text[:120]
    names = _names_in(text, language, 0, len(head))
    greet_end = _greeting_end(head, names, book)
    if greet_end is not None:
        end = re.search(r"[!.\n]|\)+|,\s*(?=[^\W\d_])", head[greet_end:])  # «Здравствуйте)» too
        stop = greet_end + (end.end() if end else len(head) - greet_end)
        segment_names = [(s, e) for s, e in names if e <= stop + 40]
        # extend over a name that follows the greeting («Здравствуйте, Анна!»)
        for s, e in segment_names:
            if greet_end - 1 <= s <= stop + 2:
                tail = re.match(r"\s*[!.,]?", text[e:])
                stop = e + (tail.end() if tail else 0)
        leftover = GREETING_WORDS.sub("", text[:stop])
        for s, e in sorted(segment_names, reverse=True):
            if e <= stop:
                leftover = leftover.replace(text[s:e], "")
        if not re.search(r"[^\W\d_]", leftover):
            inside = [text[s:e] for s, e in segment_names if e <= stop]
            greeting = re.sub(r"[\s,)]+$", "", text[:stop].strip())
            name = _normal(inside[0], language) if inside else None
            if inside:  # «Добрый день! Марина,» reads as two greetings: «Добрый день, Марина»
                greeting = re.sub(r"\s*[!.]\s+(?=" + re.escape(inside[0]) + ")", ", ", greeting, count=1)
            return Opening(greeting, name, stop)
    if names and names[0][0] == 0 and text[names[0][1] : names[0][1] + 1] in (",", "!"):
        s, e = names[0]
        return Opening(None, _normal(text[s:e], language), e + 1)
    return Opening(None, None, 0)


def name_from_context(context: str | None, language: str) -> str | None:
    """The customer's own name: a signature at the end, or «меня зовут …» / «my name is …»."""
    if not context:
        return None
    text = context.rstrip(" .!\n")
    for s, e in find_names(text, language):
        before = text[:s].rstrip(" ,—–-")
        separated = not before or text[:s].rstrip(" ")[-1:] in "\n—–-," or bool(_INTRO.search(before))
        signature = e >= len(text) - 1 and separated
        if signature or _INTRO.search(text[max(0, s - 20) : s]):
            return _normal(text[s:e], language)
    return None


def short_name(name: str, language: str) -> str:
    """First name (with patronymic) for a greeting: «Пётр Иванов» -> «Пётр»."""
    if language != "ru":
        return name.split()[0]
    kept = [w for w in name.split() if (parsed := name_parse(w)) is not None and "Surn" not in parsed.tag]
    return " ".join(kept) or name


def build_greeting(name: str | None, style: str, book: Phrasebook) -> str:
    templates: dict[str, str] = book.greeting.get(style) or book.greeting["warm"]  # a style: a map of texts
    if not name:
        return templates.get("plain", "")
    template = templates.get("named", "{name}")
    if _AGREE.search(template):
        gender = name_gender(name) if book.language == "ru" else None
        if gender is None and book.language == "ru":
            template = templates.get("named_unknown_gender", _AGREE.sub("", template).strip())
        else:
            template = _AGREE.sub(lambda m: agree_with(m.group(1), gender), template)
    return template.replace("{name}", name)

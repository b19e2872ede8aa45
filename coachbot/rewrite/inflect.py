"""Russian inflection for the words the rewriter inserts (pymorphy3).

Everything here is a pure function of strings: put a phrase into a case,
make an adjective agree with a name, bring a name back to the nominative.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from coachbot.analysis import morph_parse

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Case an indeclinable term takes after a preposition (a motion verb before «в/на» makes it accusative).
PREPOSITION_CASE = {
    "в": "loct",
    "во": "loct",
    "на": "loct",
    "о": "loct",
    "об": "loct",
    "при": "loct",
    "из": "gent",
    "от": "gent",
    "до": "gent",
    "у": "gent",
    "для": "gent",
    "без": "gent",
    "с": "gent",
    "со": "gent",
    "около": "gent",
    "после": "gent",
    "вследствие": "gent",
    "кроме": "gent",
    "вместо": "gent",
    "среди": "gent",
    "насчёт": "gent",
    "насчет": "gent",
    "к": "datv",
    "ко": "datv",
    "по": "datv",
    "согласно": "datv",
    "благодаря": "datv",
    "вопреки": "datv",
    "за": "accs",
    "через": "accs",
    "про": "accs",
    "под": "ablt",
    "над": "ablt",
    "перед": "ablt",
}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def match_case(new: str, original: str) -> str:
    """Give ``new`` the capitalisation of ``original`` (ALL CAPS is not copied)."""
    if original[:1].isupper() and new:
        return new[:1].upper() + new[1:]
    return new


def capitalize_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch == "[" or ch.isdigit():  # «[срок] …», «10:15, каб. 214»: nothing to capitalise
            return text
    return text


@lru_cache(maxsize=4096)
def parses(word: str) -> tuple[Any, ...]:
    return tuple(morph_parse(word.lower()))


def parse_as(word: str, lemma: str | None = None, pos: str | None = None) -> Any | None:
    """The parse of ``word`` with the given lemma / part of speech, else the best one."""
    options = parses(word)
    for p in options:
        if (lemma is None or p.normal_form.replace("ё", "е") == lemma.replace("ё", "е")) and (
            pos is None or pos == p.tag.POS
        ):
            return p
    return None if lemma or pos else (options[0] if options else None)


def inflect(word: str, grammemes: set[str], pos: str | None = None) -> str:
    """``word`` (any form) in the given grammemes; unchanged if pymorphy cannot."""
    parse = parse_as(word, pos=pos) if pos else parse_as(word)
    if parse is None:
        return word
    wanted = {g for g in grammemes if g}
    while wanted:
        form = parse.inflect(wanted)
        if form is not None:
            return match_case(form.word, word)
        # drop the least important grammeme and try again
        for g in ("anim", "inan", "gender", "masc", "femn", "neut"):
            if g in wanted:
                wanted.discard(g)
                break
        else:
            break
    return word


def head_noun(words: list[str]) -> int | None:
    """The first word whose likeliest reading is a noun («старший» is an adjective here)."""
    for i, w in enumerate(words):
        options = parses(w)
        adjective = any(p.tag.POS in ("ADJF", "PRTF") for p in options)
        if adjective and i + 1 < len(words):
            continue
        if any(p.tag.POS == "NOUN" for p in options):
            return i
    for i, w in enumerate(words):
        if parse_as(w, pos="NOUN") is not None:
            return i
    return None


def inflect_phrase(phrase: str, case: str, number: str = "sing") -> str:
    """A nominative phrase («пункт выдачи», «временная блокировка») in ``case``/``number``.

    Adjectives before the head noun agree with it; words after it (a genitive
    complement) stay as they are.
    """
    words = phrase.split()
    head = head_noun(words)
    if head is None:
        return " ".join(inflect(w, {case, number}) for w in words)
    noun = parse_as(words[head], pos="NOUN")
    gender = noun.tag.gender if noun is not None else None
    anim = noun.tag.animacy if noun is not None else None
    out = list(words)
    out[head] = inflect(words[head], {case, number})
    for i in range(head):
        grammemes = {case, number} | ({gender} if number == "sing" and gender else set())
        if case == "accs" and anim:
            grammemes.add(anim)
        out[i] = inflect(words[i], grammemes)
    return " ".join(out)


def gender_of_phrase(phrase: str) -> str | None:
    words = phrase.split()
    head = head_noun(words)
    if head is None:
        return None
    noun = parse_as(words[head], pos="NOUN")
    return noun.tag.gender if noun is not None else None


def name_gender(name: str) -> str | None:
    """``masc``/``femn`` from a first name or patronymic; None when unsure («Саша»)."""
    for word in name.split():
        for p in parses(word):
            if ("Name" in p.tag or "Patr" in p.tag) and p.tag.gender in ("masc", "femn"):
                return str(p.tag.gender)
    return None


def name_nominative(name: str) -> str:
    """«Анне Сергеевне» -> «Анна Сергеевна»; words pymorphy does not know stay as they are.

    A word that already is a nominative name stays exactly as written: «Иванова» is a woman's
    surname, not the genitive of «Иванов», and the greeting never changes whom it addresses.
    """
    out = []
    for word in name.split():
        named = [p for p in parses(word) if any(t in p.tag for t in ("Name", "Patr", "Surn"))]
        if any("nomn" in p.tag and "sing" in p.tag and "Fixd" not in p.tag for p in named):
            out.append(word)
            continue
        declinable = [p for p in named if "Fixd" not in p.tag]
        chosen = (declinable or named or [None])[0]
        if chosen is None:
            out.append(word)
            continue
        form = chosen.inflect({"nomn", "sing"})
        out.append(match_case(form.word, word) if form else word)
    return " ".join(out)


def agree_with(adjective: str, gender: str | None, case: str = "nomn", number: str = "sing") -> str:
    """An adjective («уважаемый») agreeing with a noun of ``gender``."""
    grammemes = {case, number}
    if gender and number == "sing":
        grammemes.add(gender)
    return inflect(adjective, grammemes, pos="ADJF")


def case_after(previous_words: list[str], motion_verbs: frozenset[str] = frozenset()) -> str:
    """The case an indeclinable term takes from the preposition before it."""
    if not previous_words:
        return "nomn"
    prep = previous_words[-1].lower()
    case = PREPOSITION_CASE.get(prep)
    if case is None:
        return "nomn"
    if prep in ("в", "во", "на") and motion_verbs:
        for w in previous_words[-4:-1]:
            p = parse_as(w)
            if p is not None and p.normal_form in motion_verbs:
                return "accs"
    return case


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)

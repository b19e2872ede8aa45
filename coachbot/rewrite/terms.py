"""Jargon and канцелярит words -> plain words, inflected to fit the sentence.

«Ваш тикет эскалирован» -> «Ваша заявка передана старшим специалистам»:
the new noun takes the old one's case and number, the words agreeing with it
(«ваш», «эскалирован») follow its gender, and a verb keeps its tense and form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coachbot.rewrite.inflect import (
    PREPOSITION_CASE,
    case_after,
    gender_of_phrase,
    inflect,
    inflect_phrase,
    parses,
)
from coachbot.rewrite.phrasebook import Phrasebook

_TOKEN = re.compile(r"[\w-]+")
_AGREEING = ("ADJF", "PRTF", "NUMR")
_PREDICATE = ("PRTS", "ADJS", "VERB")


@dataclass
class Word:
    start: int
    stop: int
    text: str
    new: str | None = None

    @property
    def current(self) -> str:
        return self.new if self.new is not None else self.text


def _parse_with_lemma(word: str, lemmas: dict[str, Any]) -> Any | None:
    for p in parses(word):
        if p.normal_form.replace("ё", "е") in lemmas or p.normal_form in lemmas:
            return p
    return None


def _noun_case(words: list[Word], i: int, options: set[str], book: Phrasebook) -> str:
    """Pick the case of an ambiguous noun form from what stands before it."""
    if len(options) == 1:
        return next(iter(options))
    j = i - 1
    while j >= 0 and any(p.tag.POS in _AGREEING for p in parses(words[j].text)):
        j -= 1
    if j >= 0:
        prev = words[j].text.lower()
        if prev in PREPOSITION_CASE:
            case = case_after([w.text for w in words[: j + 1]], book.motion_verbs)
            if case in options:
                return case
        if any(p.tag.POS in ("VERB", "INFN") and "tran" in p.tag for p in parses(prev)) and "accs" in options:
            return "accs"
    return "nomn" if "nomn" in options else sorted(options)[0]


def _agree_neighbours(words: list[Word], i: int, case: str, old_gender: str | None, new_gender: str) -> None:
    """Words agreeing with the replaced noun follow its new gender."""
    j = i - 1
    while j >= 0 and j >= i - 2:
        p = next((p for p in parses(words[j].current) if p.tag.POS in _AGREEING and p.tag.case == case), None)
        if p is None or (old_gender and p.tag.gender and p.tag.gender != old_gender):
            break  # «это холд»: «это» does not agree with «холд», so it stays when «блокировка» comes
        grammemes = {case, "sing", new_gender} | ({"inan"} if case == "accs" else set())
        words[j].new = inflect(words[j].current, grammemes, pos=p.tag.POS)
        j -= 1
    if case != "nomn":
        return
    for k in range(i + 1, min(len(words), i + 4)):
        p = next((p for p in parses(words[k].current) if p.tag.POS in _PREDICATE and p.tag.gender), None)
        if p is not None and (old_gender is None or p.tag.gender == old_gender):
            words[k].new = inflect(words[k].current, {new_gender, "sing"}, pos=p.tag.POS)
            return


def _replace_term(words: list[Word], i: int, target: str, book: Phrasebook) -> None:
    word = words[i].text
    parse = _parse_with_lemma(word, book.terms)
    if parse is None or parse.tag.POS is None:  # an acronym pymorphy does not know
        case = case_after([w.text for w in words[:i]], book.motion_verbs)
        words[i].new = inflect_phrase(target, case, "sing")
        return
    if parse.tag.POS in ("ADJF", "PRTF"):
        grammemes = {parse.tag.case, parse.tag.number, parse.tag.gender}
        words[i].new = inflect(target, {g for g in grammemes if g}, pos="ADJF")
        return
    same_lemma = [p for p in parses(word) if p.normal_form == parse.normal_form and p.tag.case]
    case = _noun_case(words, i, {str(p.tag.case) for p in same_lemma}, book)
    number = str(parse.tag.number or "sing")
    words[i].new = inflect_phrase(target, case, number)
    new_gender = gender_of_phrase(target)
    if number == "sing" and new_gender and new_gender != parse.tag.gender:
        _agree_neighbours(words, i, case, parse.tag.gender, new_gender)


def _replace_verb(words: list[Word], i: int, lemma: str, spec: dict[str, str]) -> None:
    # ``current``: an earlier agreement fix may already have changed the participle's gender
    parse = _parse_with_lemma(words[i].current, {lemma: None}) or parses(words[i].current)[0]
    keep = ("POS", "aspect", "tense", "person", "number", "gender", "mood", "voice", "case")
    grammemes = {str(getattr(parse.tag, attr)) for attr in keep if getattr(parse.tag, attr, None)}
    grammemes.discard(str(parse.tag.aspect or ""))
    words[i].new = inflect(spec["to"], grammemes)
    complement = spec.get("complement")
    following = " ".join(w.current.lower() for w in words[i + 1 : i + 3])
    if (
        complement
        and not following.startswith(complement.split()[0])
        and not (following.split()[:1] and following.split()[0] in PREPOSITION_CASE)
    ):
        words[i].new = (words[i].new or words[i].current) + " " + complement


def _english(text: str, book: Phrasebook) -> str:
    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        new = book.terms.get(low)
        if new is None and low.endswith("s") and low[:-1] in book.terms:
            new = book.terms[low[:-1]] + "s"
        if new is None:
            for lemma, spec in book.verbs.items():
                stem = lemma[:-1] if lemma.endswith("e") else lemma
                for suffix in ("ed", "ing", "es", "s", "e", ""):
                    if low == stem + suffix or low == lemma:
                        tail = "" if low == lemma else suffix.lstrip("e") if suffix in ("es", "s") else suffix
                        to = spec["to"]
                        new = to + ("es" if tail == "s" and to.endswith(("s", "sh", "ch")) else tail)
                        if spec.get("complement"):
                            new += " " + spec["complement"]
                        break
                if new is not None:
                    break
        if new is None:
            return word
        return new[:1].upper() + new[1:] if word[:1].isupper() and m.start() == 0 else new

    return _TOKEN.sub(swap, text)


def replace_terms(text: str, book: Phrasebook) -> str:
    """Swap every phrasebook term and verb in a sentence for its plain form."""
    if book.language == "en":
        return _english(text, book)
    words = [Word(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    for i, w in enumerate(words):
        low = w.text.lower()
        if low in book.terms:
            _replace_term(words, i, book.terms[low], book)
            continue
        parse = _parse_with_lemma(low, book.terms)
        if parse is not None:
            _replace_term(words, i, book.terms[parse.normal_form], book)
            continue
        verb = _parse_with_lemma(low, book.verbs)
        if verb is not None and verb.tag.POS in ("VERB", "INFN", "PRTS", "PRTF", "GRND"):
            _replace_verb(words, i, verb.normal_form, book.verbs[verb.normal_form])
    out, pos = [], 0
    for w in words:
        out.append(text[pos : w.start])
        new = w.current
        if w.new is not None and w.start == 0 and w.text[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(new)
        pos = w.stop
    out.append(text[pos:])
    return "".join(out)

"""Sentence-level edits: cut a clause, drop a fragment, soften an order, tidy up.

Each function takes and returns one sentence as a string; the offline
rewriter chains them. Nothing here invents facts: it removes or rephrases.
"""

from __future__ import annotations

import re

from coachbot.analysis import ACRONYM_OK
from coachbot.rewrite.inflect import capitalize_first
from coachbot.rewrite.phrasebook import Phrasebook

WORDS = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more
CLAUSE_BOUNDARY = re.compile(r"[,;:—–]|\s-\s")
END = re.compile(r"[.!?…]+[)»\"']*\s*$")
_CAPS = re.compile(r"\b[A-ZА-ЯЁ]{3,}\b")
_CONSONANT = "бвгджзклмнпрстфхцчшщ"
# Russian prepositions take a vowel before some consonant clusters: «во временной», «со сроком».
_EUPHONY = (
    (re.compile(rf"\b([Вв])\s+(?=[вфВФ][{_CONSONANT}])"), r"\1о "),
    (re.compile(rf"\b([Сс])\s+(?=[сзшжСЗШЖ][{_CONSONANT}])"), r"\1о "),
    (re.compile(rf"\b([Кк])\s+(?=[кгКГ][{_CONSONANT}])"), r"\1о "),
    (re.compile(r"\b([Оо])\s+(?=[аоэиуыАОЭИУЫ])"), r"\1б "),
)


def split_end(sentence: str) -> tuple[str, str]:
    """Body and final punctuation («Ждите!!!» -> «Ждите», «!!!»)."""
    m = END.search(sentence)
    if not m:
        return sentence.rstrip(), ""
    return sentence[: m.start()].rstrip(), m.group().strip()


def strip_openers(text: str, book: Phrasebook) -> str:
    """Drop a conjunction left at the start («вот и ждите» -> «ждите»)."""
    changed = True
    while changed:
        changed = False
        stripped = text.lstrip(" ,;:—–-")
        for opener in book.clause_openers:
            if re.match(rf"{re.escape(opener)}\b", stripped, re.IGNORECASE):
                stripped = stripped[len(opener) :].lstrip(" ,")
                changed = True
                break
        text = stripped
    return text


def remove_clause(sentence: str, start: int, stop: int, book: Phrasebook) -> tuple[str, str]:
    """Cut the clause holding ``sentence[start:stop]``: (what is left, maybe "", and what was cut).

    A clause that ends in a colon takes what the colon introduces with it.
    """
    body, end = split_end(sentence)
    stop = min(stop, len(body))
    bounds = [(m.start(), m.end()) for m in CLAUSE_BOUNDARY.finditer(body)]
    left = max((b for b in bounds if b[1] <= start), default=None)
    right = min((b for b in bounds if b[0] >= stop), default=None)
    if right is not None and body[right[0]] == ":":
        right = None
    if left is None and right is None:
        return "", body
    if left is None:
        lost, rest = body[: right[1]], strip_openers(body[right[1] :], book)  # type: ignore[index]
    elif right is None:
        lost, rest = body[left[1] :], body[: left[0]]
    else:
        lost, rest = body[left[1] : right[0]], body[: left[0]] + body[right[0] :]
    rest = rest.strip(" ,;:—–-")
    if len(WORDS.findall(rest)) < 2 and not re.search(r"\d", rest):  # a stray «Возможно.»
        return "", body
    return capitalize_first(rest) + (end or "."), lost


def remove_fragments(sentence: str, book: Phrasebook) -> str:
    for pattern in book.remove:
        sentence = pattern.sub("", sentence)
    return sentence


def reframe(sentence: str, book: Phrasebook) -> str:
    """Rephrase a reproach that carries facts («Надо было оплатить до 15:00» -> «Оплатить можно до 15:00»)."""
    for pattern, replacement in book.reframes:
        sentence = pattern.sub(replacement, sentence)
    return capitalize_first(sentence)


def apply_phrases(sentence: str, book: Phrasebook) -> str:
    for pattern, replacement in book.phrases:
        sentence = pattern.sub(replacement, sentence)
    return sentence


def unshout(sentence: str) -> str:
    """CAPS words to lower case (acronyms stay), «!!!» and «?!» to one mark."""

    def lower(m: re.Match[str]) -> str:
        word = m.group()
        return word if word in ACRONYM_OK else word.lower()

    before = sentence
    sentence = _CAPS.sub(lower, sentence)
    if sentence != before:  # shouting: short capitalised words («ЖЕ», «В») go too
        sentence = re.sub(r"\b[A-ZА-ЯЁ]{1,2}\b", lower, sentence)
    sentence = re.sub(r"[!?]*\?[!?]*", "?", sentence)
    return re.sub(r"!{2,}", "!", sentence)


def soften_command(sentence: str, verb: str, book: Phrasebook, style: str, time_known: bool = False) -> str:
    """A bare order («Ожидайте.», «Заполните форму.») becomes a request with a time or a reason."""
    req = book.requests
    body, _end = split_end(sentence)
    m = re.search(rf"(?<![\w-]){re.escape(verb)}(?![\w-])", body, re.IGNORECASE)
    if m is None:
        return sentence
    low = verb.lower()
    waiting = low in req["wait_words"]
    rest = (body[: m.start()] + body[m.end() :]).strip(" ,.!;:—–-")
    if waiting and not re.search(r"[^\W\d_]{3,}", rest):
        return book.styled(req["wait_alone"], style)
    swapped = req["swap"].get(low, low)
    before, tail = body[: m.start()], body[m.end() :]
    # the reason or time belongs to the verb's own clause, not to whatever follows it
    boundary = CLAUSE_BOUNDARY.search(tail)
    after = tail[boundary.start() :] if boundary else ""
    tail = tail[: boundary.start()] if boundary else tail
    suffix = ""
    if waiting and not time_known and not book.has_time.search(body):
        suffix = req["time_suffix"]
    elif not waiting and not book.has_reason.search(before + tail) and not after.strip(" ,"):
        suffix = req["reason_suffix"]
        for pattern, why in req.get("reason_by_verb", {}).items():
            if re.search(pattern, swapped, re.IGNORECASE):  # «прочитайте тарифы — там вы найдёте …»
                suffix = why
                break
    if not before.strip(" ,;:—–-"):
        body = req["please_start"] + swapped + tail + suffix + after
    elif req["please_inline"]:
        inline = req["please_inline"] if (tail.strip() or suffix or after) else req["please_inline"].rstrip(",")
        body = before + swapped + inline + tail + suffix + after
        body = re.sub(r",\s*,", ",", body)
    else:
        body = before + "please " + swapped + tail + suffix + after
    return capitalize_first(_one_please(body.strip())) + "."


_PLEASE = re.compile(r"(?i)\b(?:пожалуйста|please)\b")


def _one_please(text: str) -> str:
    """«Пожалуйста, проверьте, пожалуйста, почту» says it twice: the first one stays."""
    found = list(_PLEASE.finditer(text))
    for m in reversed(found[1:]):
        text = (text[: m.start()].rstrip(" ,") + text[m.end() :]).replace(" ,", ",")
    return re.sub(r"\s{2,}", " ", text)


EMOJI_CHARS = "\U0001f300-\U0001faff\u2600-\u27bf"
EMOJI = re.compile(f"[{EMOJI_CHARS}\ufe0f\u200d]+")
_ENDS_WITH_EMOJI = re.compile(f"[{EMOJI_CHARS}]\ufe0f?$")  # an emoji ends a sentence as a full stop does

# «уведомление было в ЛК, видимо.» once «вы не заметили» is cut: the hedge hangs on nothing.
DANGLING = re.compile(
    r"(?i),?\s*\b(?:видимо|наверное|вероятно|похоже|по-видимому|очевидно|apparently|probably|obviously|perhaps)"
    r"\s*[,;:—–-]?\s*(?=[.!?…]*$)"
)


def tidy(sentence: str) -> str:
    """Spaces, doubled punctuation, capital letter, final mark."""
    s = re.sub(r"\s+", " ", sentence).strip()
    s = re.sub(r"\s+([,.!?;:…])", r"\1", s)
    s = re.sub(r",\s*([.!?])", r"\1", s)
    s = re.sub(r",\s*([—–])", r" \1", s)
    s = re.sub(r"([,;:])\s*[,;:]+", r"\1", s)
    s = re.sub(r"^[\s,.;:!?—–-]+", "", s)
    s = re.sub(r"\(\s*\)", "", s)
    s = DANGLING.sub("", s)
    for pattern, repl in _EUPHONY:
        s = pattern.sub(repl, s)
    if not re.search(r"[^\W\d_]", s):
        return ""
    s = capitalize_first(s)
    if not re.search(r"[.!?…][)»\"']*$", s) and not _ENDS_WITH_EMOJI.search(s):
        s = s.rstrip(" ,;:—–-") + "."
    return s

"""Tokens with character spans, sentences, and cached lemmas.

razdel splits Russian text well (and English well enough); pymorphy3 gives
Russian lemmas and grammemes. English words get a light suffix-stripping
lemma so the same pattern engine serves both languages.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pymorphy3
from razdel import sentenize, tokenize

# «Добрый день!», «Здравствуйте, Марина!», "Hi John,": a greeting alone says nothing a flag could point at.
GREETING_ONLY = re.compile(
    r"(?i)^\W*(?:здравствуй(?:те)?|добр(?:ый|ого)\s+(?:день|дня|вечер|вечера)|доброе\s+утро|доброго\s+утра|"
    r"доброй\s+ночи|приветствую|привет|hi|hello|hey|good\s+(?:morning|afternoon|evening)|greetings)"
    r"(?:[\s,]+[^\W\d_]+){0,2}\W*$"
)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_WORD_OR_CONTRACTION = re.compile(r"[\w-]+('[a-z]+)?", re.UNICODE | re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    stop: int
    lower: str
    lemma: str
    tags: frozenset[str]
    index: int  # position within its sentence
    is_word: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    stop: int
    tokens: tuple[Token, ...]


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def morph_parse(word: str) -> list[Any]:
    """pymorphy3's parses of ``word``, never empty. It raises on a character Unicode gives no name
    (an unassigned code point, some historic scripts): those are left out of the word, and a word
    of nothing else is parsed as punctuation."""
    try:
        return list(morph().parse(word))
    except (KeyError, ValueError):
        named = "".join(ch for ch in word if unicodedata.name(ch, ""))
        return list(morph().parse(named)) if named else list(morph().parse("_"))


@lru_cache(maxsize=200_000)
def parse_word(lower: str) -> tuple[str, frozenset[str]]:
    """Lemma and grammemes of a lower-cased word (cached: drafts repeat words)."""
    if lower.isdigit():
        return lower, frozenset({"NUMB"})
    if _CYRILLIC.search(lower):
        parsed = morph_parse(lower)[0]
        return parsed.normal_form.replace("ё", "е"), frozenset(parsed.tag.grammemes)
    if _LATIN.search(lower):
        return english_lemma(lower), frozenset({"LATN"})
    return lower, frozenset()


_EN_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_EN_KEEP = frozenset(
    {
        "is",
        "was",
        "has",
        "this",
        "its",
        "us",
        "yes",
        "less",
        "process",
        "address",
        "access",
        "business",
        "unless",
        "always",
        "as",
        "bus",
        "plus",
        "series",
        "thus",
        "news",
        "status",
        "red",
        "need",
        "feed",
        "speed",
        "bed",
        "shed",
        "sorry",
        "apologies",
        "bring",
        "thing",
        "nothing",
        "anything",
        "something",
        "everything",
        "king",
        "ring",
        "during",
        "morning",
        "evening",
        "sing",
        "wing",
    }
)


def english_lemma(word: str) -> str:
    """A crude, predictable English stem: enough to match inflected forms."""
    word = word.replace("’", "'")
    if word in _EN_KEEP or len(word) <= 3:
        return word
    for suffix, repl in _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


def detect_language(text: str) -> str:
    """``ru`` or ``en`` by the share of Cyrillic letters (Russian wins ties)."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr == 0 and lat == 0:
        return "ru"
    return "ru" if cyr >= lat * 0.5 else "en"


_CONTRACTION_TAILS = frozenset({"t", "s", "m", "ll", "re", "ve", "d"})


def _raw_tokens(text: str) -> list[tuple[str, int, int]]:
    """razdel tokens, with English contractions («doesn't», «it's») kept whole."""
    out: list[tuple[str, int, int]] = []
    raw = list(tokenize(text))
    i = 0
    while i < len(raw):
        tok = raw[i]
        if (
            i + 2 < len(raw)
            and raw[i + 1].text in ("'", "’")
            and raw[i + 2].text.lower() in _CONTRACTION_TAILS
            and tok.stop == raw[i + 1].start
            and raw[i + 1].stop == raw[i + 2].start
            and _LATIN.search(tok.text)
        ):
            out.append((text[tok.start : raw[i + 2].stop].replace("’", "'"), tok.start, raw[i + 2].stop))
            i += 3
            continue
        out.append((tok.text, tok.start, tok.stop))
        i += 1
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their tokens; cached, since the rules, the complaint check and the
    model's sentence scan all read the same draft (callers get a fresh list)."""
    return list(_split_cached(text))


# Messenger drafts run on in lower case: «курьеров не хватает. начислили 300 бонусов», «сами
# понимаете) курьеров…». razdel waits for a capital; a stop after a word of four letters or more
# (not «ул. мира», «т. е.»), a «!», «?», «…» or a smiley's bracket still ends the sentence.
LOWER_BREAK = re.compile(r"(?:(?<=[!?…])|(?<=[^\W\d_]{4}\.)|(?<=[^\W\d_]\)))\s+(?=[a-zа-яё])")


@dataclass(frozen=True)
class _Chunk:
    text: str
    start: int
    stop: int


def _breaks(text: str) -> list[int]:
    cuts = []
    for m in LOWER_BREAK.finditer(text):
        before = text[: m.start()]
        if before.endswith(")") and before.count("(") >= before.count(")"):
            continue  # «(см. договор) далее»: a bracket that closes something is no smiley
        cuts.append(m.end())
    return cuts


def _chunks(text: str) -> list[_Chunk]:
    out = []
    for chunk in sentenize(text):
        cuts = [0, *_breaks(chunk.text), len(chunk.text)]
        for a, b in itertools.pairwise(cuts):
            piece = chunk.text[a:b].rstrip()
            if piece:
                out.append(_Chunk(piece, chunk.start + a, chunk.start + a + len(piece)))
    return out


@lru_cache(maxsize=2048)
def _split_cached(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for chunk in _chunks(text):
        tokens = []
        for i, (tok_text, tok_start, tok_stop) in enumerate(_raw_tokens(chunk.text)):
            lower = tok_text.lower().replace("ё", "е")
            lemma, tags = parse_word(lower)
            tokens.append(
                Token(
                    tok_text,
                    chunk.start + tok_start,
                    chunk.start + tok_stop,
                    lower,
                    lemma,
                    tags,
                    i,
                    bool(_WORD_OR_CONTRACTION.fullmatch(tok_text)),
                )
            )
        sentences.append(Sentence(chunk.text, chunk.start, chunk.stop, tuple(tokens)))
    return tuple(sentences)


def past_greeting(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences that say something: a flag never points at «Добрый день!» alone."""
    return [s for s in sentences if not GREETING_ONLY.match(s.text)] or sentences

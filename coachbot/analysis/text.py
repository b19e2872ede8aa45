"""Tokens with character spans, sentences, and cached lemmas.

razdel splits Russian text well (and English well enough); pymorphy3 gives
Russian lemmas and grammemes. English words get a light suffix-stripping
lemma so the same pattern engine serves both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3
from razdel import sentenize, tokenize

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


@lru_cache(maxsize=200_000)
def parse_word(lower: str) -> tuple[str, frozenset[str]]:
    """Lemma and grammemes of a lower-cased word (cached: drafts repeat words)."""
    if lower.isdigit():
        return lower, frozenset({"NUMB"})
    if _CYRILLIC.search(lower):
        parsed = morph().parse(lower)[0]
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


@lru_cache(maxsize=2048)
def _split_cached(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for chunk in sentenize(text):
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

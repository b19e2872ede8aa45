"""The rule layer: lemma patterns -> quoted issues and strengths."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import cast

from coachbot.analysis import rules_en, rules_ru
from coachbot.analysis.patterns import Pattern, PatternIndex, compile_pattern, negated_before
from coachbot.analysis.rule_words import (
    ACRONYM_OK,
    ALTERNATIVE,
    EN_ACRONYMS,
    EN_FIRST_PERSON,
    FIRST_PERSON,
    KNOWN_ACRONYMS,
    REASON_MARKERS,
    SOFTENERS,
    SPEAKERS,
    SPEECH_VERBS,
)
from coachbot.analysis.text import Sentence, morph, morph_parse, past_greeting, split_sentences
from coachbot.analysis.types import Issue, Strength
from coachbot.taxonomy import issue_entry

_CYRILLIC_WORD = re.compile(r"^[а-яё-]+$")
_VOWELS = re.compile(r"[aeiouy]")
CAPS_WORD = re.compile(r"\b[A-ZА-ЯЁ]{3,}\b")
SHOUT_PUNCT = re.compile(r"[!?]{3,}|\?!|!\?")


@dataclass(frozen=True)
class Rule:
    code: str
    pattern: Pattern
    neg: bool = True
    speech: bool = False
    weak: bool = False
    self_check: bool = False
    imperative: bool = False
    alt: bool = True
    start: bool = False
    firm: bool = False  # the tone model never overrules it


@dataclass
class LanguageRules:
    issues: PatternIndex  # payload: Rule
    firm: PatternIndex  # payload: Rule, the firm ones only
    strengths: PatternIndex  # payload: strength code
    vague: PatternIndex
    complaint_words: frozenset[str]
    complaint: PatternIndex
    admitted: PatternIndex
    action_verbs: frozenset[str]
    time_words: frozenset[str]


def _index(sources: list[str]) -> PatternIndex:
    return PatternIndex([(src, compile_pattern(src)) for src in sources])


@lru_cache(maxsize=2)
def language_rules(language: str) -> LanguageRules:
    module: ModuleType = rules_en if language == "en" else rules_ru
    issues = [
        Rule(
            code,
            compile_pattern(src),
            neg=o.get("neg", True),
            speech=o.get("speech", False),
            weak=o.get("weak", False),
            self_check=o.get("self", False),
            imperative=o.get("imperative", False),
            alt=o.get("alt", True),
            start=o.get("start", False),
            firm=o.get("firm", False),
        )
        for code, items in module.ISSUE_PATTERNS.items()
        for src, o in items
    ]
    strengths = PatternIndex([(code, compile_pattern(p)) for code, ps in module.STRENGTH_PATTERNS.items() for p in ps])
    return LanguageRules(
        PatternIndex([(r, r.pattern) for r in issues]),
        PatternIndex([(r, r.pattern) for r in issues if r.firm]),
        strengths,
        _index(module.VAGUE_PROMISES),
        module.COMPLAINT_WORDS,
        _index(module.COMPLAINT_PATTERNS),
        _index(module.ADMITTED_FAILURE),
        module.ACTION_VERBS,
        module.TIME_WORDS,
    )


@dataclass
class Hit:
    code: str
    start: int
    stop: int
    weak: bool
    sentence: int


@dataclass
class RuleResult:
    issues: list[Issue] = field(default_factory=list)
    strengths: list[Strength] = field(default_factory=list)
    complaint: bool = False
    sentences: list[Sentence] = field(default_factory=list)


def _in_customer_speech(sentence: Sentence, first: int) -> bool:
    seen_speaker = seen_verb = False
    for tok in sentence.tokens[:first]:
        if tok.lemma in SPEAKERS:
            seen_speaker = True
        elif seen_speaker and tok.lemma in SPEECH_VERBS:
            seen_verb = True
        elif seen_verb and tok.lower in ("что", "будто", "that", "якобы"):
            return True
    return False


def _self_directed(sentence: Sentence, first: int, last: int) -> bool:
    window = sentence.tokens[max(0, first - 3) : last + 2]
    return any(t.lower in FIRST_PERSON for t in window)


def _softened(sentence: Sentence) -> bool:
    low = sentence.text.lower()
    return any(s in low for s in SOFTENERS) or bool(REASON_MARKERS.search(sentence.text))


def _find(index: PatternIndex, sentences: list[Sentence], neg: bool = True) -> list[tuple[object, int, int, int]]:
    found = []
    for si, sent in enumerate(sentences):
        for payload, first, last in index.search(sent):
            if neg and negated_before(sent, first):
                continue
            found.append((payload, si, sent.tokens[first].start, sent.tokens[last].stop))
    return found


def _rule_hits(
    rules: LanguageRules, sentences: list[Sentence], has_alternative: bool, index: PatternIndex | None = None
) -> list[Hit]:
    hits: list[Hit] = []
    for si, sent in enumerate(sentences):
        for payload, first, last in (index or rules.issues).search(sent):
            rule = cast(Rule, payload)
            if rule.neg and negated_before(sent, first):
                continue
            if rule.speech and _in_customer_speech(sent, first):
                continue
            if rule.self_check and _self_directed(sent, first, last):
                continue
            if rule.imperative and (_softened(sent) or (rule.start and first > 1)):
                continue
            if rule.code == "commanding" and _softened(sent):
                continue
            if rule.code == "internal_excuse" and rule.alt and has_alternative:
                continue
            hits.append(Hit(rule.code, sent.tokens[first].start, sent.tokens[last].stop, rule.weak, si))
    return hits


def firm_spans(text: str, language: str) -> list[tuple[str, int, int]]:
    """Where the firm rules hit ``text``: (code, start, stop) that no model judgement overrules."""
    rules = language_rules(language)
    sentences = split_sentences(text)
    hits = _rule_hits(rules, sentences, bool(ALTERNATIVE.search(text)), rules.firm)
    return [(h.code, h.start, h.stop) for h in hits]


def _is_shouted_word(word: str) -> bool:
    """An upper-case word that is a real word, not an acronym like SLA or АСЦ."""
    if len(word) < 4 or word in ACRONYM_OK or any(ch.isdigit() for ch in word):
        return False
    lower = word.lower()
    if _CYRILLIC_WORD.match(lower):
        parsed = morph_parse(lower)[0]
        return morph().word_is_known(lower) and "Abbr" not in parsed.tag
    return bool(_VOWELS.search(lower)) and lower not in EN_ACRONYMS


_ACRONYM = re.compile(r"(?<![\w-])(?:[A-ZА-ЯЁ]{2,5}|[A-ZА-Я]{1,2}\d)(?![\w-])")


def _acronyms(text: str) -> list[Hit]:
    """Internal abbreviations (АСЦ, ЦТП, SLA, L2) the customer cannot decode."""
    return [
        Hit("jargon", m.start(), m.end(), False, 0)
        for m in _ACRONYM.finditer(text)
        if m.group() not in KNOWN_ACRONYMS and not _is_plain_word(m.group())
    ]


def _is_plain_word(word: str) -> bool:
    """«НЕ», «ДА», «ЭТО» in capitals are words, not abbreviations."""
    lower = word.lower()
    if _CYRILLIC_WORD.match(lower):
        return morph().word_is_known(lower) and "Abbr" not in morph_parse(lower)[0].tag
    return _is_shouted_word(word)


def _shouting(text: str, sentences: list[Sentence]) -> list[Hit]:
    hits = []
    caps = [m for m in CAPS_WORD.finditer(text) if _is_shouted_word(m.group())]
    if len(caps) >= 2:
        hits.append(Hit("rudeness", caps[0].start(), caps[-1].end(), False, 0))
    for m in SHOUT_PUNCT.finditer(text):
        start = text.rfind(" ", 0, max(0, m.start() - 1)) + 1
        hits.append(Hit("rudeness", start, m.end(), False, 0))
        break
    return hits


def has_complaint(context: str, language: str) -> bool:
    """Does the customer's message report a failure or voice a complaint?"""
    rules = language_rules(language)
    sentences = split_sentences(context)
    for sent in sentences:
        words = [t for t in sent.tokens if t.is_word]
        if any(t.lemma in rules.complaint_words or t.lower in rules.complaint_words for t in words):
            return True
    if _find(rules.complaint, sentences, neg=False):
        return True
    return "!!" in context or bool(re.search(r"\?!|!\?", context))


TIME_SLOT = re.compile(r"\[(?:срок|дата|время|когда|date|time|deadline|when)\]", re.IGNORECASE)


def concrete_step(rules: LanguageRules, sentences: list[Sentence]) -> bool:
    """A concrete action, a time frame, a question or a polite request for details.

    A slot for the time («до [срок]», "by [date]") counts as a time frame: the employee fills it in.
    """
    for sent in sentences:
        lemmas = {t.lemma for t in sent.tokens}
        lowers = {t.lower for t in sent.tokens}
        has_time = (
            bool(lemmas & rules.time_words or lowers & rules.time_words)
            or any("NUMB" in t.tags for t in sent.tokens)
            or bool(TIME_SLOT.search(sent.text))
        )
        has_action = bool(lemmas & rules.action_verbs or lowers & rules.action_verbs)
        if has_action and has_time:
            return True
        first_person = any("1per" in t.tags or t.lower in EN_FIRST_PERSON for t in sent.tokens)
        if (has_action or has_time) and first_person:
            return True
        if has_time and any({"VERB", "INFN", "PRTS"} & t.tags for t in sent.tokens):
            return True
        if sent.text.rstrip().endswith("?"):
            return True
        if _softened(sent) and any("impr" in t.tags or t.lower in ("please",) for t in sent.tokens):
            return True
    return False


def _strengths(rules: LanguageRules, text: str, sentences: list[Sentence]) -> list[Strength]:
    out: list[Strength] = []
    seen: set[object] = set()
    for code, _si, start, stop in _find(rules.strengths, sentences, neg=False):
        if code in seen:
            continue
        if code == "apology" and "сожалени" in text[start:stop].lower():
            continue
        seen.add(code)
        out.append(Strength(str(code), text[start:stop], (start, stop)))
    for sent in sentences:
        if concrete_step(rules, [sent]) and not sent.text.rstrip().endswith("?"):
            out.append(Strength("solution", sent.text.strip(), (sent.start, sent.stop)))
            break
    for sent in sentences:
        names = [t for t in sent.tokens if {"Name", "Patr"} & t.tags and t.text[:1].isupper()]
        if names:
            out.append(Strength("personal", names[0].text, (names[0].start, names[0].stop)))
            break
    return out


def _merge_spans(hits: list[Hit]) -> list[tuple[int, int]]:
    """Overlapping hits of one code become one quote."""
    merged: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.stop)):
        if merged and hit.start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hit.stop))
        else:
            merged.append((hit.start, hit.stop))
    return merged


def _issue(code: str, text: str, start: int, stop: int, language: str, source: str = "rule") -> Issue:
    entry = issue_entry(code, language)
    return Issue(code, (start, stop), text[start:stop], entry.explanation, entry.suggestion, source)  # type: ignore[arg-type]


def run_rules(text: str, language: str, context: str | None = None) -> RuleResult:
    rules = language_rules(language)
    sentences = split_sentences(text)
    has_alternative = bool(ALTERNATIVE.search(text))
    hits = _rule_hits(rules, sentences, has_alternative) + _shouting(text, sentences) + _acronyms(text)
    strengths = _strengths(rules, text, sentences)
    strength_codes = {s.code for s in strengths}

    issues: list[Issue] = []
    by_code: dict[str, list[Hit]] = {}
    for hit in hits:
        by_code.setdefault(hit.code, []).append(hit)
    lone_cold: Hit | None = None
    for code, code_hits in by_code.items():
        strong = [h for h in code_hits if not h.weak]
        if code == "cold" and not strong and {"empathy", "apology", "personal"} & strength_codes:
            continue
        if not strong and len(code_hits) < 2:
            if code == "cold":
                lone_cold = code_hits[0]
            continue
        for start, stop in _merge_spans(strong or code_hits):
            issues.append(_issue(code, text, start, stop, language))

    complaint = bool(context and context.strip() and has_complaint(context, language))
    admitted = bool(_find(rules.admitted, sentences))
    if (complaint or admitted) and "apology" not in strength_codes and sentences:
        first = past_greeting(sentences)[0]
        issues.append(_issue("no_apology", text, first.start, first.stop, language))

    vague = _find(rules.vague, sentences)
    step = concrete_step(rules, sentences)
    if not step and (vague or complaint or admitted):
        if vague:
            _, _, start, stop = vague[0]
        else:
            start, stop = sentences[-1].start, sentences[-1].stop
        issues.append(_issue("no_next_step", text, start, stop, language))

    # One stock phrase alone is not coldness; with nothing warm and nothing concrete it is.
    if lone_cold and not strengths and {"commanding", "no_next_step"} & {i.code for i in issues}:
        issues.append(_issue("cold", text, lone_cold.start, lone_cold.stop, language))
    issues.sort(key=lambda i: (i.span[0], i.code))
    return RuleResult(issues, strengths, complaint, sentences)

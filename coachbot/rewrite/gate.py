"""The quality gate: a rewrite is shown only if it is better and keeps every fact.

Each candidate is analysed with the same analyzer as the draft. It passes when
it scores higher than the draft, carries none of the draft's issue codes (and
no new one), keeps every fact, adds no link, contact or price of its own
(``novelty.py``), and keeps most of the words the draft answers with — a
promise full of placeholders is no substitute for the answer (``facts.py``).
The verdict is recorded on the rewrite.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coachbot.analysis import Analysis, Analyzer, DraftError, DraftInput, validate_draft
from coachbot.rewrite.facts import Fact, answer_lost, answer_words, exempt_spans, extract_facts, missing_facts
from coachbot.rewrite.novelty import new_details


@dataclass
class Verdict:
    passed: bool
    score: int
    draft_score: int
    reasons: list[str] = field(default_factory=list)
    improves: bool = False  # scores higher and keeps every fact, even if a code remains

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "reasons": list(self.reasons),
            "score": self.score,
            "draft_score": self.draft_score,
        }


# Codes whose quoted words must be gone from a rewrite (not merely scored better): the words that
# blame, snap, wave away, hide behind rules or sell.
REMOVE_QUOTED = frozenset({"blame", "rudeness", "dismissive", "internal_excuse", "pushy_sales"})
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.casefold().replace("ё", "е")).strip(" .,!?…")


def surviving_quotes(draft: Analysis, rewrite: str) -> list[str]:
    """The codes of the draft whose quoted words the rewrite still contains."""
    text = _norm(rewrite)
    return sorted({i.code for i in draft.issues if i.code in REMOVE_QUOTED and len(_norm(i.quote)) >= 4
                   and _norm(i.quote) in text})  # fmt: skip


class QualityGate:
    def __init__(self, analyzer: Analyzer, ignore_terms: frozenset[str] = frozenset()) -> None:
        self.analyzer = analyzer
        self.ignore_terms = ignore_terms

    def facts(self, draft: Analysis) -> list[Fact]:
        return extract_facts(draft.text, draft.language, exempt_spans(draft.text, draft.issues), self.ignore_terms)

    def judge(
        self, draft: Analysis, candidates: Sequence[str], facts: list[Fact] | None = None
    ) -> list[tuple[Analysis | None, Verdict]]:
        """One (analysis, verdict) per candidate, in order; the analyzer runs once, batched."""
        facts = self.facts(draft) if facts is None else facts
        valid: list[int] = []
        results: list[tuple[Analysis | None, Verdict]] = []
        for n, text in enumerate(candidates):
            try:
                validate_draft(text, self.analyzer.max_chars)
            except DraftError as exc:
                results.append((None, Verdict(False, 0, draft.score, [f"invalid:{exc.code}"])))
                continue
            results.append((None, Verdict(False, 0, draft.score)))
            valid.append(n)
        inputs = [DraftInput(candidates[n], draft.context, draft.id) for n in valid]
        analyses = self.analyzer.analyze_many(inputs) if inputs else []
        answer = answer_words(draft.text, draft.issues)
        for n, analysis in zip(valid, analyses, strict=True):
            results[n] = (analysis, self._verdict(draft, analysis, facts, answer))
        return results

    async def judge_async(
        self, draft: Analysis, candidates: Sequence[str], facts: list[Fact] | None = None
    ) -> list[tuple[Analysis | None, Verdict]]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.judge, draft, list(candidates), facts)

    @staticmethod
    def _verdict(draft: Analysis, candidate: Analysis, facts: list[Fact], answer: set[str]) -> Verdict:
        reasons: list[str] = []
        if candidate.score <= draft.score:
            reasons.append("score_not_higher")
        reasons += [f"kept_quote:{code}" for code in surviving_quotes(draft, candidate.text)]
        fixed = set(draft.codes)
        reasons += [f"still_has:{code}" for code in candidate.codes if code in fixed]
        reasons += [f"new_issue:{code}" for code in candidate.codes if code not in fixed]
        lost = missing_facts(facts, candidate.text)
        reasons += [f"missing_fact:{fact.label()}" for fact in lost]
        if answer_lost(answer, candidate.text):
            reasons.append("lost_answer")
        reasons += [f"new_detail:{kind}" for kind in new_details(candidate.text, draft.text, draft.context)]
        improves = candidate.score > draft.score and not lost
        return Verdict(not reasons, candidate.score, draft.score, reasons, improves)

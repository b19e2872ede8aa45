"""The one verdict: what is shown and what is decided always agree.

Every path that produces an analysis (rules alone, rules with the tone model)
ends here, so three things hold everywhere:

- an issue is shown only on a draft that needs coaching (an issue too weak to
  change the verdict is dropped, not shown under "looks fine");
- words quoted as a problem are never also praised as a strength;
- the score sits on the right side of the coaching line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coachbot.analysis.types import Analysis, Issue, Strength

MIN_CONFIDENCE = 0.5
COACHING_LINE = 70  # scores below it need coaching


@dataclass(frozen=True)
class Verdict:
    issues: list[Issue]
    strengths: list[Strength]
    needs_coaching: bool
    score: int


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def needs_coaching(analysis: Analysis, style: Sequence[Issue] = (), threshold: int = COACHING_LINE) -> bool:
    """The one verdict the employee sees and the history stores: the score below the admins'
    threshold, or a company style rule broken."""
    return analysis.score < threshold or bool(style)


def settle(issues: Sequence[Issue], strengths: Sequence[Strength], score: int) -> Verdict:
    """What the analyzer shows: confident issues only, no praise for quoted words, the score on the
    right side of the coaching line."""
    shown = sorted((i for i in issues if i.confidence >= MIN_CONFIDENCE), key=lambda i: (i.span[0], i.code))
    praised = [s for s in strengths if not any(_overlaps(s.span, i.span) for i in shown)]
    needs = bool(shown)
    score = min(score, COACHING_LINE - 1) if needs else max(score, COACHING_LINE)
    return Verdict(shown, praised, needs, max(0, min(100, score)))

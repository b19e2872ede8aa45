"""Pure functions: issues and strengths -> score, verdict and sentiment."""

from __future__ import annotations

from collections.abc import Iterable

from coachbot.analysis.types import Issue, Strength
from coachbot.taxonomy import ISSUE_WEIGHTS

NEGATIVE_CODES = frozenset({"blame", "rudeness", "dismissive"})
WARM_STRENGTHS = frozenset({"apology", "empathy", "gratitude", "ownership"})
BASE_SCORE = 84
STRENGTH_BONUS = 4
MAX_BONUS = 16


def score(issues: Iterable[Issue], strengths: Iterable[Strength]) -> int:
    """0-100 client-centredness: each distinct issue costs its weight once."""
    worst: dict[str, float] = {}
    for issue in issues:
        worst[issue.code] = max(worst.get(issue.code, 0.0), issue.confidence)
    penalty = sum(ISSUE_WEIGHTS[c] * conf for c, conf in worst.items())
    bonus = min(MAX_BONUS, STRENGTH_BONUS * len({s.code for s in strengths}))
    value = BASE_SCORE + bonus - penalty
    if not worst:
        value = max(value, 75)
    return round(min(100.0, max(0.0, value)))


def sentiment(issues: Iterable[Issue], strengths: Iterable[Strength]) -> str:
    codes = {i.code for i in issues}
    if codes & NEGATIVE_CODES:
        return "negative"
    if {s.code for s in strengths} & WARM_STRENGTHS and not codes & {"cold", "pushy_sales"}:
        return "positive"
    return "neutral"

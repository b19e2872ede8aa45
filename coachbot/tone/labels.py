"""The model's output labels: issue codes, the verdict and sentiment."""

from __future__ import annotations

from coachbot.taxonomy import ISSUE_CODES

SENTIMENTS = ("negative", "neutral", "positive")
VERDICT = "needs_coaching"
LABELS: tuple[str, ...] = (*ISSUE_CODES, VERDICT, *(f"sentiment:{s}" for s in SENTIMENTS))
LABEL2ID = {label: i for i, label in enumerate(LABELS)}


def encode(issues: list[str] | frozenset[str], needs_coaching: bool, sentiment: str | None) -> list[float]:
    """Multi-hot target vector in ``LABELS`` order."""
    target = [0.0] * len(LABELS)
    for code in issues:
        target[LABEL2ID[code]] = 1.0
    target[LABEL2ID[VERDICT]] = 1.0 if needs_coaching else 0.0
    if sentiment in SENTIMENTS:
        target[LABEL2ID[f"sentiment:{sentiment}"]] = 1.0
    return target

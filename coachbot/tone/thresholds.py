"""Per-label decision thresholds chosen on the validation split."""

from __future__ import annotations

import numpy as np

from coachbot.taxonomy import ISSUE_CODES
from coachbot.tone.labels import LABEL2ID, LABELS, VERDICT

GRID = np.round(np.arange(0.2, 0.81, 0.05), 2)


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float((pred & gold).sum())
    fp = float((pred & ~gold).sum())
    fn = float((~pred & gold).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_at(probs: np.ndarray, targets: np.ndarray, thresholds: float | dict[str, float]) -> float:
    """Macro-F1 over the issue codes that occur in ``targets``."""
    scores = []
    for code in ISSUE_CODES:
        j = LABEL2ID[code]
        gold = targets[:, j] > 0.5
        if not gold.any():
            continue
        t = thresholds if isinstance(thresholds, float) else thresholds.get(code, 0.5)
        scores.append(_f1(probs[:, j] >= t, gold))
    return float(np.mean(scores)) if scores else 0.0


def tune_thresholds(probs: np.ndarray, targets: np.ndarray) -> dict[str, float]:
    out: dict[str, float] = {}
    for label in (*ISSUE_CODES, VERDICT):
        j = LABELS.index(label)
        gold = targets[:, j] > 0.5
        if gold.sum() < 3:
            out[label] = 0.5
            continue
        scores = [(_f1(probs[:, j] >= t, gold), -abs(t - 0.5), float(t)) for t in GRID]
        out[label] = max(scores)[2]
    return out

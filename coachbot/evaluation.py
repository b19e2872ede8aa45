"""Precision, recall and F1 of verdicts and issue codes against a labelled set."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coachbot.taxonomy import CORE_CODES, ISSUE_CODES


@dataclass
class Labelled:
    id: str
    text: str
    context: str | None
    needs_coaching: bool
    issues: frozenset[str]
    lang: str = "ru"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    name: str
    binary: Counts = field(default_factory=Counts)
    per_code: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in ISSUE_CODES})
    n: int = 0

    def add(self, predicted_flag: bool, predicted_codes: Iterable[str], gold: Labelled) -> None:
        self.n += 1
        self.binary.add(predicted_flag, gold.needs_coaching)
        codes = set(predicted_codes)
        for code, counts in self.per_code.items():
            counts.add(code in codes, code in gold.issues)

    def macro_f1(self, codes: Iterable[str] = CORE_CODES) -> float:
        codes = list(codes)
        return sum(self.per_code[c].f1 for c in codes) / len(codes)

    def format(self) -> str:
        b = self.binary
        lines = [
            f"== {self.name} ({self.n} drafts)",
            f"needs_coaching  precision {b.precision:.3f}  recall {b.recall:.3f}  F1 {b.f1:.3f}",
            f"macro-F1 over {', '.join(CORE_CODES)}: {self.macro_f1():.3f}",
            f"macro-F1 over all 10 codes: {self.macro_f1(ISSUE_CODES):.3f}",
            f"{'code':<16}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}",
        ]
        for code in ISSUE_CODES:
            c = self.per_code[code]
            lines.append(f"{code:<16}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp + c.fn:>9}")
        return "\n".join(lines)


def load_labelled(path: str | Path) -> list[Labelled]:
    items = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                issues = frozenset(obj.get("issues") or [])
                unknown = issues - set(ISSUE_CODES)
                if unknown:
                    raise ValueError(f"unknown codes {sorted(unknown)}")
                items.append(
                    Labelled(
                        str(obj.get("id", number)),
                        obj["text"],
                        obj.get("context") or None,
                        bool(obj.get("needs_coaching", bool(issues))),
                        issues,
                        obj.get("lang", "ru"),
                    )
                )
            except (json.JSONDecodeError, KeyError, ValueError) as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
    return items

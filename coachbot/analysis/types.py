"""The analysis result of DESIGN.md as plain dataclasses."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Source = Literal["rule", "model", "styleguide"]


@dataclass
class Issue:
    code: str
    span: tuple[int, int]
    quote: str
    explanation: str
    suggestion: str
    source: Source = "rule"
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["span"] = list(self.span)
        data["confidence"] = round(self.confidence, 3)
        return data


@dataclass
class Strength:
    code: str
    quote: str
    span: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "quote": self.quote, "span": list(self.span)}


@dataclass
class ModelInfo:
    name: str
    version: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version}


@dataclass
class Analysis:
    id: str | None
    text: str
    score: int
    needs_coaching: bool
    sentiment: Literal["negative", "neutral", "positive"]
    language: str
    issues: list[Issue] = field(default_factory=list)
    strengths: list[Strength] = field(default_factory=list)
    model: ModelInfo = field(default_factory=lambda: ModelInfo("rules", "0"))
    context: str | None = None

    @property
    def codes(self) -> list[str]:
        """Distinct issue codes, in order of first appearance."""
        return list(dict.fromkeys(i.code for i in self.issues))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "needs_coaching": self.needs_coaching,
            "sentiment": self.sentiment,
            "language": self.language,
            "issues": [i.to_dict() for i in self.issues],
            "strengths": [s.to_dict() for s in self.strengths],
            "model": self.model.to_dict(),
        }

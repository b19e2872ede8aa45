"""What the rewriter returns: DESIGN.md's rewrite result as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Backend = Literal["offline", "llm"]
STYLES: tuple[str, ...] = ("warm", "concise", "formal")


@dataclass
class Rewrite:
    style: str
    text: str
    score: int
    backend: Backend
    gate: dict[str, Any] = field(default_factory=dict)  # {"passed": bool, "reasons": [...], ...}

    @property
    def passed(self) -> bool:
        return bool(self.gate.get("passed"))

    def to_dict(self) -> dict[str, Any]:
        return {"style": self.style, "text": self.text, "score": self.score, "backend": self.backend}


@dataclass
class RewriteResult:
    id: str | None
    rewrites: list[Rewrite] = field(default_factory=list)  # best first
    draft_score: int | None = None
    language: str = "ru"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "rewrites": [r.to_dict() for r in self.rewrites]}


def best_first(rewrites: list[Rewrite]) -> list[Rewrite]:
    """Gate-passed rewrites before the rest, then by score; LLM wins a tie."""
    return sorted(rewrites, key=lambda r: (not r.passed, -r.score, r.backend != "llm"))

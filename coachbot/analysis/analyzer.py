"""Draft -> Analysis: the rule layer, optionally combined with the tone model."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from coachbot import __version__
from coachbot.analysis import scoring
from coachbot.analysis.errors import DraftError
from coachbot.analysis.rules import run_rules
from coachbot.analysis.text import detect_language
from coachbot.analysis.types import Analysis, ModelInfo
from coachbot.analysis.verdict import settle

_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
DEFAULT_MAX_CHARS = 4000


@dataclass(frozen=True)
class DraftInput:
    text: str
    context: str | None = None
    id: str | None = None


class Combiner(Protocol):
    """Adds model judgements to rule results (see ``analysis/combine.py``)."""

    info: ModelInfo

    def combine(self, drafts: Sequence[DraftInput], analyses: list[Analysis]) -> list[Analysis]: ...


def validate_draft(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return the text stripped, or raise DraftError with a clear reason."""
    if text is None or not text.strip():
        raise DraftError("empty")
    if len(text) > max_chars:
        raise DraftError("too_long", limit=max_chars)
    if not _HAS_LETTER.search(text):
        raise DraftError("no_words")
    return text.strip()


class Analyzer:
    """Analyses drafts; thread-safe for reads, so it can run in an executor."""

    def __init__(self, combiner: Combiner | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.combiner = combiner
        self.max_chars = max_chars

    @property
    def model_info(self) -> ModelInfo:
        if self.combiner is not None:
            return self.combiner.info
        return ModelInfo("coachbot-rules", __version__)

    def rules_only(self, draft: DraftInput) -> Analysis:
        text = validate_draft(draft.text, self.max_chars)
        context = draft.context.strip() if draft.context and draft.context.strip() else None
        language = detect_language(text)
        result = run_rules(text, language, context)
        verdict = settle(result.issues, result.strengths, scoring.score(result.issues, result.strengths))
        return Analysis(
            id=draft.id,
            text=text,
            score=verdict.score,
            needs_coaching=verdict.needs_coaching,
            sentiment=scoring.sentiment(verdict.issues, verdict.strengths),  # type: ignore[arg-type]
            language=language,
            issues=verdict.issues,
            strengths=verdict.strengths,
            model=ModelInfo("coachbot-rules", __version__),
            context=context,
        )

    def analyze(self, text: str, context: str | None = None, id: str | None = None) -> Analysis:
        return self.analyze_many([DraftInput(text, context, id)])[0]

    def analyze_many(self, drafts: Sequence[DraftInput]) -> list[Analysis]:
        """Analyse a batch (the model runs batched); raises DraftError on the first bad draft."""
        analyses = [self.rules_only(d) for d in drafts]
        if self.combiner is not None and analyses:
            analyses = self.combiner.combine(drafts, analyses)
        return analyses

    async def analyze_async(self, text: str, context: str | None = None, id: str | None = None) -> Analysis:
        """Run the analysis off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.analyze, text, context, id)

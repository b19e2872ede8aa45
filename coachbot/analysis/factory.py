"""Build the analyzer the settings ask for."""

from __future__ import annotations

from coachbot.analysis.analyzer import Analyzer
from coachbot.config import Settings


def build_analyzer(settings: Settings, use_model: bool | None = None) -> Analyzer:
    """The rule analyzer, combined with the tone model when one is configured."""
    combiner = None
    if settings.use_model if use_model is None else use_model:
        from coachbot.analysis.combine import load_combiner

        combiner = load_combiner(settings.tone_model, quantize=settings.tone_quantize)
    return Analyzer(combiner=combiner, max_chars=settings.max_draft_chars)

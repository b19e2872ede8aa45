"""RewriteService: client-centred rewrites for a draft, from the LLM when one is
connected and healthy, from the offline rewriter otherwise.

Every candidate goes through the quality gate. LLM failure, timeout, an open
circuit, or a rejected candidate falls back to the offline rewriter for that
style; each rewrite says which backend produced it and what the gate said.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from coachbot.analysis import Analysis, Analyzer
from coachbot.privacy.masking import Masker, leftover_placeholders, unmask
from coachbot.rewrite.errors import LLMError
from coachbot.rewrite.facts import Fact
from coachbot.rewrite.gate import QualityGate
from coachbot.rewrite.llm import LLMClient
from coachbot.rewrite.llm_prompt import build_messages
from coachbot.rewrite.llm_response import parse_rewrites
from coachbot.rewrite.offline import OfflineRewriter
from coachbot.rewrite.phrasebook import load_phrasebook
from coachbot.rewrite.prompts import (
    REQUIRED_FIELDS,
    FilePromptSource,
    PromptSource,
    TemplateError,
    default_templates,
    validate_template,
)
from coachbot.rewrite.types import STYLES, Rewrite, RewriteResult, best_first

log = logging.getLogger(__name__)
DEFAULT_STYLES = ("warm", "concise")


def check_styles(styles: Sequence[str]) -> list[str]:
    wanted = [s.strip().lower() for s in styles if s and s.strip()]
    unknown = [s for s in wanted if s not in STYLES]
    if unknown or not wanted:
        raise ValueError(f"unknown style {', '.join(unknown) or '(none)'}; use {', '.join(STYLES)}")
    return list(dict.fromkeys(wanted))


def _matches(analysis: Analysis | None, text: str) -> bool:
    """Is ``analysis`` about this very text? An analysis of the masked copy kept for storage is
    not: its spans and placeholders would end up in the rewrite, so the draft is analysed again."""
    return analysis is not None and (not text or analysis.text == text.strip())


class RewriteService:
    def __init__(
        self,
        analyzer: Analyzer,
        llm: LLMClient | None = None,
        prompts: PromptSource | None = None,
        style_guide: Callable[[], Awaitable[str]] | None = None,
        prompts_dir: Path | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.llm = llm
        self.prompts_dir = prompts_dir
        self.prompts: PromptSource = prompts or FilePromptSource(prompts_dir)
        self.style_guide = style_guide
        self.offline = OfflineRewriter(prompts_dir, getattr(analyzer.combiner, "flag_pieces", None))
        terms = {t for lang in ("ru", "en") for t in load_phrasebook(lang, prompts_dir).terms}
        self.gate = QualityGate(analyzer, frozenset(terms))

    async def rewrite(
        self,
        text: str,
        context: str | None = None,
        analysis: Analysis | None = None,
        id: str | None = None,
        styles: Sequence[str] = DEFAULT_STYLES,
    ) -> RewriteResult:
        """Rewrites of ``text``, best first; raises DraftError for a draft the analyzer refuses."""
        wanted = check_styles(styles)
        if not _matches(analysis, text):
            analysis = await self.analyzer.analyze_async(text, context, id)
        assert analysis is not None
        loop = asyncio.get_running_loop()
        facts = await loop.run_in_executor(None, self.gate.facts, analysis)
        chosen: dict[str, Rewrite] = {}
        fallback = None
        if self.llm is not None and analysis.issues:
            chosen, fallback = await self._from_llm(analysis, wanted, facts)
        missing = [s for s in wanted if s not in chosen]
        rewrites = list(chosen.values())
        if missing:
            rewrites += await loop.run_in_executor(None, self._offline, analysis, missing, facts, fallback)
        return self._result(analysis, id, rewrites)

    def rewrite_offline_sync(
        self,
        text: str,
        context: str | None = None,
        analysis: Analysis | None = None,
        id: str | None = None,
        styles: Sequence[str] = DEFAULT_STYLES,
    ) -> RewriteResult:
        """The offline rewriter alone, synchronously (the CLI batch)."""
        wanted = check_styles(styles)
        if not _matches(analysis, text):
            analysis = self.analyzer.analyze(text, context, id)
        assert analysis is not None
        rewrites = self._offline(analysis, wanted, self.gate.facts(analysis), None)
        return self._result(analysis, id, rewrites)

    async def aclose(self) -> None:
        if self.llm is not None:
            await self.llm.aclose()

    @staticmethod
    def _result(analysis: Analysis, id: str | None, rewrites: list[Rewrite]) -> RewriteResult:
        return RewriteResult(
            id if id is not None else analysis.id, best_first(rewrites), analysis.score, analysis.language
        )

    def _offline(self, analysis: Analysis, styles: list[str], facts: list[Fact], fallback: str | None) -> list[Rewrite]:
        texts = self.offline.rewrite(analysis, styles)
        pairs, seen = [], set()
        for style, text in texts.items():
            if text and text not in seen:
                seen.add(text)
                pairs.append((style, text))
        judged = self.gate.judge(analysis, [t for _, t in pairs], facts)
        passed = []
        for (style, text), (_, verdict) in zip(pairs, judged, strict=True):
            gate = verdict.to_dict() | ({"fallback": fallback} if fallback else {})
            if verdict.passed:
                passed.append(Rewrite(style, text, verdict.score, "offline", gate))
        # Only what passes the gate is shown; when no edit of the draft passes, a fresh reply that
        # keeps every fact is tried, and if that fails too the employee gets the analysis alone.
        if passed:
            return passed
        text = self.offline.fresh_start(analysis)
        ((_, verdict),) = self.gate.judge(analysis, [text], facts)
        if verdict.passed:
            gate = verdict.to_dict() | {"fresh_start": True} | ({"fallback": fallback} if fallback else {})
            return [Rewrite("warm", text, verdict.score, "offline", gate)]
        return []

    async def _templates(self) -> dict[str, str]:
        out: dict[str, str] = {}
        defaults: dict[str, str] | None = None
        for name in REQUIRED_FIELDS:
            try:
                text = await self.prompts.current(name)
                validate_template(name, text)
            except Exception as exc:  # a broken admin edit or an unreachable DB must not break rewrites
                log.warning("prompt %s unusable (%s); using the shipped default", name, exc)
                defaults = defaults or default_templates(self.prompts_dir)
                text = defaults[name]
            out[name] = text
        return out

    async def _guide(self) -> str:
        if self.style_guide is None:
            return ""
        try:
            return await self.style_guide() or ""
        except Exception as exc:
            log.warning("style guide unavailable (%s); rewriting without it", exc)
            return ""

    async def _from_llm(
        self, analysis: Analysis, styles: list[str], facts: list[Fact]
    ) -> tuple[dict[str, Rewrite], str | None]:
        assert self.llm is not None
        masker = Masker(analysis.language)
        try:
            messages = build_messages(analysis, masker, await self._templates(), styles, await self._guide())
            pairs = parse_rewrites(await self.llm.complete(messages), styles)
        except LLMError as exc:
            log.info("LLM rewrite failed (%s): falling back to the offline rewriter", exc.reason)
            return {}, exc.reason
        except TemplateError as exc:
            log.error("no usable prompt template: %s", exc)
            return {}, "template_error"
        restored = [(style, unmask(text, masker.mapping)) for style, text in pairs]
        judged = await self.gate.judge_async(analysis, [t for _, t in restored], facts)
        chosen: dict[str, Rewrite] = {}
        for (style, text), (_, verdict) in zip(restored, judged, strict=True):
            if leftover_placeholders(text):
                verdict.passed = False
                verdict.reasons.append("unknown_placeholder")
            if verdict.passed:
                chosen[style] = Rewrite(style, text, verdict.score, "llm", verdict.to_dict())
            else:
                kinds = sorted({":".join(r.split(":")[:2]) for r in verdict.reasons})  # no draft values in logs
                log.info("LLM rewrite (%s) rejected by the gate: %s", style, ", ".join(kinds))
        return chosen, (None if len(chosen) == len(styles) else "gate_rejected")

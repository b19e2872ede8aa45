"""The product's flow in one place: a draft in, the coaching and the rewrites out.

Every channel (the bot chat, the buttons under a draft, and the coming API and inline mode)
calls this service and only renders what it returns:

1. ``assess``: check the draft, analyse it (the model runs outside any transaction), apply the
   company style guide, decide the one verdict (``coachbot.analysis.verdict.needs_coaching``)
   and store the masked draft with exactly what the employee is shown, style issues included.
2. ``rewrite``: LLM or offline rewrites through the quality gate, stored masked, returned as
   the employee's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from coachbot.analysis.analyzer import validate_draft
from coachbot.analysis.types import Analysis, Issue
from coachbot.analysis.verdict import needs_coaching
from coachbot.services.coaching import CoachingService
from coachbot.services.settings import SettingsService
from coachbot.services.styleguide import StyleGuideService
from coachbot.services.types import RewriteRecord, ShownRewrite
from coachbot.style_check import style_issues

DEFAULT_STYLES = ("warm", "concise")


@dataclass(frozen=True)
class Assessment:
    """What the employee sees first: the analysis, the company rules broken, the verdict."""

    draft_id: int
    text: str  # the person's own words (the stored copy is masked)
    customer: str | None
    analysis: Analysis
    style: list[Issue]
    threshold: int
    needs_coaching: bool
    llm: bool  # rewrites will come from the LLM (slower: worth a "rewriting…" note first)


class DraftService:
    def __init__(
        self,
        coaching: CoachingService,
        styleguide: StyleGuideService,
        runtime: SettingsService,
        rewriters: Callable[[bool], Any],
        masker: Callable[[str], str],
        *,
        llm_configured: bool = False,
        max_chars: int = 4000,
    ) -> None:
        self.coaching = coaching
        self.styleguide = styleguide
        self.runtime = runtime
        self.rewriters = rewriters  # llm -> the RewriteService to use
        self.masker = masker
        self.llm_configured = llm_configured
        self.max_chars = max_chars

    async def assess(
        self, telegram_id: int, text: str, customer: str | None = None, *, channel: str = "chat"
    ) -> Assessment:
        """Raises DraftError for a draft that cannot be coached, RateLimited, NotFound (no profile)."""
        style, threshold = await self._company_rules(text)
        result = await self.coaching.submit_draft(
            telegram_id, text, customer, style=style, threshold=threshold, channel=channel
        )
        llm = self.llm_configured and await self.runtime.llm_enabled()
        verdict = needs_coaching(result.analysis, style, threshold)
        return Assessment(result.draft_id, text, customer, result.analysis, style, threshold, verdict, llm)

    async def preview(self, text: str, customer: str | None = None) -> tuple[Assessment, list[ShownRewrite]]:
        """The coaching and the offline rewrites of a draft, stored nowhere: inline mode asks on
        every pause in typing, and only the result the person chooses becomes history."""
        style, threshold = await self._company_rules(text)
        analysis = await self.coaching.analyze(text, customer)
        verdict = needs_coaching(analysis, style, threshold)
        assessed = Assessment(0, text, customer, analysis, style, threshold, verdict, llm=False)
        if not verdict:
            return assessed, []
        result = await self.rewriters(False).rewrite(text, context=customer, id="inline", styles=DEFAULT_STYLES)
        return assessed, _shown(result.rewrites)

    async def record_inline(self, telegram_id: int, text: str, chosen: int) -> int:
        """Keep the draft the person coached inline, its rewrites, and which one they sent
        (``chosen`` 0 is the draft as typed); returns the draft id."""
        assessed = await self.assess(telegram_id, text, channel="inline")
        if assessed.needs_coaching:
            assessed = replace(assessed, llm=False)  # the versions offered inline were the offline ones
            shown = await self.rewrite(assessed)
            if 0 < chosen <= len(shown):
                await self.coaching.choose_rewrite(telegram_id, assessed.draft_id, chosen - 1)
        return assessed.draft_id

    async def rewrite(self, assessment: Assessment, styles: Sequence[str] = DEFAULT_STYLES) -> list[ShownRewrite]:
        """Gated rewrites, best first, stored masked (the text returned is the person's own words)."""
        return await self._rewrite(assessment.draft_id, assessment.text, assessment.customer,
                                   assessment.analysis, styles, assessment.llm)  # fmt: skip

    async def another(self, telegram_id: int, draft_id: int, text: str | None, style: str) -> list[ShownRewrite]:
        """One more version of a stored draft in ``style`` (the "another version" button)."""
        detail = await self.coaching.get_draft(telegram_id, draft_id)
        llm = self.llm_configured and await self.runtime.llm_enabled()
        return await self._rewrite(draft_id, text or detail.text, detail.context, None, (style,), llm)

    async def _rewrite(
        self, draft_id: int, text: str, customer: str | None, analysis: Analysis | None,
        styles: Sequence[str], llm: bool,
    ) -> list[ShownRewrite]:  # fmt: skip
        # The stored analysis is of the masked text; the rewriter gets the person's own words.
        same_text = analysis is not None and analysis.text == text.strip()
        result = await self.rewriters(llm).rewrite(
            text, context=customer, analysis=analysis if same_text else None, id=str(draft_id), styles=tuple(styles)
        )
        passed = list(result.rewrites)
        if passed:
            records = [RewriteRecord(r.style, self.masker(r.text), r.backend, r.score, dict(r.gate)) for r in passed]
            await self.coaching.add_rewrites(draft_id, records)
        return _shown(passed)

    async def _company_rules(self, text: str) -> tuple[list[Issue], int]:
        """A draft that can be coached at all (DraftError if not), its style-guide issues and the
        admins' coaching threshold."""
        validate_draft(text, self.max_chars)
        return style_issues(text, await self.styleguide.rules()), await self.runtime.coaching_threshold()


def _shown(rewrites: Sequence[Any]) -> list[ShownRewrite]:
    return [ShownRewrite(r.style, r.text, r.score, r.backend) for r in rewrites]

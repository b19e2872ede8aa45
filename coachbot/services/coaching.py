"""An employee's own coaching: submit a draft, keep rewrites, choose, flag, look back."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from coachbot.analysis.errors import DraftError
from coachbot.analysis.types import Analysis, Issue
from coachbot.analysis.verdict import COACHING_LINE, needs_coaching
from coachbot.db import Draft, Feedback, Rewrite, utcnow
from coachbot.db.models import BACKENDS
from coachbot.repositories import DraftRepository, StatsRepository
from coachbot.services.access import Sessionmaker, load_user
from coachbot.services.errors import NotFound, PermissionDenied, RateLimited, ValidationFailed
from coachbot.services.history import check_days, day_series, user_history, window_start
from coachbot.services.types import (
    DayPoint,
    DraftDetail,
    DraftResult,
    HistoryPage,
    RewriteInfo,
    RewriteRecord,
)

MAX_COMMENT = 1000


class Analyzer(Protocol):
    async def analyze_async(self, text: str, context: str | None = None, id: str | None = None) -> Analysis: ...


def _identity(text: str) -> str:
    return text


class CoachingService:
    def __init__(
        self,
        sessionmaker: Sessionmaker,
        analyzer: Analyzer,
        masker: Callable[[str], str] | None = None,
        *,
        max_chars: int = 4000,
        rate_limit: int = 0,
        rate_window: float = 60.0,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.analyzer = analyzer
        self.masker = masker or _identity
        self.max_chars = max_chars
        self.rate_limit = rate_limit
        self.rate_window = rate_window

    async def submit_draft(
        self, telegram_id: int, text: str, context: str | None = None, *,
        style: Sequence[Issue] = (), threshold: int = COACHING_LINE, channel: str = "chat",
    ) -> DraftResult:  # fmt: skip
        """Mask personal data, analyse the masked text and store both, in one transaction.

        What is stored is what the employee is shown: the verdict with the admins' ``threshold``
        and the company ``style`` issues, whose codes join the draft's issue codes.

        Raises DraftError (coachbot.analysis.errors) for a draft that cannot be analysed,
        NotFound for an unknown user, RateLimited when the person sent too many drafts just now.
        """
        # The analyzer's own error type, so handlers catch one thing for a bad draft.
        if not text or not text.strip():
            raise DraftError("empty")
        if len(text) > self.max_chars:
            raise DraftError("too_long", limit=self.max_chars)
        async with self.sessionmaker.begin() as session:
            user = await load_user(session, telegram_id)
            await self._check_rate(DraftRepository(session), user.id)
        masked = self.masker(text.strip())
        masked_context = self.masker(context.strip()) if context and context.strip() else None
        # The model runs outside any transaction: a slow analysis holds no database lock.
        analysis = await self.analyzer.analyze_async(masked, context=masked_context)
        async with self.sessionmaker.begin() as session:
            user = await load_user(session, telegram_id)
            draft = await DraftRepository(session).add(
                Draft(
                    user_id=user.id,
                    team_id=user.team_id,
                    text=masked,
                    context=masked_context,
                    analysis=analysis.to_dict(),
                    score=analysis.score,
                    needs_coaching=needs_coaching(analysis, style, threshold),
                    issue_codes=list(dict.fromkeys([*analysis.codes, *(i.code for i in style)])),
                    channel=channel,
                    model_name=analysis.model.name,
                    model_version=analysis.model.version,
                )
            )
            analysis.id = str(draft.id)
            draft.analysis = analysis.to_dict()
            return DraftResult(draft.id, analysis)

    async def analyze(self, text: str, context: str | None = None) -> Analysis:
        """The analysis of the masked draft, stored nowhere (inline previews)."""
        masked_context = self.masker(context.strip()) if context and context.strip() else None
        return await self.analyzer.analyze_async(self.masker(text.strip()), context=masked_context)

    async def add_rewrites(self, draft_id: int, rewrites: list[RewriteRecord]) -> list[int]:
        """Store rewrites in the order given (best first), after any already stored."""
        for r in rewrites:
            if r.backend not in BACKENDS:
                raise ValidationFailed(f"unknown rewrite backend '{r.backend}'")
        async with self.sessionmaker.begin() as session:
            drafts = DraftRepository(session)
            if await drafts.get(draft_id) is None:
                raise NotFound(f"no draft {draft_id}")
            start = await drafts.next_rewrite_position(draft_id)
            return await drafts.add_rewrites(
                [
                    Rewrite(
                        draft_id=draft_id,
                        position=start + i,
                        style=r.style,
                        text=r.text,
                        backend=r.backend,
                        score=r.score,
                        gate=dict(r.gate),
                    )
                    for i, r in enumerate(rewrites)
                ]
            )

    async def choose_rewrite(self, telegram_id: int, draft_id: int, position: int) -> str:
        """Mark the rewrite the employee took; returns its text. Only the draft's author."""
        async with self.sessionmaker.begin() as session:
            drafts = DraftRepository(session)
            await self._own_draft(session, drafts, telegram_id, draft_id)
            rewrite = await drafts.rewrite_at(draft_id, position)
            if rewrite is None:
                raise NotFound(f"draft {draft_id} has no rewrite {position}")
            await drafts.choose_rewrite(rewrite, utcnow())
            return rewrite.text

    async def flag_verdict(self, telegram_id: int, draft_id: int, comment: str | None = None) -> int:
        """The author says the verdict on their draft was wrong; returns the flag id."""
        # The comment is free text about a customer's case: masked like every draft before it is stored.
        comment = self.masker((comment or "").strip()[:MAX_COMMENT]) or None
        async with self.sessionmaker.begin() as session:
            drafts = DraftRepository(session)
            draft = await self._own_draft(session, drafts, telegram_id, draft_id)
            return await drafts.add_feedback(Feedback(draft_id=draft.id, user_id=draft.user_id, comment=comment))

    async def history(self, telegram_id: int, page: int = 0, per_page: int = 5) -> HistoryPage:
        """The user's own drafts, newest first."""
        async with self.sessionmaker.begin() as session:
            user = await load_user(session, telegram_id)
            return await user_history(DraftRepository(session), user.id, page, per_page)

    async def progress(self, telegram_id: int, days: int = 30, *, now: datetime | None = None) -> list[DayPoint]:
        """One point per day for the last ``days`` days (UTC), oldest first."""
        check_days(days)
        since = window_start(now or utcnow(), days)
        async with self.sessionmaker.begin() as session:
            user = await load_user(session, telegram_id)
            counts = await StatsRepository(session).daily(since, user_id=user.id)
        return day_series(counts, since, days)

    async def get_draft(self, telegram_id: int, draft_id: int) -> DraftDetail:
        async with self.sessionmaker.begin() as session:
            drafts = DraftRepository(session)
            draft = await self._own_draft(session, drafts, telegram_id, draft_id, rewrites=True)
            return DraftDetail(
                id=draft.id,
                created_at=draft.created_at,
                text=draft.text,
                context=draft.context,
                analysis=dict(draft.analysis),
                score=draft.score,
                needs_coaching=draft.needs_coaching,
                issue_codes=list(draft.issue_codes),
                model_name=draft.model_name,
                model_version=draft.model_version,
                rewrites=[
                    RewriteInfo(r.id, r.position, r.style, r.text, r.backend, r.score, r.chosen) for r in draft.rewrites
                ],
                flagged=await drafts.has_feedback(draft.id),
            )

    async def _check_rate(self, drafts: DraftRepository, user_id: int) -> None:
        """At most ``rate_limit`` stored drafts in any ``rate_window`` seconds (counted in the
        database, so every replica sees the same count)."""
        if self.rate_limit <= 0:
            return
        now = utcnow()
        recent = await drafts.recent_times(user_id, now - timedelta(seconds=self.rate_window), self.rate_limit)
        if len(recent) >= self.rate_limit:
            wait = (recent[0] + timedelta(seconds=self.rate_window) - now).total_seconds()
            raise RateLimited(max(1, math.ceil(wait)))

    @staticmethod
    async def _own_draft(
        session: AsyncSession, drafts: DraftRepository, telegram_id: int, draft_id: int, rewrites: bool = False
    ) -> Draft:
        user = await load_user(session, telegram_id)
        draft = await drafts.get(draft_id, with_rewrites=rewrites)
        if draft is None:
            raise NotFound(f"no draft {draft_id}")
        if draft.user_id != user.id:
            raise PermissionDenied("this draft belongs to someone else")
        return draft

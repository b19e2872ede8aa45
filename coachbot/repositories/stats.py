"""Aggregations for progress charts and team summaries, computed in SQL. Never commits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from coachbot.db import Draft, DraftIssue, Feedback, Rewrite
from coachbot.db.sql import utc_day


def _scope(since: datetime, user_id: int | None, team_id: int | None) -> list[Any]:
    where: list[Any] = [Draft.created_at >= since]
    if user_id is not None:
        where.append(Draft.user_id == user_id)
    if team_id is not None:
        where.append(Draft.team_id == team_id)
    return where


def _avg(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def daily(
        self, since: datetime, *, user_id: int | None = None, team_id: int | None = None
    ) -> dict[date, tuple[int, float | None]]:
        """Drafts and average score per UTC day, for the days that have drafts."""
        day = utc_day(Draft.created_at).label("day")
        query = (
            select(day, func.count(Draft.id), func.avg(Draft.score))
            .where(*_scope(since, user_id, team_id))
            .group_by(day)
        )
        return {d: (int(n), _avg(avg)) for d, n, avg in await self.session.execute(query)}

    async def per_user(
        self, team_id: int, since: datetime, week: datetime, fortnight: datetime
    ) -> dict[int, tuple[int, float | None, float | None, float | None]]:
        """Per author: drafts and average since ``since``, average of the last week and the one before.

        ``week`` and ``fortnight`` are the starts of the last 7 and last 14 days.
        """
        in_range = Draft.created_at >= since
        last = Draft.created_at >= week
        before = (Draft.created_at >= fortnight) & (Draft.created_at < week)
        query = (
            select(
                Draft.user_id,
                func.count(case((in_range, Draft.id))),
                func.avg(case((in_range, Draft.score))),
                func.avg(case((last, Draft.score))),
                func.avg(case((before, Draft.score))),
            )
            .where(Draft.team_id == team_id, Draft.created_at >= min(since, fortnight))
            .group_by(Draft.user_id)
        )
        return {
            uid: (int(n), _avg(avg), _avg(last_avg), _avg(before_avg))
            for uid, n, avg, last_avg, before_avg in await self.session.execute(query)
        }

    async def issue_counts(self, team_id: int, since: datetime) -> list[tuple[str, int]]:
        """Issue codes across the team, most frequent first."""
        n = func.count().label("n")
        query = (
            select(DraftIssue.code, n)
            .join(Draft, Draft.id == DraftIssue.draft_id)
            .where(*_scope(since, None, team_id))
            .group_by(DraftIssue.code)
            .order_by(n.desc(), DraftIssue.code)
        )
        return [(code, int(count)) for code, count in await self.session.execute(query)]

    async def issue_counts_by_user(self, team_id: int, since: datetime) -> dict[int, list[tuple[str, int]]]:
        """Issue codes per author, each list most frequent first."""
        n = func.count().label("n")
        query = (
            select(Draft.user_id, DraftIssue.code, n)
            .join(Draft, Draft.id == DraftIssue.draft_id)
            .where(*_scope(since, None, team_id))
            .group_by(Draft.user_id, DraftIssue.code)
            .order_by(Draft.user_id, n.desc(), DraftIssue.code)
        )
        result: dict[int, list[tuple[str, int]]] = {}
        for uid, code, count in await self.session.execute(query):
            result.setdefault(uid, []).append((code, int(count)))
        return result

    async def rewrite_adoption(self, team_id: int, since: datetime) -> dict[int, tuple[int, int]]:
        """Per author: drafts that got rewrites, and drafts where one was chosen."""
        query = (
            select(
                Draft.user_id,
                func.count(distinct(Rewrite.draft_id)),
                func.count(distinct(case((Rewrite.chosen.is_(True), Rewrite.draft_id)))),
            )
            .join(Draft, Draft.id == Rewrite.draft_id)
            .where(*_scope(since, None, team_id))
            .group_by(Draft.user_id)
        )
        return {uid: (int(offered), int(chosen)) for uid, offered, chosen in await self.session.execute(query)}

    async def flags_by_user(self, team_id: int, since: datetime) -> dict[int, int]:
        """Per author: verdicts they flagged as wrong."""
        query = (
            select(Draft.user_id, func.count(Feedback.id))
            .join(Draft, Draft.id == Feedback.draft_id)
            .where(*_scope(since, None, team_id))
            .group_by(Draft.user_id)
        )
        return {uid: int(n) for uid, n in await self.session.execute(query)}

"""SQL for drafts, their issue rows, rewrites and feedback. Never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from coachbot.db import Draft, DraftIssue, Feedback, Rewrite


class DraftRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, draft: Draft) -> Draft:
        """Store a draft and one issue row per distinct code in ``draft.issue_codes``."""
        self.session.add(draft)
        await self.session.flush()
        self.session.add_all(DraftIssue(draft_id=draft.id, code=code) for code in dict.fromkeys(draft.issue_codes))
        await self.session.flush()
        return draft

    async def get(self, draft_id: int, *, with_rewrites: bool = False) -> Draft | None:
        options = [selectinload(Draft.rewrites)] if with_rewrites else []
        return await self.session.get(Draft, draft_id, options=options)

    @staticmethod
    def _of_user(user_id: int, team_id: int | None) -> list[Any]:
        where: list[Any] = [Draft.user_id == user_id]
        if team_id is not None:
            where.append(Draft.team_id == team_id)
        return where

    async def recent_times(self, user_id: int, since: datetime, limit: int) -> list[datetime]:
        """When the user's drafts since ``since`` were stored, oldest first, at most ``limit``."""
        query = (
            select(Draft.created_at)
            .where(Draft.user_id == user_id, Draft.created_at >= since)
            .order_by(Draft.created_at)
            .limit(limit)
        )
        return list((await self.session.scalars(query)).all())

    async def count_for_user(self, user_id: int, team_id: int | None = None) -> int:
        query = select(func.count(Draft.id)).where(*self._of_user(user_id, team_id))
        return int(await self.session.scalar(query) or 0)

    async def page(
        self, user_id: int, *, offset: int, limit: int, team_id: int | None = None
    ) -> list[tuple[Draft, int, int]]:
        """A user's drafts, newest first, each with its rewrite count and chosen count.

        Args:
            team_id: only drafts written while the user was in this team.
        """
        rewrites = (
            select(
                Rewrite.draft_id,
                func.count(Rewrite.id).label("n"),
                # chosen_at is set exactly when a rewrite is chosen
                func.count(Rewrite.chosen_at).label("chosen"),
            )
            .group_by(Rewrite.draft_id)
            .subquery()
        )
        query = (
            select(Draft, func.coalesce(rewrites.c.n, 0), func.coalesce(rewrites.c.chosen, 0))
            .outerjoin(rewrites, rewrites.c.draft_id == Draft.id)
            .where(*self._of_user(user_id, team_id))
            .order_by(Draft.created_at.desc(), Draft.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [(d, int(n), int(chosen)) for d, n, chosen in (await self.session.execute(query)).all()]

    async def next_rewrite_position(self, draft_id: int) -> int:
        last = await self.session.scalar(select(func.max(Rewrite.position)).where(Rewrite.draft_id == draft_id))
        return 0 if last is None else last + 1

    async def add_rewrites(self, rewrites: list[Rewrite]) -> list[int]:
        self.session.add_all(rewrites)
        await self.session.flush()
        return [r.id for r in rewrites]

    async def rewrite_at(self, draft_id: int, position: int) -> Rewrite | None:
        return await self.session.scalar(
            select(Rewrite).where(Rewrite.draft_id == draft_id, Rewrite.position == position)
        )

    async def choose_rewrite(self, rewrite: Rewrite, at: datetime) -> None:
        """Mark ``rewrite`` as the one the employee took; only one per draft is chosen."""
        await self.session.execute(
            update(Rewrite)
            .where(Rewrite.draft_id == rewrite.draft_id, Rewrite.id != rewrite.id)
            .values(chosen=False, chosen_at=None)
        )
        rewrite.chosen = True
        rewrite.chosen_at = at
        await self.session.flush()

    async def add_feedback(self, feedback: Feedback) -> int:
        self.session.add(feedback)
        await self.session.flush()
        return feedback.id

    async def has_feedback(self, draft_id: int) -> bool:
        found = await self.session.scalar(select(Feedback.id).where(Feedback.draft_id == draft_id).limit(1))
        return found is not None

    async def owned_counts(self, user_id: int) -> int:
        """How many drafts, rewrites and feedback rows belong to a user, all together."""
        own_drafts = select(Draft.id).where(Draft.user_id == user_id)
        drafts = await self.session.scalar(select(func.count()).select_from(own_drafts.subquery()))
        rewrites = await self.session.scalar(select(func.count(Rewrite.id)).where(Rewrite.draft_id.in_(own_drafts)))
        feedback = await self.session.scalar(
            select(func.count(Feedback.id)).where(or_(Feedback.user_id == user_id, Feedback.draft_id.in_(own_drafts)))
        )
        return int(drafts or 0) + int(rewrites or 0) + int(feedback or 0)

    async def delete_older_than(self, cutoff: datetime) -> int:
        """Delete drafts created before ``cutoff``; rewrites, issues and feedback cascade."""
        result = await self.session.execute(
            delete(Draft).where(Draft.created_at < cutoff).execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

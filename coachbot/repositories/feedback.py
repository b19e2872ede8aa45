"""SQL for flagged verdicts. Never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from coachbot.db import Draft, Feedback, User


class FeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, feedback_id: int) -> Feedback | None:
        return await self.session.get(Feedback, feedback_id)

    async def with_drafts(self, *, status: str | None = None) -> list[tuple[Feedback, Draft, str]]:
        """Flags with their draft and the author's name, oldest first."""
        query = (
            select(Feedback, Draft, User.name)
            .join(Draft, Draft.id == Feedback.draft_id)
            .join(User, User.id == Feedback.user_id)
            .order_by(Feedback.created_at, Feedback.id)
        )
        if status is not None:
            query = query.where(Feedback.status == status)
        return [(f, d, name) for f, d, name in (await self.session.execute(query)).all()]

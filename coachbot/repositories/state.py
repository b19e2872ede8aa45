"""Conversation state rows and processed update ids: SQL only."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from coachbot.db.state_models import ConversationState, JobRun, ProcessedUpdate


class StateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int, key: str, now: datetime) -> dict[str, Any] | None:
        row = await self.session.scalar(
            select(ConversationState).where(
                ConversationState.user_id == user_id, ConversationState.key == key, ConversationState.expires_at > now
            )
        )
        return dict(row.value) if row is not None else None

    async def put(self, user_id: int, key: str, value: dict[str, Any], expires_at: datetime) -> None:
        row = await self.session.scalar(
            select(ConversationState).where(ConversationState.user_id == user_id, ConversationState.key == key)
        )
        if row is None:
            self.session.add(ConversationState(user_id=user_id, key=key, value=value, expires_at=expires_at))
        else:
            row.value, row.expires_at = value, expires_at

    async def remove(self, user_id: int, key: str | None = None) -> int:
        query = delete(ConversationState).where(ConversationState.user_id == user_id)
        if key is not None:
            query = query.where(ConversationState.key == key)
        result = await self.session.execute(query)
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def remove_expired(self, now: datetime) -> int:
        result = await self.session.execute(delete(ConversationState).where(ConversationState.expires_at <= now))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def claim(self, update_id: int, now: datetime, lease: timedelta, queue: str | None = None) -> bool:
        """Take ``update_id`` for handling; False when it is answered, or another replica is on it.

        A claim older than ``lease`` that never finished (the process died) may be taken again."""
        try:
            async with self.session.begin_nested():
                self.session.add(ProcessedUpdate(update_id=update_id, created_at=now, done=False, queue=queue))
            return True
        except IntegrityError:
            pass
        result = await self.session.execute(
            update(ProcessedUpdate)
            .where(
                ProcessedUpdate.update_id == update_id, ~ProcessedUpdate.done, ProcessedUpdate.created_at < now - lease
            )
            .values(created_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def earlier_running(self, update_id: int, queue: str, since: datetime) -> bool:
        """Is an earlier update of the same chat claimed (after ``since``) and not answered yet?"""
        found = await self.session.scalar(
            select(ProcessedUpdate.update_id)
            .where(
                ProcessedUpdate.queue == queue,
                ~ProcessedUpdate.done,
                ProcessedUpdate.update_id < update_id,
                ProcessedUpdate.created_at >= since,
            )
            .limit(1)
        )
        return found is not None

    async def claim_job(self, name: str, period: str, now: datetime) -> bool:
        """Add the run of job ``name`` for ``period``; False when a replica added it first."""
        try:
            async with self.session.begin_nested():
                self.session.add(JobRun(name=name, period=period, started_at=now))
            return True
        except IntegrityError:
            return False

    async def forget_jobs_before(self, cutoff: datetime) -> int:
        result = await self.session.execute(delete(JobRun).where(JobRun.started_at < cutoff))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def is_done(self, update_id: int) -> bool:
        done = await self.session.scalar(select(ProcessedUpdate.done).where(ProcessedUpdate.update_id == update_id))
        return bool(done)

    async def touch(self, update_id: int, now: datetime) -> None:
        """A live claim stays fresh (see StateService.keep_alive)."""
        await self.session.execute(
            update(ProcessedUpdate)
            .where(ProcessedUpdate.update_id == update_id, ~ProcessedUpdate.done)
            .values(created_at=now)
        )

    async def finish(self, update_id: int) -> None:
        await self.session.execute(
            update(ProcessedUpdate).where(ProcessedUpdate.update_id == update_id).values(done=True)
        )

    async def forget_updates_before(self, cutoff: datetime) -> int:
        result = await self.session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.created_at < cutoff))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

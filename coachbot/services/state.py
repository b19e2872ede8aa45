"""Conversation state that outlives a process: what the next message is for, the customer message
a draft answers, a search's paging tokens. Kept per person with an expiry; gone on /forgetme."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from coachbot.db import utcnow
from coachbot.repositories import UserRepository
from coachbot.repositories.state import StateRepository
from coachbot.services.access import Sessionmaker

UPDATE_MEMORY = timedelta(days=2)  # Telegram redelivers an unconfirmed update for at most a day
UPDATE_LEASE = timedelta(minutes=2)  # a claim this old that never finished was a process that died


class StateService:
    def __init__(self, sessionmaker: Sessionmaker) -> None:
        self.sessionmaker = sessionmaker

    async def get(self, telegram_id: int, key: str) -> dict[str, Any] | None:
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            return await StateRepository(session).get(user.id, key, utcnow()) if user else None

    async def put(self, telegram_id: int, key: str, value: dict[str, Any], ttl: float) -> None:
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            if user is not None:  # no profile, no state: /forgetme leaves nothing behind
                await StateRepository(session).put(user.id, key, value, utcnow() + timedelta(seconds=ttl))

    async def pop(self, telegram_id: int, key: str) -> dict[str, Any] | None:
        """The value, removed in the same transaction: two replicas never both take it."""
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            if user is None:
                return None
            state = StateRepository(session)
            value = await state.get(user.id, key, utcnow())
            removed = await state.remove(user.id, key)
            return value if removed else None

    async def clear(self, telegram_id: int, key: str | None = None) -> bool:
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            return user is not None and await StateRepository(session).remove(user.id, key) > 0

    async def claim_update(self, update_id: int) -> bool:
        """True when this process should handle the update: not answered yet, and nobody else on it."""
        async with self.sessionmaker.begin() as session:
            return await StateRepository(session).claim(update_id, utcnow(), UPDATE_LEASE)

    async def finish_update(self, update_id: int) -> None:
        async with self.sessionmaker.begin() as session:
            await StateRepository(session).finish(update_id)

    async def purge(self) -> int:
        """Expired state and update ids old enough that Telegram will not send them again."""
        now = utcnow()
        async with self.sessionmaker.begin() as session:
            state = StateRepository(session)
            return await state.remove_expired(now) + await state.forget_updates_before(now - UPDATE_MEMORY)

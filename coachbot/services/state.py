"""Conversation state that outlives a process: what the next message is for, the customer message
a draft answers, a search's paging tokens. Kept per person with an expiry; gone on /forgetme."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any, Literal

from coachbot.db import utcnow
from coachbot.repositories import UserRepository
from coachbot.repositories.state import StateRepository
from coachbot.services.access import Sessionmaker

UPDATE_MEMORY = timedelta(days=2)  # Telegram redelivers an unconfirmed update for at most a day
# A claim not refreshed for this long was a process that died: the handler refreshes its claim
# every third of it (keep_alive), so a live replica never loses one.
UPDATE_LEASE = timedelta(seconds=15)
JOB_MEMORY = timedelta(days=30)  # longer than the longest period a job counts in (a week)
TURN_POLL = 0.05  # seconds between looks at whether another replica finished the chat's previous update
TURN_LIMIT = 30.0  # the longest an update waits for the chat's previous one on another replica


class StateService:
    def __init__(self, sessionmaker: Sessionmaker, lease: timedelta = UPDATE_LEASE) -> None:
        self.sessionmaker = sessionmaker
        self.lease = lease

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

    async def claim_update(self, update_id: int, queue: str | None = None, poll: float = TURN_POLL) -> bool:
        """True when this process should handle the update, False when it is answered. While
        another replica is on it, wait: it answers (False), or it died and its claim runs out
        (True: a restarted bot answers the draft Telegram delivers again). ``queue`` names the
        update's chat, for :meth:`wait_turn`."""
        deadline = asyncio.get_running_loop().time() + 2 * self.lease.total_seconds() + 1
        while True:
            async with self.sessionmaker.begin() as session:
                state = StateRepository(session)
                if await state.claim(update_id, utcnow(), self.lease, queue):
                    return True
                if await state.is_done(update_id) or asyncio.get_running_loop().time() >= deadline:
                    return False
            await asyncio.sleep(poll * 4)

    async def keep_alive(self, update_id: int) -> None:
        """Refresh the claim while the update is handled (run as a task; cancel when done)."""
        while True:
            await asyncio.sleep(self.lease.total_seconds() / 3)
            async with self.sessionmaker.begin() as session:
                await StateRepository(session).touch(update_id, utcnow())

    async def wait_turn(self, update_id: int, queue: str, poll: float = TURN_POLL, limit: float = TURN_LIMIT) -> bool:
        """Wait until no earlier update of the same chat is still being handled by any replica.
        False when it waited ``limit`` seconds in vain: a replica killed mid-update leaves a claim
        that never finishes, and the chat must not fall silent for the whole lease."""
        deadline = asyncio.get_running_loop().time() + limit
        while True:
            async with self.sessionmaker.begin() as session:
                busy = await StateRepository(session).earlier_running(update_id, queue, utcnow() - self.lease)
            if not busy:
                return True
            if asyncio.get_running_loop().time() >= deadline:
                return False
            await asyncio.sleep(poll)

    async def finish_update(self, update_id: int) -> None:
        async with self.sessionmaker.begin() as session:
            await StateRepository(session).finish(update_id)

    async def claim_job(self, name: str, every: Literal["day", "week"], now: datetime | None = None) -> bool:
        """True for the one replica that runs job ``name`` in the current day or ISO week (UTC)."""
        now = now or utcnow()
        period = now.strftime("%G-W%V" if every == "week" else "%Y-%m-%d")  # «2026-W50», «2026-12-08»
        async with self.sessionmaker.begin() as session:
            return await StateRepository(session).claim_job(name, period, now)

    async def purge(self) -> int:
        """Expired state, update ids old enough that Telegram will not send them again, and the
        record of job runs older than any period a job counts in."""
        now = utcnow()
        async with self.sessionmaker.begin() as session:
            state = StateRepository(session)
            expired = await state.remove_expired(now) + await state.forget_updates_before(now - UPDATE_MEMORY)
            return expired + await state.forget_jobs_before(now - JOB_MEMORY)

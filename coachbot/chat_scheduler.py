"""Fair scheduling of Telegram updates: many chats at once, one chat at a time.

python-telegram-bot's processor takes a concurrency slot first and only then
runs ``do_process_update``; with a per-chat lock taken there, a single chat that
floods the bot fills every slot with updates waiting on its own lock, and
everyone else waits behind it. Here an update first queues behind its own chat
and only takes a slot when it is that chat's turn, so one chat never holds more
than one slot.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Coroutine
from typing import Any, Protocol

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger("coachbot.scheduler")


def queue_key(update: object) -> int | str | None:
    """Which queue an update waits in: its chat, or for Telegram Business its connection (the
    connection itself, the customer's message and the employee's reply then keep their order)."""
    if not isinstance(update, Update):
        return None
    if update.business_connection is not None:
        return f"business:{update.business_connection.id}"
    business = update.business_message or update.edited_business_message or update.deleted_business_messages
    if business is not None and business.business_connection_id:
        return f"business:{business.business_connection_id}"
    return update.effective_chat.id if update.effective_chat is not None else None


class UpdateGuard(Protocol):
    """Who else handled an update: ``StateService`` keeps the answer in the shared database."""

    async def claim_update(self, update_id: int, queue: str | None = None) -> bool: ...

    async def wait_turn(self, update_id: int, queue: str) -> bool: ...

    async def keep_alive(self, update_id: int) -> None: ...

    async def finish_update(self, update_id: int) -> None: ...


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of one chat run in arrival order; different chats share the slots fairly.

    With a ``guard`` (set once the database is open), an update delivered twice — Telegram
    retrying a webhook, a replay after a restart, two replicas — is answered once, and an
    update waits until every replica is done with the earlier updates of its chat.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int | str, asyncio.Lock] = {}
        self._waiting: dict[int | str, int] = {}
        self.guard: UpdateGuard | None = None

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:  # type: ignore[misc]  # PTB marks it final; ordering per chat needs it
        key = queue_key(update)
        if key is None:
            await super().process_update(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:  # the chat's turn first, then a slot
                await super().process_update(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]

    def waiting(self, chat_id: int) -> int:
        """How many updates of this chat are queued or running (for metrics and tests)."""
        return self._waiting.get(chat_id, 0)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        if self.guard is None or update_id is None:
            await coroutine
            return
        key = queue_key(update)
        queue = None if key is None else str(key)
        if not await self.guard.claim_update(update_id, queue):
            log.debug("update %s was handled already; skipped", update_id)
            if isinstance(coroutine, Coroutine):
                coroutine.close()
            return
        # Another replica may still be on this chat's previous update.
        if queue is not None and not await self.guard.wait_turn(update_id, queue):
            log.warning("update %s: the chat's previous update never finished; going on", update_id)
        alive = asyncio.create_task(self.guard.keep_alive(update_id))
        try:
            await coroutine
        finally:
            alive.cancel()  # cancelled (shutdown): the claim stays unfinished and a restart retries it
        await self.guard.finish_update(update_id)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

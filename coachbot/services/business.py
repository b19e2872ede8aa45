"""Telegram Business connections: whose replies to customers the coach reads, and the customer's
last message in each business chat (masked, for a while) as the context of the next reply."""

from __future__ import annotations

from sqlalchemy import select

from coachbot.db import BusinessConnection, User, utcnow
from coachbot.repositories import UserRepository
from coachbot.services.access import Sessionmaker
from coachbot.services.state import StateService

CUSTOMER_TTL = 6 * 3600  # the customer's message stays the context of a reply for six hours


class BusinessService:
    def __init__(self, sessionmaker: Sessionmaker, state: StateService) -> None:
        self.sessionmaker = sessionmaker
        self.state = state

    async def update(self, connection_id: str, telegram_id: int, *, enabled: bool, can_reply: bool) -> bool:
        """Store a connection (or its end); False when the employee never started the bot."""
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            if user is None:
                return False
            row = await session.get(BusinessConnection, connection_id)
            if row is None:
                session.add(BusinessConnection(id=connection_id, user_id=user.id, enabled=enabled,
                                               can_reply=can_reply, updated_at=utcnow()))  # fmt: skip
            elif row.user_id == user.id:  # a connection id never changes hands
                row.enabled, row.can_reply, row.updated_at = enabled, can_reply, utcnow()
            return True

    async def owner(self, connection_id: str) -> int | None:
        """The Telegram id of the employee behind an enabled connection."""
        async with self.sessionmaker.begin() as session:
            row = await session.execute(
                select(User.telegram_id)
                .join(BusinessConnection, BusinessConnection.user_id == User.id)
                .where(BusinessConnection.id == connection_id, BusinessConnection.enabled)
            )
            return row.scalar_one_or_none()

    async def connected(self, telegram_id: int) -> bool:
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            if user is None:
                return False
            found = await session.scalar(
                select(BusinessConnection.id).where(BusinessConnection.user_id == user.id, BusinessConnection.enabled)
            )
            return found is not None

    async def remember_customer(self, owner: int, chat_id: int, masked_text: str) -> None:
        await self.state.put(owner, f"biz:{chat_id}", {"text": masked_text}, CUSTOMER_TTL)

    async def customer_said(self, owner: int, chat_id: int) -> str | None:
        saved = await self.state.get(owner, f"biz:{chat_id}")
        return saved["text"] if saved else None

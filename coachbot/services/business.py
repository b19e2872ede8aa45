"""Telegram Business connections: whose replies to customers the coach reads, and the customer's
last message in each business chat (masked, for a while) as the context of the next reply."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from coachbot.db import BusinessConnection, Draft, User, utcnow
from coachbot.repositories import UserRepository
from coachbot.services.access import Sessionmaker
from coachbot.services.state import StateService

CUSTOMER_TTL = 6 * 3600  # the customer's message stays the context of a reply for six hours
DAY_LIMIT = 1000  # replies read for one daily summary


@dataclass(frozen=True)
class Weakest:
    """The reply of the day that most needed coaching (masked, as stored)."""

    draft_id: int
    text: str
    score: int
    analysis: dict[str, Any]


@dataclass(frozen=True)
class BusinessDay:
    """An employee's replies to customers over a day, for the daily summary."""

    replies: int = 0
    to_improve: int = 0
    avg_score: float | None = None
    top_issues: list[tuple[str, int]] = field(default_factory=list)
    weakest: Weakest | None = None


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

    async def daily(self, telegram_id: int) -> bool:
        """Whether the employee takes one summary a day instead of a note per reply."""
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            return bool(user and user.business_daily)

    async def set_daily(self, telegram_id: int, daily: bool) -> None:
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            if user is not None:
                user.business_daily = daily

    async def daily_targets(self) -> list[int]:
        """Employees with an enabled connection who asked for the daily summary."""
        async with self.sessionmaker.begin() as session:
            rows = await session.scalars(
                select(User.telegram_id)
                .join(BusinessConnection, BusinessConnection.user_id == User.id)
                .where(User.business_daily, BusinessConnection.enabled)
                .distinct()
            )
            return list(rows.all())

    async def day(self, telegram_id: int, hours: int = 24) -> BusinessDay:
        """The employee's Business replies of the last ``hours``."""
        since: datetime = utcnow() - timedelta(hours=hours)
        async with self.sessionmaker.begin() as session:
            user = await UserRepository(session).by_telegram_id(telegram_id)
            if user is None:
                return BusinessDay()
            drafts = list(
                await session.scalars(
                    select(Draft)
                    .where(Draft.user_id == user.id, Draft.channel == "business", Draft.created_at >= since)
                    .order_by(Draft.created_at)
                    .limit(DAY_LIMIT)
                )
            )
        if not drafts:
            return BusinessDay()
        coached = [d for d in drafts if d.needs_coaching]
        issues = Counter(code for d in coached for code in dict.fromkeys(d.issue_codes))
        worst = min(coached, key=lambda d: d.score, default=None)
        return BusinessDay(
            replies=len(drafts),
            to_improve=len(coached),
            avg_score=sum(d.score for d in drafts) / len(drafts),
            top_issues=issues.most_common(),
            weakest=Weakest(worst.id, worst.text, worst.score, dict(worst.analysis)) if worst else None,
        )

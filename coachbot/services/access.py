"""Who may do what: loading the acting user inside a transaction and checking the role."""

from __future__ import annotations

from typing import TypeAlias

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coachbot.db import User
from coachbot.repositories import UserRepository
from coachbot.services.errors import NotFound, PermissionDenied

Sessionmaker: TypeAlias = async_sessionmaker[AsyncSession]


async def load_user(session: AsyncSession, telegram_id: int) -> User:
    user = await UserRepository(session).by_telegram_id(telegram_id)
    if user is None:
        raise NotFound("unknown user: send /start first")
    return user


async def require_role(session: AsyncSession, telegram_id: int, *roles: str) -> User:
    """The acting user, if their role is one of ``roles``; else PermissionDenied."""
    user = await load_user(session, telegram_id)
    if user.role not in roles:
        raise PermissionDenied(f"this needs the {' or '.join(roles)} role")
    return user


async def require_admin(session: AsyncSession, telegram_id: int) -> User:
    return await require_role(session, telegram_id, "admin")

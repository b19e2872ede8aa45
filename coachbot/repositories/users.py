"""SQL for users and teams. Takes a session; never commits."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from coachbot.db import Team, User


def _fold(text: str) -> str:
    # SQLite's lower() only folds ASCII; names are often Cyrillic, so compare in Python.
    return " ".join(text.split()).casefold()


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_telegram_id(self, telegram_id: int) -> User | None:
        return await self.session.scalar(select(User).where(User.telegram_id == telegram_id))

    async def by_id(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def add(self, user: User) -> User:
        self.session.add(user)
        await self.session.flush()
        return user

    async def team_name(self, team_id: int | None) -> str | None:
        if team_id is None:
            return None
        return await self.session.scalar(select(Team.name).where(Team.id == team_id))

    async def find(self, handle: str, team_id: int | None = None) -> list[User]:
        """Users matching a telegram id, an @username or a display name (case-insensitive).

        Args:
            handle: ``"123456"``, ``"@anna_k"`` or ``"Анна Котова"``.
            team_id: look only among this team's members.
        """
        handle = handle.strip()
        query = select(User).order_by(User.id)
        if team_id is not None:
            query = query.where(User.team_id == team_id)
        if handle.lstrip("-").isdigit():
            return list(await self.session.scalars(query.where(User.telegram_id == int(handle))))
        if handle.startswith("@"):
            # Telegram usernames are ASCII, so SQL lower() is enough here.
            name = handle[1:].lower()
            return list(await self.session.scalars(query.where(func.lower(User.username) == name)))
        exact = list(await self.session.scalars(query.where(User.name == handle)))
        if exact:
            return exact
        wanted = _fold(handle)
        rows = await self.session.execute(query.with_only_columns(User.id, User.name))
        ids = [uid for uid, name in rows if _fold(name) == wanted]
        if not ids:
            return []
        return list(await self.session.scalars(select(User).where(User.id.in_(ids))))

    async def members(self, team_id: int) -> list[User]:
        query = select(User).where(User.team_id == team_id).order_by(User.name, User.id)
        return list(await self.session.scalars(query))

    async def count_with_role(self, role: str) -> int:
        count = await self.session.scalar(select(func.count()).where(User.role == role))
        return int(count or 0)

    async def leads_with_team(self) -> list[tuple[int, int]]:
        query = (
            select(User.telegram_id, User.team_id)
            .where(User.role.in_(("lead", "admin")), User.team_id.is_not(None))
            .order_by(User.team_id, User.telegram_id)
        )
        return [(tid, team_id) for tid, team_id in await self.session.execute(query) if team_id is not None]

    async def delete(self, user_id: int) -> int:
        """Delete one user; the database cascades to their drafts and feedback."""
        result = await self.session.execute(delete(User).where(User.id == user_id))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_id(self, team_id: int) -> Team | None:
        return await self.session.get(Team, team_id)

    async def by_invite(self, code: str) -> Team | None:
        return await self.session.scalar(select(Team).where(Team.invite_code == code))

    async def by_name(self, name: str) -> Team | None:
        exact = await self.session.scalar(select(Team).where(Team.name == name.strip()))
        if exact is not None:
            return exact
        wanted = _fold(name)
        for team in await self.session.scalars(select(Team)):
            if _fold(team.name) == wanted:
                return team
        return None

    async def add(self, team: Team) -> Team:
        self.session.add(team)
        await self.session.flush()
        return team

    async def member_counts(self) -> list[tuple[Team, int]]:
        counts = (
            select(User.team_id, func.count(User.id).label("n"))
            .where(User.team_id.is_not(None))
            .group_by(User.team_id)
            .subquery()
        )
        query = (
            select(Team, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.team_id == Team.id)
            .order_by(Team.name)
        )
        return [(team, int(n)) for team, n in await self.session.execute(query)]

    async def member_count(self, team_id: int) -> int:
        count = await self.session.scalar(select(func.count()).where(User.team_id == team_id))
        return int(count or 0)

"""Builders that put rows straight into a test database, with the timestamps a test needs.

Services are what the tests exercise; builders only set the scene (old drafts,
a second team, a lead) faster and more precisely than going through services.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coachbot.db import AuditEntry, Draft, DraftIssue, Feedback, Rewrite, Team, User, utcnow

NOW = datetime.fromisoformat("2026-03-16T12:00:00+00:00")  # a Monday, noon UTC


def sqlite_url(path: Any) -> str:
    return f"sqlite+aiosqlite:///{path}"


class DbBuilder:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker = sessionmaker

    async def _add(self, row: Any) -> Any:
        async with self.sessionmaker.begin() as session:
            session.add(row)
        return row

    async def team(self, name: str, invite_code: str | None = None) -> Team:
        code = invite_code or name.upper().replace(" ", "")[:6] + "22"
        return await self._add(Team(name=name, invite_code=code))

    async def user(
        self,
        telegram_id: int,
        name: str | None = None,
        *,
        role: str = "employee",
        team: Team | None = None,
        username: str | None = None,
        language: str = "ru",
    ) -> User:
        return await self._add(
            User(
                telegram_id=telegram_id,
                name=name or f"User {telegram_id}",
                username=username,
                role=role,
                team_id=team.id if team else None,
                language=language,
            )
        )

    async def draft(
        self,
        user: User,
        *,
        score: int = 50,
        codes: tuple[str, ...] = (),
        at: datetime | None = None,
        text: str = "Ожидайте.",
        team: Team | bool | None = True,
    ) -> Draft:
        """A stored draft; ``team=True`` means the author's current team."""
        team_id = user.team_id if team is True else (team.id if team else None)
        async with self.sessionmaker.begin() as session:
            draft = Draft(
                user_id=user.id,
                team_id=team_id,
                text=text,
                context=None,
                analysis={"score": score, "issues": [{"code": c} for c in codes]},
                score=score,
                needs_coaching=score < 70,
                issue_codes=list(codes),
                model_name="builder",
                model_version="0",
                created_at=at or utcnow(),
            )
            session.add(draft)
            await session.flush()
            session.add_all(DraftIssue(draft_id=draft.id, code=c) for c in dict.fromkeys(codes))
        return draft

    async def drafts_per_day(
        self, user: User, scores: list[int], *, end: datetime = NOW, codes: tuple[str, ...] = ()
    ) -> list[Draft]:
        """One draft a day, the last one at ``end``."""
        start = end - timedelta(days=len(scores) - 1)
        return [
            await self.draft(user, score=s, codes=codes, at=start + timedelta(days=i)) for i, s in enumerate(scores)
        ]

    async def rewrite(self, draft: Draft, position: int = 0, *, chosen: bool = False) -> Rewrite:
        return await self._add(
            Rewrite(
                draft_id=draft.id,
                position=position,
                style="warm",
                text=f"rewrite {position}",
                backend="offline",
                score=90,
                gate={"passed": True},
                chosen=chosen,
                chosen_at=utcnow() if chosen else None,
            )
        )

    async def flag(self, draft: Draft, comment: str | None = None) -> Feedback:
        return await self._add(Feedback(draft_id=draft.id, user_id=draft.user_id, comment=comment))

    async def count(self, model: type[Any], **where: Any) -> int:
        async with self.sessionmaker() as session:
            query = select(func.count()).select_from(model).filter_by(**where)
            return int(await session.scalar(query) or 0)

    async def audit_actions(self) -> list[str]:
        async with self.sessionmaker() as session:
            rows = await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))
            return list(rows)

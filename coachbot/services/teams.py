"""Teams: admins create them, leads see their own team's growth (never another team's)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from coachbot.db import Team, User, utcnow
from coachbot.repositories import (
    AuditRepository,
    DraftRepository,
    StatsRepository,
    TeamRepository,
    UserRepository,
)
from coachbot.services.access import Sessionmaker, require_admin, require_role
from coachbot.services.errors import NotFound, PermissionDenied, ValidationFailed
from coachbot.services.history import check_days, day_series, user_history, window_start
from coachbot.services.types import EmployeeRow, HistoryPage, TeamInfo, TeamSummary
from coachbot.services.users import find_one

# No 0/O or 1/I: codes get read aloud and typed from screenshots.
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 8
MAX_TEAM_NAME = 100


async def new_invite_code(teams: TeamRepository) -> str:
    while True:
        code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
        if await teams.by_invite(code) is None:
            return code


def _share(offered: int, chosen: int) -> float | None:
    return round(chosen / offered, 2) if offered else None


def _trend(last: float | None, before: float | None) -> float | None:
    return None if last is None or before is None else round(last - before, 1)


class TeamService:
    def __init__(self, sessionmaker: Sessionmaker) -> None:
        self.sessionmaker = sessionmaker

    async def create_team(self, actor_tid: int, name: str) -> TeamInfo:
        name = " ".join(name.split())
        if not name or len(name) > MAX_TEAM_NAME:
            raise ValidationFailed(f"a team name needs 1 to {MAX_TEAM_NAME} characters")
        async with self.sessionmaker.begin() as session:
            actor = await require_admin(session, actor_tid)
            teams = TeamRepository(session)
            if await teams.by_name(name) is not None:
                raise ValidationFailed(f"there is already a team called '{name}'")
            team = await teams.add(Team(name=name, invite_code=await new_invite_code(teams)))
            await AuditRepository(session).add(actor.id, "team.create", {"team": name})
            return TeamInfo(team.id, team.name, team.invite_code, 0)

    async def rotate_invite(self, actor_tid: int, team_name: str) -> str:
        """A new invite code for a team (the old one stops working). Admin or that team's lead."""
        async with self.sessionmaker.begin() as session:
            actor = await require_role(session, actor_tid, "lead", "admin")
            teams = TeamRepository(session)
            team = await teams.by_name(team_name)
            # A lead hears the same refusal whether another team exists or not.
            if actor.role != "admin" and (team is None or actor.team_id != team.id):
                raise PermissionDenied("you can only change your own team's invite")
            if team is None:
                raise NotFound(f"no team '{team_name}'")
            team.invite_code = await new_invite_code(teams)
            await AuditRepository(session).add(actor.id, "team.rotate_invite", {"team": team.name})
            return team.invite_code

    async def list_teams(self, actor_tid: int) -> list[TeamInfo]:
        async with self.sessionmaker.begin() as session:
            await require_admin(session, actor_tid)
            return [TeamInfo(t.id, t.name, t.invite_code, n) for t, n in await TeamRepository(session).member_counts()]

    async def add_member(self, actor_tid: int, target: str, team_name: str) -> TeamInfo:
        """Put a user into a team without an invite (e.g. a new lead). Admin only."""
        async with self.sessionmaker.begin() as session:
            actor = await require_admin(session, actor_tid)
            teams = TeamRepository(session)
            team = await teams.by_name(team_name)
            if team is None:
                raise NotFound(f"no team '{team_name}'")
            user = await find_one(UserRepository(session), target)
            user.team_id = team.id
            await session.flush()
            await AuditRepository(session).add(
                actor.id, "team.add_member", {"team": team.name, "telegram_id": user.telegram_id}
            )
            return TeamInfo(team.id, team.name, team.invite_code, await teams.member_count(team.id))

    async def team_summary(
        self,
        lead_tid: int,
        days: int = 30,
        *,
        team_name: str | None = None,
        now: datetime | None = None,
    ) -> TeamSummary:
        """Per-employee growth for the lead's own team; admins may name any team."""
        check_days(days)
        now = now or utcnow()
        since = window_start(now, days)
        async with self.sessionmaker.begin() as session:
            actor = await require_role(session, lead_tid, "lead", "admin")
            team = await self._visible_team(session, actor, team_name)
            stats = StatsRepository(session)
            per_user = await stats.per_user(team.id, since, now - timedelta(days=7), now - timedelta(days=14))
            issues = await stats.issue_counts_by_user(team.id, since)
            adoption = await stats.rewrite_adoption(team.id, since)
            flags = await stats.flags_by_user(team.id, since)
            members = await UserRepository(session).members(team.id)
            daily = await stats.daily(since, team_id=team.id)
            top = await stats.issue_counts(team.id, since)
        rows = []
        for m in members:
            drafts, avg, last, before = per_user.get(m.id, (0, None, None, None))
            rows.append(
                EmployeeRow(
                    user_id=m.id,
                    telegram_id=m.telegram_id,
                    name=m.name,
                    username=m.username,
                    drafts=drafts,
                    avg_score=avg,
                    trend=_trend(last, before),
                    top_issues=issues.get(m.id, [])[:3],
                    rewrite_share=_share(*adoption.get(m.id, (0, 0))),
                    flags=flags.get(m.id, 0),
                    role=m.role,
                )
            )
        series = day_series(daily, since, days)
        total = sum(p.drafts for p in series)
        weighted = sum(p.avg_score * p.drafts for p in series if p.avg_score is not None)
        return TeamSummary(
            team_id=team.id,
            team_name=team.name,
            days=days,
            drafts=total,
            avg_score=round(weighted / total, 1) if total else None,
            employees=rows,
            top_issues=top[:5],
            daily=series,
        )

    async def employee_history(
        self, lead_tid: int, name_or_username: str, page: int = 0, per_page: int = 5
    ) -> HistoryPage:
        """An employee's drafts written in the lead's team. Admins see anyone's."""
        async with self.sessionmaker.begin() as session:
            actor = await require_role(session, lead_tid, "lead", "admin")
            users = UserRepository(session)
            if actor.role == "admin":
                employee = await find_one(users, name_or_username)
                team_id = None
            else:
                if actor.team_id is None:
                    raise NotFound("you are not in a team yet")
                if not await users.find(name_or_username, actor.team_id):
                    if await users.find(name_or_username):
                        raise PermissionDenied("this person is not in your team")
                    raise NotFound(f"no user '{name_or_username.strip()}'")
                employee = await find_one(users, name_or_username, actor.team_id)
                team_id = actor.team_id
            return await user_history(DraftRepository(session), employee.id, page, per_page, team_id=team_id)

    async def digest_targets(self) -> list[tuple[int, int]]:
        """(telegram id, team id) of every lead (or admin) who is in a team."""
        async with self.sessionmaker.begin() as session:
            return await UserRepository(session).leads_with_team()

    @staticmethod
    async def _visible_team(session: AsyncSession, actor: User, team_name: str | None) -> Team:
        teams = TeamRepository(session)
        if team_name is not None:
            team = await teams.by_name(team_name)
            if team is None:
                raise NotFound(f"no team '{team_name}'")
            if actor.role != "admin" and team.id != actor.team_id:
                raise PermissionDenied("you can only see your own team")
            return team
        if actor.team_id is None:
            raise NotFound("you are not in a team yet; name the team")
        team = await teams.by_id(actor.team_id)
        if team is None:
            raise NotFound("your team no longer exists")
        return team

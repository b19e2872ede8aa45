"""Users: first contact, language, joining a team, roles, and forgetting."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from coachbot.config import Settings
from coachbot.db import User, utcnow
from coachbot.db.models import LANGUAGES, ROLES
from coachbot.db.session import flush_deleted
from coachbot.repositories import (
    AuditRepository,
    DraftRepository,
    TeamRepository,
    UserRepository,
)
from coachbot.services.access import Sessionmaker, load_user, require_admin
from coachbot.services.errors import InvalidInvite, NotFound, ValidationFailed
from coachbot.services.types import TeamInfo, UserInfo

MAX_NAME = 200


def language_from(code: str | None, default: str) -> str:
    """Telegram's ``language_code`` ('en-US', 'ru', 'uk') mapped to an interface language."""
    base = (code or "").split("-", 1)[0].strip().lower()
    return base if base in LANGUAGES else default


def _clean_name(name: str | None, username: str | None, telegram_id: int) -> str:
    name = " ".join((name or "").split())[:MAX_NAME]
    return name or (f"@{username}" if username else str(telegram_id))


def normalise_invite(code: str) -> str:
    return "".join(code.split()).upper()


async def user_info(users: UserRepository, user: User, *, is_new: bool = False) -> UserInfo:
    return UserInfo(
        id=user.id,
        telegram_id=user.telegram_id,
        name=user.name,
        username=user.username,
        language=user.language,
        role=user.role,
        team_id=user.team_id,
        team_name=await users.team_name(user.team_id),
        is_new=is_new,
    )


class UserService:
    def __init__(self, sessionmaker: Sessionmaker, settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    async def ensure_user(
        self,
        telegram_id: int,
        name: str,
        username: str | None = None,
        language_code: str | None = None,
    ) -> UserInfo:
        """Create the user on first contact, refresh name and username later.

        The language is guessed once, from Telegram; the user's own choice is kept after.
        Telegram ids in ``COACHBOT_ADMIN_IDS`` become admins.
        """
        username = (username or "").strip().lstrip("@") or None
        try:
            return await self._upsert(telegram_id, name, username, language_code)
        except IntegrityError:
            # Two first messages raced (e.g. two webhook replicas); the other one created the row.
            return await self._upsert(telegram_id, name, username, language_code)

    async def _upsert(self, telegram_id: int, name: str, username: str | None, language_code: str | None) -> UserInfo:
        async with self.sessionmaker.begin() as session:
            users = UserRepository(session)
            user = await users.by_telegram_id(telegram_id)
            is_new = user is None
            if user is None:
                user = User(
                    telegram_id=telegram_id,
                    language=language_from(language_code, self.settings.language),
                    role="employee",
                )
                session.add(user)
            user.name = _clean_name(name, username, telegram_id)
            user.username = username
            user.last_seen_at = utcnow()
            if telegram_id in self.settings.admin_ids and user.role != "admin":
                user.role = "admin"
            await session.flush()
            return await user_info(users, user, is_new=is_new)

    async def get(self, telegram_id: int) -> UserInfo | None:
        async with self.sessionmaker.begin() as session:
            users = UserRepository(session)
            user = await users.by_telegram_id(telegram_id)
            return None if user is None else await user_info(users, user)

    async def set_language(self, telegram_id: int, lang: str) -> UserInfo:
        lang = lang.strip().lower()
        if lang not in LANGUAGES:
            raise ValidationFailed(f"the language must be one of: {', '.join(LANGUAGES)}")
        async with self.sessionmaker.begin() as session:
            user = await load_user(session, telegram_id)
            user.language = lang
            return await user_info(UserRepository(session), user)

    async def join_team(self, telegram_id: int, invite_code: str) -> TeamInfo:
        async with self.sessionmaker.begin() as session:
            user = await load_user(session, telegram_id)
            teams = TeamRepository(session)
            team = await teams.by_invite(normalise_invite(invite_code))
            if team is None:
                raise InvalidInvite("this invite code is not valid; ask your team lead for a new one")
            moved = user.team_id is not None and user.team_id != team.id
            stepped_down = moved and user.role == "lead"
            user.team_id = team.id
            if stepped_down:
                # A role belongs to a membership: a lead of one team is a member of the next one
                # until an admin promotes them there (admins stay admins everywhere).
                user.role = "employee"
                await AuditRepository(session).add(
                    user.id, "user.role_reset_on_join", {"telegram_id": user.telegram_id, "team_id": team.id}
                )
            await session.flush()
            return TeamInfo(team.id, team.name, team.invite_code, await teams.member_count(team.id),
                            lead_role_left=stepped_down)  # fmt: skip

    async def set_role(self, actor_tid: int, target: str, role: str) -> UserInfo:
        """Give a user a role. ``target`` is a telegram id, an @username or a name. Admin only."""
        role = role.strip().lower()
        if role not in ROLES:
            raise ValidationFailed(f"the role must be one of: {', '.join(ROLES)}")
        async with self.sessionmaker.begin() as session:
            actor = await require_admin(session, actor_tid)
            users = UserRepository(session)
            user = await find_one(users, target)
            if user.role == "admin" and role != "admin":
                if user.telegram_id in self.settings.admin_ids:
                    raise ValidationFailed(f"{user.name} is an admin by configuration (COACHBOT_ADMIN_IDS)")
                if await users.count_with_role("admin") <= 1:
                    raise ValidationFailed(f"{user.name} is the only admin; make another admin first")
            previous, user.role = user.role, role
            await AuditRepository(session).add(
                actor.id,
                "user.set_role",
                {"telegram_id": user.telegram_id, "from": previous, "to": role},
            )
            return await user_info(users, user)

    async def forget(self, telegram_id: int) -> int:
        """Delete the user with their drafts, rewrites and feedback; returns the rows deleted."""
        async with self.sessionmaker.begin() as session:
            users = UserRepository(session)
            user = await users.by_telegram_id(telegram_id)
            if user is None:
                return 0
            owned = await DraftRepository(session).owned_counts(user.id)
            deleted = owned + await users.delete(user.id)
        await flush_deleted(self.sessionmaker)
        return deleted


async def find_one(users: UserRepository, handle: str, team_id: int | None = None) -> User:
    """Exactly one user for ``handle``; NotFound or ValidationFailed (ambiguous) otherwise."""
    if not handle.strip():
        raise ValidationFailed("say who: a telegram id, an @username or a name")
    found = await users.find(handle, team_id)
    if not found:
        raise NotFound(f"no user '{handle.strip()}'")
    if len(found) > 1:
        raise ValidationFailed(f"several users are called '{handle.strip()}'; use the @username or the telegram id")
    return found[0]

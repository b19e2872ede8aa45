"""UserService: first contact, language, invites, roles and /forgetme."""

from __future__ import annotations

import pytest

from coachbot.analysis.analyzer import Analyzer
from coachbot.db import Draft, Feedback, Rewrite, User
from coachbot.repositories import UserRepository
from coachbot.services import (
    CoachingService,
    InvalidInvite,
    NotFound,
    PermissionDenied,
    RewriteRecord,
    TeamService,
    UserService,
    ValidationFailed,
)


@pytest.fixture
def users(sessionmaker, settings) -> UserService:
    return UserService(sessionmaker, settings)


async def test_first_contact_creates_an_employee_and_later_contacts_refresh_the_name(users):
    first = await users.ensure_user(42, "Анна", "anna_k", "en-US")
    again = await users.ensure_user(42, "Анна Котова", "@anna_k", "ru")

    assert first.is_new and not again.is_new
    assert (first.role, first.team_id) == ("employee", None)
    assert again.name == "Анна Котова" and again.username == "anna_k"
    assert again.language == "en"  # guessed once from Telegram, not overwritten later


async def test_a_user_created_meanwhile_by_another_replica_is_picked_up(users, build, monkeypatch):
    await build.user(77, "Ира")  # inserted by "the other replica" after our lookup
    lookup = UserRepository.by_telegram_id
    calls = []

    async def stale_first_lookup(self, telegram_id):
        calls.append(telegram_id)
        return None if len(calls) == 1 else await lookup(self, telegram_id)

    monkeypatch.setattr(UserRepository, "by_telegram_id", stale_first_lookup)
    info = await users.ensure_user(77, "Ира Петрова")

    assert not info.is_new and info.name == "Ира Петрова"
    assert await build.count(User, telegram_id=77) == 1


async def test_unsupported_telegram_language_falls_back_to_the_configured_one(users):
    assert (await users.ensure_user(7, "Hans", language_code="de")).language == "ru"


async def test_configured_admin_ids_become_admins(admin_tid, users):
    info = await users.ensure_user(admin_tid, "Boss")
    assert info.role == "admin" and info.is_admin


async def test_language_choice_sticks_and_bad_languages_are_refused(users):
    await users.ensure_user(42, "Анна", language_code="ru")
    assert (await users.set_language(42, "EN")).language == "en"
    assert (await users.ensure_user(42, "Анна", language_code="ru")).language == "en"
    with pytest.raises(ValidationFailed):
        await users.set_language(42, "de")


async def test_joining_a_team_by_invite_code_is_forgiving_about_case_and_spaces(admin_tid, users, sessionmaker):
    await users.ensure_user(admin_tid, "Boss")
    team = await TeamService(sessionmaker).create_team(admin_tid, "Поддержка")
    await users.ensure_user(42, "Анна")

    joined = await users.join_team(42, f"  {team.invite_code.lower()} ")

    assert (joined.name, joined.members) == ("Поддержка", 1)
    assert (await users.get(42)).team_name == "Поддержка"


async def test_a_rotated_invite_code_no_longer_works(admin_tid, users, sessionmaker):
    await users.ensure_user(admin_tid, "Boss")
    teams = TeamService(sessionmaker)
    old = (await teams.create_team(admin_tid, "Support")).invite_code
    new = await teams.rotate_invite(admin_tid, "support")
    await users.ensure_user(42, "Анна")

    with pytest.raises(InvalidInvite):
        await users.join_team(42, old)
    assert (await users.join_team(42, new)).name == "Support"


async def test_only_admins_set_roles_and_targets_can_be_named_several_ways(admin_tid, users, build):
    await users.ensure_user(admin_tid, "Boss")
    await build.user(42, "Анна Котова", username="anna_k")
    await build.user(43, "Борис")

    with pytest.raises(PermissionDenied):
        await users.set_role(42, "Борис", "lead")
    assert (await users.set_role(admin_tid, "@ANNA_K", "lead")).role == "lead"
    assert (await users.set_role(admin_tid, "анна котова", "admin")).role == "admin"
    assert (await users.set_role(admin_tid, "43", "lead")).role == "lead"
    assert await build.audit_actions() == ["user.set_role"] * 3


async def test_set_role_explains_unknown_ambiguous_and_invalid_targets(admin_tid, users, build):
    await users.ensure_user(admin_tid, "Boss")
    await build.user(42, "Анна")
    await build.user(43, "Анна")

    with pytest.raises(NotFound):
        await users.set_role(admin_tid, "@nobody", "lead")
    with pytest.raises(ValidationFailed, match="several users"):
        await users.set_role(admin_tid, "Анна", "lead")
    with pytest.raises(ValidationFailed, match="role must be"):
        await users.set_role(admin_tid, "42", "boss")


async def test_the_last_admin_cannot_be_demoted(admin_tid, users, build):
    await build.user(50, "Only Admin", role="admin")
    with pytest.raises(ValidationFailed, match="only admin"):
        await users.set_role(50, "50", "employee")
    # a configured admin would be promoted again on the next message, so say so
    await users.ensure_user(admin_tid, "Boss")
    with pytest.raises(ValidationFailed, match="COACHBOT_ADMIN_IDS"):
        await users.set_role(50, str(admin_tid), "employee")


async def test_forget_removes_the_user_with_drafts_rewrites_and_feedback(users, build, sessionmaker):
    coaching = CoachingService(sessionmaker, Analyzer())
    await users.ensure_user(42, "Анна")
    other = await users.ensure_user(43, "Борис")
    mine = await coaching.submit_draft(42, "Вы сами виноваты, читайте условия.")
    await coaching.add_rewrites(mine.draft_id, [RewriteRecord("warm", "Мне жаль.", "offline", 90)])
    await coaching.flag_verdict(42, mine.draft_id, "не согласна")
    theirs = await coaching.submit_draft(43, "Извините за задержку, завтра привезём.")

    removed = await users.forget(42)

    assert removed == 4  # draft, rewrite, feedback, user
    assert await users.get(42) is None
    assert await build.count(Draft) == 1
    assert await build.count(Rewrite) == 0
    assert await build.count(Feedback) == 0
    assert (await coaching.get_draft(43, theirs.draft_id)).id == theirs.draft_id
    assert await build.count(User, id=other.id) == 1
    assert await users.forget(42) == 0

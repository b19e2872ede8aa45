"""TeamService: admins manage teams; a lead sees their own team only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coachbot.db import Draft, DraftIssue
from coachbot.services import NotFound, PermissionDenied, TeamService, ValidationFailed

try:
    from support.db import NOW
except ModuleNotFoundError:
    from tests.support.db import NOW


@pytest.fixture
def teams(sessionmaker) -> TeamService:
    return TeamService(sessionmaker)


@pytest.fixture
async def scene(build, admin_tid):
    """Two teams: Support (lead 10, Anna 11, Boris 12) and Sales (lead 20, Vera 21)."""
    support, sales = await build.team("Support"), await build.team("Sales")
    people = {
        "admin": await build.user(admin_tid, "Admin", role="admin"),
        "lead": await build.user(10, "Лида", role="lead", team=support),
        "anna": await build.user(11, "Анна", team=support, username="anna"),
        "boris": await build.user(12, "Борис", team=support),
        "sales_lead": await build.user(20, "Семён", role="lead", team=sales),
        "vera": await build.user(21, "Вера", team=sales, username="vera"),
    }
    return support, sales, people


async def test_only_admins_create_and_list_teams(teams, build, admin_tid):
    await build.user(admin_tid, "Admin", role="admin")
    await build.user(5, "Ivan")

    created = await teams.create_team(admin_tid, "  Первая   линия ")

    assert created.name == "Первая линия" and len(created.invite_code) == 8
    with pytest.raises(ValidationFailed, match="already"):
        await teams.create_team(admin_tid, "первая линия")
    with pytest.raises(PermissionDenied):
        await teams.create_team(5, "Mine")
    with pytest.raises(PermissionDenied):
        await teams.list_teams(5)
    assert [(t.name, t.members) for t in await teams.list_teams(admin_tid)] == [("Первая линия", 0)]
    assert await build.audit_actions() == ["team.create"]


async def test_a_lead_rotates_only_their_own_teams_invite(teams, scene):
    with pytest.raises(PermissionDenied):
        await teams.rotate_invite(10, "Sales")
    with pytest.raises(PermissionDenied):
        await teams.rotate_invite(11, "Support")
    assert len(await teams.rotate_invite(10, "Support")) == 8


async def test_summary_shows_each_member_of_the_leads_team(teams, build, scene):
    *_teams, p = scene
    # Anna improves: 40s the week before, 80s this week.
    for days_ago, score in [(10, 40), (9, 44), (3, 80), (1, 84)]:
        await build.draft(p["anna"], score=score, codes=("blame",), at=NOW - timedelta(days=days_ago))
    cold = await build.draft(p["boris"], score=60, codes=("cold", "jargon"), at=NOW)
    await build.rewrite(cold, 0, chosen=True)
    plain = await build.draft(p["boris"], score=70, codes=("cold",), at=NOW - timedelta(days=2))
    await build.rewrite(plain, 0)
    await build.flag(plain)
    await build.draft(p["vera"], score=5, codes=("rudeness",), at=NOW)  # other team
    await build.draft(p["anna"], score=99, at=NOW - timedelta(days=40))  # outside 30 days

    summary = await teams.team_summary(10, days=30, now=NOW)

    assert summary.team_name == "Support" and summary.drafts == 6
    rows = {r.name: r for r in summary.employees}
    assert set(rows) == {"Анна", "Борис", "Лида"}
    anna, boris = rows["Анна"], rows["Борис"]
    assert (anna.drafts, anna.avg_score, anna.trend) == (4, 62.0, 40.0)
    assert anna.top_issues == [("blame", 4)] and anna.rewrite_share is None
    assert (boris.drafts, boris.avg_score, boris.trend) == (2, 65.0, None)
    assert boris.top_issues == [("cold", 2), ("jargon", 1)]
    assert (boris.rewrite_share, boris.flags) == (0.5, 1)
    assert (rows["Лида"].drafts, rows["Лида"].role) == (0, "lead")
    assert summary.top_issues == [("blame", 4), ("cold", 2), ("jargon", 1)]
    assert len(summary.daily) == 30 and summary.daily[-1].drafts == 1
    assert sum(d.drafts for d in summary.daily) == 6


async def test_a_lead_never_sees_another_team(teams, build, scene, admin_tid):
    _support, _sales, p = scene
    await build.draft(p["vera"], score=5, codes=("rudeness",), at=NOW)

    with pytest.raises(PermissionDenied):
        await teams.team_summary(10, team_name="Sales", now=NOW)
    with pytest.raises(PermissionDenied):
        await teams.employee_history(10, "Вера")
    with pytest.raises(PermissionDenied):
        await teams.employee_history(10, "@vera")
    with pytest.raises(NotFound):
        await teams.employee_history(10, "Никто")
    sales = await teams.team_summary(admin_tid, team_name="sales", now=NOW)
    assert [r.name for r in sales.employees] == ["Вера", "Семён"]
    assert sales.top_issues == [("rudeness", 1)]


async def test_employees_see_no_team_views(teams, scene):
    with pytest.raises(PermissionDenied):
        await teams.team_summary(11, now=NOW)
    with pytest.raises(PermissionDenied):
        await teams.employee_history(11, "Борис")


async def test_employee_history_shows_only_drafts_written_in_the_leads_team(teams, build, scene):
    _support, sales, p = scene
    await build.draft(p["anna"], score=50, text="в поддержке", at=NOW)
    await build.draft(p["anna"], score=50, text="раньше, в продажах", team=sales, at=NOW)

    page = await teams.employee_history(10, "анна")

    assert [i.text for i in page.items] == ["в поддержке"]
    assert (await teams.employee_history(10, "@anna")).total == 1


async def test_digest_goes_to_every_lead_with_a_team(teams, build, scene):
    support, sales, _p = scene
    await build.user(30, "Lead without team", role="lead")
    assert sorted(await teams.digest_targets()) == [(10, support.id), (20, sales.id)]


async def test_admin_can_place_a_user_in_a_team(teams, scene, admin_tid):
    info = await teams.add_member(admin_tid, "@vera", "Support")
    assert (info.name, info.members) == ("Support", 4)
    with pytest.raises(PermissionDenied):
        await teams.add_member(10, "@vera", "Support")


async def test_summary_of_ten_people_and_a_thousand_drafts_is_fast(teams, build, sessionmaker):
    team = await build.team("Big")
    lead = await build.user(1, "Lead", role="lead", team=team)
    members = [await build.user(100 + i, f"E{i}", team=team) for i in range(10)]
    codes = ("blame", "cold", "jargon", "no_apology")
    async with sessionmaker.begin() as session:  # one transaction: builders would commit 1,000 times
        for n in range(1000):
            draft = Draft(
                user_id=members[n % 10].id,
                team_id=team.id,
                text="t",
                context=None,
                analysis={},
                score=n % 100,
                needs_coaching=True,
                issue_codes=[codes[n % 4]],
                model_name="m",
                model_version="1",
                created_at=NOW - timedelta(hours=n % 700),
            )
            session.add(draft)
            await session.flush()
            session.add(DraftIssue(draft_id=draft.id, code=codes[n % 4]))

    summary = await teams.team_summary(lead.telegram_id, now=NOW)  # its speed: bench/team_summary.py

    assert summary.drafts == 1000 and len(summary.employees) == 11


async def test_a_lead_cannot_tell_whether_another_team_exists(teams, scene):
    """The refusal for an existing team of someone else and for a made-up name is the same."""
    errors = []
    for name in ("Sales", "Nonexistent team"):
        with pytest.raises(PermissionDenied) as raised:
            await teams.rotate_invite(10, name)
        errors.append((type(raised.value), str(raised.value)))
    assert errors[0] == errors[1]

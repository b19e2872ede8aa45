"""FlagService and RetentionService: reviewing wrong verdicts, forgetting old drafts."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from coachbot.db import Draft, Feedback, Rewrite
from coachbot.services import (
    FlagService,
    NotFound,
    PermissionDenied,
    RetentionService,
    SettingsService,
)

try:
    from support.db import NOW
except ModuleNotFoundError:
    from tests.support.db import NOW


@pytest.fixture
async def anna(build, admin_tid):
    await build.user(admin_tid, "Admin", role="admin")
    return await build.user(42, "Анна")


async def test_admins_review_open_flags_and_export_them_without_names(sessionmaker, build, anna, admin_tid):
    first = await build.draft(anna, score=30, codes=("blame",), text="Вы сами виноваты.")
    second = await build.draft(anna, score=90, text="Извините!")
    one = await build.flag(first, "это не упрёк")
    await build.flag(second)
    flags = FlagService(sessionmaker)

    opened = await flags.open_flags(admin_tid)
    assert [(f.draft_text, f.comment, f.user_name) for f in opened] == [
        ("Вы сами виноваты.", "это не упрёк", "Анна"),
        ("Извините!", None, "Анна"),
    ]
    await flags.resolve(admin_tid, one.id)
    assert [f.draft_id for f in await flags.open_flags(admin_tid)] == [second.id]

    lines = (await flags.export_jsonl(admin_tid)).splitlines()
    exported = [json.loads(line) for line in lines]
    assert [(e["text"], e["codes"], e["comment"], e["status"]) for e in exported] == [
        ("Вы сами виноваты.", ["blame"], "это не упрёк", "reviewed"),
        ("Извините!", [], None, "open"),
    ]
    assert "Анна" not in "\n".join(lines)
    assert await build.audit_actions() == ["flag.resolve", "flag.export"]


async def test_flags_are_for_admins_only(sessionmaker, anna, admin_tid):
    flags = FlagService(sessionmaker)
    with pytest.raises(PermissionDenied):
        await flags.open_flags(42)
    with pytest.raises(PermissionDenied):
        await flags.export_jsonl(42)
    with pytest.raises(NotFound):
        await flags.resolve(admin_tid, 404)


async def test_purge_deletes_drafts_past_retention_with_their_rewrites_and_flags(sessionmaker, build, anna, admin_tid):
    await SettingsService(sessionmaker).set(admin_tid, "retention_days", 30)
    old = await build.draft(anna, at=NOW - timedelta(days=31))
    await build.rewrite(old)
    await build.flag(old)
    kept = await build.draft(anna, at=NOW - timedelta(days=29))
    await build.rewrite(kept)

    assert await RetentionService(sessionmaker).purge(now=NOW) == 1

    assert await build.count(Draft) == 1 and await build.count(Draft, id=kept.id) == 1
    assert await build.count(Rewrite) == 1
    assert await build.count(Feedback) == 0
    assert await RetentionService(sessionmaker).purge(now=NOW) == 0


async def test_default_retention_keeps_a_year(sessionmaker, build, anna):
    await build.draft(anna, at=NOW - timedelta(days=200))
    assert await RetentionService(sessionmaker).purge(now=NOW) == 0
    assert await RetentionService(sessionmaker).purge(now=NOW + timedelta(days=200)) == 1

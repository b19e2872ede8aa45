"""SettingsService and StyleGuideService: what admins tune, checked and audited."""

from __future__ import annotations

import pytest

from coachbot.services import (
    NotFound,
    PermissionDenied,
    SettingsService,
    StyleGuideService,
    ValidationFailed,
)


@pytest.fixture
async def people(build, admin_tid):
    await build.user(admin_tid, "Admin", role="admin")
    await build.user(42, "Анна")


async def test_settings_start_from_configuration_and_change_typed(sessionmaker, settings, people, admin_tid, build):
    service = SettingsService(sessionmaker, settings)
    assert await service.all() == {
        "coaching_threshold": 70,
        "llm_enabled": False,
        "retention_days": 365,
        "digest_day": 0,
        "digest_time": "09:00",
    }

    assert await service.set(admin_tid, "coaching_threshold", "65") == 65
    assert await service.set(admin_tid, "llm_enabled", "on") is True
    assert await service.set(admin_tid, "digest_time", "8:05") == "08:05"

    assert await service.coaching_threshold() == 65
    assert await service.llm_enabled() is True
    assert await service.digest_time() == "08:05"
    assert await build.audit_actions() == ["settings.set"] * 3


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("coaching_threshold", "101", "from 0 to 100"),
        ("coaching_threshold", "seventy", "whole number"),
        ("retention_days", 0, "at least 1"),
        ("digest_day", 7, r"0 \(Monday\) to 6 \(Sunday\)"),
        ("digest_time", "25:00", "HH:MM"),
        ("llm_enabled", "maybe", "on or off"),
        ("colour", "red", "no setting 'colour'"),
    ],
)
async def test_bad_setting_values_are_explained(sessionmaker, people, admin_tid, key, value, words):
    service = SettingsService(sessionmaker)
    with pytest.raises(ValidationFailed, match=words):
        await service.set(admin_tid, key, value)


async def test_only_admins_change_settings(sessionmaker, people):
    with pytest.raises(PermissionDenied):
        await SettingsService(sessionmaker).set(42, "retention_days", 30)


async def test_style_guide_bans_phrases_and_sets_the_form_of_address(sessionmaker, people, admin_tid, build):
    guide = StyleGuideService(sessionmaker)
    banned = await guide.add_banned(admin_tid, "не положено", "давайте посмотрим, что можно сделать")
    await guide.add_banned(admin_tid, "Не  положено", "посмотрим варианты")  # same phrase: update
    await guide.set_address(admin_tid, "вы")
    await guide.set_address(admin_tid, "Вы")

    rules = await guide.rules()
    assert [(r.kind, r.phrase, r.replacement) for r in rules] == [
        ("address", "Вы", None),
        ("banned", "Не положено", "посмотрим варианты"),
    ]
    assert await guide.address_form() == "Вы"

    await guide.remove(admin_tid, banned.id)
    assert [r.kind for r in await guide.rules()] == ["address"]
    with pytest.raises(NotFound):
        await guide.remove(admin_tid, banned.id)
    assert len(await build.audit_actions()) == 5


async def test_style_guide_refuses_bad_input_and_non_admins(sessionmaker, people, admin_tid):
    guide = StyleGuideService(sessionmaker)
    with pytest.raises(ValidationFailed, match="«вы» or «Вы»"):
        await guide.set_address(admin_tid, "ты")
    with pytest.raises(ValidationFailed, match="phrase is empty"):
        await guide.add_banned(admin_tid, "  ", None)
    with pytest.raises(PermissionDenied):
        await guide.add_banned(42, "не мой отдел", None)
    assert await guide.rules() == []

"""CoachingService with the real rule analyzer: what an employee sends, sees and picks."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from coachbot.analysis.analyzer import Analyzer
from coachbot.analysis.errors import DraftError
from coachbot.services import (
    CoachingService,
    NotFound,
    PermissionDenied,
    RewriteRecord,
    UserService,
)

try:
    from support.db import NOW
except ModuleNotFoundError:
    from tests.support.db import NOW

BLAMING = "Вы сами виноваты, надо было читать условия. Ожидайте."
KIND = "Извините, пожалуйста, за задержку! Я лично прослежу, чтобы заказ доставили завтра до 18:00."


def phone_masker(text: str) -> str:
    return re.sub(r"\+7[\d\- ]{10,}\d", "[телефон]", text)


@pytest.fixture
async def coaching(sessionmaker, settings) -> CoachingService:
    users = UserService(sessionmaker, settings)
    await users.ensure_user(42, "Анна")
    await users.ensure_user(43, "Борис")
    return CoachingService(sessionmaker, Analyzer(), masker=phone_masker)


async def test_a_draft_is_stored_masked_with_its_analysis(coaching):
    result = await coaching.submit_draft(
        42, BLAMING + " Звоните +7 912 345-67-89.", context="Позвоните мне: +7 912 345-67-89"
    )

    detail = await coaching.get_draft(42, result.draft_id)
    assert "+7 912" not in detail.text and "[телефон]" in detail.text
    assert detail.context == "Позвоните мне: [телефон]"
    assert result.analysis.id == str(result.draft_id)
    assert detail.needs_coaching and "blame" in detail.issue_codes
    assert detail.score == result.analysis.score
    quotes = [i["quote"] for i in detail.analysis["issues"] if i["code"] == "blame"]
    assert "Вы сами виноваты" in quotes
    assert detail.analysis["id"] == str(result.draft_id)


async def test_drafts_the_analyzer_cannot_take_are_refused_and_not_stored(coaching):
    with pytest.raises(DraftError):
        await coaching.submit_draft(42, "   ")
    with pytest.raises(DraftError):
        await coaching.submit_draft(42, "12345 !!!")
    assert (await coaching.history(42)).total == 0


async def test_unknown_users_cannot_submit(coaching):
    with pytest.raises(NotFound):
        await coaching.submit_draft(999, KIND)


async def test_choosing_a_rewrite_marks_only_that_one(coaching):
    draft = await coaching.submit_draft(42, BLAMING)
    await coaching.add_rewrites(
        draft.draft_id,
        [
            RewriteRecord("warm", "Мне очень жаль, давайте разберёмся.", "offline", 88, {"ok": 1}),
            RewriteRecord("concise", "Извините, сейчас исправим.", "llm", 80),
        ],
    )

    assert await coaching.choose_rewrite(42, draft.draft_id, 1) == "Извините, сейчас исправим."
    assert await coaching.choose_rewrite(42, draft.draft_id, 0) == ("Мне очень жаль, давайте разберёмся.")
    rewrites = (await coaching.get_draft(42, draft.draft_id)).rewrites
    assert [(r.position, r.style, r.chosen) for r in rewrites] == [
        (0, "warm", True),
        (1, "concise", False),
    ]
    summary = (await coaching.history(42)).items[0]
    assert (summary.rewrites, summary.chosen) == (2, True)


async def test_more_rewrites_are_appended_after_the_first_ones(coaching):
    draft = await coaching.submit_draft(42, BLAMING)
    await coaching.add_rewrites(draft.draft_id, [RewriteRecord("warm", "a", "offline")])
    await coaching.add_rewrites(draft.draft_id, [RewriteRecord("formal", "b", "llm")])
    rewrites = (await coaching.get_draft(42, draft.draft_id)).rewrites
    assert [(r.position, r.text) for r in rewrites] == [(0, "a"), (1, "b")]


async def test_only_the_author_can_open_choose_or_flag_a_draft(coaching):
    draft = await coaching.submit_draft(42, BLAMING)
    await coaching.add_rewrites(draft.draft_id, [RewriteRecord("warm", "a", "offline")])

    with pytest.raises(PermissionDenied):
        await coaching.get_draft(43, draft.draft_id)
    with pytest.raises(PermissionDenied):
        await coaching.choose_rewrite(43, draft.draft_id, 0)
    with pytest.raises(PermissionDenied):
        await coaching.flag_verdict(43, draft.draft_id)
    with pytest.raises(NotFound):
        await coaching.choose_rewrite(42, draft.draft_id, 5)
    assert (await coaching.history(43)).total == 0


async def test_flagging_a_verdict_is_remembered_on_the_draft(coaching):
    draft = await coaching.submit_draft(42, KIND)
    assert not (await coaching.get_draft(42, draft.draft_id)).flagged
    flag_id = await coaching.flag_verdict(42, draft.draft_id, "  тут всё вежливо  ")
    assert flag_id > 0
    assert (await coaching.get_draft(42, draft.draft_id)).flagged


async def test_history_pages_newest_first_and_a_stale_page_shows_the_last(coaching):
    for n in range(7):
        await coaching.submit_draft(42, f"Извините за задержку заказа номер {n}, привезём завтра.")

    first = await coaching.history(42, page=0, per_page=5)
    last = await coaching.history(42, page=9, per_page=5)

    assert (first.total, first.pages, first.page) == (7, 2, 0)
    assert "номер 6" in first.items[0].text and "номер 2" in first.items[-1].text
    assert last == await coaching.history(42, page=1, per_page=5)
    assert len(last.items) == 2 and "номер 0" in last.items[-1].text


async def test_progress_has_a_point_for_every_day_with_daily_averages(coaching, build):
    vera = await build.user(44, "Вера")
    await build.draft(vera, score=40, at=NOW - timedelta(days=2))
    await build.draft(vera, score=60, at=NOW - timedelta(days=2, hours=3))
    await build.draft(vera, score=90, at=NOW)
    await build.draft(vera, score=10, at=NOW - timedelta(days=30))  # outside the window

    points = await coaching.progress(44, days=7, now=NOW)

    assert [p.day for p in points] == [date(2026, 3, 10) + timedelta(days=i) for i in range(7)]
    by_day = {p.day: (p.drafts, p.avg_score) for p in points}
    assert by_day[date(2026, 3, 14)] == (2, 50.0)
    assert by_day[date(2026, 3, 16)] == (1, 90.0)
    assert by_day[date(2026, 3, 15)] == (0, None)
    assert sum(p.drafts for p in points) == 3

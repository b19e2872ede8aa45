"""Looking back: /history page by page, /progress as a chart image."""

from __future__ import annotations

from datetime import timedelta

try:
    from support.db import DbBuilder
    from support.samples import RUDE
except ModuleNotFoundError:
    from tests.support.db import DbBuilder
    from tests.support.samples import RUDE

from coachbot.db import utcnow


async def test_history_is_empty_at_first_and_then_pages_with_buttons(bot):
    anna = bot.user()
    assert "Здесь пока пусто" in (await anna.ask("/history")).text
    for n in range(7):
        await anna.ask(f"Ожидайте ответа номер {n}.")
    first = await anna.ask("/history")
    assert first.text.startswith("Ваши черновики · 7 черновиков · стр. 1 из 2")
    assert "Ожидайте ответа номер 6" in first.text  # newest first
    assert "Ожидайте ответа номер 1" not in first.text
    assert [label for label, _ in first.buttons] == ["Дальше ›"]
    second = await anna.tap(first, first.button("Дальше"))
    assert second.method == "editMessageText"
    assert "стр. 2 из 2" in second.text and "Ожидайте ответа номер 0" in second.text
    assert [label for label, _ in second.buttons] == ["‹ Назад"]


async def test_history_shows_only_ones_own_drafts(bot):
    anna, boris = bot.user(first_name="Анна"), bot.user(first_name="Борис")
    await anna.ask(RUDE)
    assert "Здесь пока пусто" in (await boris.ask("/history")).text


async def test_progress_sends_a_png_chart_with_the_trend(bot):
    anna = bot.user()
    builder = DbBuilder(bot.services.users.sessionmaker)
    user = await builder.user(anna.id, "Анна")
    assert "Пока нечего показать" in (await anna.ask("/progress")).text
    now = utcnow()
    for day, score in enumerate([40, 45, 50, 48, 52, 55, 60, 62, 70, 72, 75, 80, 78, 85]):
        await builder.draft(user, score=score, at=now - timedelta(days=13 - day), team=None)
    reply = await anna.ask("/progress")
    assert reply.method == "sendPhoto"
    assert reply.photo.startswith(b"\x89PNG\r\n\x1a\n") and len(reply.photo) > 10_000
    assert "За 30 дней: 14 черновиков, средняя оценка 62." in reply.text
    assert "Последняя неделя лучше предыдущей" in reply.text

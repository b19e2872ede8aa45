"""Team leads: their own team only, with a chart; one person's drafts; the weekly digest.

Role isolation: a lead never sees another team; an employee never sees anyone else.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from coachbot.db import utcnow

try:
    from support.db import DbBuilder
except ModuleNotFoundError:
    from tests.support.db import DbBuilder

LEAD, OTHER_LEAD, ANNA, BORIS, STRANGER = 501, 502, 511, 512, 521


@pytest.fixture
async def teams(bot):
    """Two teams with a lead each; «Поддержка» has Анна and Борис with two weeks of drafts."""
    build = DbBuilder(bot.services.users.sessionmaker)
    support = await build.team("Поддержка", invite_code="SUPP2345")
    sales = await build.team("Продажи", invite_code="SALE2345")
    await build.user(LEAD, "Ольга Лид", role="lead", team=support)
    await build.user(OTHER_LEAD, "Пётр Лид", role="lead", team=sales)
    anna = await build.user(ANNA, "Анна Смирнова", team=support, username="anna_s")
    boris = await build.user(BORIS, "Борис Иванов", team=support)
    stranger = await build.user(STRANGER, "Вера Чужая", team=sales)
    now = utcnow()
    for day in range(14):
        at = now - timedelta(days=13 - day)  # same time of day: the calendar-day windows hold at any hour
        await build.draft(anna, score=40 + 3 * day, codes=("blame",) if day < 7 else ("cold",), at=at)
        await build.draft(boris, score=60, codes=("no_next_step",), at=at)
    await build.draft(stranger, score=20, codes=("rudeness",), text="Секрет продаж", at=now)
    return build


async def test_a_lead_sees_their_own_team_with_a_chart(bot, teams):
    lead = bot.user(LEAD, "Ольга")
    after = lead.mark()
    await lead.send("/team")
    chart = await lead.next(after, {"sendPhoto"})
    assert chart.photo.startswith(b"\x89PNG") and "Команда «Поддержка» · 30 дней" in chart.text
    details = await lead.next(after, {"sendMessage"})
    text = details.text
    assert text.startswith("Команда «Поддержка» · 30 дней\n28 черновиков")
    assert "Анна Смирнова — 14 черновиков" in text and "Борис Иванов — 14 черновиков" in text
    assert "▲" in text  # Анна is improving week over week
    assert "Упрёк клиенту" in text and "Нет следующего шага" in text
    assert "Вера" not in text and "Продажи" not in text


async def test_a_lead_never_sees_another_team(bot, teams):
    lead = bot.user(LEAD, "Ольга")
    refused = await lead.ask("/team Продажи")
    assert refused.text == "Здесь видна только ваша команда. Сводка по ней — /team."
    assert "Вера" not in refused.text
    missing = await lead.ask("/employee Вера Чужая")
    assert "В вашей команде нет сотрудника «Вера Чужая»" in missing.text


async def test_an_employee_sees_nobody_else(bot, teams):
    anna = bot.user(ANNA, "Анна")
    for command in ("/team", "/team Поддержка", "/employee Борис Иванов"):
        reply = await anna.ask(command)
        assert reply.text == "Это доступно руководителям команд. Ваш собственный прогресс — в /progress."


async def test_a_lead_outside_any_team_is_told_how_to_join(bot, teams):
    await teams.user(503, "Лид без команды", role="lead")
    lonely = bot.user(503, "Лид")
    assert "Вы пока не в команде" in (await lonely.ask("/team")).text


async def test_a_lead_opens_one_persons_history_page_by_page(bot, teams):
    lead = bot.user(LEAD, "Ольга")
    page = await lead.ask("/employee @anna_s")
    assert page.text.startswith("@anna_s · 14 черновиков · стр. 1 из 3")
    second = await lead.tap(page, page.button("Дальше"))
    assert "стр. 2 из 3" in second.text


async def test_the_weekly_digest_goes_to_each_lead_with_a_chart(bot, teams):
    from handlers.jobs import send_digest

    lead = bot.user(LEAD, "Ольга")
    after = lead.mark()
    bot.application.job_queue.run_once(send_digest, 0)
    digest = await lead.next(after, {"sendMessage"})
    assert digest.text.startswith("Неделя команды «Поддержка»\n14 черновиков")
    assert (await lead.next(after, {"sendPhoto"})).photo.startswith(b"\x89PNG")
    other = bot.user(OTHER_LEAD, "Пётр")
    assert (await other.next(after, {"sendMessage"})).text.startswith("Неделя команды «Продажи»")


async def test_the_digest_is_scheduled_at_the_day_and_time_from_settings(bot, teams):
    from handlers.jobs import DIGEST_JOB

    admin = bot.user(4242, "Ирина")
    await admin.ask("/settings digest_day 4")
    await admin.ask("/settings digest_time 17:45")
    (job,) = bot.application.job_queue.get_jobs_by_name(DIGEST_JOB)
    nxt = job.next_t
    assert nxt.weekday() == 4 and (nxt.hour, nxt.minute) == (17, 45)

"""Admins: teams and roles, prompts (edit, history, rollback), the style guide, flags, settings.

Every change lands in the audit log (written by the services).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from coachbot.db import Draft, utcnow

try:
    from support.db import DbBuilder
    from support.samples import BOT_ADMIN, RUDE
except ModuleNotFoundError:
    from tests.support.db import DbBuilder
    from tests.support.samples import BOT_ADMIN, RUDE


@pytest.fixture
def admin(bot):
    return bot.user(BOT_ADMIN, "Ирина")


def builder(bot) -> DbBuilder:
    return DbBuilder(bot.services.users.sessionmaker)


async def test_teams_invites_and_roles(bot, admin):
    assert "Команд пока нет" in (await admin.ask("/teams")).text
    created = await admin.ask("/newteam Поддержка")
    assert created.text.startswith("Команда «Поддержка» создана.")
    code = created.blocks("code")[0]
    assert f"https://t.me/coach_test_bot?start={code}" in created.text
    assert "уже есть" in (await admin.ask("/newteam Поддержка")).text
    listing = await admin.ask("/teams")
    assert f"Поддержка — 0 человек, код {code}" in listing.text
    rotated = await admin.ask("/invite Поддержка")
    new_code = rotated.blocks("code")[0]
    assert new_code != code and "старый больше не работает" in rotated.text
    olga = bot.user(601, "Ольга", username="olga")
    assert "не подошёл" in (await olga.ask(f"/join {code}")).text
    assert "Добро пожаловать" in (await olga.ask(f"/join {new_code}")).text
    assert (await admin.ask("/role @olga lead")).text == "Готово: Ольга теперь руководитель."
    assert "За этот период в команде нет черновиков" in (await olga.ask("/team")).text  # a lead now
    assert "Не нашёл «@nobody»" in (await admin.ask("/role @nobody lead")).text
    assert "/role @username lead" in (await admin.ask("/role @olga boss")).text
    actions = await builder(bot).audit_actions()
    assert actions == ["team.create", "team.rotate_invite", "user.set_role"]


async def test_prompt_edit_is_checked_saved_versioned_and_rolled_back(bot, admin):
    listing = await admin.ask("/prompts")
    assert "rewrite_system — версия 0 (из файла)" in listing.text
    shown = await admin.tap(listing, listing.button("rewrite_user: Показать"))
    original = shown.blocks("pre")[0]
    assert "{draft}" in original
    ask = await admin.tap(listing, listing.button("Изменить"))
    assert "«rewrite_system»" in ask.text and "{language}" in ask.text
    refused = await admin.ask("Перепиши вежливо.")
    assert refused.text.startswith("Не сохранил: в тексте нет полей")
    unknown = await admin.ask("Язык {language}, стили {styles}, правила {style_guide}, и {secret}.")
    assert "поля {secret} промпт не знает" in unknown.text
    saved = await admin.ask("Пиши на {language}. Стили: {styles}. Правила компании: {style_guide}.")
    assert saved.text == "Сохранено: «rewrite_system», версия 1. Откатить можно в /prompts."
    assert await bot.services.prompts.current("rewrite_system") == (
        "Пиши на {language}. Стили: {styles}. Правила компании: {style_guide}."
    )
    # The next message is a draft again.
    assert "/100" in (await admin.ask(RUDE)).text
    history = await admin.ask("/prompts history rewrite_system")
    assert "v1 · " in history.text and "Ирина · сейчас" in history.text
    assert "v0 · исходный текст из файла" in history.text
    back = await admin.tap(history, history.button("к v0"))
    assert back.text == "«rewrite_system» снова на версии 0."
    assert "{language}" in await bot.services.prompts.current("rewrite_system")
    assert "prompt.save" in await builder(bot).audit_actions()


async def test_cancel_stops_a_prompt_edit(bot, admin):
    await admin.ask("/prompts edit rewrite_user")
    assert (await admin.ask("/cancel")).text == "Отменил."
    assert "/100" in (await admin.ask(RUDE)).text


async def test_style_guide_rules_show_up_as_issues_under_drafts(bot, admin):
    added = await admin.ask("/styleguide ban не положено = к сожалению, так не получится, но")
    assert added.text == "Добавил: «не положено» → «к сожалению, так не получится, но»."
    await admin.ask("/styleguide address Вы")
    rules = await admin.ask("/styleguide")
    assert "Обращение к клиенту: «Вы»" in rules.text and "1. «не положено»" in rules.text
    anna = bot.user(602, "Анна")
    reply = await anna.ask("Возврат не положено делать, вам надо подождать.")
    assert "Правила компании: «не положено»" in reply.text
    assert "в списке фраз, которых компания просит избегать" in reply.text
    assert "Лучше так: «к сожалению, так не получится, но»." in reply.text
    assert "Правила компании: «вам»" in reply.text and "Замените «вам» на «Вам»." in reply.text
    assert (await admin.ask("/styleguide remove 1")).text == "Правило 1 удалено."
    assert "Правило 99" not in (await admin.ask("/styleguide remove 99")).text
    assert "style.ban" in await builder(bot).audit_actions()


async def test_flags_are_reviewed_and_exported_as_jsonl(bot, admin):
    anna = bot.user(603, "Анна")
    reply = await anna.ask(RUDE)
    ask = await anna.tap(reply, reply.button("Оценка неверна"))
    assert ask.button("Без комментария")
    await anna.ask("Тут клиент сам нагрубил")
    queue = await admin.ask("/flags")
    assert queue.text.startswith("Спорные оценки · 1")
    assert "Анна" in queue.text and "Тут клиент сам нагрубил" in queue.text
    export = await admin.tap(queue, queue.button("Выгрузить JSONL"), {"sendDocument"})
    assert export.call.params["_filename_document"].endswith(".jsonl")
    (line,) = export.document.decode().splitlines()
    assert '"comment": "Тут клиент сам нагрубил"' in line and "Анна" not in line
    after = admin.mark()
    await admin.press(queue, queue.button("#"))
    assert "разобрана" in await admin.toast(after)
    assert "Очередь пуста" in (await admin.ask("/flags")).text


async def test_settings_change_threshold_llm_and_retention(bot, admin):
    overview = await admin.ask("/settings")
    assert "coaching_threshold = 70" in overview.text and "llm_enabled = off" in overview.text
    assert (await admin.ask("/settings coaching_threshold 20")).text == "Готово: coaching_threshold = 20."
    anna = bot.user(604, "Анна")
    lenient = await anna.ask("Ожидайте.")  # scores above 20 now: no coaching
    assert "хороший ответ, осталось немного отшлифовать" in lenient.text and not lenient.blocks("pre")
    bad = await admin.ask("/settings coaching_threshold 200")
    assert bad.text == "Не сохранил: порог — целое число от 0 до 100."
    toggled = await admin.tap(overview, overview.button("Включить LLM"))
    assert toggled.text == "Готово: llm_enabled = on."
    assert (await admin.ask("/settings retention_days 30")).text == "Готово: retention_days = 30."
    assert "settings.set" in await builder(bot).audit_actions()


async def test_the_retention_job_deletes_drafts_older_than_the_setting(bot, admin):
    from handlers.jobs import purge_old_drafts

    build = builder(bot)
    anna_row = await build.user(605, "Анна")
    await build.draft(anna_row, at=utcnow() - timedelta(days=400))
    await build.draft(anna_row, at=utcnow() - timedelta(days=3))
    await admin.ask("/settings retention_days 365")
    bot.application.job_queue.run_once(purge_old_drafts, 0)
    for _ in range(50):
        if await build.count(Draft) == 1:
            break
        await asyncio.sleep(0.05)
    assert await build.count(Draft) == 1

"""Telegram Business: the employee's real replies are coached in private; fine ones stay quiet."""

from __future__ import annotations

import asyncio
import time

try:
    from support.samples import KIND, RUDE
except ModuleNotFoundError:
    from tests.support.samples import KIND, RUDE

CUSTOMER = {"id": 777_000_222, "is_bot": False, "first_name": "Мария"}
CUSTOMER_CHAT = {"id": CUSTOMER["id"], "type": "private", "first_name": "Мария"}
COMPLAINT = "Заказ 4521 опоздал на три дня! Мой телефон +7 916 123-45-67, перезвоните."


async def _connect(fake, employee, connection: str, enabled: bool = True) -> None:
    await fake.push_update({"business_connection": {
        "id": connection, "user": employee.user, "user_chat_id": employee.id, "date": int(time.time()),
        "is_enabled": enabled, "rights": {"can_reply": True},
    }})  # fmt: skip


async def _business(fake, connection: str, sender: dict, text: str) -> None:
    await fake.push_update({"business_message": {
        "business_connection_id": connection, "message_id": fake.new_message_id(), "date": int(time.time()),
        "chat": CUSTOMER_CHAT, "from": sender, "text": text,
    }})  # fmt: skip


async def _settle(person) -> None:
    await person.ask("/help")  # the bot answers one chat in order; business updates go first
    await asyncio.sleep(0.3)


def _private_notes(bot, person, after: int) -> list[str]:
    return [c.params.get("text", "") for c in bot.fake.calls[after:]
            if c.method == "sendMessage" and c.params.get("text", "").startswith("💼")
            and c.chat_id == person.id]  # fmt: skip


async def _stored(bot, person, n: int, timeout: float = 8.0) -> int:
    """How many drafts the person has, once there are ``n`` (or the timeout passed)."""
    deadline = time.monotonic() + timeout
    while (total := (await bot.services.coaching.history(person.id, 0, 5)).total) < n and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return total


def _sent_to_the_customer(bot) -> list:
    return [c for c in bot.fake.calls if c.chat_id == CUSTOMER["id"] or "business_connection_id" in c.params]


async def test_a_rude_reply_to_a_customer_is_coached_privately_with_their_message_as_context(bot):
    anna = bot.user(801, "Анна")
    await anna.ask("/start")
    await _connect(bot.fake, anna, "conn-anna")
    after = anna.mark()
    await _business(bot.fake, "conn-anna", CUSTOMER, COMPLAINT)
    await _business(bot.fake, "conn-anna", anna.user, RUDE)
    note = await bot.fake.wait_for(
        lambda c: c.method == "sendMessage" and c.params.get("text", "").startswith("💼"), after=after
    )
    text = note.params["text"]
    assert note.chat_id == anna.id
    assert "Упрёк клиенту" in text and "Читаю с учётом сообщения клиента." in text
    assert not _sent_to_the_customer(bot), "nothing ever reaches the business chat"
    page = await bot.services.coaching.history(anna.id, 0, 5)
    detail = await bot.services.coaching.get_draft(anna.id, page.items[0].id)
    assert detail.context and "916" not in detail.context and "[PHONE_1]" in detail.context
    async with bot.services.users.sessionmaker() as session:
        from coachbot.db import Draft

        assert (await session.get(Draft, detail.id)).channel == "business"


async def test_a_fine_reply_stays_quiet(bot):
    anna = bot.user(802, "Анна")
    await anna.ask("/start")
    await _connect(bot.fake, anna, "conn-fine")
    after = anna.mark()
    await _business(bot.fake, "conn-fine", CUSTOMER, COMPLAINT)
    await _business(bot.fake, "conn-fine", anna.user, KIND)
    await _settle(anna)
    assert _private_notes(bot, anna, after) == []
    assert not _sent_to_the_customer(bot)


async def test_after_disconnecting_nothing_is_coached(bot):
    anna = bot.user(803, "Анна")
    await anna.ask("/start")
    await _connect(bot.fake, anna, "conn-off")
    await _connect(bot.fake, anna, "conn-off", enabled=False)
    after = anna.mark()
    await _business(bot.fake, "conn-off", anna.user, RUDE)
    await _settle(anna)
    assert _private_notes(bot, anna, after) == []
    assert (await bot.services.coaching.history(anna.id, 0, 5)).total == 0


async def test_one_employee_never_gets_coaching_on_anothers_business_chats(bot):
    anna, boris = bot.user(804, "Анна"), bot.user(805, "Борис")
    await anna.ask("/start")
    await boris.ask("/start")
    await _connect(bot.fake, anna, "conn-a")
    after = boris.mark()
    # Борис writes in Анна's business chat: to her connection he is just another participant.
    await _business(bot.fake, "conn-a", boris.user, RUDE)
    await _settle(boris)
    await _settle(anna)
    assert _private_notes(bot, boris, after) == [] and _private_notes(bot, anna, after) == []
    assert (await bot.services.coaching.history(boris.id, 0, 5)).total == 0


async def test_a_connection_from_someone_without_a_profile_is_not_stored(bot):
    stranger = bot.user(806, "Вера")
    await _connect(bot.fake, stranger, "conn-stranger")
    await _business(bot.fake, "conn-stranger", stranger.user, RUDE)
    await asyncio.sleep(0.3)
    assert await bot.services.users.get(stranger.id) is None
    assert not [c for c in bot.fake.calls if c.chat_id == stranger.id and c.method == "sendMessage"]


async def test_business_says_whether_replies_are_coached(bot):
    anna = bot.user(807, "Анна")
    await anna.ask("/start")
    assert "Подключите меня к Telegram Business" in (await anna.ask("/business")).text
    await _connect(bot.fake, anna, "conn-status")
    await asyncio.sleep(0.3)
    assert "Telegram Business подключён" in (await anna.ask("/business")).text


async def test_a_daily_summary_replaces_the_note_per_reply(bot):
    from handlers.business import send_days

    anna = bot.user(808, "Анна")
    await anna.ask("/start")
    await _connect(bot.fake, anna, "conn-daily")
    status = await anna.ask("/business")
    assert "Сейчас я пишу сразу" in status.text and "✓ Сразу" in [label for label, _ in status.buttons]
    after = anna.mark()
    await anna.press(status, status.button("Раз в день"))
    assert await anna.toast(after) == "Договорились: одна сводка в день."
    edited = await anna.next(after, {"editMessageText"})
    assert "одна сводка в день, в 15:00 UTC" in edited.text and "✓ Раз в день" in [b for b, _ in edited.buttons]

    after = anna.mark()
    await _business(bot.fake, "conn-daily", CUSTOMER, COMPLAINT)
    await _business(bot.fake, "conn-daily", anna.user, RUDE + " Звоните на +7 916 123-45-67.")
    await _business(bot.fake, "conn-daily", anna.user, KIND)
    assert await _stored(bot, anna, 2) == 2
    await _settle(anna)
    assert _private_notes(bot, anna, after) == [], "no note per reply once the daily summary is chosen"

    after = anna.mark()
    bot.application.job_queue.run_once(send_days, 0)
    summary = await anna.next(after, {"sendMessage"})
    assert summary.text.startswith("💼 Ваши ответы в Telegram Business за сутки\n2 ответа, стоит доработать — 1.")
    assert "Больше всего внимания просит этот ответ" in summary.text and "Упрёк клиенту" in summary.text
    assert "916" not in summary.text, "the summary quotes the stored, masked reply"
    assert not _sent_to_the_customer(bot)
    better = await anna.tap(summary, summary.button("Как сказать лучше"))
    assert better.text.startswith("Ещё один вариант:") and "916" not in better.text


async def test_the_daily_summary_skips_a_day_without_replies_and_those_who_chose_each(bot):
    from handlers.business import send_days

    anna, boris = bot.user(809, "Анна"), bot.user(810, "Борис")
    for person, connection in ((anna, "conn-quiet"), (boris, "conn-each")):
        await person.ask("/start")
        await _connect(bot.fake, person, connection)
    status = await anna.ask("/business")
    await anna.tap(status, status.button("Раз в день"), {"editMessageText"})
    await _business(bot.fake, "conn-each", boris.user, KIND)
    assert await _stored(bot, boris, 1) == 1
    after = anna.mark()
    bot.application.job_queue.run_once(send_days, 0)
    await asyncio.sleep(1.0)
    assert _private_notes(bot, anna, after) == [] and _private_notes(bot, boris, after) == []


async def test_two_replicas_send_the_daily_summary_once(bot, fake_telegram, bot_settings):
    from handlers.business import send_days

    try:
        from support.bot_harness import BotHarness
    except ModuleNotFoundError:
        from tests.support.bot_harness import BotHarness

    anna = bot.user(811, "Анна")
    await anna.ask("/start")
    await _connect(bot.fake, anna, "conn-replicas")
    status = await anna.ask("/business")
    await anna.tap(status, status.button("Раз в день"), {"editMessageText"})
    await _business(bot.fake, "conn-replicas", anna.user, RUDE)
    assert await _stored(bot, anna, 1) == 1
    other = await BotHarness(fake_telegram, bot_settings).start()
    try:
        after = anna.mark()
        bot.application.job_queue.run_once(send_days, 0)
        other.application.job_queue.run_once(send_days, 0)
        await anna.next(after, {"sendMessage"})
        await asyncio.sleep(1.0)  # a second summary, if any, would have arrived by now
        assert len(_private_notes(bot, anna, after)) == 1
    finally:
        await other.stop()

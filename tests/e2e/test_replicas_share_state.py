"""Two replicas (or one restarted) share the conversation through the database, not process memory.

Both replicas poll the same fake Bot API, which hands every update to every poller until one
confirms it, so each update also reaches both: it must still be answered exactly once.
"""

from __future__ import annotations

import asyncio

try:
    from support.bot_harness import BotHarness
    from support.samples import BOT_ADMIN, CUSTOMER, RUDE
except ModuleNotFoundError:
    from tests.support.bot_harness import BotHarness
    from tests.support.samples import BOT_ADMIN, CUSTOMER, RUDE

SAVED = "Сообщение клиента запомнил"
WITH_CONTEXT = "Читаю с учётом сообщения клиента."


async def test_a_forward_on_one_process_is_the_context_of_a_draft_after_a_restart(fake_telegram, bot_settings):
    first = await BotHarness(fake_telegram, bot_settings).start()
    anna = first.user(1001)
    try:
        assert (await anna.ask(CUSTOMER, forward_from="Клиент Пётр")).text.startswith(SAVED)
    finally:
        await first.stop()
    second = await BotHarness(fake_telegram, bot_settings).start()
    try:
        reply = await second.user(1001).ask("Ожидайте.")
        assert WITH_CONTEXT in reply.text
    finally:
        await second.stop()


async def test_two_replicas_answer_each_update_once_and_share_the_context(fake_telegram, bot_settings):
    a = await BotHarness(fake_telegram, bot_settings).start()
    b = await BotHarness(fake_telegram, bot_settings).start()
    try:
        people = [a.user(2000 + n, f"Сотрудник{n}") for n in range(4)]
        for person in people:
            assert (await person.ask(CUSTOMER, forward_from="Клиент")).text.startswith(SAVED)
            reply = await person.ask(RUDE)
            assert WITH_CONTEXT in reply.text
        await asyncio.sleep(0.5)  # a second answer, if any, would have arrived by now
        for person in people:
            answers = [r for r in person.answers() if r.method == "sendMessage"]
            assert len(answers) == 2, [r.text[:40] for r in answers]  # "saved" and the coaching, once each
        # The flag comment asked for on one replica is taken by whichever gets the next message.
        coached = await people[0].ask(RUDE)
        await people[0].tap(coached, coached.button("Оценка неверна"))
        assert (await people[0].ask("Клиент сам просил так")).text.startswith("Записал.")
        await a.user(BOT_ADMIN, "Ирина").ask("/start")
        (flag,) = await a.services.flags.open_flags(BOT_ADMIN)
        assert flag.comment == "Клиент сам просил так"
    finally:
        await b.stop()
        await a.stop()

"""Telegram saying "too many requests", bursts of updates, and order within one chat."""

from __future__ import annotations

import asyncio
import time

try:
    from support.samples import CUSTOMER, RUDE
except ModuleNotFoundError:
    from tests.support.samples import CUSTOMER, RUDE


async def test_a_burst_of_429s_delays_the_reply_but_does_not_lose_it(bot):
    anna = bot.user()
    await anna.ask("/start")
    bot.fake.fail_next("sendMessage", 2, retry_after=1)
    after = anna.mark()
    started = time.monotonic()
    reply = await anna.ask(RUDE)
    assert "/100" in reply.text
    attempts = [c for c in bot.fake.calls[after:] if c.method == "sendMessage"]
    assert [c.ok for c in attempts] == [False, False, True]
    assert time.monotonic() - started >= 2.0  # it waited retry_after each time, as Telegram asked


async def test_a_forward_and_its_draft_sent_together_stay_in_order(bot):
    anna = bot.user()
    after = anna.mark()
    await anna.send(CUSTOMER, forward_from="Клиент")
    await anna.send("Ожидайте.")
    first = await anna.next(after, {"sendMessage"})
    assert first.text.startswith("Сообщение клиента запомнил")
    second = await anna.next(bot.fake.calls.index(first.call) + 1, {"sendMessage"})
    assert "Читаю с учётом сообщения клиента." in second.text


async def test_many_people_at_once_all_get_their_own_answer(bot):
    people = [bot.user(first_name=f"Сотрудник {n}") for n in range(12)]
    after = len(bot.fake.calls)
    await asyncio.gather(*(p.send(f"Ожидайте, {n}.") for n, p in enumerate(people)))
    replies = await asyncio.gather(*(p.next(after, {"sendMessage"}, timeout=15) for p in people))
    for n, reply in enumerate(replies):
        assert reply.message["reply_to_message"]["text"] == f"Ожидайте, {n}."

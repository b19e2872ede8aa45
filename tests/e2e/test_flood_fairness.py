"""One person's flood of drafts neither starves anyone else nor goes unanswered."""

from __future__ import annotations

import asyncio

try:
    from support.samples import RUDE
except ModuleNotFoundError:
    from tests.support.samples import RUDE

FLOOD = 24


def _coaching_answers(calls: list, chat_id: int) -> list:
    return [c for c in calls if c.method == "sendMessage" and c.chat_id == chat_id and "/100" in c.params["text"]]


async def test_a_second_person_is_answered_while_a_flood_from_one_chat_runs(make_bot):
    # The limit off (this is about scheduling alone), and few slots, so a flood could fill them all.
    bot = await make_bot({"concurrent_updates": 4}, draft_rate_limit=0)
    flooder, other = bot.user(), bot.user(first_name="Борис")
    await flooder.ask("/start")
    await other.ask("/start")
    for n in range(FLOOD):
        await flooder.send(f"{RUDE} Заказ {1000 + n}.")
    mark = other.mark()
    await other.send(RUDE)
    reply = await other.next(mark, {"sendMessage"}, timeout=30)
    assert "/100" in reply.text
    # The other person's answer comes while the flood is still being worked through, not after it.
    answered_before = len(_coaching_answers(bot.fake.calls[: bot.fake.calls.index(reply.call)], flooder.id))
    assert answered_before < FLOOD // 2, f"{answered_before} of {FLOOD} flood drafts were answered first"
    # And the flood itself is answered in full, in the order it was sent.
    await bot.fake.wait_for(lambda c: len(_coaching_answers(bot.fake.calls, flooder.id)) >= FLOOD, timeout=60)
    answers = _coaching_answers(bot.fake.calls, flooder.id)
    order = [a.result["reply_to_message"]["text"] for a in answers]
    assert order == [f"{RUDE} Заказ {1000 + n}." for n in range(FLOOD)]


async def test_too_many_drafts_at_once_get_one_polite_slow_down_and_others_are_unaffected(make_bot):
    bot = await make_bot(draft_rate_limit=3, draft_rate_window=600)
    anna, boris = bot.user(), bot.user(first_name="Борис")
    await anna.ask("/start")
    await boris.ask("/start")
    mark = anna.mark()
    for n in range(7):
        await anna.send(f"{RUDE} Заказ {2000 + n}.")
    notice = await bot.fake.wait_for(
        lambda c: c.method == "sendMessage" and c.chat_id == anna.id and "помедленнее" in c.params["text"],
        after=mark,
        timeout=30,
    )
    assert "через" in notice.params["text"] and " с;" in notice.params["text"]
    reply = await boris.ask(RUDE)
    assert "/100" in reply.text, "someone else's limit does not touch Boris"
    await asyncio.sleep(0.5)
    sent = [c.params["text"] for c in bot.fake.calls[mark:] if c.method == "sendMessage" and c.chat_id == anna.id]
    assert len([t for t in sent if "/100" in t]) == 3
    assert len([t for t in sent if "помедленнее" in t]) == 1, "one notice per pause, not one per refused draft"
    stored = await bot.services.coaching.history(anna.id, per_page=20)
    assert stored.total == 3

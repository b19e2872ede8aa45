"""Inline mode: @bot <draft> in any chat — the verdict and the rewrites as results, the chosen one kept."""

from __future__ import annotations

import asyncio

try:
    from support.samples import KIND, RUDE
except ModuleNotFoundError:
    from tests.support.samples import KIND, RUDE


async def _history(bot, person):
    return await bot.services.coaching.history(person.id, 0, 10)


async def test_a_rude_draft_gets_its_verdict_and_rewrites_and_nothing_is_stored_while_typing(bot):
    anna = bot.user(701, "Анна")
    await anna.ask("/start")
    answer = await anna.inline(RUDE)
    assert answer["is_personal"] in (True, "true") and str(answer["cache_time"]) == "0"  # never cached across users
    first, *versions = answer["results"]
    assert first["title"].split(" · ")[0].endswith("/100") and "Упрёк клиенту" in first["title"]
    assert first["input_message_content"]["message_text"] == RUDE  # the draft as typed
    assert versions, "a draft that needs coaching gets rewrites"
    assert versions[0]["title"].startswith("Вариант 1 · ")
    assert "сами виноваты" not in versions[0]["input_message_content"]["message_text"]
    assert (await _history(bot, anna)).total == 0, "typing stores nothing"


async def test_the_chosen_rewrite_joins_the_history_with_its_channel(bot):
    anna = bot.user(702, "Анна")
    await anna.ask("/start")
    answer = await anna.inline(RUDE)
    chosen = answer["results"][1]
    await anna.choose(chosen["id"], RUDE)
    for _ in range(100):  # the draft is stored first, the choice a moment later
        page = await _history(bot, anna)
        if page.total and page.items[0].chosen:
            break
        await asyncio.sleep(0.1)
    (item,) = page.items
    assert item.chosen, "the rewrite sent from inline mode counts as used"
    detail = await bot.services.coaching.get_draft(anna.id, item.id)
    assert detail.rewrites[0].text == chosen["input_message_content"]["message_text"]
    async with bot.services.users.sessionmaker() as session:
        from coachbot.db import Draft

        assert (await session.get(Draft, item.id)).channel == "inline"


async def test_a_fine_draft_says_so_and_offers_no_versions(bot):
    anna = bot.user(703, "Анна")
    await anna.ask("/start")
    answer = await anna.inline(KIND)
    assert len(answer["results"]) == 1 and "можно отправлять" in answer["results"][0]["title"]


async def test_someone_who_never_started_the_bot_is_asked_to_and_gets_no_profile(bot):
    stranger = bot.user(704, "Вера")
    answer = await stranger.inline(RUDE)
    assert answer["results"] == []
    assert answer["button"]["text"].startswith("Сначала откройте бота")
    assert answer["button"]["start_parameter"] == "inline"
    assert await bot.services.users.get(stranger.id) is None
    welcome = await stranger.ask("/start inline")
    assert "напишите @" in welcome.text


async def test_a_draft_at_the_inline_limit_is_sent_to_the_chat(bot):
    anna = bot.user(705, "Анна")
    await anna.ask("/start")
    answer = await anna.inline(("Вы сами виноваты. " * 20)[:256])
    (only,) = answer["results"]
    assert only["title"] == "Черновик длиннее 256 символов"
    assert answer["button"]["start_parameter"] == "inline"


async def test_a_forged_chosen_result_stores_nothing(bot):
    anna = bot.user(706, "Анна")
    await anna.ask("/start")
    await anna.choose("1:0000000000000000", RUDE)
    await anna.ask("/help")  # the chosen result, if processed, is done by the time /help is answered
    await asyncio.sleep(0.2)
    assert (await _history(bot, anna)).total == 0

"""With an LLM: the analysis comes at once, "typing…" while the LLM works, then the message is edited.

The LLM sees personal data masked; the person sees their own words. A failing
LLM falls back to the offline rewriter: nobody is left without an answer.
"""

from __future__ import annotations

import time

import pytest

try:
    from support.fake_llm import FakeLLM
    from support.samples import BOT_ADMIN
except ModuleNotFoundError:
    from tests.support.fake_llm import FakeLLM
    from tests.support.samples import BOT_ADMIN

DRAFT = "Иван, вы сами виноваты, надо было читать договор. Звоните на +7 912 345-67-89. Ожидайте."
WARM = (
    "[NAME_1], простите, пожалуйста, за неудобство — понимаю, как это неприятно. "
    "Я лично разберусь с договором и сегодня до 18:00 перезвоню вам на [PHONE_1]."
)
CONCISE = "[NAME_1], понимаю, как это неприятно. Сегодня до 18:00 я проверю договор и позвоню вам на [PHONE_1]."


@pytest.fixture
async def llm():
    server = await FakeLLM({"warm": WARM, "concise": CONCISE}, delay=1.2).start()
    yield server
    await server.stop()


async def test_typing_then_the_message_is_edited_with_the_llm_rewrites(make_bot, llm):
    bot = await make_bot(llm_base_url=llm.base_url, llm_model="fake-model", llm_retries=0)
    anna = bot.user()
    after = anna.mark()
    started = time.monotonic()
    await anna.send(DRAFT)
    first = await anna.next(after, {"sendMessage"})
    assert time.monotonic() - started < 1.0
    assert "Упрёк клиенту" in first.text and "Готовлю варианты ответа…" in first.text
    assert first.buttons == []
    edited = await anna.next(after, {"editMessageText"}, timeout=10)
    assert edited.message["message_id"] == first.message["message_id"]
    assert time.monotonic() - started >= 1.2
    typing = [c for c in bot.fake.calls[after:] if c.method == "sendChatAction"]
    assert typing and typing[0].params["action"] == "typing" and typing[0].at < edited.call.at
    blocks = edited.blocks("pre")
    assert blocks[0].startswith("Иван, простите") and "+7 912 345-67-89" in blocks[0]
    assert "Готовлю" not in edited.text and edited.button("Взять вариант 1")
    # Only placeholders left the machine.
    sent = str(llm.requests[0]["messages"])
    assert "[PHONE_1]" in sent and "345-67-89" not in sent and "Иван" not in sent
    # Stored masked, sent back unmasked when chosen.
    clean = await anna.tap(edited, edited.button("Взять вариант 1"), {"sendMessage"})
    assert clean.text == blocks[0]
    draft_id = int(edited.button("Взять вариант 1").split(":")[1])
    stored = (await bot.services.coaching.get_draft(anna.id, draft_id)).rewrites[0]
    assert stored.backend == "llm" and "345-67-89" not in stored.text


async def test_a_failing_llm_falls_back_to_offline_rewrites(make_bot):
    down = await FakeLLM({}, delay=0.1, status=503).start()
    try:
        bot = await make_bot(llm_base_url=down.base_url, llm_model="fake-model", llm_retries=0)
        anna = bot.user()
        after = anna.mark()
        await anna.send(DRAFT)
        edited = await anna.next(after, {"editMessageText"}, timeout=10)
        assert edited.blocks("pre") and edited.button("Взять вариант 1")
        assert down.requests
    finally:
        await down.stop()


async def test_admins_can_switch_the_llm_off(make_bot, llm):
    bot = await make_bot(llm_base_url=llm.base_url, llm_model="fake-model", llm_retries=0)
    admin = bot.user(BOT_ADMIN, "Ирина")
    overview = await admin.ask("/settings")
    assert "llm_enabled = on" in overview.text
    await admin.tap(overview, overview.button("Выключить LLM"))
    reply = await admin.ask(DRAFT)
    assert reply.method == "sendMessage" and reply.blocks("pre")  # offline, in one message
    assert not llm.requests

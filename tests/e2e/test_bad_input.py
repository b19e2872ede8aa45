"""Everything that is not a draft gets a clear, kind answer in the person's language; nothing crashes."""

from __future__ import annotations

import logging

import pytest

try:
    from support.samples import RUDE
except ModuleNotFoundError:
    from tests.support.samples import RUDE

FILE = {"file_id": "f1", "file_unique_id": "u1"}
MEDIA = {
    "sticker": ({"sticker": {**FILE, "type": "regular", "width": 512, "height": 512, "is_animated": False,
                             "is_video": False}}, "Хороший стикер!"),
    "photo": ({"photo": [{**FILE, "width": 90, "height": 90}]}, "Фото я прочитать не могу"),
    "voice": ({"voice": {**FILE, "duration": 3}}, "Голосовые я пока не расшифровываю"),
    "document": ({"document": {**FILE, "file_name": "reply.docx"}}, "Файлы я не открываю"),
    "location": ({"location": {"latitude": 55.75, "longitude": 37.62}}, "Я разбираю только текст"),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(MEDIA))
async def test_media_gets_a_kind_answer(bot, kind):
    anna = bot.user()
    fields, expected = MEDIA[kind]
    after = anna.mark()
    await anna.push(**fields)
    reply = await anna.next(after)
    assert reply.text.startswith(expected)


async def test_media_answers_speak_english_to_english_speakers(bot):
    john = bot.user(first_name="John", language_code="en")
    after = john.mark()
    await john.push(**MEDIA["voice"][0])
    assert (await john.next(after)).text.startswith("I can't transcribe voice messages yet")


async def test_a_text_over_the_limit_and_a_text_without_words(bot):
    anna = bot.user()
    too_long = await anna.ask("Ожидайте. " * 401)
    assert too_long.text == "Текст длиннее 4000 символов — пришлите, пожалуйста, ответ покороче или по частям."
    no_words = await anna.ask("!!! 123 ???")
    assert no_words.text == "В тексте нет слов — пришлите черновик ответа клиенту."
    assert "Здесь пока пусто" in (await anna.ask("/history")).text  # neither was stored


async def test_commands_for_a_role_one_does_not_have(bot):
    anna = bot.user()
    for command in ("/teams", "/newteam X", "/role @anna admin", "/prompts", "/styleguide", "/flags", "/settings"):
        reply = await anna.ask(command)
        assert reply.text == "Это доступно только администраторам. Если вам это нужно, напишите своему администратору."
    assert (await anna.ask("/team")).text.startswith("Это доступно руководителям команд.")


async def test_an_unknown_command(bot):
    anna = bot.user()
    reply = await anna.ask("/frobnicate now")
    assert reply.text == "Такой команды я не знаю: /frobnicate. Все команды — в /help."


async def test_buttons_on_stale_or_foreign_messages(bot):
    anna, boris = bot.user(first_name="Анна"), bot.user(first_name="Борис")
    reply = await anna.ask(RUDE)
    for data in ("use:999999:1", "more:999999", "garbage", "hist:x", "use:1"):
        after = anna.mark()
        await anna.press(reply, data)
        assert "Эта кнопка от старого сообщения" in await anna.toast(after)
    # Someone who never wrote to the bot: the button is simply stale for them (and creates nothing).
    after = boris.mark()
    await boris.press(reply, reply.button("Взять вариант 1"))
    assert "Эта кнопка от старого сообщения" in await boris.toast(after)
    assert await bot.services.users.get(boris.id) is None
    # Someone with a profile pressing another person's button is told whose buttons these are.
    await boris.ask("/start")
    after = boris.mark()
    await boris.press(reply, reply.button("Взять вариант 1"))
    assert await boris.toast(after) == "Эти кнопки работают только у автора черновика."


async def test_a_button_after_the_draft_was_forgotten(bot):
    anna = bot.user()
    reply = await anna.ask(RUDE)
    confirm = await anna.ask("/forgetme")
    await anna.tap(confirm, confirm.button("Да, удалить"))
    after = anna.mark()
    await anna.press(reply, reply.button("Подробнее"))
    assert "Эта кнопка от старого сообщения" in await anna.toast(after)


async def test_group_chats_are_declined_politely(bot):
    anna = bot.user()
    group = {"id": -100500, "type": "supergroup", "title": "Отдел"}
    after = anna.mark()
    await bot.fake.push_update({"message": {"message_id": 1, "date": 1, "chat": group, "from": anna.user,
                                            "text": RUDE}})  # fmt: skip
    await bot.fake.push_update({"message": {"message_id": 2, "date": 1, "chat": group, "from": anna.user,
                                            "text": "/start", "entities": [{"type": "bot_command", "offset": 0,
                                                                            "length": 6}]}})  # fmt: skip
    call = await bot.fake.wait_for(lambda c: c.method == "sendMessage", after=after)
    assert call.chat_id == -100500 and call.result["text"].startswith("Я работаю в личных сообщениях")
    assert len([c for c in bot.fake.calls[after:] if c.method == "sendMessage"]) == 1  # the draft was not coached


async def test_an_edited_draft_is_coached_again(bot):
    anna = bot.user()
    original = await anna.send("Ожидайте.")
    await anna.next(0)
    after = anna.mark()
    better = "Простите за ожидание! Я проверю заказ и напишу вам сегодня до 18:00."
    edited = {**original, "text": better, "edit_date": 2}
    await bot.fake.push_update({"edited_message": edited})
    assert "ответ звучит бережно" in (await anna.next(after)).text


async def test_a_failure_is_apologised_for_and_logged_without_the_text(bot, caplog, monkeypatch):
    anna = bot.user()

    async def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(bot.services.coaching, "submit_draft", broken)
    secret = "Иван Петров, ваш секретный заказ сорвался"
    with caplog.at_level(logging.INFO):
        reply = await anna.ask(secret)
    assert reply.text.startswith("Что-то пошло не так на моей стороне. Ваш текст не потерялся")
    assert "RuntimeError" in caplog.text
    assert "секретный" not in caplog.text and "Иван" not in caplog.text
    monkeypatch.undo()
    assert "/100" in (await anna.ask(RUDE)).text  # the application is still up


async def test_a_failing_rewriter_still_leaves_the_analysis(bot, monkeypatch):
    anna = bot.user()

    async def broken(*args, **kwargs):
        raise ValueError("rewriter broke")

    monkeypatch.setattr(bot.services.offline_rewriter, "rewrite", broken)
    reply = await anna.ask(RUDE)
    assert "Упрёк клиенту" in reply.text and "Вариант лучше вашего пока не получился" in reply.text
    assert reply.blocks("pre") == [] and reply.button("Подробнее")

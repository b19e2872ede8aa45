"""A draft in, the coaching out: score, issues (quote, why, how), strengths, rewrites and their buttons."""

from __future__ import annotations

import asyncio

try:
    from support.samples import BOT_ADMIN, CUSTOMER, KIND, RUDE, RUDE_QUOTE
except ModuleNotFoundError:
    from tests.support.samples import BOT_ADMIN, CUSTOMER, KIND, RUDE, RUDE_QUOTE


async def test_a_rude_draft_gets_score_issues_and_copyable_rewrites(bot):
    # How fast: bench/bot_load.py and bench/inline_latency.py print the latencies.
    anna = bot.user()
    reply = await anna.ask(RUDE)
    text = reply.text
    assert reply.method == "sendMessage"
    assert "/100 — в таком виде ответ, скорее всего, заденет клиента." in text  # 24/100 is told plainly
    assert f"Упрёк клиенту: «{RUDE_QUOTE}»" in text
    assert "Почему: Фраза перекладывает вину на клиента" in text
    assert "Как: Скажите, что произошло" in text
    assert "Приказной тон: «Ожидайте»" in text
    rewrites = reply.blocks("pre")
    assert rewrites, "the rewrites come as tap-to-copy blocks"
    assert all("виноваты" not in r for r in rewrites)
    labels = [label for label, _ in reply.buttons]
    assert labels[: len(rewrites)] == [f"✅ Взять вариант {n}" for n in range(1, len(rewrites) + 1)]
    assert {"🔄 Другой вариант", "🙅 Оценка неверна", "💡 Подробнее"} <= set(labels)
    # The answer is a reply to the draft, so it stays next to it in the chat.
    assert reply.message["reply_to_message"]["text"] == RUDE


async def test_a_caring_draft_is_praised_without_rewrites(bot):
    anna = bot.user()
    reply = await anna.ask(KIND)
    assert "— ответ звучит бережно и по делу" in reply.text
    assert "Что уже хорошо" in reply.text
    assert "Извинение за неудобство" in reply.text
    assert reply.blocks("pre") == []
    assert [label for label, _ in reply.buttons] == ["🙅 Оценка неверна", "💡 Подробнее"]


async def test_use_version_records_the_choice_and_sends_the_clean_text_alone(bot):
    anna = bot.user()
    reply = await anna.ask(RUDE)
    first = reply.blocks("pre")[0]
    after = anna.mark()
    await anna.press(reply, reply.button("Взять вариант 1"))
    assert await anna.toast(after) == "Отметил вариант 1. Текст ниже — можно копировать."
    clean = await anna.next(after, {"sendMessage"})
    assert clean.text == first
    assert "parse_mode" not in clean.call.params and "reply_markup" not in clean.call.params
    draft_id = int(reply.button("Взять вариант 1").split(":")[1])
    detail = await bot.services.coaching.get_draft(anna.id, draft_id)
    assert [r.chosen for r in detail.rewrites] == [True] + [False] * (len(detail.rewrites) - 1)
    history = await anna.ask("/history")
    assert "✓ вариант взят" in history.text


async def test_another_version_adds_a_new_style_then_says_there_are_no_more(bot):
    anna = bot.user()
    reply = await anna.ask(RUDE)
    shown = len(reply.blocks("pre"))
    more = await anna.tap(reply, reply.button("Другой вариант"))
    assert more.text.startswith("Ещё один вариант:")
    assert len(more.blocks("pre")) == 1
    number = shown + 1
    assert more.button(f"Взять вариант {number}")
    clean = await anna.tap(more, more.button(f"Взять вариант {number}"), {"sendMessage"})
    assert clean.text == more.blocks("pre")[0]
    after = anna.mark()
    await anna.press(reply, reply.button("Другой вариант"))
    assert "Других вариантов" in await anna.toast(after)


async def test_the_verdict_is_wrong_asks_for_a_comment_and_stores_it_for_review(bot):
    anna = bot.user()
    reply = await anna.ask(RUDE)
    ask = await anna.tap(reply, reply.button("Оценка неверна"))
    assert "Что не так с оценкой?" in ask.text
    assert ask.button("Без комментария")
    saved = await anna.ask("Клиент сам просил писать коротко")
    assert saved.text.startswith("Записал.")
    await bot.services.users.ensure_user(BOT_ADMIN, "Ирина")  # the reviewer
    flags = await bot.services.flags.open_flags(BOT_ADMIN)
    assert [(f.comment, f.user_name) for f in flags] == [("Клиент сам просил писать коротко", "Анна")]
    # The next text is a draft again, not a comment.
    assert "/100" in (await anna.ask(RUDE)).text
    again = anna.mark()
    await anna.press(reply, reply.button("Оценка неверна"))
    assert "уже отметили" in await anna.toast(again)


async def test_the_verdict_is_wrong_without_a_comment(bot):
    anna = bot.user()
    reply = await anna.ask(KIND)
    ask = await anna.tap(reply, reply.button("Оценка неверна"))
    saved = await anna.tap(ask, ask.button("Без комментария"), {"sendMessage"})
    assert saved.text.startswith("Записал.")
    draft_id = int(reply.button("Оценка неверна").split(":")[1])
    assert (await bot.services.coaching.get_draft(anna.id, draft_id)).flagged


async def test_explain_more_tells_what_the_customer_hears_with_an_example(bot):
    anna = bot.user()
    reply = await anna.ask(RUDE)
    explained = await anna.tap(reply, reply.button("Подробнее"))
    assert explained.text.startswith("Подробнее о замечаниях")
    assert "Упрёк клиенту" in explained.text and "Клиент слышит" in explained.text
    assert "Было: " in explained.text and "Лучше: " in explained.text


async def test_a_forwarded_customer_message_is_the_context_of_the_next_draft(bot):
    anna = bot.user()
    saved = await anna.ask(CUSTOMER, forward_from="Клиент Пётр")
    assert saved.text.startswith("Сообщение клиента запомнил")
    reply = await anna.ask("Ожидайте.")
    assert "Читаю с учётом сообщения клиента." in reply.text
    assert "Нет извинения" in reply.text  # the complaint makes the missing apology an issue
    draft_id = int(reply.button("Подробнее").split(":")[1])
    detail = await bot.services.coaching.get_draft(anna.id, draft_id)
    assert detail.context and "опоздал на три дня" in detail.context
    # Used once: the draft after that has no context.
    assert "Читаю с учётом" not in (await anna.ask("Ожидайте.")).text


async def test_a_draft_sent_as_a_reply_takes_the_replied_message_as_context(bot):
    anna = bot.user()
    origin = {"type": "hidden_user", "date": 1, "sender_user_name": "Клиент"}
    customer = await anna.push(text=CUSTOMER, forward_origin=origin)
    await anna.next(0, {"sendMessage"})
    reply = await anna.ask("Ожидайте.", reply_to=customer)
    assert "Читаю с учётом сообщения клиента." in reply.text


async def test_the_bot_works_in_english_for_english_speakers(bot):
    john = bot.user(first_name="John", language_code="en")
    reply = await john.ask("You should have read the terms. Wait.")
    assert "/100: this reply could use a little care." in reply.text
    assert "Blaming the customer" in reply.text and "Why:" in reply.text and "How:" in reply.text
    assert reply.button("Use version 1")


async def test_a_long_draft_is_answered_in_several_messages_that_each_fit(bot):
    anna = bot.user()
    # Every order, date and tracking number is a fact the rewrites keep: they are as long as the draft.
    facts = (f"Заказ {1000 + n} передан курьеру {n % 28 + 1}.03 в 10:{n:02d}, трек AB-{5000 + n}." for n in range(45))
    long_draft = "Вы сами виноваты. " + " ".join(facts)
    assert 2500 < len(long_draft) < 4000
    after = anna.mark()
    await anna.send(long_draft)
    head = await anna.next(after, {"sendMessage"})
    assert "/100 — в таком виде ответ, скорее всего, заденет клиента." in head.text or "немного внимания" in head.text
    await anna.next(bot.fake.calls.index(head.call) + 1, {"sendMessage"})
    await asyncio.sleep(0.5)
    parts = anna.answers(after)
    assert len(parts) >= 2 and all(len(p.text) <= 4096 for p in parts)
    pre_parts = [p for p in parts if p.blocks("pre")]
    for part in pre_parts:  # each version comes with its own "use" button
        assert len(part.blocks("pre")) == 1 and part.button("Взять вариант")
    clean = await anna.tap(pre_parts[0], pre_parts[0].button("Взять вариант 1"), {"sendMessage"})
    assert clean.text == pre_parts[0].blocks("pre")[0]


async def test_show_the_edit_strikes_what_went_and_bolds_what_came(bot):
    anna = bot.user()
    reply = await anna.ask(RUDE)
    versions = reply.blocks("pre")
    edit = await anna.tap(reply, reply.button("Показать правку"))
    assert edit.text.startswith("Вариант 1 как правка вашего текста")
    struck = " ".join(edit.blocks("strikethrough"))
    added = " ".join(edit.blocks("bold"))
    assert "виноваты" in struck, "the reproach is shown as removed"
    assert "виноваты" not in added
    # what is neither struck nor bold, plus what is bold, reads as version 1 again
    assert set(added.split()) <= set(versions[0].split()) | {"Вариант", "1", "добавлено"}

"""Forged, replayed and out-of-range buttons: one short "expired" answer, never an error.

Each press is followed by a /help from the same person: the bot answers one
chat's updates in order, so once /help is answered everything the press caused
has been sent, and the calls between the two are exactly its answer.
"""

from __future__ import annotations

import logging

import pytest

try:
    from support.samples import BOT_ADMIN, RUDE
except ModuleNotFoundError:
    from tests.support.samples import BOT_ADMIN, RUDE

EXPIRED = "Эта кнопка от старого сообщения"
SENDS = {"sendMessage", "sendPhoto", "sendDocument", "editMessageText", "editMessageReplyMarkup"}

FORGED = [
    "",
    "nonsense",
    "use",
    "use:1",
    "use:1:2:3",
    "use:abc:1",
    "use:-5:1",
    "use:0:1",
    "use:9223372036854775808:1",  # past SQLite's 64-bit integer
    "use:2147483648:1",  # past PostgreSQL's integer
    "use:1:99",
    "use:١:1",  # Arabic-Indic digit one
    "more:99999999999999999999999999999",
    "why:1e9",
    "edit: 1",
    "wrong:1.0",
    "flagskip:99999999999999999999",
    "hist:-1",
    "hist:99999999999999999999",
    "emp:0:12345",
    "emp:1:99999999999999999999",
    "lang:xx",
    "lang:ru:en",
    "forget:maybe",
    "pr:show",
    "pr:drop:analyze",
    "pr:show:../../etc/passwd",
    "prrb:analyze:99999999999999999999",
    "flres:99999999999999999999",
    "flres:1:2",
    "flexp:now",
    "set:llm_enabled:maybe",
    "set:coaching_threshold:1",
    "x" * 64,
]


async def _answer_to(person, reply, data: str) -> list:
    """Everything the bot sent this person because of one press of ``data``."""
    after = person.mark()
    await person.press(reply, data)
    await person.send("/help")
    done = await person.fake.wait_for(
        lambda c: c.chat_id == person.id and "Как со мной работать" in c.params.get("text", ""), after=after
    )
    calls = person.fake.calls[after : person.fake.calls.index(done)]
    return [c for c in calls if c.chat_id == person.id or c.method == "answerCallbackQuery"]


@pytest.mark.parametrize("data", FORGED)
async def test_a_forged_button_gets_one_expired_answer_and_no_error(bot, caplog, data):
    admin = bot.user(BOT_ADMIN, "Ирина")
    coached = await admin.ask(RUDE)
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="coachbot"):
        answered = await _answer_to(admin, coached, data)
    toasts = [c for c in answered if c.method == "answerCallbackQuery"]
    assert len(toasts) == 1, [c.method for c in answered]
    assert EXPIRED in toasts[0].params.get("text", "")
    assert not [c for c in answered if c.method in SENDS], "a forged button made the bot write"
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not errors, [r.getMessage() for r in errors]
    assert any(r.name == "coachbot.buttons" and r.levelno == logging.DEBUG for r in caplog.records)


async def test_a_replayed_skip_files_one_flag_and_answers_once(bot):
    anna = bot.user()
    coached = await anna.ask(RUDE)
    ask = await anna.tap(coached, coached.button("Оценка неверна"))
    skip = ask.button("Без комментария")
    first = await _answer_to(anna, ask, skip)
    assert [c.params.get("text") for c in first if c.method == "sendMessage"] == [
        "Записал. Этот разбор посмотрят и поправят правила — так коуч становится точнее. Спасибо!"
    ]
    for _ in range(2):
        again = await _answer_to(anna, ask, skip)
        assert [c.method for c in again] == ["answerCallbackQuery"]
        assert again[0].params["text"] == "Вы уже отметили этот разбор — он ждёт проверки."
    await bot.user(BOT_ADMIN, "Ирина").ask("/start")
    assert len(await bot.services.flags.open_flags(BOT_ADMIN)) == 1

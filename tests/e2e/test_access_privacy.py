"""Closed access (invited users and admins only) and /forgetme."""

from __future__ import annotations

from coachbot.db import Draft

try:
    from support.db import DbBuilder
    from support.samples import BOT_ADMIN, RUDE
except ModuleNotFoundError:
    from tests.support.db import DbBuilder
    from tests.support.samples import BOT_ADMIN, RUDE

CLOSED = "Здравствуйте! Я работаю для команд компании по приглашению."


async def test_closed_access_lets_in_only_team_members_and_admins(make_bot):
    bot = await make_bot(open_access=False)
    await DbBuilder(bot.services.users.sessionmaker).team("Поддержка", invite_code="SUPP2345")
    stranger = bot.user(first_name="Гость")
    assert (await stranger.ask("/start")).text.startswith(CLOSED)
    for text in (RUDE, "/history", "/progress"):
        assert (await stranger.ask(text)).text.startswith(CLOSED)
    assert (await stranger.ask("/lang en")).text == "Done — I'll speak English from now on."
    assert (await stranger.ask(RUDE)).text.startswith("Hello! I work for the company's teams, by invitation.")
    joined = await stranger.ask("/join SUPP2345")
    assert "Welcome to the “Поддержка” team!" in joined.text
    assert "/100" in (await stranger.ask(RUDE)).text
    admin = bot.user(BOT_ADMIN, "Ирина")
    assert "/100" in (await admin.ask(RUDE)).text  # admins need no team


async def test_forget_me_asks_first_and_then_deletes_everything(bot):
    anna = bot.user()
    await anna.ask(RUDE)
    ask = await anna.ask("/forgetme")
    assert "Отменить это будет нельзя" in ask.text
    kept = await anna.tap(ask, ask.button("Нет, оставить"))
    assert kept.text == "Хорошо, ничего не удаляю."
    build = DbBuilder(bot.services.users.sessionmaker)
    assert await build.count(Draft) == 1
    ask = await anna.ask("/forgetme")
    done = await anna.tap(ask, ask.button("Да, удалить"))
    assert done.text.startswith("Готово — ваши данные удалены.")
    assert await bot.services.users.get(anna.id) is None
    assert await build.count(Draft) == 0
    # Coming back is a fresh start.
    assert (await anna.ask("/start")).text.startswith("Здравствуйте, Анна!")

"""First contact: the greeting in the person's language, /lang, joining a team by code or deep link."""

from __future__ import annotations

try:
    from support.db import DbBuilder
    from support.samples import BOT_ADMIN
except ModuleNotFoundError:
    from tests.support.db import DbBuilder
    from tests.support.samples import BOT_ADMIN


async def team_with_code(bot, name: str = "Поддержка", code: str = "JOIN2345") -> None:
    await DbBuilder(bot.services.users.sessionmaker).team(name, invite_code=code)


async def test_start_greets_in_russian_and_explains_what_to_send(bot):
    anna = bot.user(first_name="Анна", language_code="ru")
    reply = await anna.ask("/start")
    assert reply.text.startswith("Здравствуйте, Анна!")
    assert "черновик ответа" in reply.text
    assert "/join" in reply.text  # not in a team yet: how to join
    me = await bot.services.users.get(anna.id)
    assert me.language == "ru" and me.role == "employee"


async def test_language_comes_from_telegram_and_can_be_changed(bot):
    john = bot.user(first_name="John", language_code="en-GB")
    reply = await john.ask("/start")
    assert reply.text.startswith("Hello, John!")
    menu = await john.ask("/lang")
    changed = await john.tap(menu, menu.button("Русский"))
    assert changed.method == "editMessageText"
    assert changed.text == "Готово, теперь говорю по-русски."
    assert (await john.ask("/help")).text.startswith("Как со мной работать")
    assert (await john.ask("/lang en")).text == "Done — I'll speak English from now on."


async def test_a_deep_link_joins_the_team(bot):
    await team_with_code(bot)
    anna = bot.user()
    reply = await anna.ask("/start JOIN2345")
    assert "Добро пожаловать в команду «Поддержка»" in reply.text
    assert (await bot.services.users.get(anna.id)).team_name == "Поддержка"
    again = await anna.ask("/start")
    assert "С возвращением" in again.text and "Вы в команде «Поддержка»" in again.text


async def test_join_with_a_code_and_with_a_wrong_one(bot):
    await team_with_code(bot, "Продажи", "SALES234")
    boris = bot.user(first_name="Борис")
    assert "/join AB12CD34" in (await boris.ask("/join")).text
    wrong = await boris.ask("/join NOPE")
    assert "не подошёл" in wrong.text
    assert (await bot.services.users.get(boris.id)).team_id is None
    right = await boris.ask("/join sales234")  # letter case does not matter
    assert "«Продажи»" in right.text


async def test_help_shows_each_role_its_commands(bot):
    anna = bot.user()
    staff_help = (await anna.ask("/help")).text
    assert "/history" in staff_help and "/team" not in staff_help and "/prompts" not in staff_help
    admin = bot.user(BOT_ADMIN, "Ирина")
    admin_help = (await admin.ask("/help")).text
    assert "/team" in admin_help and "/prompts" in admin_help and "/flags" in admin_help

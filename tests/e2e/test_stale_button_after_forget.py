"""A button from before /forgetme answers "expired" and never brings the profile back."""

from __future__ import annotations

try:
    from support.samples import RUDE
except ModuleNotFoundError:
    from tests.support.samples import RUDE


async def test_a_button_pressed_after_forgetme_does_not_recreate_the_profile(bot):
    anna = bot.user()
    coached = await anna.ask(RUDE)
    ask = await anna.ask("/forgetme")
    await anna.tap(ask, ask.button("Да, удалить"))
    assert await bot.services.users.get(anna.id) is None
    for label in ("Взять вариант 1", "Оценка неверна", "Подробнее"):
        after = anna.mark()
        await anna.press(coached, coached.button(label))
        assert "старого сообщения" in await anna.toast(after)
        assert await bot.services.users.get(anna.id) is None, f"'{label}' recreated the profile"
    # Writing to the bot again is a fresh start.
    assert (await anna.ask("/start")).text.startswith("Здравствуйте, Анна!")

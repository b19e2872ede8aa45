"""A "verdict is wrong" comment is free text about a customer: it is stored masked, like a draft."""

from __future__ import annotations

try:
    from support.samples import BOT_ADMIN, RUDE
except ModuleNotFoundError:
    from tests.support.samples import BOT_ADMIN, RUDE

COMMENT = "Клиентка Мария Иванова сама просила так, её телефон +7 916 123-45-67, почта maria.ivanova@example.com"


async def test_a_flag_comment_with_personal_data_is_stored_and_shown_masked(bot):
    anna = bot.user()
    reply = await anna.ask(RUDE)
    await anna.tap(reply, reply.button("Оценка неверна"))
    saved = await anna.ask(COMMENT)
    assert saved.text.startswith("Записал.")
    await bot.services.users.ensure_user(BOT_ADMIN, "Ирина")
    (flag,) = await bot.services.flags.open_flags(BOT_ADMIN)
    for secret in ("+7 916 123-45-67", "916", "maria.ivanova@example.com", "Иванова"):
        assert secret not in flag.comment
    assert "[PHONE_1]" in flag.comment and "[EMAIL_1]" in flag.comment
    assert "сама просила так" in flag.comment, "the point of the comment survives"

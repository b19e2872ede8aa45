"""What the history and the team views count is what the employee was shown in the chat."""

from __future__ import annotations

try:
    from support.samples import BOT_ADMIN, KIND
except ModuleNotFoundError:
    from tests.support.samples import BOT_ADMIN, KIND


async def _last_draft(bot, person):
    page = await bot.services.coaching.history(person.id, 0, 1)
    return await bot.services.coaching.get_draft(person.id, page.items[0].id)


async def test_a_broken_company_rule_is_stored_with_the_draft(bot):
    admin = bot.user(BOT_ADMIN, "Ирина")
    await admin.ask("/styleguide ban 4521 = номер заказа")
    anna = bot.user(602, "Анна")
    reply = await anna.ask(KIND)  # a kind reply that only breaks the company rule
    assert "Правила компании: «4521»" in reply.text
    detail = await _last_draft(bot, anna)
    assert detail.needs_coaching, "the chat said 'needs coaching', the history must say so too"
    assert "styleguide" in detail.issue_codes


PLAIN = "Добрый день. Проверил: заказ 4521 приедет завтра, курьер позвонит за час."  # fine, not perfect


async def test_the_admins_threshold_decides_what_is_stored(bot):
    admin = bot.user(BOT_ADMIN, "Ирина")
    anna = bot.user(603, "Анна")
    await anna.ask(PLAIN)
    assert not (await _last_draft(bot, anna)).needs_coaching
    assert "95" in (await admin.ask("/settings coaching_threshold 95")).text
    reply = await anna.ask(PLAIN)
    assert "Варианты" in reply.text, "below the new threshold the chat offers rewrites"
    assert (await _last_draft(bot, anna)).needs_coaching

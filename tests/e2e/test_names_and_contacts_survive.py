"""The customer's name keeps its form and every contact detail comes back exactly.

«Марина Иванова» is a woman: the rewrite greets «Марина Иванова», not «Марина Иванов», and the
phone, the e-mail and the card's last digits the employee wrote are all in every rewrite the
bot shows, although the stored copy of the draft has them masked.
"""

from __future__ import annotations

DRAFT = (
    "Марина Иванова, вы сами виноваты, надо было читать договор. Звоните на +7 912 345-67-89 "
    "или пишите на support@bank.ru. Карта *4821 заблокирована. Ожидайте."
)
DETAILS = ("+7 912 345-67-89", "support@bank.ru", "4821")


async def test_the_name_and_the_contacts_survive_every_rewrite(make_bot):
    bot = await make_bot()
    anna = bot.user()
    after = anna.mark()
    await anna.send(DRAFT)
    reply = await anna.next(after, {"sendMessage", "editMessageText"}, timeout=15)
    blocks = reply.blocks("pre")
    assert blocks, reply.text
    for block in blocks:
        assert "Иванова" in block and "Иванов," not in block and "Иванов " not in block, block
        for detail in DETAILS:
            assert detail in block, (detail, block)
    draft_id = int(reply.button("Взять вариант 1").split(":")[1])
    stored = await bot.services.coaching.get_draft(anna.id, draft_id)
    assert "345-67-89" not in stored.text and "support@bank.ru" not in stored.text  # kept masked

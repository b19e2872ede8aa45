"""A role belongs to a membership: a lead who joins another team is a member there.

Before, Ольга led «Поддержка», joined «Продажи» with its invite code and was a lead there at
once, with /team open on a team nobody had given her. Now the bot says she joined as a member,
/team is the member's answer, and neither team's drafts are visible to her until an admin
promotes her.
"""

from __future__ import annotations

try:
    from support.db import DbBuilder
except ModuleNotFoundError:
    from tests.support.db import DbBuilder

LEAD, ANNA, VERA = 601, 611, 621


async def test_a_lead_who_joins_another_team_is_a_member_there(bot):
    build = DbBuilder(bot.services.users.sessionmaker)
    support = await build.team("Поддержка", invite_code="SUPP6789")
    sales = await build.team("Продажи", invite_code="SALE6789")
    await build.user(LEAD, "Ольга Лид", role="lead", team=support)
    anna = await build.user(ANNA, "Анна Смирнова", team=support)
    vera = await build.user(VERA, "Вера Продажи", team=sales)
    await build.draft(anna, score=40, codes=("blame",), text="Старая команда")
    await build.draft(vera, score=30, codes=("rudeness",), text="Новая команда")
    olga = bot.user(LEAD, "Ольга")

    before = await olga.ask("/team", {"sendPhoto"})
    assert "«Поддержка»" in before.text  # she leads «Поддержка»: its chart
    await bot.fake.wait_for(lambda c: c.method == "sendMessage" and "Анна" in str(c.params), after=0, timeout=8)

    joined = await olga.ask("/join SALE6789")
    assert "«Продажи»" in joined.text and "как участник" in joined.text

    for command in ("/team", "/team Продажи", "/team Поддержка", "/employee Анна Смирнова", "/employee Вера Продажи"):
        reply = await olga.ask(command)
        assert reply.text == "Это доступно руководителям команд. Ваш собственный прогресс — в /progress.", command


async def test_joining_the_same_team_again_keeps_the_lead_role(bot):
    build = DbBuilder(bot.services.users.sessionmaker)
    support = await build.team("Поддержка", invite_code="SUPP6790")
    await build.user(LEAD, "Ольга Лид", role="lead", team=support)
    olga = bot.user(LEAD, "Ольга")
    joined = await olga.ask("/join SUPP6790")
    assert "как участник" not in joined.text
    reply = await olga.ask("/team")
    assert "руководителям команд" not in reply.text  # still the lead's view of her team

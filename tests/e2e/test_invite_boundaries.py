"""/invite from a lead reads the same for another team and for a team that does not exist."""

from __future__ import annotations

try:
    from support.db import DbBuilder
except ModuleNotFoundError:
    from tests.support.db import DbBuilder

LEAD = 601


async def test_a_lead_learns_nothing_about_other_teams_from_invite(bot):
    build = DbBuilder(bot.services.users.sessionmaker)
    support = await build.team("Поддержка", invite_code="SUPP6789")
    await build.team("Продажи", invite_code="SALE6789")
    await build.user(LEAD, "Ольга Лид", role="lead", team=support)
    olga = bot.user(LEAD, "Ольга")
    other = await olga.ask("/invite Продажи")
    missing = await olga.ask("/invite Несуществующая")
    assert other.text == missing.text
    assert "Продажи" not in other.text and "Несуществующая" not in missing.text
    own = await olga.ask("/invite Поддержка")
    assert "SUPP6789" not in own.text and "Поддержка" in own.text, "their own team gets a fresh code"

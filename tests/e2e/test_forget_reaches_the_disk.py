"""/forgetme leaves no readable copy of the deleted drafts in the SQLite files (database and WAL)."""

from __future__ import annotations

from pathlib import Path

import pytest

try:
    from support.db import sqlite_url
except ModuleNotFoundError:
    from tests.support.db import sqlite_url

MARKER = "Квазиоранжевыйслон"  # a word no other text contains, and not personal data, so masking keeps it


@pytest.fixture
def db_url(tmp_path) -> str:
    """SQLite only: this test reads the database's own files (on PostgreSQL they are the server's)."""
    return sqlite_url(tmp_path / "coachbot.sqlite3")


def _files(settings) -> list[Path]:
    database = Path(settings.effective_database_url.split(":///", 1)[1])
    return [p for p in database.parent.glob(database.name + "*") if p.is_file()]


async def test_a_forgotten_draft_is_not_in_the_database_files(bot):
    anna = bot.user()
    for n in range(3):
        assert "/100" in (await anna.ask(f"Вы сами виноваты, {MARKER} №{n}. Ожидайте.")).text
    before = b"".join(p.read_bytes() for p in _files(bot.settings))
    assert MARKER.encode() in before, "the drafts were stored (the test would prove nothing otherwise)"
    ask = await anna.ask("/forgetme")
    await anna.tap(ask, ask.button("Да, удалить"))
    assert await bot.services.users.get(anna.id) is None
    for path in _files(bot.settings):
        assert MARKER.encode() not in path.read_bytes(), f"{path.name} still holds the forgotten text"

"""The migrations build exactly the schema the models describe, and undo it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection

from coachbot.config import PROJECT_ROOT
from coachbot.db import Base, Team, create_engine, create_engine_and_sessionmaker
from coachbot.db.migrate import current_revision, downgrade, head_revision, upgrade, upgrade_sync

APP_TABLES = set(Base.metadata.tables)


def _schema_diff(connection: Connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


async def _diff_and_tables(url: str) -> tuple[list, set[str]]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(_schema_diff)
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    return diff, tables


async def test_upgrade_builds_the_model_schema_and_downgrade_removes_it(db_url):
    assert await current_revision(db_url) is None

    await upgrade(db_url)
    diff, tables = await _diff_and_tables(db_url)
    assert diff == []
    assert tables >= APP_TABLES
    assert await current_revision(db_url) == head_revision() == "003"

    downgrade(db_url, "base")
    diff, tables = await _diff_and_tables(db_url)
    assert tables & APP_TABLES == set()
    assert await current_revision(db_url) is None


async def test_upgrade_twice_keeps_the_data(db_url):
    upgrade_sync(db_url)
    engine, sessionmaker = create_engine_and_sessionmaker(db_url)
    async with sessionmaker.begin() as session:
        session.add(Team(name="Support", invite_code="ABCD2345"))
    upgrade_sync(db_url)
    async with sessionmaker() as session:
        assert (await session.scalars(select(Team.name))).all() == ["Support"]
    await engine.dispose()


def test_alembic_command_line_takes_the_url_from_x_argument(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACHBOT_")}
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-x", f"url={url}", "upgrade", "head"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cli.sqlite3").exists()


async def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'pragmas.sqlite3'}"  # SQLite only: PostgreSQL has neither pragma
    await upgrade(url)
    engine, sessionmaker = create_engine_and_sessionmaker(url)
    try:
        async with sessionmaker() as session:
            assert (await session.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            assert (await session.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
    finally:
        await engine.dispose()


async def test_timestamps_come_back_as_the_same_instant_in_utc(sessionmaker):
    moscow = timezone(timedelta(hours=3))
    created = datetime(2026, 3, 16, 15, 30, tzinfo=moscow)
    async with sessionmaker.begin() as session:
        session.add(Team(name="A", invite_code="AAAA2222", created_at=created))
    async with sessionmaker() as session:
        stored = await session.scalar(select(Team.created_at))
    assert stored == created
    assert stored.utcoffset() == timedelta(0)
    assert stored.hour == 12


async def test_a_missing_data_folder_is_created(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'new' / 'dir' / 'coachbot.sqlite3'}"
    await upgrade(url)
    assert (tmp_path / "new" / "dir" / "coachbot.sqlite3").exists()

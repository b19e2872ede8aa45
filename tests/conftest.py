"""Shared fixtures. Each test that touches storage gets its own migrated SQLite file."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coachbot.config import Settings, load_settings
from coachbot.db import create_engine_and_sessionmaker
from coachbot.db.migrate import upgrade

try:  # pytest puts tests/ on sys.path for this conftest ...
    from support.db import DbBuilder, sqlite_url
except ModuleNotFoundError:  # ... unless tests/ is a package
    from tests.support.db import DbBuilder, sqlite_url

ADMIN_TID = 1000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("COACHBOT_TEST_POSTGRES_URL"):
        return
    skip = pytest.mark.skip(reason="set COACHBOT_TEST_POSTGRES_URL to run PostgreSQL tests")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def admin_tid() -> int:
    """The telegram id listed in COACHBOT_ADMIN_IDS of the ``settings`` fixture."""
    return ADMIN_TID


@pytest.fixture
def db_url(tmp_path) -> str:
    return sqlite_url(tmp_path / "coachbot.sqlite3")


@pytest.fixture
def settings(tmp_path, db_url) -> Settings:
    return load_settings(data_dir=tmp_path, database_url=db_url, admin_ids=[ADMIN_TID], language="ru")


@pytest.fixture
async def sessionmaker(db_url) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    await upgrade(db_url)
    engine, factory = create_engine_and_sessionmaker(db_url)
    try:
        yield factory
    finally:
        await engine.dispose()


@pytest.fixture
def build(sessionmaker) -> DbBuilder:
    return DbBuilder(sessionmaker)


@pytest.fixture
async def pg_sessionmaker() -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A migrated PostgreSQL database (COACHBOT_TEST_POSTGRES_URL), emptied again afterwards.

    Use with ``@pytest.mark.postgres``; the tables are dropped, so point it at a scratch database.
    """
    from coachbot.db.migrate import downgrade

    url = os.environ["COACHBOT_TEST_POSTGRES_URL"]
    await upgrade(url)
    engine, factory = create_engine_and_sessionmaker(url)
    try:
        yield factory
    finally:
        await engine.dispose()
        downgrade(url, "base")

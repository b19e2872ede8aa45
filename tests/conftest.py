"""Shared fixtures. Each test that touches storage runs twice: on its own migrated SQLite file and
on its own PostgreSQL database (``tests/support/postgres.py`` starts the server for the run)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coachbot.config import Settings, load_settings
from coachbot.db import create_engine_and_sessionmaker
from coachbot.db.migrate import upgrade

try:  # pytest puts tests/ on sys.path for this conftest ...
    from support.db import DbBuilder, sqlite_url
    from support.postgres import LocalPostgres, drop_database, fresh_database, server_binaries
except ModuleNotFoundError:  # ... unless tests/ is a package
    from tests.support.db import DbBuilder, sqlite_url
    from tests.support.postgres import LocalPostgres, drop_database, fresh_database, server_binaries

ADMIN_TID = 1000


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The admin URL of the run's PostgreSQL server (started here unless one is given)."""
    if os.environ.get("COACHBOT_SKIP_POSTGRES") == "1":
        pytest.skip("COACHBOT_SKIP_POSTGRES=1: the PostgreSQL runs are skipped")
    given = os.environ.get("COACHBOT_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    binaries = server_binaries()
    if binaries is None:
        pytest.fail(
            "no PostgreSQL server binaries: `make test` installs Debian's postgresql package, or set "
            "COACHBOT_TEST_POSTGRES_URL to a server, or COACHBOT_SKIP_POSTGRES=1 to skip these runs"
        )
    server = LocalPostgres(binaries).start()
    try:
        yield server.admin_url
    finally:
        server.stop()


@pytest.fixture
def admin_tid() -> int:
    """The telegram id listed in COACHBOT_ADMIN_IDS of the ``settings`` fixture."""
    return ADMIN_TID


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:
    """An empty database of each kind: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "coachbot.sqlite3")
        return
    admin = request.getfixturevalue("postgres_server")
    url = await fresh_database(admin)
    try:
        yield url
    finally:
        await drop_database(admin, url)


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

"""Run the Alembic migrations from code: the CLI (`coachbot db upgrade`) and app start-up.

Alembic's commands are synchronous and ``migrations/env.py`` runs its own event
loop, so the async wrappers run them in a worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from coachbot.config import PROJECT_ROOT, normalise_database_url
from coachbot.db.session import create_engine

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """The Alembic config of the project, pointed at ``url`` when given."""
    config = Config(str(ALEMBIC_INI)) if ALEMBIC_INI.exists() else Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["configure_logger"] = False  # keep the app's logging as it is
    if url:
        config.attributes["url"] = normalise_database_url(url)
    return config


def _blocking(func: Callable[[], None]) -> None:
    """Run ``func``; from inside a running event loop, in a worker thread.

    env.py starts its own loop with ``asyncio.run``, which cannot nest.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        func()
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(func).result()


def upgrade_sync(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` up to ``revision`` (the latest by default)."""
    _blocking(lambda: command.upgrade(alembic_config(url), revision))


def downgrade(url: str, revision: str) -> None:
    """Take the database at ``url`` down to ``revision`` (``"base"`` empties it)."""
    _blocking(lambda: command.downgrade(alembic_config(url), revision))


async def upgrade(url: str, revision: str = "head") -> None:
    await asyncio.to_thread(upgrade_sync, url, revision)


async def downgrade_async(url: str, revision: str) -> None:
    await asyncio.to_thread(downgrade, url, revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def current_revision(url: str) -> str | None:
    """The revision the database is at, or None for an empty database."""

    def _read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_read)
    finally:
        await engine.dispose()

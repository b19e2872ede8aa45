"""The engine and the one session factory the services share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from coachbot.config import normalise_database_url

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers do not block the writer
    "PRAGMA synchronous=NORMAL",  # safe with WAL, and no fsync per commit
    "PRAGMA busy_timeout=5000",  # wait for a concurrent writer instead of failing
    "PRAGMA secure_delete=ON",  # deleted rows are overwritten, not left readable in free pages
)
# SQLite ignores ON DELETE CASCADE without it. Migrations leave it off, because
# batch mode copies and drops tables, which would cascade deletes.
FOREIGN_KEYS_ON = "PRAGMA foreign_keys=ON"


def ensure_sqlite_directory(url: str) -> None:
    """Create the folder of a SQLite file database, so a first start just works."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _pragma_setter(pragmas: tuple[str, ...]) -> Callable[[Any, Any], None]:
    def set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            for pragma in pragmas:
                cursor.execute(pragma)
        finally:
            cursor.close()

    return set_pragmas


def create_engine(url: str, *, foreign_keys: bool = True, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url``; SQLite connections get WAL and (by default) foreign keys."""
    url = normalise_database_url(url)
    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    if is_sqlite:
        ensure_sqlite_directory(url)
    else:
        kwargs.setdefault("pool_pre_ping", True)  # survive a server restart between updates
    engine = create_async_engine(url, **kwargs)
    if is_sqlite:
        pragmas = (FOREIGN_KEYS_ON, *SQLITE_PRAGMAS) if foreign_keys else SQLITE_PRAGMAS
        event.listen(engine.sync_engine, "connect", _pragma_setter(pragmas))
    return engine


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Services hand back plain dataclasses, but nothing should reload after commit anyway.
    return async_sessionmaker(engine, expire_on_commit=False)


def create_engine_and_sessionmaker(url: str, **kwargs: Any) -> tuple[AsyncEngine, async_sessionmaker[AsyncSession]]:
    """Build the engine and session factory; the caller disposes the engine on shutdown."""
    engine = create_engine(url, **kwargs)
    return engine, create_sessionmaker(engine)


async def flush_deleted(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Make a deletion reach the disk: on SQLite, move the write-ahead log into the database file
    and truncate it, so no copy of the deleted rows is left in ``*.sqlite3-wal`` (``secure_delete``
    has already overwritten them in the database file). PostgreSQL: see docs/privacy.md."""
    async with sessionmaker() as session:
        connection = await session.connection()
        if connection.dialect.name == "sqlite":
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

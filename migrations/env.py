"""Alembic environment, async.

The database URL comes from, in order: a connection handed over in
``config.attributes["connection"]``, ``config.attributes["url"]`` (both used by
``coachbot.db.migrate``), ``alembic -x url=...``, ``sqlalchemy.url`` in the ini
file, and finally the app's settings (``COACHBOT_DATABASE_URL``).
"""

from __future__ import annotations

import asyncio
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection

from coachbot.config import get_settings, normalise_database_url
from coachbot.db import Base
from coachbot.db.base import UtcDateTime
from coachbot.db.session import create_engine

config = context.config
target_metadata = Base.metadata

# The app calls migrations at start-up with its own logging already set up.
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def database_url() -> str:
    url = (
        config.attributes.get("url")
        or context.get_x_argument(as_dictionary=True).get("url")
        or config.get_main_option("sqlalchemy.url")
        or get_settings().effective_database_url
    )
    return normalise_database_url(url)


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    # Revisions must not import app code: the UTC wrapper is a plain timestamptz column.
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def configure_options(dialect_name: str) -> dict[str, Any]:
    return {
        "target_metadata": target_metadata,
        "compare_type": True,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        "render_as_batch": dialect_name == "sqlite",
        "render_item": render_item,
    }


def run_migrations_offline() -> None:
    url = database_url()
    context.configure(
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **configure_options(url.split(":", 1)[0].split("+", 1)[0]),
    )
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, **configure_options(connection.dialect.name))
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    # SQLite foreign keys stay off: batch operations copy and drop tables, which
    # would otherwise cascade deletes into the child tables.
    engine = create_engine(database_url(), foreign_keys=False, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(do_run_migrations)
    finally:
        await engine.dispose()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        do_run_migrations(connection)
    else:
        asyncio.run(run_async_migrations())


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

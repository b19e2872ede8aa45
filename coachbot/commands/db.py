"""``coachbot db upgrade|downgrade|current``: Alembic migrations."""

from __future__ import annotations

import argparse
import asyncio

from coachbot.config import Settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help="database migrations")
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dsub.add_parser("upgrade", help="migrate the database to the newest schema")
    up.add_argument("revision", nargs="?", default="head")
    down = dsub.add_parser("downgrade", help="migrate the database back to a revision")
    down.add_argument("revision")
    dsub.add_parser("current", help="print the database's revision")
    p.set_defaults(handler=run, needs_analyzer=False)


def run(args: argparse.Namespace, settings: Settings, language: str) -> int:
    from coachbot.db import migrate

    url = settings.effective_database_url
    if args.db_command == "upgrade":
        migrate.upgrade_sync(url, args.revision)
        print(f"database at revision {asyncio.run(migrate.current_revision(url))}")
    elif args.db_command == "downgrade":
        migrate.downgrade(url, args.revision)
        print(f"database at revision {asyncio.run(migrate.current_revision(url))}")
    else:
        print(asyncio.run(migrate.current_revision(url)) or "empty")
    return 0

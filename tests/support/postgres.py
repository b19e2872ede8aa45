"""A throwaway PostgreSQL server on 127.0.0.1 for the test run, from the machine's own binaries.

``make test`` installs Debian's ``postgresql`` package when no server binaries are found; the
server runs from a temporary data folder (as the ``postgres`` user when the tests run as root,
since PostgreSQL refuses root), with trust authentication on loopback only, and is removed at
the end. Each test gets a database of its own. COACHBOT_TEST_POSTGRES_URL points the tests at an
existing server instead; COACHBOT_SKIP_POSTGRES=1 skips the PostgreSQL runs, loudly.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import asyncpg

USER = "coachbot"


def server_binaries() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or where Debian's packages put them."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalPostgres:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="coachbot-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._names = itertools.count(1)
        self._as_postgres = os.geteuid() == 0  # PostgreSQL will not run as root

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self) -> LocalPostgres:
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"), "-w", "start")
        return self

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    @property
    def admin_url(self) -> str:
        return f"postgresql+asyncpg://{USER}@127.0.0.1:{self.port}/postgres"


async def fresh_database(admin_url: str, prefix: str = "t") -> str:
    """A new empty database on the server of ``admin_url``; returns its URL."""
    base, _, _ = admin_url.rpartition("/")
    name = f"coachbot_{prefix}_{os.getpid()}_{next(_counter)}"
    conn = await asyncpg.connect(admin_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"{base}/{name}"


async def drop_database(admin_url: str, url: str) -> None:
    """Remove a database made by :func:`fresh_database`, whoever is still connected to it."""
    name = url.rpartition("/")[2]
    conn = await asyncpg.connect(admin_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


_counter = itertools.count(1)

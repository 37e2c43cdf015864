"""A throwaway PostgreSQL server on loopback for the test run (one per pytest-xdist worker), and one
fresh database per test.

`scripts/test` makes sure the server binaries are installed and sets BRIEFING_TEST_POSTGRES=require,
so a missing server fails the run there instead of skipping silently. Elsewhere, tests that need
PostgreSQL skip when no binaries are found. BRIEFING_TEST_POSTGRES_URL points the tests at an
existing server instead (a superuser URL; each test creates its own database on it).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import asyncpg
import sqlalchemy as sa

REQUIRE_ENV = "BRIEFING_TEST_POSTGRES"
URL_ENV = "BRIEFING_TEST_POSTGRES_URL"
USER = "briefing"


class PostgresUnavailable(Exception):
    pass


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl live: on PATH, or Debian's versioned folders (newest first)."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                      else 0, reverse=True)
    return versions[0].parent if versions else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PostgresServer:
    """initdb into a temporary folder, start on a free loopback port, stop and delete at the end."""

    def __init__(self) -> None:
        self._root: Path | None = None
        self._bindir: Path | None = None
        self._names = itertools.count(1)
        self._runas: list[str] = []  # PostgreSQL refuses to run as root: `runuser` when we are
        external = os.environ.get(URL_ENV)
        self.admin_url = external or ""

    def start(self) -> None:
        if self.admin_url:
            return
        bindir = find_bindir()
        if bindir is None:
            raise PostgresUnavailable("no PostgreSQL server binaries (initdb) found")
        self._bindir = bindir
        # In memory where there is a tmpfs: each test's CREATE DATABASE copies and logs a
        # template of several megabytes, which on a shared disk was most of the setup time.
        ram = Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private folder in it
        in_ram = ram.is_dir() and os.access(ram, os.W_OK)
        self._root = Path(tempfile.mkdtemp(prefix="briefing-pg-", dir=ram if in_ram else None))
        # The distribution's package brings a `postgres` user to run the server as.
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresUnavailable("running as root and there is no `postgres` user") from exc
            os.chown(self._root, owner.pw_uid, owner.pw_gid)
            self._runas = ["runuser", "-u", "postgres", "--"]
        data = self._root / "data"
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8",
                  "--no-sync", "--locale=C")
        # Parallel test workers each start a server: a free port can be taken by another
        # between the probe and the server's bind, so try a few.
        for attempt in range(3):
            port = free_port()
            try:
                self._run("pg_ctl", "-D", str(data), "-l", str(self._root / "server.log"), "-w",
                          "-o", f"-p {port} -k {self._root} -c listen_addresses=127.0.0.1"
                          " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                          " -c max_connections=300"
                          # Shared memory segments in the data folder: deleted with it, even
                          # after the immediate stop below.
                          " -c dynamic_shared_memory_type=mmap", "start")
                break
            except PostgresUnavailable:
                if attempt == 2:
                    raise
        self.admin_url = f"postgresql://{USER}@127.0.0.1:{port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        assert self._bindir is not None
        result = subprocess.run([*self._runas, str(self._bindir / program), *args],
                                capture_output=True, text=True, check=False, timeout=120)
        if result.returncode != 0:
            raise PostgresUnavailable(f"{program} failed: {result.stderr.strip() or result.stdout}")

    def new_database(self) -> str:
        """A fresh, empty database; its URL in the form an operator would write."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        admin = self.admin_url

        async def create() -> None:
            conn = await asyncpg.connect(admin)
            try:
                await conn.execute(f'CREATE DATABASE "{name}"')
            finally:
                await conn.close()

        # Fixtures may be set up while an event loop runs in this thread: use a thread of its own.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, create()).result()
        return str(sa.make_url(self.admin_url).set(database=name).render_as_string(
            hide_password=False))

    def stop(self) -> None:
        if self._root is None:
            return
        with contextlib.suppress(PostgresUnavailable, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self._root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self._root, ignore_errors=True)
        self._root = None

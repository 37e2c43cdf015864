"""Backing up and restoring a SQLite database file, with SQLite's own online backup.

A plain copy of a running bot's file misses what still sits in its write-ahead log (operator
QA: a young install's copy held 0 of its 10 subscribers), and a file put back beside the
`-wal` a crash left is replayed onto by SQLite at the next open (operator QA: one restore was
silently undone, another left a corrupt index). The backup reads a consistent state while the
bot runs; the restore checks the backup, drops the old log and puts the file in place at once.
PostgreSQL has pg_dump and pg_restore (docs/deploy.md).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from briefing_bot.errors import ConfigError

_LOG_FILES = ("-wal", "-shm")


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (sqlite:///relative.db, sqlite:////absolute.db), or None
    for another database."""
    scheme, _, rest = url.partition("://")
    if not scheme.lower().startswith("sqlite") or not rest.startswith("/"):
        return None
    path = rest[1:].partition("?")[0]
    return Path(path) if path and path != ":memory:" else None


def backup(database: Path, target: Path) -> int:
    """A consistent copy of `database` (the bot may be running) at `target`; its size in
    bytes. The copy is written beside the target and renamed, so a failed one leaves none."""
    if not database.exists():
        raise ConfigError(f"{database} does not exist; nothing to back up")
    if target.resolve() == database.resolve():
        raise ConfigError("the backup would overwrite the database itself; name another file")
    partial = target.with_name(f".{target.name}.partial")
    source = sqlite3.connect(database, timeout=30)  # reads only; waits out a writer's lock
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            copy.close()
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise ConfigError(f"{database} could not be backed up: {exc}") from exc
    finally:
        source.close()
    partial.replace(target)
    return target.stat().st_size


def check_backup(backup_file: Path) -> None:
    """ConfigError unless the file is a whole SQLite database of this project."""
    if not backup_file.is_file():
        raise ConfigError(f"{backup_file} does not exist")
    try:
        connection = sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise ConfigError(f"{backup_file} is not a SQLite database: {exc}") from exc
    if verdict != "ok":
        raise ConfigError(f"{backup_file} is damaged ({verdict}); not restored")
    if not {"alembic_version", "subscribers", "sources"} <= tables:
        raise ConfigError(f"{backup_file} is not a briefing-bot database; not restored")


def restore(backup_file: Path, database: Path) -> None:
    """Put a checked backup in the database's place (the bot must be stopped): the old
    write-ahead log goes first, so SQLite cannot replay it onto the restored file."""
    check_backup(backup_file)
    partial = database.with_name(f".{database.name}.restoring")
    shutil.copyfile(backup_file, partial)
    for suffix in _LOG_FILES:
        with contextlib.suppress(FileNotFoundError):
            database.with_name(database.name + suffix).unlink()
    partial.replace(database)

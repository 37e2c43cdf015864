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
import os
import shutil
import sqlite3
from datetime import datetime
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
    # ~ as `Store.open` reads it, so that a backup copies the file the bot opens.
    return Path(path).expanduser() if path and path != ":memory:" else None


def _replaceable(path: Path) -> bool:
    """An empty file (what `mktemp` gives), or a database of ours (an earlier backup): the
    only files a backup replaces (review: any SQLite database was, another program's too)."""
    try:
        if path.stat().st_size == 0:
            return True
        with path.open("rb") as file:
            if file.read(16) != b"SQLite format 3\x00":
                return False
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                              "'alembic_version'").fetchone() is not None
    except (OSError, sqlite3.Error):
        return False


def backup(database: Path, target: Path) -> int:
    """A consistent copy of `database` (the bot may be running) at `target`; its size in
    bytes. The copy is written beside the target and renamed, so a failed one leaves none."""
    if not database.exists():
        raise ConfigError(f"{database} does not exist; nothing to back up")
    if target.resolve() == database.resolve():
        raise ConfigError("the backup would overwrite the database itself; name another file")
    if target.is_dir():
        raise ConfigError(f"{target} is a folder; name the backup file")
    if not target.parent.is_dir():  # a mistyped folder is not made (operator QA)
        raise ConfigError(f"{target.parent} is not a folder; name a backup file in one")
    if target.exists() and not _replaceable(target):
        # An earlier backup is replaced (a nightly job's rotation); any other file is not
        # (operator QA: `db backup notes.txt` overwrote it without a word).
        # (said plainly: "(an earlier backup)" read as if it were one: operator QA, stop 59 T8)
        raise ConfigError(f"{target} exists and is not a briefing-bot database (only an "
                          "earlier backup is replaced); name another file")
    partial = target.with_name(f".{target.name}.partial")
    source = sqlite3.connect(database, timeout=30)  # reads only; waits out a writer's lock
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            copy.close()
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise ConfigError(f"{database} could not be backed up to {target}: {exc}") from exc
    finally:
        source.close()
    partial.chmod(0o600)  # subscribers' chats and the sources: the bot's user only (review)
    partial.replace(target)
    return target.stat().st_size


def check_backup(backup_file: Path, newest: str) -> None:
    """ConfigError unless the file is a whole SQLite database of this project, at a schema
    this version knows (`newest`: its head revision)."""
    if not backup_file.is_file():
        raise ConfigError(f"{backup_file} does not exist")
    try:
        connection = sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = (connection.execute("SELECT version_num FROM alembic_version").fetchone()
                        if "alembic_version" in tables else None)
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise ConfigError(f"{backup_file} is not a SQLite database: {exc}") from exc
    if verdict != "ok":
        raise ConfigError(f"{backup_file} is damaged ({verdict}); not restored")
    if revision is None or not {"subscribers", "sources"} <= tables:
        raise ConfigError(f"{backup_file} is not a briefing-bot database; not restored")
    if str(revision[0]) > newest:  # revisions are numbered: 0001, 0002, ...
        raise ConfigError(f"{backup_file} was made by a newer briefing-bot (schema "
                          f"{revision[0]}, this one knows {newest}); not restored")


def restore(backup_file: Path, database: Path, *, newest: str, now: datetime) -> Path | None:
    """Put a checked backup in the database's place (the bot must be stopped). The database
    it replaces is kept beside it, its write-ahead log with it, so SQLite cannot replay that
    log onto the restored file; returns where it was kept (None: there was none). The
    restored file keeps the old one's owner and mode (review: a restore run with sudo left a
    root-owned file the service could not write)."""
    check_backup(backup_file, newest)
    database.parent.mkdir(parents=True, exist_ok=True)
    partial = database.with_name(f".{database.name}.restoring")
    try:
        shutil.copyfile(backup_file, partial)
        kept = None
        if database.exists():
            old = database.stat()
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(partial, old.st_uid, old.st_gid)
            partial.chmod(old.st_mode & 0o777)
            kept = database.with_name(f"{database.name}.replaced-{now:%Y%m%dT%H%M%S}")
            database.replace(kept)
        else:
            partial.chmod(0o600)
        for suffix in _LOG_FILES:  # the log goes with the file it belongs to
            log_file = database.with_name(database.name + suffix)
            if log_file.exists():
                if kept is None:
                    log_file.unlink()
                else:
                    log_file.replace(kept.with_name(kept.name + suffix))
        partial.replace(database)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise ConfigError(f"{database} could not be restored: {exc}") from exc
    return kept

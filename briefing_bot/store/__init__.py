"""The database: every SQL statement of the project lives in this package (SQLAlchemy Core,
async). `Store` is the one facade; each aggregate's statements live in their own module."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from briefing_bot.config import async_database_url, postgres_connect_args
from briefing_bot.errors import StoreError
from briefing_bot.store import schema
from briefing_bot.store.articles import Articles, ItemVersions, NewArticle, StoredBatch
from briefing_bot.store.leases import Leases
from briefing_bot.store.quotas import Quotas
from briefing_bot.store.receipts import Receipt, Receipts, Received, StoryVersion
from briefing_bot.store.regroup import Regroup
from briefing_bot.store.runs import REFRESH_RUN, JobRun, Runs
from briefing_bot.store.subscribers import QueuedBriefing, Subscribers
from briefing_bot.store.summaries import Summaries
from briefing_bot.store.vectors import StoredVectors

log = logging.getLogger(__name__)

__all__ = ["REFRESH_RUN", "ItemVersions", "JobRun", "NewArticle", "QueuedBriefing", "Receipt",
           "Received", "Store", "StoredBatch", "StoryVersion", "describe_removed",
           "head_revision", "schema_state", "shown_url"]


# Any fixed number: the key of the PostgreSQL advisory lock that serializes migrations, so that
# replicas starting together do not race to create the same tables.
_MIGRATION_LOCK = 0x62726965


def _migrations_folder() -> str:
    return str(resources.files("briefing_bot") / "migrations")


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option(
        "script_location", _migrations_folder())
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str = "head") -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": _MIGRATION_LOCK})
    current = _revision(connection)
    script = ScriptDirectory(_migrations_folder())
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        # Alembic would only say it "can't locate" the revision.
        raise StoreError(f"the database is at schema revision {current}, newer than this "
                         f"version of briefing-bot knows ({script.get_current_head()}); "
                         "run the newer version, or restore a backup made for this one")
    command.upgrade(_alembic_config(connection), revision)


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def shown_url(url: str) -> str:
    """A database URL fit to print: never its password, nor one given in its query
    (`?password=`, `?sslpassword=`: review)."""
    try:
        shown = sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        shown = url
    return _QUERY_PASSWORD.sub(r"\1***", shown)


_QUERY_PASSWORD = re.compile(r"([?&][^=&]*password=)[^&]*", re.IGNORECASE)


def head_revision() -> str:
    """The schema revision this version of briefing-bot writes."""
    script = ScriptDirectory(_migrations_folder())
    head = script.get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


@functools.cache
def _known_revisions() -> tuple[str, ...]:
    """This version's schema revisions, newest first (read once: a running instance asks at
    every lease renewal, and walking the scripts costs milliseconds)."""
    script = ScriptDirectory(_migrations_folder())
    return tuple(rev.revision for rev in script.walk_revisions())


def schema_state(revision: str | None) -> str:
    """A database's schema revision against this version's: "current", "behind" (an earlier
    one: `db upgrade` or a start of `run` upgrades it), "ahead" (a newer version wrote it) or
    "empty" (none yet)."""
    if revision is None:
        return "empty"
    known = _known_revisions()
    if revision not in known:
        return "ahead"
    return "current" if revision == known[0] else "behind"


FORGOTTEN_KEPT = timedelta(days=365)


def describe_removed(removed: Mapping[str, int]) -> str:
    """'3 articles, 2 stories' for `Store.prune`'s counts (rows of each kind deleted)."""
    def one(kind: str) -> str:
        return kind[:-3] + "y" if kind.endswith("ies") else kind.removesuffix("s")

    parts = [f"{count:,} {(kind if count != 1 else one(kind)).replace('_', ' ')}"
             for kind, count in removed.items() if count]
    return ", ".join(parts) or "nothing"


class Store(Articles, Regroup, Subscribers, Summaries, Quotas, Leases, Runs, Receipts,
            StoredVectors):
    """All reads and writes of the project's data, one method per question or change."""

    @classmethod
    async def open(cls, database_url: str, *, revision: str | None = "head",
                   create: bool = True) -> Store:
        """Connect, creating the database file if needed, and apply pending migrations.

        `revision=None` leaves the schema as it is (for `db upgrade` to report, and `db copy`'s
        target); tests name an old revision to build a database of an earlier release.
        `create=False` refuses a SQLite file that does not exist (commands that only read:
        operator QA saw `status` report on an empty database a mistyped path had created).
        """
        try:
            url = sa.make_url(async_database_url(database_url))
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"cannot read the database URL {shown_url(database_url)}: "
                             f"{exc}") from exc
        shown = shown_url(database_url)  # as the operator wrote it, not the driver's form
        file = (Path(url.database).expanduser()  # noqa: ASYNC240 - once, at start-up
                if url.get_backend_name() == "sqlite"
                and url.database not in (None, "", ":memory:") else None)
        if file is not None and str(file) != url.database:
            # "~" expanded for the driver too, not only for the checks here (review R8:
            # sqlite:///~/b.db passed them and then failed to open).
            url = url.set(database=str(file))
        if not create and file is not None and not file.exists():
            raise StoreError(
                f"there is no database at {file.absolute()}: check "
                "BRIEFING_DATABASE_URL or BRIEFING_DATA_DIR (sqlite:///a/b.db is the path a/b.db "
                "from the current folder; sqlite:////var/lib/b.db is absolute); `briefing-bot "
                "fetch`, `run` or `sources add` creates it")
        try:
            if file is not None:
                # Once, at start-up, before the loop does anything else: blocking is harmless.
                file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the database {shown}: "
                             f"{exc.strerror or exc}") from exc
        engine = create_async_engine(
            url, connect_args=(postgres_connect_args(database_url)
                               if url.get_backend_name() == "postgresql" else {}))
        if url.get_backend_name() == "sqlite":
            sa.event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            await store._refuse_foreign(file)
            if revision is not None:
                before = await store.revision()
                if revision == "head":
                    await store.check_upgrade(before, now=datetime.now(UTC))
                await store.upgrade(revision)
                after = await store.revision()
                if before is not None and before != after:
                    # One-way: an operator must learn it from the log (found by operator QA:
                    # a restart after an upgrade migrated without a line).
                    log.warning("upgraded the database schema from %s to %s; older versions "
                                "of briefing-bot cannot open it any more (docs/deploy.md, "
                                "Upgrading)", before, after)
            else:
                await store.revision()  # connects: a wrong URL or password fails here
        except (StoreError, TypeError, ValueError) as exc:
            await engine.dispose()
            error = type(exc) if isinstance(exc, StoreError) else StoreError
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise error(f"cannot open the database {shown}: {reason}") from exc
        except BaseException:
            await engine.dispose()
            raise
        return store

    async def close(self) -> None:
        await self._engine.dispose()

    async def _refuse_foreign(self, file: Path | None) -> None:
        """StoreError for a SQLite file of another program: tables, none of them ours. Its
        schema was written into it (operator QA, stop 59 F2: `sources list` on a mistyped
        URL said "No sources yet" and added 16 tables to the other program's file). A
        PostgreSQL database may be shared with other programs on purpose (`file` None)."""
        if file is None:
            return
        async with self._connect() as conn:
            tables = await conn.run_sync(lambda sync: sa.inspect(sync).get_table_names())
        if tables and "alembic_version" not in tables:
            shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
            raise StoreError(f"{file} is another program's database (it holds {shown} and "
                             "none of briefing-bot's tables): check BRIEFING_DATABASE_URL")

    # -- schema ----------------------------------------------------------------------------

    async def revision(self) -> str | None:
        """The schema revision the database is at (None: empty, never migrated)."""
        async with self._connect() as conn:
            return await conn.run_sync(_revision)

    async def check_upgrade(self, before: str | None, *, now: datetime) -> None:
        """Refuse to upgrade an older schema (`before`) under a running bot (operator QA N2:
        a cron `fetch` of the newer version upgraded it under the older running service,
        which went on writing without the new columns' meaning, `status` healthy, and refused
        to start at its next restart). Only the active instance holds the lease: a standby
        is not seen, hence "stop every instance" in deploy.md."""
        if before is None or schema_state(before) != "behind":
            return
        running = await self.running_bot(now)
        if running is not None:
            holder, until = running
            raise StoreError(
                f"a bot is running on it ({holder}; its lease runs out at {until:%H:%M:%S} UTC "
                f"unless renewed) at schema revision {before}, older than this version's "
                f"{head_revision()}: stop that bot first; a start on this version then upgrades "
                "the schema (or `briefing-bot db upgrade` does)")

    async def upgrade(self, revision: str = "head") -> None:
        async with self._begin() as conn:
            await conn.run_sync(_upgrade, revision)

    async def is_empty(self) -> bool:
        """No row in any table (the schema may exist)."""
        async with self._connect() as conn:
            for table in schema.metadata.sorted_tables:
                if (await conn.execute(sa.select(sa.literal(1)).select_from(table)
                                       .limit(1))).first() is not None:
                    return False
        return True

    async def copy_to(self, target: Store, *, batch: int = 2000,
                      progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
        """Copy every row into an empty database at the same schema revision, in one transaction.

        Tables go parents first, so foreign keys hold at every step; on PostgreSQL the id
        sequences are moved past the copied ids so new rows do not collide.
        """
        copied: dict[str, int] = {}
        async with self._connect() as source, target._begin() as dest:
            for table in schema.metadata.sorted_tables:
                count = 0
                order = list(table.primary_key.columns)
                rows = await source.stream(sa.select(table).order_by(*order))
                async for chunk in rows.partitions(batch):
                    await dest.execute(table.insert(), [row._asdict() for row in chunk])
                    count += len(chunk)
                    if progress is not None:
                        progress(table.name, count)
                copied[table.name] = count
                serial = table.autoincrement_column
                if dest.dialect.name == "postgresql" and count and serial is not None:
                    await dest.execute(sa.select(sa.func.setval(
                        sa.func.pg_get_serial_sequence(table.name, serial.name),
                        sa.select(sa.func.max(serial)).scalar_subquery())))
        return copied

    async def prune(self, before: datetime) -> dict[str, int]:
        """Retention: forget articles fetched, deliveries finished, calls logged, quota uses
        and vectors made before a moment, and stories and summaries nothing refers to any more.

        The delivery totals stay: they are a few rows a day, and /stats reads them.
        """
        articles, stories, outbox = schema.articles, schema.stories, schema.outbox
        summaries, llm_calls, quota_uses = schema.summaries, schema.llm_calls, schema.quota_uses
        removed: dict[str, int] = {}
        forgotten = schema.forgotten_items
        async with self._begin() as conn:
            # The undated items of the articles deleted now are remembered for a year after a
            # fetch last found them listed (`seen_at`; a feed that answers "not modified" is
            # not read, so a shorter memory would forget what a quiet feed still lists).
            result = await conn.execute(forgotten.delete().where(
                forgotten.c.seen_at < before - FORGOTTEN_KEPT))
            removed["forgotten_items"] = result.rowcount
            old = sa.select(articles.c.source_id, articles.c.guid, articles.c.canonical_url,
                            articles.c.content_hash, sa.literal(before, schema.UTCDateTime)
                            ).where(articles.c.fetched_at < before,
                                    articles.c.published_at.is_(None))
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            # Another prune at the same moment (a cron `db prune` beside `run`) may have
            # remembered them first (found by review).
            await conn.execute(dialect.insert(forgotten).from_select(
                ["source_id", "guid", "canonical_url", "content_hash", "seen_at"], old
            ).on_conflict_do_nothing(index_elements=["source_id", "guid"]))
            result = await conn.execute(articles.delete().where(articles.c.fetched_at < before))
            removed["articles"] = result.rowcount
            orphan = ~sa.exists().where(articles.c.story_id == stories.c.id)
            result = await conn.execute(stories.delete().where(orphan))
            removed["stories"] = result.rowcount
            result = await conn.execute(outbox.delete().where(
                outbox.c.status != "pending", outbox.c.created_at < before))
            removed["deliveries"] = result.rowcount
            result = await conn.execute(summaries.delete().where(summaries.c.created_at < before))
            removed["summaries"] = result.rowcount
            result = await conn.execute(llm_calls.delete().where(llm_calls.c.at < before))
            removed["llm_calls"] = result.rowcount
            result = await conn.execute(quota_uses.delete().where(quota_uses.c.at < before))
            removed["quota_uses"] = result.rowcount
            vectors = schema.embeddings
            result = await conn.execute(vectors.delete().where(vectors.c.created_at < before))
            removed["vectors"] = result.rowcount
            chat_stories, versions = schema.chat_stories, schema.story_versions
            result = await conn.execute(chat_stories.delete().where(
                chat_stories.c.received_at < before))
            removed["receipts"] = result.rowcount
            # NOT IN over one subquery (hashed once) rather than a correlated NOT EXISTS: the
            # version column has no index, and a million receipts must not be scanned per row.
            await conn.execute(versions.delete().where(
                versions.c.created_at < before,
                versions.c.digest.not_in(sa.select(chat_stories.c.version).where(
                    chat_stories.c.version.is_not(None)))))
        return removed


# Each pooled connection keeps a page cache of its own (SQLite's default: 2 MB) in the
# process's heap for as long as the pool keeps it: SQLite held 8-11 MB at the peak of
# `bench/memory.py`'s updates tick (page caches and prepared statements of the pool's
# connections). The operating system's file cache holds the same pages anyway. With 512 KiB
# each, that peak went from 348 to 342 MB (20,000 readers, 50,000 articles).
SQLITE_CACHE_KIB = 512


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the bot answering a command) run while a fetch writes; the busy timeout
    # makes a second process wait for the lock instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()

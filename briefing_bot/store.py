"""The database: every SQL statement of the project lives here (SQLAlchemy Core, async)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from briefing_bot.config import async_database_url
from briefing_bot.errors import StoreError
from briefing_bot.models import (
    Article,
    Delivery,
    Entry,
    InputKind,
    LLMCall,
    Source,
    SourceKind,
    Story,
    Subscriber,
    Summary,
)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (SQLite keeps naive text)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_meta = sa.MetaData()

sources = sa.Table(
    "sources", _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("location", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("next_check_at", UTCDateTime),
    sa.Column("consecutive_errors", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("last_success_at", UTCDateTime),
    sa.Column("last_checked_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

stories = sa.Table(
    "stories", _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("first_seen_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

articles = sa.Table(
    "articles", _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id")),
    sa.Column("guid", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("canonical_url", sa.Text),
    sa.Column("content_hash", sa.String(64)),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("input_kind", sa.String(16), nullable=False),
    sa.Column("published_at", UTCDateTime),
    sa.Column("fetched_at", UTCDateTime, nullable=False),
)

summaries = sa.Table(
    "summaries", _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("cache_key", sa.String(64), nullable=False, unique=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("engine", sa.String(16), nullable=False),
    sa.Column("model", sa.Text),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("basis", sa.String(16), nullable=False),
    sa.Column("fallback", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

llm_calls = sa.Table(
    "llm_calls", _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("task", sa.String(32), nullable=False),
    sa.Column("model", sa.Text, nullable=False),
    sa.Column("prompt_tokens", sa.Integer, nullable=False),
    sa.Column("completion_tokens", sa.Integer, nullable=False),
    sa.Column("duration_ms", sa.Integer, nullable=False),
    sa.Column("cost_usd", sa.Float, nullable=False),
    sa.Column("error", sa.Text),
    sa.Column("rejected", sa.Text),  # answer check (guard.py): "reason: detail"; migration 0006
)

subscribers = sa.Table(
    "subscribers", _meta,
    sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("chat_type", sa.String(16), nullable=False),
    sa.Column("topics", sa.Text, nullable=False, server_default=""),
    sa.Column("brief_time", sa.String(5), nullable=False, server_default="07:30"),
    sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
    sa.Column("language", sa.String(16), nullable=False, server_default="en"),
    sa.Column("paused", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("next_briefing_at", UTCDateTime),
    sa.Column("last_briefing_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

outbox = sa.Table(
    "outbox", _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("cycle", sa.String(64), nullable=False),
    sa.Column("part", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("not_before", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("error", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

leases = sa.Table(
    "leases", _meta,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(200), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("acquired_at", UTCDateTime, nullable=False),
)



def metadata_tables() -> list[sa.Table]:
    """Every table, parents before children."""
    return list(_meta.sorted_tables)


# Keep IN lists well under every driver's parameter limit.
_CHUNK = 400


@dataclasses.dataclass(frozen=True, slots=True)
class NewArticle:
    """An entry ready to store, with the story it joins.

    `story` is a stored story's id, or a negative number naming a story that this same
    batch creates (all articles with the same negative number join that one new story).
    """

    entry: Entry
    canonical_url: str | None
    content_hash: str | None
    story: int


@dataclasses.dataclass(frozen=True, slots=True)
class StoredBatch:
    """What `add_articles` wrote: the articles, and the ids given to new stories."""

    articles: tuple[Article, ...]
    new_story_ids: dict[int, int]


@dataclasses.dataclass(frozen=True, slots=True)
class QueuedBriefing:
    """One chat's briefing for the outbox, and where its schedule moves to.

    `last_briefing_at` None leaves the chat's last briefing as it was (a skipped slot).
    """

    chat_id: int
    cycle: str
    parts: tuple[str, ...]
    next_briefing_at: datetime | None
    last_briefing_at: datetime | None


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _source(row: sa.Row[Any]) -> Source:
    return Source(
        id=row.id, location=row.location, kind=SourceKind(row.kind), title=row.title,
        etag=row.etag, last_modified=row.last_modified, next_check_at=row.next_check_at,
        consecutive_errors=row.consecutive_errors, last_error=row.last_error,
        last_success_at=row.last_success_at, last_checked_at=row.last_checked_at,
    )


def _article(row: sa.Row[Any]) -> Article:
    return Article(
        id=row.id, source_id=row.source_id, source_name=row.source_title or row.source_location,
        # Link to the canonical URL: the same page, without the publisher's click tracking.
        story_id=row.story_id, guid=row.guid, url=row.canonical_url or row.url, title=row.title,
        text=row.text,
        kind=InputKind(row.input_kind), published_at=row.published_at, fetched_at=row.fetched_at,
    )


_article_columns = (
    articles,
    sources.c.title.label("source_title"),
    sources.c.location.label("source_location"),
)


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
    command.upgrade(_alembic_config(connection), revision)


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The schema revision this version of briefing-bot writes."""
    script = ScriptDirectory(_migrations_folder())
    head = script.get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


class Store:
    """All reads and writes of sources, articles and stories."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @classmethod
    async def open(cls, database_url: str, *, revision: str | None = "head") -> Store:
        """Connect, creating the database file if needed, and apply pending migrations.

        `revision=None` leaves the schema as it is (for `db upgrade` to report, and `db copy`'s
        target); tests name an old revision to build a database of an earlier release.
        """
        url = sa.make_url(async_database_url(database_url))
        shown = url.render_as_string(hide_password=True)
        try:
            if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
                # Once, at start-up, before the loop does anything else: blocking is harmless.
                Path(url.database).expanduser().parent.mkdir(  # noqa: ASYNC240
                    parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the database {shown}: "
                             f"{exc.strerror or exc}") from exc
        engine = create_async_engine(url)
        if url.get_backend_name() == "sqlite":
            sa.event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            if revision is not None:
                await store.upgrade(revision)
            else:
                await store.revision()  # connects: a wrong URL or password fails here
        except (sa.exc.SQLAlchemyError, OSError, TypeError, ValueError) as exc:
            await engine.dispose()
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"cannot open the database {shown}: {reason}") from exc
        except BaseException:
            await engine.dispose()
            raise
        return store

    async def close(self) -> None:
        await self._engine.dispose()

    # -- schema ----------------------------------------------------------------------------

    async def revision(self) -> str | None:
        """The schema revision the database is at (None: empty, never migrated)."""
        async with self._engine.connect() as conn:
            return await conn.run_sync(_revision)

    async def upgrade(self, revision: str = "head") -> None:
        async with self._engine.begin() as conn:
            await conn.run_sync(_upgrade, revision)

    async def is_empty(self) -> bool:
        """No row in any table (the schema may exist)."""
        async with self._engine.connect() as conn:
            for table in _meta.sorted_tables:
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
        async with self._engine.connect() as source, target._engine.begin() as dest:
            for table in _meta.sorted_tables:
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

    # -- leases ----------------------------------------------------------------------------

    async def claim_lease(self, name: str, holder: str, *, now: datetime,
                          until: datetime) -> bool:
        """Take or renew a lease; false while another holder's lease has not expired.

        One conditional UPDATE decides: PostgreSQL re-checks its WHERE on the row it locked and
        SQLite runs one writer at a time, so two instances can never both succeed.
        """
        async with self._engine.begin() as conn:
            result = await conn.execute(
                leases.update()
                .where(leases.c.name == name,
                       sa.or_(leases.c.holder == holder, leases.c.expires_at < now))
                .values(holder=holder, expires_at=until,
                        acquired_at=sa.case((leases.c.holder == holder, leases.c.acquired_at),
                                            else_=now)))
            if result.rowcount:
                return True
            exists = (await conn.execute(
                sa.select(leases.c.name).where(leases.c.name == name))).first()
            if exists is not None:
                return False
        try:
            async with self._engine.begin() as conn:
                await conn.execute(leases.insert().values(
                    name=name, holder=holder, expires_at=until, acquired_at=now))
        except sa.exc.IntegrityError:
            return False  # another instance inserted it first
        return True

    async def release_lease(self, name: str, holder: str) -> None:
        """Give a lease up at once (a clean shutdown), so another instance need not wait."""
        async with self._engine.begin() as conn:
            await conn.execute(leases.delete().where(leases.c.name == name,
                                                     leases.c.holder == holder))

    async def lease_holder(self, name: str, *, now: datetime) -> str | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(sa.select(leases.c.holder).where(
                leases.c.name == name, leases.c.expires_at >= now))).first()
            return None if row is None else str(row.holder)

    # -- sources ---------------------------------------------------------------------------

    async def add_source(
        self, location: str, kind: SourceKind, *, now: datetime, title: str | None = None
    ) -> tuple[Source, bool]:
        """Add a source, or return the existing one with that location; says if it is new."""
        async with self._engine.begin() as conn:
            row = (await conn.execute(
                sa.select(sources).where(sources.c.location == location))).first()
            if row is not None:
                return _source(row), False
            await conn.execute(sources.insert().values(
                location=location, kind=kind.value, title=title, created_at=now,
                next_check_at=now, consecutive_errors=0))
            row = (await conn.execute(
                sa.select(sources).where(sources.c.location == location))).one()
            return _source(row), True

    async def get_source(self, location: str) -> Source | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(
                sa.select(sources).where(sources.c.location == location))).first()
        return None if row is None else _source(row)

    async def list_sources(self) -> list[Source]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(sa.select(sources).order_by(sources.c.id))
            return [_source(row) for row in rows]

    async def due_sources(self, now: datetime) -> list[Source]:
        """Sources whose next check has come (never-checked sources are due at once)."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(sources)
                .where(sa.or_(sources.c.next_check_at.is_(None), sources.c.next_check_at <= now))
                .order_by(sources.c.next_check_at, sources.c.id))
            return [_source(row) for row in rows]

    async def remove_source(self, source_id: int) -> None:
        """Forget a source, its articles, and stories left with no article."""
        async with self._engine.begin() as conn:
            await conn.execute(articles.delete().where(articles.c.source_id == source_id))
            await conn.execute(sources.delete().where(sources.c.id == source_id))
            orphan = ~sa.exists().where(articles.c.story_id == stories.c.id)
            await conn.execute(stories.delete().where(orphan))

    async def record_success(
        self, source_id: int, *, now: datetime, next_check_at: datetime, title: str | None,
        etag: str | None, last_modified: str | None,
    ) -> None:
        values: dict[str, Any] = {
            "last_checked_at": now, "last_success_at": now, "next_check_at": next_check_at,
            "consecutive_errors": 0, "last_error": None, "etag": etag,
            "last_modified": last_modified,
        }
        if title:
            values["title"] = title
        async with self._engine.begin() as conn:
            await conn.execute(sources.update().where(sources.c.id == source_id).values(values))

    async def record_failure(
        self, source_id: int, *, now: datetime, next_check_at: datetime, error: str
    ) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                sources.update().where(sources.c.id == source_id).values(
                    last_checked_at=now, next_check_at=next_check_at, last_error=error,
                    consecutive_errors=sources.c.consecutive_errors + 1))

    # -- articles and stories ---------------------------------------------------------------

    async def known_keys(
        self, source_id: int, *, guids: Sequence[str], canonical_urls: Sequence[str],
        content_hashes: Sequence[str],
    ) -> tuple[set[str], set[str], set[str]]:
        """Which of these guids (of this source), canonical URLs and hashes are stored."""
        found: tuple[set[str], set[str], set[str]] = (set(), set(), set())
        async with self._engine.connect() as conn:
            for chunk in _chunks(guids):
                rows = await conn.execute(sa.select(articles.c.guid).where(
                    articles.c.source_id == source_id, articles.c.guid.in_(chunk)))
                found[0].update(row.guid for row in rows)
            for chunk in _chunks(canonical_urls):
                rows = await conn.execute(sa.select(articles.c.canonical_url).where(
                    articles.c.canonical_url.in_(chunk)))
                found[1].update(row.canonical_url for row in rows)
            for chunk in _chunks(content_hashes):
                rows = await conn.execute(sa.select(articles.c.content_hash).where(
                    articles.c.content_hash.in_(chunk)))
                found[2].update(row.content_hash for row in rows)
        return found

    async def add_articles(
        self, source_id: int, items: Sequence[NewArticle], *, now: datetime
    ) -> StoredBatch:
        """Store a batch of new articles and their new stories in one transaction."""
        new_story_ids: dict[int, int] = {}
        ids: list[int] = []
        async with self._engine.begin() as conn:
            for item in items:
                entry = item.entry
                story_id = item.story
                if story_id < 0:
                    if story_id not in new_story_ids:
                        result = await conn.execute(stories.insert().values(
                            title=entry.title, first_seen_at=now, updated_at=now))
                        new_story_ids[story_id] = _inserted_id(result)
                    story_id = new_story_ids[story_id]
                else:
                    await conn.execute(stories.update().where(stories.c.id == story_id)
                                       .values(updated_at=now))
                result = await conn.execute(articles.insert().values(
                    source_id=source_id, story_id=story_id, guid=entry.guid, url=entry.url,
                    canonical_url=item.canonical_url, content_hash=item.content_hash,
                    title=entry.title, text=entry.text, input_kind=entry.kind.value,
                    published_at=entry.published_at, fetched_at=now))
                ids.append(_inserted_id(result))
            stored = await self._articles_by_id(conn, ids)
        return StoredBatch(articles=tuple(stored), new_story_ids=new_story_ids)

    async def _articles_by_id(self, conn: Any, ids: Sequence[int]) -> list[Article]:
        found: dict[int, Article] = {}
        for chunk in _chunks(ids):
            rows = await conn.execute(
                sa.select(*_article_columns)
                .join(sources, sources.c.id == articles.c.source_id)
                .where(articles.c.id.in_(chunk)))
            found.update((row.id, _article(row)) for row in rows)
        return [found[i] for i in ids]

    async def articles_since(self, since: datetime) -> list[Article]:
        """Articles fetched since a moment, oldest first (to rebuild the story index)."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(*_article_columns)
                .join(sources, sources.c.id == articles.c.source_id)
                .where(articles.c.fetched_at >= since)
                .order_by(articles.c.fetched_at, articles.c.id))
            return [_article(row) for row in rows]

    async def stories_since(self, since: datetime, *, limit: int | None = None) -> list[Story]:
        """Stories whose newest article appeared since a moment, newest first.

        An article's moment is its published time, or when we fetched it if it has none; an
        old article fetched today does not make its story new.
        """
        async with self._engine.connect() as conn:
            query = (sa.select(stories).where(stories.c.updated_at >= since)
                     .order_by(stories.c.updated_at.desc(), stories.c.id.desc()))
            story_rows = list(await conn.execute(query))
            by_story: dict[int, list[Article]] = {row.id: [] for row in story_rows}
            for chunk in _chunks(list(by_story)):
                rows = await conn.execute(
                    sa.select(*_article_columns)
                    .join(sources, sources.c.id == articles.c.source_id)
                    .where(articles.c.story_id.in_(chunk))
                    .order_by(articles.c.published_at, articles.c.id))
                for row in rows:
                    by_story[row.story_id].append(_article(row))
        found = [
            Story(id=row.id, title=row.title, first_seen_at=row.first_seen_at,
                  updated_at=row.updated_at, articles=tuple(by_story[row.id]))
            for row in story_rows
        ]
        found = [story for story in found if story.latest >= since]
        found.sort(key=lambda story: (story.latest, story.id), reverse=True)
        return found if limit is None else found[:limit]

    # -- summaries and the LLM call log -------------------------------------------------------

    async def cached_summary(self, cache_key: str) -> Summary | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(
                sa.select(summaries).where(summaries.c.cache_key == cache_key))).first()
        if row is None:
            return None
        return Summary(text=row.text, engine=row.engine, model=row.model, language=row.language,
                       basis=InputKind(row.basis), fallback=row.fallback)

    async def save_summary(self, cache_key: str, summary: Summary, *, now: datetime) -> None:
        """Keep a summary for reuse; a fallback is never cached, so the LLM is tried again."""
        async with self._engine.begin() as conn:
            exists = (await conn.execute(sa.select(summaries.c.id).where(
                summaries.c.cache_key == cache_key))).first()
            values = {"text": summary.text, "engine": summary.engine, "model": summary.model,
                      "language": summary.language, "basis": summary.basis.value,
                      "fallback": summary.fallback, "created_at": now}
            if exists is None:
                await conn.execute(summaries.insert().values(cache_key=cache_key, **values))
            else:
                await conn.execute(summaries.update().where(
                    summaries.c.cache_key == cache_key).values(**values))

    async def record_llm_call(self, call: LLMCall) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(llm_calls.insert().values(
                at=call.at, task=call.task, model=call.model, prompt_tokens=call.prompt_tokens,
                completion_tokens=call.completion_tokens, duration_ms=call.duration_ms,
                cost_usd=call.cost_usd, error=call.error, rejected=call.rejected))

    async def tokens_used_since(self, since: datetime) -> int:
        """Prompt plus completion tokens of the LLM calls since a moment."""
        async with self._engine.connect() as conn:
            total = (await conn.execute(
                sa.select(sa.func.coalesce(sa.func.sum(
                    llm_calls.c.prompt_tokens + llm_calls.c.completion_tokens), 0))
                .where(llm_calls.c.at >= since))).scalar_one()
        return int(total)

    async def llm_calls_since(self, since: datetime) -> list[LLMCall]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(sa.select(llm_calls).where(llm_calls.c.at >= since)
                                      .order_by(llm_calls.c.id))
            return [LLMCall(at=row.at, task=row.task, model=row.model,
                            prompt_tokens=row.prompt_tokens,
                            completion_tokens=row.completion_tokens,
                            duration_ms=row.duration_ms, cost_usd=row.cost_usd, error=row.error,
                            rejected=row.rejected)
                    for row in rows]

    # -- the LLM answer check (issue 14; one block, to port as a whole) -------------------------

    async def rejections_since(self, since: datetime) -> dict[str, int]:
        """How many LLM answers the answer check refused since a moment, by reason
        ('unsupported', 'echo', ...: the part of the recorded reason before its colon)."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(llm_calls.c.rejected, sa.func.count())
                .where(llm_calls.c.at >= since, llm_calls.c.rejected.is_not(None))
                .group_by(llm_calls.c.rejected))
            counts: dict[str, int] = {}
            for rejected, number in rows:
                reason = str(rejected).split(":", 1)[0].strip()
                counts[reason] = counts.get(reason, 0) + int(number)
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    # -- end of the LLM answer check block ------------------------------------------------------

    # -- subscribers and the outbox ------------------------------------------------------------

    async def upsert_subscriber(self, chat_id: int, *, chat_type: str, now: datetime,
                                **changes: object) -> Subscriber:
        """Create a chat's subscription (reactivating an old one) or change its preferences."""
        async with self._engine.begin() as conn:
            row = (await conn.execute(sa.select(subscribers).where(
                subscribers.c.chat_id == chat_id))).first()
            if row is None:
                await conn.execute(subscribers.insert().values(
                    chat_id=chat_id, chat_type=chat_type, created_at=now, **changes))
            elif changes:
                await conn.execute(subscribers.update().where(
                    subscribers.c.chat_id == chat_id).values(**changes))
            row = (await conn.execute(sa.select(subscribers).where(
                subscribers.c.chat_id == chat_id))).one()
        return _subscriber(row)

    async def get_subscriber(self, chat_id: int) -> Subscriber | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(sa.select(subscribers).where(
                subscribers.c.chat_id == chat_id))).first()
        return None if row is None else _subscriber(row)

    async def delete_subscriber(self, chat_id: int) -> bool:
        """Forget a chat and everything queued for it (/stop); says whether it existed."""
        async with self._engine.begin() as conn:
            await conn.execute(outbox.delete().where(outbox.c.chat_id == chat_id))
            result = await conn.execute(subscribers.delete().where(
                subscribers.c.chat_id == chat_id))
        return bool(result.rowcount)

    async def due_subscribers(self, now: datetime, *, limit: int = 500) -> list[Subscriber]:
        """Active, unpaused chats whose briefing time has come, the longest waiting first."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(subscribers)
                .where(subscribers.c.active.is_(True), subscribers.c.paused.is_(False),
                       subscribers.c.next_briefing_at <= now)
                .order_by(subscribers.c.next_briefing_at, subscribers.c.chat_id).limit(limit))
            return [_subscriber(row) for row in rows]

    async def enqueue_briefing(
        self, chat_id: int, *, cycle: str, parts: Sequence[str], now: datetime,
        next_briefing_at: datetime | None, last_briefing_at: datetime | None,
    ) -> bool:
        """Queue a briefing's messages and move the chat's schedule on, in one transaction.

        Returns False (and queues nothing) when this cycle was already queued for the chat,
        so a crash and a retry can never queue a briefing twice; the chat's schedule then only
        moves forward, never back.
        """
        queued = await self.enqueue_briefings([QueuedBriefing(
            chat_id=chat_id, cycle=cycle, parts=tuple(parts), next_briefing_at=next_briefing_at,
            last_briefing_at=last_briefing_at)], now=now)
        return bool(queued)

    async def enqueue_briefings(self, briefings: Sequence[QueuedBriefing], *,
                                now: datetime) -> set[int]:
        """Queue many chats' briefings and move their schedules on, in one transaction.

        The same rule as `enqueue_briefing`, per chat: a (chat, cycle) already queued is not
        queued again. Returns the chats queued now. One transaction for a batch
        of readers instead of one each: a cycle for 100,000 readers no longer waits for
        100,000 commits.
        """
        if not briefings:
            return set()
        wanted: dict[tuple[int, str], QueuedBriefing] = {}
        for briefing in briefings:
            wanted.setdefault((briefing.chat_id, briefing.cycle), briefing)
        done: list[QueuedBriefing] = []
        async with self._engine.begin() as conn:
            chats = sorted({chat for chat, _ in wanted})
            for chunk in _chunks(chats):
                members = set(chunk)
                cycles = sorted({cycle for chat, cycle in wanted if chat in members})
                rows = await conn.execute(
                    sa.select(outbox.c.chat_id, outbox.c.cycle).distinct()
                    .where(outbox.c.chat_id.in_(chunk), outbox.c.cycle.in_(cycles)))
                for row in rows:
                    stale = wanted.pop((row.chat_id, row.cycle), None)
                    if stale is not None:
                        done.append(stale)
            if done:
                # Already queued, yet due again (a restored backup, a clock set back): move the
                # schedule forward only, or the chat would stay due and never be briefed again.
                await conn.execute(
                    subscribers.update()
                    .where(subscribers.c.chat_id == sa.bindparam("b_chat"),
                           subscribers.c.next_briefing_at
                           < sa.bindparam("b_next", type_=UTCDateTime()))
                    .values(next_briefing_at=sa.bindparam("b_next", type_=UTCDateTime())),
                    [{"b_chat": b.chat_id, "b_next": b.next_briefing_at} for b in done
                     if b.next_briefing_at is not None])
            if not wanted:
                return set()
            messages = [
                {"chat_id": b.chat_id, "cycle": b.cycle, "part": number, "text": text,
                 "status": "pending", "attempts": 0, "not_before": now, "created_at": now}
                for b in wanted.values() for number, text in enumerate(b.parts, start=1)]
            for chunk in _chunks(messages):
                await conn.execute(outbox.insert(), list(chunk))
            schedule = (
                subscribers.update()
                .where(subscribers.c.chat_id == sa.bindparam("b_chat"))
                .values(next_briefing_at=sa.bindparam("b_next", type_=UTCDateTime()),
                        last_briefing_at=sa.func.coalesce(
                            sa.bindparam("b_last", type_=UTCDateTime()),
                            subscribers.c.last_briefing_at)))
            moves = [{"b_chat": b.chat_id, "b_next": b.next_briefing_at,
                      "b_last": b.last_briefing_at} for b in wanted.values()]
            for chunk in _chunks(moves):
                await conn.execute(schedule, list(chunk))
        return {chat for chat, _ in wanted}

    async def pending_deliveries(self, now: datetime, *, limit: int = 100) -> list[Delivery]:
        """Messages ready to send, oldest first, each chat's parts in order."""
        earlier = outbox.alias("earlier")
        # A part waits while an earlier message to the same chat waits (a flood wait, a
        # retry): a briefing's parts must arrive in order.
        blocked = sa.exists().where(
            earlier.c.chat_id == outbox.c.chat_id, earlier.c.status == "pending",
            earlier.c.id < outbox.c.id, earlier.c.not_before > now)
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(outbox).where(outbox.c.status == "pending", outbox.c.not_before <= now,
                                        ~blocked)
                .order_by(outbox.c.id).limit(limit))
            return [Delivery(id=r.id, chat_id=r.chat_id, cycle=r.cycle, part=r.part,
                             text=r.text, status=r.status, attempts=r.attempts) for r in rows]

    async def mark_delivery(self, delivery_id: int, *, status: str, now: datetime,
                            error: str | None = None, retry_at: datetime | None = None,
                            count: bool = True) -> None:
        """Record a send: 'sent', 'failed' (given up), or 'pending' again with a retry time."""
        values: dict[str, Any] = {"status": status, "error": error}
        if count:
            values["attempts"] = outbox.c.attempts + 1
        if status == "sent":
            values["sent_at"] = now
        if retry_at is not None:
            values["not_before"] = retry_at
        async with self._engine.begin() as conn:
            await conn.execute(outbox.update().where(outbox.c.id == delivery_id).values(values))

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: its subscription and queue follow the new id."""
        async with self._engine.begin() as conn:
            taken = (await conn.execute(sa.select(subscribers.c.chat_id).where(
                subscribers.c.chat_id == new_chat_id))).first()
            if taken is None:
                await conn.execute(subscribers.update().where(
                    subscribers.c.chat_id == old_chat_id).values(chat_id=new_chat_id))
            else:  # the supergroup already subscribed itself: keep that, drop the old row
                await conn.execute(subscribers.delete().where(
                    subscribers.c.chat_id == old_chat_id))
            await conn.execute(outbox.update().where(
                outbox.c.chat_id == old_chat_id).values(chat_id=new_chat_id))

    async def deactivate(self, chat_id: int, *, reason: str, now: datetime) -> None:
        """The bot was blocked or removed: stop sending, drop what is queued."""
        async with self._engine.begin() as conn:
            await conn.execute(subscribers.update().where(
                subscribers.c.chat_id == chat_id).values(active=False))
            await conn.execute(outbox.update().where(
                outbox.c.chat_id == chat_id, outbox.c.status == "pending").values(
                    status="dropped", error=reason, sent_at=None))

    async def prune(self, before: datetime) -> dict[str, int]:
        """Retention: forget articles fetched, deliveries finished and calls logged before a
        moment, and stories and summaries nothing refers to any more."""
        removed: dict[str, int] = {}
        async with self._engine.begin() as conn:
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
        return removed

    async def subscriber_count(self) -> int:
        async with self._engine.connect() as conn:
            return int((await conn.execute(sa.select(sa.func.count()).select_from(
                subscribers).where(subscribers.c.active.is_(True)))).scalar_one())

    async def delivery_counts(self, since: datetime) -> dict[str, int]:
        """Outbox messages created since a moment, by status."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(outbox.c.status, sa.func.count()).where(outbox.c.created_at >= since)
                .group_by(outbox.c.status))
            return {status: int(count) for status, count in rows}

    async def counts(self) -> dict[str, int]:
        """Row counts, for status lines and tests."""
        async with self._engine.connect() as conn:
            result = {}
            for name, table in (("sources", sources), ("articles", articles),
                                ("stories", stories)):
                result[name] = (await conn.execute(
                    sa.select(sa.func.count()).select_from(table))).scalar_one()
        return result


def _subscriber(row: sa.Row[Any]) -> Subscriber:
    return Subscriber(
        chat_id=row.chat_id, chat_type=row.chat_type, topics=row.topics,
        brief_time=row.brief_time, timezone=row.timezone, language=row.language,
        paused=row.paused, active=row.active, next_briefing_at=row.next_briefing_at,
        last_briefing_at=row.last_briefing_at)


def _inserted_id(result: Any) -> int:
    key = result.inserted_primary_key
    if key is None or key[0] is None:
        raise RuntimeError("the database returned no id for a new row")
    return int(key[0])


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the bot answering a command) run while a fetch writes; the busy timeout
    # makes a second process wait for the lock instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()

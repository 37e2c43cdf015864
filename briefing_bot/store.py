"""The database: every SQL statement of the project lives here (SQLAlchemy Core, async)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from briefing_bot.config import async_database_url
from briefing_bot.errors import StoreError
from briefing_bot.models import (
    Article,
    Entry,
    InputKind,
    LLMCall,
    Source,
    SourceKind,
    Story,
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
)

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


def _upgrade(connection: Connection, revision: str = "head") -> None:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("briefing_bot") / "migrations"))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


class Store:
    """All reads and writes of sources, articles and stories."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @classmethod
    async def open(cls, database_url: str) -> Store:
        """Connect, creating the database file if needed, and apply pending migrations."""
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
            async with engine.begin() as conn:
                await conn.run_sync(_upgrade)
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
                cost_usd=call.cost_usd, error=call.error))

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
                            duration_ms=row.duration_ms, cost_usd=row.cost_usd, error=row.error)
                    for row in rows]

    async def counts(self) -> dict[str, int]:
        """Row counts, for status lines and tests."""
        async with self._engine.connect() as conn:
            result = {}
            for name, table in (("sources", sources), ("articles", articles),
                                ("stories", stories)):
                result[name] = (await conn.execute(
                    sa.select(sa.func.count()).select_from(table))).scalar_one()
        return result


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

"""Sources, their articles, and the stories that group articles telling the same news."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from briefing_bot.models import Article, Entry, InputKind, Source, SourceKind, Story
from briefing_bot.store.base import Part
from briefing_bot.store.schema import (
    articles,
    chunks,
    forgotten_items,
    inserted_id,
    sources,
    stories,
)
from briefing_bot.urls import address_key

# A source's title (an OPML outline's, a feed's own) is a name for a list: an entity
# expansion made one a megabyte long, printed whole by `sources list` (found by operator QA).
SOURCE_TITLE_CHARS = 200


def _title(title: str | None) -> str | None:
    if title is None or len(title) <= SOURCE_TITLE_CHARS:
        return title
    return title[:SOURCE_TITLE_CHARS - 1].rstrip() + "…"


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
    """What `add_articles` wrote: the articles, and the ids given to new stories (by the
    temporary ids they were given, or the id of a story deleted meanwhile)."""

    articles: tuple[Article, ...]
    new_story_ids: dict[int, int]


@dataclasses.dataclass(frozen=True, slots=True)
class ItemVersions:
    """What is stored of a source's item: its current article, and its earlier versions'
    headlines (an outlet corrected it since)."""

    article_id: int
    story_id: int | None
    title: str
    earlier_titles: tuple[str, ...]



def _source(row: sa.Row[Any]) -> Source:
    return Source(
        id=row.id, location=row.location, kind=SourceKind(row.kind), title=row.title,
        etag=row.etag, last_modified=row.last_modified, next_check_at=row.next_check_at,
        consecutive_errors=row.consecutive_errors, last_error=row.last_error,
        last_success_at=row.last_success_at, last_checked_at=row.last_checked_at,
        language=row.language,
    )


def _article(row: sa.Row[Any]) -> Article:
    return Article(
        id=row.id, source_id=row.source_id, source_name=row.source_title or row.source_location,
        # Link to the canonical URL: the same page, without the publisher's click tracking.
        story_id=row.story_id, guid=row.guid, url=row.canonical_url or row.url, title=row.title,
        text=row.text,
        kind=InputKind(row.input_kind), published_at=row.published_at, fetched_at=row.fetched_at,
        revised_by=row.revised_by, titled=row.titled,
        posts=tuple(json.loads(row.posts)) if row.posts else (),
        # One string per language, not one per row: a read holds tens of thousands of them.
        source_language=sys.intern(row.source_language) if row.source_language else None,
    )


def _posts(entry: Entry) -> str | None:
    """A live blog's posts as stored (JSON), or NULL."""
    return json.dumps(list(entry.posts), ensure_ascii=False) if entry.posts else None


async def _with_articles(conn: Any, query: sa.Select[Any]) -> list[Story]:
    """The stories a query selects, each with its articles (oldest first), in two reads."""
    story_rows = list(await conn.execute(query))
    by_story: dict[int, list[Article]] = {row.id: [] for row in story_rows}
    for chunk in chunks(list(by_story)):
        rows = await conn.execute(
            sa.select(*_article_columns)
            .join(sources, sources.c.id == articles.c.source_id)
            .where(articles.c.story_id.in_(chunk))
            .order_by(articles.c.published_at, articles.c.id))
        for row in rows:
            by_story[row.story_id].append(_article(row))
    return [Story(id=row.id, title=row.title, first_seen_at=row.first_seen_at,
                  updated_at=row.updated_at,
                  articles=tuple(a for a in by_story[row.id] if a.revised_by is None),
                  categories=tuple(row.categories.split(",")) if row.categories else None,
                  first_told_at=row.first_told_at, first_told_title=row.first_told_title,
                  first_told_id=row.first_told_id,
                  revised=tuple(a for a in by_story[row.id] if a.revised_by is not None))
            for row in story_rows]


_article_columns = (
    articles,
    sources.c.title.label("source_title"),
    sources.c.location.label("source_location"),
    sources.c.language.label("source_language"),
)



class Articles(Part):
    """Sources, articles and stories."""

    # -- sources ---------------------------------------------------------------------------

    async def add_source(
        self, location: str, kind: SourceKind, *, now: datetime, title: str | None = None
    ) -> tuple[Source, bool]:
        """Add a source, or return the existing one with that location; says if it is new.
        A web address is the same as another spelled differently ("Example.COM", ":443",
        "#top", "?utm_source=x": operator QA found one feed added four times)."""
        async with self._begin() as conn:
            row = (await conn.execute(
                sa.select(sources).where(sources.c.location == location))).first()
            key = address_key(location)
            if row is None and key is not None:
                # Few sources (hundreds), added rarely: compared here rather than by a column.
                row = next((candidate for candidate in await conn.execute(
                    sa.select(sources).where(sources.c.kind == kind.value))
                    if address_key(candidate.location) == key), None)
            if row is not None:
                return _source(row), False
            await conn.execute(sources.insert().values(
                location=location, kind=kind.value, title=_title(title), created_at=now,
                next_check_at=now, consecutive_errors=0))
            row = (await conn.execute(
                sa.select(sources).where(sources.c.location == location))).one()
            return _source(row), True

    async def list_sources(self) -> list[Source]:
        async with self._connect() as conn:
            rows = await conn.execute(sa.select(sources).order_by(sources.c.id))
            return [_source(row) for row in rows]

    async def has_source(self, source_id: int) -> bool:
        """Whether this source is still there (an operator may remove one while it is read)."""
        async with self._connect() as conn:
            return (await conn.execute(
                sa.select(sources.c.id).where(sources.c.id == source_id))).first() is not None

    async def due_sources(self, now: datetime) -> list[Source]:
        """Sources whose next check has come (never-checked sources are due at once)."""
        async with self._connect() as conn:
            rows = await conn.execute(
                sa.select(sources)
                .where(sa.or_(sources.c.next_check_at.is_(None), sources.c.next_check_at <= now))
                .order_by(sources.c.next_check_at, sources.c.id))
            return [_source(row) for row in rows]

    async def remove_source(self, source_id: int) -> int:
        """Forget a source, its articles, and stories left with no article; how many articles
        went."""
        async with self._begin() as conn:
            result = await conn.execute(articles.delete().where(
                articles.c.source_id == source_id))
            gone = result.rowcount
            await conn.execute(forgotten_items.delete().where(
                forgotten_items.c.source_id == source_id))
            await conn.execute(sources.delete().where(sources.c.id == source_id))
            orphan = ~sa.exists().where(articles.c.story_id == stories.c.id)
            await conn.execute(stories.delete().where(orphan))
        return int(gone)

    async def record_success(
        self, source_id: int, *, now: datetime, next_check_at: datetime, title: str | None,
        etag: str | None, last_modified: str | None, problem: str | None = None,
        language: str | None = None,
    ) -> None:
        """A read that worked; `problem`, what was wrong with it all the same (a feed cut
        short), is kept as the source's last error without counting as a failure. `title`
        and `language`, as the feed gives them, are kept when it gives them (a "not
        modified" answer gives neither)."""
        values: dict[str, Any] = {
            "last_checked_at": now, "last_success_at": now, "next_check_at": next_check_at,
            "consecutive_errors": 0, "last_error": problem, "etag": etag,
            "last_modified": last_modified,
        }
        if title:
            values["title"] = _title(title)
        if language:
            values["language"] = language
        async with self._begin() as conn:
            await conn.execute(sources.update().where(sources.c.id == source_id).values(values))

    async def record_failure(
        self, source_id: int, *, now: datetime, next_check_at: datetime, error: str
    ) -> None:
        async with self._begin() as conn:
            await conn.execute(
                sources.update().where(sources.c.id == source_id).values(
                    last_checked_at=now, next_check_at=next_check_at, last_error=error,
                    consecutive_errors=sources.c.consecutive_errors + 1))

    # -- articles and stories ---------------------------------------------------------------

    async def known_keys(
        self, source_id: int, *, guids: Sequence[str], canonical_urls: Sequence[str],
        content_hashes: Sequence[str], now: datetime | None = None,
    ) -> tuple[set[str], set[str], set[str]]:
        """Which of these guids (of this source), canonical URLs and hashes are stored, or
        were until retention forgot an undated item (whose `seen_at` then moves to `now`: a
        feed still lists it)."""
        found: tuple[set[str], set[str], set[str]] = (set(), set(), set())
        seen: list[sa.ColumnElement[bool]] = []
        async with self._connect() as conn:
            for chunk in chunks(guids):
                rows = await conn.execute(sa.select(articles.c.guid).where(
                    articles.c.source_id == source_id, articles.c.guid.in_(chunk)))
                found[0].update(row.guid for row in rows)
                mine = sa.and_(forgotten_items.c.source_id == source_id,
                               forgotten_items.c.guid.in_(chunk))
                rows = await conn.execute(sa.select(forgotten_items.c.guid).where(mine))
                if hits := {row.guid for row in rows}:
                    found[0].update(hits)
                    seen.append(mine)
            for column, wanted, known in (("canonical_url", canonical_urls, found[1]),
                                          ("content_hash", content_hashes, found[2])):
                for chunk in chunks(wanted):
                    rows = await conn.execute(sa.select(articles.c[column]).where(
                        articles.c[column].in_(chunk)))
                    known.update(row[0] for row in rows)
                    forgot = forgotten_items.c[column].in_(chunk)
                    rows = await conn.execute(sa.select(forgotten_items.c[column]).where(forgot))
                    if hits := {row[0] for row in rows}:
                        known.update(hits)
                        seen.append(forgot)
        if seen and now is not None:
            async with self._begin() as conn:
                await conn.execute(forgotten_items.update().where(sa.or_(*seen))
                                   .values(seen_at=now))
        return found

    async def item_versions(self, source_id: int,
                            guids: Sequence[str]) -> dict[str, ItemVersions]:
        """Of these items of a source (by guid), those stored: their current article and the
        headlines of their earlier versions."""
        found: dict[str, ItemVersions] = {}
        async with self._connect() as conn:
            for chunk in chunks(sorted(set(guids))):
                rows = list(await conn.execute(
                    sa.select(articles.c.id, articles.c.guid, articles.c.story_id,
                              articles.c.title).where(
                        articles.c.source_id == source_id, articles.c.guid.in_(chunk),
                        articles.c.revised_by.is_(None))))
                earlier: dict[int, list[str]] = {}
                for part in chunks([row.id for row in rows]):
                    for old in await conn.execute(
                            sa.select(articles.c.revised_by, articles.c.title)
                            .where(articles.c.revised_by.in_(part))):
                        earlier.setdefault(old.revised_by, []).append(old.title)
                found.update((row.guid, ItemVersions(
                    row.id, row.story_id, row.title, tuple(earlier.get(row.id, ()))))
                    for row in rows)
        return found

    async def revise_article(self, article_id: int, item: NewArticle, *,
                             now: datetime) -> Article | None:
        """Store a corrected version of a current article in its story, in one transaction:
        the earlier version (and any before it) stays, pointing to this one, its guid marked
        "#revised-<id>" and its canonical URL handed on. None if the article is gone or was
        corrected meanwhile (by another process)."""
        entry = item.entry
        async with self._begin() as conn:
            old = (await conn.execute(sa.select(articles).where(
                articles.c.id == article_id, articles.c.revised_by.is_(None)))).first()
            if old is None:
                return None
            await conn.execute(articles.update().where(articles.c.id == article_id).values(
                guid=f"{old.guid}#revised-{old.id}", canonical_url=None))
            # A new address or text another article has (another feed of the outlet stored
            # the corrected item as new: review) is stored without it; the guid still keys it.
            taken = {column: value for column, value in (
                ("canonical_url", item.canonical_url), ("content_hash", item.content_hash))
                if value is not None and (await conn.execute(sa.select(articles.c.id).where(
                    articles.c[column] == value).limit(1))).first() is not None}
            result = await conn.execute(articles.insert().values(
                source_id=old.source_id, story_id=old.story_id, guid=old.guid, url=entry.url,
                canonical_url=None if "canonical_url" in taken else item.canonical_url,
                content_hash=None if "content_hash" in taken else item.content_hash,
                title=entry.title, titled=entry.titled, text=entry.text, posts=_posts(entry),
                input_kind=entry.kind.value,
                published_at=entry.published_at or old.published_at, fetched_at=now))
            new_id = inserted_id(result)
            await conn.execute(articles.update().where(sa.or_(
                articles.c.id == article_id, articles.c.revised_by == article_id))
                .values(revised_by=new_id))
            if old.story_id is not None:
                await conn.execute(stories.update().where(stories.c.id == old.story_id)
                                   .values(updated_at=now))
            (stored,) = await self._articles_by_id(conn, [new_id])
        return stored

    async def add_articles(
        self, source_id: int, items: Sequence[NewArticle], *, now: datetime
    ) -> StoredBatch:
        """Store a batch of new articles and their new stories in one transaction."""
        new_story_ids: dict[int, int] = {}
        ids: list[int] = []
        async with self._begin() as conn:
            for item in items:
                entry = item.entry
                story_id = item.story
                if story_id < 0:
                    if story_id not in new_story_ids:
                        result = await conn.execute(stories.insert().values(
                            title=entry.title, first_seen_at=now, updated_at=now))
                        new_story_ids[story_id] = inserted_id(result)
                    story_id = new_story_ids[story_id]
                else:
                    result = await conn.execute(stories.update().where(
                        stories.c.id == story_id).values(updated_at=now))
                    if result.rowcount == 0 and story_id not in new_story_ids:
                        # Deleted since it was matched (retention of another process, while
                        # this one filed): the article starts a story of its own, which the
                        # caller's index takes as that story's new id.
                        result = await conn.execute(stories.insert().values(
                            title=entry.title, first_seen_at=now, updated_at=now))
                        new_story_ids[story_id] = inserted_id(result)
                    story_id = new_story_ids.get(story_id, story_id)
                result = await conn.execute(articles.insert().values(
                    source_id=source_id, story_id=story_id, guid=entry.guid, url=entry.url,
                    canonical_url=item.canonical_url, content_hash=item.content_hash,
                    title=entry.title, titled=entry.titled, text=entry.text,
                    posts=_posts(entry), input_kind=entry.kind.value,
                    published_at=entry.published_at, fetched_at=now))
                ids.append(inserted_id(result))
            stored = await self._articles_by_id(conn, ids)
        return StoredBatch(articles=tuple(stored), new_story_ids=new_story_ids)

    async def _articles_by_id(self, conn: Any, ids: Sequence[int]) -> list[Article]:
        found: dict[int, Article] = {}
        for chunk in chunks(ids):
            rows = await conn.execute(
                sa.select(*_article_columns)
                .join(sources, sources.c.id == articles.c.source_id)
                .where(articles.c.id.in_(chunk)))
            found.update((row.id, _article(row)) for row in rows)
        return [found[i] for i in ids]

    async def articles_since(self, since: datetime) -> list[Article]:
        """Current articles (not earlier versions of corrected ones) fetched since a moment,
        oldest first (to rebuild the story index)."""
        async with self._connect() as conn:
            rows = await conn.execute(
                sa.select(*_article_columns)
                .join(sources, sources.c.id == articles.c.source_id)
                .where(articles.c.fetched_at >= since, articles.c.revised_by.is_(None))
                .order_by(articles.c.fetched_at, articles.c.id))
            return [_article(row) for row in rows]

    async def stories_since(self, since: datetime, *, limit: int | None = None) -> list[Story]:
        """Stories whose newest article appeared since a moment, newest first.

        An article's moment is its published time, or when we fetched it if it has none; an
        old article fetched today does not make its story new.
        """
        async with self._connect() as conn:
            found = await _with_articles(conn, sa.select(stories).where(
                stories.c.updated_at >= since))
        found = [story for story in found if story.latest >= since]
        found.sort(key=lambda story: (story.latest, story.id), reverse=True)
        return found if limit is None else found[:limit]

    async def count_stories_since(self, since: datetime) -> int:
        """How many stories `stories_since` finds, counted in the database (no text loaded)."""
        moment = sa.func.coalesce(articles.c.published_at, articles.c.fetched_at)
        told = sa.exists().where(articles.c.story_id == stories.c.id)
        told_since = sa.exists().where(articles.c.story_id == stories.c.id, moment >= since)
        async with self._connect() as conn:
            return int((await conn.execute(
                sa.select(sa.func.count()).select_from(stories)
                .where(stories.c.updated_at >= since, sa.or_(told_since, ~told)))).scalar_one())

    async def count_stories_first_seen_since(self, since: datetime) -> int:
        """How many stories the bot first filed since a moment, whatever their outlets' dates."""
        async with self._connect() as conn:
            return int((await conn.execute(
                sa.select(sa.func.count()).select_from(stories)
                .where(stories.c.first_seen_at >= since))).scalar_one())

    async def stories_seen_since(self, since: datetime) -> list[Story]:
        """Stories that gained an article we first saw (fetched) since a moment, newest first
        by the outlets' dates.

        What is new for a reader is decided by when the bot learned of an article, so an
        article published before a briefing but fetched after it is not lost.
        """
        async with self._connect() as conn:
            seen = (sa.select(articles.c.story_id).where(articles.c.fetched_at >= since,
                                                        articles.c.story_id.is_not(None))
                    .distinct().scalar_subquery())
            found = [story for story in await _with_articles(
                conn, sa.select(stories).where(stories.c.id.in_(seen))) if story.articles]
        found.sort(key=lambda story: (story.latest, story.id), reverse=True)
        return found

    async def set_story_categories(self, story_id: int, keys: Sequence[str]) -> None:
        """Record the category keys an LLM gave a story with its summary (the latest
        answer wins; a story that is gone is left alone)."""
        async with self._begin() as conn:
            await conn.execute(stories.update().where(stories.c.id == story_id)
                               .values(categories=",".join(keys)))

    async def counts(self) -> dict[str, int]:
        """Row counts, for status lines and tests."""
        async with self._connect() as conn:
            result = {}
            for name, table in (("sources", sources), ("articles", articles),
                                ("stories", stories)):
                result[name] = (await conn.execute(
                    sa.select(sa.func.count()).select_from(table))).scalar_one()
        return result

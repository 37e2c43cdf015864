"""Story re-checks: articles moved between stories, stories merged, delivered stories marked.

A story a reader has received keeps its id through a merge (developing-story updates reply to
it), so the store remembers when a story was first delivered.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from briefing_bot.models import Article
from briefing_bot.retold import Titled
from briefing_bot.store.articles import _article, _article_columns
from briefing_bot.store.base import Part
from briefing_bot.store.receipts import follow_merge, follow_moves, mark_delivered
from briefing_bot.store.schema import (
    articles,
    chunks,
    inserted_id,
    sources,
    stories,
    story_versions,
)

_TOLD_TEXT = 6000
# What of an article's text its title may come from (`cluster.opening_of` reads its first
# headline-like line).
_OPENING_CHARS = 2000
# How long a briefing's claim on its stories holds without the briefing being sent: longer
# than any briefing takes to write. The LLM's patience bounds one to minutes, but an operator
# may set none (`BRIEFING_LLM_PATIENCE=0`: a small local model took 30 minutes for one
# /briefing in reader QA, and a cycle's batches run on; review, stop 52: at one hour a re-check
# renamed a story still being written). A claim older than this is of a briefing never sent
# (the bot stopped or was killed while writing it), and the story counts as nobody's again.
CLAIM_HOLDS = timedelta(hours=6)


def _held(now: datetime) -> sa.ColumnElement[bool]:
    """A story readers received, or that a briefing being written claimed."""
    # Each side true or false, never NULL: the title guard negates it.
    return sa.or_(stories.c.delivered_at.is_not(None),
                  sa.and_(stories.c.claimed_at.is_not(None),
                          stories.c.claimed_at >= now - CLAIM_HOLDS))


class Regroup(Part):
    """What the story re-check writes, in one transaction per re-check."""

    async def stories_marker(self) -> tuple[object, ...]:
        """A value that changes whenever stories change (an article added, a re-check, a new
        title): a cycle that keeps its read of the stories reads them again only then."""
        async with self._connect() as conn:
            row = (await conn.execute(sa.select(
                sa.select(sa.func.max(stories.c.updated_at)).scalar_subquery(),
                sa.select(sa.func.count()).select_from(stories).scalar_subquery(),
                sa.select(sa.func.max(articles.c.id)).scalar_subquery()))).one()
        return tuple(row)

    async def articles_after(self, article_id: int, since: datetime) -> list[Article]:
        """Current articles stored after a known one (by id) and fetched since a moment,
        oldest first: what an index kept in memory has not seen yet."""
        async with self._connect() as conn:
            rows = await conn.execute(
                sa.select(*_article_columns)
                .join(sources, sources.c.id == articles.c.source_id)
                .where(articles.c.id > article_id, articles.c.fetched_at >= since,
                       articles.c.revised_by.is_(None))
                .order_by(articles.c.id))
            return [_article(row) for row in rows]

    async def stored_article_ids(self, low: int, high: int) -> set[int]:
        """The ids of the current articles still stored from `low` to `high`: what a kept
        index holds that retention (of this process or another) has not deleted since, nor
        a correction (of another process) replaced."""
        async with self._connect() as conn:
            rows = await conn.execute(sa.select(articles.c.id).where(
                articles.c.id >= low, articles.c.id <= high, articles.c.revised_by.is_(None)))
            return {row.id for row in rows}

    async def mark_stories_delivered(self, story_ids: Iterable[int], *, now: datetime) -> None:
        """Record that readers received these stories (the first time counts)."""
        async with self._begin() as conn:
            await mark_delivered(conn, story_ids, now=now)

    async def received_titles(self, story_ids: Iterable[int], *,
                              now: datetime) -> dict[int, str]:
        """Of these stories, those a reader has received or a briefing being written claimed,
        with their titles."""
        found: dict[int, str] = {}
        ids = sorted(set(story_ids))
        if not ids:
            return found
        async with self._connect() as conn:
            for chunk in chunks(ids):
                rows = await conn.execute(sa.select(stories.c.id, stories.c.title).where(
                    stories.c.id.in_(chunk), _held(now)))
                found.update({row.id: row.title for row in rows})
        return found

    async def past_window(self, story_ids: Iterable[int], before: datetime
                          ) -> dict[int, list[tuple[int, str, str]]]:
        """Of these stories, the current articles dated or fetched before a moment (the
        clustering's window: past it they are the story's for good, out of the index), as
        (id, title, opening of the text): what could have given a story its title."""
        found: dict[int, list[tuple[int, str, str]]] = {}
        ids = sorted(set(story_ids))
        if not ids:  # most re-checks rename no received story: no connection for nothing
            return found
        async with self._connect() as conn:
            for chunk in chunks(ids):
                rows = await conn.execute(
                    sa.select(articles.c.story_id, articles.c.id, articles.c.title,
                              sa.func.substr(articles.c.text, 1, _OPENING_CHARS).label("text"))
                    .where(articles.c.story_id.in_(chunk), articles.c.revised_by.is_(None),
                           sa.or_(articles.c.fetched_at < before,
                                  articles.c.published_at < before))
                    .order_by(articles.c.id))
                for row in rows:
                    found.setdefault(row.story_id, []).append((row.id, row.title, row.text))
        return found

    async def received_articles(self, story_ids: Iterable[int]) -> dict[int, frozenset[int]]:
        """Of these stories, those sent or queued to readers, with the articles of every
        version they were given (what readers have of each: the part of a split holding most
        of it is the story to them). Read from the versions, a few rows a story, not from the
        receipts, one a chat."""
        found: dict[int, set[int]] = {}
        ids = sorted(set(story_ids))
        async with self._connect() as conn:
            for chunk in chunks(ids):
                rows = await conn.execute(
                    sa.select(story_versions.c.story_id, story_versions.c.article_ids)
                    .where(story_versions.c.story_id.in_(chunk)))
                for row in rows:
                    found.setdefault(row.story_id, set()).update(json.loads(row.article_ids))
        return {story: frozenset(had) for story, had in found.items()}

    async def told_titles(self, since: datetime, before: datetime, patterns: Sequence[str],
                          *, limit: int) -> list[Titled]:
        """Stories readers received that changed since a moment, none of whose reports is
        dated at or after `before` (the clustering's window, whose stories are not looked at:
        review 2 found them taking every row of the limit), and whose title holds one of
        these patterns, the most recently changed first: `retold.py`'s first step, done by
        the database so that nothing is kept in memory. SQLite's lower() folds only ASCII
        letters: `patterns` come with their capitalised forms too.

        By its reports' dates, not by when the bot last changed it (QA stop 61 F4: a story
        whose old reports reached the bot late, or was regrouped lately, was passed over, and
        the event told again came unmarked). Each with the date of its first report."""
        if not patterns:
            return []
        title = sa.func.lower(stories.c.title)
        dated = sa.func.coalesce(articles.c.published_at, articles.c.fetched_at)
        current = (articles.c.story_id == stories.c.id, articles.c.revised_by.is_(None))
        recent = sa.select(articles.c.id).where(*current, dated >= before).exists()
        began = sa.select(sa.func.min(dated)).where(*current).scalar_subquery()
        async with self._connect() as conn:
            rows = await conn.execute(
                sa.select(stories.c.id, stories.c.title, stories.c.delivered_at,
                          stories.c.first_told_at, stories.c.first_told_title,
                          began.label("began_at"), stories.c.first_told_id)
                .where(stories.c.delivered_at.is_not(None), stories.c.updated_at >= since,
                       ~recent,
                       sa.or_(*(title.contains(pattern, autoescape=True)
                                for pattern in patterns)))
                .order_by(stories.c.updated_at.desc(), stories.c.id.desc()).limit(limit))
            return [Titled(row.id, row.title, row.delivered_at, row.first_told_at,
                           row.first_told_title, row.began_at, row.first_told_id)
                    for row in rows]

    async def first_articles(self, story_ids: Iterable[int], *,
                             per_story: int) -> dict[int, tuple[Article, ...]]:
        """Each story's first current articles by date (undated ones last, on either
        database), their texts up to the first 6,000 characters: more than the clustering's
        lead."""
        found: dict[int, list[Article]] = {}
        columns: list[Any] = [
            column if column.name != "text"
            else sa.func.substr(articles.c.text, 1, _TOLD_TEXT).label("text")
            for column in articles.c]
        async with self._connect() as conn:
            for chunk in chunks(sorted(set(story_ids))):
                rows: Any = await conn.execute(
                    sa.select(*columns, *_article_columns[1:])
                    .join(sources, sources.c.id == articles.c.source_id)
                    .where(articles.c.story_id.in_(chunk), articles.c.revised_by.is_(None))
                    .order_by(articles.c.published_at.is_(None), articles.c.published_at,
                              articles.c.id))
                for row in rows:
                    kept = found.setdefault(row.story_id, [])
                    if len(kept) < per_story:
                        kept.append(_article(row))
        return {story: tuple(kept) for story, kept in found.items()}

    async def set_first_told(self, told: Mapping[int, Titled]) -> None:
        """Record when readers were first told these stories' events, by which headline and
        by which story: the earlier stories they retell (the earliest telling counts)."""
        if not told:
            return
        async with self._begin() as conn:
            for story, earlier in sorted(told.items()):
                moment = earlier.told_at
                await conn.execute(stories.update().where(
                    stories.c.id == story,
                    sa.or_(stories.c.first_told_at.is_(None),
                           stories.c.first_told_at > moment)).values(
                    first_told_at=moment, first_told_title=earlier.told_title,
                    first_told_id=earlier.told_id))

    async def regroup_stories(self, *, moved: Mapping[int, int], merged: Mapping[int, int],
                              titles: Mapping[int, str], now: datetime,
                              received: Collection[int] = ()) -> dict[int, int]:
        """Apply a re-check in one transaction: articles moved to other stories (a negative
        story number is a story to create; the ids given are returned), stories merged into
        others (deleted once empty; the survivor keeps the earlier first-seen and delivered
        times), and story titles. A story not among those the re-check knew readers had
        (`received`) keeps its title if readers got it meanwhile (`claim_stories`): a briefing
        composed while the re-check ran shows the title it had."""
        created: dict[int, int] = {}
        async with self._begin() as conn:
            for number in sorted({story for story in moved.values() if story < 0}, reverse=True):
                result = await conn.execute(stories.insert().values(
                    title=titles.get(number, ""), first_seen_at=now, updated_at=now))
                created[number] = inserted_id(result)
            moved = {article: created.get(story, story) for article, story in moved.items()}
            merged = {gone: created.get(into, into) for gone, into in merged.items()}
            titles = {created.get(story, story): title for story, title in titles.items()}
            origins: dict[int, int] = {}
            # Earlier versions of moved articles (corrected since) go with them, and so do
            # the receipts of chats that had those versions (review: such a chat's receipt
            # was dropped, and the story came again as new).
            earlier: dict[int, int] = {}
            for chunk in chunks(sorted(moved)):
                origins.update({row.id: row.story_id for row in await conn.execute(
                    sa.select(articles.c.id, articles.c.story_id)
                    .where(articles.c.id.in_(chunk)))})
                for row in await conn.execute(
                        sa.select(articles.c.id, articles.c.story_id, articles.c.revised_by)
                        .where(articles.c.revised_by.in_(chunk))):
                    origins[row.id] = row.story_id
                    earlier[row.id] = row.revised_by
            if moved:
                await conn.execute(
                    articles.update().where(articles.c.id == sa.bindparam("b_article"))
                    .values(story_id=sa.bindparam("b_story")),
                    [{"b_article": article, "b_story": story}
                     for article, story in sorted(moved.items())])
                await conn.execute(
                    articles.update().where(articles.c.revised_by == sa.bindparam("b_article"))
                    .values(story_id=sa.bindparam("b_story")),
                    [{"b_article": article, "b_story": story}
                     for article, story in sorted(moved.items())])
            for gone, into in sorted(merged.items()):
                old = (await conn.execute(sa.select(stories).where(stories.c.id == gone))
                       ).first()
                # Articles the index no longer held (outside its window) follow too.
                await conn.execute(articles.update().where(articles.c.story_id == gone)
                                   .values(story_id=into))
                if old is not None:
                    survivor = (await conn.execute(
                        sa.select(stories).where(stories.c.id == into))).one()
                    delivered = [t for t in (survivor.delivered_at, old.delivered_at) if t]
                    claimed = [t for t in (survivor.claimed_at, old.claimed_at) if t]
                    told = min(((row.first_told_at, row.first_told_title, row.first_told_id)
                                for row in (survivor, old) if row.first_told_at),
                               key=lambda told: told[0], default=(None, None, None))
                    await conn.execute(stories.update().where(stories.c.id == into).values(
                        first_seen_at=min(survivor.first_seen_at, old.first_seen_at),
                        delivered_at=min(delivered) if delivered else None,
                        claimed_at=max(claimed) if claimed else None,
                        first_told_at=told[0], first_told_title=told[1],
                        first_told_id=told[2]))
                    await conn.execute(stories.delete().where(stories.c.id == gone))
                # Retellings of the story merged away are of the survivor, whose receipts a
                # chat's mute of it followed to (`follow_merge`).
                await conn.execute(stories.update().where(
                    stories.c.first_told_id == gone, stories.c.id != into)
                    .values(first_told_id=into))
                await follow_merge(conn, gone, into, now=now)
            # What chats had of a story that is still there follows its moved articles.
            moves: dict[tuple[int, int], list[int]] = {}
            for article, story in [*moved.items(),
                                   *((old, moved[current]) for old, current in earlier.items())]:
                old_story = origins.get(article)
                if old_story is not None and old_story != story and old_story not in merged:
                    moves.setdefault((old_story, story), []).append(article)
            await follow_moves(conn, moves, now=now)
            touched = sorted(set(moved.values()) | set(merged.values()))
            for chunk in chunks(touched):
                await conn.execute(stories.update().where(stories.c.id.in_(chunk))
                                   .values(updated_at=now))
            if titles:
                await conn.execute(
                    stories.update().where(stories.c.id == sa.bindparam("b_story"), sa.or_(
                        sa.not_(_held(now)), sa.bindparam("b_known")))
                    .values(title=sa.bindparam("b_title")),
                    [{"b_story": story, "b_title": title, "b_known": story in received}
                     for story, title in sorted(titles.items())])
        return created

    async def claim_stories(self, story_ids: Iterable[int], *, now: datetime) -> dict[int, str]:
        """Readers are about to get these stories: from now on they count as received, so a
        re-check keeps their ids and titles (reader QA, stop 51: a fetch re-checked stories
        while a slow briefing was written, renamed two of them, and the updates that followed
        replied under headlines the reader never had). Their titles now: a re-check that
        wrote before this claim may have renamed one since it was read.

        A claim is not a delivery: sending the briefing marks its stories delivered, and a
        claim no briefing followed lapses after `CLAIM_HOLDS` (review, stop 51: a briefing
        never sent left its stories received for good, their headlines a source of "told
        before" marks no chat had)."""
        found: dict[int, str] = {}
        ids = sorted(set(story_ids))
        if not ids:
            return found
        async with self._begin() as conn:
            for chunk in chunks(ids):
                await conn.execute(stories.update().where(stories.c.id.in_(chunk))
                                   .values(claimed_at=now))
            for chunk in chunks(ids):
                rows = await conn.execute(sa.select(stories.c.id, stories.c.title).where(
                    stories.c.id.in_(chunk)))
                found.update({row.id: row.title for row in rows})
        return found

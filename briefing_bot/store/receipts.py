"""What each chat received of each story: the version (its set of articles), the Telegram
message that carried it, and whether the reader muted it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from briefing_bot.store.base import Part
from briefing_bot.store.schema import (
    articles,
    chat_stories,
    chunks,
    stories,
    story_versions,
)


@dataclasses.dataclass(frozen=True, slots=True)
class StoryVersion:
    """A story as a set of articles; the digest names it for every reader alike."""

    story_id: int
    article_ids: tuple[int, ...]  # ascending
    digest: str = dataclasses.field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        text = f"{self.story_id}:{','.join(map(str, self.article_ids))}"
        object.__setattr__(self, "digest", hashlib.sha256(text.encode()).hexdigest()[:32])

    @classmethod
    def of(cls, story_id: int, article_ids: Iterable[int]) -> StoryVersion:
        return cls(story_id, tuple(sorted(set(article_ids))))


@dataclasses.dataclass(frozen=True, slots=True)
class Receipt:
    """What one chat has of one story. `version` None: muted before it was ever received."""

    story_id: int
    version: StoryVersion | None
    message_id: int | None
    muted: bool
    received_at: datetime
    # The headline the chat was shown it under; None when not known (`schema.chat_stories`).
    title: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Received:
    """A story version a chat is being sent, and which part of the briefing carries it."""

    version: StoryVersion
    part: int  # 1-based position among the briefing's messages
    title: str | None = None  # the headline it is shown under (an update's: its heading)


def _insert(conn: AsyncConnection, table: sa.Table) -> Any:
    """INSERT with ON CONFLICT, which SQLite and PostgreSQL spell the same way."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


async def save_versions(conn: AsyncConnection, versions: Iterable[StoryVersion], *,
                        now: datetime) -> None:
    """Name these versions (once each: two readers of one version share the row)."""
    unique = {v.digest: v for v in versions}
    rows = {digest: {"digest": digest, "story_id": v.story_id,
                     "article_ids": json.dumps(list(v.article_ids)), "created_at": now}
            for digest, v in unique.items()}
    if not rows:
        return
    statement = _insert(conn, story_versions).on_conflict_do_nothing(index_elements=["digest"])
    for chunk in chunks(sorted(rows)):
        await conn.execute(statement, [rows[digest] for digest in chunk])


async def mark_delivered(conn: AsyncConnection, story_ids: Iterable[int], *,
                         now: datetime) -> None:
    """Readers received these stories (the first time counts): they keep their ids and titles
    when a re-check merges or splits them."""
    for chunk in chunks(sorted(set(story_ids))):
        await conn.execute(stories.update().where(
            stories.c.id.in_(chunk), stories.c.delivered_at.is_(None)).values(delivered_at=now))


async def _gone_into(conn: AsyncConnection, versions: Iterable[StoryVersion]) -> dict[int, int]:
    """Of these versions' stories, those merged away since the versions were read, each with
    the story that holds most of its articles now (articles follow a merge).

    Decided by where the articles are, not by whether the id exists: SQLite gives a deleted
    story's id to the next new one, and a receipt must not land on that unrelated story.
    The stories are locked first (FOR SHARE on PostgreSQL; on SQLite the caller holds the
    write lock already): a re-check that merges one of them either finished before, and its
    moves are seen here, or waits for this transaction, and its own merge then carries these
    receipts along.
    """
    wanted: dict[int, set[int]] = {}
    for version in versions:
        wanted.setdefault(version.story_id, set()).update(version.article_ids)
    for chunk in chunks(sorted(wanted)):
        await conn.execute(sa.select(stories.c.id).where(stories.c.id.in_(chunk))
                           .with_for_update(read=True))
    now_in: dict[int, int] = {}
    for chunk in chunks(sorted(set().union(*wanted.values()))):
        rows = await conn.execute(sa.select(articles.c.id, articles.c.story_id).where(
            articles.c.id.in_(chunk), articles.c.story_id.is_not(None)))
        now_in.update({row.id: row.story_id for row in rows})
    found: dict[int, int] = {}
    for story_id, ids in sorted(wanted.items()):
        holders = Counter(now_in[a] for a in sorted(ids) if a in now_in)
        if holders and story_id not in holders:
            found[story_id] = min(holders, key=lambda s: (-holders[s], s))
    return found


async def write_receipts(conn: AsyncConnection, rows: Sequence[dict[str, Any]], *,
                         now: datetime) -> None:
    """Remember what chats were sent: rows of chat_id, story_id, version (a StoryVersion),
    cycle, part, message_id and title (the headline shown; optional). A mute set earlier
    stays. The stories count as received.

    A briefing is composed from stories read before its summaries were written; a re-check
    may have merged one away meanwhile. Its receipt then follows the merge, as it would have
    had it been written first.
    """
    if not rows:
        return
    # A write first: SQLite's driver opens the transaction (and waits for the write lock) at
    # the first write, so the look at the stories below sees any re-check that went before.
    await save_versions(conn, (row["version"] for row in rows), now=now)
    gone = await _gone_into(conn, (row["version"] for row in rows))
    insert = _insert(conn, chat_stories)
    statement = insert.on_conflict_do_update(
        index_elements=["chat_id", "story_id"],
        set_={"version": insert.excluded.version, "cycle": insert.excluded.cycle,
              "part": insert.excluded.part, "message_id": insert.excluded.message_id,
              "received_at": insert.excluded.received_at,
              "title": sa.func.coalesce(insert.excluded.title, chat_stories.c.title)})
    # A receipt of a story merged away is written under a placeholder id no story has (ids
    # are positive), then follows the merge as receipts written before it did.
    values = [{"chat_id": row["chat_id"],
               "story_id": -row["story_id"] if row["story_id"] in gone else row["story_id"],
               "version": row["version"].digest, "cycle": row.get("cycle"),
               "part": row.get("part"), "message_id": row.get("message_id"), "muted": False,
               "received_at": now, "title": row.get("title")} for row in rows]
    for chunk in chunks(values):
        await conn.execute(statement, list(chunk))
    for story_id, into in sorted(gone.items()):
        await follow_merge(conn, -story_id, into, now=now)
    await mark_delivered(conn, {gone.get(row["story_id"], row["story_id"]) for row in rows},
                         now=now)


async def follow_merge(conn: AsyncConnection, gone: int, into: int, *, now: datetime) -> None:
    """Story `gone` merged into `into`: what chats had of it now counts for `into`.

    Without this a chat that had only `gone` would be told `into` as a new story holding what
    it already read, and a chat that had both would be told `gone`'s articles as news. A chat
    that had both keeps `into`'s message (updates reply to it) and has the union of both
    versions; a mute of either holds.
    """
    if (await conn.execute(sa.select(chat_stories.c.chat_id).where(
            chat_stories.c.story_id == gone).limit(1))).first() is None:
        return  # nobody had it: the usual merge (stories readers have keep their ids)
    mine = chat_stories.alias("mine")
    theirs = chat_stories.alias("theirs")
    both = sa.select(theirs.c.chat_id).where(theirs.c.story_id == into)
    # Readers of one version share it, so the unions are few: one per pair of versions.
    pairs = (await conn.execute(
        sa.select(mine.c.version, theirs.c.version).distinct()
        .join(theirs, sa.and_(theirs.c.chat_id == mine.c.chat_id, theirs.c.story_id == into))
        .where(mine.c.story_id == gone, mine.c.version.is_not(None)))).all()
    digests = sorted({d for pair in pairs for d in pair if d is not None})
    article_ids: dict[str, list[int]] = {}
    for chunk in chunks(digests):
        rows = await conn.execute(sa.select(story_versions.c.digest, story_versions.c.article_ids)
                                  .where(story_versions.c.digest.in_(chunk)))
        article_ids.update({row.digest: json.loads(row.article_ids) for row in rows})
    unions: dict[tuple[str, str | None], StoryVersion] = {}
    for old, kept in pairs:
        ids = article_ids.get(old, []) + (article_ids.get(kept, []) if kept else [])
        unions[(old, kept)] = StoryVersion.of(into, ids)
    await save_versions(conn, unions.values(), now=now)
    for (old, kept), union in sorted(unions.items(), key=lambda item: item[1].digest):
        had_old = sa.select(mine.c.chat_id).where(mine.c.story_id == gone, mine.c.version == old)
        current = (chat_stories.c.version.is_(None) if kept is None
                   else chat_stories.c.version == kept)
        await conn.execute(chat_stories.update().where(
            chat_stories.c.story_id == into, current, chat_stories.c.chat_id.in_(had_old))
            .values(version=union.digest, message_id=sa.func.coalesce(
                chat_stories.c.message_id,
                sa.select(mine.c.message_id).where(
                    mine.c.story_id == gone, mine.c.chat_id == chat_stories.c.chat_id)
                .scalar_subquery())))
    await conn.execute(chat_stories.update().where(
        chat_stories.c.story_id == into, chat_stories.c.chat_id.in_(
            sa.select(mine.c.chat_id).where(mine.c.story_id == gone, mine.c.muted)))
        .values(muted=True))
    await conn.execute(chat_stories.delete().where(
        chat_stories.c.story_id == gone, chat_stories.c.chat_id.in_(both)))
    await conn.execute(chat_stories.update().where(chat_stories.c.story_id == gone)
                       .values(story_id=into))


async def follow_moves(conn: AsyncConnection, moves: Mapping[tuple[int, int], Iterable[int]],
                       *, now: datetime) -> None:
    """Articles moved from story `old` (still there) to story `new`, by (old, new): a chat
    that had some of them with `old` and never had `new` now has `new` as it had them, under
    `old`'s message. Without this the re-check's split told the chat `new` as a new story,
    repeating what it had read (found by exploratory QA and review: the bot's own guard in
    updates.plan sees only the stories a briefing reads). A mute of `old` holds for what came
    from it. A chat that had both keeps its own receipt of `new` (its message, its mute), which
    now holds the moved articles it had too: reader QA, stop 71 N3, a Jackman report the
    reader had as an item of its own was moved into the Jackman story the reader also had, and
    came as that story's update, the new report a link beside it.

    A chat none of whose articles are left in `old` no longer has `old`: it keeps it only as
    the story its articles went to. Found by exploratory QA: a reader's fire story was merged
    into another fire's and split off again; the chat kept a receipt of the other fire and
    was sent its three reports as an "Update" of its own story."""
    for (old, new), moved in sorted(moves.items()):
        moving = set(moved)
        digests = [row.version for row in await conn.execute(
            sa.select(chat_stories.c.version).distinct().where(
                chat_stories.c.story_id == old, chat_stories.c.version.is_not(None)))]
        if not digests:
            continue
        rows = await conn.execute(sa.select(story_versions.c.digest, story_versions.c.article_ids)
                                  .where(story_versions.c.digest.in_(digests)))
        versions = {}
        for row in rows:
            had = moving & set(json.loads(row.article_ids))
            if had:
                versions[row.digest] = StoryVersion.of(new, had)
        await save_versions(conn, versions.values(), now=now)
        theirs = chat_stories.alias("theirs")
        for digest, version in sorted(versions.items()):
            mine = sa.select(
                chat_stories.c.chat_id, sa.literal(new), sa.literal(version.digest),
                chat_stories.c.message_id, chat_stories.c.muted, chat_stories.c.received_at,
            ).where(chat_stories.c.story_id == old, chat_stories.c.version == digest,
                    ~sa.exists().where(theirs.c.chat_id == chat_stories.c.chat_id,
                                       theirs.c.story_id == new))
            await conn.execute(chat_stories.insert().from_select(
                ["chat_id", "story_id", "version", "message_id", "muted", "received_at"], mine))
        await _grow_had(conn, old, new, versions, now=now)
    for old in sorted({old for old, _ in moves}):
        await _forget_emptied(conn, old)


async def _grow_had(conn: AsyncConnection, old: int, new: int,
                    moved: Mapping[str, StoryVersion], *, now: datetime) -> None:
    """Chats that had `new` and, with `old`, some of the articles moved from it (`moved`: by
    the digest of the version of `old` they had, those articles as a version of `new`): their
    receipt of `new` holds those articles too. Worked out per pair of versions, as in
    `follow_merge`: readers of one version share it."""
    if not moved:
        return
    mine = chat_stories.alias("mine")
    theirs = chat_stories.alias("theirs")
    pairs = (await conn.execute(
        sa.select(mine.c.version, theirs.c.version).distinct()
        .join(theirs, sa.and_(theirs.c.chat_id == mine.c.chat_id, theirs.c.story_id == new,
                              theirs.c.version.is_not(None)))
        .where(mine.c.story_id == old, mine.c.version.in_(sorted(moved))))).all()
    kept: dict[str, list[int]] = {}
    for chunk in chunks(sorted({pair[1] for pair in pairs})):
        rows = await conn.execute(sa.select(story_versions.c.digest, story_versions.c.article_ids)
                                  .where(story_versions.c.digest.in_(chunk)))
        kept.update({row.digest: json.loads(row.article_ids) for row in rows})
    unions = {(had, digest): StoryVersion.of(new, [*kept.get(digest, []),
                                                   *moved[had].article_ids])
              for had, digest in pairs}
    unions = {pair: union for pair, union in unions.items() if union.digest != pair[1]}
    await save_versions(conn, unions.values(), now=now)
    for (had, digest), union in sorted(unions.items(), key=lambda item: item[1].digest):
        await conn.execute(chat_stories.update().where(
            chat_stories.c.story_id == new, chat_stories.c.version == digest,
            chat_stories.c.chat_id.in_(sa.select(mine.c.chat_id).where(
                mine.c.story_id == old, mine.c.version == had)))
            .values(version=union.digest))


async def _forget_emptied(conn: AsyncConnection, story: int) -> None:
    """Receipts of `story` whose versions hold none of its articles any more."""
    rows = await conn.execute(
        sa.select(story_versions.c.digest, story_versions.c.article_ids).where(
            story_versions.c.digest.in_(sa.select(chat_stories.c.version).where(
                chat_stories.c.story_id == story, chat_stories.c.version.is_not(None)))))
    versions = {row.digest: set(json.loads(row.article_ids)) for row in rows}
    if not versions:
        return
    left = {row.id for row in await conn.execute(sa.select(articles.c.id).where(
        articles.c.story_id == story))}
    emptied = sorted(digest for digest, ids in versions.items() if not ids & left)
    for chunk in chunks(emptied):
        await conn.execute(chat_stories.delete().where(
            chat_stories.c.story_id == story, chat_stories.c.version.in_(chunk)))


async def _muted_first_tellings(conn: AsyncConnection, chat_ids: Sequence[int],
                                wanted: set[int], first_told: Iterable[int] | None
                                ) -> list[tuple[int, Receipt]]:
    """The chats' muted receipts of the stories that first told the events of these stories
    (`first_told`: their ids, when known), but for those asked about themselves; a chat's
    muted retelling of such a story counts as its mute of that story, under that story's id
    (review, stop 78: the Mute a reader was shown was the retelling's, and the event's next
    retelling came all the same)."""
    if first_told is None:
        told: set[int] = set()
        for chunk in chunks(sorted(wanted)):
            told.update((await conn.execute(sa.select(stories.c.first_told_id).where(
                stories.c.id.in_(chunk), stories.c.first_told_id.is_not(None)))).scalars())
        first_told = told
    roots = sorted(set(first_told) - wanted)
    found: list[tuple[int, Receipt]] = []
    for chunk in chunks(sorted(set(chat_ids))):
        for some in chunks(roots):
            # (muted is all that is read of it, not its version: it is no story of the read)
            query = (sa.select(chat_stories, stories.c.first_told_id)
                     .join(stories, stories.c.id == chat_stories.c.story_id)
                     .where(chat_stories.c.chat_id.in_(chunk), chat_stories.c.muted,
                            sa.or_(chat_stories.c.story_id.in_(some),
                                   stories.c.first_told_id.in_(some))))
            found.extend((row.chat_id, Receipt(
                story_id=row.story_id if row.story_id in some else row.first_told_id,
                version=None, message_id=row.message_id, muted=True,
                received_at=row.received_at, title=row.title))
                for row in await conn.execute(query))
    return found


class Receipts(Part):
    """Each chat's memory of the stories it was sent."""

    async def receipts(self, chat_ids: Sequence[int], story_ids: Sequence[int], *,
                       seen_since: datetime | None = None,
                       first_told: Iterable[int] | None = None
                       ) -> dict[int, dict[int, Receipt]]:
        """For each chat, what it has of these stories (stories it never got are absent),
        and its muted receipts of the stories that first told their events, when some are
        retellings (`Story.first_told_id`): a chat that muted that story is not sent them
        (reader QA, stop 78 Q9). Those are days old, past the stories asked about, and are
        read with them, once for all the chats (`first_told`: their ids, when known).

        `seen_since` may say that the stories are those with an article fetched since a
        moment (`stories_seen_since`): the database then leaves out the chats' older receipts
        however many stories are asked about.
        """
        found: dict[int, dict[int, Receipt]] = {chat: {} for chat in chat_ids}
        if not chat_ids or not story_ids:
            return found
        wanted = set(story_ids)
        versions: dict[str, StoryVersion] = {}
        async with self._connect() as conn:
            for chat, receipt in await _muted_first_tellings(conn, chat_ids, wanted,
                                                             first_told):
                found[chat][receipt.story_id] = receipt
            for chunk in chunks(sorted(set(chat_ids))):
                query = (sa.select(chat_stories, story_versions.c.article_ids)
                         .outerjoin(story_versions,
                                    story_versions.c.digest == chat_stories.c.version)
                         .where(chat_stories.c.chat_id.in_(chunk)))
                if len(wanted) <= 400:  # else filter in memory: IN lists stay small
                    query = query.where(chat_stories.c.story_id.in_(sorted(wanted)))
                elif seen_since is not None:
                    # A month of receipts per chat would otherwise cross over for a day's
                    # stories (150,000 rows for a batch of 500 chats). "+ 0": SQLite then
                    # walks each chat's receipts against the list instead of looking up every
                    # (chat, story) pair (19 ms instead of 95 ms; 147 ms unfiltered).
                    query = query.where((chat_stories.c.story_id + 0).in_(
                        sa.select(articles.c.story_id).where(
                            articles.c.fetched_at >= seen_since)))
                for row in await conn.execute(query):
                    if row.story_id not in wanted:
                        continue
                    version = None
                    if row.version is not None and row.article_ids is not None:
                        version = versions.get(row.version)
                        if version is None:
                            version = StoryVersion(row.story_id,
                                                   tuple(json.loads(row.article_ids)))
                            versions[row.version] = version
                    found[row.chat_id][row.story_id] = Receipt(
                        story_id=row.story_id, version=version, message_id=row.message_id,
                        muted=row.muted, received_at=row.received_at, title=row.title)
        return found

    async def record_receipts(self, chat_id: int, sent: Sequence[tuple[StoryVersion, int]], *,
                              now: datetime, titles: Mapping[int, str | None] | None = None
                              ) -> None:
        """Remember story versions sent straight to a chat, with the id of each message (and
        `titles`: by story, the headline it was shown under), and that readers have received
        those stories (they keep their ids and titles)."""
        async with self._begin() as conn:
            await write_receipts(conn, [
                {"chat_id": chat_id, "story_id": version.story_id, "version": version,
                 "message_id": message_id, "title": (titles or {}).get(version.story_id)}
                for version, message_id in sent], now=now)

    async def mute_story(self, chat_id: int, story_id: int, *, now: datetime) -> None:
        """No more updates of this story in this chat."""
        async with self._begin() as conn:
            statement = _insert(conn, chat_stories).values(
                chat_id=chat_id, story_id=story_id, muted=True, received_at=now)
            await conn.execute(statement.on_conflict_do_update(
                index_elements=["chat_id", "story_id"], set_={"muted": True}))

    async def unmute_story(self, chat_id: int, story_id: int) -> None:
        """Updates of this story again (a Mute tapped by mistake). A story muted before it was
        ever received is forgotten, so it comes as any new story."""
        mine = sa.and_(chat_stories.c.chat_id == chat_id, chat_stories.c.story_id == story_id)
        async with self._begin() as conn:
            await conn.execute(chat_stories.delete().where(mine, chat_stories.c.version.is_(None)))
            await conn.execute(chat_stories.update().where(mine).values(muted=False))

    async def received_since(self, chat_ids: Sequence[int], moment: datetime) -> set[int]:
        """Of these chats, those sent a story after a moment."""
        found: set[int] = set()
        async with self._connect() as conn:
            for chunk in chunks(sorted(set(chat_ids))):
                found.update((await conn.execute(
                    sa.select(chat_stories.c.chat_id).distinct().where(
                        chat_stories.c.chat_id.in_(chunk),
                        chat_stories.c.version.is_not(None),
                        chat_stories.c.received_at > moment))).scalars())
        return found

    async def last_received_at(self, chat_id: int) -> datetime | None:
        """When this chat was last sent a story (a scheduled briefing or /briefing)."""
        async with self._connect() as conn:
            value: datetime | None = (await conn.execute(
                sa.select(sa.func.max(chat_stories.c.received_at)).where(
                    chat_stories.c.chat_id == chat_id, chat_stories.c.version.is_not(None))
            )).scalar_one()
        return value

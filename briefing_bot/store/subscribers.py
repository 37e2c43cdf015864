"""Subscribers and the outbox of briefing messages waiting to be delivered."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from briefing_bot.models import Delivery, Subscriber
from briefing_bot.store.base import Part
from briefing_bot.store.receipts import Received, write_receipts
from briefing_bot.store.schema import (
    UTCDateTime,
    chat_stories,
    chunks,
    delivery_totals,
    open_pickers,
    outbox,
    subscribers,
)


@dataclasses.dataclass(frozen=True, slots=True)
class QueuedBriefing:
    """One chat's briefing for the outbox, and where its schedule moves to.

    `last_briefing_at` None leaves the chat's last briefing as it was (a skipped slot).
    `replies` and `buttons` go with the parts of the same position (a message an update
    replies to; JSON rows of [label, callback data]); `received` is what the chat will then
    have of each story, remembered in the same transaction.
    """

    chat_id: int
    cycle: str
    parts: tuple[str, ...]
    next_briefing_at: datetime | None
    last_briefing_at: datetime | None
    replies: tuple[int | None, ...] = ()
    buttons: tuple[str | None, ...] = ()
    received: tuple[Received, ...] = ()


def _subscriber(row: sa.Row[Any]) -> Subscriber:
    return Subscriber(
        chat_id=row.chat_id, chat_type=row.chat_type, topics=row.topics,
        brief_time=row.brief_time, timezone=row.timezone, language=row.language,
        paused=row.paused, active=row.active, next_briefing_at=row.next_briefing_at,
        last_briefing_at=row.last_briefing_at, place=row.place)


class Subscribers(Part):
    """Chats, their preferences and schedules, and what is queued for them."""

    async def upsert_subscriber(self, chat_id: int, *, chat_type: str, now: datetime,
                                **changes: object) -> Subscriber:
        """Create a chat's subscription (reactivating an old one) or change its preferences."""
        async with self._begin() as conn:
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
        async with self._connect() as conn:
            row = (await conn.execute(sa.select(subscribers).where(
                subscribers.c.chat_id == chat_id))).first()
        return None if row is None else _subscriber(row)

    async def delete_subscriber(self, chat_id: int) -> bool:
        """Forget a chat and everything queued for it (/stop); says whether it existed."""
        async with self._begin() as conn:
            await conn.execute(outbox.delete().where(outbox.c.chat_id == chat_id))
            await conn.execute(chat_stories.delete().where(chat_stories.c.chat_id == chat_id))
            await conn.execute(open_pickers.delete().where(open_pickers.c.chat_id == chat_id))
            result = await conn.execute(subscribers.delete().where(
                subscribers.c.chat_id == chat_id))
        return bool(result.rowcount)

    async def open_picker(self, chat_id: int, kind: str, *, now: datetime,
                          forget_before: datetime) -> None:
        """Remember the picker question a chat was just asked (replacing any other), and
        forget the questions asked before `forget_before` that no update ever took."""
        async with self._begin() as conn:
            await conn.execute(open_pickers.delete().where(sa.or_(
                open_pickers.c.chat_id == chat_id, open_pickers.c.opened_at < forget_before)))
            await conn.execute(open_pickers.insert().values(chat_id=chat_id, kind=kind,
                                                            opened_at=now))

    async def take_picker(self, chat_id: int) -> tuple[str, datetime] | None:
        """The picker question a chat was asked and when, forgotten now; None if none.

        Taken by the delete: of two updates of the chat read side by side (two replicas),
        only the one whose delete removed the question gets it (a read and then a delete
        gave it to both). A conditional delete, as `schedule_unscheduled` writes, rather
        than DELETE … RETURNING, which SQLite has only since 3.35 (RHEL 9's Python has
        3.34). Asked at every update of a private chat: a plain read comes first, and the
        write (on SQLite, the database's one write lock) only when there is a question.
        """
        async with self._connect() as conn:
            row = (await conn.execute(sa.select(open_pickers.c.kind, open_pickers.c.opened_at)
                                      .where(open_pickers.c.chat_id == chat_id))).first()
        if row is None:
            return None
        async with self._begin() as conn:
            taken = await conn.execute(open_pickers.delete().where(
                open_pickers.c.chat_id == chat_id, open_pickers.c.kind == row.kind,
                open_pickers.c.opened_at == row.opened_at))
        return (row.kind, row.opened_at) if taken.rowcount == 1 else None

    async def unscheduled_subscribers(self, *, limit: int = 500) -> list[Subscriber]:
        """Active, unpaused chats with no next briefing: left so by a version that could not
        read their stored time zone (`jobs.reschedule_stranded`)."""
        async with self._connect() as conn:
            rows = await conn.execute(
                sa.select(subscribers)
                .where(subscribers.c.active.is_(True), subscribers.c.paused.is_(False),
                       subscribers.c.next_briefing_at.is_(None))
                .order_by(subscribers.c.chat_id).limit(limit))
            return [_subscriber(row) for row in rows]

    async def schedule_unscheduled(self, chat_id: int, moment: datetime) -> bool:
        """Set a chat's next briefing if it still has none (a chat /stop deleted meanwhile is
        not brought back: review); says whether it was set."""
        async with self._begin() as conn:
            result = await conn.execute(
                subscribers.update()
                .where(subscribers.c.chat_id == chat_id,
                       subscribers.c.next_briefing_at.is_(None))
                .values(next_briefing_at=moment))
        return bool(result.rowcount)

    async def due_subscribers(self, now: datetime, *, limit: int = 500) -> list[Subscriber]:
        """Active, unpaused chats whose briefing time has come, the longest waiting first."""
        async with self._connect() as conn:
            # In the due index's order only: a second key (chat_id) made the database sort
            # every due chat for each batch (39 ms instead of 1.4 ms with 100,000 due), and
            # chats due at the same moment all go in this cycle anyway.
            rows = await conn.execute(
                sa.select(subscribers)
                .where(subscribers.c.active.is_(True), subscribers.c.paused.is_(False),
                       subscribers.c.next_briefing_at <= now)
                .order_by(subscribers.c.next_briefing_at).limit(limit))
            return [_subscriber(row) for row in rows]

    async def enqueue_briefings(self, briefings: Sequence[QueuedBriefing], *,
                                now: datetime) -> set[int]:
        """Queue many chats' briefings and move their schedules on, in one transaction.

        A (chat, cycle) already queued is not queued again, so a crash and a retry can never
        queue a briefing twice; that chat's schedule then only moves forward, never back.
        Returns the chats queued now. One transaction for a batch of readers instead of one
        each: a cycle for 100,000 readers does not wait for 100,000 commits.
        """
        if not briefings:
            return set()
        wanted: dict[tuple[int, str], QueuedBriefing] = {}
        for briefing in briefings:
            wanted.setdefault((briefing.chat_id, briefing.cycle), briefing)
        done: list[QueuedBriefing] = []
        async with self._begin() as conn:
            chats = sorted({chat for chat, _ in wanted})
            for chunk in chunks(chats):
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
                 "status": "pending", "attempts": 0, "not_before": now, "created_at": now,
                 "message_id": None,
                 "reply_to": b.replies[number - 1] if number <= len(b.replies) else None,
                 "buttons": b.buttons[number - 1] if number <= len(b.buttons) else None}
                for b in wanted.values() for number, text in enumerate(b.parts, start=1)]
            for chunk in chunks(messages):
                await conn.execute(outbox.insert(), list(chunk))
            await write_receipts(conn, [
                {"chat_id": b.chat_id, "story_id": r.version.story_id, "version": r.version,
                 "cycle": b.cycle, "part": r.part, "title": r.title}
                for b in wanted.values() for r in b.received], now=now)
            schedule = (
                subscribers.update()
                .where(subscribers.c.chat_id == sa.bindparam("b_chat"))
                .values(next_briefing_at=sa.bindparam("b_next", type_=UTCDateTime()),
                        last_briefing_at=sa.func.coalesce(
                            sa.bindparam("b_last", type_=UTCDateTime()),
                            subscribers.c.last_briefing_at)))
            moves = [{"b_chat": b.chat_id, "b_next": b.next_briefing_at,
                      "b_last": b.last_briefing_at} for b in wanted.values()]
            for chunk in chunks(moves):
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
        async with self._connect() as conn:
            rows = await conn.execute(
                sa.select(outbox).where(outbox.c.status == "pending", outbox.c.not_before <= now,
                                        ~blocked)
                .order_by(outbox.c.id).limit(limit))
            return [Delivery(id=r.id, chat_id=r.chat_id, cycle=r.cycle, part=r.part,
                             text=r.text, status=r.status, attempts=r.attempts,
                             reply_to=r.reply_to, buttons=r.buttons) for r in rows]

    async def mark_delivery(self, delivery_id: int, *, status: str, now: datetime,
                            error: str | None = None, retry_at: datetime | None = None,
                            count: bool = True, message_id: int | None = None) -> None:
        """Record a send: 'sent', 'failed' (given up), or 'pending' again with a retry time.

        A final status also counts towards the day's totals, in the same transaction. A sent
        part's Telegram message id is kept, on the part and on the stories it carried: a later
        update of one of them is sent as a reply to it.
        """
        values: dict[str, Any] = {"status": status, "error": error}
        if count:
            values["attempts"] = outbox.c.attempts + 1
        if status == "sent":
            values["sent_at"] = now
            values["message_id"] = message_id
        if retry_at is not None:
            values["not_before"] = retry_at
        async with self._begin() as conn:
            result = await conn.execute(
                outbox.update().where(outbox.c.id == delivery_id).values(values))
            if status != "pending":
                await _add_to_totals(conn, now, status, result.rowcount)
            if status == "sent" and message_id is not None:
                row = (await conn.execute(sa.select(outbox.c.chat_id, outbox.c.cycle,
                                                    outbox.c.part)
                                          .where(outbox.c.id == delivery_id))).first()
                if row is not None:
                    await conn.execute(chat_stories.update().where(
                        chat_stories.c.chat_id == row.chat_id,
                        chat_stories.c.cycle == row.cycle,
                        chat_stories.c.part == row.part).values(message_id=message_id))

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: its subscription and queue follow the new id."""
        # Only conditional writes, no read first: Telegram's two service messages (one in
        # each chat) arrive together and are handled side by side, and on SQLite a read before
        # the write lock let the second move delete what the first had moved (review).
        old, new = subscribers.alias("old"), subscribers.alias("new")
        old_chose = sa.exists().where(old.c.chat_id == old_chat_id, old.c.topics != "")
        new_there = sa.exists().where(new.c.chat_id == new_chat_id)
        async with self._begin() as conn:
            # The supergroup may have subscribed itself already: its own choice is kept,
            # unless it chose nothing yet and the group did (a /start made because the bot
            # did not know the new id; reader QA: the group's topics, zone and time were lost).
            await conn.execute(subscribers.delete().where(
                subscribers.c.chat_id == new_chat_id, subscribers.c.topics == "", old_chose))
            await conn.execute(subscribers.update().where(
                subscribers.c.chat_id == old_chat_id, ~new_there).values(chat_id=new_chat_id))
            await conn.execute(subscribers.delete().where(subscribers.c.chat_id == old_chat_id))
            # A briefing both were queued for the same cycle is the supergroup's once (the
            # queue holds one per chat, cycle and part: review).
            await conn.execute(outbox.delete().where(
                outbox.c.chat_id == old_chat_id, outbox.c.cycle.in_(
                    sa.select(outbox.c.cycle).where(outbox.c.chat_id == new_chat_id)
                    .scalar_subquery())))
            await conn.execute(outbox.update().where(
                outbox.c.chat_id == old_chat_id).values(chat_id=new_chat_id))
            # What the group received moves too (its message ids are the old chat's, which a
            # reply tolerates: updates are sent with allow_sending_without_reply).
            await conn.execute(chat_stories.delete().where(
                chat_stories.c.chat_id == old_chat_id,
                chat_stories.c.story_id.in_(sa.select(chat_stories.c.story_id).where(
                    chat_stories.c.chat_id == new_chat_id).scalar_subquery())))
            await conn.execute(chat_stories.update().where(
                chat_stories.c.chat_id == old_chat_id).values(chat_id=new_chat_id))

    async def deactivate(self, chat_id: int, *, reason: str, now: datetime) -> None:
        """The bot was blocked or removed: stop sending, drop what is queued, and forget that
        the chat received the stories those messages carried (found by reader QA: a reader
        who blocked the bot and came back never got the stories of the briefing that failed;
        a later update replied under a headline they had never seen)."""
        async with self._begin() as conn:
            await conn.execute(subscribers.update().where(
                subscribers.c.chat_id == chat_id).values(active=False))
            # Not updates (they reply to the story's message): their receipt is the chat's
            # only record of having had the story, which would then come whole (review).
            queued = (await conn.execute(sa.select(outbox.c.cycle, outbox.c.part).where(
                outbox.c.chat_id == chat_id, outbox.c.status == "pending",
                outbox.c.reply_to.is_(None)))).all()
            result = await conn.execute(outbox.update().where(
                outbox.c.chat_id == chat_id, outbox.c.status == "pending").values(
                    status="dropped", error=reason, sent_at=None))
            await _add_to_totals(conn, now, "dropped", result.rowcount)
            for cycle, part in queued:
                await conn.execute(chat_stories.delete().where(
                    chat_stories.c.chat_id == chat_id, chat_stories.c.cycle == cycle,
                    chat_stories.c.part == part, chat_stories.c.message_id.is_(None)))

    async def oldest_pending_delivery(self) -> datetime | None:
        """When the oldest message still waiting in the outbox was queued, if any waits."""
        async with self._connect() as conn:
            # min() keeps the column's type: an aware moment in UTC.
            found: datetime | None = (await conn.execute(sa.select(
                sa.func.min(outbox.c.created_at)).where(outbox.c.status == "pending"))
                ).scalar_one()
        return found

    async def subscriber_count(self) -> int:
        async with self._connect() as conn:
            return int((await conn.execute(sa.select(sa.func.count()).select_from(
                subscribers).where(subscribers.c.active.is_(True)))).scalar_one())

    async def count_replies(self, count: int, *, now: datetime) -> None:
        """Count briefing messages sent straight to a chat that asked (/briefing, /more, the
        buttons), not through the outbox: `delivery_counts` says them as 'replied'."""
        async with self._begin() as conn:
            await _add_to_totals(conn, now, "replied", count)

    async def delivery_counts(self, since: datetime) -> dict[str, int]:
        """Messages by status: 'sent', 'failed' and 'dropped' since the UTC day of a moment
        (kept when readers leave), 'replied' (briefings sent to a chat that asked), and
        'pending' now waiting in the outbox."""
        async with self._connect() as conn:
            rows = await conn.execute(
                sa.select(delivery_totals.c.status, sa.func.sum(delivery_totals.c.count))
                .where(delivery_totals.c.day >= since.astimezone(UTC).date())
                .group_by(delivery_totals.c.status))
            found = {status: int(count) for status, count in rows}
            pending = (await conn.execute(sa.select(sa.func.count()).select_from(outbox).where(
                outbox.c.status == "pending"))).scalar_one()
        if pending:
            found["pending"] = int(pending)
        return found


async def _add_to_totals(conn: AsyncConnection, now: datetime, status: str, count: int) -> None:
    """Add to a day's count of a status; one statement, so concurrent senders never lose one."""
    if not count:
        return
    values = {"day": now.astimezone(UTC).date(), "status": status, "count": count}
    keys = [delivery_totals.c.day, delivery_totals.c.status]
    more = {"count": delivery_totals.c.count + count}
    if conn.dialect.name == "postgresql":
        await conn.execute(postgresql.insert(delivery_totals).values(values)
                           .on_conflict_do_update(index_elements=keys, set_=more))
    else:
        await conn.execute(sqlite.insert(delivery_totals).values(values)
                           .on_conflict_do_update(index_elements=keys, set_=more))

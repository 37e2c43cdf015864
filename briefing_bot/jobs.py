"""Scheduled work, free of Telegram types: which chats are due, and their briefings queued.

The scheduler never holds a job per reader; each tick asks the store which chats are due.
Briefings missed while the bot was down are sent once when it starts again, if they are
within the grace window; older ones are skipped (and the next one scheduled), never doubled.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, timedelta

from briefing_bot import schedule
from briefing_bot.briefing import MAX_ITEMS, build_briefing
from briefing_bot.categories import TopicMatcher
from briefing_bot.compose import render_html
from briefing_bot.models import Subscriber
from briefing_bot.schedule import due_action
from briefing_bot.store import QueuedBriefing, Store
from briefing_bot.summaries import Summarizer
from briefing_bot.topics import TopicFilter, parse_topics

log = logging.getLogger(__name__)

GRACE = timedelta(hours=6)
FIRST_WINDOW = timedelta(hours=24)  # a new reader's first briefing looks back this far


@dataclasses.dataclass
class CycleReport:
    queued: int = 0
    skipped: int = 0
    messages: int = 0


def next_briefing(subscriber: Subscriber, after: datetime) -> datetime | None:
    """The chat's next briefing time after a moment, or None if its settings are unusable."""
    following = schedule.next_briefing(subscriber.brief_time, subscriber.timezone, after)
    if following is None:
        log.warning("chat %s has an unusable schedule %s %s", subscriber.chat_id,
                    subscriber.brief_time, subscriber.timezone)
    return following


def topics_of(subscriber: Subscriber) -> TopicFilter:
    try:
        return parse_topics(subscriber.topics)
    except ValueError:
        return TopicFilter()


async def run_briefing_cycle(store: Store, summarizer: Summarizer, *, now: datetime,
                             max_words: int, grace: timedelta = GRACE,
                             batch: int = 500, matcher: TopicMatcher | None = None,
                             max_items: int = MAX_ITEMS) -> CycleReport:
    """Queue a briefing for every chat that is due; each chat's slot is queued at most once."""
    report = CycleReport()
    composed: dict[tuple[str, str, datetime], tuple[str, ...]] = {}
    while True:
        due = await store.due_subscribers(now, limit=batch)
        if not due:
            return report
        # One read of the stories per batch, filtered per reader in memory: a cycle's database
        # work grows with batches, not with readers.
        earliest = min(s.last_briefing_at or now - FIRST_WINDOW for s in due)
        recent = await store.stories_since(earliest)
        queue: list[QueuedBriefing] = []
        for subscriber in due:
            assert subscriber.next_briefing_at is not None  # noqa: S101 - due_subscribers' rule
            following = next_briefing(subscriber, now)
            if due_action(subscriber.next_briefing_at, now, grace) == "skip":
                queue.append(QueuedBriefing(
                    subscriber.chat_id, cycle=f"skip:{subscriber.next_briefing_at.isoformat()}",
                    parts=(), next_briefing_at=following, last_briefing_at=None))
                continue
            since = subscriber.last_briefing_at or now - FIRST_WINDOW
            # Readers with the same topics, language and window get the same briefing: it is
            # composed once per cycle, however many of them there are.
            key = (topics_of(subscriber).describe().lower(), subscriber.language, since)
            if key not in composed:
                briefing = await build_briefing(
                    store, summarizer, topics=topics_of(subscriber), since=since, now=now,
                    language=subscriber.language, max_words=max_words, intros=False,
                    stories=recent, matcher=matcher, max_items=max_items)
                composed[key] = tuple(render_html(briefing))
            queue.append(QueuedBriefing(
                subscriber.chat_id, cycle=subscriber.next_briefing_at.isoformat(),
                parts=composed[key], next_briefing_at=following, last_briefing_at=now))
        # The whole batch in one transaction; each chat's slot is still queued at most once.
        queued = await store.enqueue_briefings(queue, now=now)
        for item in queue:
            if item.chat_id not in queued:
                continue
            if item.last_briefing_at is None:
                report.skipped += 1
            else:
                report.queued += 1
                report.messages += len(item.parts)
        if len(due) < batch:
            return report

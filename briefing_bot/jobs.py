"""Scheduled work, free of Telegram types: which chats are due, and their briefings queued.

The scheduler never holds a job per reader; each tick asks the store which chats are due.
Briefings missed while the bot was down are sent once when it starts again, if they are
within the grace window; older ones are skipped (and the next one scheduled), never doubled.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from time import monotonic

from briefing_bot import schedule, updates
from briefing_bot.briefing import MAX_ITEMS
from briefing_bot.categories import TopicMatcher
from briefing_bot.errors import StoreError
from briefing_bot.heap import give_back_memory
from briefing_bot.models import Subscriber
from briefing_bot.schedule import due_action
from briefing_bot.store import QueuedBriefing, Store
from briefing_bot.summaries import Summarizer

log = logging.getLogger(__name__)

GRACE = timedelta(hours=6)
FIRST_WINDOW = updates.FIRST_WINDOW  # a new reader's first briefing looks back this far
# A scheduled briefing with nothing new is not sent this soon after the last one (a time
# moved later the same day); the chat waits for its next.
QUIET_REPEAT = timedelta(hours=12)
# A scheduled briefing this soon after one the reader asked for (/briefing, "More", the top
# stories) holds only what was first seen since that one; nothing, and it is not sent. Reader
# QA, stop 73 R10: a new reader's /briefing at 07:28 (ten stories and "More") was followed at
# 07:30 by the scheduled one with the next ten, as if it were the day's news. What the first
# left behind "More" is still there for the asking; it is not lost either: a later scheduled
# briefing reaches back to the last scheduled one (`updates.since_of`).
JUST_BRIEFED = timedelta(hours=2)
# A batch's briefings are queued together (one transaction for up to 500 chats), or as soon
# as they have taken this long to write, so that a slow model does not hold the first back.
QUEUE_AFTER_SECONDS = 5.0


# A run this long when a tick is skipped is said at WARNING (once a run): an operator's
# refresh interval is 10 minutes or more in most setups.
LONG_RUN = timedelta(minutes=10)


class RunRecord:
    """This instance's runs of a scheduled job (the refresh): each one's start and end
    recorded in the store, where `status` reads them (operator QA, stop 77: it inferred a
    stuck refresh from the sources' times), and said when the scheduler skips a tick because
    the run goes on (APScheduler's own warning, "maximum number of running instances
    reached", said neither which run nor since when)."""

    def __init__(self, store: Store, name: str, *, holder: str,
                 clock: Callable[[], datetime]) -> None:
        self._store = store
        self.name = name
        self._holder = holder
        self._clock = clock
        self.since: datetime | None = None  # when the run under way began
        self._skipped = 0  # ticks skipped during it
        self._warned = False  # whether a skip of it was said at WARNING

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """One run: recorded as begun, and as ended however it ends (a failure, the bot's
        stop)."""
        started = self._clock()
        self.since, self._skipped, self._warned = started, 0, False
        try:
            await self._store.run_started(self.name, self._holder, now=started)
        except StoreError as exc:
            # A busy database costs the record, not the run (review, stop 77).
            log.warning("%s: could not record its start (it runs all the same): %s",
                        self.name, exc)
            recorded = False
        else:
            recorded = True
        try:
            yield
        finally:
            self.since = None
            try:
                if recorded:
                    await self._store.run_ended(self.name, self._holder, started=started,
                                                now=self._clock())
            except StoreError as exc:  # (the run's own error, if any, is what is raised)
                log.warning("%s: could not record its end: %s", self.name, exc)

    def skipped(self) -> None:
        """The scheduler skipped a tick: the run goes on. Said at INFO, and once a run at
        WARNING when it has run `LONG_RUN` (a tick a minute: a refresh of two minutes, usual
        on a large install, warned at every refresh: review, stop 77)."""
        self._skipped += 1
        if self.since is None:  # (a tick that found nothing due, slow to say so)
            log.info("%s tick skipped: the previous one is still running", self.name)
            return
        ran = self._clock() - self.since
        minutes = int(ran.total_seconds() // 60)
        warn = not self._warned and ran >= LONG_RUN
        self._warned = self._warned or warn
        (log.warning if warn else log.info)(
            "%s tick skipped: the previous %s is still running, since %s UTC (%d min)%s",
            self.name, self.name, self.since.astimezone(UTC).strftime("%H:%M"), minutes,
            f"; {self._skipped} ticks skipped" if self._skipped > 1 else "")


@dataclasses.dataclass
class CycleReport:
    queued: int = 0
    skipped: int = 0  # too late (past the grace)
    quiet: int = 0  # nothing new, soon after the last briefing (QUIET_REPEAT)
    messages: int = 0
    deferred: int = 0  # a /briefing told them meanwhile: written again at the next tick
    refused: int = 0  # not on the bot's allowlist (BRIEFING_ALLOWED_IDS)

    def count(self, item: QueuedBriefing) -> None:
        """Count a chat's slot as queued."""
        if item.cycle.startswith("quiet:"):
            self.quiet += 1
        elif item.cycle.startswith("refused:"):
            self.refused += 1
        elif item.last_briefing_at is None:
            self.skipped += 1
        else:
            self.queued += 1
            self.messages += len(item.parts)


def next_briefing(subscriber: Subscriber, after: datetime) -> datetime | None:
    """The chat's next briefing time after a moment, or None if its settings are unusable."""
    following = schedule.next_briefing(subscriber.brief_time, subscriber.timezone, after)
    if following is None:
        log.warning("chat %s has an unusable schedule %s %s", subscriber.chat_id,
                    subscriber.brief_time, subscriber.timezone)
    elif not schedule.known_zone(subscriber.timezone):
        log.warning("chat %s: time zone %r is unknown to this machine's tz database (tzdata "
                    "older than the one it was set with?); briefed at %s UTC until the reader "
                    "sets another", subscriber.chat_id, subscriber.timezone,
                    subscriber.brief_time)
    return following


async def reschedule_stranded(store: Store, now: datetime) -> int:
    """Give chats with no next briefing one again, where their stored time can be read: an
    earlier version left every chat whose time zone it could not read unscheduled for good
    (review); an unknown zone now counts as UTC. Those whose time cannot be read stay."""
    moved = 0
    for subscriber in await store.unscheduled_subscribers():
        following = schedule.next_briefing(subscriber.brief_time, subscriber.timezone, now)
        if following is None:
            continue
        if not await store.schedule_unscheduled(subscriber.chat_id, following):
            continue
        log.info("chat %s had no next briefing (its schedule %s %s); next at %s",
                 subscriber.chat_id, subscriber.brief_time, subscriber.timezone,
                 following.isoformat())
        moved += 1
    return moved


async def run_briefing_cycle(store: Store, summarizer: Summarizer, *, now: datetime,
                             max_words: int, grace: timedelta = GRACE,
                             batch: int = 500, matcher: TopicMatcher | None = None,
                             max_items: int = MAX_ITEMS,
                             allowed: Callable[[Subscriber], bool] | None = None,
                             queued: Callable[[], None] | None = None,
                             just_briefed: timedelta = JUST_BRIEFED
                             ) -> CycleReport:
    """Queue a briefing for every chat that is due; each chat's slot is queued at most once.
    `allowed`: whether a chat may be briefed (the bot's allowlist); the others' slots pass
    without a briefing (they stay subscribed, and may /stop). `queued` is called whenever
    briefings were queued, so that sending may begin before the cycle ends. `just_briefed`:
    how soon after a briefing a reader asked for a scheduled one holds only what is new since
    (`JUST_BRIEFED`)."""
    report = CycleReport()
    await reschedule_stranded(store, now)
    # Shares what does not depend on what each reader already has (briefings of new stories,
    # update summaries) across the whole cycle.
    composer = updates.Composer(store, summarizer, now=now, max_words=max_words,
                                matcher=matcher, max_items=max_items)
    while True:
        due = await store.due_subscribers(now, limit=batch)
        if not due:
            return report
        # One read of the stories, and of what these chats already have, per batch, filtered
        # per reader in memory: a cycle's database work grows with batches, not with readers.
        batch_read = await updates.read_batch(store, composer, due)
        queue: list[QueuedBriefing] = []
        written = monotonic()
        for subscriber in due:
            queue.append(await _slot(composer, batch_read, subscriber, now=now, grace=grace,
                                     allowed=allowed, just_briefed=just_briefed))
            if monotonic() - written >= QUEUE_AFTER_SECONDS:
                # Written slowly (a local LLM: minutes a story), what is ready goes out now:
                # the round's first reader no longer waits for its last (reader QA, stop 60).
                await _enqueue(store, queue, report, now=now, queued=queued)
                queue, written = [], monotonic()
        await _enqueue(store, queue, report, now=now, queued=queued)
        # What the batch read and wrote is garbage now; the allocator would keep its pages
        # (in the database threads' arenas), and the peak is what the host must provide.
        give_back_memory()
        if len(due) < batch:
            return report


async def _enqueue(store: Store, queue: list[QueuedBriefing], report: CycleReport, *,
                   now: datetime, queued: Callable[[], None] | None) -> None:
    """Queue the written briefings in one transaction; each chat's slot is still queued at
    most once. What it queues counts as received: those stories keep their ids from now on."""
    if not queue:
        return
    # A /briefing sent while these were written (a slow LLM takes minutes) told what they
    # read as new: those chats stay due, and the next tick writes theirs from what they have
    # then, summaries cached (operator QA: both sent every story, seconds apart).
    told_meanwhile = await store.received_since(
        [item.chat_id for item in queue if item.parts], now)
    if told_meanwhile:
        queue = [item for item in queue if item.chat_id not in told_meanwhile]
        report.deferred += len(told_meanwhile)
    written = await store.enqueue_briefings(queue, now=now)
    for item in queue:
        if item.chat_id in written:
            report.count(item)
    if queued is not None and any(item.parts for item in queue if item.chat_id in written):
        queued()


async def _slot(composer: updates.Composer, batch_read: updates.Batch, subscriber: Subscriber,
                *, now: datetime, grace: timedelta,
                allowed: Callable[[Subscriber], bool] | None,
                just_briefed: timedelta = JUST_BRIEFED) -> QueuedBriefing:
    """What a due chat's slot queues: its briefing, or the slot passing without one (not
    allowed, too late, nothing new soon after the last)."""
    assert subscriber.next_briefing_at is not None  # noqa: S101 - due_subscribers' rule
    following = next_briefing(subscriber, now)
    slot = subscriber.next_briefing_at.isoformat()
    if allowed is not None and not allowed(subscriber):
        return QueuedBriefing(subscriber.chat_id, cycle=f"refused:{slot}", parts=(),
                              next_briefing_at=following, last_briefing_at=None)
    if due_action(subscriber.next_briefing_at, now, grace) == "skip":
        return QueuedBriefing(subscriber.chat_id, cycle=f"skip:{slot}", parts=(),
                              next_briefing_at=following, last_briefing_at=None)
    # Only what this chat has not had: new stories, and updates of stories that gained
    # articles since it received them (never the same version twice).
    last = updates.last_told(subscriber, batch_read.receipts.get(subscriber.chat_id, {}))
    since = None
    if (last is not None and now - last < just_briefed
            and (subscriber.last_briefing_at is None or last > subscriber.last_briefing_at)):
        # Just told by a briefing the reader asked for: news since then only (`JUST_BRIEFED`;
        # the window of new stories reaches back `OVERLAP` before its moment).
        since = last + updates.OVERLAP
    told = await updates.briefing_for(composer, batch_read, subscriber, now=now, since=since)
    if not told.new and not told.updates and last is not None and now - last < QUIET_REPEAT:
        # "Nothing new" twice in a day says nothing (found by reader QA: a reader who moved
        # their time later after the day's briefing got a second, empty one). A /briefing
        # that brought stories counts as the last one too (review).
        return QueuedBriefing(subscriber.chat_id, cycle=f"quiet:{slot}", parts=(),
                              next_briefing_at=following, last_briefing_at=None)
    return QueuedBriefing(subscriber.chat_id, cycle=slot, parts=told.parts,
                          next_briefing_at=following, last_briefing_at=now,
                          replies=told.replies, buttons=told.buttons, received=told.received)

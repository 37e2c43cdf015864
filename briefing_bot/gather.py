"""The gathering use case: read sources, keep what is new, and file each article under a story.

Reads run concurrently (bounded); writes and clustering run one source at a time, so the story
index and the database always agree and one bad source never costs the others anything. Across
processes (`run` and an operator's `fetch`, or replicas) filing takes a short database lease
and first reads what the others filed, so that two processes fetching at once do not split a
story between them (found by operator QA: 15 stories instead of 10, for good). After
each source's articles are stored, the stories they touched are re-checked (`cluster.py`):
articles that fit another story better move, stories that turn out to be one merge, and a
story a reader has received keeps its id. The story index lives in memory across refreshes
(`StoryKeeper`); only articles it has not seen are read from the database.

The clustering's work (reading articles into the index, matching new ones, re-checking) runs in
a worker thread, one step at a time, so that the bot answers readers meanwhile; the database
is written from the event loop, between those steps (`_off_loop`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import itertools
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Hashable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import httpx

from briefing_bot import extractive
from briefing_bot.cluster import (
    DEFAULT_TUNING,
    Changes,
    StoryIndex,
    Tuning,
    embedding_text,
    features,
    story_title,
    text_gives_title,
)
from briefing_bot.config import Settings
from briefing_bot.embeddings import Embedder, EmbeddingsUnavailable, Vectors
from briefing_bot.errors import DuplicateError, SourceError, StoreError, StoreUnavailable
from briefing_bot.leadership import instance_name
from briefing_bot.models import (
    NEWS_MAX_AGE,
    Article,
    Entry,
    FeedPage,
    FetchReport,
    InputKind,
    Source,
    SourceKind,
    SourceOutcome,
)
from briefing_bot.pages import Page, content_hash, page_kind, tells_teaser, word_count
from briefing_bot.retold import ARTICLES, RETOLD_WITHIN, TITLES, Retellings, Titled, Told
from briefing_bot.sources import fetch_feed, fetch_page, read_directory, read_feed_file
from briefing_bot.store import ItemVersions, NewArticle, Store
from briefing_bot.text import (
    TITLE_MAX,
    adds_words,
    advertised,
    names_a_picture,
    reads_as_page_headline,
    title_from_text,
    told_by,
)
from briefing_bot.urls import canonical_url, is_web_url

log = logging.getLogger(__name__)

_T = TypeVar("_T")

Clock = Callable[[], datetime]
Progress = Callable[[SourceOutcome], None]

FILING_LEASE = "filing"
# Filing one source's articles takes well under a second to a few seconds (embedding a big
# batch, or the first load of the model, can take longer); a holder that died frees the lease
# after this long. The holder renews it every third of that while it files (however long an
# embedding batch or the model's first load takes), so a holder killed while filing (SIGKILL,
# OOM) frees it within this long (found by the crash test: with 300 s and no renewal, the
# `fetch` after a killed one waited FILING_WAIT_SECONDS for each source, for minutes).
FILING_LEASE_SECONDS = 30.0
# How long a process waits for another's filing (real time) before filing anyway, as it did
# before the lease: a stuck peer must not stop this one's refreshes.
FILING_WAIT_SECONDS = 90.0
_FILING_POLL_SECONDS = 0.2
# A process waiting to file holds its place in line, renewed as it waits: a process filing
# source after source gives the filing lease up between two and would take it straight back
# (operator QA: a `fetch` beside the bot's refresh of 400 sources waited 90 s, then both filed
# at once, and re-filing failed on a story the other had just deleted). A waiter that died
# frees its place after this long.
FILING_QUEUE_LEASE = "filing queue"
_FILING_QUEUE_SECONDS = 10.0


_EARLY = timedelta(minutes=1)  # at most this much before the interval is up
# An item corrected more often than this is a feed rotating its headlines, not corrections.
MAX_REVISIONS = 3


# A log record's mark: what it says, a command's own report says too (`cli.configure_logging`).
REPORTED = "reported_by_command"
# A source's error when another process stored some of its items first (no failure of the
# source: it is read again in a minute).
LOST_TURN = "another process was storing the same articles; will retry"
# What a source's problem says when its stories could not be re-filed (`fetch` says it as
# an error, which --quiet keeps: review).
REFILE_REFUSED = "the database refused re-filing its stories"
def corrected(entry: Entry, stored: ItemVersions) -> bool:
    """Whether a feed's item, stored before, is a revision of it by its outlet: a headline
    that says something new (not a spelling fix, a full stop or an "UPDATED:": review), not
    one it had before (a feed trying headlines in turn), not revised too often already.

    The headline decides, not the text: a teaser completed from its page is stored as the
    page's text, so a feed's own text differs from the stored one at every read. An item
    without a headline has none to revise: the title the bot made from its text changes with
    the bot (reader QA: after an upgrade that named captions better, an unchanged item came
    to readers as "revised by its outlet")."""
    return (entry.titled and len(stored.earlier_titles) < MAX_REVISIONS
            and all(adds_words(entry.title, title)
                    for title in (stored.title, *stored.earlier_titles)))


def next_check(settings: Settings, now: datetime, consecutive_errors: int, *,
               asked: float | None = None) -> datetime:
    """When to look at a source again: the refresh interval, after a first failure too, then
    doubled per further consecutive failure, and not before the publisher asked (`asked`: its
    Retry-After, in seconds; operator QA: a feed asking for two hours was asked again within
    minutes), within the back-off's cap."""
    base = timedelta(minutes=settings.refresh_minutes)
    # A little early: the refresh job one interval later must find it due (operator QA:
    # due a few seconds after that job ran, every source was read every other interval).
    early = min(base / 10, _EARLY)
    if consecutive_errors <= 0:
        return now + base - early
    cap = max(timedelta(hours=settings.max_backoff_hours), base)
    # A first failure waits no longer than a read does (reader QA, stop 74 R12: one HTTP 503
    # moved an outlet's next check from 30 min to an hour, and a minute's outage held its
    # news that long); a source that goes on failing is asked less and less often.
    factor = 1 << min(consecutive_errors - 1, 20)
    wait = min(base * factor - early, cap)
    if asked:
        wait = max(wait, timedelta(seconds=min(asked, cap.total_seconds())))
    return now + wait


async def embed(embedder: Embedder | None, titles_and_texts: Sequence[tuple[str, str]]
                ) -> list[Vectors | None]:
    """Each article's embedding, or None for all when there is no embedder or it failed
    (the articles are then clustered by their words alone, and the failure is logged)."""
    if embedder is None or not titles_and_texts:
        return [None] * len(titles_and_texts)
    try:
        vectors = await embedder.passages(
            [embedding_text(title, text) for title, text in titles_and_texts])
    except EmbeddingsUnavailable as exc:
        # Once per failure, not once per source while the server is left alone.
        (log.info if exc.told else log.warning)("clustering by words alone for now: %s", exc)
        return [None] * len(titles_and_texts)
    return list(vectors)


def _too_old(listed: Sequence[Entry], fresh: Sequence[Entry], now: datetime) -> tuple[str, ...]:
    """A line for new items dated too long ago to be news, listed above items the feed had
    before (reader QA: an item with a wrong 2019 date on new news was stored, sent to no
    reader, and said nowhere). Below them, an old item is one the feed still lists after
    retention deleted it, stored again: nothing wrong with the feed (review)."""
    new = {id(entry) for entry in fresh}
    last_known = max((number for number, entry in enumerate(listed) if id(entry) not in new),
                     default=-1)
    old = sorted(entry.published_at for number, entry in enumerate(listed)
                 if id(entry) in new and number < last_known and entry.published_at is not None
                 and now - entry.published_at > NEWS_MAX_AGE)
    if not old:
        return ()
    dated = old[0].date().isoformat() + (f" to {old[-1].date().isoformat()}"
                                         if old[-1].date() != old[0].date() else "")
    return (f"{len(old)} new item(s) dated {dated}, over {NEWS_MAX_AGE.days} days ago, among "
            "newer ones: kept, but too old by their date to be news on their own (a wrong date "
            "in the feed?)",)


def source_problem(problems: Sequence[str]) -> str | None:
    """What was wrong with a read that worked, to keep on the source (a feed cut short, a
    binary file in a folder); not an article page that could not be read, which each refresh
    meets anew."""
    return "; ".join(p for p in problems if not p.startswith("page ")) or None


async def _off_loop(work: Callable[[], _T]) -> _T:
    """`work` (the clustering's, on the story index) in a worker thread: run on the event loop,
    a large refresh held every reader's command until it was done (the first refresh after a
    start reads the whole window's articles into the index). Cancelled (the bot stopping), it
    returns only once the work is done: a thread cannot be stopped, and the index must not
    have a second mutator while it runs (the next refresh, or this one's clean-up)."""
    task = asyncio.ensure_future(asyncio.to_thread(work))
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        while not task.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait({task})
        if not task.cancelled():
            task.exception()  # (retrieved: the cancellation is what is said)
        raise


class StoryKeeper:
    """The story index, kept in memory across refreshes: the first call reads the window's
    articles from the database, later calls only the articles stored since (by any process)."""

    def __init__(self, store: Store, settings: Settings, *, embedder: Embedder | None = None,
                 tuning: Tuning = DEFAULT_TUNING) -> None:
        self._store = store
        self._embedder = embedder
        self._window = timedelta(hours=settings.story_window_hours)
        self._index = StoryIndex(window=self._window, tuning=tuning)
        self._last_id = 0
        # One refresh at a time files into the index (`refresh`): its work runs in a thread
        # between the loop's steps, and a second refresh's would change the index under it.
        self.filing = asyncio.Lock()

    @property
    def embedder(self) -> Embedder | None:
        return self._embedder

    async def index(self, now: datetime) -> StoryIndex:
        """The index, up to date with the database, without articles too old to be joined,
        nor those deleted since it read them (operator QA: after a `db prune` beside the
        running bot, or another instance's retention, new articles joined deleted stories and
        every refresh failed on the database's foreign key until a restart)."""
        # A day's articles leave the window at once; dropping them (and those deleted) is
        # the index's work, done beside the loop as the rest of it is (`_off_loop`).
        stored = await _off_loop(lambda: self._pruned(now))
        if stored:
            kept = await self._store.stored_article_ids(min(stored), max(stored))
            gone = [key for key in stored if key not in kept]
            if gone:
                # (not always retention: operator QA, stop 77 U8, a source removed said so)
                log.info("story index: %d articles deleted since last read (a source removed, "
                         "retention or `db prune`)", len(gone))
                await _off_loop(lambda: self._index.discard(gone))
        return await self.catch_up(now)

    def _pruned(self, now: datetime) -> list[int]:
        """Prune the index; the stored articles it keeps (in a worker thread)."""
        self._index.prune(now)
        return [key for key in self._index.article_keys() if isinstance(key, int)]

    async def catch_up(self, now: datetime) -> StoryIndex:
        """The index with the articles stored since it was last read (by any process).

        Nothing is pruned: during a fetch the index holds what this fetch filed, whatever its
        dates (found by the demo's test: its week-old sample reports stopped joining when each
        source's filing pruned them)."""
        stored = [article for article in
                  await self._store.articles_after(self._last_id, now - self._window)
                  if article.story_id is not None]
        fresh = [article for article in stored if article.id not in self._index]
        vectors = await embed(self._embedder, [(a.title, a.text) for a in fresh])

        def read_in() -> None:  # (a start's first read holds the whole window: `_off_loop`)
            for article, vector in zip(fresh, vectors, strict=True):
                assert article.story_id is not None  # noqa: S101 - filtered above
                self._index.add(article.id, features(article.title, article.text, article.time,
                                                     vector=vector, titled=article.titled,
                                                     kind=article.kind),
                                article.story_id)

        if fresh:
            await _off_loop(read_in)
        # Past what this process stored too: filing catches up once per source, and reading
        # its own articles again each time grew with the square of a fetch (found by review).
        self._last_id = max([self._last_id, *(article.id for article in stored)])
        return self._index

    def forget(self) -> None:
        """Empty the index, to be read again from the database at the next catch-up: after a
        failed write of a re-check, it holds moves and merges the database does not."""
        self._index.discard(list(self._index.article_keys()))
        self._last_id = 0


async def load_index(store: Store, settings: Settings, now: datetime) -> StoryIndex:
    """A story index holding the articles recent enough to be joined by new ones (for a
    one-off run; a long-running process keeps a `StoryKeeper` instead)."""
    return await StoryKeeper(store, settings).index(now)


@dataclasses.dataclass(frozen=True, slots=True)
class _Read:
    """A source's read, done concurrently with other sources."""

    source: Source
    page: FeedPage | None
    error: str | None
    started: datetime
    retry_after: float | None = None  # seconds the publisher asked us to wait
    lasting: bool = False  # the error is one trying again cannot mend


_GATHERERS = itertools.count()


class Gatherer:
    """Fetches sources into the store and clusters their articles into stories."""

    def __init__(
        self, *, store: Store, http: httpx.AsyncClient, settings: Settings, index: StoryIndex,
        clock: Clock, embedder: Embedder | None = None, keeper: StoryKeeper | None = None,
    ) -> None:
        self._store = store
        # Brings `index` up to date with what other processes filed (it keeps that index).
        self._keeper = keeper
        self._holder = f"{instance_name()}:{next(_GATHERERS)}"
        self._embedder = embedder
        self._http = http
        self._settings = settings
        self._index = index
        self._clock = clock
        self._feeds = asyncio.Semaphore(settings.fetch_concurrency)
        self._pages = asyncio.Semaphore(settings.fetch_concurrency)
        self._write = asyncio.Lock()
        # Index keys of the articles this gatherer adds: unique for its life. (Keys built from
        # the clock collided when two sources were stored at the same clock reading, and the
        # later article silently pushed the earlier one out of the story index.)
        self._keys = itertools.count()
        # Stories this fetch created (by the batches' writes or a re-check's split); the
        # report counts those still there at the end, not those a later re-check merged away
        # (found by operator QA: "177 new stories" and 159 in the database).
        self._created: set[int] = set()
        # Each source's problems at its last read, logged then: a feed that lists the same
        # advertisements or furniture at every read is said once, not at every refresh
        # (Russian QA, stop 55); the source keeps the problem (`sources list`) while it lasts.
        self._said: dict[int, frozenset[str]] = {}

    async def fetch(
        self, sources: Sequence[Source], *, progress: Progress | None = None
    ) -> FetchReport:
        """Fetch every source; outcomes come in the order sources finish."""
        outcomes: list[SourceOutcome] = []
        self._created = set()
        now = self._clock()
        # (before the reads begin: they look articles up in the index)
        await _off_loop(lambda: self._index.prune(now))
        tasks = [asyncio.create_task(self._read(source)) for source in sources]
        try:
            for next_done in asyncio.as_completed(tasks):
                outcome = await self._store_read(await next_done)
                outcomes.append(outcome)
                if progress is not None:
                    progress(outcome)
        finally:
            for task in tasks:
                task.cancel()
        await self._mark_retold(now)
        return FetchReport(outcomes=tuple(outcomes), new_stories=sum(
            1 for story in self._created if self._index.members(story)))

    def _settings_window(self) -> timedelta:
        return timedelta(hours=self._settings.story_window_hours)

    async def _mark_retold(self, now: datetime) -> None:
        """Of the stories this fetch created, those that tell an event readers were told days
        before, beyond the index's window (`retold.py`): once per story, not per reader.

        Reading a story's words and scoring its candidates run in the worker thread
        (`_off_loop`), as the rest of the clustering does: a refresh creates hundreds of
        stories, and each took milliseconds to tens of them on the loop, readers' commands
        waiting (`bench/loop_stalls.py`)."""
        retellings = Retellings(self._index)  # (its articles' features: the thread's alone)
        found: dict[int, Titled] = {}
        for story in sorted(self._created):
            members = self._index.members(story)
            if not members:
                continue
            patterns = await _off_loop(functools.partial(retellings.patterns, members))
            titled = [told for told in await self._store.told_titles(
                now - RETOLD_WITHIN, now - self._settings_window(), patterns, limit=TITLES)
                if not self._index.members(told.story_id)]
            if not titled:
                continue
            candidates = await _off_loop(
                functools.partial(retellings.candidates, members, titled))
            if not candidates:
                continue
            first = await self._store.first_articles(
                [told.story_id for told in candidates], per_story=ARTICLES)
            earlier = await _off_loop(functools.partial(retellings.earliest, members, [
                Told(told, first.get(told.story_id, ())) for told in candidates]))
            if earlier is not None:
                found[story] = earlier
                log.debug("story %d retells story %d, told %s", story, earlier.story_id,
                          earlier.told_at.isoformat())
        if found:
            log.info("%s retell%s events readers were told before",
                     "1 new story" if len(found) == 1 else f"{len(found)} new stories",
                     "s" if len(found) == 1 else "")
            await self._store.set_first_told(found)

    async def _read(self, source: Source) -> _Read:
        started = self._clock()
        try:
            async with self._feeds:
                page = await self._read_source(source, started)
            if page.entries:
                page = await self._complete_teasers(source, page)
        except SourceError as exc:
            return _Read(source, None, str(exc), started,
                         retry_after=getattr(exc, "retry_after", None), lasting=exc.lasting)
        except Exception as exc:
            # A bug must not take the other sources down; it is logged with its traceback.
            log.exception("unexpected error reading %s", source.location)
            return _Read(source, None, f"internal error: {type(exc).__name__}", started)
        return _Read(source, page, None, started)

    async def _read_source(self, source: Source, now: datetime) -> FeedPage:
        limits = self._settings
        match source.kind:
            case SourceKind.FEED:
                return await fetch_feed(
                    self._http, source.location, etag=source.etag,
                    last_modified=source.last_modified, max_bytes=limits.max_feed_bytes, now=now)
            case SourceKind.FILE:
                return await asyncio.to_thread(
                    read_feed_file, Path(source.location), max_bytes=limits.max_feed_bytes,
                    now=now)
            case SourceKind.DIRECTORY:
                return await asyncio.to_thread(
                    read_directory, Path(source.location), max_bytes=limits.max_page_bytes)

    async def _complete_teasers(self, source: Source, page: FeedPage) -> FeedPage:
        """Fetch the page of each new teaser-only entry of a web feed, for its full text."""
        if source.kind is not SourceKind.FEED or not self._settings.fetch_pages:
            return page
        fresh = await self._new_entries(source, page.entries)
        revised = [entry for entry, _ in await self._corrections(source, page.entries)]
        wanted = {entry.guid for entry in [*fresh, *revised]
                  if entry.kind is not InputKind.FULL and entry.url and is_web_url(entry.url)}
        if not wanted:
            return page
        problems: list[str] = []
        headlines: dict[str, str] = {}  # an untitled entry's guid: its page's title

        async def read(url: str) -> Page | None:
            try:
                async with self._pages:
                    return await fetch_page(self._http, url,
                                            max_bytes=self._settings.max_page_bytes)
            except SourceError as exc:
                problems.append(f"page {url}: {exc}")
            except Exception as exc:
                # A bug in reading one page keeps that item's teaser, not the whole feed
                # (reader QA, stop 69 S2: one page's import deadlock lost an outlet's 18
                # articles); logged with its traceback.
                log.exception("unexpected error reading the page %s", url)
                problems.append(f"page {url}: internal error: {type(exc).__name__}; the "
                                "feed's text is kept")
            return None

        async def complete(entry: Entry) -> Entry:
            if entry.guid not in wanted or entry.url is None:
                return entry
            page = await read(entry.url)
            if page is None:
                return entry
            text = page.text
            kind = page_kind(page)
            # A page no longer than the feed's text adds nothing, unless read whole it shows
            # that text is the whole article (a news brief the feed carries in full).
            if word_count(text) < word_count(entry.text) or (
                    word_count(text) == word_count(entry.text) and kind is not InputKind.FULL):
                return entry
            if not tells_teaser(text, entry.text, title=entry.title):
                problems.append(f"page {entry.url}: its text does not tell the item's news (a "
                                "cookie notice or a sign-in page?); the feed's text is kept")
                return entry
            if not entry.titled and page.title and told_by(page.title, text):
                headlines[entry.guid] = page.title
            retitled = None if entry.titled else title_from_text(text)
            if retitled is not None and (names_a_picture(entry.title) or (
                    entry.title.endswith("…") and not retitled.endswith("…"))):
                # Named after a caption the teaser opened with, which the page's text shows
                # as one, its credit and all (reader QA: "Sarah Kate Ellis, GLADD president
                # and CEO, third from left, and…" headed the VMAs story); or after a teaser
                # cut inside its first sentence, which the page's text has whole (reader QA,
                # stop 72 Q6: "Goodlatte's son donates to Democrat running to replace …").
                return dataclasses.replace(entry, text=text, kind=kind, posts=page.posts,
                                           title=retitled)
            return dataclasses.replace(entry, text=text, kind=kind, posts=page.posts)

        entries = await asyncio.gather(*(complete(entry) for entry in page.entries))
        # An item without a headline was named after its teaser; its page may have the
        # article's own (reader QA: a story was titled by a feed's teaser, a line from the
        # middle of the article). Not a page title that is the site's name, shared by the
        # pages of several items or the feed's own title (reader QA: 43 stories were titled
        # "The Daily Ledger"), nor one too short to be a headline.
        shared = Counter(headlines.values())
        named = {name.casefold() for name in (page.title, source.title) if name}
        entries = [dataclasses.replace(entry, title=title, titled=True)
                   if (title := headlines.get(entry.guid)) and shared[title] == 1
                   and title.casefold() not in named
                   and reads_as_page_headline(title, max_chars=TITLE_MAX) else entry
                   for entry in entries]
        return dataclasses.replace(
            page, entries=tuple(entries), problems=page.problems + tuple(problems))

    async def _new_entries(self, source: Source, entries: Sequence[Entry]) -> list[Entry]:
        """Entries not stored yet (by guid, canonical URL or content hash), each once."""
        keyed = [(entry, canonical_url(entry.url) if entry.url else None,
                  content_hash(entry.text)) for entry in entries]
        guids, urls, hashes = await self._store.known_keys(
            source.id, now=self._clock(), guids=[entry.guid for entry in entries],
            canonical_urls=[url for _, url, _ in keyed if url],
            content_hashes=[digest for _, _, digest in keyed if digest])
        fresh: list[Entry] = []
        for entry, url, digest in keyed:
            if entry.guid in guids or (url and url in urls) or (digest and digest in hashes):
                continue
            guids.add(entry.guid)
            if url:
                urls.add(url)
            if digest:
                hashes.add(digest)
            fresh.append(entry)
        return fresh

    async def _corrections(self, source: Source, entries: Sequence[Entry]
                           ) -> list[tuple[Entry, ItemVersions]]:
        """Items stored before that their outlet corrected since (`corrected`), while their
        story is recent enough to be in the index: a correction of old news is not news."""
        stored = await self._store.item_versions(source.id, [entry.guid for entry in entries])
        found: list[tuple[Entry, ItemVersions]] = []
        for entry in entries:
            known = stored.get(entry.guid)
            if (known is not None and known.article_id in self._index
                    and corrected(entry, known)):
                found.append((entry, known))
        return found

    async def _store_corrections(self, source: Source, entries: Sequence[Entry],
                                 now: datetime) -> list[int]:
        """Store the corrections among a read's items as new versions of their articles, in
        their stories (a chat that had the story gets an update); the ids stored."""
        found = await self._corrections(source, entries)
        if not found:
            return []
        vectors = await embed(self._embedder, [(entry.title, entry.text) for entry, _ in found])
        stored: list[int] = []
        for (entry, versions), vector in zip(found, vectors, strict=True):
            story = self._index.story_of(versions.article_id)
            if story is None:
                continue
            try:
                article = await self._store.revise_article(versions.article_id, NewArticle(
                    entry=entry, canonical_url=canonical_url(entry.url) if entry.url else None,
                    content_hash=content_hash(entry.text), story=story), now=now)
            except DuplicateError:  # another process stored the same meanwhile
                log.info("%s: a correction of %r was stored meanwhile", source.name,
                         versions.title)
                continue
            except StoreUnavailable:
                raise
            except StoreError as exc:
                # A value the database cannot hold, in one correction: the others are kept
                # (review: it ended the fetch, at every refresh).
                log.warning("%s: the database refused a correction of %r: %s", source.name,
                            versions.title, exc)
                continue
            if article is None:
                continue
            await _off_loop(functools.partial(self._file_correction, versions.article_id,
                                              article, vector, story))
            stored.append(article.id)
            log.info("%s: item corrected: %r, was %r", source.name, entry.title,
                     versions.title)
        return stored

    def _file_correction(self, earlier: int, article: Article, vector: Vectors | None,
                         story: int) -> None:
        """Put a stored correction in its story's place of the version it revises (in a
        worker thread: `_off_loop`)."""
        self._index.discard([earlier])
        self._index.add(article.id, features(article.title, article.text, article.time,
                                             vector=vector, titled=article.titled,
                                             kind=article.kind), story)

    def _file_batch(self, new_stories: dict[int, int], stored: dict[Hashable, Hashable]
                    ) -> None:
        """Give a written batch's stories and articles their stored ids in the index (in a
        worker thread: `_off_loop`; renaming an article walks each of its words' lists)."""
        self._index.relabel(new_stories)
        self._index.rekey(stored)

    async def _store_read(self, read: _Read) -> SourceOutcome:
        async with self._write:
            if read.page is None or not read.page.entries:
                return await self._store_read_locked(read)  # nothing to file
            async with self._filing():
                return await self._store_read_locked(read)

    async def _refused(self, read: _Read, exc: StoreError) -> SourceOutcome:
        source, now = read.source, self._clock()
        if not await self._store.has_source(source.id):
            return self._removed(source)  # removed between our check and our write
        error = f"the database refused this source's items: {exc}"
        log.warning("%s: %s", source.name, error)
        await self._store.record_failure(
            source.id, now=now, error=error,
            next_check_at=next_check(self._settings, now, source.consecutive_errors + 1))
        return SourceOutcome(source=source, error=error)

    @contextlib.asynccontextmanager
    async def _filing(self) -> AsyncIterator[None]:
        """This process alone files articles while inside, and its index holds what other
        processes filed before."""
        waited_until = time.monotonic() + FILING_WAIT_SECONDS
        held = False
        while True:
            # First a place in line, then the lease: the one waiting longest files next.
            now = self._clock()
            if await self._store.claim_lease(
                    FILING_QUEUE_LEASE, self._holder, now=now,
                    until=now + timedelta(seconds=_FILING_QUEUE_SECONDS)):
                held = await self._store.claim_lease(
                    FILING_LEASE, self._holder, now=now,
                    until=now + timedelta(seconds=FILING_LEASE_SECONDS))
                if held:
                    await self._store.release_lease(FILING_QUEUE_LEASE, self._holder)
                    break
            if time.monotonic() > waited_until:
                await self._store.release_lease(FILING_QUEUE_LEASE, self._holder)
                log.warning("another process has been filing articles for %.0f s; filing "
                            "anyway", FILING_WAIT_SECONDS)
                break
            await asyncio.sleep(_FILING_POLL_SECONDS)
        done = asyncio.Event()
        renewal = asyncio.create_task(self._renew_filing(done)) if held else None
        try:
            if self._keeper is not None:
                await self._keeper.catch_up(self._clock())
            yield
        finally:
            done.set()
            if renewal is not None:
                # Not cancelled: a renewal under way finishes its statement first.
                await asyncio.shield(renewal)
            if held:
                await self._store.release_lease(FILING_LEASE, self._holder)

    async def _renew_filing(self, done: asyncio.Event) -> None:
        """Keep the filing lease while this process files (`_filing`), until `done`."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), FILING_LEASE_SECONDS / 3)
            if done.is_set():
                return
            now = self._clock()
            try:
                kept = await self._store.claim_lease(
                    FILING_LEASE, self._holder, now=now,
                    until=now + timedelta(seconds=FILING_LEASE_SECONDS))
            except StoreError as exc:  # tried again a third of the lease later
                log.info("the filing lease was not renewed: %s", exc)
                continue
            if not kept:  # it ran out and another process took it: as after the wait
                log.warning("the filing lease ran out while filing; another process may be "
                            "filing at the same time")
                return

    @staticmethod
    def _removed(source: Source) -> SourceOutcome:
        log.info("%s: removed while it was being read; nothing of it is stored", source.name)
        return SourceOutcome(source=source, removed=True)

    def _say(self, source: Source, problems: Sequence[str]) -> None:
        """Log a read's problems, but those its source's last read had too."""
        said = self._said.get(source.id, frozenset())
        for problem in problems:
            if problem not in said:
                log.info("%s: %s", source.name, problem)
        self._said[source.id] = frozenset(problems)

    async def _store_read_locked(self, read: _Read) -> SourceOutcome:
        source, now = read.source, self._clock()
        # A refresh lists its sources at its start; one an operator removed since is not
        # filed (operator QA N15: its items failed on the database's foreign key, logged as
        # "the database refused this source's items", read as a broken database).
        if not await self._store.has_source(source.id):
            return self._removed(source)
        if read.page is None:
            error = read.error or "unknown error"
            await self._store.record_failure(
                source.id, now=now, error=error,
                next_check_at=next_check(self._settings, now, source.consecutive_errors + 1,
                                         asked=read.retry_after))
            # The command line says it itself (`cli.report_fetch`); `run` logs only the first
            # failure of a source as a warning, and each later one here.
            log.info("%s: %s", source.name, error, extra={REPORTED: True})
            return SourceOutcome(source=source, error=error, lasting=read.lasting)
        page = read.page
        try:
            fresh = await self._new_entries(source, page.entries)
        except StoreUnavailable:
            raise  # the database is down: every source fails alike, said once
        except StoreError as exc:
            return await self._refused(read, exc)
        # An item without a headline whose text is only page furniture is no news: said, not
        # stored (reader QA: "Join us on Facebook…" reached readers as a technology story).
        furniture = [entry for entry in fresh
                     if not entry.titled and extractive.furniture_only(entry.text)]
        if furniture:
            fresh = [entry for entry in fresh if entry not in furniture]
            page = dataclasses.replace(page, problems=(
                *page.problems, f"{len(furniture)} item(s) without a headline held only page "
                f"furniture (\"{' '.join(furniture[0].text.split()[:8])}…\"); not stored"))
        # An item its feed labels an advertisement is no news either: said, not stored.
        adverts = [entry for entry in fresh if advertised(entry.title)]
        if adverts:
            fresh = [entry for entry in fresh if entry not in adverts]
            page = dataclasses.replace(page, problems=(
                *page.problems, f"{len(adverts)} item(s) labelled advertisements "
                f"(\"{adverts[0].title[:60]}\"); not stored"))
        if source.last_success_at is not None and source.kind is SourceKind.FEED:
            # Not on a feed's first read, which lists its past items (nor a folder's files,
            # dated by their copies' times): only what a feed adds later.
            page = dataclasses.replace(page, problems=page.problems + _too_old(
                page.entries, fresh, now))
        self._say(source, page.problems)
        vectors = await embed(self._embedder, [(entry.title, entry.text) for entry in fresh])
        keys: list[Hashable] = []  # (filled as they are added: forgotten if the write fails)
        try:
            items = await _off_loop(lambda: self._assign_stories(fresh, now, vectors, keys))
            batch = await self._store.add_articles(source.id, items, now=now)
        except DuplicateError:
            # Another process stored some of these between our check and our write:
            # forget this attempt; the next fetch sees them as known and takes the rest.
            self._index.discard(keys)
            error = LOST_TURN
            await self._store.record_failure(
                source.id, now=now, error=error, next_check_at=now + timedelta(minutes=1))
            return SourceOutcome(source=source, error=error)
        except StoreError as exc:
            self._index.discard(keys)
            if isinstance(exc, StoreUnavailable):
                raise  # the database is down: every source fails alike, said once
            # The database refused what this source gave (a value it cannot hold): said on
            # this source, and the others are still filed (operator QA: a NUL in one feed
            # stopped every source after it, at every refresh, recorded nowhere). Only here,
            # where nothing was stored: a failure after this point is no refusal (review).
            return await self._refused(read, exc)
        except BaseException:
            self._index.discard(keys)
            raise
        await _off_loop(functools.partial(
            self._file_batch, batch.new_story_ids,
            {key: article.id for key, article in zip(keys, batch.articles, strict=True)}))
        self._created.update(batch.new_story_ids.values())
        # Items stored by this read are no revisions of themselves: a feed listing one guid
        # twice with other words (found by fuzzing) stored a "revision" nobody counted.
        stored_now = {entry.guid for entry in fresh}
        refused = await self._refile(
            source, [entry for entry in page.entries if entry.guid not in stored_now],
            [article.id for article in batch.articles], now)
        page = dataclasses.replace(page, problems=page.problems + refused)
        log.debug("%s: %d entries, %d new, %d new stories%s", source.name, len(page.entries),
                  len(batch.articles), len(batch.new_story_ids),
                  " (not modified)" if page.not_modified else "")
        await self._store.record_success(
            # From when its read began: a slow read (pages, a lease wait) must not push the
            # next one past the job that comes an interval after this one.
            source.id, now=now, next_check_at=next_check(self._settings, read.started, 0),
            title=page.title, etag=page.etag, last_modified=page.last_modified,
            problem=source_problem(page.problems), language=page.language)
        return SourceOutcome(
            source=source, new_articles=len(batch.articles),
            duplicates=len(page.entries) - len(fresh) - len(furniture),
            not_modified=page.not_modified, problems=page.problems, unfiled=bool(refused))

    async def _refile(self, source: Source, known: Sequence[Entry], stored: Sequence[int],
                      now: datetime) -> tuple[str, ...]:
        """Store the corrections among a read's `known` items and re-check the stories the
        `stored` articles and those touched; the problem to say when the database refused."""
        try:
            revised = await self._store_corrections(source, known, now)
            try:
                await self._recheck([*stored, *revised], now)
            except StoreError as exc:
                if self._keeper is None or isinstance(exc, StoreUnavailable):
                    raise
                # Most likely the index held articles deleted since it read them (operator
                # QA N15: a source removed during a refresh took its articles and the
                # stories only it told, and a re-check moved others into such a story):
                # read the index again and re-check once more.
                log.info("%s: re-filing its stories failed (%s); the story index is read "
                         "again and the re-check repeated", source.name, exc)
                self._keeper.forget()
                await self._keeper.catch_up(self._clock())
                await self._recheck([*stored, *revised], now)
        except StoreUnavailable:
            raise  # the database is down: every source fails alike, said once
        except StoreError as exc:
            # The articles are stored; filing their stories again failed (review: this ended
            # the whole fetch, every source after it unread, and the index kept moves the
            # database had not made). Said on this source; the index is read again.
            log.warning("%s: its articles are stored, but re-filing their stories failed: %s",
                        source.name, exc)
            if self._keeper is not None:
                self._keeper.forget()
            return (f"{REFILE_REFUSED}: {exc}",)
        return ()

    async def _recheck(self, article_ids: Sequence[int], now: datetime) -> None:
        """Re-check the stories these new articles touched; store moves, merges and titles."""
        if not article_ids:
            return
        touched = {story for article in article_ids
                   if (story := self._index.story_of(article)) is not None}
        # Stories readers have received keep their ids and titles. Read at each re-check, not
        # once a fetch: the delivery job runs while a fetch goes on (found by review); only
        # the stories this re-check files again.
        near = await _off_loop(lambda: self._index.stories_near(article_ids))
        received = await self._store.received_titles(near, now=now)
        had = await self._store.received_articles(near)
        changes, titles = await _off_loop(
            lambda: self._refiled(article_ids, touched | near, received, had))
        if changes:
            log.info("re-check: %d articles moved, %d stories merged", len(changes.moved),
                     len(changes.merged))
        # Reader QA (stop 44, F15): the article giving a received story its title had left
        # the window (out of the index, still the story's), and the story was named again
        # after an article of a day later (of another event): readers got "Related coverage ·
        # Brown comes out shooting" under their "Howard unveils election platform". Articles
        # past the window stay where they are; so does the title they give (not one that no
        # article gives any more: an outlet corrected its headline, review).
        renamed = [story for story, title in titles.items()
                   if story in received and title != received[story]]
        past = await self._store.past_window(renamed, now - self._settings_window())
        for story, rows in sorted(past.items()):
            kept = received[story]
            if any(article not in self._index and text_gives_title(title, text, kept)
                   for article, title, text in rows):
                titles[story] = kept
        created = await self._store.regroup_stories(
            moved={key: story for key, story in changes.moved.items() if isinstance(key, int)},
            merged=changes.merged, titles=titles, now=now, received=received.keys())
        self._index.relabel(created)
        self._created.update(created.values())

    def _refiled(self, article_ids: Sequence[int], near: set[int], received: dict[int, str],
                 had: dict[int, frozenset[int]]) -> tuple[Changes, dict[int, str]]:
        """`_recheck`'s work on the index (in a worker thread: `_off_loop`): the changes, and
        the titles of the stories `near` the articles that are left or were made."""
        changes = self._index.recheck(article_ids, keep=received.__contains__, titles=received,
                                      had=had)
        # Every story of the re-checked part that is left, not only those the new articles
        # joined: one that lost the article giving its title is named again (reader QA: two
        # stories headed "Australian Ski Mountaineer Dies…", one of them of another death).
        stories = (near - set(changes.merged)) | set(changes.moved.values())
        # A story readers have received keeps its title while an article still gives it: an
        # update replies under it, and a story the clustering glued from two events would
        # otherwise turn into the other event's once that one has more (or longer) reports.
        return changes, {story: story_title(members, keep=received.get(story))
                         for story in sorted(stories) if (members := self._index.members(story))}

    def _assign_stories(
        self, entries: Sequence[Entry], now: datetime, vectors: Sequence[Vectors | None],
        keys: list[Hashable],
    ) -> list[NewArticle]:
        """Match each entry to a story (an indexed one, or one new in this batch), adding it to
        the index under a key appended to `keys` (in a worker thread: `_off_loop`)."""
        items: list[NewArticle] = []
        new_stories = 0
        for entry, vector in zip(entries, vectors, strict=True):
            doc = features(entry.title, entry.text, entry.published_at or now, vector=vector,
                           titled=entry.titled, kind=entry.kind)
            story = self._index.match(doc)
            if story is None:
                new_stories += 1
                story = -new_stories
            key = ("pending", id(self), next(self._keys))
            self._index.add(key, doc, story)
            keys.append(key)
            items.append(NewArticle(
                entry=entry, canonical_url=canonical_url(entry.url) if entry.url else None,
                content_hash=content_hash(entry.text), story=story))
        return items


async def refresh(store: Store, http: httpx.AsyncClient, settings: Settings,
                  sources: Sequence[Source], *, clock: Clock, keeper: StoryKeeper | None = None,
                  progress: Progress | None = None) -> FetchReport:
    """The refresh use case, for every front end: fetch, de-duplicate, cluster and store.

    A long-running process passes the `keeper` it holds, so the story index is read from the
    database once and only brought up to date afterwards; a one-off command passes none.
    """
    keeper = keeper or StoryKeeper(store, settings)
    async with keeper.filing:
        gatherer = Gatherer(store=store, http=http, settings=settings,
                            index=await keeper.index(clock()), clock=clock,
                            embedder=keeper.embedder, keeper=keeper)
        return await gatherer.fetch(sources, progress=progress)

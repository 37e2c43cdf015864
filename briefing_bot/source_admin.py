"""The operator's sources: adding (OPML files expand to their feeds), finding, removing, health.

One set of rules for the command line and the bot's operator commands, which only parse their
input, call these and print the result.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import httpx

from briefing_bot.config import Settings
from briefing_bot.errors import NotAFeed, SourceError, SourceRefused, SourceTooLarge
from briefing_bot.gather import next_check
from briefing_bot.models import FeedPage, Source, SourceKind
from briefing_bot.netguard import Guard
from briefing_bot.opml import OPMLDocument, OPMLFeed, parse_opml
from briefing_bot.sources import (
    fetch_feed,
    folder_refusal,
    is_opml_file,
    locate,
    read_feed_file,
)
from briefing_bot.store import Store
from briefing_bot.urls import is_web_url, shown_location


@dataclasses.dataclass(frozen=True, slots=True)
class Added:
    """What adding some locations did: each source with whether it is new, and the problems."""

    sources: tuple[tuple[Source, bool], ...] = ()
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # feeds added that could not be read now


def _guard_refusal(guard: Guard | None, url: str) -> str | None:
    reason = guard.literal_refusal(url) if guard is not None else None
    return None if reason is None else (
        f"{shown_location(url)}: not added: {reason} (BRIEFING_SOURCE_ALLOW_NETWORKS can "
        "allow a private network)")


async def add(store: Store, locations: Sequence[str], *, now: datetime,
              guard: Guard | None = None, settings: Settings | None = None) -> Added:
    """Add web feeds, feed files, folders and the feeds of OPML files; problems are kept.
    With a `guard`, web feeds added unread that are written with a private or loopback
    address it refuses are not added, and said so (operator QA, stop 50: an OPML file's
    loopback feed was "imported" and refused only at the next fetch). With `settings`, a
    feed file is read and a folder looked through first, as `add_feed` reads a web feed: one
    that is no feed, or a folder with no article file or far more files than a folder of
    articles holds, is not added (operator QA, stop 76 T5/T6: /etc/passwd and /tmp were)."""
    sources: list[tuple[Source, bool]] = []
    problems: list[str] = []

    def refused(url: str) -> bool:
        reason = _guard_refusal(guard, url)
        problems.extend([reason] if reason else [])
        return reason is not None

    for text in locations:
        try:
            location, kind = locate(text)
            document = await asyncio.to_thread(_opml, location) \
                if kind is SourceKind.FILE else None
            if document is not None:
                problems += [f"{text}: {problem}" for problem in document.problems]
                for feed in document.feeds:
                    if not refused(feed.url):
                        sources.append(await store.add_source(
                            feed.url, SourceKind.FEED, now=now, title=feed.title))
                continue
            if kind is SourceKind.FEED and refused(location):
                continue
            reason = None if settings is None or kind is SourceKind.FEED else (
                await asyncio.to_thread(_local_refusal, location, kind, settings, now))
            if reason is not None:
                problems.append(f"{text}: not added: {reason}")
                continue
            sources.append(await store.add_source(location, kind, now=now))
        except SourceError as exc:
            problems.append(exc.user_message)
        except OSError as exc:
            problems.append(f"cannot read {text}: {exc.strerror or exc}")
    return Added(tuple(sources), tuple(problems))


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    """A web feed read before it was added: the source (None: not added) and what was found,
    one line for the operator."""

    source: Source | None
    created: bool
    note: str
    read: bool = True  # False: added unread, to be tried again with back-off


async def add_feed(store: Store, url: str, *, http: httpx.AsyncClient, settings: Settings,
                   now: datetime, title: str | None = None) -> Checked:
    """Read a web feed once and add it if it is one (found by QA: a login page or a broken
    feed was "Added" and only failed later, in the source list). A web page that names its
    feed adds that feed. What trying again cannot mend (`SourceError.lasting`: a wrong
    address, a host that does not exist, a redirect loop, a private address the operator has
    not allowed, a feed over the size limit) is not added; a server that cannot be reached
    now, or a name server that does not answer now, is added, to be tried again with
    back-off (QA: redirect loops were added and a DNS hiccup refused); its failure is
    recorded on it, as a fetch would (operator QA: it showed "not fetched yet", was asked
    again at once, and a 429's Retry-After was forgotten)."""
    max_bytes = settings.max_feed_bytes
    try:
        page = await fetch_feed(http, url, max_bytes=max_bytes, now=now)
    except SourceError as exc:
        problem = exc
    else:
        source, created = await store.add_source(url, SourceKind.FEED, now=now,
                                                 title=page.title or title)
        return Checked(source, created, _found(page))
    # Outside the handler, so that what fails next does not carry this error as its context.
    if isinstance(problem, NotAFeed):
        return await _named_feed(store, url, problem, http=http, settings=settings, now=now)
    if problem.lasting:
        return Checked(None, False, f"not added: {problem.user_message}{_hint(problem)}")
    return await _added_unread(store, url, problem, settings, now, title=title)


async def import_feeds(store: Store, location: str, *, http: httpx.AsyncClient,
                       settings: Settings, guard: Guard | None, now: datetime,
                       concurrency: int = 4) -> Added:
    """The feeds of an OPML file, each read and added as `add_feed` adds one, a few at a
    time; those not added are problems, with why (operator QA, stop 76 T6: a dead link and
    an HTML page were imported as "new" and failed from their first fetch)."""
    document = await asyncio.to_thread(_opml, location)
    if document is None:
        raise SourceError(f"{location} is not an OPML file")
    problems = list(document.problems)
    wanted = []
    for feed in document.feeds:
        reason = _guard_refusal(guard, feed.url)
        problems.extend([reason] if reason else [])
        wanted.extend([] if reason else [feed])
    gate = asyncio.Semaphore(concurrency)

    async def check(feed: OPMLFeed) -> Checked:
        async with gate:
            return await add_feed(store, feed.url, http=http, settings=settings, now=now,
                                  title=feed.title)

    sources: list[tuple[Source, bool]] = []
    notes: list[str] = []
    for feed, checked in zip(wanted, await asyncio.gather(*map(check, wanted)), strict=True):
        named = f"{shown_location(feed.url)}" + (f" ({feed.title})" if feed.title else "")
        if checked.source is None:
            problems.append(f"{named}: {checked.note}")
            continue
        sources.append((checked.source, checked.created))
        if not checked.read:
            notes.append(f"{named}: {checked.note}")
    return Added(tuple(sources), tuple(problems), tuple(notes))


def _hint(problem: SourceError) -> str:
    if isinstance(problem, SourceRefused) and problem.status in (401, 403):
        return " (the server asks for a login, or turns bots away)"
    if isinstance(problem, SourceRefused):
        return " (check the address)"
    if isinstance(problem, SourceTooLarge):
        return " (BRIEFING_MAX_FEED_BYTES)"
    return ""  # the guard's own words already say which setting allows a private address


async def _named_feed(store: Store, url: str, problem: NotAFeed, *, http: httpx.AsyncClient,
                      settings: Settings, now: datetime) -> Checked:
    """Not a feed: the feed the web page names, if it names one that can be read."""
    named = problem.feed_url
    if named is None or named == url or not is_web_url(named):
        return Checked(None, False, f"not added: {problem.user_message}")
    try:
        page = await fetch_feed(http, named, max_bytes=settings.max_feed_bytes, now=now)
    except SourceError as exc:
        if not exc.lasting:  # as if the feed had been given: added, to be tried again
            checked = await _added_unread(store, named, exc, settings, now)
            return dataclasses.replace(checked, note=f"{url} is a web page; this is the feed "
                                                     f"it names, which {checked.note}")
        return Checked(None, False, f"not added: {problem.user_message}, which could not be "
                                    f"read ({exc.user_message})")
    source, created = await store.add_source(named, SourceKind.FEED, now=now, title=page.title)
    return Checked(source, created, f"{url} is a web page; this is the feed it names: "
                                    f"{_found(page)}")


async def _added_unread(store: Store, url: str, problem: SourceError, settings: Settings,
                        now: datetime, *, title: str | None = None) -> Checked:
    source, created = await store.add_source(url, SourceKind.FEED, now=now, title=title)
    if created:
        await store.record_failure(source.id, now=now, error=problem.user_message,
                                   next_check_at=next_check(
                                       settings, now, 1,
                                       asked=getattr(problem, "retry_after", None)))
        source = dataclasses.replace(source, last_error=problem.user_message,
                                     consecutive_errors=1)
    return Checked(source, created, f"could not be read now ({problem.user_message}); it will "
                                    "be tried again with back-off", read=False)


def _found(page: FeedPage) -> str:
    """What the read that checked a feed found. Its items are not stored by it (the next
    refresh stores them, with its conditional GET): said so, as `sources list` then says
    "not fetched yet" (operator QA, stop 76 T6: "35 items now", then "not fetched yet")."""
    count = len(page.entries)
    title = f"{page.title}, " if page.title else ""
    if count == 0:
        return f"{title}a feed with no items yet; each fetch looks for new ones"
    if count == 1:  # (operator QA, stop 77 U7: "a feed of 1 item; the next fetch stores them")
        return f"{title}a feed of 1 item; the next fetch stores it"
    return f"{title}a feed of {count} items; the next fetch stores them"


def _local_refusal(location: str, kind: SourceKind, settings: Settings,
                   now: datetime) -> str | None:
    """Why a feed file or a folder is not added, if it is not (read in a thread: a file,
    and a folder's names, bounded as a refresh reads them)."""
    path = Path(location)
    if kind is SourceKind.DIRECTORY:
        return folder_refusal(path)
    try:
        read_feed_file(path, max_bytes=settings.max_feed_bytes, now=now)
    except SourceError as exc:
        return exc.user_message
    return None


def _opml(location: str) -> OPMLDocument | None:
    """The OPML document at a path, or None when the file is something else (a feed)."""
    path = Path(location)
    return parse_opml(path.read_bytes()) if is_opml_file(path) else None


def find(sources: Sequence[Source], wanted: str) -> Source | None:
    """A source by its number, its location as stored, or its location as people write it;
    else by its name (its title, as the list shows it: reader QA, stop 53 F15), when one
    source has that name (SourceError when several do)."""
    wanted = wanted.strip()
    match = [s for s in sources if str(s.id) == wanted or s.location == wanted]
    if not match:
        with contextlib.suppress(SourceError):
            location, _ = locate(wanted)
            match = [s for s in sources if s.location == location]
    if not match:
        match = [s for s in sources if s.title and _folded(s.title) == _folded(wanted)]
        if len(match) > 1:
            numbers = ", ".join(str(s.id) for s in match)
            raise SourceError(f"{len(match)} sources are named {wanted!r} ({numbers}): give "
                              "the number of the one you mean")
    return match[0] if match else None


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclasses.dataclass(frozen=True, slots=True)
class Removed:
    """A source removed, and how many of its articles went with it."""

    source: Source
    articles: int

    def note(self) -> str:
        """'[3] https://…, with its 24 articles' for the operator (found by operator QA: the
        articles went without a word, and the docstring said they stayed)."""
        count = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        shown = shown_location(self.source.location)
        if self.source.title:  # by its name too, as the list shows it
            shown = f"{self.source.title} ({shown})"
        return (f"[{self.source.id}] {shown}, with its {count} (and the stories only it told)"
                if self.articles else f"[{self.source.id}] {shown}")


async def remove(store: Store, wanted: str) -> Removed:
    """Remove a source with its articles (stories that other sources tell stay); SourceError
    if there is none."""
    found = find(await store.list_sources(), wanted)
    if found is None:
        raise SourceError(f"no source {wanted!r}: give a number, address or name as the "
                          "list of sources shows it")
    return Removed(found, await store.remove_source(found.id))


def health(source: Source) -> str:
    """A source's state in a few words: ok, not fetched yet, or failing and why."""
    if source.last_checked_at is None:
        return "not fetched yet"
    if source.consecutive_errors == 0:
        # Read, but not all of it (a feed cut short): found by operator QA to look healthy.
        return f"ok, but {source.last_error}" if source.last_error else "ok"
    return f"failing ×{source.consecutive_errors}: {source.last_error or 'unknown error'}"

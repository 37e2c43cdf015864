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

from briefing_bot.errors import SourceError
from briefing_bot.models import Source, SourceKind
from briefing_bot.opml import OPMLDocument, parse_opml
from briefing_bot.sources import is_opml_file, locate
from briefing_bot.store import Store


@dataclasses.dataclass(frozen=True, slots=True)
class Added:
    """What adding some locations did: each source with whether it is new, and the problems."""

    sources: tuple[tuple[Source, bool], ...] = ()
    problems: tuple[str, ...] = ()


async def add(store: Store, locations: Sequence[str], *, now: datetime) -> Added:
    """Add web feeds, feed files, folders and the feeds of OPML files; problems are kept."""
    sources: list[tuple[Source, bool]] = []
    problems: list[str] = []
    for text in locations:
        try:
            location, kind = locate(text)
            document = await asyncio.to_thread(_opml, location) \
                if kind is SourceKind.FILE else None
            if document is not None:
                problems += [f"{text}: {problem}" for problem in document.problems]
                for feed in document.feeds:
                    sources.append(await store.add_source(
                        feed.url, SourceKind.FEED, now=now, title=feed.title))
                continue
            sources.append(await store.add_source(location, kind, now=now))
        except SourceError as exc:
            problems.append(exc.user_message)
        except OSError as exc:
            problems.append(f"cannot read {text}: {exc.strerror or exc}")
    return Added(tuple(sources), tuple(problems))


def _opml(location: str) -> OPMLDocument | None:
    """The OPML document at a path, or None when the file is something else (a feed)."""
    path = Path(location)
    return parse_opml(path.read_bytes()) if is_opml_file(path) else None


def find(sources: Sequence[Source], wanted: str) -> Source | None:
    """A source by its number, its location as stored, or its location as people write it."""
    wanted = wanted.strip()
    match = [s for s in sources if str(s.id) == wanted or s.location == wanted]
    if not match:
        with contextlib.suppress(SourceError):
            location, _ = locate(wanted)
            match = [s for s in sources if s.location == location]
    return match[0] if match else None


async def remove(store: Store, wanted: str) -> Source:
    """Remove a source (its articles stay until retention); SourceError if there is none."""
    found = find(await store.list_sources(), wanted)
    if found is None:
        raise SourceError(f"no source {wanted!r}; the list of sources shows their numbers")
    await store.remove_source(found.id)
    return found


def health(source: Source) -> str:
    """A source's state in a few words: ok, not fetched yet, or failing and why."""
    if source.last_checked_at is None:
        return "not fetched yet"
    if source.consecutive_errors == 0:
        return "ok"
    return f"failing ×{source.consecutive_errors}: {source.last_error or 'unknown error'}"

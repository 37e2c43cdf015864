"""Ingest: 200 feeds of 50 full-text entries each, served by a loopback HTTP server that sends
ETag and Last-Modified and answers If-None-Match / If-Modified-Since with 304, counting every
byte it sends. The real Gatherer fetches, parses, de-duplicates, clusters and stores them into
a real SQLite file; then the same again.

Baseline, in the same run: fetch and parse alone (the same feeds, unconditional GETs, the same
parser), the floor under any ingest. Targets: second pass at most 5% of the first pass's bytes.
Usage: .venv/bin/python bench/ingest.py [--feeds 200] [--entries 50]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import FakeArticle, day_of_news, english_vocabulary
from briefing_bot import tokens
from briefing_bot.config import Settings
from briefing_bot.gather import Gatherer, load_index
from briefing_bot.models import SourceKind
from briefing_bot.sources import fetch_feed, make_http_client
from briefing_bot.store import Store
from tests.loopback import running

SYNDICATED = 0.05  # this share of entries is another feed's item again (same link and text)
LAST_MODIFIED = "Wed, 25 Nov 2026 06:00:00 GMT"


class FeedSite:
    """The feeds, and what was sent: bytes on the wire (status line, headers, body)."""

    def __init__(self, feeds: dict[str, bytes]) -> None:
        self.feeds = feeds
        self.etags = {path: '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
                      for path, body in feeds.items()}
        self.lock = threading.Lock()
        self.bytes_sent = 0
        self.requests = 0
        self.not_modified = 0
        self.server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_port}"

    def reset(self) -> None:
        with self.lock:
            self.bytes_sent = self.requests = self.not_modified = 0


class _Counting:
    def __init__(self, inner: Any, site: FeedSite) -> None:
        self.inner = inner
        self.site = site

    def write(self, data: bytes) -> int:
        with self.site.lock:
            self.site.bytes_sent += len(data)
        return int(self.inner.write(data))

    def __getattr__(self, name: str) -> Any:  # flush, close, closed: the socket writer's own
        return getattr(self.inner, name)


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def setup(self) -> None:
            super().setup()
            self.wfile = _Counting(self.wfile, site)  # type: ignore[assignment]

        def do_GET(self) -> None:
            with site.lock:
                site.requests += 1
            body = site.feeds.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = site.etags[self.path]
            fresh = False
            if "If-None-Match" in self.headers:
                fresh = self.headers["If-None-Match"] == etag
            elif "If-Modified-Since" in self.headers:
                try:
                    since = parsedate_to_datetime(self.headers["If-Modified-Since"])
                    fresh = since >= parsedate_to_datetime(LAST_MODIFIED)
                except (TypeError, ValueError):
                    fresh = False
            if fresh:
                with site.lock:
                    site.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def running_site(feeds: dict[str, bytes]) -> Iterator[FeedSite]:
    site = FeedSite(feeds)
    with running(ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))) as server:
        site.server = server
        yield site


def build_feeds(feeds: int, entries: int, now: datetime
                ) -> tuple[dict[str, bytes], int, int]:
    """`feeds` RSS documents of `entries` full-text items; returns them, the number of
    distinct articles (syndicated copies are the same article in a second feed) and of
    true stories."""
    total = feeds * entries
    copies = int(total * SYNDICATED)
    items: list[tuple[int, FakeArticle]] = list(enumerate(
        day_of_news(total - copies, vocabulary=english_vocabulary(), now=now, outlets=feeds)))
    rng = random.Random(7)
    # Round-robin over the feeds in story order: one story's versions land in different feeds.
    slots: list[list[tuple[int, FakeArticle]]] = [[] for _ in range(feeds)]
    for position, item in enumerate(items):
        slots[position % feeds].append(item)
    for copy in rng.sample(items, copies):
        open_slots = [n for n in range(feeds) if len(slots[n]) < entries]
        slots[rng.choice(open_slots)].append(copy)
    documents = {}
    for number, slot in enumerate(slots):
        rows = "".join(
            f"<item><title>{html.escape(a.title)}</title>"
            f"<link>https://news{n % 97}.example/story/{n}</link><guid>item-{n}</guid>"
            f"<pubDate>{format_datetime(a.time)}</pubDate>"
            f"<description>{html.escape(a.text)}</description></item>" for n, a in slot)
        documents[f"/feed/{number}.xml"] = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {number}</title><link>https://feed{number}.example/</link>"
            f"{rows}</channel></rss>").encode()
    return documents, len(items), len({a.story for _, a in items})


async def fetch_and_parse_only(site: FeedSite, paths: list[str], concurrency: int) -> int:
    """The baseline: GET and parse every feed, nothing else."""
    limit = asyncio.Semaphore(concurrency)
    async with make_http_client(user_agent="bench", timeout=60, transport=None) as http:
        async def one(path: str) -> int:
            async with limit:
                page = await fetch_feed(http, site.base_url + path, max_bytes=10_000_000,
                                        now=datetime.now(UTC))
            return len(page.entries)

        return sum(await asyncio.gather(*(one(path) for path in paths)))


async def run(feeds: int, entries: int) -> None:
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tokens.prepare()  # the vocabulary comes from tiktoken's encoding
        print(f"building {feeds} feeds x {entries} entries ...", flush=True)
        documents, distinct, true_stories = build_feeds(feeds, entries, now)
        size = sum(len(body) for body in documents.values())
        print(f"  {size / 1e6:.1f} MB of feeds, {distinct} distinct articles", flush=True)
        settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'ingest.db'}",
                            fetch_pages=False)
        with running_site(documents) as site:
            paths = sorted(documents)
            print("baseline: fetch and parse only ...", flush=True)
            started = time.perf_counter()
            parsed = await fetch_and_parse_only(site, paths, settings.fetch_concurrency)
            baseline = time.perf_counter() - started
            site.reset()
            store = await Store.open(settings.database_url)
            try:
                for path in paths:
                    await store.add_source(site.base_url + path, SourceKind.FEED, now=now)
                async with make_http_client(user_agent=settings.user_agent,
                                            timeout=60, transport=None) as http:
                    gatherer = Gatherer(store=store, http=http, settings=settings,
                                        index=await load_index(store, settings, now),
                                        clock=lambda: datetime.now(UTC))
                    print("first pass: fetch, parse, de-duplicate, cluster, store ...",
                          flush=True)
                    started = time.perf_counter()
                    first = await gatherer.fetch(await store.list_sources())
                    first_seconds = time.perf_counter() - started
                    first_bytes, first_requests = site.bytes_sent, site.requests
                    site.reset()
                    print("second pass ...", flush=True)
                    started = time.perf_counter()
                    second = await gatherer.fetch(await store.list_sources())
                    second_seconds = time.perf_counter() - started
                    second_bytes, not_modified = site.bytes_sent, site.not_modified
                counts = await store.counts()
            finally:
                await store.close()
    assert not first.errors, first.errors
    assert not second.errors, second.errors
    print()
    print(f"{'pass':<28} {'feeds':>5} {'entries':>7} {'stored':>6} {'seconds':>7}"
          f" {'entries/s':>9} {'vs base':>7} {'bytes sent':>11} {'% of 1st':>8}")
    print(f"{'baseline: fetch+parse only':<28} {feeds:>5} {parsed:>7} {'-':>6} {baseline:>7.1f}"
          f" {parsed / baseline:>9.0f} {1.0:>7.2f} {'-':>11} {'-':>8}")
    print(f"{'1st: fetch..store':<28} {first_requests:>5} {feeds * entries:>7}"
          f" {first.new_articles:>6} {first_seconds:>7.1f}"
          f" {feeds * entries / first_seconds:>9.0f} {first_seconds / baseline:>7.2f}"
          f" {first_bytes:>11,} {100.0:>7.1f}%")
    print(f"{'2nd: same again':<28} {feeds:>5} {0:>7} {second.new_articles:>6}"
          f" {second_seconds:>7.1f} {'-':>9} {second_seconds / baseline:>7.2f}"
          f" {second_bytes:>11,} {100 * second_bytes / first_bytes:>7.2f}%")
    print()
    print(f"first pass: {first.new_articles} articles stored "
          f"({first.new_articles / first_seconds:.0f}/s), {first.new_stories} stories "
          f"({true_stories} true), "
          f"{sum(o.duplicates for o in first.outcomes)} duplicates dropped; distinct articles "
          f"{distinct}; database {counts}")
    print(f"second pass: {not_modified} of {feeds} answered 304 Not Modified")
    ok = second_bytes <= 0.05 * first_bytes
    print(f"{'met   ' if ok else 'MISSED'} second pass bytes <= 5% of the first")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(run(args.feeds, args.entries))


if __name__ == "__main__":
    main()

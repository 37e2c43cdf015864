"""Memory of the real `briefing-bot run` process with 100,000 subscribers and 50,000 stored
articles, idle, during a briefing tick that queues a briefing for every one of them, and during a
second tick after 300 of the day's stories got one more report (updates for the chats that
received them).

The process talks to the loopback Bot API peer of the end-to-end tests
(`tests/telegram_peer.py`); summaries are made offline (the extractive engine), so no LLM is
needed. Articles are spread over the 29 days before now (inside the 30-day retention), with
about 1,700 in the last 24 hours, the briefing window. Resident memory is read from
/proc/<pid>/status: VmRSS (now) and VmHWM (the peak so far).
Baseline, in the same run: the same process with an empty database.
Target (issue 12): under 350 MB during the tick. Run it once as it is (topics matched by
meaning, the default) and once with BRIEFING_TOPIC_MEANING=false (the embedding model is
never loaded): the environment is passed on to the bot.
Usage: .venv/bin/python bench/memory.py [--subscribers 100000] [--articles 50000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.llm_cost import FILTERS
from bench.seed import (
    add_articles,
    add_reports,
    add_subscribers,
    count_rows,
    make_all_due,
    sql_time,
)
from bench.synthetic import day_of_news, english_vocabulary
from briefing_bot import tokens
from briefing_bot.models import SourceKind
from briefing_bot.store import Store
from tests.telegram_peer import Peer, running_peer

BINARY = Path(sys.executable).parent / "briefing-bot"
DAYS = 29
TARGET_MB = 350
REPORTS = 300  # stories of the last day that get one more report before the second tick


def status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB, and RssAnon: its private memory, without the
    pages of files it maps (the embedding model's 72 MB file is mapped: the kernel can drop
    its pages under pressure, so part of VmRSS is page cache; stop 75)."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon"):
            found[key] = int(value.split()[0])
    if "VmRSS" not in found:
        raise ProcessLookupError(f"process {pid} has stopped")
    return found


async def prepare(database: Path, subscribers: int, articles: int, now: datetime) -> None:
    store = await Store.open(f"sqlite:///{database}")  # creates and migrates
    try:
        source, _ = await store.add_source("https://bench.example/feed", SourceKind.FEED,
                                           now=now, title="Bench Outlet")
        # Checked a moment ago: the refresh job leaves it alone during the measurement.
        await store.record_success(source.id, now=now, next_check_at=now + timedelta(days=30),
                                   title="Bench Outlet", etag=None, last_modified=None)
    finally:
        await store.close()
    if articles:
        vocabulary = english_vocabulary()
        per_day = -(-articles // DAYS)
        stored = 0
        for day in range(DAYS):
            count = min(per_day, articles - stored)
            if count <= 0:
                break
            items = day_of_news(count, vocabulary=vocabulary, now=now - timedelta(days=day),
                                seed=day + 1)
            stored += add_articles(
                database, ((day * 1_000_000 + a.story, a.title, a.text, a.time) for a in items),
                source_id=source.id, fetched_at=lambda moment: moment, first=stored)
            print(f"  {stored:,} articles", end="\r", flush=True)
        print()
    if subscribers:
        add_subscribers(database, subscribers, topics=lambda n: FILTERS[n % len(FILTERS)],
                        next_briefing_at=now + timedelta(days=1), now=now - timedelta(days=1))


def still_running(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        raise ProcessLookupError(f"the bot stopped (exit {process.returncode})")


def run_tick(database: Path, pid: int, timeout: float, *, peak: int,
             private: list[int]) -> tuple[float, int]:
    """Every chat due now; waits until none is left waiting. Returns the tick's seconds and
    its peak resident memory (kB) as sampled; `private` keeps the peak of its private memory
    (RssAnon) as its one item."""
    make_all_due(database, datetime.now(UTC) - timedelta(minutes=1))
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        now = status(pid)
        peak = max(peak, now["VmRSS"])
        private[0] = max(private[0], now.get("RssAnon", 0))
        waiting = count_rows(database, "subscribers",
                             f"next_briefing_at <= '{sql_time(datetime.now(UTC))}'")
        if waiting == 0:
            break
        time.sleep(0.2)
    return time.monotonic() - started, peak


def measure(label: str, database: Path, folder: Path, peer: Peer, *, subscribers: int,
            idle_seconds: float, tick_timeout: float) -> dict[str, float]:
    env = {**os.environ, "BRIEFING_DATA_DIR": str(folder / "data"),
           "BRIEFING_DATABASE_URL": f"sqlite:///{database}", "BRIEFING_ENGINE": "extractive",
           "TELEGRAM_BOT_TOKEN": "1:BENCH", "BRIEFING_TELEGRAM_BASE_URL": peer.base_url,
           "BRIEFING_TICK_SECONDS": "2", "NO_PROXY": "127.0.0.1,localhost",
           "BRIEFING_LOG_LEVEL": "WARNING"}
    env.pop("OPENAI_API_KEY", None)
    env.pop("OPENAI_BASE_URL", None)
    log = folder / f"{label}.log"
    with log.open("wb") as handle:
        process = subprocess.Popen([str(BINARY), "run"], env=env, stdout=handle,  # noqa: S603
                                   stderr=handle)
    try:
        calls_before = len(peer.calls)
        if not peer.wait_for(lambda: "setMyCommands" in peer.calls[calls_before:], 60):
            raise RuntimeError(f"the bot did not start: {log.read_text()[-2000:]}")
        time.sleep(idle_seconds)
        idle = status(process.pid)
        print(f"  {label}: idle {idle['VmRSS'] / 1024:.0f} MB; making every chat due ...",
              flush=True)
        private = [idle.get("RssAnon", 0)]
        tick_seconds, peak_rss = run_tick(database, process.pid, tick_timeout,
                                          peak=idle["VmRSS"], private=private)
        time.sleep(3)  # the queue drains a little: sending is part of the tick too
        after = status(process.pid)
        queued = count_rows(database, "outbox")
        update_rss, update_seconds, updates, hwm = 0.0, 0.0, 0, after["VmHWM"]
        if subscribers:
            # A second slot after more reports of the day's stories came in: the chats that
            # received them are due updates (replies), the composer's other path.
            reports = add_reports(database, since=datetime.now(UTC) - timedelta(days=1),
                                  moment=datetime.now(UTC), limit=REPORTS)
            print(f"  {label}: {reports} more reports of the day's stories; every chat due"
                  " again ...", flush=True)
            time.sleep(5)  # the refresh job's re-check may look at them first, as it would
            update_seconds, peak = run_tick(database, process.pid, tick_timeout, peak=0,
                                            private=private)
            time.sleep(3)
            later = status(process.pid)
            update_rss = max(peak, later["VmRSS"]) / 1024
            hwm = later["VmHWM"]
            updates = count_rows(database, "outbox") - queued
        still_running(process)
    except ProcessLookupError as exc:
        raise RuntimeError(f"{exc}: {log.read_text()[-3000:]}") from exc
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if subscribers and queued < subscribers:
        print(f"  warning: only {queued} of {subscribers} briefings queued in {tick_timeout} s")
    return {"idle_rss": idle["VmRSS"] / 1024, "idle_hwm": idle["VmHWM"] / 1024,
            "tick_rss": max(peak_rss, after["VmRSS"]) / 1024, "tick_hwm": after["VmHWM"] / 1024,
            "tick_seconds": tick_seconds, "queued": queued, "update_rss": update_rss,
            "update_seconds": update_seconds, "updates": updates,
            "hwm": hwm / 1024, "private": private[0] / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--idle", type=float, default=15.0, help="seconds to sit idle first")
    args = parser.parse_args()
    now = datetime.now(UTC)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, running_peer() as peer:
        # A bot stopped mid long-poll leaves a broken pipe behind: expected, not worth a trace.
        assert peer.server is not None
        peer.server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        folder = Path(tmp)
        tokens.prepare()
        for label, subscribers, articles in (("empty", 0, 0),
                                             ("loaded", args.subscribers, args.articles)):
            database = folder / f"{label}.db"
            print(f"{label}: {subscribers:,} subscribers, {articles:,} articles ...", flush=True)
            asyncio.run(prepare(database, subscribers, articles, now))
            size = database.stat().st_size / 1e6
            results[label] = {**measure(label, database, folder, peer, subscribers=subscribers,
                                        idle_seconds=args.idle,
                                        tick_timeout=900),
                              "subscribers": subscribers, "articles": articles, "db_mb": size}
    print()
    print("topics matched by meaning:", os.environ.get("BRIEFING_TOPIC_MEANING", "true (default)"))
    print(f"{'database':<34} {'DB MB':>6} {'idle RSS':>8} {'tick peak':>9} {'VmHWM':>6}"
          f" {'tick s':>6} {'messages':>8} {'updates peak':>12} {'VmHWM':>6} {'s':>6}"
          f" {'messages':>8} {'private':>7}")
    for label, r in results.items():
        name = f"{label}: {r['subscribers']:,} subs, {r['articles']:,} art."
        print(f"{name:<34} {r['db_mb']:>6.0f} {r['idle_rss']:>8.0f} {r['tick_rss']:>9.0f}"
              f" {r['tick_hwm']:>6.0f} {r['tick_seconds']:>6.1f} {r['queued']:>8,.0f}"
              f" {r['update_rss']:>12.0f} {r['hwm']:>6.0f} {r['update_seconds']:>6.1f}"
              f" {r['updates']:>8,.0f} {r['private']:>7.0f}")
    loaded, empty = results["loaded"], results["empty"]
    print(f"\nloaded / empty: idle {loaded['idle_rss'] / empty['idle_rss']:.2f}x, "
          f"peak {loaded['hwm'] / empty['hwm']:.2f}x (MB, resident)")
    ok = loaded["hwm"] < TARGET_MB
    print(f"{'met   ' if ok else 'MISSED'} peak resident memory < {TARGET_MB} MB over both ticks "
          f"({loaded['hwm']:.0f} MB; first briefings {loaded['tick_hwm']:.0f} MB)")
    print(f"private memory (RssAnon, no mapped files) at its peak: {loaded['private']:.0f} MB"
          f" loaded, {empty['private']:.0f} MB empty")


if __name__ == "__main__":
    main()

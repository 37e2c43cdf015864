"""LLM cost as subscribers grow: a day of 500 articles (a third of them other outlets' versions
of the same stories), 20 distinct topic filters spread over S subscribers, through a loopback
OpenAI-compatible server that counts calls and tokens. The real path: feed files gathered
(fetch, de-duplicate, cluster, store), then `jobs.run_briefing_cycle` for all due chats, which
summarizes the stories they need through the `openai` client and queues every briefing.

Baseline, in the same run: the naive design, one LLM digest per subscriber made from the text
of every story matching their filter (counted with tiktoken, not sent).
Topic matching embeds each story once per cycle, whatever S (`stories embedded`).
Targets: calls and prompt tokens equal within 5% for every S (also printed from S = 20 on,
where each of the twenty filters has a reader); at least 100x fewer tokens than
naive at S = 10,000; total prompt tokens at most 1.3x the tokens of the summarized stories'
text (each story once); a repeated cycle makes zero calls.
The three-day stream (the same sizes, after the one-day table): each day 500 new articles,
15% of the previous day's stories continuing (another outlet's article with the story's
opening and new sentences), and one outlet's feed a day late (its articles published before
the previous briefing, fetched after it). Each chat is told each story once: new stories are
summarized once per story, updates once per story and pair of versions. Target: calls and
prompt tokens equal within 5% for every S, each day.
Usage: .venv/bin/python bench/llm_cost.py [--subscribers 10,20,1000,10000,100000] [--json FILE]
       [--stream-json FILE] [--only day|stream]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import functools
import html
import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.llm_server import LLMServer, running_llm
from bench.seed import add_subscribers, count_rows, forget_received, make_all_due, sql_time
from bench.synthetic import TOPICS, FakeArticle, day_of_news, english_vocabulary
from briefing_bot import tokens
from briefing_bot.config import Settings
from briefing_bot.gather import Gatherer, load_index
from briefing_bot.jobs import run_briefing_cycle
from briefing_bot.models import SourceKind, Story
from briefing_bot.services import open_services
from briefing_bot.sources import make_http_client
from briefing_bot.store import Store
from briefing_bot.topics import parse_topics, select

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ARTICLES = 500
# Twenty distinct filters of two topics each; the first ten together cover all twenty topics.
FILTERS = ([f"{TOPICS[2 * n]}, {TOPICS[2 * n + 1]}" for n in range(10)]
           + [f"{TOPICS[n]}, {TOPICS[n + 10]}" for n in range(10)])
NAIVE_SYSTEM = ("You are a careful news editor. Write this reader's personal daily news "
                "digest from the articles below: for each story, one to three plain sentences, "
                "facts only. The reader follows: {topics}.")


def write_feeds(folder: Path, items: list[FakeArticle], tag: str = "") -> list[Path]:
    """One RSS 2.0 file per outlet, full text in each item (`tag` keeps links and guids of
    different days apart)."""
    by_outlet: dict[int, list[tuple[int, FakeArticle]]] = {}
    for number, item in enumerate(items):
        by_outlet.setdefault(item.outlet, []).append((number, item))
    paths = []
    for outlet, entries in sorted(by_outlet.items()):
        rows = "".join(
            f"<item><title>{html.escape(a.title)}</title>"
            f"<link>https://outlet{outlet}.example/{tag}{n}</link><guid>o{outlet}-{tag}{n}</guid>"
            f"<pubDate>{format_datetime(a.time)}</pubDate>"
            f"<description>{html.escape(a.text)}</description></item>" for n, a in entries)
        path = folder / f"outlet{outlet}.xml"
        path.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                        f"<title>Outlet {outlet}</title>{rows}</channel></rss>", encoding="utf-8")
        paths.append(path)
    return paths


def settings_for(folder: Path, database: Path, llm: LLMServer) -> Settings:
    return Settings(data_dir=folder, database_url=f"sqlite:///{database}", fetch_pages=False,
                    engine="llm", openai_base_url=llm.base_url, openai_api_key="bench",
                    model="gpt-4o-mini")


async def gather(settings: Settings, feeds: list[Path], now: datetime = NOW) -> dict[str, int]:
    store = await Store.open(settings.database_url)
    try:
        sources = [(await store.add_source(str(path), SourceKind.FILE, now=now))[0]
                   for path in feeds]
        async with make_http_client(user_agent="bench", timeout=10, transport=None) as http:
            gatherer = Gatherer(store=store, http=http, settings=settings,
                                index=await load_index(store, settings, now), clock=lambda: now)
            report = await gatherer.fetch(sources)
        assert not report.errors, report.errors
        return await store.counts()
    finally:
        await store.close()


def naive_tokens(stories: list[Story], count: tokens.Counter) -> dict[str, int]:
    """Tokens of one digest prompt per filter: every matching story's articles, whole."""
    found = {}
    for wanted in FILTERS:
        matches = select(stories, parse_topics(wanted))
        text = "\n\n".join(f"{a.source_name}: {a.title}\n{a.text}"
                           for m in matches for a in m.story.articles)
        found[wanted] = count(NAIVE_SYSTEM.format(topics=wanted)) + count(text) + 2 * 4 + 3
    return found


async def run_one(folder: Path, template: Path, llm: LLMServer, subscribers: int,
                  count: tokens.Counter) -> dict[str, float]:
    database = folder / f"s{subscribers}.db"
    shutil.copy(template, database)
    add_subscribers(database, subscribers, topics=lambda n: FILTERS[n % len(FILTERS)],
                    next_briefing_at=NOW - timedelta(minutes=1), now=NOW - timedelta(days=1))
    settings = settings_for(folder, database, llm)
    async with open_services(settings, clock=lambda: NOW) as services:
        llm.reset()
        started = time.perf_counter()
        report = await run_briefing_cycle(services.store, services.summarizer, now=NOW,
                                          max_words=settings.summary_words,
                                          matcher=services.matcher)
        seconds = time.perf_counter() - started
        embedded = services.matcher.embedded_stories
        calls, prompt, completion = llm.calls, llm.prompt_tokens, llm.completion_tokens
        stories = await services.store.stories_since(NOW - timedelta(hours=24))
        summarized = [s for s in stories if await services.store.cached_summary(
            services.summarizer.story_key(s, "en", settings.summary_words)) is not None]
    # Each summarized story's text once: its fullest version, title and text.
    unique = sum(max(count(f"{a.title}\n{a.text}") for a in s.articles) for s in summarized)
    every = sum(count(f"{a.title}\n{a.text}") for s in summarized for a in s.articles)
    naive = naive_tokens(stories, count)
    naive_total = sum(naive[FILTERS[n % len(FILTERS)]] for n in range(subscribers))
    assert report.queued == subscribers, report
    # The same cycle again: every chat due at a new slot, as if never briefed (no last
    # briefing, and no memory of the stories it was sent, or it would get the next ones).
    make_all_due(database, NOW - timedelta(seconds=30), forget_last=True)
    forget_received(database)
    async with open_services(settings, clock=lambda: NOW) as services:
        llm.reset()
        started = time.perf_counter()
        again = await run_briefing_cycle(services.store, services.summarizer, now=NOW,
                                         max_words=settings.summary_words,
                                         matcher=services.matcher)
        seconds_again = time.perf_counter() - started
    assert again.queued == subscribers, again
    queued = count_rows(database, "outbox", "status = 'pending'")
    database.unlink()
    return {"subscribers": subscribers, "calls": calls, "prompt_tokens": prompt,
            "completion_tokens": completion, "naive_tokens": naive_total,
            "unique_story_tokens": unique, "all_version_tokens": every,
            "stories_summarized": len(summarized), "stories": len(stories),
            "seconds": seconds, "repeat_calls": llm.calls, "repeat_seconds": seconds_again,
            "messages_queued": queued, "messages_per_briefing": report.messages / subscribers,
            "stories_embedded": embedded}


async def main_async(sizes: list[int]) -> list[dict[str, float]]:
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tokens.prepare()
        count = tokens.counter_for("gpt-4o-mini")
        items = day_of_news(ARTICLES, vocabulary=english_vocabulary(), now=NOW)
        feeds_dir = folder / "feeds"
        feeds_dir.mkdir()
        feeds = write_feeds(feeds_dir, items)
        with running_llm(count) as llm:
            template = folder / "template.db"
            started = time.perf_counter()
            counts = await gather(settings_for(folder, template, llm), feeds)
            print(f"gathered {counts['articles']} articles of {ARTICLES} into "
                  f"{counts['stories']} stories ({len({a.story for a in items})} true) "
                  f"from {len(feeds)} outlets in {time.perf_counter() - started:.1f} s",
                  flush=True)
            results = []
            for size in sizes:
                print(f"S = {size:,}: cycle ...", flush=True)
                result = await run_one(folder, template, llm, size, count)
                print(f"  done in {result['seconds']:.1f} s (repeat {result['repeat_seconds']:.1f}"
                      f" s), {result['calls']} calls", flush=True)
                results.append(result)
    base = results[0]
    print()
    print(f"{'subscribers':>11} {'calls':>6} {'prompt tok':>10} {'compl tok':>9} {'vs S0':>6}"
          f" {'naive tok':>13} {'naive/ours':>10} {'ours/unique':>11} {'repeat':>6}"
          f" {'cycle s':>8} {'ms/sub':>7} {'embedded':>8}")
    for r in results:
        print(f"{r['subscribers']:>11,} {r['calls']:>6.0f} {r['prompt_tokens']:>10,.0f}"
              f" {r['completion_tokens']:>9,.0f} {r['prompt_tokens'] / base['prompt_tokens']:>6.3f}"
              f" {r['naive_tokens']:>13,.0f} {r['naive_tokens'] / r['prompt_tokens']:>10.1f}"
              f" {r['prompt_tokens'] / r['unique_story_tokens']:>11.2f} {r['repeat_calls']:>6.0f}"
              f" {r['seconds']:>8.1f} {r['seconds'] / r['subscribers'] * 1000:>7.2f}"
              f" {r['stories_embedded']:>8.0f}")
    print()
    print(f"stories: {base['stories']} in the day, {base['stories_summarized']:.0f} summarized "
          f"(5 per topic); their text once: {base['unique_story_tokens']:,.0f} tokens, every "
          f"version: {base['all_version_tokens']:,.0f}")

    def flat(rows: list[dict[str, float]]) -> bool:
        return all(abs(r[key] / rows[0][key] - 1) <= 0.05 for r in rows
                   for key in ("calls", "prompt_tokens"))

    # The target is over every S. Below 20 readers some of the twenty filters have no
    # reader (fewer distinct interests, so fewer stories), so flatness from 20 on, where every
    # filter has one, is printed beside it: it says what the growth is, it does not replace it.
    every = [r for r in results if r["subscribers"] >= len(FILTERS)]
    for r in results:
        if r["subscribers"] < len(FILTERS):
            print(f"S = {r['subscribers']:,}: only {r['subscribers']} of the {len(FILTERS)} "
                  f"filters have a reader: {r['calls']:.0f} calls")
    checks = {
        "calls and prompt tokens within 5% for every S": flat(results),
        f"calls and prompt tokens within 5% for every S >= {len(FILTERS)} (every filter has a "
        "reader)": flat(every) if every else False,
        "repeated cycle makes zero calls": all(r["repeat_calls"] == 0 for r in results),
        "stories embedded once, however many readers (topic matching)": all(
            r["stories_embedded"] == base["stories_embedded"] <= base["stories"]
            for r in results),
        "prompt tokens <= 1.3x the summarized stories' text": all(
            r["prompt_tokens"] <= 1.3 * r["unique_story_tokens"] for r in results),
    }
    at_10k = [r for r in results if r["subscribers"] == 10_000]
    if at_10k:
        checks[">= 100x fewer tokens than naive at S = 10,000"] = (
            at_10k[0]["naive_tokens"] >= 100 * at_10k[0]["prompt_tokens"])
    for name, ok in checks.items():
        print(f"{'met   ' if ok else 'MISSED'} {name}")
    return results


# -- three days: stories that continue, new stories, a late feed -----------------------------

DAYS = 3
CONTINUE_SHARE = 0.15
LATE_OUTLET = 9  # its feed always arrives a day late


def continuations(previous: list[FakeArticle], *, day: datetime, vocabulary: list[str],
                  seed: int) -> list[FakeArticle]:
    """A share of the previous day's stories continue: another outlet's article with the
    story's title and opening (its names and numbers) and new sentences of its own."""
    rng = random.Random(seed)
    by_story: dict[int, list[FakeArticle]] = {}
    for item in previous:
        by_story.setdefault(item.story, []).append(item)
    chosen = rng.sample(sorted(by_story), round(len(by_story) * CONTINUE_SHARE))
    made = []
    for story in chosen:
        first = by_story[story][0]
        sentences = first.text.split(". ")
        fresh = [" ".join(rng.choices(vocabulary, k=18)).capitalize()
                 for _ in range(max(3, len(sentences) // 2))]
        taken = {item.outlet for item in by_story[story]}
        outlet = next((n for n in range(10) if n not in taken and n != LATE_OUTLET), first.outlet)
        made.append(FakeArticle(
            story=story, title=first.title, outlet=outlet, topic=first.topic,
            text=". ".join(sentences[:len(sentences) // 2] + fresh) + ".",
            time=day - timedelta(hours=rng.uniform(2, 12))))
    return made


def _at(moment: datetime) -> datetime:
    return moment


def stream(vocabulary: list[str]) -> list[list[FakeArticle]]:
    """What the feeds hold on each day: the late outlet's articles a day after they appeared."""
    days: list[list[FakeArticle]] = []
    late: list[FakeArticle] = []
    previous: list[FakeArticle] = []
    for day in range(DAYS):
        moment = NOW + timedelta(days=day)
        fresh = day_of_news(ARTICLES, vocabulary=vocabulary, now=moment, seed=day + 1)
        # Story numbers of each day apart, so that continued stories keep theirs.
        fresh = [dataclasses.replace(a, story=a.story + 10_000 * day) for a in fresh]
        grown = continuations(previous, day=moment, vocabulary=vocabulary, seed=day) if (
            previous) else []
        days.append([a for a in fresh if a.outlet != LATE_OUTLET] + grown + late)
        late = [a for a in fresh if a.outlet == LATE_OUTLET]
        previous = fresh
    return days


async def run_stream(folder: Path, llm: LLMServer, subscribers: int,
                     days: list[list[FakeArticle]]) -> list[dict[str, float]]:
    """The stream for S subscribers: each day's feeds gathered an hour before the briefing,
    then every chat's briefing; calls and tokens of each day."""
    database = folder / f"stream{subscribers}.db"
    feeds_dir = folder / f"stream{subscribers}-feeds"
    feeds_dir.mkdir()
    settings = settings_for(folder, database, llm)
    found = []
    for day, items in enumerate(days):
        moment = NOW + timedelta(days=day)
        feeds = write_feeds(feeds_dir, items, tag=f"d{day}-")
        await gather(settings, feeds, now=moment - timedelta(hours=1))
        if day == 0:
            add_subscribers(database, subscribers, topics=lambda n: FILTERS[n % len(FILTERS)],
                            next_briefing_at=moment - timedelta(minutes=1),
                            now=moment - timedelta(days=1))
        else:
            make_all_due(database, moment - timedelta(seconds=30))
        async with open_services(settings, clock=functools.partial(_at, moment)) as services:
            llm.reset()
            started = time.perf_counter()
            report = await run_briefing_cycle(services.store, services.summarizer, now=moment,
                                              max_words=settings.summary_words)
            seconds = time.perf_counter() - started
            tasks: dict[str, int] = {}
            for call in await services.store.llm_calls_since(moment):
                tasks[call.task] = tasks.get(call.task, 0) + 1
        assert report.queued == subscribers, report
        created = f"created_at = '{sql_time(moment)}'"
        found.append({
            "subscribers": subscribers, "day": day + 1, "calls": llm.calls,
            "prompt_tokens": llm.prompt_tokens, "completion_tokens": llm.completion_tokens,
            "story_calls": tasks.get("story_summary", 0),
            "update_calls": tasks.get("story_update", 0), "seconds": seconds,
            "messages": report.messages,
            "update_messages": count_rows(database, "outbox", f"{created} AND text LIKE '🔄%'"),
            "nothing_new": count_rows(database, "outbox",
                                      f"{created} AND text LIKE 'Nothing new%'")})
    database.unlink()
    shutil.rmtree(feeds_dir)
    return found


async def stream_async(sizes: list[int]) -> list[dict[str, float]]:
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tokens.prepare()
        count = tokens.counter_for("gpt-4o-mini")
        days = stream(english_vocabulary())
        results: list[dict[str, float]] = []
        with running_llm(count) as llm:
            for size in sizes:
                print(f"stream, S = {size:,} ...", flush=True)
                results.extend(await run_stream(folder, llm, size, days))
    print()
    print("Three days: each day 500 new articles, 15% of yesterday's stories continue, "
          f"outlet {LATE_OUTLET}'s feed a day late")
    print(f"{'subscribers':>11} {'day':>3} {'calls':>6} {'story':>6} {'update':>6}"
          f" {'prompt tok':>10} {'compl tok':>9} {'vs S0':>6} {'updates sent':>12}"
          f" {'nothing new':>11} {'cycle s':>8}")
    base = {r["day"]: r for r in results if r["subscribers"] == sizes[0]}
    for r in results:
        print(f"{r['subscribers']:>11,} {r['day']:>3} {r['calls']:>6.0f} {r['story_calls']:>6.0f}"
              f" {r['update_calls']:>6.0f} {r['prompt_tokens']:>10,.0f}"
              f" {r['completion_tokens']:>9,.0f}"
              f" {r['prompt_tokens'] / base[r['day']]['prompt_tokens']:>6.3f}"
              f" {r['update_messages']:>12,.0f} {r['nothing_new']:>11,.0f} {r['seconds']:>8.1f}")
    flat = all(abs(r["calls"] / base[r["day"]]["calls"] - 1) <= 0.05
               and abs(r["prompt_tokens"] / base[r["day"]]["prompt_tokens"] - 1) <= 0.05
               for r in results)
    print(f"{'met   ' if flat else 'MISSED'} stream: calls and prompt tokens within 5% for "
          "every S, each day")
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", default="10,20,1000,10000,100000")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--stream-json", type=Path, default=None,
                        help="also write the three-day stream's results here")
    parser.add_argument("--only", choices=("day", "stream"), default=None)
    args = parser.parse_args()
    sizes = [int(n) for n in args.subscribers.split(",")]
    for wanted, run, path in (("day", main_async, args.json),
                              ("stream", stream_async, args.stream_json)):
        if args.only in (None, wanted):
            results = asyncio.run(run(sizes))
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

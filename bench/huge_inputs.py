"""Huge and oddly shaped text through the paths a reader's text takes: does any step grow
faster than the text does?

Each shape of input (unspaced letters, one long line without a full stop, all capitals,
thousands of short lines or menu items, many capitalised words, digits and punctuation, CJK
without spaces, a normal article repeated) goes, at a small size and ten times that, through:

  pasted   `inputs.classify` (a pasted /summarize text: its furniture, headline, lines)
  offline  `Summarizer.quick_text` (the offline summary a /summarize answers with)
  page     `inputs.fetch_link` on the text served as an article page (extractor, link-list
           and teaser checks, the opening kept), the fetch itself faked
  feed     `sources.parse_feed` of an RSS item carrying the text (a feed's article: the
           credits, the headline from the text, the kind)
  topics   `topics.select` of a story with the text against a reader's topics

Each call runs in a forked child of a process that has run every step once on a normal
article (the word lists and models it loads on first use are not what is measured), with a time limit (a regex stuck for minutes is cut off and shown as
"> limit"); the small size's fastest of three runs. The baseline is the same call at the smaller size: the ratio of the two
times is about 10 for work linear in the text; the target is at most about 12, and no call
over a few seconds at the larger size. Pasted text is refused over 100,000 characters, so the
pasted and offline rows compare 10 KB with 100 KB; pages (up to 5 MB) 100 KB with 1 MB.

Usage: .venv/bin/python bench/huge_inputs.py [--limit SECONDS] [--only SHAPE,...]
       [--steps pasted,offline,page,feed,topics] [--profile SHAPE:STEP:SIZE]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import html
import multiprocessing
import os
import platform
import pstats
import random
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing_bot import inputs, sources, topics
from briefing_bot.config import Settings
from briefing_bot.errors import BriefingError
from briefing_bot.models import Article, InputKind, Story
from briefing_bot.netguard import Fetched, Guard
from briefing_bot.summaries import Summarizer

NOW = datetime(2026, 12, 7, tzinfo=UTC)

ARTICLE = (
    "Harbour Council votes to rebuild the old ferry pier\n\n"
    "The Harbour Council voted on Monday to rebuild the old ferry pier, ending two years of "
    "argument over the crumbling structure. Mayor Anna Berg said the work would start in "
    "March and cost about 4.2 million euros, most of it from the regional fund. \"We have "
    "waited long enough,\" she told reporters outside the town hall. Fishermen, who use the "
    "pier every morning, welcomed the decision but asked for a temporary landing while the "
    "work goes on. The opposition said the council had ignored cheaper repairs proposed "
    "last spring. Ferry services to the islands will move to the north quay until the new "
    "pier opens, which the council expects in the autumn of next year.\n\n")


def _words(rng: random.Random, count: int, *, capital: bool = False) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    made = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(count)]
    return [word.capitalize() for word in made] if capital else made


def _fill(unit: Callable[[int], str], size: int) -> str:
    """`unit(n)` repeated up to `size` characters."""
    parts: list[str] = []
    total = number = 0
    while total < size:
        part = unit(number)
        parts.append(part)
        total += len(part)
        number += 1
    return "".join(parts)[:size]


def _unspaced(rng: random.Random, size: int) -> str:  # (a scrape, a hash, a long token)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(size))


def _cjk(rng: random.Random, size: int) -> str:  # Chinese, a full stop now and then
    han = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可"
    return _fill(lambda n: "".join(rng.choice(han) for _ in range(60)) + (
        "。" if n % 3 == 2 else ""), size)


_DIGITS = ["1234567890", ".,;:", "-–—", "()[]", "!?", "%$#", "2026.", "3,14", "://"]
MAKERS: dict[str, Callable[[random.Random, int], str]] = {
    "unspaced": _unspaced,
    # words, one line, no full stop
    "one-line": lambda rng, size: _fill(lambda _: " ".join(_words(rng, 50)) + " ", size),
    "capitals": lambda rng, size: _fill(lambda _: " ".join(_words(rng, 15)).upper() + ". ",
                                        size),
    # thousands of short lines without a full stop
    "short-lines": lambda rng, size: _fill(
        lambda n: f"{' '.join(_words(rng, 2, capital=True))} {n}\n", size),
    "menu": lambda rng, size: _fill(  # a line of menu items each
        lambda _: " | ".join(_words(rng, 6, capital=True)) + "\n", size),
    "capitalised": lambda rng, size: _fill(  # many capitalised words, no full stop
        lambda _: " ".join(_words(rng, 50, capital=True)) + " ", size),
    "digits": lambda rng, size: _fill(lambda _: rng.choice(_DIGITS), size),
    "cjk": _cjk,
    "article": lambda _, size: _fill(lambda _: ARTICLE, size),  # a normal article repeated
    # a sentence now and then between long runs of blanks (a scrape's layout whitespace)
    "blanks": lambda rng, size: _fill(
        lambda _: " ".join(_words(rng, 12)) + "." + " " * rng.randint(500, 3000)
        + "\n" * rng.randint(0, 40), size),
}


def shape(name: str, size: int) -> str:
    """`size` characters of the shape `name` (the same ones for the same size)."""
    return MAKERS[name](random.Random(size), size)


SHAPES = tuple(MAKERS)


def _summarizer() -> Summarizer:
    return Summarizer(store=cast(Any, None), prompts={}, llm=None, engine="extractive",
                      daily_token_budget=0, clock=lambda: NOW)


class _Served:
    """A guard whose fetch serves one page (the network is not what is measured)."""

    def __init__(self, body: bytes, content_type: str) -> None:
        self._fetched = Fetched(url="https://example.org/story", body=body,
                                content_type=content_type, charset="utf-8")

    async def fetch(self, *_: object, **__: object) -> Fetched:
        return self._fetched


def _page(text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(part)}</p>\n" for part in text.split("\n\n"))
    return (f"<!doctype html><html><head><title>Harbour Council votes to rebuild the old "
            f"ferry pier</title></head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>Harbour Council votes to rebuild the old ferry pier</h1>{paragraphs}"
            f"</article></body></html>").encode()


def _feed(text: str) -> bytes:
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Herald</title><link>https://example.org/</link><item>"
            f"<title>Harbour Council votes to rebuild the old ferry pier</title>"
            f"<link>https://example.org/story</link><guid>1</guid>"
            f"<pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate>"
            f"<description>{html.escape(text)}</description></item></channel></rss>").encode()


def _step(step: str, text: str) -> Callable[[], object]:
    """The call measured for `step`; its set-up (the markup made) done beforehand."""
    match step:
        case "pasted":
            return lambda: inputs.classify(text)
        case "offline":
            summarizer = _summarizer()
            return lambda: summarizer.quick_text(text, language="en", max_words=60)
        case "page":
            guard = cast(Guard, _Served(_page(text), "text/html; charset=utf-8"))
            settings = Settings(data_dir=Path("/nonexistent"), database_url="sqlite://")
            return lambda: asyncio.run(inputs.fetch_link(
                "https://example.org/story", http=cast(Any, None), guard=guard,
                settings=settings))
        case "feed":
            body = _feed(text)
            return lambda: sources.parse_feed(body, content_type="application/rss+xml",
                                              base_url=None, now=NOW)
        case "topics":
            article = Article(id=1, source_id=1, source_name="Herald", story_id=1, guid="1",
                              url=None, title="Harbour Council votes to rebuild the old pier",
                              text=text, kind=InputKind.FULL, published_at=NOW,
                              fetched_at=NOW)
            story = Story(id=1, title=article.title, first_seen_at=NOW, updated_at=NOW,
                          articles=(article,))
            wanted = topics.parse_topics("Berlin, economy, Elon Musk, ferries", "en")
            return lambda: topics.select([story], wanted)
    raise ValueError(step)


STEPS = ("pasted", "offline", "page", "feed", "topics")
# (pasted text is refused over inputs.MAX_INPUT_CHARS; a page may be megabytes)
SIZES = {"pasted": (10_000, 99_000), "offline": (10_000, 99_000), "page": (100_000, 1_000_000),
         "feed": (10_000, 100_000), "topics": (10_000, 100_000)}


def _child(step: str, name: str, size: int, out: Connection) -> None:
    call = _step(step, shape(name, size))
    started = time.perf_counter()
    try:
        call()
        outcome = "ok"
    except BriefingError as exc:  # a refusal is an answer too (said to the reader)
        outcome = type(exc).__name__
    out.send((time.perf_counter() - started, outcome))


def timed(step: str, name: str, size: int, limit: float) -> tuple[float | None, str]:
    """Seconds of one call in a forked child, None past `limit`; and how it ended."""
    context = multiprocessing.get_context("fork")
    mine, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(step, name, size, theirs))
    child.start()
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if mine.poll(0.05):
            seconds, outcome = mine.recv()
            child.join()
            return seconds, outcome
        if not child.is_alive() and not mine.poll(0):
            return None, f"failed (exit {child.exitcode})"
    child.terminate()
    child.join()
    return None, "cut off"


def fastest(step: str, name: str, size: int, limit: float, runs: int) -> tuple[float | None, str]:
    """The fastest of `runs` calls (a loaded machine slows some of them)."""
    best: tuple[float | None, str] = (None, "")
    for _ in range(runs):
        seconds, outcome = timed(step, name, size, limit)
        if seconds is None:
            return seconds, outcome
        if best[0] is None or seconds < best[0]:
            best = (seconds, outcome)
    return best


def machine() -> str:
    try:
        # (the git on PATH names the commit measured)
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
                                capture_output=True, text=True, check=False,
                                cwd=Path(__file__).resolve().parent).stdout.strip()
    except OSError:
        commit = "?"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, load {load}, commit {commit}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=float, default=60.0, help="seconds a call may take")
    parser.add_argument("--only", default=",".join(SHAPES))
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--profile", help="SHAPE:STEP:SIZE, profiled in this process")
    args = parser.parse_args()
    if args.profile:
        name, step, size = args.profile.split(":")
        call = _step(step, shape(name, int(size)))
        profiler = cProfile.Profile()
        profiler.runcall(call)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return 0
    print(machine())
    for step in STEPS:  # (word lists and models loaded once, before the children fork)
        _step(step, ARTICLE * 10)()
    print(f"{'shape':<12} {'step':<8} {'small':>8} {'s':>8} {'large':>9} {'s':>8} "
          f"{'ratio':>6}  outcome")
    worst = 0.0
    for name in args.only.split(","):
        for step in args.steps.split(","):
            small, large = SIZES[step]
            first, _ = fastest(step, name, small, args.limit, 3)
            second, outcome = fastest(step, name, large, args.limit, 1)
            ratio = (second / max(first, 0.001) if first is not None and second is not None
                     else float("inf"))
            if first is not None and first + (second or 0) > 0.05:  # (noise below that)
                worst = max(worst, ratio)
            shown = "> limit" if second is None else f"{second:8.3f}"
            print(f"{name:<12} {step:<8} {small:>8,} "
                  f"{'> limit' if first is None else f'{first:8.3f}':>8} {large:>9,} "
                  f"{shown:>8} {ratio:>6.1f}  {outcome}", flush=True)
    print(f"worst ratio (calls over 50 ms together): {worst:.1f} (target: at most about 12)")
    print(machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())

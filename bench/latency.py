"""Latency of /summarize: a 1,500-word article page through the bot, against an LLM that
answers at once, so what is left is the bot's own work.

The bot path: PTB's real Application and dispatch with the strict offline Bot API of the tests
(`tests/fakes.TelegramPeer`); `/summarize <link>` to a page on a loopback web server (allowed
with BRIEFING_FETCH_ALLOW_NETWORKS, as in the end-to-end tests); the page fetched through the
address guard, its text extracted, summarized through the `openai` client against a loopback
OpenAI-compatible server, the answer sent. Side by side: the raw time of the same LLM request
made directly with the `openai` client. Each run asks about a slightly different page, so the
summary cache never answers.

Then the offline engine on the same article, side by side with the first three sentences.
Targets: the bot's overhead p95 < 100 ms; the extractive summary < 50 ms.
Article: the longest of ../shared/data/zhang2023_writer_summaries_dev40.jsonl (1,472 words;
a real CNN/DailyMail article), or a synthetic one of 1,500 words if the folder is absent.
Usage: .venv/bin/python bench/latency.py [--runs 50] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openai
from telegram import Update

from bench.llm_server import running_llm
from bench.synthetic import day_of_news, english_vocabulary
from briefing_bot import extractive, tokens
from briefing_bot.bot import BotState, build_application
from briefing_bot.config import Settings
from briefing_bot.netguard import Guard
from briefing_bot.prompts import language_name, load_prompts
from briefing_bot.services import open_services
from briefing_bot.sources import make_http_client
from tests.fakes import TelegramPeer, command_update
from tests.loopback import running

ROOT = Path(__file__).resolve().parent.parent


def load_article(data: Path) -> tuple[str, str, str]:
    """(title, paragraphs joined by blank lines, where it comes from)."""
    path = data / "zhang2023_writer_summaries_dev40.jsonl"
    if path.exists():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line]
        row = min(rows, key=lambda r: abs(len(r["article"].split()) - 1500))
        text = row["article"]
        return (" ".join(text.split()[:8]), text,
                f"{path.name} #{row['id']} ({len(text.split())} words)")
    (fake,) = day_of_news(1, vocabulary=english_vocabulary(), now=datetime.now(UTC),
                          words=(1400, 1400))
    sentences = extractive.split_sentences(fake.text)
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return fake.title, "\n\n".join(paragraphs), f"synthetic ({len(fake.text.split())} words)"


def page_for(title: str, text: str, run: int) -> bytes:
    paragraphs = text.split("\n\n")
    # A different first paragraph per run: the same page twice would come from the cache.
    paragraphs[0] = f"{paragraphs[0]} (Update {run}.)"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<html><head><title>{html.escape(title)}</title></head><body><nav>Home | World |"
            f" Business</nav><article><h1>{html.escape(title)}</h1>{body}</article>"
            "<footer>Share this story</footer></body></html>").encode()


@contextmanager
def running_site(title: str, text: str) -> Iterator[ThreadingHTTPServer]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            run = int(self.path.rsplit("/", 1)[-1])
            body = page_for(title, text, run)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with running(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as server:
        yield server


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def timed(work: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def bot_runs(folder: Path, title: str, text: str, runs: int, warmup: int
                   ) -> tuple[list[float], list[float], list[float]]:
    """(total ms per /summarize, LLM ms inside it, raw LLM ms made directly)."""
    count = tokens.counter_for("gpt-4o-mini")
    with running_llm(count) as llm, running_site(title, text) as site:
        settings = Settings(
            data_dir=folder, database_url=f"sqlite:///{folder / 'latency.db'}",
            telegram_token="1:BENCH",  # noqa: S106 - the fake peer's token
            engine="llm", openai_base_url=llm.base_url,
            openai_api_key="bench", summarize_per_hour=1_000_000,
            fetch_allow_networks=("127.0.0.0/8",))
        peer = TelegramPeer()
        totals: list[float] = []
        inside: list[float] = []
        async with open_services(settings, clock=lambda: datetime.now(UTC)) as services, \
                make_http_client(user_agent=settings.user_agent, timeout=10,
                                 transport=None) as http:
            # /summarize fetches users' links through `guard` with `http`; feeds are not read here.
            state = BotState(services=services, settings=settings, http=http, feeds_http=http,
                             guard=Guard(allowed_networks=settings.fetch_allow_networks),
                             clock=lambda: datetime.now(UTC))
            app = build_application(settings, state, request=peer)
            async with app:
                for run in range(warmup + runs):
                    url = f"http://127.0.0.1:{site.server_port}/article/{run}"
                    update = Update.de_json(command_update(
                        f"/summarize {url}", update_id=run + 1), app.bot)
                    since = datetime.now(UTC)
                    started = time.perf_counter()
                    await app.process_update(update)
                    elapsed = (time.perf_counter() - started) * 1000
                    # The answer, sent at once or (after the placeholder) as an edit.
                    answer = next(str(params["text"]) for method, params in reversed(peer.calls)
                                  if method in ("sendMessage", "editMessageText"))
                    assert "Officials confirmed" in answer, answer
                    (call,) = await services.store.llm_calls_since(since)
                    if run >= warmup:
                        totals.append(elapsed)
                        inside.append(call.duration_ms)
            assert llm.calls == warmup + runs, llm.calls
            # The raw call: the same request, made directly with the openai client.
            prompt = load_prompts(settings.prompts_dir)["text_summary"]
            system, user = prompt.render(language=language_name("en"), max_words=60,
                                         source="page", text=text)
        raw: list[float] = []
        async with openai.AsyncOpenAI(api_key="bench", base_url=llm.base_url) as client:
            for run in range(warmup + runs):
                started = time.perf_counter()
                await client.chat.completions.create(
                    model="gpt-4o-mini", max_tokens=600, temperature=0.2,
                    messages=[{"role": "system", "content": system},
                              {"role": "user", "content": f"{user} {run}"}])
                if run >= warmup:
                    raw.append((time.perf_counter() - started) * 1000)
    return totals, inside, raw


async def run(runs: int, data: Path) -> None:
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tokens.prepare()
        title, text, origin = load_article(data)
        print(f"article: {origin}", flush=True)
        print(f"/summarize <link> through the bot, {runs} runs (+5 warm-up) ...", flush=True)
        totals, inside, raw = await bot_runs(folder, title, text, runs, warmup=5)
    overhead = [total - llm for total, llm in zip(totals, inside, strict=True)]
    plain = " ".join(text.split())
    print("offline engine, same article ...", flush=True)
    for _ in range(3):  # warm-up: the sentence splitter's model loads on first use
        extractive.summarize([plain], max_words=60, max_sentences=3)
    ranked = timed(lambda: extractive.summarize([plain], max_words=60, max_sentences=3), runs)
    lead = timed(lambda: extractive.lead_sentences(plain, 3), runs)

    print()
    print(f"{'what (ms)':<46} {'p50':>7} {'p95':>7} {'max':>7}")
    rows = [
        ("bot: /summarize <link>, whole update", totals),
        ("  of which the LLM call (call log)", inside),
        ("  bot's own overhead (whole - LLM call)", overhead),
        ("baseline: the raw LLM call alone", raw),
        ("extractive summary (60 words)", ranked),
        ("baseline: first three sentences", lead),
    ]
    for name, samples in rows:
        p50, p95, most = percentiles(samples)
        print(f"{name:<46} {p50:>7.1f} {p95:>7.1f} {most:>7.1f}")
    print()
    over_p95 = percentiles(overhead)[1]
    ranked_p95 = percentiles(ranked)[1]
    print(f"overhead p50 / raw LLM p50: {statistics.median(overhead) / statistics.median(raw):.1f}"
          f"x; extractive p50 / first-three p50: "
          f"{statistics.median(ranked) / statistics.median(lead):.0f}x")
    print(f"{'met   ' if over_p95 < 100 else 'MISSED'} bot overhead p95 < 100 ms"
          f" ({over_p95:.1f})")
    print(f"{'met   ' if ranked_p95 < 50 else 'MISSED'} extractive p95 < 50 ms ({ranked_p95:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    asyncio.run(run(args.runs, args.data))


if __name__ == "__main__":
    main()

"""Categories named by a real LLM with the story summary, against the offline categories.

The BBC dev set's held-out half (as `bench/topic_quality.py` splits it), N articles (the first
by id of each label, N/5 each), each stored as a one-article story; the real summarizer (`summaries.py`, the story
prompt with its categories line) runs on a real small model through llama.cpp's
OpenAI-compatible server; the categories it named are read back from the store, and each
reader topic is matched twice through the code path readers use (`briefing.matching`): with
the offline profile alone, and with the LLM's categories (kept when plausible, see
`categories.StoryProfile.trusted`). Nothing here was tuned: this measures what a weak model's
categories do to topic filters, whichever way it goes.

Needs the `model` extra (SmolLM2-135M-Instruct); `--gguf` takes another GGUF file.
Usage: .venv/bin/python bench/llm_categories.py [--data ../shared/data] [--count 40]
       [--gguf FILE] [--chat-format gemma] [--no-embeddings]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.topic_quality import SETS, load, scores
from briefing_bot.briefing import matching
from briefing_bot.categories import TopicMatcher
from briefing_bot.config import Settings
from briefing_bot.embeddings import Embedder
from briefing_bot.models import Entry, InputKind, SourceKind, Story
from briefing_bot.services import open_services
from briefing_bot.store import NewArticle
from briefing_bot.topics import parse_topics
from tests.llama import INSTALL, ServerFailed, llama_server, model_path

NOW = datetime(2026, 1, 1, tzinfo=UTC)
KEY_OF = {"business": "business", "entertainment": "entertainment", "politics": "politics",
          "sport": "sport", "tech": "technology"}


async def measure(data: Path, count: int, gguf: Path | None, chat_format: str | None,
                  embeddings: bool) -> int:
    model = gguf or model_path()
    if model is None:
        print(f"skipped: the `model` extra is not installed ({INSTALL})")
        return 0
    file, topics = SETS["BBC"]
    if not (data / file).is_file():
        print(f"skipped: {data / file} not found")
        return 0
    # The same number of each label, the first by id.
    every = sorted(load(data / file, "held-out"), key=lambda row: row["id"])
    rows = [row for label in KEY_OF for row in
            [r for r in every if r["label"] == label][:count // len(KEY_OF)]]
    label_of: dict[int, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        try:
            with llama_server(model, Path(folder) / "server.log", chat_format=chat_format) as base:
                settings = Settings.from_env({
                    "OPENAI_BASE_URL": base, "OPENAI_API_KEY": "local",
                    "BRIEFING_MODEL": model.stem, "BRIEFING_CONTEXT_TOKENS": "2048",
                    "BRIEFING_MAX_OUTPUT_TOKENS": "120", "BRIEFING_LLM_TIMEOUT": "300",
                    "BRIEFING_LLM_MAX_RETRIES": "0", "BRIEFING_DATA_DIR": folder,
                    "BRIEFING_TOPIC_MEANING": "false"})
                started = time.perf_counter()
                async with open_services(settings, clock=lambda: NOW, engine="llm") as services:
                    store = services.store
                    for number, row in enumerate(rows):
                        source, _ = await store.add_source(
                            f"https://dev{number}.example/feed", SourceKind.FEED, now=NOW,
                            title="BBC")
                        added = await store.add_articles(source.id, [NewArticle(Entry(
                            guid=row["id"], url=f"https://dev{number}.example/a",
                            title=row["title"], text=row["text"], kind=InputKind.FULL,
                            published_at=NOW), None, None, -1)], now=NOW)
                        label_of[added.new_story_ids[-1]] = row["label"]
                    stories = await store.stories_since(NOW - timedelta(days=1))
                    engines: Counter[str] = Counter()
                    for item in stories:
                        summary = await services.summarizer.summarize_story(
                            item, language="en", max_words=50)
                        engines[summary.engine] += 1
                    told = await store.stories_since(NOW - timedelta(days=1))
                    calls = await store.llm_calls_since(NOW - timedelta(days=1))
                    refused = await store.rejections_since(NOW - timedelta(days=1))
        except ServerFailed as exc:
            print(f"failed: {exc}")
            return 1
    seconds = time.perf_counter() - started
    print(f"{model.name} on llama.cpp: {len(told)} BBC held-out articles, {len(calls)} LLM "
          f"calls, {seconds:.0f} s; summaries by engine: {dict(engines)}; answers refused by "
          f"the check: {dict(refused) or 'none'}")
    for reason, number in Counter(call.rejected for call in calls if call.rejected
                                  and call.rejected.startswith("echo")).most_common(5):
        print(f"  {number} x {reason}")
    await report(told, label_of, topics, TopicMatcher(Embedder() if embeddings else None))
    return 0


async def report(told: list[Story], label_of: dict[int, str], topics: dict[str, str],
                 matcher: TopicMatcher) -> None:
    named = [story for story in told if story.categories]
    first_right = sum(story.categories[0] == KEY_OF[label_of[story.id]]
                      for story in named if story.categories)
    print(f"  answers that named valid categories: {len(named)} of {len(told)}; "
          f"first category right: {first_right} of {len(named)}")
    offline = [dataclasses.replace(story, categories=None) for story in told]
    results = await _both(offline, told, label_of, topics, matcher)
    print(f"  {'topic':<16} {'offline P/R/F1':>20} {'with LLM P/R/F1':>20}")
    macro = [0.0, 0.0]
    for topic, (alone, with_llm) in results.items():
        macro[0] += alone[2] / len(results)
        macro[1] += with_llm[2] / len(results)
        print(f"  {topic:<16} {'/'.join(f'{v:.2f}' for v in alone):>20} "
              f"{'/'.join(f'{v:.2f}' for v in with_llm):>20}")
    print(f"  {'macro-F1':<16} {macro[0]:>20.3f} {macro[1]:>20.3f}")


async def _both(offline: list[Story], told: list[Story], label_of: dict[int, str],
                topics: dict[str, str], matcher: TopicMatcher
                ) -> dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]:
    await matcher.prepare(told, ())
    results = {}
    for topic, label in topics.items():
        gold = {story.id for story in told if label_of[story.id] == label}
        alone = {m.story.id for m in await matching(offline, parse_topics(topic), matcher)}
        with_llm = {m.story.id for m in await matching(told, parse_topics(topic), matcher)}
        results[topic] = (scores(alone, gold), scores(with_llm, gold))
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--gguf", type=Path)
    parser.add_argument("--chat-format")
    parser.add_argument("--no-embeddings", action="store_true")
    args = parser.parse_args()
    return asyncio.run(measure(args.data, args.count, args.gguf, args.chat_format,
                               not args.no_embeddings))


if __name__ == "__main__":
    sys.exit(main())

"""Topic filter quality on labelled real news, through the code path readers use.

Each labelled article becomes a one-article story; each topic, typed as a reader types it, is a
reader's whole filter (`parse_topics`), matched by `briefing.matching` with one `TopicMatcher`
shared by every reader, exactly as a briefing cycle does. A story the filter returns is a
positive for that topic. Beside it, in the same run: the word match the bot used before
(stemmed topic words in the title or text), and the added cost per article (embedding the
story once; matching every topic).

Data (not part of this repository): ../shared/data/bbc_topics_dev500.jsonl (BBC, 5 labels)
and agnews_topics_dev1000.jsonl (AG News, 4 labels). Each is split in two halves by a hash of
the article id; the category descriptions, word lists, weights and biases in categories.py
were tuned on the `tune` half only, and the numbers reported are on the `held-out` half.
Skips cleanly when the folder is absent.
Exclusions are reported too: each topic typed as "-topic" alone, the share of its own
stories it removes and the other stories it removes (which it must not).
Usage: .venv/bin/python bench/topic_quality.py [--data ../shared/data] [--part held-out|tune]
       [--no-embeddings] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import resource
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing_bot.briefing import matching
from briefing_bot.categories import TopicMatcher
from briefing_bot.embeddings import Embedder
from briefing_bot.models import Article, InputKind, Story
from briefing_bot.topics import parse_topics, words

NOW = datetime(2026, 1, 1, tzinfo=UTC)

# (data file, {topic as a reader types it: the label it should find})
SETS: dict[str, tuple[str, dict[str, str]]] = {
    "BBC": ("bbc_topics_dev500.jsonl", {
        "business": "business", "entertainment": "entertainment", "politics": "politics",
        "sport": "sport", "technology": "tech"}),
    "AG News": ("agnews_topics_dev1000.jsonl", {
        "world news": "World", "sports": "Sports", "business": "Business",
        "science and technology": "Sci/Tech"}),
    "BBC, German topic words": ("bbc_topics_dev500.jsonl", {
        "Wirtschaft": "business", "Unterhaltung": "entertainment", "Politik": "politics",
        "Sport": "sport", "Technologie": "tech"}),
}
TARGETS = {"BBC": 0.85, "AG News": 0.80, "BBC, German topic words": 0.75}
MIN_PRECISION = 0.80


def part_of(article_id: str) -> str:
    """Half of the data an article belongs to, fixed by its id."""
    digest = int(hashlib.sha256(article_id.encode()).hexdigest(), 16)
    return "tune" if digest % 2 == 0 else "held-out"


def load(path: Path, part: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [row for row in rows if part_of(row["id"]) == part]


def story(number: int, row: dict[str, Any]) -> Story:
    article = Article(id=number, source_id=1, source_name="dev", story_id=number,
                      guid=row["id"], url=None, title=row["title"], text=row["text"],
                      kind=InputKind.FULL, published_at=NOW, fetched_at=NOW)
    return Story(id=number, title=row["title"], first_seen_at=NOW, updated_at=NOW,
                 articles=(article,))


def keyword_match(stories: Sequence[Story], topic: str) -> set[int]:
    """The bot's former filter: the topic's stemmed words in the title or text."""
    forms = words(topic)
    found = set()
    for item in stories:
        text = f" {' '.join(words(item.title + ' ' + item.articles[0].text))} "
        if f" {' '.join(forms)} " in text:
            found.add(item.id)
    return found


def scores(predicted: set[int], gold: set[int]) -> tuple[float, float, float]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


async def evaluate(data: Path, part: str, matcher: TopicMatcher) -> dict[str, Any]:
    results: dict[str, Any] = {}
    cached: dict[str, tuple[list[dict[str, Any]], list[Story], float]] = {}
    for name, (file, topics) in SETS.items():
        if file not in cached:
            rows = load(data / file, part)
            stories = [story(number, row) for number, row in enumerate(rows)]
            started = time.perf_counter()
            await matcher.prepare(stories, ())  # every story embedded once, in one batch
            cached[file] = (rows, stories, (time.perf_counter() - started) / len(stories))
        rows, stories, embed_seconds = cached[file]
        per_topic = {}
        match_seconds = 0.0
        for topic, label in topics.items():
            gold = {item.id for item, row in zip(stories, rows, strict=True)
                    if row["label"] == label}
            started = time.perf_counter()  # our matching only, not the old word match beside it
            found = {m.story.id for m in await matching(stories, parse_topics(topic), matcher)}
            match_seconds += (time.perf_counter() - started) / len(stories) / len(topics)
            # The same word as an exclusion ("-sport" alone): what it removes.
            kept = {m.story.id for m in await matching(stories, parse_topics(f"-{topic}"),
                                                       matcher)}
            removed = {item.id for item in stories} - kept
            per_topic[topic] = {"ours": scores(found, gold),
                                "keyword": scores(keyword_match(stories, topic), gold),
                                "excluded": (len(removed & gold) / len(gold) if gold else 0.0,
                                             len(removed - gold), len(stories) - len(gold))}
        results[name] = {"articles": len(stories), "topics": per_topic,
                         "embed_ms_per_article": embed_seconds * 1000,
                         "match_ms_per_article_and_topic": match_seconds * 1000}
    return results


def report(results: dict[str, Any]) -> bool:
    met = True
    for name, result in results.items():
        print(f"\n{name} ({result['articles']} articles; embedding "
              f"{result['embed_ms_per_article']:.0f} ms/article once, matching "
              f"{result['match_ms_per_article_and_topic']:.3f} ms/article per topic)")
        print(f"  {'topic':<24}{'P':>7}{'R':>7}{'F1':>7}   keyword P/R/F1")
        ours_f1, keyword_f1 = [], []
        for topic, found in result["topics"].items():
            p, r, f = found["ours"]
            kp, kr, kf = found["keyword"]
            ours_f1.append(f)
            keyword_f1.append(kf)
            flag = "" if p >= MIN_PRECISION else "  <- precision below target"
            met = met and p >= MIN_PRECISION
            print(f"  {topic:<24}{p:6.3f}{r:6.3f}{f:6.3f}   {kp:.2f}/{kr:.2f}/{kf:.2f}{flag}")
        macro = sum(ours_f1) / len(ours_f1)
        target = TARGETS[name]
        met = met and macro >= target
        print(f"  {'macro-F1':<24}{'':14}{macro:6.3f}   {sum(keyword_f1) / len(keyword_f1):.2f}"
              f"   (target {target:.2f}: {'met' if macro >= target else 'MISSED'})")
        print("  as an exclusion (\"-topic\" alone): share of its stories removed, and other"
              " stories removed")
        for topic, found in result["topics"].items():
            share, wrong, others = found["excluded"]
            print(f"  {'-' + topic:<24}{share:6.3f}   {wrong} of {others}")
        result["macro_f1"] = macro
        result["keyword_macro_f1"] = sum(keyword_f1) / len(keyword_f1)
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--part", choices=("held-out", "tune"), default="held-out")
    parser.add_argument("--no-embeddings", action="store_true",
                        help="word lists only, as with BRIEFING_TOPIC_MEANING=false")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    if not all((args.data / file).exists() for file, _ in SETS.values()):
        print(f"skipped: the labelled data is not in {args.data}")
        return 0
    matcher = TopicMatcher(None if args.no_embeddings else Embedder())
    results = asyncio.run(evaluate(args.data, args.part, matcher))
    met = report(results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npart: {args.part}; peak memory of this process {peak:.0f} MB; "
          f"all targets {'met' if met else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps({"part": args.part, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

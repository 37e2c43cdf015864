"""Quality of the offline summarizer: ROUGE on real news, beside first-3 and LexRank.

Data (not in this repository): ../shared/data/zhang2023_writer_summaries_dev40.jsonl (40 single
articles, human-written summaries) and multinews_longbench_dev30.jsonl (30 multi-outlet
clusters, editor's summary). ROUGE-1/2/Lsum F1 x100 with the `rouge-score` package, stemming
on. Skips cleanly when the data folder is absent.
Usage: .venv/bin/python bench/summary_quality.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing_bot import extractive

Item = dict[str, Any]  # one line of a JSON-lines data set


def load(path: Path) -> list[Item]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def lexrank(documents: Sequence[str], max_words: int) -> list[str]:
    """Plain LexRank: the same graph ranker with no position prior."""
    saved = extractive.POSITION_WEIGHT
    extractive.POSITION_WEIGHT = 0.0
    try:
        return extractive.summarize(documents, max_words=max_words)
    finally:
        extractive.POSITION_WEIGHT = saved


def titles_event(documents: Sequence[str], max_words: int, max_sentences: int | None = None,
                 *, anchor: int | None = None, shown: str = "") -> list[str]:
    """As the bot summarizes a story: the articles of the event of the one that gave it its
    `shown` title (`anchor`; by default the fullest, for items without headlines to choose
    by), opening with that article."""
    if anchor is None:
        anchor = max(range(len(documents)), key=lambda n: len(documents[n].split()))
    kept = extractive.read_for_summary(documents, anchor)
    return extractive.summarize([documents[n] for n in kept], max_words=max_words,
                                max_sentences=max_sentences, lead=kept.index(anchor),
                                shown=shown)


def score(systems: dict[str, Callable[[Item], list[str]]], items: Sequence[Item]) -> None:
    from rouge_score import rouge_scorer  # noqa: PLC0415 - a benchmark-only dependency

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    print(f"{'system':<28} {'words':>5} {'R-1':>6} {'R-2':>6} {'R-Lsum':>6}")
    for name, system in systems.items():
        rows = []
        words = []
        for item in items:
            sentences = system(item)
            words.append(sum(len(s.split()) for s in sentences))
            # ROUGE-Lsum compares sentence by sentence: one sentence a line on both sides.
            reference = "\n".join(extractive.split_sentences(item["reference"]))
            result = scorer.score(reference, "\n".join(sentences))
            rows.append([result[key].fmeasure * 100 for key in ("rouge1", "rouge2", "rougeLsum")])
        r1, r2, rl = (mean(column) for column in zip(*rows, strict=True))
        print(f"{name:<28} {mean(words):>5.0f} {r1:>6.2f} {r2:>6.2f} {rl:>6.2f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parent.parent.parent / "shared" / "data")
    data: Path = parser.parse_args().data
    single = data / "zhang2023_writer_summaries_dev40.jsonl"
    multi = data / "multinews_longbench_dev30.jsonl"
    if not single.exists() or not multi.exists():
        print(f"skipped: {data} does not hold the evaluation data")
        return 0
    articles = load(single)
    print(f"Single articles: {len(articles)} (Zhang et al. writer summaries)\n")
    score({
        "first 3 sentences": lambda a: extractive.lead_sentences(a["article"]),
        "LexRank (75 words)": lambda a: lexrank([a["article"]], 75),
        "briefing-bot (75 words)": lambda a: extractive.summarize([a["article"]], max_words=75),
    }, articles)

    clusters = load(multi)
    for cluster in clusters:
        cluster["clean"] = [text for text, junk in zip(
            cluster["articles"], cluster["articles_boilerplate"], strict=True) if not junk]
    print(f"\nMulti-outlet stories: {len(clusters)} (Multi-News)\n")
    score({
        "first 3 sentences per doc": lambda c: [
            s for text in c["clean"] for s in extractive.lead_sentences(text)],
        "LexRank (170 words)": lambda c: lexrank(c["clean"], 170),
        "briefing-bot (170 words)": lambda c: extractive.summarize(c["clean"], max_words=170),
        "  title's event (170 words)": lambda c: titles_event(c["clean"], 170),
        "briefing-bot (60 words, 3)": lambda c: extractive.summarize(
            c["clean"], max_words=60, max_sentences=3),
        "  title's event (60 words, 3)": lambda c: titles_event(c["clean"], 60, 3),
    }, clusters)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A story told days after readers had its event: is it found, and is a new event ever taken
for an old one? Through `retold.Retellings`, the code path a fetch uses.

Each same-event cluster of the dev sets (Multi-News validation, ECB+) is split in two: its
first half of articles is the story readers received four days before, its second half the
new story a later fetch filed (the clustering's window had passed). The new stories are in
the story index (as after a fetch); the earlier ones are the received stories outside it.
- found: share of new stories marked with their own earlier story (the rest are told as new,
  as before this check existed); the earlier story found as the store finds it (its title
  holding the start of one of the new story's distinctive words), then scored;
- wrong: marked with another event's story (a new event told as old news: what must not
  happen);
- new events: each new story with its own earlier story taken away, as a story of an event
  never told before; the share marked anyway (false "first reported" marks).
ECB+ pairs every event with another of the same kind (two earthquakes, two shootings): the
hard case for "wrong" and "new events".

The data are split as `cluster_quality.py` splits them (by story; ECB+ by topic). The bar
(`retold.THRESHOLD`) was chosen on the tuning halves; the held-out halves are read only
without `--tune-only`, at that bar. Skips cleanly when the data folder is absent.
Usage: .venv/bin/python bench/retold.py [--data ../shared/data] [--tune-only]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cluster_quality import NOW, ecb_topic, load, split_clusters
from briefing_bot import retold
from briefing_bot.cluster import StoryIndex, features
from briefing_bot.models import Article, InputKind
from briefing_bot.retold import TITLES, Retellings, Titled, Told
from briefing_bot.text import title_from_text

EARLIER = NOW - timedelta(days=4)
SWEEP = (0.20, 0.25, 0.30, 0.35, 0.40)


def article(number: int, row: dict[str, Any], story: int) -> Article:
    time_ = EARLIER if story < 0 else NOW
    return Article(id=number, source_id=1, source_name="dev", story_id=story,
                   guid=str(row["id"]), url=None,
                   title=row.get("title") or title_from_text(row["text"]), text=row["text"],
                   kind=InputKind.FULL, published_at=time_, fetched_at=time_)


def _sqlite_lower(text: str) -> str:
    return "".join(char.lower() if char.isascii() else char for char in text)


def measure(rows: Sequence[dict[str, Any]], threshold: float) -> tuple[int, float, int, float]:
    """(stories, found share, wrong marks, share of new events marked)."""
    clusters: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        clusters.setdefault(str(row["cluster"]), []).append(number)
    index = StoryIndex(window=timedelta(hours=72))
    told: dict[str, Told] = {}
    later: dict[str, list[int]] = {}
    for story, (name, members) in enumerate(sorted(clusters.items()), start=1):
        if len(members) < 2:
            continue
        cut = (len(members) + 1) // 2
        first = tuple(article(n, rows[n], -story) for n in members[:cut])
        # Titled as the clustering titles a story: by its first headline here.
        told[name] = Told(Titled(-story, first[0].title, EARLIER, None), first)
        later[name] = members[cut:]
        for number in members[cut:]:
            doc = article(number, rows[number], story)
            index.add(number, features(doc.title, doc.text, NOW), story)
    found = wrong = marked_new = 0
    for name, members in sorted(later.items()):
        docs = index.members(index.story_of(members[0]) or 0)
        retellings = Retellings(index, threshold=threshold)
        patterns = retellings.patterns(docs)
        for present in (True, False):
            # The store's first step (a LIKE on lower(title), ASCII folded as SQLite does).
            titled = [entry.story for other, entry in told.items() if (present or other != name)
                      and any(pattern in _sqlite_lower(entry.story.title)
                              for pattern in patterns)]
            candidates = retellings.candidates(docs, titled[:TITLES])
            by_id = {entry.story.story_id: entry for entry in told.values()}
            earlier = retellings.earliest(docs, [by_id[c.story_id] for c in candidates])
            if present:
                found += earlier is not None and earlier is told[name].story
                wrong += earlier is not None and earlier is not told[name].story
            else:
                marked_new += earlier is not None
    stories = len(later)
    return stories, found / stories, wrong, marked_new / stories


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parent.parent.parent / "shared" / "data")
    parser.add_argument("--tune-only", action="store_true",
                        help="sweep the bar on the tuning halves; do not read the held-out")
    args = parser.parse_args()
    files = {"Multi-News val": "multinews_val_clusters250.jsonl",
             "ECB+": "ecbplus_clusters_dev.jsonl"}
    if not all((args.data / file).exists() for file in files.values()):
        print(f"skipped: {args.data} does not hold the evaluation data")
        return 0
    for name, file in files.items():
        halves = split_clusters(load(args.data / file), ecb_topic if "ECB" in name
                                else lambda doc: str(doc["cluster"]))
        for threshold in SWEEP:
            started = time.perf_counter()
            stories, found, wrong, marked = measure(halves["tune"], threshold)
            print(f"{name}, tuning half, bar {threshold:.2f}: {stories} stories; found "
                  f"{found:.3f}, wrong {wrong}, new events marked {marked:.3f} "
                  f"({time.perf_counter() - started:.1f} s)", flush=True)
        if not args.tune_only:
            stories, found, wrong, marked = measure(halves["test"], retold.THRESHOLD)
            print(f"{name}, HELD-OUT half, bar {retold.THRESHOLD:.2f}: {stories} stories; "
                  f"found {found:.3f}, wrong {wrong}, new events marked {marked:.3f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

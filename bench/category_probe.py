"""Categories on general news: how often a story is filed under a category a reader of that
category would not expect.

The labelled topic sets (bench/topic_quality.py) hold only stories of their own labels, so they
cannot show a story of no category, or of one they lack (crime, climate), forced into another:
in the bot's QA a cat lost at an airport and a hit-and-run came as "Why: sport story". This
probe is 180 general news items, one per story of the Multi-News and ECB+ tuning halves and the
30 Multi-News dev clusters (title, or the title the bot makes, and the first 500 characters),
labelled by hand without seeing any model output (bench/general_news_categories.jsonl: the
category a reader would file it under, or "none", and others whose readers would also expect
it). The probe is split in two halves by a hash of the position: A was read while changing the
category descriptions, B only to report.

Per half: precision (of the stories given a category, the share whose category the labels
accept) and recall (of the stories with a category, the share given one the labels accept);
and "as readers get them": each story reaches the readers of every category it fits (its best
one, and a broad one that takes it in, such as world news taking in a trial abroad), and the
share of those (story, category) pairs the labels accept.
Needs ../shared/data; skips cleanly without it.
Usage: .venv/bin/python bench/category_probe.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.topic_quality import story
from briefing_bot.categories import KEYS, TopicMatcher
from briefing_bot.embeddings import Embedder
from briefing_bot.text import title_from_text

LABELS = Path(__file__).with_name("general_news_categories.jsonl")


def half(position: int) -> str:
    return "A" if hashlib.sha256(f"probe:{position}".encode()).digest()[0] % 2 == 0 else "B"


def load(data: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(labels, the item as the bot would see it) for every labelled item, in order."""
    labelled = [json.loads(line) for line in LABELS.read_text().splitlines() if line]
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for file in {entry["file"] for entry in labelled}:
        for line in (data / file).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows[(file, row["id"])] = row
    items = []
    for entry in labelled:
        row = rows[(entry["file"], entry["id"])]
        items.append((entry, {"id": row["id"],
                              "title": row.get("title") or title_from_text(row["text"]),
                              "text": " ".join(row["text"].split())[:500]}))
    return items


async def evaluate(data: Path) -> dict[str, tuple[float, float, int, float, int]]:
    items = load(data)
    matcher = TopicMatcher(Embedder())
    stories = [story(10_000 + n, item) for n, (_, item) in enumerate(items)]
    await matcher.prepare(stories, ())
    results = {}
    for part in ("A", "B"):
        filed = wrong = with_category = found = shown = shown_wrong = 0
        for n, ((entry, _), item) in enumerate(zip(items, stories, strict=True)):
            if half(n) != part:
                continue
            accepted = {entry["primary"], *entry["also"]} - {"none"}
            profile = matcher.profile(item)
            category = profile.category
            for key in KEYS:
                if profile.fits(key) is not None:
                    shown += 1
                    shown_wrong += key not in accepted
            if entry["primary"] != "none":
                with_category += 1
                found += category in accepted
            if category is not None:
                filed += 1
                wrong += category not in accepted
        results[part] = (1 - wrong / filed, found / with_category, filed,
                         1 - shown_wrong / shown, shown)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    if not (args.data / "multinews_val_clusters250.jsonl").exists():
        print(f"skipped: the data is not in {args.data}")
        return 0
    for part, (precision, recall, filed, as_read, shown) in asyncio.run(
            evaluate(args.data)).items():
        print(f"half {part}: precision {precision:.3f}, recall {recall:.3f} ({filed} filed); "
              f"as readers get them {as_read:.3f} ({shown} shown)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

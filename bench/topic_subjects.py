"""Is a story news of the name a reader follows? Free topics against human summaries.

A reader who follows "Merkel", "London" or "elections" wants stories about them, not every
report that names them in passing (reader QA, stop 67 P2: a Greek riots report naming Merkel
at words 284 and 313 of 900 reached her readers). No labelled data says what a story is
about, but people who summarised real news did say what mattered in it: a name a human
summary of the story says is taken as one of its subjects, and one it leaves out as a
passing mention. That yardstick is strict (a summary of three sentences leaves out subjects
too), so precision here is a lower bound; what the bench is for is comparing rules side by
side: a rule that keeps the summary's names and drops the others is better.

Stories: the 30 Multi-News clusters with an editor's summary (`multinews_longbench_dev30`:
each cluster one story of its real, non-boilerplate articles) and the 40 single articles with
three or four freelance writers' summaries (`zhang2023_writer_summaries_dev40`: a name any of
them says counts). Titles are made from the text as the bot makes them. Topics: every
capitalised word said inside a sentence of a story's articles (not its first word; not a day,
a month or a courtesy title), typed alone as a reader would, and the English free topics of
`bench/free_topics.py`. Each topic is one reader's filter over all stories of the half,
matched by `briefing.matching` with one shared `TopicMatcher`, as readers' filters are.

Reported per part (stories split by a hash of their id, as every bench here): precision and
recall of the matches against the summaries' names, and the matches by the reason the bot
gives (headline, opening, mentions in the text, meaning), each with its precision.
Usage: .venv/bin/python bench/topic_subjects.py [--data ../shared/data] [--part held-out|tune]
       [--json out.json] [--show N]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.free_topics import TOPICS as FREE_TOPICS
from bench.topic_quality import part_of
from briefing_bot.briefing import matching
from briefing_bot.categories import TopicMatcher
from briefing_bot.embeddings import Embedder
from briefing_bot.extractive import split_sentences
from briefing_bot.models import Article, InputKind, Story
from briefing_bot.text import title_from_text
from briefing_bot.topics import joined, meant_as, parse_topics, words

NOW = datetime(2026, 1, 1, tzinfo=UTC)
FILES = ("multinews_longbench_dev30.jsonl", "zhang2023_writer_summaries_dev40.jsonl")
_NAME_AFTER_WORD = re.compile(r"\b[a-z]+,? ([A-Z][a-z]{2,})\b")
_LOWER = re.compile(r"\b[a-z]{3,}\b")
# Capitalised words no reader follows as a topic.
_NOT_TOPICS = frozenset((
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "June", "July", "August", "September", "October", "November",
    "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Mr", "Mrs", "Ms", "Dr"))  # ("May" is also "may")
_MIN_WORDS = 60  # an article shorter than this is scraper furniture (the set flags it too)


def stories(data: Path, part: str) -> list[tuple[Story, list[str]]]:
    """The part's stories, each with its human summaries."""
    found: list[tuple[Story, list[str]]] = []
    for file in FILES:
        for line in (data / file).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if part_of(row["id"]) != part:
                continue
            if "articles" in row:
                flags = row["articles_boilerplate"]
                texts = [text for text, junk in zip(row["articles"], flags, strict=True)
                         if not junk and len(text.split()) >= _MIN_WORDS]
                summaries = [row["reference"]]
            else:
                texts, summaries = [row["article"]], list(row["references"])
            if texts:
                found.append((_story(len(found) + 1, row["id"], texts), summaries))
    return found


def _story(number: int, guid: str, texts: list[str]) -> Story:
    articles = tuple(
        Article(id=number * 100 + k, source_id=k + 1, source_name=f"outlet {k + 1}",
                story_id=number, guid=f"{guid}#{k}", url=None, title=title_from_text(text),
                text=text, kind=InputKind.FULL, published_at=NOW, fetched_at=NOW)
        for k, text in enumerate(texts))
    return Story(id=number, title=articles[0].title, first_seen_at=NOW, updated_at=NOW,
                 articles=articles)


def names_in(texts: list[str], lower: set[str]) -> set[str]:
    """The capitalised words said after a word in lower case inside a sentence of these
    texts, and never in lower case in the part's texts (`lower`, capitalised): a headline's
    "Against" and a name's "State" are words, not names a reader follows."""
    found: set[str] = set()
    for text in texts:
        for sentence in split_sentences(text):
            for match in _NAME_AFTER_WORD.finditer(sentence):
                if match.group(1) not in _NOT_TOPICS:
                    found.add(match.group(1))
    return found - lower


def said_in(topic: str, summaries: list[str]) -> bool:
    """Whether any summary says the topic (its word forms, in order)."""
    needle = joined(words(topic))
    return any(needle in joined(words(summary)) for summary in summaries)


def reason(why: str) -> str:
    """The kind of match, from the reason the bot gives the reader."""
    if "title" in why or "headline" in why:
        return "headline"
    if why.startswith("mentions"):
        return "text"
    return "meaning"  # close in meaning, or a category's story


async def evaluate(data: Path, part: str, matcher: TopicMatcher,
                   show: int = 0) -> dict[str, Any]:
    told = stories(data, part)
    by_id = {story.id: (story, summaries) for story, summaries in told}
    lower = {word.capitalize() for story, _ in told for article in story.articles
             for word in _LOWER.findall(article.text)}
    labels = sorted(set().union(*(names_in([a.text for a in story.articles], lower)
                                  for story, _ in told))
                    | {row[0] for row in FREE_TOPICS})
    all_stories = [story for story, _ in told]
    await matcher.prepare(all_stories, {label: meant_as(label) for label in labels})
    gold = {(label, story.id) for label in labels for story, summaries in told
            if said_in(label, summaries) and said_in(label, [
                " ".join(a.text for a in story.articles)])}
    found: dict[tuple[str, int], str] = {}
    for label in labels:
        for match in await matching(all_stories, parse_topics(label), matcher):
            found[(label, match.story.id)] = reason(match.why)
    kinds: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for key, kind in found.items():
        kinds[kind][0] += 1
        kinds[kind][1] += key in gold
    hits = sum(1 for key in found if key in gold)
    result = {"part": part, "stories": len(told), "topics": len(labels), "gold": len(gold),
              "found": len(found), "hits": hits,
              "precision": hits / max(len(found), 1), "recall": hits / max(len(gold), 1),
              "by_reason": {kind: {"found": n, "precision": good / max(n, 1)}
                            for kind, (n, good) in sorted(kinds.items())}}
    if show:
        wrong = [key for key in found if key not in gold and found[key] != "headline"]
        for label, number in wrong[:show]:
            story = by_id[number][0]
            print(f"  not in the summaries ({found[label, number]}): {label!r} in "
                  f"{story.title[:70]!r}")
    return result


def report(result: dict[str, Any]) -> None:
    print(f"part: {result['part']}; {result['stories']} stories, {result['topics']} topics, "
          f"{result['gold']} (topic, story) pairs a summary names")
    print(f"matches {result['found']}: precision {result['precision']:.3f}, "
          f"recall {result['recall']:.3f}")
    for kind, row in result["by_reason"].items():
        print(f"  by {kind:<9} {row['found']:>5}  precision {row['precision']:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--part", choices=("held-out", "tune"), default="held-out")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--show", type=int, default=0,
                        help="list this many text matches no summary names")
    args = parser.parse_args()
    if not all((args.data / file).exists() for file in FILES):
        print(f"skipped: the summarised data is not in {args.data}")
        return 0
    result = asyncio.run(evaluate(args.data, args.part, TopicMatcher(Embedder()), args.show))
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

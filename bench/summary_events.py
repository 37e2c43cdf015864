"""Summaries of stories that join several events: does a reader get the event the title names?

Clustering sometimes files two events of one topic as one story (two rugby matches of one
weekend, a rule and its reversal). Its summary then read as one garbled event, under a
headline about one of them. This clusters one window of real news, as the bot does (ten
feeds, each fetch re-checked; the bot's shipped tuning), from four dev sets together: the
Multi-News and ECB+ halves (split by story and by topic, as `cluster_quality.py` does) and
the AG News and BBC halves (split by article, as `topic_quality.py` does; each article its own
event). Every story of two or more full-text articles is then summarized offline as the bot
does (60 words, at most 3 sentences) two ways, side by side:

- "all articles": every article of the story ranked together (the bot before this change);
- "title's event": only the articles that tell the event of the article that gave the story
  its title and are close to that article itself (`extractive.read_for_summary`), the summary
  opening with that article's best sentence that the title does not already show.

Reported per way: summaries drawing on two or more events, sentences from another event than
the title's, summaries whose first sentence is from another event than the title's, and
summaries that repeat the sentence the title shows (a title made from an item's opening).
Then the ranking of top stories: how many stories joining several events are among the 10,
20 and 50 with the most outlets, counting all of a story's outlets (the bot before) or only
those of its title's event (`summaries.event_outlets`, as the bot ranks now).
Last, the sources line: how many articles of another event than the title's a briefing shows
as sources of the story (every article, as the bot did before; or only those that
`extractive.same_event` keeps, the others shown apart as related coverage, as it does now),
how many of the title's event it shows as related instead, and how many stories show the right
number of sources.
The threshold was set on the `tune` halves; `--half held-out` (the default) reports the others.
Usage: .venv/bin/python bench/summary_events.py [--data ../shared/data] [--half tune|held-out]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import summary_quality
from bench.cluster_quality import NOW, cluster_as_feeds, ecb_topic, half_of, shuffled
from bench.topic_quality import part_of
from briefing_bot import extractive
from briefing_bot.cluster import Tuning, features, story_title
from briefing_bot.summaries import title_article
from briefing_bot.text import title_from_text

WORDS, SENTENCES = 60, 3

Row = dict[str, Any]
Summarizer = Callable[[Sequence[str], int, str], list[str]]


def window(data: Path, half: str) -> list[Row]:
    """The four sets' rows of one half, each with its true event in "event"."""
    rows: list[Row] = []
    for file, group in (("multinews_val_clusters250.jsonl", lambda r: str(r["cluster"])),
                        ("ecbplus_clusters_dev.jsonl", ecb_topic)):
        for line in (data / file).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if half_of(group(row)) == ("tune" if half == "tune" else "test"):
                rows.append({**row, "event": f"{file}:{row['cluster']}"})
    for file in ("agnews_topics_dev1000.jsonl", "bbc_topics_dev500.jsonl"):
        for line in (data / file).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if part_of(str(row["id"])) == half:
                rows.append({**row, "event": f"{file}:{row['id']}"})
    return rows


def all_articles(documents: Sequence[str], anchor: int, title: str) -> list[str]:
    del anchor, title  # the bot before: every article ranked together
    return extractive.summarize(documents, max_words=WORDS, max_sentences=SENTENCES)


def titles_event(documents: Sequence[str], anchor: int, title: str) -> list[str]:
    return summary_quality.titles_event(documents, WORDS, SENTENCES, anchor=anchor,
                                        shown=title)


def source_of(sentence: str, texts: Sequence[str]) -> int:
    """Which text a summary's sentence comes from."""
    found = next((n for n, text in enumerate(texts) if sentence.removeprefix("…") in text), None)
    if found is not None:
        return found
    return max(range(len(texts)), key=lambda n: sum(word in texts[n] for word in sentence.split()))


def report(stories: list[list[Row]], anchors: list[int], titles: list[str], name: str,
           summarize: Summarizer) -> None:
    mixing = off = total = opening_off = repeating = 0
    for rows, anchor, title in zip(stories, anchors, titles, strict=True):
        texts = [row["text"] for row in rows]
        sentences = summarize(texts, anchor, title)
        # A sentence the cut title opens is shown as its end, after "…" (`unshown`); one
        # naming a person in full where its article wrote the surname alone
        # (`surnames.introduced`) is its article's with the most of its words.
        events = [rows[source_of(sentence, texts)]["event"] for sentence in sentences]
        named = rows[anchor]["event"]
        mixing += len(set(events)) > 1
        off += sum(event != named for event in events)
        total += len(events)
        opening_off += bool(events) and events[0] != named
        repeating += any(extractive.already_shown(sentence, title) for sentence in sentences)
    print(f"{name:<16} {mixing:>14} {off:>10} of {total:<5} {opening_off:>22} {repeating:>16}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parent.parent.parent / "shared" / "data")
    parser.add_argument("--half", choices=("tune", "held-out"), default="held-out")
    args = parser.parse_args()
    if not (args.data / "ecbplus_clusters_dev.jsonl").exists():
        print(f"skipped: {args.data} does not hold the evaluation data")
        return 0
    rows = window(args.data, args.half)
    # As the bot reads them: an item without a headline is named by its text's first line.
    titles = [row.get("title") or title_from_text(row["text"]) for row in rows]
    docs = [features(title, row["text"], NOW) for title, row in zip(titles, rows, strict=True)]
    labels = cluster_as_feeds(docs, shuffled(len(docs), 0), Tuning())
    members: dict[int, list[int]] = {}
    for number, label in enumerate(labels):
        members.setdefault(label, []).append(number)
    stories = [m for m in members.values() if len(m) > 1]
    named = [story_title([docs[n] for n in m]) for m in stories]
    anchors = [title_article(title, [titles[n] for n in m], [rows[n]["text"] for n in m])
               for title, m in zip(named, stories, strict=True)]
    # (a headline the item had, as the bot's same-event test reads it; None for a title made
    # from the text)
    story_rows = [[{**rows[n], "title": titles[n], "headline": rows[n].get("title") or None}
                   for n in m] for m in stories]
    glued = sum(len({row["event"] for row in s}) > 1 for s in story_rows)
    events = Counter(len({row["event"] for row in s}) for s in story_rows)
    print(f"{args.half} halves: {len(rows)} articles, {len(set(labels))} stories; "
          f"{len(stories)} of two or more articles, {glued} of them joining several events "
          f"({dict(sorted(events.items()))} by number of events)\n")
    print(f"{'summary from':<16} {'mixing events':>14} {'sentences off the title event':>30} "
          f"{'opening off it':>14} {'repeating the title':>16}")
    report(story_rows, anchors, named, "all articles", all_articles)
    report(story_rows, anchors, named, "title's event", titles_event)

    # Ranking (top stories, as a reader without topics gets them): by outlets, each article
    # here its own outlet; a tie keeps the window's order.
    glued_story = [len({row["event"] for row in s}) > 1 for s in story_rows]
    event_outlets = [len(extractive.same_event([row["text"] for row in s], anchor,
                                               [row["headline"] for row in s]))
                     for s, anchor in zip(story_rows, anchors, strict=True)]
    print(f"\n{'ranked by':<28} {'stories joining several events among the top':>10}")
    for name, outlets in (("all their outlets", [len(s) for s in story_rows]),
                          ("outlets of the title's event", event_outlets)):
        order = sorted(range(len(story_rows)), key=lambda n: -outlets[n])
        tops = {top: sum(glued_story[n] for n in order[:top]) for top in (10, 20, 50)}
        print(f"{name:<28} " + "  ".join(f"top {top}: {count}" for top, count in tops.items()))
    report_sources(story_rows, anchors)
    return 0


def report_sources(stories: list[list[Row]], anchors: list[int]) -> None:
    """Articles shown as sources of a story they do not tell, and the reverse."""
    print(f"\n{'sources shown':<28} {'other event as source':>22} {'title event as related':>23} "
          f"{'right count':>12}")
    for name, keep in (("every article", lambda texts, anchor, _: list(range(len(texts)))),
                       ("title's event, rest related", extractive.same_event)):
        off = demoted = right = others = alike = 0
        for story, anchor in zip(stories, anchors, strict=True):
            kept = set(keep([row["text"] for row in story], anchor,
                            [row["headline"] for row in story]))
            event = story[anchor]["event"]
            same = {n for n, row in enumerate(story) if row["event"] == event}
            off += len(kept - same)
            demoted += len(same - kept)
            right += len(kept) == len(same)
            others += len(story) - len(same)
            alike += len(same) - 1
        print(f"{name:<28} {f'{off}/{others}':>22} {f'{demoted}/{alike}':>23} "
              f"{f'{right}/{len(stories)}':>12}")


if __name__ == "__main__":
    sys.exit(main())

"""The briefing use case: the stories a reader wants, ranked, grouped by topic, summarized.

Summaries are per story, not per reader: a cycle for any number of readers summarizes each new
story once, and each topic's opening line once.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Sequence
from datetime import datetime

from briefing_bot.models import Briefing, BriefingItem, Section, SourceLink, Story
from briefing_bot.store import Store
from briefing_bot.summaries import Summarizer
from briefing_bot.topics import Match, TopicFilter, select

PER_TOPIC = 5
_CONCURRENT_SUMMARIES = 4


def rank(match: Match, now: datetime) -> float:
    """Higher first: topic in the title, more outlets, and newer."""
    hours = max(0.0, (now - match.story.updated_at).total_seconds() / 3600)
    return match.strength + math.log1p(match.story.source_count) + math.exp(-hours / 24)


def _links(story: Story) -> tuple[SourceLink, ...]:
    seen: dict[str, SourceLink] = {}
    for article in story.articles:
        seen.setdefault(article.source_name, SourceLink(article.source_name, article.url))
    return tuple(seen.values())


async def build_briefing(
    store: Store, summarizer: Summarizer, *, topics: TopicFilter, since: datetime,
    now: datetime, language: str, max_words: int, per_topic: int = PER_TOPIC,
    progress: Callable[[int, int], None] | None = None, intros: bool = True,
    stories: Sequence[Story] | None = None,
) -> Briefing:
    """A briefing of the stories updated since a moment, for one set of topics.

    `stories` lets a caller that builds many briefings read the stories once.
    """
    if stories is None:
        stories = await store.stories_since(since)
    else:
        stories = [story for story in stories if story.latest >= since]
    matches = select(stories, topics)
    grouped: dict[str | None, list[Match]] = {}
    for match in sorted(matches, key=lambda m: -rank(m, now)):
        chosen = grouped.setdefault(match.topic, [])
        if len(chosen) < per_topic:
            chosen.append(match)
    order = [t.label for t in topics.include] if topics.include else [None]
    wanted = [match for topic in order for match in grouped.get(topic, [])]

    limit = asyncio.Semaphore(_CONCURRENT_SUMMARIES)
    done = 0

    async def summarize(match: Match) -> BriefingItem:
        nonlocal done
        async with limit:
            summary = await summarizer.summarize_story(
                match.story, language=language, max_words=max_words)
        done += 1
        if progress is not None:
            progress(done, len(wanted))
        story = match.story
        return BriefingItem(
            story_id=story.id, title=story.title, summary=summary.text, basis=summary.basis,
            sources=_links(story), source_count=story.source_count, engine=summary.engine,
            fallback=summary.fallback, updated_at=story.updated_at,
            language=None if summary.language == language else summary.language)

    items = await asyncio.gather(*(summarize(match) for match in wanted))
    by_story = {item.story_id: item for item in items}
    sections: list[Section] = []
    quiet: list[str] = []
    for topic in order:
        section_items = tuple(by_story[m.story.id] for m in grouped.get(topic, []))
        if not section_items:
            if topic is not None:
                quiet.append(topic)
            continue
        # Per-reader briefings skip the opening lines: their story sets differ by reader, and
        # an LLM line per distinct set would make cost grow with readers.
        intro = None if len(section_items) < 2 or not intros else await summarizer.section_intro(
            topic or "top stories", [(item.title, item.summary) for item in section_items],
            language=language)
        sections.append(Section(topic=topic, intro=intro, items=section_items))
    return Briefing(generated_at=now, since=since, language=language, sections=tuple(sections),
                    quiet_topics=tuple(quiet))

"""Topic filters: which stories a reader wants. Pure functions, no regular expressions from users.

A filter is a comma-separated list of words and phrases; `-word` excludes. Matching ignores case,
needs whole words, and treats singular and plural alike ("tariff" finds "tariffs"): both sides
are stemmed by `text.stems`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from briefing_bot.models import Story
from briefing_bot.text import stems

MAX_TOPICS = 30
MAX_TOPIC_LENGTH = 60


def words(text: str) -> list[str]:
    """Word forms of a text as topics compare them: lower-cased and stemmed, so that singular
    and plural ("tariff", "tariffs"; "bus", "buses") are one form."""
    return stems(text)


@dataclasses.dataclass(frozen=True, slots=True)
class Topic:
    """A word or phrase as the reader wrote it, and the word forms it matches."""

    label: str
    forms: tuple[str, ...]

    def strength(self, title: Sequence[str], text: Sequence[str]) -> float:
        """2 when the title mentions it, 1 when only the text does, else 0."""
        if _contains(title, self.forms):
            return 2.0
        return 1.0 if _contains(text, self.forms) else 0.0


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    if not needle:
        return False
    if len(needle) == 1:
        return needle[0] in haystack
    joined = f" {' '.join(haystack)} "
    return f" {' '.join(needle)} " in joined


@dataclasses.dataclass(frozen=True, slots=True)
class TopicFilter:
    """Topics to include (none: everything) and topics to exclude."""

    include: tuple[Topic, ...] = ()
    exclude: tuple[Topic, ...] = ()

    def describe(self) -> str:
        parts = [t.label for t in self.include] + [f"-{t.label}" for t in self.exclude]
        return ", ".join(parts)


def parse_topics(text: str) -> TopicFilter:
    """'japan, "central bank", -sports' -> a TopicFilter; ValueError says what is wrong."""
    include: list[Topic] = []
    exclude: list[Topic] = []
    for raw in text.split(","):
        item = raw.strip().strip("\"'“”").strip()
        if not item:
            continue
        negative = item.startswith("-")
        label = " ".join(item.lstrip("-").strip().strip("\"'“”").split())
        if len(label) > MAX_TOPIC_LENGTH:
            raise ValueError(f"the topic {label[:20]!r}... is too long "
                             f"(at most {MAX_TOPIC_LENGTH} characters)")
        forms = tuple(words(label))
        if not forms:
            raise ValueError(f"{item!r} has no words to look for")
        topic = Topic(label=label, forms=forms)
        target = exclude if negative else include
        if topic.forms not in {t.forms for t in target}:
            target.append(topic)
    if len(include) + len(exclude) > MAX_TOPICS:
        raise ValueError(f"at most {MAX_TOPICS} topics, please")
    return TopicFilter(include=tuple(include), exclude=tuple(exclude))


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """A story a reader wants, under which of their topics, and how strongly."""

    topic: str | None
    story: Story
    strength: float


def select(stories: Iterable[Story], topics: TopicFilter) -> list[Match]:
    """The stories that match; each under its strongest topic (first listed on a tie)."""
    matches: list[Match] = []
    for story in stories:
        title = words(" ".join([story.title, *(a.title for a in story.articles)]))
        text = words(" ".join(a.text for a in story.articles))
        if any(topic.strength(title, text) for topic in topics.exclude):
            continue
        if not topics.include:
            matches.append(Match(topic=None, story=story, strength=0.0))
            continue
        best: tuple[float, Topic] | None = None
        for topic in topics.include:
            strength = topic.strength(title, text)
            if strength and (best is None or strength > best[0]):
                best = (strength, topic)
        if best is not None:
            matches.append(Match(topic=best[1].label, story=story, strength=best[0]))
    return matches

"""Synthetic news for benchmarks: many stories, each told by a few outlets in their own words.

Words are drawn from a Zipf-shaped vocabulary (as in real text), and each story has its own
names, places and numbers, which its articles share. Deterministic for a given seed.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

_SYLLABLES = ("ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "dor", "len", "bar", "tis", "quo",
              "pre", "zan", "mol", "fir", "gu", "hel", "jas")


@dataclasses.dataclass(frozen=True, slots=True)
class FakeArticle:
    story: int
    title: str
    text: str
    time: datetime
    outlet: int = 0
    topic: str = ""


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add(_word(rng, rng.randint(2, 4)))
    return sorted(words)


def articles(count: int, *, seed: int = 1, per_story: tuple[int, int] = (1, 5),
             hours: float = 72.0) -> Iterator[FakeArticle]:
    """`count` articles; stories get 1-5 articles each, all within `hours` of each other."""
    rng = random.Random(seed)
    common = vocabulary(rng, 20_000)
    weights = [1 / (rank + 1) for rank in range(len(common))]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    made, story = 0, 0
    while made < count:
        story += 1
        names = [_word(rng, 4).capitalize() for _ in range(6)]
        numbers = [str(rng.randint(10, 9999)) for _ in range(3)]
        topic = rng.choices(common, weights=weights, k=12)
        moment = start + timedelta(hours=rng.uniform(0, hours))
        for _ in range(rng.randint(*per_story)):
            if made >= count:
                return
            body = rng.choices(common, weights=weights, k=110)
            body += rng.choices(topic, k=20) + rng.choices(names, k=14) + rng.choices(numbers, k=4)
            rng.shuffle(body)
            sentences = [" ".join(body[i:i + 15]).capitalize() + "." for i in range(0, 148, 15)]
            title = " ".join(rng.sample(names, 2) + rng.sample(topic, 3)).capitalize()
            made += 1
            yield FakeArticle(story=story, title=title, text=" ".join(sentences),
                              time=moment + timedelta(minutes=rng.uniform(0, 240)))


# Twenty news topics for reader filters; every story of `day_of_news` is about one of them.
TOPICS = ("economy", "climate", "football", "election", "health", "technology", "energy",
          "court", "housing", "railway", "school", "space", "farming", "trade", "tourism",
          "science", "defence", "weather", "music", "banking")


def english_vocabulary(count: int = 20_000) -> list[str]:
    """Common English words, most frequent first: the single-token words of tiktoken's
    o200k_base (its merges are roughly in order of frequency), so that the text is counted
    like English (about one token a word) rather than like invented syllables (about three).
    """
    import re  # noqa: PLC0415

    from briefing_bot import tokens  # noqa: PLC0415

    tokens.counter_for("gpt-4o-mini")  # loads the encoding (the caller prepared the cache)
    import tiktoken  # noqa: PLC0415

    encoding = tiktoken.get_encoding("o200k_base")
    shape = re.compile(rb" [a-z]{3,12}")
    banned = tuple(TOPICS)
    words: list[str] = []
    for token in range(encoding.n_vocab):
        try:
            piece = encoding.decode_single_token_bytes(token)
        except KeyError:
            continue
        if shape.fullmatch(piece):
            word = piece.decode()[1:]
            if not word.startswith(banned):
                words.append(word)
        if len(words) >= count:
            break
    return words


def day_of_news(count: int, *, vocabulary: Sequence[str], now: datetime, seed: int = 1,
                repeats: float = 1 / 3, outlets: int = 10,
                words: tuple[int, int] = (250, 950)) -> list[FakeArticle]:
    """A day of `count` articles: a share `repeats` of them are further outlets' versions of
    a story already told (their own words, the story's names and numbers). Each story is
    about one of TOPICS; lengths are drawn from `words` (real news articles average about
    700 words). Published within the 20 hours before `now`."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    stories = round(count * (1 - repeats))
    versions = [1] * stories
    for _ in range(count - stories):
        # Repeats go to stories others cover already a little more often: big stories grow.
        pick = rng.randrange(stories)
        if rng.random() < 0.3:
            pick = max(rng.sample(range(stories), 3), key=lambda n: versions[n])
        while versions[pick] >= outlets:
            pick = rng.randrange(stories)
        versions[pick] += 1
    made: list[FakeArticle] = []
    for story in range(stories):
        topic = TOPICS[story % len(TOPICS)]
        names = [_word(rng, 3).capitalize() for _ in range(5)]
        numbers = [str(rng.randint(10, 9999)) for _ in range(3)]
        subject = rng.choices(vocabulary, weights=weights, k=10)
        moment = now - timedelta(hours=rng.uniform(2, 20))
        for outlet in rng.sample(range(outlets), versions[story]):
            size = rng.randint(*words)
            body = rng.choices(vocabulary, weights=weights, k=size)
            own = rng.choices(subject, k=size // 10) + rng.choices(names, k=size // 15)
            body += own + rng.choices(numbers, k=4) + [topic] * 3
            rng.shuffle(body)
            sentences = [" ".join(body[i:i + 18]).capitalize() + "."
                         for i in range(0, len(body), 18)]
            title = " ".join([*rng.sample(names, 2), topic, *rng.sample(subject, 3)])
            made.append(FakeArticle(
                story=story, title=title[0].upper() + title[1:], text=" ".join(sentences),
                time=moment + timedelta(minutes=rng.uniform(0, 90)), outlet=outlet,
                topic=topic))
    return made

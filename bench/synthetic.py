"""Synthetic news for benchmarks: many stories, each told by a few outlets in their own words.

Words are drawn from a Zipf-shaped vocabulary (as in real text), and each story has its own
names, places and numbers, which its articles share. Deterministic for a given seed.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

_SYLLABLES = ("ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "dor", "len", "bar", "tis", "quo",
              "pre", "zan", "mol", "fir", "gu", "hel", "jas")


@dataclasses.dataclass(frozen=True, slots=True)
class FakeArticle:
    story: int
    title: str
    text: str
    time: datetime


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

"""A briefing's length budget, shared among the reader's topics, and what it says of the rest."""

from __future__ import annotations

from datetime import UTC, datetime

from briefing_bot.briefing import _budget, _waiting
from briefing_bot.models import Story
from briefing_bot.topics import Match

T = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def stories_under(counts: dict[str, int]) -> dict[str | None, list[Match]]:
    grouped: dict[str | None, list[Match]] = {}
    number = 0
    for topic, count in counts.items():
        for _ in range(count):
            number += 1
            story = Story(id=number, title=f"{topic} {number}", first_seen_at=T, updated_at=T,
                          articles=())
            grouped.setdefault(topic, []).append(Match(topic=topic, story=story, strength=1.0))
    return grouped


def test_the_more_line_names_topics_with_stories_only_past_the_page_and_none_before() -> None:
    """Reader QA, stop 50 (F4): of twelve topics, health and science had stories past a
    briefing of ten and were named nowhere. Review: on a "More" page, the topics named must
    not be ones the reader got on a page before."""
    counts = {f"t{n}": (6 if n <= 2 else 2) for n in range(1, 13)}
    grouped = stories_under(counts)
    order: list[str | None] = list(counts)
    page, rest, up_to = _budget(grouped, order, 0, 10)
    assert {m.topic for m in page} == {f"t{n}" for n in range(1, 11)}
    assert _waiting(up_to, rest) == ("t11", "t12")
    for skip in (10, 20):
        page, rest, up_to = _budget(grouped, order, skip, 10)
        assert rest and _waiting(up_to, rest) == ()
    # Without a budget, nothing is left, and nothing waits.
    page, rest, up_to = _budget(grouped, order, 0, None)
    assert len(page) == sum(counts.values()) and not rest and _waiting(up_to, rest) == ()

"""A briefing's length budget, shared among the reader's topics, and what it says of the rest."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from briefing_bot.briefing import _budget, _waiting, rank
from briefing_bot.models import Article, InputKind, Story
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


def _report(story_id: int, kind: InputKind, url: str | None) -> Article:
    return Article(id=story_id, source_id=story_id, source_name=f"Outlet {story_id}",
                   story_id=story_id, guid=str(story_id), url=url, title=f"Report {story_id}",
                   text="A few words of it.", kind=kind, published_at=T, fetched_at=T)


def test_a_linkless_teaser_comes_after_stories_a_reader_can_read_on() -> None:
    """Reader QA, stop 72 Q11: a teaser that came without a link, "MOTUS A.D.: A Cootie
    Burger / Reflections FROM MOTUS…" (one outlet), led the world section above full reports
    of the day's news: a little clearer of the category, and as new."""
    def match(story_id: int, kind: InputKind, url: str | None, strength: float) -> Match:
        story = Story(id=story_id, title=f"Story {story_id}", first_seen_at=T, updated_at=T,
                      articles=(_report(story_id, kind, url),))
        return Match(topic="world", story=story, strength=strength, why="world story")

    teaser = match(1, InputKind.TEASER, None, 2.6)
    full = match(2, InputKind.FULL, "https://outlet.example/2", 2.2)
    linked = match(3, InputKind.TEASER, "https://outlet.example/3", 2.2)
    ranked = sorted([teaser, full, linked], key=lambda m: rank(m, T), reverse=True)
    assert [m.story.id for m in ranked] == [2, 3, 1]
    # Relevance still comes first: a title that names the topic beats a section's story.
    named = match(4, InputKind.TEASER, None, 3.0)
    assert max([named, full], key=lambda m: rank(m, T)) is named
    # Told in no language surely (a few words), it is not the reader's own: an Italian
    # reader's English full report comes first (the QA's teaser was English, of 8 words).
    english = dataclasses.replace(full, story=dataclasses.replace(full.story, articles=(
        dataclasses.replace(full.story.articles[0], text=ENGLISH),)))
    assert max([teaser, english], key=lambda m: rank(m, T, "it")) is english
    # One surely in theirs is: an Italian teaser of a sentence or two, link or not.
    italian = dataclasses.replace(teaser, story=dataclasses.replace(teaser.story, articles=(
        dataclasses.replace(teaser.story.articles[0], text=ITALIAN),)))
    assert max([italian, english], key=lambda m: rank(m, T, "it")) is italian


ENGLISH = ("U.S. forces killed more than 50 militiamen on Wednesday in a significant advance "
           "into a suburb that is a powerbase for a radical cleric, the military said.")
ITALIAN = ("Le forze statunitensi hanno ucciso più di cinquanta miliziani mercoledì in "
           "un'avanzata significativa verso un sobborgo roccaforte di un religioso radicale.")

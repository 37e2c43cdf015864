from datetime import UTC, datetime

import pytest

from briefing_bot.models import Article, InputKind, Story
from briefing_bot.topics import parse_topics, select, words

T = datetime(2026, 11, 24, tzinfo=UTC)


def story(number: int, title: str, text: str = "") -> Story:
    article = Article(id=number, source_id=1, source_name="S", story_id=number, guid=str(number),
                      url=None, title=title, text=text, kind=InputKind.FULL, published_at=T,
                      fetched_at=T)
    return Story(id=number, title=title, first_seen_at=T, updated_at=T, articles=(article,))


@pytest.mark.parametrize(("plural", "singular"), [
    ("tariffs", "tariff"), ("companies", "company"), ("taxes", "tax"), ("buses", "bus"),
    ("rates", "rate"), ("elections", "election"), ("Houses", "house")])
def test_singular_and_plural_are_one_form(plural: str, singular: str) -> None:
    assert words(plural) == words(singular)


def test_different_words_stay_different() -> None:
    assert words("rates") != words("rats")
    assert words("news") != words("new")


def test_parse_includes_excludes_and_phrases() -> None:
    topics = parse_topics(' Japan, "Central Bank", -sports,, japan ')
    assert [t.label for t in topics.include] == ["Japan", "Central Bank"]
    assert [t.label for t in topics.exclude] == ["sports"]
    assert topics.describe() == "Japan, Central Bank, -sports"


@pytest.mark.parametrize("text", ["-", "a" * 61, ",".join(f"t{n}" for n in range(31))])
def test_bad_topic_lists(text: str) -> None:
    with pytest.raises(ValueError):
        parse_topics(text)


def test_matching_is_whole_word_plural_blind_and_case_insensitive() -> None:
    stories = [story(1, "New TARIFF on steel"), story(2, "Tariffs hit partners"),
               story(3, "Artists party in Paris"), story(4, "Bank news", "The central banks met.")]
    matched = {m.story.id: m.topic for m in select(stories, parse_topics("tariffs, art, central bank"))}
    assert matched == {1: "tariffs", 2: "tariffs", 4: "central bank"}


def test_title_matches_rank_above_text_matches_and_excludes_win() -> None:
    stories = [story(1, "Japan wins", "football final"), story(2, "Final score", "Japan lost"),
               story(3, "Japan sports", "")]
    result = select(stories, parse_topics("japan, -sports"))
    strengths = {m.story.id: m.strength for m in result}
    assert strengths == {1: 2.0, 2: 1.0}


def test_no_topics_means_everything() -> None:
    assert len(select([story(1, "A"), story(2, "B")], parse_topics(""))) == 2

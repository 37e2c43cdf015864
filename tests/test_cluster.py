"""Clustering on hand-written cases: same event from several outlets, and same topic, other event."""

from datetime import UTC, datetime, timedelta

import pytest

from briefing_bot.cluster import StoryIndex, features

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)

PERU_A = ("Magnitude 6.8 earthquake strikes southern Peru",
          "A magnitude 6.8 earthquake struck southern Peru on Tuesday near the city of Arequipa, "
          "the US Geological Survey said. Houses were damaged in several Andean villages and "
          "two people were injured. Peru's civil defence institute said roads to Chivay were "
          "blocked by landslides.")
PERU_B = ("Strong quake shakes Arequipa region; roads blocked",
          "Peru's civil defence institute reported damage in Andean villages after a strong "
          "earthquake of magnitude 6.8 shook the Arequipa region. Landslides blocked the road to "
          "Chivay, and two residents were hurt, officials said, citing the US Geological Survey.")
JAPAN = ("Magnitude 5.9 earthquake hits central Japan",
         "A magnitude 5.9 earthquake struck Nagano prefecture in central Japan on Thursday, the "
         "Japan Meteorological Agency said. Bullet train services were briefly halted and a few "
         "homes in Matsumoto lost power. No tsunami warning was issued and no injuries were "
         "reported.")
RATES_US = ("Federal Reserve raises interest rates by a quarter point",
            "The Federal Reserve raised its benchmark interest rate by a quarter of a percentage "
            "point on Wednesday, citing persistent inflation. Chair Jerome Powell said further "
            "increases were possible.")
RATES_UK = ("Bank of England holds interest rates steady",
            "The Bank of England kept its benchmark interest rate unchanged on Thursday. Governor "
            "Andrew Bailey said inflation was falling but that it was too early to cut rates.")
FERRY = ("Solar ferry begins crossings on Lake Miren",
         "A solar-powered ferry began carrying passengers across Lake Miren on Monday, replacing a "
         "diesel boat that served the route between Miren and Olt for forty years.")


def cluster(*articles: tuple[str, str], gaps: timedelta = timedelta(hours=1)) -> list[int]:
    """Feed articles in order; return the story each joined (numbered by first article)."""
    index = StoryIndex()
    stories: list[int] = []
    for number, (title, text) in enumerate(articles):
        doc = features(title, text, T0 + gaps * number)
        story = index.match(doc)
        story = number if story is None else story
        index.add(number, doc, story)
        stories.append(story)
    return stories


def test_same_event_from_two_outlets_is_one_story() -> None:
    assert cluster(PERU_A, PERU_B) == [0, 0]


def test_two_earthquakes_are_two_stories() -> None:
    assert cluster(PERU_A, JAPAN) == [0, 1]
    assert cluster(PERU_A, JAPAN, PERU_B) == [0, 1, 0]


def test_same_topic_different_central_banks_are_two_stories() -> None:
    assert cluster(RATES_US, RATES_UK) == [0, 1]


def test_unrelated_articles_stay_apart() -> None:
    assert cluster(PERU_A, RATES_US, FERRY) == [0, 1, 2]


def test_articles_far_apart_in_time_never_join() -> None:
    assert cluster(PERU_A, PERU_B, gaps=timedelta(days=10)) == [0, 1]


def test_discarded_articles_can_no_longer_be_matched() -> None:
    index = StoryIndex()
    index.add("pending", features(*PERU_A, T0), 1)
    index.discard(["pending"])
    assert index.match(features(*PERU_B, T0)) is None
    assert len(index) == 0


def test_relabel_gives_new_stories_their_stored_ids() -> None:
    index = StoryIndex()
    index.add("a", features(*PERU_A, T0), -1)
    index.relabel({-1: 42})
    assert index.match(features(*PERU_B, T0)) == 42


def test_prune_forgets_articles_outside_the_window() -> None:
    index = StoryIndex(window=timedelta(hours=72))
    index.add("old", features(*PERU_A, T0), 1)
    index.add("new", features(*JAPAN, T0 + timedelta(days=4)), 2)
    index.prune(T0 + timedelta(days=4))
    assert len(index) == 1


CHILE = ("Magnitude 7.1 earthquake strikes northern Chile",
         "A magnitude 7.1 earthquake struck northern Chile on Wednesday near the port of "
         "Antofagasta, the US Geological Survey said. Buildings swayed in the capital Santiago "
         "and the navy briefly issued a tsunami alert. No injuries were reported, officials said, "
         "citing the US Geological Survey.")
TURKEY = ("Earthquake of magnitude 5.6 shakes eastern Turkey",
          "An earthquake of magnitude 5.6 shook eastern Turkey on Friday near the city of Malatya, "
          "the US Geological Survey said. Several old buildings collapsed and residents spent the "
          "night outside. Turkey's disaster agency AFAD said rescue teams were sent to villages.")


def test_quakes_reported_by_the_same_agency_stay_apart() -> None:
    assert cluster(PERU_A, CHILE, TURKEY) == [0, 1, 2]
    assert cluster(PERU_A, CHILE, TURKEY, PERU_B) == [0, 1, 2, 0]


def test_common_words_do_not_make_every_old_article_a_candidate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Twelve council stories fill the posting lists of their shared words; a new version of
    # the Peru quake is found through its own words, without verifying those twelve.
    index = StoryIndex()
    common = "council budget vote housing transport plan"
    for number in range(12):
        town = f"Town{number}ville Mayor{number}son"
        index.add(number, features(f"{town} {common}", f"{town} {common} {town}.", T0), number)
    index.add(100, features(*PERU_A, T0), 100)
    checked: list[object] = []
    score = StoryIndex._story_score

    def counting(*args: object, **kwargs: object) -> float | None:
        checked.append(args)
        return score(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(StoryIndex, "_story_score", counting)
    title, text = PERU_B
    # The shared words are among its most frequent, so they are among the words it looks up.
    assert index.match(features(title, f"{text} {f' {common}' * 20}", T0)) == 100
    assert len(checked) <= 2

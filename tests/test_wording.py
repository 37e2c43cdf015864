"""A briefing's own words in the reader's language: every language says everything English
says, with the same blanks, and each reason a topic gives reads in it."""

import re
import string
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from briefing_bot import wording as wording_module
from briefing_bot.category_data import BRANCHES, CATEGORIES
from briefing_bot.wording import languages, wording

ENGLISH = wording_module._catalog()["en"]
OTHERS = [language for language in languages() if language != "en"]


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", OTHERS)
def test_every_language_says_everything_with_the_same_blanks(language: str) -> None:
    words = wording_module._catalog()[language]
    assert set(words) == set(ENGLISH)
    for key, english in ENGLISH.items():
        if isinstance(english, str):
            assert _blanks(words[key]) == _blanks(english), key
        elif key != "categories":  # counted words: every form has {n}, and "other" is there
            assert "other" in words[key] and all(
                _blanks(form) == {"n"} for form in words[key].values()), key
    assert set(words["categories"]) == {c.key for c in CATEGORIES} | {b.key for b in BRANCHES}


REASONS = ["title mentions Veloria", "another outlet's headline mentions Veloria",
           "mentions Veloria", 'title has "Premier League"',
           "another outlet's headline has \"Premier League\"", 'mentions "Premier League"',
           "business story", "world story, politics news too", "calcio story",
           "close in meaning to Veloria (0.81)"]


@pytest.mark.parametrize("language", OTHERS)
def test_every_reason_a_topic_gives_reads_in_the_readers_language(language: str) -> None:
    words = wording(language)
    for reason in REASONS:
        said = words.why(reason)
        assert said != reason and not re.search(r"\b(mentions|story|headline)\b", said), said
        # The reader's topic is kept as they typed it.
        for name in ("Veloria", "Premier League", "calcio"):
            assert (name in reason) == (name in said), said


def test_the_reasons_cover_what_topics_say() -> None:
    """A reason of a form the catalog does not know would stay English: each f-string
    `topics.py` returns as a reason is one of the forms above."""
    source = Path(wording_module.__file__).with_name("topics.py").read_text("utf-8")
    given = re.findall(r'f"([^"]*)"', source) + re.findall(r"f'([^']*)'", source)
    starts = ("title ", "another outlet", "mentions", "has ", "close in meaning")
    shapes = {re.sub(r"\{[^}]+\}", "X", form) for form in given
              if form.startswith(starts) or form.endswith((" story", " news too"))}
    # `_headline_why` puts "title " or "another outlet's headline " before what it is given
    # ("mentions X", 'has "X"'): those are checked whole in REASONS.
    shapes = shapes - {"title X", "another outlet's headline X", 'has "X"'}
    known = {re.sub(r"Veloria|Premier League|calcio|business|world|politics|0\.81", "X", r)
             for r in REASONS}
    assert shapes and shapes <= known, shapes - known


def test_numbers_plurals_dates_and_fallbacks() -> None:
    polish = wording("pl")
    assert [polish.count("sources", n) for n in (1, 3, 5, 22)] == [
        "1 źródło", "3 źródła", "5 źródeł", "22 źródła"]
    assert wording("de").why("close in meaning to KI (0.81)") == "inhaltlich nah an KI (0,81)"
    assert wording("pt-BR").language == "pt" and wording("tr").language == "en"
    assert wording(None).say("briefing") == "Your briefing"
    assert wording("fr").language_name("de") == "allemand"
    assert wording("tr").why("title mentions x") == "title mentions x"
    # A local moment keeps its own day (just after midnight in Berlin is still the 24th in UTC).
    berlin = datetime(2026, 11, 25, 0, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert wording("de").day_and_month(berlin) == "25. November"
    assert wording("pl").date(berlin) == "25 listopada 2026"

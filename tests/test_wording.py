"""A briefing's own words in the reader's language: every language says everything English
says, with the same blanks, and each reason a topic gives reads in it."""

import re
import string
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
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
        elif key in ("categories", "commands"):  # names: the same ones
            assert set(words[key]) == set(english), key
        else:  # counted words: every form has {n} (and the English blanks), "other" is there
            assert "other" in words[key] and all(
                _blanks(form) == _blanks(english["other"]) >= {"n"}
                for form in words[key].values()), key
    # What the bot reads back from Telegram (its own questions, as plain text) has no markup.
    assert "<" not in words["topics_question"] + words["topics_offer"]
    assert all("<" not in words[key] for key in words if key.startswith("err_"))
    assert set(words["categories"]) == {c.key for c in CATEGORIES} | {b.key for b in BRANCHES}


REASONS = ["title mentions Veloria", "another report's headline mentions Veloria",
           "mentions Veloria", 'title has "Premier League"',
           "another report's headline has \"Premier League\"", 'mentions "Premier League"',
           "business story", "world story, politics news too", "calcio story",
           "close in meaning to Veloria (0.81)",
           # (found only in a report shown as related coverage: QA stop 67 P5)
           "mentions Veloria (in a report under “Related”)",
           "close in meaning to Veloria (0.81) (in a report under “Related”)"]


@pytest.mark.parametrize("language", OTHERS)
def test_every_reason_a_topic_gives_reads_in_the_readers_language(language: str) -> None:
    words = wording(language)
    for reason in REASONS:
        said = words.why(reason)
        assert said != reason and not re.search(r"\b(mentions|story|headline)\b", said), said
        # The reader's topic is kept as they typed it.
        for name in ("Veloria", "Premier League", "calcio"):
            assert (name in reason) == (name in said), said


@pytest.mark.parametrize("language", OTHERS)
def test_a_story_of_another_category_leads_with_the_readers_own(language: str) -> None:
    # Telegram QA s56 #10: a reader of crime alone read that a story was world news "and
    # also" crime, as if they had chosen world news; the category they chose comes first.
    words = wording(language)
    said = words.why("world story, crime news too")
    crime, world = words.category("crime"), words.category("world")
    assert crime in said and world in said and said.index(crime) < said.index(world), said


def test_the_reasons_cover_what_topics_say() -> None:
    """A reason of a form the catalog does not know would stay English: each f-string
    `topics.py` returns as a reason is one of the forms above."""
    source = Path(wording_module.__file__).with_name("topics.py").read_text("utf-8")
    given = re.findall(r'f"([^"]*)"', source) + re.findall(r"f'([^']*)'", source)
    starts = ("title ", "another report", "mentions", "has ", "close in meaning")
    shapes = {re.sub(r"\{[^}]+\}", "X", form) for form in given
              if form.startswith(starts) or form.endswith((" story", " news too"))}
    # `_headline_why` puts "title " or "another report's headline " before what it is given
    # ("mentions X", 'has "X"'): those are checked whole in REASONS.
    shapes = shapes - {"title X", "another report's headline X", 'has "X"'}
    known = {re.sub(r"Veloria|Premier League|calcio|business|world|politics|0\.81", "X", r)
             for r in REASONS}
    assert shapes and shapes <= known, shapes - known


def test_numbers_plurals_dates_and_fallbacks() -> None:
    polish = wording("pl")
    assert [polish.count("sources", n) for n in (1, 3, 5, 22)] == [
        "1 źródło", "3 źródła", "5 źródeł", "22 źródła"]
    # A similarity a reader cannot read is left out (reader QA: "close in meaning to inflation
    # (0.82)"); `stories --json` gives it as the score.
    assert wording("de").why("close in meaning to KI (0.81)") == "inhaltlich nah an KI"
    assert wording("en").why("close in meaning to KI (0.81)") == "close in meaning to KI"
    assert wording("en").why("close in meaning to KI (0.81) (in a report under “Related”)") == (
        "close in meaning to KI (in a report under “Related”)")
    assert wording("de").why("mentions Irak (in a report under “Related”)") == (
        "erwähnt Irak (in einem Bericht unter „Siehe auch“)")
    assert wording("pt-BR").language == "pt" and wording("tr").language == "en"
    assert wording(None).say("briefing") == "Your briefing"
    assert wording("fr").language_name("de") == "allemand"
    assert wording("tr").why("title mentions x") == "title mentions x"
    # A local moment keeps its own day (just after midnight in Berlin is still the 24th in UTC).
    berlin = datetime(2026, 11, 25, 0, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert wording("de").day_and_month(berlin) == "25. November"
    assert wording("pl").date(berlin) == "25 listopada 2026"


def test_the_next_briefing_names_its_day_and_month_in_words() -> None:
    # Telegram QA s56 #11: the Bulgarian day read "нд, 6.12., 08:15", as if cut off.
    sunday = datetime(2026, 12, 6, 8, 15, tzinfo=ZoneInfo("Europe/Sofia"))
    assert wording("bg").moment(sunday) == "нд, 6 декември, 08:15"
    assert wording("ru").moment(sunday) == "вс, 6 дек., 08:15"
    assert wording("en").moment(sunday) == "Sun 6 Dec, 08:15"


def _error_keys_in_code() -> set[str]:
    package = Path(wording_module.__file__).parent
    found: set[str] = set()
    for path in package.glob("*.py"):
        text = path.read_text("utf-8")
        found |= set(re.findall(r'key\s*=\s*"(err_[a-z_0-9]+)"', text))
        found |= set(re.findall(r'return "(err_[a-z_0-9]+)"', text))
        found |= set(re.findall(r'"(err_[a-z_0-9]+)" if ', text))
        found |= set(re.findall(r'else "(err_[a-z_0-9]+)"', text))
    return found


def test_every_error_the_code_names_is_in_the_catalog_and_none_is_left_over() -> None:
    in_code = _error_keys_in_code()
    in_catalog = {key for key in ENGLISH if key.startswith("err_")}
    assert in_code and in_code == in_catalog, (in_code ^ in_catalog)


def test_an_error_said_in_english_is_its_own_message() -> None:
    """The catalog's English is what the error itself says (the CLI's and the logs' words),
    so an English reader reads what they read before errors were translated."""
    from briefing_bot import errors, inputs, llm, subscriptions, summaries  # noqa: PLC0415
    from briefing_bot.schedule import parse_clock, parse_timezone  # noqa: PLC0415
    from briefing_bot.topics import parse_topics  # noqa: PLC0415

    classes: list[type[errors.BriefingError]] = [
        errors.BriefingError, errors.StoreUnavailable, llm.LLMUnavailable, llm.LLMRejected,
        llm.AnswerRejected, llm.BudgetSpent, subscriptions.NotSubscribed, summaries.EmptyInput]
    english = wording("en")
    for error_class in classes:
        assert english.error(error_class.__new__(error_class)) == error_class.user_message
    raised: list[Exception] = []
    many = ", ".join(f"topic{i}" for i in range(40))
    attempts: list[Callable[[], object]] = [lambda: parse_clock("25:00"), lambda: parse_clock("13pm"),
                lambda: parse_clock("soon"), lambda: parse_timezone("UTC+15"),
                lambda: parse_timezone("Narnia"), lambda: parse_topics("(?i)foo.*"),
                lambda: parse_topics("--"), lambda: parse_topics(many),
                lambda: subscriptions.merge_topics(["sport"], "x", "remove"),
                lambda: subscriptions.merge_topics([], "x", "remove"),
                lambda: subscriptions.merge_topics(["sport"], "-sport", "add"),
                lambda: subscriptions.merge_topics([], "", "add"),
                lambda: inputs.classify(""), lambda: inputs.classify("hello there"),
                lambda: inputs.classify("ftp://example.com/a"),
                lambda: inputs.classify("http://a.example/1 and http://b.example/2")]
    for attempt in attempts:
        with pytest.raises((ValueError, errors.BriefingError)) as caught:
            attempt()
        raised.append(caught.value)
    for error in raised:
        assert getattr(error, "key", None), error
        assert english.error(error) == str(error)


def test_errors_read_in_the_readers_language_with_their_values() -> None:
    from briefing_bot.errors import BriefingError  # noqa: PLC0415
    from briefing_bot.inputs import classify  # noqa: PLC0415
    from briefing_bot.schedule import parse_timezone  # noqa: PLC0415
    from briefing_bot.subscriptions import merge_topics  # noqa: PLC0415

    with pytest.raises(ValueError) as zone:
        parse_timezone("Europe/Berln")
    assert wording("de").error(zone.value).startswith(
        "Die Zeitzone „Europe/Berln“ kenne ich nicht; meinst du Europe/Berlin")
    with pytest.raises(BriefingError) as nested:
        merge_topics([], "c++, (?i)foo.*", "add")
    # The reason inside the answer is said in the same language.
    assert wording("pl").error(nested.value) == (
        "Nie udało się: „(?i)foo.*” wygląda jak wzorzec wyszukiwania; tematy to zwykłe słowa "
        "lub wyrażenia, np. klimat, \"bank centralny\" albo c++")
    with pytest.raises(BriefingError) as links:
        classify("http://a.example/1 und http://b.example/2")
    assert wording("fr").error(links.value) == (
        "Ce message contient 2 liens : envoyez-les un par un (/summarize https://...).")
    # An error without a sentence of its own is told in its English words.
    assert wording("de").error(RuntimeError("x")) == "x"


@pytest.mark.parametrize("language", languages())
def test_a_category_button_adds_the_readers_word_for_it(language: str) -> None:
    """The category buttons show, and add as the reader's topic, the category's name in the
    reader's language: each name must find its category (an Italian "Esteri" added "world")."""
    from briefing_bot.categories import categories_named  # noqa: PLC0415

    words = wording(language)
    for category in CATEGORIES:
        assert categories_named(words.category(category.key)) == (category.key,), language


def test_counted_sentences_take_the_form_of_their_number() -> None:
    """Review: "your 1 summaries", Polish "5 linki" and "1 streszczeń"."""
    from briefing_bot.errors import BriefingError  # noqa: PLC0415
    from briefing_bot.inputs import classify  # noqa: PLC0415

    assert wording("en").say("summarize_quota", n=1, minutes=5).startswith("You have used your 1 summary ")
    assert wording("en").say("summarize_quota", n=3, minutes=5).startswith("You have used your 3 summaries")
    polish = wording("pl")
    assert [polish.say("summarize_quota", n=n, minutes=5).split(" na ")[0] for n in (1, 3, 5)] == [
        "Wykorzystano 1 streszczenie", "Wykorzystano 3 streszczenia", "Wykorzystano 5 streszczeń"]
    links = " ".join(f"http://a{n}.example/x" for n in range(5))
    with pytest.raises(BriefingError) as many:
        classify(f"{links} look")
    assert polish.error(many.value).startswith("Ta wiadomość ma 5 linków")
    assert wording("en").error(many.value).startswith("That message has 5 links")


@pytest.mark.parametrize("language", ["en", *OTHERS])
def test_a_link_that_cannot_be_reached_is_said_without_a_librarys_class_name(
        language: str) -> None:
    """Reader QA: "the page could not be reached (ConnectError)"."""
    from briefing_bot.netguard import FetchFailed  # noqa: PLC0415 - one error, here only

    said = wording(language).error(FetchFailed("the page could not be reached (ConnectError)",
                                                key="err_unreachable", kind="ConnectError"))
    assert "ConnectError" not in said and said


def test_polish_answers_address_the_reader_without_a_gender() -> None:
    """Telegram QA (stop 54, F11): "Śledziłbyś X i wykluczał Y" (you would follow X and
    exclude Y) spoke to every Polish reader as a man. Polish second-person past and
    conditional forms carry a gender ("-łeś", "-łbyś"; "-łaś", "-łabyś"), so the answers
    use forms that do not."""
    from briefing_bot.errors import BriefingError  # noqa: PLC0415
    from briefing_bot.subscriptions import merge_topics  # noqa: PLC0415

    with pytest.raises(BriefingError) as caught:
        merge_topics([], "sport, -sport", "add")
    answer = wording("pl").error(caught.value)
    assert "sport" in answer and "znoszą się" in answer
    gendered = re.compile(r"\w+(?:łeś|łaś|łbyś|łabyś)\b")
    for key, text in wording_module._catalog()["pl"].items():
        if isinstance(text, str):
            assert not gendered.search(text), (key, text)


def test_a_moment_of_minutes_ago_is_said_in_minutes() -> None:
    """QA (stop 61 F1): a message received two minutes before was "1 hour ago"."""
    now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    english, german = wording("en"), wording("de")
    assert english.ago(now - timedelta(minutes=2), now) == "2 minutes ago"
    assert english.ago(now - timedelta(seconds=5), now) == "1 minute ago"
    assert german.ago(now - timedelta(minutes=40), now) == "vor 40 Minuten"
    assert english.ago(now - timedelta(minutes=59, seconds=50), now) == "1 hour ago"
    assert english.ago(now - timedelta(hours=4), now) == "4 hours ago"
    assert english.ago(now - timedelta(days=4), now) == "4 days ago"

"""What a plain message asks of the bot (`asked.py`): reader QA, stop 73 R1, and the same
requests in the other languages the bot answers in."""

from __future__ import annotations

import pytest

from briefing_bot.asked import Asked, what_is_asked


@pytest.mark.parametrize(("typed", "topics"), [
    # the reader QA's messages
    ("je ne veux plus de sport", ("sport",)),
    ("plus de sport svp", ("sport",)),
    ("Bitte keine Fußball-Nachrichten mehr", ("Fußball",)),
    ("kein Fußball mehr", ("Fußball",)),
    ("stop sending me football", ("football",)),
    # ...and the same request, said otherwise and in the other languages
    ("No more football news!", ("football",)),
    ("no more news about the Premier League", ("Premier League",)),
    ("I don't want sport anymore", ("sport",)),
    ("no more Fox News", ("Fox News",)),  # (a name's "News" is kept)
    ("no sport, no politics", ("sport", "politics")),
    # "and" joins two topics, but not inside a name (stop 73: "Marks", "Spencer")
    ("no more sport and politics", ("sport", "politics")),
    ("no more Sport and Politics", ("Sport", "Politics")),  # (topics the bot knows)
    ("keine Politik und Wirtschaft", ("Politik", "Wirtschaft")),  # (German nouns: capitals)
    ("no more Marks and Spencer", ("Marks and Spencer",)),
    ("no more marks and spencer", ("marks and spencer",)),
    ("no more Trump and Biden", ("Trump", "Biden")),  # (two people, though both capitalised)
    ("plus de Marks et Spencer", ("Marks et Spencer",)),
    ("no more Procter & Gamble", ("Procter & Gamble",)),
    ("no more news about Bosnia and Herzegovina", ("Bosnia and Herzegovina",)),
    ("niente più calcio", ("calcio",)),
    ("basta calcio per favore", ("calcio",)),
    ("non voglio più il calcio", ("calcio",)),
    ("sin fútbol", ("fútbol",)),
    ("no quiero más fútbol", ("fútbol",)),
    ("chega de futebol", ("futebol",)),
    ("geen voetbal meer", ("voetbal",)),
    ("bez piłki nożnej", ("piłki nożnej",)),
    ("не хочу больше футбол", ("футбол",)),
    ("досить футболу", ("футболу",)),
    ("стига футбол", ("футбол",)),
    ("χωρίς ποδόσφαιρο", ("ποδόσφαιρο",)),
])
def test_less_of_a_topic_names_the_topic_to_leave_out(typed: str, topics: tuple[str, ...]
                                                      ) -> None:
    assert what_is_asked(typed) == Asked("less", topics)


@pytest.mark.parametrize(("typed", "kind"), [
    ("unsubscribe", "stop"), ("stop", "stop"), ("Stop!", "stop"), ("Abmelden", "stop"),
    ("me désabonner", "stop"), ("disiscrivimi", "stop"), ("darme de baja", "stop"),
    ("отписаться", "stop"), ("keine Nachrichten mehr", "stop"), ("no more messages", "stop"),
    ("help", "help"), ("hilfe", "help"), ("aide", "help"), ("aiuto", "help"),
    ("How does this work?", "help"), ("come funziona?", "help"),
    ("wie funktioniert das?", "help"), ("Is anyone there?", "help"), ("помощь", "help"),
])
def test_stop_and_help_are_read_as_what_is_asked(typed: str, kind: str) -> None:
    found = what_is_asked(typed)
    assert found is not None and found.kind == kind, typed


@pytest.mark.parametrize(("typed", "code", "reader"), [
    ("can I get it in German?", "de", None), ("auf Deutsch bitte", "de", None),
    ("en français", "fr", None), ("in italiano", "it", None),
    ("in Englisch", "en", "de"), ("en allemand", "de", "fr"),
    ("по-английски", "en", "ru"), ("на английском", "en", "ru"),
])
def test_a_language_asked_for_by_name(typed: str, code: str, reader: str | None) -> None:
    assert what_is_asked(typed, reader=reader) == Asked("language", (code,))


@pytest.mark.parametrize("typed", [
    # topics, as the bot offers them to follow
    "Tesla, Premier League", "Klimawandel", "football", "crime in French Polynesia",
    "made in Italy", "artificial intelligence in health care", "Sin City",
    "No Country for Old Men",
    "Pas de Calais", "plus de 50 ans",
    # replies and idioms that name no topic
    "no thanks", "no problem", "nein danke", "keine Ahnung", "less is more", "sin embargo",
    # a request for more, not less
    "voglio il calcio", "I'd like news about football",
    # a code is no language asked for by name ("in it")
    "in it",
])
def test_what_is_no_such_request_is_left_as_it_was(typed: str) -> None:
    assert what_is_asked(typed) is None, typed

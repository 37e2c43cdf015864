import dataclasses
import re
from datetime import UTC, datetime

import pytest

from briefing_bot.compose import (
    TELEGRAM_LIMIT,
    briefing_json,
    pack_messages,
    render_html,
    render_html_messages,
    render_json,
    render_text,
    render_update_html,
    utf16_length,
)
from briefing_bot.models import (
    Briefing,
    BriefingItem,
    Elsewhere,
    Excluded,
    InputKind,
    RelatedLink,
    Section,
    SourceLink,
)
from briefing_bot.wording import wording
from tests.fakes import telegram_html_errors

T = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
def check(message: str) -> None:
    """What Telegram would reject: bad markup, or more than 4096 UTF-16 units."""
    assert telegram_html_errors(message) == []
    assert utf16_length(message) <= TELEGRAM_LIMIT


def item(number: int, *, title: str = "Quake", summary: str = "It shook.",
         basis: InputKind = InputKind.FULL, fallback: str | None = None,
         sources: int = 2) -> BriefingItem:
    links = tuple(SourceLink(f"Outlet {n}", f"https://o{n}.example/{number}?a=1&b=2")
                  for n in range(sources))
    return BriefingItem(story_id=number, title=title, summary=summary, basis=basis,
                        sources=links, source_count=sources, engine="extractive",
                        fallback=fallback, updated_at=T)


def briefing(*sections: Section, quiet: tuple[str, ...] = ()) -> Briefing:
    return Briefing(generated_at=T, since=T, language="en", sections=sections,
                    quiet_topics=quiet)


def test_everything_from_outside_is_escaped() -> None:
    hostile = item(1, title='<b>Tom & "Jerry"</b>', summary="1 < 2 & <a href='x'>click</a>")
    (message,) = render_html(briefing(Section("cats & dogs", "<i>intro</i>", (hostile,))))
    check(message)
    assert "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;" in message
    assert "1 &lt; 2 &amp; &lt;a href=&#x27;x&#x27;&gt;click&lt;/a&gt;" in message
    assert 'href="https://o0.example/1?a=1&amp;b=2"' in message
    assert "Cats &Amp; Dogs" not in message and "Cats &amp; dogs" in message


@pytest.mark.parametrize(("topic", "shown"), [
    ("AT&T", "AT&amp;T"), ("iPhone", "iPhone"), ("US election", "US election"),
    ("world news", "World news"), ("c++", "C++"), ("Wirtschaft", "Wirtschaft")])
def test_a_section_is_named_as_the_reader_wrote_its_topic(topic: str, shown: str) -> None:
    # str.title() once turned "AT&T" into "At&T" and "iPhone" into "Iphone".
    (message,) = render_html(briefing(Section(topic, None, (item(1),))))
    check(message)
    assert f"<b>{shown}</b>" in message


def test_labels_for_teasers_titles_and_offline_summaries() -> None:
    items = (item(1, basis=InputKind.TEASER), item(2, basis=InputKind.TITLE, summary=""),
             item(3, fallback="the LLM timed out"))
    text = render_text(briefing(Section(None, None, items)))
    assert "(from the teaser only)" in text
    assert "(headline only)" in text
    assert "(summarized offline)" in text
    assert "timed out" not in text  # the operator's reason is not the reader's business
    # A teaser with nothing to summarize (all page furniture) is its headline only, in the
    # JSON as in the text (operator QA, stop 59 F7: "basis": "teaser" beside the label).
    furniture = briefing(Section(None, None, (item(4, basis=InputKind.TEASER, summary=""),)))
    assert "(headline only)" in render_text(furniture)
    assert [s["basis"] for s in briefing_json(furniture)["sections"][0]["stories"]] == ["title"]
    assert [s["basis"] for s in briefing_json(briefing(Section(None, None, items)))[
        "sections"][0]["stories"]] == ["teaser", "title", "full"]


@pytest.mark.parametrize(("language", "whole", "headline"), [
    ("en", "(the whole report)", "(headline only)"),
    ("de", "(die ganze Meldung)", "(nur die Schlagzeile)"),
    ("fr", "(l'article entier)", "(titre seulement)"),
    ("es", "(la noticia completa)", "(solo el titular)"),
    ("it", "(la notizia intera)", "(solo il titolo)"),
    ("pt", "(a notícia inteira)", "(apenas o título)"),
    ("nl", "(het hele bericht)", "(alleen de kop)"),
    ("pl", "(cała wiadomość)", "(tylko nagłówek)"),
    ("ru", "(сообщение целиком)", "(только заголовок)"),
    ("uk", "(повідомлення повністю)", "(лише заголовок)"),
    ("bg", "(цялото съобщение)", "(само заглавието)"),
    ("el", "(ολόκληρη η είδηση)", "(μόνο ο τίτλος)"),
])
def test_a_one_sentence_report_told_whole_as_its_title_is_not_called_a_headline(
        language: str, whole: str, headline: str) -> None:
    """Reader QA, stop 73 R7: a report of one sentence is told whole as its title, with no
    summary to say it again; "(headline only)" under it read as if the report said more,
    while /summarize said "(the whole page: it holds only this)"."""
    sentence = ("A climber who watched his brother fall to his death on Mt Cook is lucky to be "
                "alive after two nights high on the mountain.")
    alone = dataclasses.replace(item(1, title=sentence, summary=""), whole=True)
    teaser = item(2, title="Climber survives two nights on Mt Cook",
                  summary="A climber who watched his brother fall…", basis=InputKind.TEASER)
    bare = item(3, title="Climber survives two nights on Mt Cook", summary="",
                basis=InputKind.TITLE)
    text = render_text(Briefing(generated_at=T, since=T, language=language, sections=(
        Section(None, None, (alone, teaser, bare)),), quiet_topics=()))
    blocks = text.split("\n\n")
    told = next(block for block in blocks if sentence in block)
    assert whole in told and headline not in told, told
    # A teaser (headline and a cut lead) and a headline alone keep their labels.
    assert wording(language).say("teaser_only") in next(
        block for block in blocks if "fall…" in block)
    assert text.count(headline) == 1, text
    assert [s["basis"] for s in briefing_json(briefing(Section(None, None, (
        alone, bare))))["sections"][0]["stories"]] == ["full", "title"]


@pytest.mark.parametrize(("language", "told", "dated"), [
    ("en", "(first reported 4 days ago)", "(reported 1 day ago; from the teaser only)"),
    ("de", "(zuerst gemeldet vor 4 Tagen)", "(gemeldet vor 1 Tag; nur aus dem Anreißer)"),
    ("pl", "(po raz pierwszy podano 4 dni temu)",
     "(opublikowano 1 dzień temu; tylko z zapowiedzi)"),
])
def test_old_news_says_when_it_was_told_or_reported(language: str, told: str,
                                                    dated: str) -> None:
    # Found by reader QA: a recall told four days before came again as news, unmarked.
    retold = dataclasses.replace(item(1, title="Recall"), first_told=datetime(2026, 11, 21, 9, tzinfo=UTC),
                                 published=datetime(2026, 11, 24, 6, tzinfo=UTC))
    late = dataclasses.replace(item(2, title="Late", basis=InputKind.TEASER),
                               published=datetime(2026, 11, 24, 6, tzinfo=UTC))
    fresh = item(3, title="Fresh")
    news = dataclasses.replace(briefing(Section(None, None, (retold, late, fresh))),
                               language=language)
    (message,) = render_html(news)
    check(message)
    first, second, third = (next(block for block in message.split("\n\n")
                                 if block.startswith(f"<b>{title}"))
                            for title in ("Recall", "Late", "Fresh"))
    # The earlier telling is said, not also the newest report's date.
    assert f"<i>{told}</i>" in first and dated.partition(";")[0].lstrip("(") not in first
    assert f"<i>{dated}</i>" in second
    assert "<i>(" not in third
    stories = briefing_json(news)["sections"][0]["stories"]
    assert stories[0]["first_told_at"] == "2026-11-21T09:00:00+00:00"
    assert "first_told_at" not in stories[1] and "published_at" not in stories[2]


@pytest.mark.parametrize(("language", "said"), [
    ("en", "(earlier story 4 days ago: “Bush administration ends species reviews”)"),
    ("de", "(frühere Meldung vor 4 Tagen: „Bush administration ends species reviews“)"),
    ("es", "(noticia anterior hace 4 días: «Bush administration ends species reviews»)"),
])
def test_a_retelling_names_the_earlier_story_it_rests_on(language: str, said: str) -> None:
    # Found by reader QA (stop 43, F13): Obama's reversal of a Bush rule, scored like a
    # retelling of the rule, was sent as "first reported 3 days ago": a new event called old
    # news. The mark names the earlier story instead, so the reader can judge.
    told = datetime(2026, 11, 21, 9, tzinfo=UTC)
    reversal = dataclasses.replace(item(1, title="Obama restores species reviews"),
                                   first_told=told,
                                   first_told_title="Bush administration ends species reviews")
    long = dataclasses.replace(item(2, title="Recall"), first_told=told,
                               first_told_title="Tesla <recalls> " + "cars " * 30)
    news = dataclasses.replace(briefing(Section(None, None, (reversal, long))),
                               language=language)
    (message,) = render_html(news)
    check(message)
    assert f"<i>{said}</i>" in message
    # A long headline is cut at a word and escaped.
    recall = next(block for block in message.split("\n\n") if block.startswith("<b>Recall"))
    quoted = recall.split("Tesla", 1)[1].split("…", 1)[0]
    assert "&lt;recalls&gt;" in quoted and len("Tesla" + quoted) <= 90 and "…" in recall
    stories = briefing_json(news)["sections"][0]["stories"]
    assert stories[0]["first_told_title"] == "Bush administration ends species reviews"


def test_an_update_with_nothing_but_a_related_report_carries_no_summary_labels() -> None:
    # Exploratory QA: "Update · Police say a climber… (from the teaser only) Related: …": the
    # label spoke of a summary that was not there.
    bare = dataclasses.replace(
        item(1, basis=InputKind.TEASER, summary="", fallback="timeout", sources=0),
        related=(RelatedLink("Climber presumed dead", "City Observer", "https://c.example"),))
    html = render_update_html(bare)
    check(html)
    assert "teaser" not in html and "offline" not in html
    assert "Related:</i> <a href=\"https://c.example\">Climber presumed dead</a>" in html
    assert "Update" not in html  # nothing of the story itself is new


def test_long_briefings_split_between_items_within_the_limit() -> None:
    emoji_summary = "Fireworks 🎆 over the harbour. " * 40
    sections = tuple(
        Section(f"topic {n}", None, tuple(item(n * 10 + k, summary=emoji_summary)
                                          for k in range(4))) for n in range(5))
    messages = render_html(briefing(*sections, quiet=("japan",)))
    assert len(messages) > 1
    for message in messages:
        check(message)
    joined = "\n\n".join(messages)
    assert joined.count("<b>Quake</b>") == 20  # every item once, none lost or split
    assert not any(m.rstrip().endswith("</b>") and m.rstrip().split("\n")[-1].startswith(
        "<b>Topic") for m in messages)  # a section header never ends a message alone


def test_an_item_too_long_for_one_message_is_shortened_by_whole_sentences() -> None:
    huge = item(1, title="T" * 150, summary="A sentence that goes on. " * 400, sources=5)
    messages = render_html(briefing(Section(None, None, (huge,))))
    for message in messages:
        check(message)
    assert len(messages) <= 2
    assert "A sentence that goes on." in messages[-1]
    assert "Outlet 4" in messages[-1]  # shortened summary, links kept


@pytest.mark.parametrize("limit", [50, 200])
def test_pack_messages_never_splits_a_block(limit: int) -> None:
    blocks = [f"<b>block {n}</b> " + "x" * 30 for n in range(10)]
    messages = pack_messages(blocks, limit)
    assert "\n\n".join(messages) == "\n\n".join(blocks)


def test_utf16_length_counts_astral_characters_twice() -> None:
    assert utf16_length("a🎆") == 3


def test_empty_briefing_says_so_plainly() -> None:
    empty = briefing(quiet=("japan", "tariffs"))
    assert "Nothing new on: japan, tariffs." in render_text(empty)
    (message,) = render_html(empty)
    check(message)
    assert '"quiet_topics": [\n    "japan"' in render_json(empty)


@pytest.mark.parametrize(("language", "one", "three"), [
    ("en", "ferry: 1 story, left out by -harbour.",
     "sport: 3 stories, all left out by -football, -tennis."),
    ("de", "ferry: 1 Meldung, ausgeschlossen durch -harbour.",
     "sport: 3 Meldungen, alle ausgeschlossen durch -football, -tennis."),
])
def test_a_topic_left_out_by_exclusions_says_so_in_number(language: str, one: str,
                                                          three: str) -> None:
    # Wording review (stop 62): "1 story, all left out" is not said of one story.
    shown = dataclasses.replace(briefing(), language=language, excluded=(
        Excluded(topic="ferry", stories=1, by=("-harbour",)),
        Excluded(topic="sport", stories=3, by=("-football", "-tennis"))))
    text = render_text(shown)
    assert one in text and three in text


def test_each_item_says_why_and_the_rest_is_offered() -> None:
    matched = dataclasses.replace(item(1, title="Chip maker beats forecasts"),
                                  topic="technology", why="technology story")
    shown = dataclasses.replace(briefing(Section(topic="technology", intro=None,
                                                 items=(matched,))), more=7)
    (message,) = render_html(shown)
    check(message)
    assert "<i>Why: technology story</i>" in message  # not "technology: technology story"
    assert "7 more stories on your topics: /more" in message
    assert "why: technology story" in render_text(shown)
    data = briefing_json(shown)
    assert data["more"] == 7
    assert data["sections"][0]["stories"][0]["why"] == "technology story"
    assert data["sections"][0]["topic"] == "technology"


def test_the_why_names_the_topic_when_its_reason_does_not() -> None:
    german = dataclasses.replace(item(1, title="Chip maker beats forecasts"),
                                 topic="Wirtschaft", why="business story")
    (message,) = render_html(briefing(Section(topic="Wirtschaft", intro=None, items=(german,))))
    assert "<i>Why: Wirtschaft: business story</i>" in message
    # ...nor a form of it (QA stop 62: "Por quê: esportes: seção esporte").
    for language, topic, said in (("pt", "esportes", "seção esporte"),
                                  ("en", "sports", "sport story")):
        match = dataclasses.replace(item(1, title="Rovers win the cup"), topic=topic,
                                    why="sport story")
        text = render_text(dataclasses.replace(briefing(Section(
            topic=topic, intro=None, items=(match,))), language=language))
        assert said in text and f"{topic}: {said}" not in text, text


def test_top_stories_offer_the_rest_without_claiming_topics() -> None:
    top = dataclasses.replace(briefing(Section(topic=None, intro=None, items=(item(1),))),
                              more=3)
    (message,) = render_html(top)
    assert "3 more stories: /more" in message and "on your topics" not in message


def test_french_puts_a_space_before_its_colons() -> None:
    # Reader QA: "Pourquoi: rubrique économie" beside "Rien de nouveau sur : incendie".
    shown = dataclasses.replace(
        item(1), topic="économie", why="category:business",
        related=(RelatedLink("Autre chose", "Le Média", "https://m.example/1"),))
    news = dataclasses.replace(briefing(Section("économie", None, (shown,))), language="fr")
    (message,) = render_html(news)
    check(message)
    assert "<i>Pourquoi : " in message and "<i>Voir aussi :</i>" in message
    english = render_html(briefing(Section("economy", None, (dataclasses.replace(
        shown, topic="economy"),))))[0]
    assert "<i>Why: " in english and "<i>Related:</i>" in english


def test_russian_greek_ukrainian_and_bulgarian_briefings_read_in_their_language() -> None:
    """Russian and Greek reader QA (stop 55): a Russian, Greek, Ukrainian or Bulgarian
    reader's briefing said "Your briefing", "2 sources", "Why" around their news. A Greek
    list of labels is not separated by ";", which is the Greek question mark."""
    alone = dataclasses.replace(item(1, basis=InputKind.TITLE, summary=""), language="en",
                                topic="Россия", why="title mentions Россия")
    said = {language: render_text(Briefing(generated_at=T, since=T, language=language,
                                           sections=(Section("Россия", None, (alone,)),),
                                           quiet_topics=()))
            for language in ("ru", "uk", "bg", "el")}
    assert "Сводка, " in said["ru"] and "2 источника" in said["ru"]
    assert "2 джерела" in said["uk"] and "2 източника" in said["bg"]
    assert "2 πηγές" in said["el"] and "αγγλικά" in said["el"]
    for text in said.values():
        assert not re.search(r"\b(sources|Why|why|headline only|title mentions)\b", text), text
    assert "(" in said["el"] and ";" not in said["el"].split("(", 1)[1], said["el"]


def test_french_labels_and_world_s_section_read_as_french() -> None:
    # Reader QA, stop 48: "(publié il y a 1 jour; en anglais)" without the space French puts
    # before ";", and "rubrique international" for world news.
    # ("rubrique « international »": a section's name; the reader's topic "international"
    # still reads once, second review)
    alone = dataclasses.replace(item(1, basis=InputKind.TITLE, summary=""), language="en",
                                topic="international", why="world story")
    text = render_text(Briefing(generated_at=T, since=T, language="fr", sections=(
        Section("international", None, (alone,)),), quiet_topics=()))
    assert "(titre seulement ; en anglais)" in text
    assert "pourquoi : rubrique « international »" in text
    assert "2 sources : Outlet 0" in text


def test_a_headline_alone_in_another_language_says_which() -> None:
    """Reader QA: an English headline alone reached an Italian reader as "(solo il titolo)"
    without "in inglese", which every English summary had."""
    alone = dataclasses.replace(item(1, basis=InputKind.TITLE, summary=""), language="en")
    text = render_text(Briefing(generated_at=T, since=T, language="it",
                                sections=(Section(None, None, (alone,)),), quiet_topics=()))
    assert "(solo il titolo; in inglese)" in text


def test_a_page_with_its_own_more_button_points_no_topic_to_the_more_command() -> None:
    """Reader QA (stop 59): a "Latest top stories" page said "Poland: filed under elections,
    past this briefing; send /more to see it", and /more answered "That was everything new":
    the story was behind the page's own More button."""
    paged = dataclasses.replace(briefing(Section("elections", None, (item(1),))), elsewhere=(
        Elsewhere("Poland", ("elections",), later=True),))
    (chat,) = render_html_messages(paged)
    assert "send /more to see it" in chat.text
    (page,) = render_html_messages(paged, top=True, more_line=False)
    check(page.text)
    assert "<i>Poland: filed under elections, past this briefing.</i>" in page.text


def test_a_french_reader_is_pointed_to_the_rest_of_the_briefing_in_french() -> None:
    """Reader QA, stop 72 Q13: "Hong Kong : classé sous politique, après ce briefing ;
    envoyez /more pour le voir." read as a word-for-word translation."""
    paged = dataclasses.replace(briefing(Section("politique", None, (item(1),))), language="fr",
                                elsewhere=(Elsewhere("Hong Kong", ("politique",), later=True),))
    (chat,) = render_html_messages(paged)
    assert ("<i>Hong Kong : dans la suite de ce briefing, rubrique politique ; envoyez /more "
            "pour la lire.</i>") in chat.text
    assert "Hong Kong : dans la suite de ce briefing, rubrique politique." in render_text(
        paged, more_line=False)

"""A briefing's length budget, shared among the reader's topics, and what it says of the rest."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import UTC, datetime, timedelta

import pytest

from briefing_bot.briefing import _budget, _waiting, build_briefing, headed, rank, related_title
from briefing_bot.compose import render_html
from briefing_bot.config import PROMPTS_DIR
from briefing_bot.models import Article, Briefing, BriefingItem, InputKind, Section, Story
from briefing_bot.prompts import load_prompts
from briefing_bot.store import Store
from briefing_bot.summaries import Summarizer, clause_cut, shown_apart
from briefing_bot.text import title_from_text
from briefing_bot.topics import Match, parse_topics

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


MOTUS_TITLE = "MOTUS A.D.: A Cootie Burger"


async def test_a_one_outlet_teaser_that_tells_no_news_is_no_top_story(store: Store) -> None:
    """Reader QA, stop 74 R5: "MOTUS A.D.: A Cootie Burger" / "Reflections FROM MOTUS: THE
    MIRROR OF THE UNITED STATES" (one blog, nine words, no sentence) was the second top story
    of Spanish, Dutch and Polish readers, above reports of six outlets, its few words in no
    language surely. It comes after the stories that tell news; it is still in the briefing."""
    def story(number: int, *articles: Article) -> Story:
        return Story(id=number, title=articles[0].title, first_seen_at=T, updated_at=T,
                     articles=tuple(dataclasses.replace(a, story_id=number) for a in articles))

    motus = story(1, dataclasses.replace(_article(1, MOTUS_TITLE, MOTUS), kind=InputKind.TEASER))
    told = story(2, *(_article(number, "Forces advance into cleric's stronghold", ENGLISH)
                      for number in (2, 3, 4)))
    single = story(3, _article(5, "Huskies trip up Pitt", ENGLISH))  # a short headline, news
    for language in ("es", "nl", "pl", "en"):
        ranked = sorted((Match(topic=None, story=s, strength=1.0) for s in (motus, told, single)),
                        key=lambda m: rank(m, T, language), reverse=True)
        assert [m.story.id for m in ranked][-1] == 1, language
    summarizer = Summarizer(store=store, prompts=load_prompts(PROMPTS_DIR), llm=None,
                            engine="extractive", daily_token_budget=0, clock=lambda: T)
    briefing = await build_briefing(store, summarizer, topics=parse_topics(""),
                                    since=T - timedelta(days=1), now=T, language="es",
                                    max_words=60, stories=[motus, told, single])
    ((*_, last),) = [section.items for section in briefing.sections]
    assert last.title == MOTUS_TITLE


ENGLISH = ("U.S. forces killed more than 50 militiamen on Wednesday in a significant advance "
           "into a suburb that is a powerbase for a radical cleric, the military said.")
ITALIAN = ("Le forze statunitensi hanno ucciso più di cinquanta miliziani mercoledì in "
           "un'avanzata significativa verso un sobborgo roccaforte di un religioso radicale.")


ATHENS = ("HERE in Old Europe, people install shutters outside their windows to keep out the "
          "heat, the pollution, the daylight, the noise. They also lock the shutters tight when "
          "they go away on holiday.")
SHUTTERED = ("You won't find anyone seated in the vinyl booths, there's no chatter and clatter "
             "coming from the restaurant, and there's no one manning the old cash register. For "
             "the first time in more than 61 years, the Wexford Restaurant is closed. \"I've "
             "never seen anything like this,\" says Tony Kiriakou while seated in the empty "
             "restaurant, a pillar in Toronto's east end.")
CLIMBER = ("A climber who watched his brother fall to his death from a notorious ridge on Mt "
           "Cook, is lucky to be alive after two \"horrific\" nights high on the mountain.")
OSCAR_HOST = ("Ellen DeGeneres will host the Oscars for a second time next year, the Academy "
              "announced Friday. Producers Craig Zadan and Neil Meron said they were thrilled. "
              "DeGeneres announced the news on Twitter.")
JACKMAN_QUIP = ("If only he'll wear those gold lame pants. As word got out Friday that Hugh "
                "Jackman will be this year's Oscar host, a clip from the 2004 Tony telecast of "
                "his performance from \"The Boy From Oz\" made the rounds. If you happened to "
                "miss the 2004 Tonys, Jackman sang, danced and writhed his way across the stage.")


def _article(number: int, title: str, text: str, *, titled: bool = True) -> Article:
    return Article(id=number, source_id=number, source_name=f"Outlet {number}", story_id=1,
                   guid=f"g{number}", url=f"https://{number}.example/a", title=title,
                   text=text, kind=InputKind.FULL, published_at=T, fetched_at=T, titled=titled)


async def _briefed(store: Store, *articles: Article, language: str = "en") -> BriefingItem:
    summarizer = Summarizer(store=store, prompts=load_prompts(PROMPTS_DIR), llm=None,
                            engine="extractive", daily_token_budget=0, clock=lambda: T)
    story = Story(id=1, title=articles[0].title, first_seen_at=T, updated_at=T,
                  articles=articles)
    briefing = await build_briefing(store, summarizer, topics=parse_topics(""),
                                    since=T - timedelta(days=1), now=T, language=language,
                                    max_words=60, stories=[story])
    ((item,),) = [section.items for section in briefing.sections]
    return item


async def test_a_one_sentence_report_is_its_headline_whole_not_a_cut_one_and_its_tail(
        store: Store) -> None:
    """Reader QA, stop 73 R7: "A climber who watched his brother fall … on Mt Cook, is lucky
    to…" over the summary "…be alive after two "horrific" nights high on the mountain."."""
    item = await _briefed(store, _article(1, title_from_text(CLIMBER), CLIMBER, titled=False))
    (message,) = render_html(Briefing(generated_at=T, since=T, language="en", sections=(
        Section(topic=None, intro=None, items=(item,)),), quiet_topics=()))
    assert f"<b>{html.escape(CLIMBER)}</b>" in message, message
    assert "…" not in message
    # All the report says is its title: said so, not "headline only" (stop 74).
    assert "(the whole report)" in message and "headline only" not in message, message


def test_a_cut_headlines_rest_goes_first_in_its_summary() -> None:
    """QA stop 78 Q4: a cut headline's rest came second in its summary, after another report's
    sentence ("The situation there is dire… …venture into the high valleys…"), where it read as
    a broken sentence. It completes the headline; the other sentences follow, none lost."""
    title = ("April is here and this is the time that many trekking and climbing expeditions "
             "come to Nepal and…")
    summary = ("The situation there is dire since the second quake that devastated many remote "
               "villages. …venture into the high valleys of the Himalaya. We are one year out "
               "from the devastating earthquakes that shook Nepal last April.")
    shown, said = headed(title, summary)
    assert shown == ("April is here and this is the time that many trekking and climbing "
                     "expeditions come to Nepal and venture into the high valleys of the "
                     "Himalaya.")
    assert said == ("The situation there is dire since the second quake that devastated many "
                    "remote villages. We are one year out from the devastating earthquakes "
                    "that shook Nepal last April.")
    # A lone "…" (review) is no rest of the headline: the headline keeps its own.
    lone = "Lawmakers debated late into the night. …"
    assert headed("Minister says the budget will…", lone) == ("Minister says the budget will…",
                                                                lone)
    # A summary with no such rest is as it was.
    assert headed(title, summary.replace("…venture into the high valleys of the Himalaya. ",
                                         "")) == (title, summary.replace(
                                             "…venture into the high valleys of the "
                                             "Himalaya. ", ""))


BELANGER = ("Liberal MP Mauril Belanger is losing his own singing voice but that's not "
            "stopping him from trying for a second time -- to change the English lyrics to O "
            "Canada to make the national anthem more gender neutral.")
BELANGER_MORE = (" Belanger, who has ALS, tabled the bill in the House of Commons on Tuesday. "
                 "It would replace the words \"in all thy sons command\" with \"in all of us "
                 "command\".")


async def test_a_long_sentence_made_a_headline_is_cut_at_a_clause_not_shown_whole(
        store: Store) -> None:
    """Reader QA, stop 74 R11: untitled reports' first sentences of 30-45 words were bold
    headlines. One longer than a headline is cut where a clause ends, within about twenty
    words, its rest the summary's opening; a feed's own long headline is not cut at all."""
    for number, text in enumerate((BELANGER, BELANGER + BELANGER_MORE), start=1):
        for kind in (InputKind.FULL, InputKind.TEASER):
            report = dataclasses.replace(
                _article(number, title_from_text(text), text, titled=False), kind=kind)
            item = await _briefed(store, report)
            assert item.title == "Liberal MP Mauril Belanger is losing his own singing voice…"
            assert item.summary.startswith("…but that's not stopping him from trying"), item
            assert "gender neutral." in item.summary, item
    headline = ("Liberal MP Mauril Belanger is losing his singing voice but he is still trying "
                "to make the national anthem of Canada gender neutral")
    item = await _briefed(store, _article(3, headline, BELANGER + BELANGER_MORE))
    assert len(headline.split()) > 20 and item.title == headline, item.title


# Reader QA S10 (left from stop 76): a long sentence made a headline was cut at a clause's end
# in English only; in German or French it was shown whole. (Still whole, as in English: a
# sentence with no clause's end, stop 73 R7's rule; a cut inside a phrase reads worse.)
LONG_SENTENCES = [
    ("de", "Die Bundesregierung hat am Mittwoch ein umfangreiches Paket zur Entlastung der "
     "Bürger bei den stark gestiegenen Energiepreisen beschlossen, nachdem die Inflation im "
     "Herbst auf über zehn Prozent gestiegen war.",
     "Die Bundesregierung hat am Mittwoch ein umfangreiches Paket zur Entlastung der Bürger "
     "bei den stark gestiegenen Energiepreisen beschlossen…",
     "Die Opposition kritisierte das Paket als zu spät und zu klein."),
    ("fr", "Le gouvernement français a présenté mercredi en Conseil des ministres un projet de "
     "loi visant à réformer en profondeur le système des retraites, qui prévoit notamment de "
     "repousser progressivement l'âge légal de départ à 64 ans.",
     "Le gouvernement français a présenté mercredi en Conseil des ministres un projet de loi "
     "visant à réformer en profondeur le système des retraites…",
     "Les syndicats ont appelé à une journée de grève nationale."),
]


@pytest.mark.parametrize(("language", "sentence", "headline", "more"), LONG_SENTENCES)
async def test_a_long_sentence_in_german_or_french_made_a_headline_is_cut_at_its_clause(
        store: Store, language: str, sentence: str, headline: str, more: str) -> None:
    """Cut at a clause's end in the sentence's language ("…, nachdem", "…, qui"); its rest
    opens the summary, nothing lost; a report of that one sentence alone or of more. Not at
    a German relative or a list's article (review): a relative clause may sit inside the
    sentence."""
    assert clause_cut(
        "Der Minister sagte am Dienstag in Wien, dass die Lage in den Spitälern ernst sei und "
        "die Krankenhäuser, die Ärzte und die Pflegekräfte seien an ihren Grenzen angelangt "
        "nach den Wochen der Pandemie.") is None
    assert clause_cut("Officials said on Monday that the new rules would apply to landlords, "
                      "tenants, restaurant owners, shop keepers and other businesses in the "
                      "city from next year.") is None
    for text in (sentence, f"{sentence} {more}"):
        report = _article(1, title_from_text(text), text, titled=False)
        item = await _briefed(store, report, language=language)
        # (a longer report's title was cut from its sentence at a word already: it may stay)
        assert item.title == headline or (text != sentence and item.title.endswith("…")), (
            item.title)
        said = re.findall(r"\w+", f"{item.title} {item.summary}")
        assert item.summary.startswith("…") and said[:len(re.findall(r"\w+", sentence))] == (
            re.findall(r"\w+", sentence)), item.summary


@pytest.mark.parametrize(("sentence", "headline"), [
    (BELANGER, "Liberal MP Mauril Belanger is losing his own singing voice"),
    ("Turkmenistan voted Sunday in a parliamentary election meant to show that the "
     "energy-rich central Asian nation was shedding its autocratic past, but Western observers "
     "said nothing had changed.",
     "Turkmenistan voted Sunday in a parliamentary election meant to show that the "
     "energy-rich central Asian nation was shedding its autocratic past"),
    ("A just-fired employee of a Canadian health products company crashed the office "
     "Christmas party in Vancouver, killing the chief executive officer, police said.",
     "A just-fired employee of a Canadian health products company crashed the office "
     "Christmas party in Vancouver"),
    # No clause ends within a headline's words: a comma alone (subject, verb), one inside
    # brackets, "all but", a clause that goes on past its comma ("…for China and, during…").
    (CLIMBER, None),
    ("The nuclear unit of Russian energy giant Gazprom is reportedly facing a 1bn rouble "
     "($35.7m; £19.1m) back-tax claim for the 2001-2003 period, officials in Moscow confirmed "
     "this week to reporters.", None),
    ("AP - Standout receiver Mike Williams is all but certain not to play Saturday night when "
     "top-ranked Southern California faces its rival in the season's final game.", None),
    ("President Jacques Chirac of France declared Saturday that France was a natural trade "
     "partner for China and, during a flurry of air, rail and energy deals, he played down "
     "rights.", None),
])
def test_a_clause_ends_where_a_long_sentence_made_a_headline_is_cut(
        sentence: str, headline: str | None) -> None:
    cut = clause_cut(sentence)
    assert (None if cut is None else sentence[:cut].rstrip(" ,;")) == headline


def _shown(item: BriefingItem) -> str:
    (message,) = render_html(Briefing(generated_at=T, since=T, language="en", sections=(
        Section(topic=None, intro=None, items=(item,)),), quiet_topics=()))
    return message


async def test_a_report_whose_text_is_only_page_furniture_is_not_called_whole(
        store: Store) -> None:
    """Stop 75: "(the whole report)" was guessed from a full report's title ending as a
    sentence and its empty summary; a report whose text is a call to sign up (no summary
    for that reason) is its headline only: the page may say much more."""
    title = "The e-cigarette ban is now in place in Lincoln."
    item = await _briefed(store, _article(
        1, title, "We'll send breaking news and news alerts to you as as they happen!"))
    message = _shown(item)
    assert "(headline only)" in message and "whole report" not in message, message
    assert item.summary == "" and not item.whole


async def test_a_teaser_told_whole_as_its_title_is_said_to_be_the_teaser(store: Store) -> None:
    """Stop 75: a teaser of one sentence, shown whole as its title, said "(headline only)",
    though what it shows is the teaser's sentence, not a headline; nor is it "the whole
    report" (its page says more). A teaser that adds to its headline keeps its summary."""
    alone = dataclasses.replace(_article(1, title_from_text(CLIMBER), CLIMBER, titled=False),
                                kind=InputKind.TEASER)
    item = await _briefed(store, alone)
    message = _shown(item)
    assert f"<b>{html.escape(CLIMBER)}</b>" in message and item.summary == "", message
    assert "(from the teaser only)" in message, message
    assert "headline only" not in message and "whole report" not in message, message
    more = dataclasses.replace(_article(2, "Climber survives two nights on Mt Cook", CLIMBER),
                               kind=InputKind.TEASER)
    item = await _briefed(store, more)
    message = _shown(item)
    assert item.summary and "(from the teaser only)" in message, message


async def test_a_report_sharing_one_common_word_with_a_story_is_not_shown_as_related(
        store: Store) -> None:
    """Reader QA, stop 73 R6: "Glory Comes Amid Empty Seats and Closed Shutters" (Athens,
    2004) came with "Related: Small businesses shutter amid coronavirus pandemic"."""
    own = _article(1, "Glory Comes Amid Empty Seats and Closed Shutters", ATHENS)
    other = _article(2, "Small businesses shutter amid coronavirus pandemic", SHUTTERED)
    assert shown_apart(Story(id=1, title=own.title, first_seen_at=T, updated_at=T,
                             articles=(own, other)))  # told apart as another event
    item = await _briefed(store, own, other)
    assert item.related == () and [s.url for s in item.sources] == ["https://1.example/a"]


async def test_a_related_report_without_a_headline_is_not_titled_by_a_quip(store: Store) -> None:
    """Reader QA, stop 73 R6: "Related: If only he'll wear those gold lame pants.", the
    opening line of a report of Hugh Jackman hosting the Oscars, under Ellen DeGeneres's."""
    own = _article(1, "Ellen DeGeneres to host the Oscars", OSCAR_HOST)
    quip = _article(2, title_from_text(JACKMAN_QUIP), JACKMAN_QUIP, titled=False)
    assert related_title(quip).startswith("As word got out Friday that Hugh Jackman will be")
    item = await _briefed(store, own, quip)
    shown = [link.title for link in item.related] + [item.summary]
    assert not any("gold lame pants" in line for line in shown), shown


STUMBLES = ("Marion Jones, the queen of Sydney who finished those 2000 Olympics with a record five "
            "track-and-field medals, ended her next Olympics much differently Friday -- out of "
            "medals and in tears.")
HOOPS = ("As the US men's basketball team limps into the Olympic medal round, the focus has been "
         "on the team's lousy outside shooting.")


async def test_an_item_matched_by_a_report_it_would_not_show_leads_with_that_report(
        store: Store) -> None:
    """Reader QA, stop 74 R4: a reader of "basketball" got "US team stumbles" (Marion Jones,
    track and field), "why: another report's headline mentions basketball": that report, of
    the same outlet, was neither shown nor linked. The item leads with it, as one led by its
    related reports does; the story's own report is related."""
    summarizer = Summarizer(store=store, prompts=load_prompts(PROMPTS_DIR), llm=None,
                            engine="extractive", daily_token_budget=0, clock=lambda: T)
    jones = dataclasses.replace(_article(1, "US team stumbles", STUMBLES), source_id=7,
                                source_name="Morning Wire", published_at=T - timedelta(hours=9))
    hoops = dataclasses.replace(_article(2, "Let basketball", HOOPS), source_id=7,
                                source_name="Morning Wire", kind=InputKind.TEASER)
    story = Story(id=1, title=jones.title, first_seen_at=T, updated_at=T, articles=(jones, hoops))
    assert not shown_apart(story)  # (a teaser beside a full report: not compared)
    briefing = await build_briefing(store, summarizer, topics=parse_topics("basketball"),
                                    since=T - timedelta(days=1), now=T, language="en",
                                    max_words=60, stories=[story])
    ((item,),) = [section.items for section in briefing.sections]
    assert item.title == "Let basketball" and "basketball team" in item.summary, item
    assert [source.url for source in item.sources] == ["https://2.example/a"]
    assert [link.title for link in item.related] == ["US team stumbles"]
    assert item.why == "title mentions basketball" and item.story_id == 1


MOTUS = "Reflections FROM MOTUS: THE MIRROR OF THE UNITED STATES"
BOMB = ("Three people died when a fire-bomb hit a bank in Athens during riots against the "
        "government's spending cuts on Wednesday, and police fired tear gas at thousands of "
        "protesters who marched on parliament.")
FERRY = ("A ferry carrying more than two hundred passengers ran aground off the coast of the "
         "island early on Sunday, and the coastguard said all of them were brought ashore safely.")


async def test_a_report_too_short_to_tell_its_language_counts_in_its_outlets(
        store: Store) -> None:
    """Reader QA, stop 74 R5: for Spanish, Portuguese, Dutch, Polish and Turkish readers "MOTUS
    A.D.: A Cootie Burger", nine English words of no news, was the second top story, the one
    item without "(in English)": too short to tell, it counted as in the reader's language.
    Its outlet writes in English: so does it, in rank and label."""
    summarizer = Summarizer(store=store, prompts=load_prompts(PROMPTS_DIR), llm=None,
                            engine="extractive", daily_token_budget=0, clock=lambda: T)

    def report(number: int, outlet: int, title: str, text: str, hours: int) -> Article:
        return dataclasses.replace(_article(number, title, text), source_id=outlet,
                                   source_name=f"Outlet {outlet}",
                                   published_at=T - timedelta(hours=hours))

    def story(number: int, *articles: Article) -> Story:
        return Story(id=number, title=articles[0].title, first_seen_at=T, updated_at=T,
                     articles=articles)

    stories = [
        story(1, report(1, 1, "Deadly fire-bomb hits bank during Greek riots", BOMB, 6),
              *(report(n, n, f"Fire-bomb kills three in Athens bank ({n})", BOMB, 6)
                for n in (2, 3))),
        story(2, report(4, 1, "Ferry runs aground, all passengers safe", FERRY, 5)),
        story(3, report(5, 1, "MOTUS A.D.: A Cootie Burger", MOTUS, 1)),
    ]
    briefing = await build_briefing(store, summarizer, topics=parse_topics(""),
                                    since=T - timedelta(days=1), now=T, language="es",
                                    max_words=60, stories=stories)
    ((*items,),) = [section.items for section in briefing.sections]
    # (the English report of three outlets first, no longer the teaser as the reader's own)
    assert items[0].story_id == 1, items
    assert [item.language for item in items] == ["en", "en", "en"], items


INCENDIO = ("Tres personas murieron el miércoles cuando una bomba incendiaria alcanzó un banco "
            "de Atenas durante las protestas contra los recortes del gobierno, y la policía "
            "lanzó gases lacrimógenos contra miles de manifestantes.")
FERRI = ("Un ferri con más de doscientos pasajeros encalló el domingo por la mañana frente a la "
         "costa de la isla, y la guardia costera dijo que todos fueron llevados a tierra sanos "
         "y salvos.")


async def test_a_feeds_declared_language_counts_for_a_teaser_unless_its_reports_say_otherwise(
        store: Store) -> None:
    """Reader QA, stop 74 R5: a new outlet's nine-word English teaser had no usual language
    to count in, and reached Spanish readers as if in Spanish; its feed said
    `<language>en</language>`. A feed's declaration can be a template's default: an outlet
    whose reports are surely in Spanish is a Spanish one, whatever its feed says."""
    def report(number: int, outlet: int, title: str, text: str, declared: str) -> Article:
        return dataclasses.replace(_article(number, title, text), source_id=outlet,
                                   source_name=f"Outlet {outlet}", source_language=declared,
                                   published_at=T - timedelta(hours=number))

    def story(number: int, *articles: Article) -> Story:
        return Story(id=number, title=articles[0].title, first_seen_at=T, updated_at=T,
                     articles=articles)

    stories = [
        story(1, report(1, 1, "Una bomba incendiaria alcanza un banco en Atenas", INCENDIO,
                        "en")),
        story(2, report(2, 1, "Encalla un ferri con doscientos pasajeros", FERRI, "en")),
        story(3, report(3, 1, "Motus: una Cootie Burger", "Reflexiones de Motus", "en")),
        story(4, report(4, 2, "MOTUS A.D.: A Cootie Burger", "Reflections from Motus", "en")),
    ]
    summarizer = Summarizer(store=store, prompts=load_prompts(PROMPTS_DIR), llm=None,
                            engine="extractive", daily_token_budget=0, clock=lambda: T)
    briefing = await build_briefing(store, summarizer, topics=parse_topics(""),
                                    since=T - timedelta(days=1), now=T, language="es",
                                    max_words=60, stories=stories)
    ((*items,),) = [section.items for section in briefing.sections]
    told_in = {item.story_id: item.language for item in items}
    assert told_in == {1: None, 2: None, 3: None, 4: "en"}, items


# One report each, clearly of one of the reader's topics (as the word lists find them).
MANY_TOPICS = {
    "politics": ("Parliament passes budget after all-night debate",
                 "Lawmakers in parliament passed the government's budget bill after an all-night "
                 "debate, with the opposition party voting against the legislation and the prime "
                 "minister calling an early election."),
    "sport": ("Federer beats Nadal to win fifth Wimbledon title",
              "Roger Federer beat Rafael Nadal in five sets to win his fifth straight Wimbledon "
              "title on Sunday, the tennis champion lifting the trophy on Centre Court after a "
              "match of nearly four hours."),
    "business": ("Shares climb as bank profits beat forecasts",
                 "Shares rose on Wall Street after the bank reported quarterly profits well above "
                 "analysts' forecasts, with revenue up and investors cheering its plans to buy "
                 "back stock."),
    "technology": ("Chipmaker unveils faster processor for laptops",
                   "The chipmaker unveiled a faster processor for laptops and smartphones on "
                   "Tuesday, saying its new software and semiconductor design would cut battery "
                   "use for computer users."),
    "science": ("Astronomers find water on distant planet",
                "Astronomers using a space telescope have found water vapour in the atmosphere "
                "of a distant planet, researchers said in a study published in the journal "
                "Nature."),
    "health": ("Doctors warn of flu vaccine shortage in hospitals",
               "Doctors warned of a shortage of flu vaccine as hospitals filled with patients, "
               "health officials urging people at risk of the disease to see their doctor."),
    "climate": ("Glaciers melt faster as emissions rise",
                "Alpine glaciers are melting faster than ever as greenhouse gas emissions rise, "
                "scientists said, warning that global warming and climate change threaten water "
                "supplies."),
    "entertainment": ("Singer's new album tops the charts",
                      "The singer's new album went straight to the top of the charts, the pop "
                      "star's fans queuing for concert tickets as the music video passed a "
                      "million views."),
    "crime": ("Police arrest suspect in jewellery store robbery",
              "Police arrested a suspect after an armed robbery at a jewellery store, detectives "
              "said, charging the man with theft and assault after a court hearing."),
    "world": ("UN Security Council meets on border clashes",
              "The UN Security Council met in emergency session on clashes at the border between "
              "the two countries, diplomats said, as foreign ministers called for a ceasefire."),
    # (Greece's and Merkel's, a tie: under Greece, listed first; politics' too)
    "Greece": ("Merkel meets Greek prime minister in Athens",
               "German Chancellor Angela Merkel met the Greek prime minister in Athens on "
               "Tuesday to discuss the country's debt."),
    "Lufthansa": ("Lufthansa pilots strike, hundreds of flights cancelled",
                  "Lufthansa cancelled hundreds of flights as its pilots went on strike over "
                  "pensions, the airline said."),
    "Kroger": ("Kroger to buy rival grocer",
               "Kroger, the largest US supermarket chain, agreed to buy a rival grocer for two "
               "billion dollars."),
    "Lenovo": ("Lenovo sales rise on demand for tablets",
               "Lenovo said sales rose as demand for its tablets and laptops grew in China."),
    # (the Oscars' and Hugh Jackman's: under Oscars, listed first)
    "Oscars": ("Hugh Jackman to host the Oscars",
               "Hugh Jackman will host the Academy Awards next year, producers said on Friday."),
}
CATEGORIES = ("politics, sport, business, technology, science, health, climate, entertainment, "
              "crime, world")
NAMED = "Berlin, Greece, Merkel, Lufthansa, AT&T, Oscars, Hugh Jackman, Kroger, Lenovo"


def _one_story_each() -> list[Story]:
    return [Story(id=number, title=title, first_seen_at=T, updated_at=T,
                  articles=(dataclasses.replace(_article(number, title, text), story_id=number),))
            for number, (title, text) in enumerate(MANY_TOPICS.values(), 1)]


async def test_a_readers_named_topics_each_get_a_place_before_the_categories_fill_the_rest(
        store: Store) -> None:
    """Reader QA, stop 76 T7: a reader of ten categories and sixteen names got ten sections of
    one story, one per category, and every name (Berlin, Merkel, Lufthansa, Hugh Jackman...)
    in "119 more stories on your topics (also Berlin, Greece, …)". The names a reader types
    are what they follow most closely: each gets its story first, the categories the rest of
    the budget, in the reader's order; the sections keep the reader's order, and a story that
    two topics match is shown once."""
    summarizer = Summarizer(store=store, prompts=load_prompts(PROMPTS_DIR), llm=None,
                            engine="extractive", daily_token_budget=0, clock=lambda: T)
    topics = parse_topics(f"{CATEGORIES}, {NAMED}, -football, -coronavirus")
    stories = _one_story_each()

    async def page(skip: int) -> Briefing:
        return await build_briefing(store, summarizer, topics=topics,
                                    since=T - timedelta(days=1), now=T, language="en",
                                    max_words=60, stories=stories, max_items=10, skip=skip,
                                    tell_quiet=not skip)

    briefing = await page(0)
    shown = [section.topic for section in briefing.sections]
    assert shown == ["politics", "sport", "business", "technology", "science",
                     "Greece", "Lufthansa", "Oscars", "Kroger", "Lenovo"]
    ids = [item.story_id for section in briefing.sections for item in section.items]
    assert len(ids) == len(set(ids)) == 10
    assert briefing.waiting == ("health", "climate", "entertainment", "crime", "world")
    text = html.unescape("\n\n".join(render_html(briefing)))
    assert "Merkel: see Greece above" in text and "Hugh Jackman: see Oscars above" in text
    assert ("5 more stories on your topics (also health, climate, entertainment, crime, "
            "world): /more") in text
    # "More" has the categories left, none shown again.
    more = await page(10)
    assert [section.topic for section in more.sections] == [
        "health", "climate", "entertainment", "crime", "world"]
    assert not {item.story_id for section in more.sections for item in section.items} & set(ids)
    assert not more.more


async def test_a_named_topic_plainly_about_its_story_comes_before_one_mentioned_in_passing(
        store: Store) -> None:
    """When the reader's names alone outnumber the budget, a name in a story's headline takes
    a place before a name its text mentions in passing; on a tie, the reader's order."""
    summarizer = Summarizer(store=store, prompts=load_prompts(PROMPTS_DIR), llm=None,
                            engine="extractive", daily_token_budget=0, clock=lambda: T)
    passing = _article(20, "Airline strike grounds flights across Europe",
                       "Lufthansa cancelled hundreds of flights as its pilots went on strike, and "
                       "other airlines followed. Lufthansa said talks would resume on Monday.")
    stories = [*_one_story_each()[12:14],
               Story(id=20, title=passing.title, first_seen_at=T, updated_at=T,
                     articles=(dataclasses.replace(passing, story_id=20),))]

    async def briefing(items: int) -> Briefing:
        return await build_briefing(store, summarizer,
                                    topics=parse_topics("Lufthansa, Kroger, Lenovo"),
                                    since=T - timedelta(days=1), now=T, language="en",
                                    max_words=60, stories=stories, max_items=items)

    two = await briefing(2)
    assert [section.topic for section in two.sections] == ["Kroger", "Lenovo"]
    assert two.waiting == ("Lufthansa",)
    # The topics "more" names are in the reader's order, not their stories'.
    one = await briefing(1)
    assert [section.topic for section in one.sections] == ["Kroger"]
    assert one.waiting == ("Lufthansa", "Lenovo")


async def test_names_filling_the_budget_leave_a_quarter_of_it_to_the_categories(
        store: Store) -> None:
    """Names first, but not names alone: when the reader's names with news fill the budget, a
    quarter of it still goes to the categories they follow (their best stories), so a reader
    of "politics" and "world" still gets the day's main news."""
    summarizer = Summarizer(store=store, prompts=load_prompts(PROMPTS_DIR), llm=None,
                            engine="extractive", daily_token_budget=0, clock=lambda: T)
    topics = parse_topics(f"{CATEGORIES}, {NAMED}")
    briefing = await build_briefing(store, summarizer, topics=topics,
                                    since=T - timedelta(days=1), now=T, language="en",
                                    max_words=60, stories=_one_story_each(), max_items=4)
    shown = [section.topic for section in briefing.sections]
    categories = [topic for topic in shown if topic in CATEGORIES.split(", ")]
    assert len(shown) == 4 and len(categories) == 1, shown

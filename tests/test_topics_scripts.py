"""Topics typed in another script or language than the story's (reader QA, stop 75 S1-S3)."""

import pytest

from briefing_bot.categories import TopicMatcher
from briefing_bot.models import Story
from briefing_bot.topics import parse_topics, select
from briefing_bot.transliteration import same_word, typed_as_name
from tests.test_topics import story

STORIES = [
    story(1, "BERLIN – Merkel says 'Nein' to cabinet reshuffle",
          "Chancellor Angela Merkel on Tuesday rejected calls for a cabinet reshuffle, her "
          "spokesman said."),
    story(2, "Lufthansa retires big jets, says rebound could take years",
          "FRANKFURT, Germany (AP) — German airline group Lufthansa said it will take years for "
          "demand for air travel to return."),
    story(3, "Microsoft profit beats forecasts on cloud growth",
          "Microsoft Corp said on Thursday quarterly profit rose, helped by its cloud business."),
    story(4, "Poland's president signs Holocaust bill",
          "Polish President Andrzej Duda ratified a law on Tuesday, his office said."),
    story(5, "Trump signs budget deal", "President Donald Trump signed the deal on Friday."),
    story(7, "World Bank cuts growth forecast",
          "The bank said growth in emerging markets would slow this year, the bank said."),
    story(8, "Ангела Меркель посетила Париж",
          "Канцлер Германии Ангела Меркель в понедельник встретилась с президентом Франции."),
    story(9, "Nadal wins in Madrid", "Rafael Nadal beat Dominic Thiem in the final on Sunday."),
]


def found(topic: str) -> dict[int, str]:
    return {match.story.id: match.why
            for match in select(STORIES, parse_topics(topic), TopicMatcher())}


@pytest.mark.parametrize("typed", ["Меркель", "Меркел", "Μέρκελ"])
def test_a_name_typed_in_cyrillic_or_greek_finds_its_latin_spelling(typed: str) -> None:
    """Reader QA, stop 75 S1: a Russian reader's "Меркель" (Bulgarian "Меркел", Greek
    "Μέρκελ") found none of the three stories "Merkel" found, and the briefing said "nothing
    new on Меркель" under a Merkel headline."""
    assert found(typed)[1] == f"title mentions {typed} (Merkel)"
    assert set(found(typed)) == {1, 8}  # (and the Russian report, in any of the three)


def test_names_of_people_and_companies_across_scripts() -> None:
    """...nor "Дуда", "Люфтганза", "Майкрософт"; "Трамп" only by meaning. Each is found
    by its letters, as a mention, and only its own stories."""
    assert set(found("Дуда")) == {4}
    assert set(found("Люфтганза")) == {2}
    assert set(found("Майкрософт")) == {3}
    assert found("Трамп") == {5: "title mentions Трамп (Trump)"}
    assert set(found("Дональд Трамп")) == {5}


def test_a_latin_name_finds_a_report_written_in_cyrillic() -> None:
    """The reverse: a reader of "Merkel" gets the Russian report writing "Меркель"."""
    assert set(found("Merkel")) == {1, 8}
    assert found("Merkel")[8] == "title mentions Merkel (Меркель)"


def test_a_name_in_another_script_finds_no_other_name_nor_a_common_word() -> None:
    """Precision first: a typed word in lower case is no name ("меркель" finds the Russian
    report by its words, not the English one), nor a common word: "Банк" is not "World Bank"
    (the story writes "bank" too), a short name needs its exact letters ("Надаль" is Nadal,
    "Нада" is nobody here), and a name near in letters is another name ("Тим" is no Thiem)."""
    assert not typed_as_name("меркель")
    assert set(found("меркель")) == {8}
    assert found("Банк") == {}
    assert set(found("Надаль")) == {9}
    assert found("Нада") == {}
    assert found("Тим") == {}
    assert not same_word("Дуда", "Dude")
    assert not same_word("Меркель", "Merck")



NAMESAKES = [
    story(41, "Floods hit south-west Germany",
          "Heavy rain flooded towns in Baden on Sunday, officials said."),
    story(42, "Biden signs climate bill", "President Joe Biden signed the bill on Friday."),
    story(43, "Insurer profit rises", "US insurer Markel said on Thursday its profit rose."),
    story(44, "Mask rules return to schools",
          "Mask rules return in schools from Monday. Health officials said masks help."),
    story(45, "Mask rules return to offices",
          "Health officials said face masks are needed from May, Mr. Musk's firm too."),
    story(46, "Musk buys Twitter", "Elon Musk said on Friday he would buy the company."),
    story(47, "Merkel meets Macron"),
]


def test_a_name_one_vowel_from_another_is_not_it() -> None:
    """A Russian reader of "Байден" got Baden's floods, a reader of "Меркель" an insurer
    named Markel: any vowel stood for any other. A vowel stands for those its script writes
    for one ("ай" for an English "i", not an "a"; "Джексон" is Jackson, but "Меркель" no
    "Markel": English says no "ar" so)."""
    assert found_in(NAMESAKES, "Байден", "ru") == {42}
    assert found_in(NAMESAKES, "Меркель", "ru") == {47}
    assert not same_word("Байден", "Baden") and not same_word("Markel", "Меркель")
    assert same_word("Biden", "Байден") and same_word("Джексон", "Jackson")


def test_a_bulgarian_name_finds_its_latin_spelling() -> None:
    """Bulgarian writes Trump's and Biden's vowels with a letter Russian writes for no sound
    ("Тръмп", "Байдън"), and they found nothing: it was read as none."""
    assert found("Тръмп") == {5: "title mentions Тръмп (Trump)"}
    assert found_in(NAMESAKES, "Байдън", "bg") == {42}


def test_a_word_capitalised_to_open_a_sentence_is_no_name_and_a_short_name_its_vowel() -> None:
    """"Маск" (Elon Musk) found "Mask rules return to schools" (a capital that opens a
    sentence is no name where the story writes the word's forms in lower case, and not as a
    name), and missed "Musk buys Twitter" (four letters had to be the same, and Russian
    writes Musk's "u" as Trump's)."""
    assert found_in(NAMESAKES, "Маск", "ru") == {45, 46}
    assert found_in(NAMESAKES, "Илон Маск", "ru") == {46}
    assert same_word("Маск", "Musk") and not same_word("Дуда", "Dude")


KIEV = [
    story(51, "Kiev mayor warns of blackouts",
          "The mayor of Kiev said on Monday the city would ration power."),
    story(52, "Kyiv mayor warns of blackouts",
          "The mayor of Kyiv said on Monday the city would ration power."),
    story(53, "Bürgermeister von Kiew warnt vor Stromausfällen",
          "Der Bürgermeister von Kiew sagte am Montag, die Stadt werde den Strom rationieren."),
    story(54, "Il sindaco di Kiev avverte sui blackout",
          "Il sindaco di Kiev ha detto lunedì che la città razionerà l'energia."),
]


@pytest.mark.parametrize(("typed", "language"), [
    ("Kyiv", "en"), ("Київ", "uk"), ("Киев", "ru"), ("Kiew", "de"), ("Kiev", "fr")])
def test_kyiv_by_any_of_its_names_finds_english_news_that_writes_kiev(typed: str,
                                                                     language: str) -> None:
    """English news wrote "Kiev" until 2019, as six languages' news still do: a reader of
    "Kyiv", "Київ" or "Kiew" missed an English "Kiev" report (it was looked for in
    Spanish, French, Italian… news only), a French reader's "Kiev" the English and the
    Italian one."""
    assert found_in(KIEV, typed, language) == {51, 52, 53, 54}
    assert found_in(KIEV, "Kiev", "en") == {51, 52, 53, 54}

ELECTIONS = [
    story(21, "Peru votes in tight presidential election",
          "Peruvians voted on Sunday in an election seen as a referendum on the economy."),
    story(22, "Новини: вибори до парламенту призначено на жовтень",
          "Центральна виборча комісія оголосила, що вибори відбудуться у жовтні."),
    story(23, "Новини: у нас немає вибору, сказав міністр", "Уряд не має іншого вибору."),
    story(24, "Новини: изборите за парламент ще са през октомври",
          "Централната избирателна комисия обяви, че изборите ще бъдат през октомври."),
    story(25, "Новини: нямаме избор, каза министърът", "Правителството няма друг избор."),
    story(26, "Olympics: Phelps wins eighth gold",
          "Michael Phelps won his eighth gold medal of the Beijing Olympics on Sunday."),
]


def found_in(stories: list[Story], topic: str, language: str) -> set[int]:
    return {match.story.id
            for match in select(stories, parse_topics(topic, language), TopicMatcher())}


def test_ukrainian_and_bulgarian_elections_find_elections_not_a_choice() -> None:
    """Reader QA, stop 75 S2: "вибори" (uk) and "избори" (bg) found none of the 7 stories
    "elections", "выборы" and "εκλογές" found. They find English elections and their own
    language's, not "немає вибору", "нямаме избор" (no choice)."""
    assert found_in(ELECTIONS, "вибори", "uk") == {21, 22, 24}
    assert found_in(ELECTIONS, "избори", "bg") == {21, 22, 24}
    assert found_in(ELECTIONS, "elections", "en") == {21, 22, 24}


@pytest.mark.parametrize(("typed", "language"), [
    ("Олимпийские игры", "ru"), ("Ολυμπιακοί Αγώνες", "el"), ("Олімпійські ігри", "uk")])
def test_the_olympic_games_named_in_full_find_the_olympics(typed: str, language: str) -> None:
    """...and "Олимпийские игры" (ru), "Ολυμπιακοί Αγώνες" (el) found none of the 4 stories
    "Олимпиада" found: the reader's everyday name for them."""
    assert found_in(ELECTIONS, typed, language) == {26}


def test_japan_typed_in_japanese_finds_japan() -> None:
    """Reader QA, stop 75 S3: a Japanese reader's "日本" found nothing where "Japan" and
    "Япония" found the story of an American jailed in Japan: the places table had no
    Japanese, Chinese or Korean names for countries."""
    stories = [story(31, "US woman jailed in Japan for smuggling",
                     "A court in Japan sentenced Carrie Russell on Tuesday, officials said."),
               story(32, "China's exports rise", "Exports from China rose in November.")]
    assert found_in(stories, "日本", "ja") == {31}
    assert found_in(stories, "中国", "zh") == found_in(stories, "중국", "ko") == {32}


@pytest.mark.parametrize(("typed", "language"), [
    ("选举", "zh"), ("選舉", "zh"), ("انتخابات", "ar"), ("בחירות", "he"), ("선거", "ko"),
    ("चुनाव", "hi"), ("選挙", "ja")])
def test_elections_typed_in_arabic_hebrew_cjk_or_hindi_find_elections(typed: str,
                                                                       language: str) -> None:
    """Reader QA, stop 76 T3: "انتخابات", "בחירות", "选举" and "선거" found none of the 7
    election stories "seçim", "wybory" and "eleições" found."""
    assert found_in(ELECTIONS, typed, language) == {21, 22, 24}


@pytest.mark.parametrize(("typed", "language"), [
    ("اليابان", "ar"), ("יפן", "he"), ("जापान", "hi")])
def test_japan_typed_in_arabic_hebrew_or_hindi_finds_japan(typed: str, language: str) -> None:
    """...and Japan as Arabic, Hebrew and Hindi readers write it found nothing where "日本"
    and "Japonya" found the story: the places table had no names of countries in those
    languages."""
    stories = [story(31, "US woman jailed in Japan for smuggling",
                     "A court in Japan sentenced Carrie Russell on Tuesday, officials said."),
               story(32, "China's exports rise", "Exports from China rose in November.")]
    assert found_in(stories, typed, language) == {31}


CITIES = [
    story(41, "BERLIN – Merkel says 'Nein' to cabinet reshuffle",
          "Chancellor Angela Merkel on Tuesday rejected calls for a cabinet reshuffle in Berlin."),
    story(42, "London mayor unveils housing plan",
          "The mayor of London set out plans for 10,000 homes on Monday."),
    story(43, "Tokyo stocks close higher", "Shares in Tokyo rose for a third day."),
]


@pytest.mark.parametrize(("typed", "expected"), [
    ("柏林", {41}), ("伦敦", {42}), ("倫敦", {42}), ("東京", {43}), ("东京", {43})])
def test_a_city_in_chinese_characters_finds_its_news(typed: str, expected: set[int]) -> None:
    """Reader QA, stop 76 T2: a Chinese reader's 柏林 and 伦敦 (倫敦) found none of the Berlin
    and London stories, though the places table lists those names and the Korean 베를린
    found them: a name of two characters was held too short to be a city's."""
    assert found_in(CITIES, typed, "zh") == expected


CATEGORY_STORIES = [
    story(51, "Shares fall as central bank raises interest rates",
          "Stock markets fell after the central bank raised interest rates to curb inflation; "
          "investors sold shares and the dollar rose against the euro."),
    story(52, "Parliament rejects the government's budget",
          "MPs voted against the bill after the opposition leader attacked the prime minister; "
          "the party said ministers must resign before the election."),
    story(53, "Striker scores twice as champions win the league",
          "The striker scored two goals in the second half and the coach praised his players "
          "after the match; the club won the league title."),
]


@pytest.mark.parametrize(("typed", "language", "expected"), [
    ("经济", "zh", {51}), ("經濟", "zh", {51}), ("政治", "zh", {52}), ("体育", "zh", {53}),
    ("體育", "zh", {53}), ("足球", "zh", {53}), ("اقتصاد", "ar", {51}), ("כלכלה", "he", {51}),
    ("경제", "ko", {51}), ("राजनीति", "hi", {52})])
def test_a_category_named_in_chinese_or_another_script_finds_its_stories(
        typed: str, language: str, expected: set[int]) -> None:
    """Reader QA, stop 76 T2: a Chinese reader's 经济, 政治, 体育 and 足球 found nothing (the
    Japanese 経済 found the business stories by meaning alone, and without the model, as
    here, nor did it): the category names were Latin, Greek and Cyrillic only."""
    assert found_in(CATEGORY_STORIES, typed, language) == expected


def test_a_category_excluded_in_chinese_leaves_its_stories_out() -> None:
    """...and "-足球" kept the football stories in."""
    assert found_in(CATEGORY_STORIES, "体育, 政治, -足球", "zh") == {52}


LOOK_ALIKES = [
    story(31, "Mercury Prize shortlist announced", "The shortlist was announced on Monday."),
    story(32, "Senator Merkley criticises bill", "Jeff Merkley criticised the bill on Monday."),
    story(33, "Miracle baby pulled from rubble", "Rescuers pulled a baby from the rubble."),
    story(34, "Triumph unveils new motorbike", "Triumph unveiled a motorbike on Monday."),
    story(35, "United Nations warns of famine", "The United Nations warned of famine."),
    story(36, "Beverly Hills mansion sold", "A mansion in Beverly Hills was sold."),
    story(37, "Operation Sindoor: India strikes camps", "India struck camps, officials said."),
]


@pytest.mark.parametrize(("typed", "language"), [
    ("메르켈", "ko"), ("트럼프", "ko"), ("인터넷", "ko"), ("법률", "ko"), ("पर्यटन", "hi"),
    ("מרקל", "he")])
def test_a_word_in_korean_hebrew_or_hindi_finds_no_english_name_by_its_consonants(
        typed: str, language: str) -> None:
    """Review, stop 76: matching words of these scripts to capitalised Latin names by their
    consonants alone (a helper's change, taken back) had Korean "Merkel" find the Mercury
    Prize, Merkley and a miracle, "Trump" a Triumph motorbike, "internet" the United Nations,
    "law" Beverly Hills, Hindi "tourism" an Operation Sindoor. They find no such story."""
    assert found_in(LOOK_ALIKES, typed, language) == set()


FIRST_NAMES = [
    story(61, "Elton John plays his last show in London",
          "Sir Elton John played the last show of his farewell tour on Saturday."),
    story(62, "Jan Koum leaves WhatsApp", "WhatsApp's co-founder Jan Koum said he would leave."),
    story(63, "Biden signs climate bill", "President Joe Biden signed the bill on Friday."),
    story(64, "Baden floods: towns cleared", "Heavy rain flooded towns in Baden on Sunday."),
    story(65, "Donald Trump signs budget deal", "President Donald Trump signed the deal."),
]


def test_an_english_h_and_the_greek_letter_pairs_of_b_and_d_do_not_hide_a_name() -> None:
    """Left from stop 76's reader QA: a Russian reader's "Джон" missed John (a short name had
    to have the same letters, and English writes an "h" Russian does not say), a Greek
    reader's "Μπάιντεν" missed Biden (Greek writes a "b" as "μπ", a "d" as "ντ"). Each finds
    its own and no namesake one vowel off ("Jan", "Baden")."""
    assert found_in(FIRST_NAMES, "Джон", "ru") == {61}
    assert found_in(FIRST_NAMES, "Μπάιντεν", "el") == {63}
    assert found_in(FIRST_NAMES, "Τζον", "el") == {61}
    assert found_in(FIRST_NAMES, "Ντόναλντ Τραμπ", "el") == {65}


def test_a_word_capitalised_only_as_its_headline_opens_is_no_name() -> None:
    """Left from stop 76's reader QA: "Маск" (Musk) found "Mask mandate lifted in Texas",
    whose report writes no "mask" at all: only the headline's first word had a capital, which
    any headline's has. A report names a person it is news of; a story of a headline alone
    is still read by it."""
    stories = [story(71, "Mask mandate lifted in Texas",
                     "Governor Greg Abbott lifted the state's face covering order on Tuesday, "
                     "ending a rule that had stood for almost a year. Shops and restaurants "
                     "may now decide for themselves whether customers must cover their faces, "
                     "the governor said at a news conference in Austin, where business "
                     "owners welcomed the decision."),
               story(72, "Musk buys Twitter",
                     "The Tesla chief executive Elon Musk said he would buy the company."),
               story(73, "Musk sells Tesla shares"),
               # (a short description may name him otherwise: review)
               story(74, "Musk unveils Tesla robotaxi at Hollywood event",
                     "The billionaire showed off the car on Thursday night.")]
    assert found_in(stories, "Маск", "ru") == {72, 73, 74}


UNSAID_E = [
    story(81, "Gates Foundation pledges $1bn for vaccines",
          "Bill Gates said on Monday his foundation would give $1bn over five years."),
    story(82, "Jones wins Welsh Open", "Mark Jones won the Welsh Open on Sunday."),
    story(83, "Jane Goodall turns 90", "The primatologist Jane Goodall marked her birthday."),
    story(84, "Jan Koum leaves WhatsApp", "WhatsApp's co-founder Jan Koum said he would leave."),
    story(85, "Floods hit Baden", "Heavy rain flooded towns in Baden on Sunday."),
    story(86, "Jon Stewart returns to The Daily Show",
          "Jon Stewart will host the show on Mondays, the network said."),
    story(87, "Марк Джонс выиграл Открытый чемпионат Уэльса",
          "Валлийский игрок Марк Джонс в воскресенье выиграл турнир в Кардиффе."),
]


def test_an_english_e_that_is_not_said_does_not_hide_a_name() -> None:
    """Reader QA, stop 77: a Russian reader's "Джонс" found no Jones, a Greek reader's
    "Γκέιτς" (Russian "Гейтс") no Gates, nor "Jones" a Russian report's "Джонс": English
    writes an "e" it does not say, and says the "a" before it as Russian writes "ей". Each
    finds its own, not a namesake ("Джейн" is Jane, not Jan; "Джонс" is no Jon; "Байден"
    still no Baden)."""
    assert found_in(UNSAID_E, "Джонс", "ru") == {82, 87}
    assert found_in(UNSAID_E, "Γκέιτς", "el") == {81}
    assert found_in(UNSAID_E, "Гейтс", "ru") == {81}
    assert found_in(UNSAID_E, "Джейн", "ru") == {83}
    assert found_in(UNSAID_E, "Байден", "ru") == set()
    assert found_in(UNSAID_E, "Jones", "en") == {82, 87}  # (and the other way round)


@pytest.mark.parametrize(("word", "name"), [
    ("Лук", "Luke"), ("Стон", "Stone"), ("Стиль", "Steele"), ("Брак", "Bruce"),
    ("Μελών", "Malone")])
def test_an_everyday_word_is_no_name_for_an_unsaid_e(word: str, name: str) -> None:
    """Review, stop 78: read without its final "e", "Luke" was "Лук" (onion), "Stone" "Стон"
    (a moan), "Steele" "Стиль" (style), "Bruce" "Брак" (marriage), "Malone" "Μελών"."""
    assert not same_word(word, name)
    assert same_word("Джейн", "Jane") and same_word("Майк", "Mike")

"""Topic filters: which stories a reader wants, and why. No regular expressions from users.

A filter is a comma-separated list of topics; `-topic` excludes. A topic matches a story by
meaning as well as by its words:

- a common category's name, in any of several languages ("technology", "Wirtschaft",
  "science and technology"), matches the stories of that category (`categories.py`);
- a quoted phrase ("Premier League") matches those words in that order, and nothing else;
- a topic written with symbols ("c++", "AT&T") matches exactly as written;
- any other topic matches its words (stemmed: "tariff" finds "tariffs", "economy" and
  "economic" alike) in the title or text, or a story close to it in meaning; a common news
  topic also by its words in the bot's other languages ("Wahlen" finds "elections":
  `topic_words.py`), as a country by its names in them.

Exclusions match the same way, so "-sports" removes sports stories and nothing else.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from briefing_bot import topic_words, transliteration
from briefing_bot.categories import (
    ACRONYM_LETTERS,
    BROAD_MARGIN,
    FREE_TOPIC_SIMILARITY,
    StoryProfile,
    TopicMatcher,
    categories_named,
    names_climate_itself,
)
from briefing_bot.category_data import BRANCHES, CATEGORIES, KEYWORDS
from briefing_bot.errors import Unusable
from briefing_bot.lemmas import lemma
from briefing_bot.models import Article, Story
from briefing_bot.places import (
    city_names,
    countries_named,
    country_aliases,
    country_key,
    dateline,
    is_nationality,
    names_a_city,
    names_a_country,
    news_city_names,
    news_name_languages,
    normalize,
    placed_in,
    unaccented,
)
from briefing_bot.text import (
    CALL_TO_READERS,
    WORD,
    base_language,
    detect_language,
    is_headline,
    one_edit,
    sentences,
    stem,
    stop_words,
    without_dateline,
)
from briefing_bot.text import words as plain_words

MAX_TOPICS = 30
MAX_TOPIC_LENGTH = 60
_SHOWN_START = 20  # characters of an over-long topic said back
MAX_INPUT_LENGTH = 1000
# Characters that belong to a name as written ("c++", "AT&T", "C#", "node.js", "co-op").
_NAME_SYMBOLS = frozenset("+&#.-'’@")
# What regular expressions and other patterns are made of; no topic needs them.
_PATTERN = re.compile(r"\(\?|\.\*|\.\+|\\[a-zA-Z\\]|[\[\]{}()|^$*?<>=;`~]")
# A web link ("https://…", "www.…", "site.com/path"): more likely meant for /summarize (reader
# QA, stop 59: a link was kept as a topic and listed under "Nothing new on:" ever after).
_LINK = re.compile(r"(?:https?|ftp)://|www\.\w|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/", re.IGNORECASE)
_QUOTES = "\"“”„«»"
# A topic's title as its item's opening, at least this long, within this much of the text.
_MADE_TITLE_CHARS = 20
_OPENING_CHARS = 400
# A topic's words in a story's text count when an article's opening (this many words) says
# them, or one report says them this many times, and once per `_WORDS_PER_MENTION` of its
# words at least (`_often`).
_LEAD_WORDS = 60
_SAID_ENOUGH = 2
_WORDS_PER_MENTION = 250
_ACRONYM = ACRONYM_LETTERS  # ...matched in capitals
_CAPITALIZED_ACRONYM = 4  # ...and from this many letters also capitalized only ("Nato")
# Words of two to five letters as written, for acronyms (those with a capital are kept).
_SHORT_WORD = re.compile(r"(?<![\w&])[^\W\d_]{2,5}(?![\w&])")


def words(text: str, *, dictionary: bool = True) -> list[str]:
    """Word forms of a text as topics compare them: lower-cased, without accents and stemmed,
    so that singular and plural ("tariff", "tariffs"; "bus", "buses") are one form, and
    "Mexico" finds "México" (review: a country's names in other languages come without
    accents, and missed "Türkei", "Grèce", "Österreich")."""
    return [_OWN_FORMS.get(word) or _stem_by_script(
        _ISM_KIN.sub("ist", word) if "is" in word else word, dictionary=dictionary)
            for word in (_ELIDED.sub("", raw) for raw in plain_words(_unaccented(text)))]


def normalized_word(text: str) -> str:
    """One word as `words` reads it before stemming (lower-case, accents off); "" for text
    that is not one word."""
    found = plain_words(_unaccented(text))
    return _ELIDED.sub("", found[0]) if len(found) == 1 else ""


# Greek and Cyrillic words are stemmed as Greek and Russian, topic and story alike: the English
# stemmer left them whole, and a Russian reader's "Холокост" never found "закон Холокосте", a
# Greek reader's "Πολωνία" never "της Πολωνίας" (reader QA, stop 53 F1). No English word is
# written so, so no false friend across scripts (stemming every story in its own language
# made "über" Uber and "golfo" Golf: stop 53). A stem under five letters is no one word's
# alone, and the word stays whole: the Russian stemmer makes "мало" (little) and "Мали" (Mali)
# one word, and "Грузия" (Georgia) and "грузов" (of cargo) (review, stop 54). Such a word's
# case forms are joined by their dictionary form instead (`lemmas.py`): "России" and "Россию"
# are "Россия", "нефти" "нефть", "Ρωσίας" "Ρωσία" (second review, stop 54: a Russian reader's
# "Россия", "Китай" and "нефть" missed most of their stories).
_GREEK = re.compile(r"[α-ω]")
_CYRILLIC = re.compile(r"[а-яё]")
_SCRIPT_STEM = 5
# Stems two countries' names share, and the names: "Нигерия" (Nigeria) and "Нигер" (Niger)
# are both "нигер", "Νιγηρία" and "Νίγηρας" both "νιγηρ" (Russian QA, stop 55: a reader's
# "Нигерия" found Niger's coup), and Ukrainian "Нігерія" stems as Niger's locative is
# written, "in Niger" (Telegram QA, stop 56). A word of such a stem, or of it and a case
# ending the stemmer leaves ("Нігерії"), is the name whose case form it is (`_NAME_FORMS`),
# else the one it shares the longest opening with, the shorter on a tie.
# tests/test_topics.py checks this against the places table.
_SHARED_STEMS = {"нигер": ("нигер", "нигерия"), "νιγηρ": ("νιγηρας", "νιγηρια"),
                 "нігері": ("нігер", "нігерія")}
_CASE_ENDING = 2  # letters of a case ending a stem may keep ("нігерії")
_NAME_FORMS = {form: name for name, forms in {
    "нигерия": "нигерии нигерию нигерией", "нигер": "нигера нигеру нигером нигере",
    "нігерія": "нігерії нігерію нігерією", "нігер": "нігеру нігером нігері нігере",
    "νιγηρια": "νιγηριας", "νιγηρας": "νιγηρα"}.items() for form in (name, *forms.split())}


def _stem_by_script(word: str, *, dictionary: bool = True) -> str:
    if not (_CYRILLIC.match(word) or _GREEK.match(word)):
        # (other scripts are not stemmed)
        return word if len(word) > _SCRIPT_STEM and not word.isascii() else stem(word)
    stemmed = _script_stem(word)
    for shared, names in _SHARED_STEMS.items():
        if stemmed.startswith(shared) and len(stemmed) <= len(shared) + _CASE_ENDING:
            return _NAME_FORMS.get(word) or max(
                names, key=lambda name: (_opening_shared(word, name), -len(name)))
    return lemma(word) if stemmed == word and dictionary else stemmed


def _opening_shared(word: str, name: str) -> int:
    return next((at for at, (a, b) in enumerate(zip(word, name, strict=False)) if a != b),
                min(len(word), len(name)))


def _script_stem(word: str) -> str:
    """A Greek or Cyrillic word's stem, or the word itself when that stem is too short."""
    stemmed = word
    if len(word) > _SCRIPT_STEM:
        if _CYRILLIC.match(word):
            stemmed = stem(word, "ru")
        elif _GREEK.match(word):
            # (Snowball keeps the iota of an inflected "-ία": "Πολωνίας" -> "πολωνι",
            # "Πολωνία" -> "πολων")
            stemmed = stem(word, "el")
            stemmed = stemmed[:-1] if stemmed.endswith("ι") else stemmed
    return stemmed if len(stemmed) >= _SCRIPT_STEM else word


# Two countries wire English names by their initials with full stops, which no pronoun or
# other word reads as ("US" is "us"): "U.S. and Japanese vessels were searching for seven
# American sailors" (reader QA, stop 51: "United States", in every language, found a Davis
# Cup win over the USA and none of six American stories). A story's text says them as their
# names: as written, in capitals with both stops (not German "u.s.w.", "U-/S-Bahn": review).
# So is "UK" in capitals without stops, which is no other word (reader QA, stop 68 Q3: "UK
# net users leading TV downloads", opening "British TV viewers…", was lost to `Britain` once a
# report had to say its name often). So is "US" in capitals, but not beside a word in
# capitals: "TELL US" in a capitals headline is the pronoun (reader QA, stop 72 Q1: a story
# of "US Marshals" was none of a reader of "U.S. Marshals", who had to type it with stops).
_DOTTED_NAMES = {"U.S.": " United States ", "U.K.": " United Kingdom ",
                 "UK": " United Kingdom ", "US": " United States "}
_DOTTED = re.compile(r"(?<![\w.])(?:U\.[SK]\.|UK|(?<![A-Z][A-Z] )US(?! +[A-Z]{2,}\b))(?![\w])")
# ...and beside a word in capitals, the pronoun, which an acronym topic "US" does not find as
# written either (stop 72's notes: a reader of "US" got "TELL US YOUR STORIES", "JOIN US").
_US_PRONOUN = re.compile(r"(?<![\w.])(?:(?<=[A-Z][A-Z] )US|US(?= +[A-Z]{2,}\b))(?![\w])")
# The initials of the two unions, dotted, are their initials without stops, as most news
# writes them: "U.N." is "UN", "E.U." is "EU" (and, to acronyms, "U.S." is "US": `_capitals`).
_INITIALS = re.compile(r"(?<![\w.])(?:U\.[SKN]|E\.U)\.(?![\w])")


def story_words(text: str) -> list[str]:
    """`words` of a story's text, its words in their other senses said as what they mean
    (`_OTHER_SENSES`; not a topic's: "friendly fire" typed is what the reader follows)."""
    text = _in_senses(text)
    if "." in text or "UK" in text or "US" in text:
        text = _DOTTED.sub(lambda found: _DOTTED_NAMES[found.group()], text)
        text = _INITIALS.sub(_undotted, text)
    return words(text)


def _in_senses(text: str) -> str:
    """A story's text with its words in their other senses said as what they mean."""
    if _SENSE_WORDS.search(text):
        for pattern, meant in _OTHER_SENSES:
            text = pattern.sub(meant, text)
    return text


def _undotted(found: re.Match[str]) -> str:
    return found.group().replace(".", "").upper()


# A topic's initials as a story's are read (`story_words`), typed with stops or without: "U.S.
# Marshals", "u.s. marshals" and "US Marshals" are one topic, which finds the stories that
# write either (reader QA, stop 72 Q1: "US Marshals" missed "Texas Prison Escapee Added to U.S.
# Marshals '15 Most Wanted' List", and a story only close in meaning filled its section). In a
# topic of more words, or joined by a hyphen, "US" and "UK" in any case are the countries'
# names, as a story's in capitals are: "us election", "us open", "us-china", "US-Wahl" (typed
# in lower case on a phone, they found nothing once stories read "US" as its name: review,
# stop 72); alone, an acronym (`Topic.acronym`). A pronoun is no topic of several words.
_TYPED_INITIALS = re.compile(_INITIALS.pattern, re.IGNORECASE)
_TYPED_NAMES = re.compile(r"(?i)(?<![\w.&])(?:US|UK)(?![\w&])")


def _typed_initials(label: str) -> str:
    """A topic with its dotted initials written without stops ("U.S. Marshals": "US Marshals")."""
    return _TYPED_INITIALS.sub(_undotted, label) if "." in label else label


def _topic_words(said: str) -> list[str]:
    """`words` of a topic (`_typed_initials` applied), its countries' initials read as their names
    when it has more words, as a story's are."""
    if " " in said.strip() or "-" in said:
        said = _TYPED_NAMES.sub(lambda found: _DOTTED_NAMES[found.group().upper()], said)
    return words(said)


# A word in a phrase where it means something else, said as what it means (topic QA: a
# reader of "fire", "Feuer" or "incendie" got "Gunman Opens Fire At Cafe", "GAME UNDER FIRE"
# and "Bank of America Fires Back", 18 of 22 stories; a reader of "shooting" got a basketball
# team's "lousy outside shooting" and a film's shooting). Said so for every topic: "opened
# fire" is gunfire, and "gunfire" finds it.
_SENSE_WORDS = re.compile(r"(?i)fire|shoot|film|movie|wahl|britain|british|olumbi|olombi"
                          r"|dating|languag|speak|spok|fluent|class|course|teach|taught"
                          r"|learn|lesson|subtitl|dub|translat|dialect|written|sung|isch\b")
# A nationality's word that names its language (`_OTHER_SENSES`): "speaks fluent Spanish",
# "Spanish-language broadcaster", German "fließend Spanisch".
_TONGUES = ("french|german|spanish|italian|portuguese|russian|chinese|japanese|arabic|dutch"
            "|polish|turkish|greek|korean|swedish|ukrainian|hebrew|persian|hungarian|czech")
# (German's names of languages, and what English calls each)
_ZUNGE_OF = {
    "Französisch": "french", "Spanisch": "spanish", "Italienisch": "italian",
    "Portugiesisch": "portuguese", "Russisch": "russian", "Chinesisch": "chinese",
    "Japanisch": "japanese", "Arabisch": "arabic", "Niederländisch": "dutch",
    "Polnisch": "polish", "Türkisch": "turkish", "Griechisch": "greek", "Koreanisch": "korean",
    "Schwedisch": "swedish", "Ukrainisch": "ukrainian", "Hebräisch": "hebrew",
    "Persisch": "persian", "Ungarisch": "hungarian", "Tschechisch": "czech",
    "Englisch": "english"}
_ZUNGEN = "|".join(_ZUNGE_OF)
# Someone's job, for "to fire" a person ("the FBI director", "special counsel Mueller").
_OFFICE = (r"(?:(?:the|his|her|their|its)\s+)?(?:(?-i:[A-Z]{2,5})\s+|(?:police|team['’]s"
           r"|special)\s+)?(?:director|coach|manager|chief|head|boss|ceo|commissioner|secretary"
           r"|attorney|prosecutor|counsel|adviser|advisor|aide|staff|employees|workers"
           r"|officials?|minister|general|editor)s?\b")
_OTHER_SENSES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), meant) for pattern, meant in (
        (r"\b(open(?:s|ed|ing)?|return(?:s|ed|ing)?)\s+fire\b", r"\1 gunfire"),
        # Fire held or traded is a figure of speech as often ("Bank of England holds fire on
        # rates", "parties trade fire"): no fire, and no shooting (review).
        (r"\b(exchang(?:e|es|ed|ing)|trad(?:e|es|ed|ing)|hold(?:s|ing)?|held)\s+fire\b",
         r"\1 firing"),
        # ("Fire at Waitrose", "Fire at police station", "a fire on the roof" are fires: "on"
        # and "at" only before people shot at; review)
        (r"\bfire(s?)(?=\s+(?:back|tear\s+gas|rockets?|missiles?|shots?|rounds?|bullets)\b"
         r"|\s+(?:on|at|upon)\s+(?:the\s+)?(?:protesters|demonstrators|civilians|troops"
         r"|soldiers|crowds?|rebels|militants|insurgents|villagers)\b(?!['’]))", r"shoot\1"),
        (r"\b(?:line\s+of|friendly|cross)[\s-]*fire\b", "crossfiring"),
        # Someone fired from a job is no fire either ("Did Trump have lawful authority to fire
        # Comey?" was a fire for readers of Feuer, incendie, incendio: reader QA, stop 43).
        # ...nor fires one ("Trump fires FBI Director James Comey": review).
        (r"\b((?:to|will|would|could|should|can|cannot|can['’]t|might|must|may|did|didn['’]t"
         r"|won['’]t|wouldn['’]t|not|refused\s+to)\s+(?:(?:also|not|now|never|still|even|then"
         r"|soon|later)\s+)?)fire(?=\s+(?:him|her|them|me|you|us"
         # (a name, then the sentence goes on in lower case: "Crews Will Fire Hillside To
         # Stop Blaze" is a backburn in title case)
         r"|(?-i:[A-Z][a-z]+)(?=\s+(?-i:[a-z])|\s*[?.!,;:]|\s*$)|" + _OFFICE + r"))",
         r"\1dismiss"),
        # ...nor fires one ("Trump fires FBI Director James Comey": review).
        # (an office only: "Deadly California Fires Force Thousands To Flee" is a fire)
        # (and as a sentence writes it: "Maui Fires Officials Warn Residents", "Australia
        # Fires Head Towards Sydney" are title case's fires: review)
        (r"\b((?-i:[A-Z][a-z]+)\s+)(?-i:fires)(?=\s+" + _OFFICE + r")", r"\1dismisses"),
        # A choice is no election ("Die Qual der Wahl für Nagelsmann", "keine andere Wahl":
        # review).
        # (not "erste", "zweite", "freie Wahl": Israel's second election in five months)
        (r"\b(?:qual\s+der|keine(?:\s+andere)?)\s+wahl\b", "auswahl"),
        # A phone's video of a scene is no film ("Driver films moment tornado rips through
        # town": review).
        (r"\b(films?|filming)(?=\s+(?:the\s+)?(?:moment|himself|herself|themselves|itself"
         r"|attack|arrest|crash|fight|brawl|police|officers?|encounter|incident|video)\b)",
         "filming"),
        # ...nor is an "adult film" actress's lawsuit cinema news (reader QA, stop 45: a
        # French reader of "cinéma" got Stormy Daniels suing Donald Trump).
        # (the qualifier stays: "porn", "adult film" and "X-rated" still find it: review)
        (r"\b(adult|porn|porno|pornographic|x-rated)([\s-]+)(?:film|movie)(s?)\b",
         r"\1\2pornfilm\3"),
        # New Britain is a city in Connecticut and an island of Papua New Guinea, not the
        # United Kingdom's Britain (review, stop 45).
        (r"\bnew\s+britain\b", "newbritain"),
        # ...and British Columbia is in Canada, in every language (`places._ELSEWHERE`), nor
        # are the British Virgin Islands Britain (review)
        (r"\bbritish[\s-]+(columbia\w*|guiana|honduras|virgin|indian\s+ocean|antarctic)\b",
         r"british\1"),
        (r"\b(?:colombie[\s-]+britannique|britisch[\s-]+kolumbien|kolumbi\w*\s+brytyjsk\w*"
         r"|col[uú]mbia\s+brit[aáâ]nn?ica|colombia\s+brit[aá]nica|brits[\s-]+columbia)\b",
         "britishcolumbia"),
        (r"\bunder\s+fire\b", "underfire"),  # gunfire or criticism: no fire either way
        # A fighter's figure of speech: "Brown comes out shooting" (the chancellor's budget:
        # reader QA, stop 44, a shooting story for readers of "shooting" and "Schießerei").
        # (not a gunman's: "A gunman came out shooting at officers after a standoff": review)
        (r"(?<!gunman\s)(?<!suspect\s)(?<!shooter\s)(?<!gunmen\s)"
         r"\b(?:come|comes|came|coming)\s+out\s+(?:shooting|firing|swinging)\b"
         r"(?![^.!?]{0,60}\b(?:at\s+(?:police|officers?|deputies|troopers|agents)|guns?|gunfire"
         r"|rifle|pistol|wounded|killed|standoff)\b)", "comesoutfighting"),
        # What is not on fire is no fire ("the Fed's hair is manifestly not on fire": reader
        # QA), nor the Hunger Games film "Catching Fire", named as a title.
        (r"\bnot\s+on\s+fire\b", "notonfire"),
        # ...nor a star sign ("twin fire signs and four blue eyes": reader QA, stop 46, a
        # Taylor Swift album was news of "incêndio").
        (r"\bfire\s+signs?\b", "starsign"),
        (r"(?-i:[‘'\"“]Catching Fire[’'\"”]|Hunger Games:?\s+Catching Fire)", "catchingfirefilm"),
        # (and in capitals after the series' name: "…for HUNGER GAMES Sequel, CATCHING FIRE;
        # …" was fire news: reader QA, stop 47)
        (r"(\bhunger\s+games\b[^.!?;]{0,30}?)\bcatching\s+fire\b", r"\1catchingfirefilm"),
        # ...or capitalised after a word of four letters or more in lower case, as a name is
        # in running text ("signed for Catching Fire", "the sequel, Catching Fire"); not in a
        # headline in title case, which keeps only short words in lower case ("SUVs at Risk
        # of Catching Fire": review), nor "after catching fire"
        (r"(?-i:(?<![\w'’-])([a-z][a-z'’-]{3,},?(?:\s+(?:for|of|to|in|on|at|as|and|the|with"
         r"|from|by))*,?\s+)Catching\s+Fire\b)", r"\1catchingfirefilm"),
        (r"\bcease[\s-]+fire\b", "ceasefire"),
        (r"\bdating\s+(back|from)\b", r"dates \1"),  # a temple's age, no one's dating
        (r"\b(?:outside|perimeter|three-point|3-point|free[\s-]throw|poor|lousy|hot|cold|"
         r"sharp|accurate)\s+shooting\b", "shots"),
        (r"\bshooting(?=\s+(?:guard|percentage|touch|slump)\b)", "shots"),
        (r"\bshooting\s+(?:(?:of\s+)?(?:a|the|his|her|their|its)\s+)?(?:new\s+)?(?:film|movie"
         r"|documentary|commercial|series|episode)s?\b", "filming"),
        (r"\b(?:film|movie)\s+shoot(?:ing|s)?\b", "filming"),
        (r"\b(?:first-person|third-person)\s+shooters?\b|\bshooter\s+games?\b", "videogame"),
        # A nationality's word naming its language is no news of its country: "speaks fluent
        # Spanish", "a Spanish-language broadcaster", German
        # "spricht fließend Spanisch" (stop 70's review: Spain's news for readers of Spain
        # and Spanien). Said as the language ("spanishtongue"), which no country's name is.
        # (before a word the language is said in, or as what is spoken, written or learnt,
        # then no noun: "learning Chinese customs" is China's; and not before the people who
        # teach or translate it, nor its classes: "French teachers strike over pension reform"
        # is France's news (review, stop 72))
        # (nor are its classes, lessons or courses: "an Ohio school adds French classes" was
        # France's news, stop 72's notes)
        (rf"\b({_TONGUES})(?=[\s-]+(?:languages?|speakers?|speaking|subtitles|translations?"
         r"|dubbed|dialects?|class|classes|lessons?|courses?)\b)", r"\1tongue"),
        (r"\b((?:speak|speaks|spoke|spoken|speaking|fluent|fluently|learn|learns|learning"
         r"|learned|learnt|teach|teaches|teaching|taught|(?:translated|dubbed|subtitled|written"
         r"|sung|broadcast|conducted)\s+(?:in|into|from))\s+(?:(?:fluent|broken|perfect|some"
         rf"|little)\s+)?)({_TONGUES})(?=\s*(?:[.,;:!?)\"”’]|$)|\s+(?:and|or|but|as|at|in|on"
         r"|with|to|for|from|while|when|after|before|since|because|than|is|was|were|are|who"
         r"|which|that|well|too|also|fluently)\b)", r"\1\2tongue"),
        # German writes the language as a noun, with a capital and no ending ("auf Spanisch",
        # "Französisch lernen"); the country's word has an ending or is lower case.
        (rf"(?-i:\b({_ZUNGEN})\b)(?![-‐])", r"\1tongue"),
    ))


# A French or Italian article elided onto its word: "d'Obama", "l'emploi", "dell'euro" are
# Obama, emploi, euro to a reader's topic (review: a French headline "Le discours d'Obama"
# did not mention Obama).
_ELIDED = re.compile(r"^(?:l|d|qu|j|n|s|c|m|t|dell|all|dall|nell|sull|un)['’](?=\w)")


# Nouns a reader follows whose stem Snowball shares with words of another meaning: "elections"
# and "elected", "President-elect" are all "elect" (reader QA: a reader of "elections" got a
# zoo's panda cubs and the Endangered Species Act by "President-elect Obama", and a coach
# "elected" coach of the year); "experiment" and "experience", "animation" and "animal". Their
# own words, possessives too, keep a form of their own (review: "the election's result",
# "Pixar's new animated feature"); the others keep the shared stem.
_OWN_FORMS: dict[str, str] = {
    f"{word}{ending}": form
    for form, family in (("election", ("election", "elections")),
                         # Not "celebrate" (reader QA: a coffee launch's celebration was
                         # "title mentions celebrity").
                         ("celebrity", ("celebrity", "celebrities")),
                         ("experiment", ("experiment", "experiments", "experimental")),
                         ("animation", ("animation", "animations", "animated", "animator",
                                        "animators")),
                         # A fire is not someone "fired" (reader QA: "fires" found an FBI
                         # agent's and a police officer's dismissals); German "Brände"
                         # (fires) and "Tiere" (animals) are not "branded" or a "tier".
                         ("fires", ("fire", "fires")), ("brande", ("brande",)),
                         ("tiere", ("tiere",)),
                         # Boxing is no box office, nor "a box under the road" (reader
                         # QA, stop 55 F6).
                         ("boxing", ("boxing", "boxer", "boxers")),
                         # A film is not what was "filmed" ("filmed in 1944": stop 39).
                         ("films", ("film", "films")),
                         # A shooting is gunfire, not one who "shoots for the next level".
                         ("shooting", ("shooting", "shootings", "shooter", "shooters",
                                       "shootout", "shootouts")),
                         # Russian elections are no choice, a Greek bank no table, once
                         # stemmed (second review, stop 54: "выборы" found "нет выбора").
                         ("выборы", ("выборы", "выборов", "выборам", "выборами", "выборах")),
                         ("выбор", ("выбор", "выбора", "выбору", "выбором", "выборе")),
                         # ...nor Ukrainian and Bulgarian ones (reader QA, stop 75 S2:
                         # "вибори", "избори" were left out of `topic_words` for it, and
                         # found nothing).
                         ("вибори", ("вибори", "виборів", "виборам", "виборами", "виборах")),
                         ("вибір", ("вибір", "вибору", "вибором", "виборі")),
                         ("избори", ("избори", "изборите")),
                         ("избор", ("избор", "избора", "изборът")),
                         ("τραπεζι", ("τραπεζι", "τραπεζιου", "τραπεζια", "τραπεζιων")),
                         # Germanium is not Germany once stemmed ("германий", "γερμάνιο":
                         # a chip's germanium was Germany's news, Russian QA stop 55). Only
                         # the element's own forms: "германия", "германию", "германии" are
                         # its case forms too, and far more often the country's.
                         ("германий", ("германий", "германием")),
                         ("γερμανιο", ("γερμανιο", "γερμανιου")),
                         # Fields readers follow whose stem is a common word's (topic probe,
                         # stop 58): housing was "the House" passing a bill, marketing stock
                         # markets, gaming an NBA game, dating "dated", publishing every
                         # report "published", conservation the Conservative party's leader,
                         # engineering an engine fault. (A tradition "dating back" to 1900 is
                         # a date: `_OTHER_SENSES`.)
                         ("housing", ("housing",)),
                         ("marketing", ("marketing", "marketer", "marketers")),
                         ("gaming", ("gaming", "gamer", "gamers")),
                         ("dating", ("dating",)),
                         ("publishing", ("publishing", "publisher", "publishers")),
                         ("conservation", ("conservation", "conservationist",
                                           "conservationists")),
                         ("engineering", ("engineering", "engineer", "engineers")),
                         # Pastimes whose stem is a common figure of news (reader QA, stop 70
                         # T15: "climbing" found a catcher's "climb toward the majors"):
                         # prices climb, rates see a hike, a film causes a row. Their
                         # climbers, hikers and rowers are theirs.
                         ("climbing", ("climbing", "climber", "climbers")),
                         ("hiking", ("hiking", "hiker", "hikers")),
                         ("rowing", ("rowing", "rower", "rowers")),
                         # Abbreviated or not, one name (stop 72's notes: "St Louis", "St.
                         # Louis" and "Saint Louis" were three topics; a0058 of the reader
                         # QA's climbers says "Mt Cook", the others "Mount Cook"). "Saints"
                         # (the team) stays its own, and "St." is "St" once split.
                         ("st", ("saint", "sankt")), ("mt", ("mount",)))
    for word in family for ending in ("", "'s", "'")}

# An "-ism" and its "-ist" are one form of their own, in English and in German, French, Spanish,
# Italian and Portuguese as written ("Terrorismus", "Terroristen", "terrorisme", "terrorista"
# are "terrorist"), not the stem Snowball leaves an "-ism": "nationalism" was "nation",
# "socialism" "social", "journalism" "journal", "extremism" "extrem", "capitalism" "capit",
# so readers of them got a president addressing the nation, teenagers on social media, a Wall
# Street Journal markets report and a heatwave's extreme temperatures, each as "title
# mentions …" (topic probe, stop 58). A reader of "terrorism" now gets "terrorists" by its
# words and "terror" alone by meaning; "Catholicism" no longer finds "Catholic" by its words.
# Three letters before the ending at least: "list", "lista", "Listen" and "sismo" keep theirs.
_ISM_KIN = re.compile(r"(?<=\w\w\w)(?:isms?|ismus|ismes?|ismos?|ists?|isten|istes?|istas?|isti)$")


def _unaccented(text: str) -> str:
    return text if text.isascii() else unaccented(text)


class TopicError(Unusable):
    """A topic (or topic list) a reader typed that cannot be used; the message says why."""


@dataclasses.dataclass(frozen=True, slots=True)
class Topic:
    """A topic as the reader wrote it, and how it is matched."""

    label: str
    forms: tuple[str, ...]  # stemmed words
    phrase: bool = False  # quoted: these words in this order only
    literal: str | None = None  # written with symbols: this text, lower-cased, as written
    categories: tuple[str, ...] = ()  # the common categories it names
    branch: str | None = None  # the branch of a category it names (`category_data.BRANCHES`)
    # A country's names in other languages, as `joined` word forms: "Grecia" finds "Greece"
    # (reader QA: an Italian reader's "Grecia" found nothing in English news).
    aliases: tuple[str, ...] = ()
    acronym: bool = False  # typed in capitals ("AI", "NBA"): found only so
    # A country's name: a story that names another country is not found by meaning (reader
    # QA: a South Korean story was "close in meaning to North Korea"; a neighbour's news is
    # close to any country); one that names none still is ("U.S." and "EU", two letters, are
    # no names here: review).
    country: bool = False
    # ...and its nationality's word ("greek"): in a headline, or twice in one report, not
    # once in an opening (reader QA: "one small Greek cafe" in a UK election story found
    # "Griechenland"; topic QA: "unheralded German Lars Burgsmuller" found "Germany").
    nationality: tuple[str, ...] = ()
    # A quoted phrase's names in the bot's other languages, as `_spelled` words joined:
    # '"Naciones Unidas"' finds "United Nations" (reader QA: a Spanish reader's quoted name
    # found nothing in English news, which cannot write it so).
    names: tuple[str, ...] = ()
    # A word of the reader's language that is another word elsewhere (`topic_words.
    # IN_LANGUAGE`: a German reader's "Brand", a fire): that language, whose stories alone
    # are searched for it as written; its topic's words in other languages find the rest.
    home: str | None = None
    # A section's name of a category and a topic joined ("economia e finanza", "business and
    # finance"): each part is matched, a story found by any (`_parts`).
    parts: tuple[Topic, ...] = ()
    # Its name written joined or apart, as `joined` word forms (`_joined_or_apart`: "Hongkong"
    # is "hong kong", "Hong Kong" "hongkong"), found where a story writes it as a name.
    spellings: tuple[str, ...] = ()

    def strength(self, title: str, text: str, lead: str | None = None) -> float:
        """2 when the title has its words, 1 when only the text does, else 0 (words only);
        `title` and `text` are word forms joined by spaces (`joined`). With the `lead` (the
        articles' openings), the text must say them in an opening or twice: one mention in
        passing is not what a story is about (reader QA: "elections" found an actress's
        biopic by "she won the 1983 election", "Apple" a singer's apple-picking)."""
        if _contains(title, self.forms) or any(alias in title for alias in (
                *self.aliases, *self.nationality, *self.spellings)):
            return 2.0
        names = [*([joined(self.forms)] if self.forms else []), *self.aliases, *self.spellings]
        needles = [*names, *self.nationality]
        if lead is None:
            return 1.0 if any(needle in text for needle in needles) else 0.0
        if any(needle in lead for needle in names) or any(
                f"{adjective}{state} " in lead for adjective in self.nationality
                for state in _STATE_WORDS):
            return 1.0
        # Twice in one report: once in each of several outlets' reports is a detail they
        # share in passing (topic QA: two reports of the Oscars' host naming "Hurricane
        # Katrina" once each made it hurricane news). Each mention once, by its longest name:
        # "Vladimir Putin" is one mention of Putin, not one of "putin" and one of "vladimir
        # putin" (reader QA, stop 67 P3: one in a Gazprom report made it Putin's news).
        mention = _mentions(tuple(needles))

        def said(part: str) -> int:
            return sum(1 for _ in mention.finditer(part))

        # The whole text first: most stories say a topic not twice at all, and are not split.
        return 1.0 if said(text) >= _SAID_ENOUGH and any(
            _often(said(part), _length(part)) for part in text.split(_APART)) else 0.0

    def said_as_written(self, seen: _Text) -> float:
        """`strength` of an acronym: found as written in capitals ("AI" is not the Italian
        "ai": reader QA), or with a capital for four letters or more ("Nato", as BBC style
        writes it: review), among the words of the story kept for it; and its country's
        names in other languages (USA: "Stati Uniti"), as `strength` finds them."""
        if any(self.spells(token) for token in seen.caps_title):
            return 2.0
        if any(self.spells(token) for token in seen.caps_said):
            return 1.0
        return dataclasses.replace(self, forms=()).strength(seen.title, seen.text, seen.lead)

    def spells(self, token: str) -> bool:
        """Whether a word as written is this acronym."""
        label = _typed_initials(self.label)  # ("U.S." is "US")
        return token == label or (len(label) >= _CAPITALIZED_ACRONYM and token.upper() == label)

    @property
    def written(self) -> str:
        """The topic as the reader would type it again (a phrase keeps its quotes)."""
        return f'"{self.label}"' if self.phrase else self.label

    @property
    def key(self) -> str:
        """What makes two topics the same topic ("Tariffs" and "tariff" are one)."""
        if self.literal is not None:
            return f"={self.literal}"
        return ("\"" if self.phrase else "") + " ".join(self.forms)


# What a nationality names the country by in an opening: its state ("troops of the Nigerian
# Army", "the elite German army unit": reader QA), not one of its people or its cuisine.
_STATE_WORDS = tuple(dict.fromkeys(words("""army government police officials authorities forces
    troops soldiers military navy president minister chancellor parliament court courts election
    elections economy bank banks prime foreign capital state embassy leader leaders
    prosecutors citizens""")))


@functools.lru_cache(maxsize=4096)
def _mentions(needles: tuple[str, ...]) -> re.Pattern[str]:
    """Where any of these (`joined`) forms is said, longest first, each mention once. The
    space after one is left for the next: side by side ("…the election. Election
    officials…") two mentions share a space (review)."""
    found = sorted({needle.strip() for needle in needles if needle.strip()}, key=len,
                   reverse=True)
    return re.compile(f" (?:{'|'.join(map(re.escape, found))})(?= )" if found else "(?!)")


def joined(forms: Sequence[str]) -> str:
    """Word forms as one string with a space at each end: a phrase is then a substring test,
    and a story's words take one compact string in memory instead of a list."""
    return f" {' '.join(forms)} "


def _contains(haystack: str, needle: Sequence[str]) -> bool:
    return bool(needle) and joined(needle) in haystack


# Country names in other languages whose English stems are other English words, or names
# news uses for other things: French "Islande" is "island", "Malte" "malt", "Inde" "ind",
# Portuguese "Camarões" "camaro"; "Jordan" a first name, "Georgia" a US state, "Chad" a
# first name, "Jersey" a shirt (found by review); "America" is also a continent's part ("Latin
# America") and a first name (reader QA: the actress America Ferrera made a Cannes story a USA
# story), "Europa" English news's football league and news agency; of common topics'
# words (`topic_words`), "papa" English's dad and Papa John's, "mode" a way of working,
# Italian "aereo" also "air" (attacco aereo, spazio aereo; review); Greek "Γεωργία" is also
# agriculture, and its stem George's ("Γεώργιος": Russian QA, stop 55, a derby report was
# Georgia's news). The reader's own word still counts.
_FALSE_FRIENDS = frozenset(f" {stem} " for stem in (
    "island", "malt", "ind", "wale", "camaro", "jordan", "georgia", "chad", "jersey", "america",
    "europa", "papa", "mode", "aereo", "aerei", "γεωργ"))


# Branches of categories by the names readers type (as written, lower-cased), the category
# each lies within, and their words as `joined` word forms, to be found in a story's.
_BRANCH_NAMES = {" ".join(plain_words(name)): branch.key
                 for branch in BRANCHES for name in branch.names}
_BRANCH_WITHIN = {branch.key: branch.within for branch in BRANCHES}
_BRANCH_FREE = frozenset(branch.key for branch in BRANCHES if branch.free)
def _phrases(listed: str) -> tuple[str, ...]:
    """Each phrase once as word forms ("footballer" and "footballers" are one). Greek and
    Cyrillic words are listed in their dictionary forms ("лига", "τένις"), which are their
    own: so the lemma table is not read at start for them (`bench/memory.py`: 4 MB over)."""
    return tuple(dict.fromkeys(joined(words(phrase, dictionary=False))
                               for phrase in listed.split(",") if phrase.strip()))


_BRANCH_WORDS = {branch.key: (_phrases(branch.words), _phrases(branch.rivals))
                 for branch in BRANCHES}
# ...and the life events of which a branch's story must name one too (`Branch.lives`).
_BRANCH_LIVES = {branch.key: _phrases(branch.lives) for branch in BRANCHES if branch.lives}
# A branch's word whose stem other words share counts only as written: "manager" is "manag",
# as "managed" and "management" are (reader QA, stop 66 N3: a pole-vaulter who "managed" to
# move her arms and a sled-dog race were "football stories").
# ...and "died", "dies": German "die" (the) is "die" too once read.
_WRITTEN_AS = {joined(words("manager")): re.compile(r"\bmanagers?\b", re.IGNORECASE),
               joined(words("died")): re.compile(r"\b(?:died|dies)\b", re.IGNORECASE)}


@dataclasses.dataclass(frozen=True, slots=True)
class TopicFilter:
    """Topics to include (none: everything) and topics to exclude."""

    include: tuple[Topic, ...] = ()
    exclude: tuple[Topic, ...] = ()

    def describe(self) -> str:
        parts = [t.written for t in self.include] + [f"-{t.written}" for t in self.exclude]
        return ", ".join(parts)

    @property
    def labels(self) -> list[str]:
        # (a joined topic's parts are matched, not the whole: their labels)
        return [label for topic in (*self.include, *self.exclude)
                for label in ([part.label for part in topic.parts] or [topic.label])]

    @property
    def meant(self) -> dict[str, str]:
        """Each label -> the words its meaning is read from (`meant_as`)."""
        return {label: meant_as(label) for label in self.labels}


# A hashtag, as Telegram's readers type topics: its word ("#crime" is crime). Reader QA (stop
# 53 F3): "#crime" was looked for as written and found nothing beside four crime stories. Not
# split at its capitals: "#YouTube", "#DeSantis", "#eBay" are one name (review). Not "C#" (a
# name ending in the sign), nor "#1".
_HASHTAG = re.compile(r"\A#([^\W\d_][\w]*)\Z")


def _hashtag_words(found: re.Match[str]) -> str:
    return found.group(1).replace("_", " ")


def parse_topic(item: str, language: str | None = None) -> tuple[Topic, bool] | None:
    """One topic as typed ('-"central bank"') -> (Topic, excluded); None when blank.
    TopicError says, for the reader, what is wrong with it. `language`: the reader's, for the
    words that mean a topic in that language only (`topic_words.IN_LANGUAGE`)."""
    item = item.strip()
    negative = item.startswith("-")
    body = _HASHTAG.sub(_hashtag_words, item.lstrip("-").strip())
    phrase = len(body) >= 2 and body[0] in _QUOTES and body[-1] in _QUOTES
    label = " ".join(body.strip(_QUOTES + "'").split())
    if not item:
        return None
    if not label:
        raise TopicError(f"{item!r} has no words to look for", key="err_no_words", topic=item)
    if len(label) > MAX_TOPIC_LENGTH:
        # Its start, cut between words (Telegram QA, stop 56 #11: a word cut after one letter).
        start = label[:_SHOWN_START]
        start = start.rsplit(" ", 1)[0] if " " in start and label[_SHOWN_START] != " " else start
        raise TopicError(f"the topic {start!r}... is too long "
                         f"(at most {MAX_TOPIC_LENGTH} characters)", key="err_topic_too_long",
                         topic=start, n=MAX_TOPIC_LENGTH)
    if _PATTERN.search(label):
        raise TopicError(f"{label!r} looks like a pattern; topics are plain words or phrases, "
                         "such as climate, \"central bank\" or c++", key="err_pattern",
                         topic=label)
    said = _typed_initials(label)  # ("U.S. Marshals" is "US Marshals")
    # A German language's name alone is the language, as a story's is (`_OTHER_SENSES`), in
    # German and in English ("auf Französisch", "speaks fluent French"), not its country
    # (stop 72's notes: "Französisch" found France's news).
    tongue = None if phrase else _ZUNGE_OF.get(label[:1].upper() + label[1:])
    forms = tuple(_topic_words(f"{said}tongue" if tongue else said))
    if not forms:
        raise TopicError(f"{item!r} has no words to look for", key="err_no_words", topic=item)
    literal = None
    # (not a country's name written with full stops, Spanish "EE.UU.": QA, stop 58 F4; nor
    # a name whose only symbols are its abbreviations' or initials' stops: `_ABBREVIATED`)
    unstopped = _ABBREVIATED.sub(_without_stops, said) if "." in said else said
    if not phrase and any(char in _NAME_SYMBOLS for char in unstopped) and not _plain(
            unstopped) and not country_aliases(label):
        literal = label.lower()
    branch = None if phrase or literal else _BRANCH_NAMES.get(" ".join(plain_words(label))) or (
        # (a word that names a free branch in the reader's language only: French "people")
        _BRANCH_NAMES.get(_in_language_words().get(
            (base_language(language or ""), joined(forms)), "").strip()))
    categories = () if phrase or literal or branch else categories_named(label)
    aliases: tuple[str, ...] = ()
    nationality: tuple[str, ...] = ()
    country = False
    home = None
    if not (phrase or literal or categories) and (branch is None or branch in _BRANCH_FREE):
        own = joined(forms)
        reader = base_language(language or "")
        line = _in_language_words().get((reader, own))
        # (and "Wahl" typed by a German reader: an election, not Grant Wahl in English news)
        home = reader if line is not None or reader in _only_in().get(own, ()) else None
        names = () if tongue else country_aliases(label)
        country = bool(names) and names_a_country(label)  # not a continent
        # A city by another of its names: the name news writes ("Berlim" finds "Berlin": reader
        # QA, stop 74 R1), said back beside the reader's ("title mentions Berlim (Berlin)").
        cities = () if tongue or names else city_names(label)
        # (a country's names are their own dictionary forms: the lemma table is not read for
        # them, so a reader of "Japan" does not load it: `bench/memory.py`)
        aliases = tuple(dict.fromkeys(
            alias for alias in (*(joined(words(name, dictionary=False)) for name in names
                                  if not is_nationality(name)),
                                *(joined(words(city, dictionary=False)) for city in cities),
                                *(_equivalents().get(line or own, ()) or _equivalents().get(
                                    # (a line's word as listed: "Олимпийские игры", whose
                                    # dictionary reading is "игра": reader QA, stop 75 S2)
                                    joined(words(said, dictionary=False)), ())),
                                *([joined(words(f"{tongue}tongue"))] if tongue else []))
            if alias != own and alias not in _FALSE_FRIENDS))
        nationality = tuple(dict.fromkeys(
            alias for name in names if is_nationality(name)
            and (alias := joined(words(name, dictionary=False))) != own
            and alias not in _FALSE_FRIENDS))
    other_names: tuple[str, ...] = ()
    # A quoted name of two words or more: a word quoted alone is matched as written (review:
    # '"film"' found cinema stories, '"Turquía"' a Thanksgiving turkey).
    if phrase and len(forms) >= 2:
        spelled_as = joined(_spelled(label))
        other_names = tuple(dict.fromkeys(
            spelled for name in (*(name for name in country_aliases(label)
                                   if not is_nationality(name)),
                                 *_equivalent_names().get(joined(forms), ()))
            if (spelled := joined(_spelled(name))) != spelled_as
            and joined(words(name, dictionary=False)) not in _FALSE_FRIENDS))
    acronym = (not (phrase or literal or branch or categories)
               and said.isalpha() and said.isupper() and 2 <= len(said) <= _ACRONYM)
    parts = () if phrase or literal or branch or categories else _parts(label, language)
    spellings = () if phrase or literal or branch or categories or acronym or tongue else (
        _joined_or_apart(said))
    return Topic(label=label, forms=forms, phrase=phrase, literal=literal,
                 categories=categories, branch=branch, aliases=aliases,
                 acronym=acronym, country=country, nationality=nationality,
                 names=other_names, home=home, parts=parts, spellings=spellings), negative


# A name one language writes as one word and another as two: German and Dutch news write
# "Hongkong", English "Hong Kong" (reader QA, stop 73 R9: a German reader's "Hongkong" found
# "US, UK condemn Hong Kong arrests" only as close in meaning, and with meaning off would not
# have). A topic of two words is also its two words joined; one word, any two parts of it of
# three letters or more, side by side. Neither part a function word of a language the bot reads
# ("Shutdown" is no "shut down", "Everyone" no "every one"), and found only where a story
# writes them with capitals, as a name (`_as_a_name`): "a new castle" is no Newcastle.
_PART_LETTERS = 3


def _joined_or_apart(said: str) -> tuple[str, ...]:
    """The `joined` word forms of a topic's words written joined, or of its one word written
    apart, that `Topic.spellings` looks for; () for any other topic."""
    typed = plain_words(_unaccented(said))
    if not typed or not all(word.isalpha() for word in typed):
        return ()
    function = _ENGLISH_FUNCTION_WORDS | _FOREIGN_FUNCTION_WORDS
    if len(typed) == 2:
        pairs = [tuple(typed)]
    elif len(typed) == 1:
        word = typed[0]
        pairs = [(word[:at], word[at:])
                 for at in range(_PART_LETTERS, len(word) - _PART_LETTERS + 1)]
    else:
        return ()
    found: list[str] = []
    for first, second in pairs:
        parts = [words(first), words(second)]
        if any(len(part) != 1 or part[0] in function for part in parts):
            continue
        # One word is looked for apart only as a place's two-word name: headlines capitalise
        # every word, and "Blackrock" found Burning Man's "Black Rock City", "Iceland" "Ice
        # Land", "Newcastle" Delaware's "New Castle County" (review, stop 74).
        if len(typed) == 1 and not (country_aliases(f"{first} {second}")
                                    or names_a_city(f"{first} {second}")):
            continue
        found.append(joined(words(first + second)) if len(typed) == 2
                     else joined([parts[0][0], parts[1][0]]))
    return tuple(dict.fromkeys(found))


# Everyday abbreviations and initials in names a reader types: their stops are no symbols to
# match as written ("St. Louis" was matched only so, and missed "St Louis Blues", while "St
# Louis" found both: stop 72's notes); as words, stops or none are one ("george w bush").
NAME_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "jr", "sr", "gen", "gov", "sen", "rep",
    "rev", "sgt", "capt", "lt", "col", "inc", "corp", "co", "ltd", "bros"})
_ABBREVIATED = re.compile(rf"(?i)(?<![\w.])(?:{'|'.join(sorted(NAME_ABBREVIATIONS))}"
                          r"|[^\W\d_](?:\.[^\W\d_])*)\.(?=\s|$)")


def _without_stops(found: re.Match[str]) -> str:
    return found.group().replace(".", "")


def _parts(label: str, language: str | None) -> tuple[Topic, ...]:
    """The topics a section's name joins, when one is a common category or a branch of one
    and each a topic the bot knows, none a country: "economia e finanza", "business and
    finance", "Sport und Kultur" (languages QA, stop 58 F5: those found nothing, while two
    category names joined found both; the reader's paper names its section so). Not a name
    ("Marks and Spencer", "Bosnia and Herzegovina"), nor "oil and gas", found as words."""
    said = label.split()
    # (Dutch "en" too: its other sense, "in", joins a place, and places are no part here)
    joins = _joins_at(said, _JOINERS | _JOINS_KNOWN)
    if not joins:
        return ()
    parts: list[Topic] = []
    for piece in (" ".join(piece) for piece in _split_at(said, joins)):
        parsed = parse_topic(piece, language)
        if parsed is None or parsed[0].parts or country_aliases(piece) or not (
                parsed[0].categories or parsed[0].branch or parsed[0].aliases):
            return ()
        parts.append(parsed[0])
    if not any(part.categories or part.branch for part in parts):
        return ()
    return tuple(parts)


def links_in(text: str) -> list[str]:
    """The items of a topic list that are web links ("https://…", "www.…", "site.com/path"),
    as typed. Asked of topics a reader adds (`subscriptions.refuse_links`), not of a list
    stored before, which must still be read."""
    return [item for raw in _items(text)
            if _LINK.search(item := raw.strip().lstrip("-").strip().strip(_QUOTES))]


def too_common(label: str, language: str | None) -> bool:
    """Whether a topic is only words every story has ("a", "the", "and, of"), which matched
    every story: a section "A", "Why: mentions a" (reader QA, stop 59). Asked of a topic a
    reader adds (`subscriptions.refuse_common`), not of one stored before. Not a name they spell
    ("May", "IT", "The Who", "US"): one word in capitals or of three letters with a capital, words
    with a capital after the first (a phone writes the first so), or a country's name."""
    said = label.split()
    named = (any(word[:1].isupper() for word in said[1:]) if len(said) > 1 else
             (label.isupper() and len(label) > 1) or (
                 len(label) >= _NAME_LETTERS and not label.islower()))
    # English and the reader's language: "war" is a German function word and an English
    # topic, "die" a German article and an English verb.
    common = stop_words("en") | stop_words(language or "en")
    return all(word.lower() in common for word in said) and not named and (
        not country_aliases(label))


_NAME_LETTERS = 3  # "May", "Will": a name; "A", "In": a word


def _spelled(text: str) -> list[str]:
    """Words as a quoted phrase's names in other languages are compared: as written, without
    accents (a country's names come without them)."""
    return plain_words(_unaccented(text))


@functools.cache
def _equivalent_names() -> dict[str, tuple[str, ...]]:
    """Each name of a common news topic (`topic_words.TOPICS`), as `joined` word forms -> the
    topic's names as written, in the bot's languages."""
    found: dict[str, tuple[str, ...]] = {}
    for line in topic_words.TOPICS:
        names = tuple(name.strip() for name in line.split(",") if name.strip())
        for name in names:
            found[joined(words(name, dictionary=False))] = names
    return found


@functools.cache
def _equivalents() -> dict[str, tuple[str, ...]]:
    """Each word of a common news topic (`topic_words.TOPICS`), as `joined` word forms ->
    every word for that topic in the bot's languages (one dict, built once), and the words
    that mean it in one language only (`topic_words.IN_LANGUAGE`), which are no key: another
    reader's "brand" is a brand (they are looked for in their language's stories: `_only_in`)."""
    only: dict[str, list[str]] = {}
    for (_, form), first in _in_language_words().items():
        only.setdefault(first, []).append(form)
    found: dict[str, tuple[str, ...]] = {}
    for line in topic_words.TOPICS:
        # (in their dictionary forms already: the lemma table is not read for them)
        equal = tuple(dict.fromkeys(joined(words(name, dictionary=False))
                                    for name in line.split(",") if name.strip()))
        told = equal + tuple(dict.fromkeys(form for form in only.get(equal[0], ())
                                           if form not in equal))
        for form in equal:
            found[form] = told
    for broad, narrower in topic_words.INCLUDES.items():
        named = [joined(words(name, dictionary=False)) for name in narrower.split(",")]
        taken_in = tuple(form for name in named for form in found.get(name, (name,)))
        for form in found[joined(words(broad, dictionary=False))]:
            found[form] = tuple(dict.fromkeys((*found[form], *taken_in)))
    return found


def meant_as(label: str) -> str:
    """The words a topic's meaning is read from: a word of a common news topic's line
    (`topic_words`) is read as the line's first word, so that every word of the line finds by
    meaning what the others find, as it does by its words (reader QA, stop 67 P8: "celebrity"
    found none of the stories "celebrities" found; the lists join singular and plural, and a
    reader's language to English). Any other topic is read as typed."""
    names = _equivalent_names().get(joined(words(label, dictionary=False)))
    return names[0] if names else label


@functools.cache
def _in_language_words() -> dict[tuple[str, str], str]:
    """(language, a word of `topic_words.IN_LANGUAGE` as `joined` word forms) -> its topic's
    line, by the line's first word's forms."""
    return {(language, joined(words(word, dictionary=False))): joined(words(first,
                                                                            dictionary=False))
            for language, lines in topic_words.IN_LANGUAGE.items()
            for first, listed in lines.items() for word in listed.split(",") if word.strip()}


def _plain(label: str) -> bool:
    """Whether symbols in a label only join words as word splitting would ("don't",
    "co-op" become the same words either way); "c++" and "AT&T" are not plain."""
    return all(char.isalnum() or char.isspace() or char in "-'’" for char in label) and (
        "-" not in label or all(part for part in label.split("-")))


# The commas keyboards type: Chinese and Japanese full-width and ideographic commas (U+FF0C,
# U+3001 and their small forms), Arabic's comma and semicolon (U+060C, U+061B). Reader QA, stop
# 76 T1: five Chinese topics so separated were one topic, their exclusion inside it.
_COMMAS = frozenset(",\uff0c\u3001\u060c\u061b\ufe50\ufe51")


def _items(text: str) -> list[str]:
    """A topic list's items: split at its commas, but not at one inside brackets, so that a
    pattern such as `[0-9]{2,}` is refused whole, quoted as the reader typed it (Telegram QA
    s56 #11: the answer quoted "(a|b)+.*[0-9]{2", cut at its comma)."""
    items = [""]
    depth = 0
    for char in text:
        if char in _COMMAS and depth == 0:
            items.append("")
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
        items[-1] += char
    return items


def parse_topics(text: str, language: str | None = None) -> TopicFilter:
    """'japan, "central bank", -sports' -> a TopicFilter; TopicError says what is wrong.
    `language`: the reader's (`parse_topic`)."""
    if len(text) > MAX_INPUT_LENGTH:
        raise TopicError(f"that is {len(text)} characters; a topic list has at most "
                         f"{MAX_INPUT_LENGTH}", key="err_list_too_long", length=len(text),
                         n=MAX_INPUT_LENGTH)
    include: list[Topic] = []
    exclude: list[Topic] = []
    for raw in _items(text):
        parsed = parse_topic(raw, language)
        if parsed is None:
            continue
        topic, negative = parsed
        target = exclude if negative else include
        if topic.key not in {t.key for t in target}:
            target.append(topic)
    if len(include) + len(exclude) > MAX_TOPICS:
        raise TopicError(f"at most {MAX_TOPICS} topics, please", key="err_too_many_topics",
                         n=MAX_TOPICS)
    return TopicFilter(include=tuple(include), exclude=tuple(exclude))


# Words that join two topics in a sentence ("football and politics", "Sport und Politik"):
# a reader who writes one inside a topic most likely meant two (exploratory QA: prose was
# taken as one topic, which matches almost nothing). Lower case only: "Type I diabetes" and
# "Vitamin E" are names (review).
# (and Swedish, Turkish, Greek and Russian readers' "and" and "or": Telegram QA, stop 54 F12;
# not Dutch "of", which is an English word too)
_JOINERS = frozenset(["and", "or", "und", "oder", "et", "ou", "y", "o", "e", "ed", "i",
                      "och", "eller", "ve", "veya", "και", "ή", "и", "или", "та", "і", "або"])
# Dutch "en" (and) is French and Spanish "in" ("élections en France", "economía en España"):
# it joins only two topics the bot knows, neither a place ("voetbal en politiek": Telegram
# QA, stop 54 F12).
_JOINS_KNOWN = frozenset(["en"])
# Words that leave out what follows them, in the bot's languages, and how many words of a
# topic may follow ("no Man's Sky" is only offered the hint).
_NEGATIONS = frozenset("""
no not without except kein keine keinen keiner ohne nicht außer ausser sans sauf aucun aucune
sin ni excepto salvo senza niente tranne sem exceto geen zonder behalve bez żadnych oprócz
не без кроме никаких крім жодних освен никакви όχι δεν χωρίς εκτός
""".casefold().split())
_EXCLUDED_WORDS = 3
# A topic of this many words, this many of them function words, reads as a sentence ("news
# about the climate please"); "New York Stock Exchange" does not.
_SENTENCE_WORDS = 4
_SENTENCE_FUNCTION_WORDS = 2
_FUNCTION_WORDS = frozenset().union(*(stop_words(code) for code in
                                      ("en", "de", "fr", "es", "it", "nl", "pt")), """
я мне меня мы нас бы о об обо про по в во на и или а но с со для от из к ко это все всё мені
ми б би у і й та або але з із зі від до це ці аз ме мен ние бих за във със това тези εγώ μου
με μας θα για σε στο στη στην στον στα στις στους και ή αλλά από τα τις τους το η ο οι την
τον των
""".casefold().split())  # (Russian, Ukrainian, Bulgarian, Greek: no stop-word lists)


# Words of a request for news said in prose ("Hi, I'd like news about the economy and the
# stock market please"), beside the function words: what is left of the request once they
# are trimmed from its parts is the topics it names (reader QA, stop 59 F8: the answer to
# the bot's first question kept nothing, or one topic that matched nothing).
_REQUEST_WORDS = frozenset("""
hi hello hey please pls thanks thank like love want wanna get send sending give show receive
read follow news updates update stories story articles article headlines info stuff topics
topic interested mostly mainly especially particularly latest briefing subjects things reading
hear hearing know learn informed keep posted tell let everything anything
hallo bitte danke möchte möchten hätte hätten gern gerne interessiere interessiert interessieren
schick schicke schicken schickt schickst sende senden sendet nachrichten meldungen artikel infos
informationen themen neuigkeiten besonders vor allem lese lesen folgen bekommen erhalten alles
hola favor gracias quiero quisiera querría gustaría gusta gustan recibir leer seguir noticias
novedades artículos información temas interesa interesan sobre todo especialmente envía envíame
bonjour salut svp merci voudrais veux aimerais aime recevoir lire suivre actualités actus
nouvelles infos informations articles sujets intéresse envoie envoyez
ciao grazie vorrei voglio piacerebbe ricevere leggere seguire notizie novità articoli
informazioni argomenti manda mandami
olá oi obrigado obrigada quero queria gostaria receber ler notícias artigos informações envie
hoi graag alsjeblieft bedankt wil willen nieuws berichten artikelen onderwerpen stuur
cześć proszę dziękuję chcę chciałbym chciałabym wiadomości newsy artykuły tematy interesuje
привет здравствуйте пожалуйста спасибо хочу хотел хотела хотелось хотим получать читать
новости новостей статьи темы интересует интересуют присылай присылайте пришли пришлите следить
привіт будь ласка дякую хотів хотіла хотілося отримувати читати новини новин статті теми
цікавить цікавлять надсилай надсилайте стежити здравей здравейте моля благодаря искам искал
искала получавам чета статии интересува интересуват изпращай изпращайте следя γεια παρακαλώ
ευχαριστώ θέλω ήθελα λαμβάνω διαβάζω ειδήσεις νέα άρθρα θέματα ενδιαφέρει ενδιαφέρουν στείλε
στείλτε
""".casefold().split())  # (casefolded: a Greek word's final sigma compares as any other)
_PLAIN_REQUEST_WORDS = 3  # at least, in a request without two function words
_PROSE_TOPIC_WORDS = 3  # at most, each topic a request names ("stock market", "Premier League")
# Names spelled with "and" that a request keeps whole (countries are known by the place table).
JOINED_NAMES = frozenset([
    "marks and spencer", "procter and gamble", "johnson and johnson", "ernst and young",
    "barnes and noble", "rock and roll", "rhythm and blues", "law and order",
    "research and development", "mergers and acquisitions", "arts and crafts"])


def meant_by_prose(text: str) -> tuple[str, ...]:
    """The topics a request for news in prose names: "Hi, I'd like news about the economy and
    the stock market please" -> economy, stock market; "Ich möchte Nachrichten über Wirtschaft
    und Börse" -> Wirtschaft, Börse; "Everything about politics but no sport" -> politics,
    -sport. () for anything else: a list, a topic of several words ("oil and gas prices"), a
    question ("how do I change the time"), or prose whose parts are more than a few words
    once its request and function words are trimmed (what it names is not clear).

    A name keeps its words: an acronym ("AI", "EU"), or a capitalised word that does not
    start its clause ("news about the Who", "Die Linke") is no function word (reader QA,
    stop 60: "AI and machine learning" gave machine learning alone). Joined by "and", two
    topics are two ("Apple and Google"), but for a country's name or a name such as "Marks
    and Spencer" (`JOINED_NAMES`)."""
    plain = [_bare(word) for word in re.split(r"[\s,;]+", text)]
    plain = [word for word in plain if word]
    if not (reads_as_sentence(" ".join(plain)) or _asks_plainly(plain)) or not any(
            _request_word(word) for word in plain):
        return ()
    meant: list[str] = []
    for clause in re.split(r"[,;\n]+", text):
        words_of = [w for word in clause.split() if (w := _bare(word))]
        # What follows a negation is left out ("but no sport", "keine Nachrichten über
        # Fußball", "I don't want news about celebrities"): its topics get a minus.
        denied = next((k for k, word in enumerate(words_of) if _negation(word)), None)
        for sign, words_said in (("", words_of[:denied]),
                                 ("-", words_of[denied + 1:] if denied is not None else [])):
            for number, said in enumerate(_split_at(words_said, _joins_in(words_said))):
                piece = _trimmed(said, opens=number == 0 and not sign)
                if not piece:
                    continue
                if len(piece) > _PROSE_TOPIC_WORDS or any(
                        _request_word(word) and not word.isupper() for word in piece):
                    return ()
                meant.append(sign + _as_named(" ".join(piece)))
    return tuple(dict.fromkeys(meant))


def _bare(word: str) -> str:
    """A word of prose without the punctuation around it, but for dotted initials' last stop
    ("news about the U.S. Marshals": "U.S.", not "U.S": reader QA, stop 72 Q1)."""
    bare = word.strip(".!?¡¿:\"“”„«»()")
    return f"{bare}." if _INITIALS_SAID.fullmatch(bare) and word.rstrip(
        "!?:\"“”„«»()").endswith(f"{bare}.") else bare


_INITIALS_SAID = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _as_named(topic: str) -> str:
    """A category's name as the category list writes it, where a Russian, Ukrainian,
    Bulgarian or Greek request inflected it (news "about politics" puts the word for politics
    in another case, which no category list holds); any other topic as said."""
    if categories_named(topic) or not (_CYRILLIC.search(topic.lower())
                                       or _GREEK.search(topic.lower())):
        return topic
    return _inflected_names().get(" ".join(words(topic)), topic)


@functools.cache
def _inflected_names() -> dict[str, str]:
    """Category names in Cyrillic or Greek letters by their forms as `words` writes them
    (one stem names one category only)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for category in CATEGORIES:
        for name in category.names:
            if _CYRILLIC.search(name) or _GREEK.search(name):
                found.setdefault(" ".join(words(name)), set()).add((category.key, name))
    return {form: min(named)[1] for form, named in found.items()
            if len({key for key, _ in named}) == 1}


def _asks_plainly(plain: Sequence[str]) -> bool:
    """A short request of one topic: three words or more, opening with a request word and
    holding a function word ("news about football", or the same in Russian: QA stop 61 F2,
    kept whole as a topic that matched nothing); not a name such as "Fox News" or "BBC News
    Africa", which opens with its own word."""
    return len(plain) >= _PLAIN_REQUEST_WORDS and _request_word(plain[0]) and any(
        word.casefold() in _FUNCTION_WORDS for word in plain[1:])


def _negation(word: str) -> bool:
    """"no", "keine", "don't": what follows is left out."""
    folded = word.casefold().replace("’", "'")
    return folded in _NEGATIONS or folded.endswith("n't")


def _joins_in(words_said: list[str]) -> list[int]:
    """Where "and" joins two topics in a request: each join, but not inside one name
    (`joins_one_name`)."""
    return [k for k in _joins_at(words_said, _JOINERS)
            if not joins_one_name(words_said[:k], words_said[k], words_said[k + 1:])]


# The words of `_JOINERS` and `asked`'s joins that say "and" (not "or"): a name of
# `JOINED_NAMES` is one in any of them ("Marks et Spencer"), not "rock or roll".
_AND_WORDS = frozenset(["and", "und", "et", "y", "e", "ed", "i", "och", "ve", "και", "и", "та",
                        "і", "en"])
_NAME_AROUND_JOIN = 4  # words of a country's name on either side of its "and" (at most)


def joins_one_name(before: Sequence[str], joiner: str, after: Sequence[str]) -> bool:
    """Whether `joiner` between the words `before` and `after` is inside one name, not
    between two topics: a country's ("Bosnia and Herzegovina", "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines") or one of `JOINED_NAMES` in any language's "and"
    ("Marks and Spencer", "Marks et Spencer"). Two capitalised words are not enough: "no more
    Trump and Biden" asks less of two people (review, stop 74). The one rule for a request in
    prose (`meant_by_prose`) and a request for less (`asked`)."""
    if not before or not after:
        return False
    if joiner.casefold() in _AND_WORDS and (
            f"{before[-1]} and {after[0]}".casefold() in JOINED_NAMES):
        return True
    return any(country_aliases(" ".join([*before[-taken:], joiner, *after[:given]]))
               for taken in range(1, min(_NAME_AROUND_JOIN, len(before)) + 1)
               for given in range(1, min(_NAME_AROUND_JOIN, len(after)) + 1))


def _trimmed(piece: list[str], *, opens: bool) -> list[str]:
    """A part of a request without the request's and function words around its subject.
    `opens`: the part starts its clause, where a function word is capitalised too."""
    start, end = 0, len(piece)
    while start < end and _said_around(piece[start], first=opens and start == 0):
        start += 1
    while end > start and _said_around(piece[end - 1], first=False):
        end -= 1
    if 0 < start < end and piece[start - 1].casefold() in _ARTICLES and all(
            word.casefold() in _FUNCTION_WORDS and not word.isupper()
            for word in piece[start:end]):
        start -= 1  # a name made of function words keeps its article: "the Who" (QA, stop 60)
    return piece[start:end]


_ARTICLES = frozenset({"the", "der", "die", "das", "le", "la", "les", "el", "los", "las", "il",
                       "lo", "gli", "o", "a", "os", "as", "de", "het"})


def _said_around(word: str, *, first: bool) -> bool:
    """Whether a word at a part's edge is the request's, not its subject's: a request word
    ("news", "Nachrichten"), or a function word in lower case (capitalised only where its
    clause starts); never an acronym ("AI", "EU", "IT")."""
    if len(word) > 1 and word.isupper():
        return False
    if _request_word(word) or _contracted(word):
        return True
    # (English "I" is capitalised everywhere)
    return word.casefold() in _FUNCTION_WORDS and (word.islower() or first or word == "I")


def _request_word(word: str) -> bool:
    return word.casefold() in _REQUEST_WORDS


def _contracted(word: str) -> bool:
    """"I'd", "I'm", "we'd": a function word with its verb's ending."""
    head, apostrophe, _ = word.replace("’", "'").partition("'")
    return bool(apostrophe) and head.casefold() in _FUNCTION_WORDS


@dataclasses.dataclass(frozen=True, slots=True)
class ListHint:
    """A topic that reads like a sentence, and the list the reader probably meant (empty
    when there is no clear split)."""

    label: str
    meant: tuple[str, ...] = ()
    excludes: bool = False  # `meant` leaves a topic out ("kein Sport" -> -Sport)


def list_hint(topic: Topic) -> ListHint | None:
    """For a topic that reads like a sentence, how to write it as a list ("football and
    politics" -> football, politics); None for one that reads as a topic, or names two
    categories that are matched as such ("science and technology"). Only a hint: the topic
    is kept as written."""
    if topic.phrase or topic.literal or topic.categories or topic.parts:
        return None
    parts = topic.label.split()
    return _exclusion_hint(topic.label, parts) or _sentence_hint(topic.label, parts)


def reads_as_sentence(text: str) -> bool:
    """Whether a few words read as a sentence, not a topic: four or more, two of them
    function words ("how do I change the time"; not "oil and gas prices"), or a full stop
    closing one before a clause (`_closes_sentence`)."""
    parts = text.split()
    return len(parts) >= _SENTENCE_WORDS and (sum(
        part.lower() in _FUNCTION_WORDS for part in parts) >= _SENTENCE_FUNCTION_WORDS
        or _closes_sentence(parts))



def _closes_sentence(parts: Sequence[str]) -> bool:
    """Whether a stop after a word or a letter closes a sentence: a clause follows, a word
    with a capital, then one in lower case that is a function word but no "and" ("Vitamin C.
    Good for colds" was offered as a topic: stop 72's notes). An abbreviation's stop ("St.
    Louis in winter") or initials' before a name ("George W. Bush", "J.K. Rowling", "W. Bush
    administration") close none; "John F. Kennedy in Dallas" reads as prose too, which
    only hints (a topic of `/topics add` is kept as typed)."""
    for said, after, then in zip(parts, parts[1:], parts[2:], strict=False):
        stem = said.rstrip(".").lower()
        if (said.endswith(".") and "." not in said[:-1] and stem.isalpha()
                and stem not in NAME_ABBREVIATIONS and after[:1].isupper()
                and after[1:].islower() and then in _FUNCTION_WORDS and then not in _JOINERS):
            return True
    return False


def _sentence_hint(label: str, parts: list[str]) -> ListHint | None:
    joins = _joins_at(parts, _JOINERS)
    if not joins:
        joins = _joins_at(parts, _JOINS_KNOWN)
        # (nor a continent: "fútbol en Europa", review)
        if not all(_known_topic(piece) and not country_aliases(piece)
                   for piece in (" ".join(piece) for piece in _split_at(parts, joins))):
            joins = []
    if joins:
        pieces = [" ".join(piece) for piece in _split_at(parts, joins)]
        # "Bosnia and Herzegovina", "Marks and Spencer": a name; but German writes every
        # noun with a capital, and "Fußball und Politik" or "Politik und Gesellschaft" joins
        # topics, one the bot knows at least (reader QA and second review, stop 49: no hint,
        # and a topic that matched nothing). Only a hint: the topic is kept as written.
        if all(parts[k - 1][:1].isupper() and parts[k + 1][:1].isupper() for k in joins) \
                and not any(_known_topic(piece) for piece in pieces):
            return None
        if all(len(piece.split()) < _SENTENCE_WORDS - 1 for piece in pieces):
            return ListHint(label, tuple(pieces))
        return ListHint(label)  # "I want news about football and politics"
    return ListHint(label) if reads_as_sentence(label) else None


def category_within(label: str) -> str | None:
    """The category a branch topic lies within ("football", "futebol": sport), else None."""
    parsed = parse_topic(label)
    branch = parsed[0].branch if parsed is not None else None
    return _BRANCH_WITHIN[branch] if branch is not None else None


def named_within(label: str) -> str | None:
    """The category a branch's listed name of two words or more lies within ("Premier
    League", "Real Madrid", "boy band"), else None: every story such a topic finds is of it
    (reader QA, stop 66 N4: '"Premier League", -sport' was taken, and each day's briefing
    said "Premier League: 1 story, left out by -sport"). A club's one-word name is a city's
    too ("Liverpool, -sport" is a real wish)."""
    phrase = joined(words(label.strip("\"“”„«» ")))
    if phrase.count(" ") < 3:  # (one word: " word ")
        return None
    return next((_BRANCH_WITHIN[key] for key, (own, _) in _BRANCH_WORDS.items()
                 if phrase in own), None)


def _known_topic(text: str) -> bool:
    """A common category, a branch of one, or a topic of `topic_words`."""
    parsed = parse_topic(text)
    return parsed is not None and bool(parsed[0].categories or parsed[0].branch
                                       or parsed[0].aliases)


def _exclusion_hint(label: str, parts: list[str]) -> ListHint | None:
    """"kein Sport", "sin deportes", "Flüchtlinge ohne Promis": an exclusion said in words
    (reader QA: followed as a topic matching nothing, with no word of "-Sport")."""
    denied = next((k for k, part in enumerate(parts) if part.casefold() in _NEGATIONS), None)
    if denied is None or not 0 < len(parts) - denied - 1 <= _EXCLUDED_WORDS:
        return None
    # (without the request's words: "no sport please" hinted "-sport please", QA stop 60)
    kept = " ".join(_trimmed(parts[:denied], opens=True))
    excluded = " ".join(_trimmed(parts[denied + 1:], opens=False))
    if not excluded:
        return None
    return ListHint(label, (*([kept] if kept else []), f"-{excluded}"), excludes=True)


def _joins_at(parts: list[str], joiners: frozenset[str]) -> list[int]:
    """Where a joining word stands between two of a topic's words."""
    return [k for k, part in enumerate(parts) if part in joiners and 0 < k < len(parts) - 1]


def _split_at(parts: list[str], joins: list[int]) -> list[list[str]]:
    pieces: list[list[str]] = [[]]
    for k, part in enumerate(parts):
        if k in joins:
            pieces.append([])
        else:
            pieces[-1].append(part)
    return [piece for piece in pieces if piece]


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """A story a reader wants, under which of their topics, how strongly, and why."""

    topic: str | None
    story: Story
    strength: float
    why: str = ""
    also: tuple[str, ...] = ()  # the reader's other topics the story matches, listed order


@dataclasses.dataclass(frozen=True, slots=True)
class _Text:
    """A story's word forms, computed once per story for all of a reader's topics and kept
    (`TopicMatcher.words_of`). Only the stemmed forms: the words as written, which quoted
    phrases and names with symbols need, are read from the story when such a topic asks
    (keeping them too tripled the memory of a day's stories)."""

    title: str  # stemmed, `joined`
    text: str
    branches: frozenset[str] = frozenset()  # the branches whose words it uses
    lead: str = ""  # the articles' openings, stemmed, `joined`
    # Short words with a capital as written ("NATO", "Nato", "AI"): in the headlines, and
    # those the texts say in an opening or twice (acronym topics; a few dozen words).
    caps_title: frozenset[str] = frozenset()
    caps_said: frozenset[str] = frozenset()
    # The function words of its language when that is not English, which its words must not
    # match: German "war" is "was", "die" is "the" (reader QA: "Die Geburtenbilanz … war 2019
    # erneut positiv" reached a reader of "war" as "mentions war").
    function_words: frozenset[str] = frozenset()
    english: bool = False  # read as English (`_in_language_of`)
    compounding: bool = False  # in a language that writes compounds as one word
    language: str | None = None  # what it is read as (None: not surely any)


def _title_and_body(story: Story) -> tuple[list[str], list[str]]:
    """Every outlet's headline, and the texts. A title made from an item's own opening (an
    item without a headline) is its text, not a headline (QA: "Former Kutztown University
    football player…" made a courthouse killer "another outlet's headline mentions football"),
    nor is a caption that stood in for one (reader QA, stop 45: the one report of a story was
    "another report's headline has “Stormy Daniels”" by its "FILE - In this … file photo")."""
    return ([story.title, *(a.title for a in story.articles
                            if not _made_from(a) and is_headline(a.title))],
            [a.text for a in story.articles])


def _told(text: str) -> str:
    """A text without its lines that call on its readers: "Follow Ynetnews on Facebook and
    Twitter" made a report of Eichmann's pardon plea news of `Facebook` (reader QA, stop 54
    F9); and without its epithets (`_EPITHET`)."""
    lines = text.split("\n")
    kept = [line for line in lines if not CALL_TO_READERS.match(line.strip())]
    return _EPITHET.sub(" ", text if len(kept) == len(lines) else "\n".join(kept))


# An award named in an epithet ("the Oscar-winning star", "Golden Globe-nominated", "the
# Pulitzer Prize-winning author") describes someone, and is no news of the award: a court
# order Nicole Kidman won against photographers, and Brando turning down "his Oscar-winning
# role", reached a reader of "Oscars" (QA stop 65 M9). The awards by name, and only their
# words go (review: any capitalised run before "-winning" took "Tom Hanks" and the "Premier
# League" with it, and a long run of capitals took minutes); "Oscar winners" are the awards'
# news and stay.
_EPITHET = re.compile(
    r"\b(?:Oscar|Academy\s+Award|Emmy|Grammy|Golden\s+Globe|Bafta|BAFTA|Tony|Olivier|Pulitzer"
    r"|Nobel(?:\s+Peace)?|Booker|Palme\s+d['’]Or|Brit|Mercury|Eurovision)(?:\s+Prize|\s+Award)?"
    r"-(?:winning|nominated|winners?|nominees?)\b")


def _each_joined(parts: Iterable[str],
                 forms: Callable[[str], list[str]] = story_words) -> str:
    """Each headline's or text's word forms `joined`, kept apart by a mark that is no word:
    a phrase is said within one of them (review: "Paris Hilton" was found in the headline
    "Hilton opens its biggest hotel in Paris" as "…in Paris" + "Hilton opens…")."""
    return _APART.join(joined(forms(part)) for part in parts)


_APART = "|"


def _undated_openings(story: Story) -> str | None:
    """The story's openings (`_Text.lead`) without their datelines (`without_dateline`, and
    `_INNER_DATELINE`), or None when no text has one."""
    texts = [_told(text) for text in _title_and_body(story)[1]]
    undated = [_INNER_DATELINE.sub("", without_dateline(text)) for text in texts]
    if undated == texts:
        return None
    return _each_joined(_opening(text) for text in undated)


# A dateline after a teaser ("…rise over next 3 to 5 years. LOS ANGELES (Reuters) - Restaurant
# chain Applebee's…", as AG's items run), or with a US state's code ("LOS ANGELES, CA --
# Officials from ASCAP…", about Burning Man near Reno): where the report was filed, as one
# opening the text is (reader QA, stop 74 R3). A city in capitals, a state or country, an
# agency, a dash.
_INNER_DATELINE = re.compile(
    r"(?:(?m:^)|(?<=[.!?] ))[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
    r"(?:,[ ][A-Z][\w.]*(?:[ ][A-Z][\w.]*){0,2})?[ ]?(?:\([\w .&/-]{2,30}\)[ ]?)?(?:--?|—|–)[ ]")
# What names a place without telling its news: a newspaper's name ("…, the Los Angeles Times
# reports"), and a wire photo's caption, which ends on its place and date ("…checks blood
# samples in a lab in Poznan, Poland, March 20, 2020."): reader QA, stop 74 R3, a reader of
# "Los Angeles" got a Hunger Games director's negotiations, readers of "Polska" a Los Alamos
# study of the coronavirus.
_NEWSPAPER = re.compile(
    r"\b(?:[A-Z][a-z]+[ ]){1,3}(?:Times|Post|Tribune|Herald|Journal|Globe|Chronicle|Examiner"
    r"|Gazette|Inquirer|Dispatch|Daily[ ]News|Sun-Times|Star[ -]Tribune|Free[ ]Press"
    r"|Review-Journal)\b")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November"
           "|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
# (followed by its credit: a photographer and agency in brackets, "(Lukasz Cynalewski/Agencja
# Gazeta via REUTERS)", or an agency's name; a news sentence ends so too, "Polish voters cast
# ballots in Warsaw on Sunday, October 15, 2023.", and is news of its place: review, stop 74)
# (from a sentence's start only: tried from every word, as the same match is, a long line
# without a full stop was read to its end from each, for seconds: QA stop 75)
_CAPTION = re.compile(rf"(?:^|(?<=[.!?\n]))[^.!?\n]*,[ ](?:{_MONTHS})\.?[ ]\d{{1,2}},[ ]\d{{4}}\."
                      r"(?=[^\n]{0,80}?\([^()\n]*/|[^\n]{0,40}?\b(?:REUTERS|AP Photo|Photo"
                      r"|Getty|AFP|EPA)\b)")


# ...and a city given as the address of the venue where an event is held, after the venue's
# name ("…the annual event, which will take place at the Beverly Hilton hotel, Los Angeles."):
# where, for readers elsewhere, not news of the city (reader QA, stop 74 R3: an Oscar nominees'
# luncheon reached a reader of "Los Angeles"). Only in a sentence that says an event is held
# there: "a gunman opened fire at the Ritz hotel, Paris" is news of Paris, and so is "a
# shooting at a Los Angeles hotel", which names the city, not the venue's address.
_VENUE_ADDRESS = re.compile(
    r"(?<=\bat[ ]the[ ])((?:[A-Z][\w'’.&-]*[ ]){1,4}(?i:hotel|arena|theatre|theater|stadium"
    r"|cent(?:er|re)|hall|auditorium|ballroom|pavilion|coliseum|opera[ ]house|palace|club"
    r"|gardens|museum|cathedral|church|forum)),[ ][A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}"
    r"(?=[.,;]|$)")
_HELD = re.compile(r"(?i)\b(?:takes?[ ]place|took[ ]place|taking[ ]place|(?:be|is|are|was|were|"
                   r"being)[ ]held|hosts?|hosted|hosting|ceremony|gala|luncheon|lunch|dinner"
                   r"|banquet|premiere|concert|conference|summit|festival|awards?|event)\b")


def _without_venue_addresses(text: str) -> str:
    """A text without the cities its sentences give as an event's venue's address
    (`_VENUE_ADDRESS`), the venue kept."""
    if ", " not in text or " at the " not in text:
        return text
    return "".join(_VENUE_ADDRESS.sub(r"\1", sentence)
                   if _HELD.search(sentence) and not _HARM.search(sentence) else sentence
                   for sentence in re.split(r"(?<=[.!?])(?=\s)", text))


# What happened at an event that is news of its place ("Gunmen opened fire on a concert at the
# Crocus City Hall, Krasnogorsk, killing 140": review, stop 75).
_HARM = re.compile(r"(?i)\b(?:kill\w*|dead|died|deaths?|shoot\w*|shot|fired?|gunm[ae]n|bomb\w*"
                   r"|explo\w*|attack\w*|stabb\w*|injur\w*|wounded|evacuat\w*|collaps\w*"
                   r"|hostages?|terror\w*|riot\w*|clash\w*|stampede)\b")


# ...and a city given as where someone said something, after the saying ("«…führungslos»,
# sagte er in Berlin.", "the minister told reporters in Paris on Monday"): where a word was
# said, not news of the city (reader QA, stop 75 S6: a German reader of "Berlin" got an SPD
# chief's words on the CDU). Only a place right after the saying verb, its speaker, a time or
# its listeners, and ending the clause: "said the fire in Berlin killed two" tells Berlin's.
_SAID_IN = re.compile(
    r"(?i:\b(?:said|says|told[ ]reporters|told[ ]journalists|added|stated|declared|sagte|sagt"
    r"|erklärte|erklärt|betonte|sprach|meinte|warnte|versicherte|a[ ]déclaré|a[ ]dit"
    r"|a[ ]affirmé|a[ ]indiqué|dijo|declaró|afirmó|señaló|aseguró|ha[ ]detto|ha[ ]dichiarato"
    r"|ha[ ]affermato|disse|afirmou|declarou|zei|verklaarde|powiedziała?|stwierdziła?"
    r"|oświadczyła?|заявила?|заявили|сказала?|сообщила?|отметила?|подчеркнула?|δήλωσε|είπε"
    r"|ανέφερε|τόνισε)"
    r"(?:[ ](?:he|she|they|er|sie|il|elle|ils|él|ella|lui|lei|ele|ela|hij|zij|он|она|они"
    r"|yesterday|today|gestern|heute|hier|ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag"
    r"|wczoraj|dziś|вчера|сегодня|χθες|σήμερα|also|auch|to[ ]reporters|vor[ ]Journalisten"
    r"|(?:on|am|le|el|il|on|w|в)[ ]\w+)){0,3}"
    r"[ ](?:in|at|à|en|a|em|w|we|в|во|στο|στη|στην))"
    r"[ ](?P<place>[^\W\d_][\w'’-]*(?:[ ][^\W\d_][\w'’-]*){0,2}?)"
    # (not before "that" nor a comma: "Residents said in Mariupol that shelling continued"
    # tells Mariupol's news: review, stop 75)
    r"(?=[.;:!?»\"”)]|$|[ ](?i:on|am|after|during)\b)")


def _said_in(found: re.Match[str]) -> str:
    place = found.group("place")
    if not all(word[:1].isupper() for word in place.split()):
        return found.group()
    return found.group()[:found.start("place") - found.start()]


def _without_said_in(text: str) -> str:
    """A text without the cities it gives as where someone said something (`_SAID_IN`)."""
    return _SAID_IN.sub(_said_in, text)


def _unplaced(story: Story) -> tuple[str, str] | None:
    """The story's openings and texts (`_Text.lead`, `_Text.text`) without newspapers' names,
    photo captions, venues' addresses and where words were said (`_NEWSPAPER`, `_CAPTION`,
    `_VENUE_ADDRESS`, `_SAID_IN`), or None when it has none."""
    texts = [_told(text) for text in _title_and_body(story)[1]]
    kept = [_without_said_in(_without_venue_addresses(_CAPTION.sub("", _NEWSPAPER.sub(
        "", text)))) for text in texts]
    if kept == texts:
        return None
    return _each_joined(_opening(text) for text in kept), _each_joined(kept)


def _names_a_country(story: Story) -> bool:
    """Whether a story's headlines or openings, without their datelines, name a country or
    its people ("German Defence Minister…", "Britain's parliament", "Iran said…")."""
    titles, texts = _title_and_body(story)
    return bool(countries_named("\n".join(
        [*titles, *(_opening(without_dateline(_told(text))) for text in texts)])))


def _made_from(article: Article) -> bool:
    """Whether an article's title was made from its text: stored so (`Article.titled`), or
    found in its opening (an older row, or a feed's title that is its first line). Reader QA
    (stop 53 F8): a title made after two photo captions, past the opening looked at, was
    "another report's headline"."""
    if not article.titled:
        return True
    opening = " ".join(article.text[:_OPENING_CHARS].split())
    title = " ".join(article.title.rstrip("…").split())
    return len(title) >= _MADE_TITLE_CHARS and title in opening


def _opening(text: str) -> str:
    """An article's opening: its first `_LEAD_WORDS` words, but no further than its first
    `_LEAD_SENTENCES` sentences (of `_LEAD_SENTENCE_WORDS` words or more: a dateline is none).
    A short report of five sentences was all opening, and its last sentence's passing
    mention made it the topic's news (Russian QA, stop 55: "…в России за последние двадцать
    лет" made an exhibition Russia's, "…чемпионата мира" a match "мира")."""
    first = " ".join(text.split(maxsplit=_LEAD_WORDS)[:_LEAD_WORDS])
    kept: list[str] = []
    counted = 0
    for sentence in sentences(first):
        kept.append(sentence)
        # (words written apart and words as words: a dateline, RIA's "Moscow, 5 Dec — RIA
        # Novosti.", and a caption's "Photograph: Newtown-Connecticut-…-of-family." are no
        # sentences of news)
        counted += min(len(sentence.split()), len(plain_words(sentence))) >= _LEAD_SENTENCE_WORDS
        if counted == _LEAD_SENTENCES:
            break
    return " ".join(kept)


_LEAD_SENTENCES = 2
_LEAD_SENTENCE_WORDS = 6


def _capitals(text: str) -> list[str]:
    if "." in text:  # ("U.S." is "US": `_INITIALS`)
        text = _INITIALS.sub(_undotted, text)
    if "US" in text:
        text = _US_PRONOUN.sub("us", text)
    return [word for word in _SHORT_WORD.findall(_DATELINE_STATE.sub(r"\g<place>", text))
            if not word.islower()]


# A dateline's US state code ("DES MOINES, IA (AP) —", "Portland, OR —" opening a line) is the
# place's, not an acronym the reader follows (reader QA: a French reader's "IA" found an Iowa
# dateline). Only as a dateline: "Emploi, IA, climat : …" keeps its IA (review).
_DATELINE_STATE = re.compile(
    r"(?m)^(?P<place>\s*[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3},)[ ]"
    r"(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI"
    r"|S[CD]|T[NX]|UT|V[AT]|W[AIVY])"
    r"(?=(?:,[ ]*(?:[A-Z][a-z]{2,8}\.?[ ]+\d{1,2}|\d{1,2}[ ]+[A-Z][a-z]{2,8}\.?))?"  # a date
    r"[ ]*(?:\(|—|–|-|$))")


def _words_of(story: Story, matcher: TopicMatcher) -> _Text:
    """The story's word forms, made once per story version and kept in the matcher, in the
    language its profile read (one reading of the language for categories and words)."""
    # The profile is asked only when the words are not kept yet (review: asked every time,
    # a story never prepared had its profile made again at each topic, 4 ms instead of 48 µs).
    return matcher.words_of(story, lambda told: _story_text(told, matcher.profile(told).language))


def _story_text(story: Story, language: str | None) -> _Text:
    titles, texts = _title_and_body(story)
    # (made once per story version, kept in the matcher: the texts without the lines that
    # call on readers, `_told`)
    texts = [_told(text) for text in texts]
    titles = [_EPITHET.sub(" ", title) for title in titles]
    opening_of = [_opening(text) for text in texts]
    # Each article on its own: a dateline opens its own text (review: the second report's
    # "DES MOINES, IA —" was read as "IA" once the texts were joined). An acronym is said
    # often in one report, as a free topic's words are (`_often`).
    # (a report's length counted once, not for each of its capitalised words: a long text of
    # them took a minute)
    often = frozenset(word for text in texts for length in (len(text.split()),)
                      for word, count in collections.Counter(_capitals(text)).items()
                      if _often(count, length))
    seen = _Text(title=_each_joined(titles), text=_each_joined(texts),
                 lead=_each_joined(opening_of),
                 caps_title=frozenset(word for title in titles for word in _capitals(title)),
                 caps_said=often
                 | frozenset(word for opening in opening_of for word in _capitals(opening)))

    # Clearly more of the branch's own words than of its rivals' (review: "Handball-Bundesliga"
    # and an AFL medal, which Australians call football, were football).
    written = "\n".join((*titles, *texts))
    found = frozenset(key for key in _BRANCH_WORDS if _uses_branch(key, seen, written))
    return dataclasses.replace(seen, branches=found, function_words=_function_words(language),
                               english=language == "en", compounding=language in _COMPOUNDING,
                               language=language)


def _uses_branch(key: str, seen: _Text, written: str) -> bool:
    """Whether a story says clearly more of a branch's own words (and life events, where it
    has them: at least one of each) than of its rivals'."""
    own, rivals = _BRANCH_WORDS[key]
    said = _said(_as_written(own, written), seen)
    lives = _BRANCH_LIVES.get(key)
    lived = _said(_as_written(lives, written), seen) if lives and said else 0
    return bool(said) and (lived > 0 or not lives) and said + lived > 2 * _said(rivals, seen)


def _as_written(phrases: tuple[str, ...], written: str) -> tuple[str, ...]:
    """The phrases that count in a text: those of `_WRITTEN_AS` only when written so."""
    return tuple(phrase for phrase in phrases
                 if phrase not in _WRITTEN_AS or _WRITTEN_AS[phrase].search(written))


# Word forms of English function words, and of those of the other languages the bot speaks.
_ENGLISH_FUNCTION_WORDS = frozenset(words(" ".join(stop_words("en"))))
_FOREIGN_FUNCTION_WORDS = frozenset(
    form for code in ("de", "fr", "es", "it", "pt", "nl", "pl") for word in stop_words(code)
    for form in words(word)) - _ENGLISH_FUNCTION_WORDS


# Common topics' English words that are other words in another language: looked for only
# in stories read as English (review: Spanish "planes" are plans, and "El Gobierno presenta
# sus planes de vivienda" was plane news for a German reader of "Flugzeug").
_ENGLISH_ONLY = frozenset({" plane "})
# ...and words of common topics that are other things in other news: looked for only in
# stories read as their language ("Wahl" is Grant Wahl in English news: review; the words of
# `topic_words.IN_LANGUAGE`).


@functools.cache
def _only_in() -> dict[str, frozenset[str]]:
    """Word forms (`joined`) -> the languages of the only stories they are looked for in."""
    found: dict[str, set[str]] = {" wahl ": {"de"}}
    for language, form in _in_language_words():
        found.setdefault(form, set()).add(language)
    # A city's name in another language's news, in that language's stories: Italian "Roma"
    # (English news' Roma are a people), Polish "Wiedeń" (`city_names`); not one that is its
    # English name once stemmed (German "Athen" is "Athens"). One that most of them write,
    # and is the English name but for its vowels, is the city's in English news too: the name
    # it had there before, as "Kiev" was Kyiv's until 2019 (an English "Kiev" report was no
    # news for a reader of "Kyiv", "Київ" or "Kiew"), "Teheran" Tehran's.
    english = {joined(words(name, dictionary=False)) for name, _ in news_city_names().values()}
    english_of: dict[str, set[str]] = {}
    for city, names in news_city_names().values():
        for _, name in names:
            english_of.setdefault(normalize(name), set()).add(city)
    for name, languages in news_name_languages().items():
        if (form := joined(words(name, dictionary=False))) not in english:
            found.setdefault(form, set()).update(languages)
            if len(languages) >= _FORMER_ENGLISH and any(
                    transliteration.respelled(name, city) for city in english_of.get(name, ())):
                found[form].add("en")
    return {form: frozenset(languages) for form, languages in found.items()}


_FORMER_ENGLISH = 3  # languages of the news that write a city's name as English wrote it


@functools.cache
def _function_words(language: str | None) -> frozenset[str]:
    """A language's function words that are not English ones, as word forms (one set per
    language, shared by every story's `_Text`)."""
    if language is None or language == "en":
        return frozenset()
    return frozenset(form for word in stop_words(language) for form in words(word)
                     if form not in _ENGLISH_FUNCTION_WORDS)


@functools.cache
def _literal_pattern(literal: str) -> re.Pattern[str]:
    # Our own pattern from escaped text: "c++" must not be the word "c", nor part of "abc++".
    return re.compile(rf"(?<![\w+#&]){re.escape(literal)}(?![\w+#&])")


def _literal_in(literal: str, raw: str) -> bool:
    return _literal_pattern(literal).search(raw) is not None


# A word said back beside a reader's in capitals only when it is an acronym's length or less.
_SHOUTED = 5


def _as_said(written: str) -> str:
    """A story's word said back beside the reader's, as a name is written: a headline's or a
    dateline's capitals ("BERLIN (Reuters)") in a name's case (reader QA, stop 75 S13:
    "title mentions Берлин (BERLIN)"); an acronym's capitals ("NATO", "USA") kept."""
    letters = [char for char in written if char.isalpha()]
    if len(letters) >= _SHOUTED and all(char.isupper() for char in letters):
        return re.sub(r"(?<=['’])S\b", "s", written.title())  # (not "Macy'S")
    return written


def _headline_why(in_title: bool, what: str) -> str:
    """A story ranks by every outlet's headline, but "title" must mean the one the reader sees:
    a story told under several headlines may match by another outlet's."""
    return f"{_TITLE_WHY}{what}" if in_title else f"{OTHER_HEADLINE_WHY}{what}"


_TITLE_WHY = "title "
OTHER_HEADLINE_WHY = "another report's headline "  # of this outlet, or another


def _in_headline(topic: Topic, title: str, language: str | None = None) -> bool:
    """Whether a headline says the topic, as the topic's kind of match reads headlines; for a
    reader in `language`, in a compound too (`_in_compound`)."""
    if topic.literal is not None:
        return _literal_in(topic.literal, title.lower())
    if topic.phrase:
        forms, read = plain_words(topic.label), joined(plain_words(title))
        possessive = bool(forms) and f"{joined(forms)[:-1]}'s " in read
        return _contains(read, forms) or possessive or (
            bool(topic.names) and _names_in(topic, joined(_spelled(title))) > 0)
    # (its words in their senses, as the story's were read: "opened fire" is gunfire, and
    # a headline saying it is the one that matched, not "another report's": review)
    said = joined(story_words(title))
    if topic.acronym:
        return any(topic.spells(word) for word in _capitals(title)) or (
            dataclasses.replace(topic, forms=()).strength(said, "") == 2.0)
    return topic.strength(said, "") == 2.0 or _in_compound(topic.label, title, language)


# Languages that write a compound as one word: their headline's "Hundeschlittenteams" says
# "Hunde" to a reader (reader QA stop 49 F12: "another report's headline mentions Hunde" stood
# under that very headline), and their stories are matched so too (`_in_compounds`).
_COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb", "fi", "is"})
# Letters at least of a topic found inside a compound, and of the compound's rest: shorter
# ones are the start or end of other words ("Hunderte", "Beschwerde", "Marschflugkörper",
# "Europäische", "Bankrotte": review). A rest of five takes in "Coronavirus" for "Corona"
# (German QA, stop 57), and so "Kunststoff" for "Kunst" (stop 57: the same in matching, where
# a stemmed "Terrorgruppe", "terrorgrupp", has a rest of five too).
_COMPOUND_PART = 5
_COMPOUND_REST = 5


def _in_compound(label: str, title: str, language: str | None) -> bool:
    """Whether a headline shown to a reader of a compounding language opens or ends a compound
    with the topic's one word ("Hundeschlitten", "Schlittenhunde" for "Hunde"). The headline's
    own language, when a headline says enough to tell it, must be one too (English "Goldman"
    is no gold)."""
    part = label.casefold()
    if language not in _COMPOUNDING or len(part) < _COMPOUND_PART or not part.isalpha():
        return False
    if not any(len(word) >= len(part) + _COMPOUND_REST
               and (word.startswith(part) or word.endswith(part))
               for word in WORD.findall(title.casefold())):
        return False
    return detect_language(title) in (None, *_COMPOUNDING)


def _compound_part(topic: Topic) -> bool:
    """Whether a topic is one plain word long enough to be found inside a compound."""
    return (len(topic.forms) == 1 and not (topic.phrase or topic.literal or topic.acronym
                                           or topic.country)
            and len(topic.forms[0]) >= _COMPOUND_PART and topic.forms[0].isalpha())


@functools.lru_cache(maxsize=1_024)
def _compound_pattern(form: str) -> re.Pattern[str]:
    """A word form opening or ending a compound, among `joined` forms (a space each side)."""
    rest = _COMPOUND_REST
    return re.compile(rf"(?<= )(?:{form}\w{{{rest},}}|\w{{{rest},}}{form})(?= )")


def _in_compounds(form: str, seen: _Text) -> float:
    """`Topic.strength` of one word inside the compounds of a story in a compounding language
    (German QA, stop 57 F3: "Terror" missed "Terrorgruppe" said twice, "Vulkan" the Etna's
    "Vulkanausbruch", "Gericht" "Bundesgericht"): 2 when a headline has one, 1 when an
    opening does or one report twice. Stemmed, as the story's words are, the compound's rest
    `_COMPOUND_REST` letters at least ("Terrorgruppe" is "terrorgrupp"); so "Kunst" finds
    "Kunststoff" too, a compound no rule of letters tells from "Kunstraub"."""
    compound = _compound_pattern(form)

    def said(part: str) -> int:
        return len(compound.findall(part))

    if said(seen.title):
        return 2.0
    if said(seen.lead):
        return 1.0
    return 1.0 if any(_often(said(part), _length(part))
                      for part in seen.text.split(_APART)) else 0.0


def why_under(topic: Topic, why: str, shown: str, language: str | None = None) -> str:
    """`why` for a reader shown the headline `shown`, when it is not the story's own title
    (a reader in another language sees an outlet's headline in theirs, `summaries.title_for`):
    "another outlet's headline mentions X" stood under the very headline that mentions X
    (reader QA), and "title mentions X" under one that does not."""
    for kind in (_TITLE_WHY, OTHER_HEADLINE_WHY):
        if why.startswith(kind):
            # A person's headline may name them by surname alone ("Obama's jobs speech").
            surname = _surname_of(topic)
            said = _in_headline(topic, shown, language) or (
                surname is not None and _in_headline(surname, shown))
            return _headline_why(said, why.removeprefix(kind))
    return why


def _literal_relevance(topic: Topic, story: Story) -> tuple[float, str]:
    assert topic.literal is not None  # noqa: S101 - the caller's rule
    titles, texts = _title_and_body(story)
    if any(_literal_in(topic.literal, title.lower()) for title in titles):
        return 3.0, _headline_why(_in_headline(topic, story.title), f"mentions {topic.label}")
    literal = _literal_pattern(topic.literal)
    if _said_enough(texts, lambda text: len(literal.findall(text.lower()))):
        return 1.0, f"mentions {topic.label}"
    return 0.0, ""


def _often(said: int, length: int) -> bool:
    """Whether a report of `length` words that says a topic `said` times is about it: twice
    at least, and once per `_WORDS_PER_MENTION` words. Twice in a report of 900 words, a
    paragraph deep, is a passing mention (reader QA, stop 67 P2: a Greek riots report naming
    Merkel at words 284 and 313 reached her readers, an athletics meeting's two Russian
    rivals made it Russia's news, a rancher's dispute with "recent elections" said twice was
    election news). Chosen on the tuning half of `bench/topic_subjects.py`: of the matches
    by the text alone, the share a human summary names rose from 0.31 to 0.50, keeping 90 of
    its 101 (the rest: names in the last part of long reports, "Kendall" and "Kylie" in a
    television special's report of 1,223 words)."""
    return said >= _SAID_ENOUGH and said * _WORDS_PER_MENTION >= length


def _length(forms: str) -> int:
    """The words of `joined` forms."""
    return forms.count(" ") - 1


def _said_enough(texts: Sequence[str], said: Callable[[str], int]) -> bool:
    """Whether a quoted phrase or a name with symbols is what the texts are about, by the
    free topics' rule (`Topic.strength`): in an article's opening, or often in one report
    (`_often`; topic QA: '"climate change"' found nine stories by one passing mention: a
    malaria study, a cold snap, Bernie Sanders' campaign)."""
    return any(said(_opening(text)) or _often(said(text), len(text.split())) for text in texts)


def _names_in(topic: Topic, spelled: str) -> int:
    """How often a text (its `_spelled` words joined) says a quoted phrase's other names, a
    possessive too ("Putin's Games", as the phrase's own: review)."""
    return sum(spelled.count(name) + (name[:-1] + name in spelled)
               + spelled.count(f"{name[:-1]}'s ") for name in topic.names)


@dataclasses.dataclass(frozen=True, slots=True)
class _Reading:
    """A story's headlines, texts and openings as a quoted phrase reads them: `joined` words
    as written, or `_spelled`."""

    titles: str
    texts: tuple[str, ...]
    openings: tuple[str, ...]


def _reading(spell: Callable[[str], list[str]], titles: Sequence[str],
             texts: Sequence[str]) -> _Reading:
    return _Reading(titles=_each_joined(titles, spell),
                    texts=tuple(joined(spell(text)) for text in texts),
                    openings=tuple(joined(spell(_opening(text))) for text in texts))


class _Written:
    """A story's readings for quoted phrases, made once per story version and kept in the
    matcher, so a phrase costs each reader substring counts only (review: tokenised again per
    reader, a quoted name with other names cost three times a plain phrase's). One entry per
    story, the accent-free reading made when a phrase with other names first asks (review:
    two entries per story thrashed the matcher's cache in a cycle of 2,000 stories)."""

    __slots__ = ("_parts", "_spelled", "plain")

    def __init__(self, story: Story) -> None:
        self._parts = _title_and_body(story)
        self.plain = _reading(plain_words, *self._parts)
        self._spelled: _Reading | None = None

    @property
    def spelled(self) -> _Reading:
        if self._spelled is None:
            self._spelled = _reading(_spelled, *self._parts)
        return self._spelled


def _written(story: Story) -> _Written:
    return _Written(story)


def _phrase_relevance(topic: Topic, story: Story, matcher: TopicMatcher) -> tuple[float, str]:
    forms = plain_words(topic.label)
    written = matcher.words_of(story, _written, aspect="phrase")
    plain = written.plain
    spelled = written.spelled if topic.names else None
    needle = joined(forms)
    # ...and its possessive, one word as read: "Anthony Weiner's campaign" (reader QA, stop
    # 46: a quoted name missed the story that wrote it only so, then said "Nothing new on").
    owner = f"{needle[:-1]}'s "
    if forms and (needle in plain.titles or owner in plain.titles):
        return 3.0, _headline_why(_in_headline(topic, story.title), f'has "{topic.label}"')
    if spelled is not None and _names_in(topic, spelled.titles):
        return 3.0, _headline_why(_in_headline(topic, story.title),
                                  f"mentions {_found_as(topic, story, headlines=True)}")

    # The phrase's other names are counted where the phrase is not: "Putin" inside one
    # "Vladimir Putin" is no second mention (reader QA, stop 68 Q1).
    itself = joined(_spelled(topic.label))

    def said(found: str, other: str | None) -> int:
        # Side by side ("…climate change climate change…") two share a space: `count` sees one.
        return (found.count(needle) + (needle[:-1] + needle in found) + found.count(owner)
                + (_names_in(topic, other.replace(itself, " ").replace(
                    f"{itself[:-1]}'s ", " ")) if other is not None else 0))

    # The free topics' rule (`_said_enough`): in an opening, or often in one report.
    for number, (text, opening) in enumerate(zip(plain.texts, plain.openings, strict=True)):
        other = (spelled.texts[number], spelled.openings[number]) if spelled else (None, None)
        if forms and (said(opening, other[1]) or _often(said(text, other[0]), _length(text))):
            if said(opening, None) or _often(said(text, None), _length(text)):
                return 1.0, f'mentions "{topic.label}"'
            return 1.0, f"mentions {_found_as(topic, story, headlines=False)}"
    return 0.0, ""


_POSSESSIVE = re.compile(r"['’]s?$")


def _found_as(topic: Topic, story: Story, *, headlines: bool) -> str:
    """A quoted phrase found by one of its other names (`Topic.names`), for its why: the
    phrase, and that name as the story writes it: '"Vladimir Putin" (Putin)' under a headline
    saying "Putin" alone, '"changement climatique" (climate change)' under English news
    (reader QA, stop 67 P3: 'title has "Vladimir Putin"' stood where neither word was)."""
    titles, texts = _title_and_body(story)
    itself = _spelled(topic.label)
    for part in titles if headlines else texts:
        spans = list(_WRITTEN_WORD.finditer(part))
        spelled = [_POSSESSIVE.sub("", " ".join(_spelled(match.group()))) for match in spans]
        # (not inside the phrase itself: "Putin" in "Vladimir Putin" is the phrase's)
        inside = {k + n for k in range(len(spans)) if spelled[k:k + len(itself)] == itself
                  for n in range(len(itself))}
        for name in topic.names:
            wanted = name.split()
            for k in range(len(spans) - len(wanted) + 1):
                if spelled[k:k + len(wanted)] == wanted and k not in inside:
                    # (a word's apostrophe stays with it: "Putin's" is said "Putin")
                    written = part[spans[k].start():spans[k + len(wanted) - 1].end()]
                    written = _POSSESSIVE.sub("", written)
                    return f'"{topic.label}" ({written})'
    return f'"{topic.label}"'


def _category_relevance(categories: tuple[str, ...], story: Story, matcher: TopicMatcher,
                        *, excluding: bool, itself: bool = False) -> tuple[float, str]:
    profile = matcher.profile(story)
    # Named by the LLM with the story's summary, if it was asked, and plausible.
    told = profile.trusted(story.categories)
    own = told[0] if told else profile.category
    if excluding:  # only the story's own category, and its words must say so too
        if not any(profile.surely(key, told) for key in categories):
            return 0.0, ""
        return 2.0, f"{profile.category} story"
    fitting = [(lead, key) for key in categories
               if (lead := profile.fits(key, told, itself=itself)) is not None]
    if not fitting:
        return 0.0, ""
    lead, key = max(fitting)
    if lead >= 0:
        # The category's lead over the runner-up orders stories within the topic.
        return 2.0 + min(lead * 10, 0.9), f"{key} story"
    # A broad category taking in the story's own (world news: a foreign election) ranks
    # below the stories that are plainly of it; a story of no category is the broad one's.
    return 2.0, f"{own} story, {key} news too" if own else f"{key} story"


def _branch_relevance(topic: Topic, story: Story, matcher: TopicMatcher,
                      *, excluding: bool) -> tuple[float, str]:
    """A branch of a category ("football"): a story of the category that uses the branch's
    words (a match report names a league or a goalkeeper), or whose headline says the
    reader's word. Not a story of another category that mentions it in passing (a singer at
    the Super Bowl), nor one merely close in meaning to one word (QA: "football" was as
    close to a concert as to a match)."""
    assert topic.branch is not None  # noqa: S101 - the caller's rule
    seen = _words_of(story, matcher)
    if topic.branch in _BRANCH_FREE and not excluding:
        return _free_branch_relevance(topic, story, matcher, seen)
    within = (_BRANCH_WITHIN[topic.branch],)
    # Without a vector (BRIEFING_TOPIC_MEANING=false) a story in a language without word
    # lists has no category: the branch's words decide alone (review: "calcio" found nothing).
    unfiled = matcher.profile(story).vector is None
    if topic.branch in seen.branches and not (excluding and _in_passing(topic.branch, seen)):
        # The branch's words are what an exclusion asks the category's words to say: a story
        # in a language without word lists need not lead its category by a margin too (QA:
        # "-football" kept "L'Inter batte la Juventus 2-0").
        found, _ = _category_relevance(within, story, matcher, excluding=False)
        if found or unfiled:
            return (2.0 if excluding or not found else found), f"{topic.label} story"
    if excluding:
        return 0.0, ""
    said = topic.strength(seen.title, seen.text, seen.lead)
    if said == 2.0:
        return 3.0, _headline_why(_in_headline(topic, story.title), f"mentions {topic.label}")
    return (1.0, f"mentions {topic.label}") if said and unfiled else (0.0, "")


def _said(phrases: tuple[str, ...], seen: _Text) -> int:
    """How many of these phrases the story's headlines or texts say."""
    return sum(phrase in seen.title or phrase in seen.text for phrase in phrases)


def _in_passing(branch: str, seen: _Text) -> bool:
    """Whether a story says a free branch's words once only (`Branch.free`: music): an
    exclusion does not remove it (reader QA, stop 55 F12: "-music" removed an EastEnders
    remake story by its "music mogul", and a convention's "country music fans")."""
    return branch in _BRANCH_FREE and _said(_BRANCH_WORDS[branch][0], seen) < _TWICE


_TWICE = 2
# A free branch's story of a nearby category says this many of the branch's words and phrases
# (one "rock star" father in a Commons protest, or an "Opera house" hosting a football award,
# is no music news).
_CLEARLY = 3


def _free_branch_relevance(topic: Topic, story: Story, matcher: TopicMatcher,
                           seen: _Text) -> tuple[float, str]:
    """A branch readers follow as a free topic too (`Branch.free`: "music"): a headline
    saying the reader's word first; then a story of the branch's category that uses its
    words, or of a category close behind its best that says several of them (a pop singer's
    death told through his cancer); then the reader's word in an opening, or the meaning."""
    assert topic.branch is not None  # noqa: S101 - the caller's rule
    free = _free_relevance(topic, story, matcher, seen)
    if free[0] >= 3.0 or topic.branch not in seen.branches:  # said in a headline
        return free
    within = _BRANCH_WITHIN[topic.branch]
    profile = matcher.profile(story)
    found, _ = _category_relevance((within,), story, matcher, excluding=False)
    # (without a vector, words alone: several of them, as for a category close behind; one
    # "concert" of a politician's or an "Opera" browser is no music news: review, stop 53)
    if found or ((profile.vector is None or _nearly_of(within, profile))
                 and _said(_BRANCH_WORDS[topic.branch][0], seen) >= _CLEARLY):
        return (found or 2.0), f"{topic.label} story"
    return free


def _nearly_of(category: str, profile: StoryProfile) -> bool:
    """Whether a story scores within `BROAD_MARGIN` of its best category for `category`: a
    free branch's words decide then (a pop singer's death, told through his cancer, stood
    0.004 behind health as entertainment: reader QA, stop 53)."""
    return profile.vector is not None and (
        max(profile.scores) - profile.score(category) <= BROAD_MARGIN)


def _in_language_of(topic: Topic, seen: _Text) -> Topic:
    """The topic's words to look for in a story: not those that are function words of the
    story's own language (German "war" is "was": reader QA), whether the reader's word or
    another language's word for it ("war" for "Krieg"); another language's word for it
    that is a function word somewhere only in a story read as English (review: a short German
    headline, "Es war ein schwieriges Jahr", is read as no language at all); and a word that
    means the topic in one language only (`_only_in`, `Topic.home`) only in a story read as
    that language."""
    if seen.english:
        return (topic if topic.home in (None, "en") and _only_in().keys().isdisjoint(
            topic.aliases) else _without_function_words(topic, frozenset(), "en"))
    if not (topic.aliases or seen.function_words or topic.home):
        return topic
    return _without_function_words(topic, seen.function_words, seen.language)


@functools.lru_cache(maxsize=4096)
def _without_function_words(topic: Topic, function: frozenset[str],
                            language: str | None) -> Topic:
    """`_in_language_of` for a story read as `language` (None: not surely any), once per
    topic and language (review: worked out again for every topic and story, it cost 12 µs a
    pair); for one read as English, only the words of other languages' stories go."""
    only = _only_in()
    # (and a reader's word in another language's stories that write it too: a French
    # reader's "Kiev" in English news)
    home = topic.home in (None, language) or language in only.get(joined(topic.forms), ())
    if language == "en":
        return dataclasses.replace(topic, forms=topic.forms if home else (), aliases=tuple(
            alias for alias in topic.aliases if alias not in only or "en" in only[alias]))
    # A story read as another language, not one of unknown language (a headline alone:
    # review), leaves out the English-only words.
    foreign = bool(function)
    forms = () if not home or (function and all(form in function for form in topic.forms)) or (
        foreign and joined(topic.forms) in _ENGLISH_ONLY) else topic.forms
    aliases = tuple(alias for alias in topic.aliases
                    if not (foreign and alias in _ENGLISH_ONLY)
                    and (alias not in only or (foreign and language in only[alias]))
                    and not any(all(form in listed for form in alias.split())
                                for listed in (function, _FOREIGN_FUNCTION_WORDS)))
    if forms == topic.forms and aliases == topic.aliases:
        return topic
    return dataclasses.replace(topic, forms=forms, aliases=aliases)


def _by_words(topic: Topic, looked_for: Topic, seen: _Text) -> float:
    """`Topic.strength` of a free topic (`looked_for`: as `_in_language_of` reads it), an
    acronym's as written, one word's inside compounds too (`_in_compounds`)."""
    if topic.acronym:
        return looked_for.said_as_written(seen)
    found = looked_for.strength(seen.title, seen.text, seen.lead)
    if not found and seen.compounding and _compound_part(topic):
        found = _in_compounds(topic.forms[0], seen)
    return found


def _said_otherwise(topic: Topic, looked_for: Topic, story: Story, matcher: TopicMatcher,
                    seen: _Text, *, by_words: float, excluding: bool) -> bool:
    """Whether the words `_by_words` found (`by_words`) say something other than the topic:
    a one-word topic only inside a longer name, a word the stemmer makes the topic's, or the
    topic said in an opening only as its dateline."""
    if len(topic.forms) == 1 and not topic.acronym and not topic.country and (
            matcher.words_of(story, functools.partial(_only_inside_names, topic.forms[0],
                                                      topic.label.lower()),
                             aspect=f"inside names: {topic.forms[0]} {topic.label.lower()}")):
        return True  # "Big Apple Pizza" is no news of Apple
    if len(topic.forms) == 1 and not topic.country and _stemmed_y(
            topic.label, topic.forms[0]) and matcher.words_of(
                story, functools.partial(_spelled_otherwise, topic.forms[0], topic.label),
                aspect=f"spelled otherwise: {topic.label.lower()}"):
        return True  # "Deven Soni" is no news of Sony
    # Said only in a dateline ("LONDON (Reuters) - World marathon record holder…", "London -
    # The International Cricket Council…": reader QA, stop 67 P2): where the report was
    # filed, which places news of public life only, as a country's dateline does
    # (`_dated_in`), and excludes nothing. Nor news its headlines or opening give a country:
    # "Berlin - German Defence Minister…" is Germany's news told from its capital, not
    # Berlin's (reader QA, stop 71: a German reader of "Berlin" got the Bundeswehr's task
    # force), as "LONDON (Reuters) - Iran said…" is Iran's.
    if by_words == 1.0 and (topic.country or names_a_city(topic.label)) and (
            unplaced := matcher.words_of(story, _unplaced, aspect="unplaced")) is not None and (
            not _by_words(topic, looked_for, dataclasses.replace(
                seen, lead=unplaced[0], text=unplaced[1]))):
        return True  # a place named only in a newspaper's name or a photo's caption
    undated = None if by_words != 1.0 else matcher.words_of(story, _undated_openings,
                                                            aspect="undated openings")
    return undated is not None and not _by_words(
        topic, looked_for, dataclasses.replace(seen, lead=undated)) and (
            excluding or not _placed_news(matcher.profile(story)) or matcher.words_of(
                story, _names_a_country, aspect="names a country"))


def _free_relevance(topic: Topic, story: Story, matcher: TopicMatcher,
                    seen: _Text, *, excluding: bool = False) -> tuple[float, str]:
    looked_for = _in_language_of(topic, seen)
    written_so: tuple[str, bool] = ("", False)
    if looked_for.spellings:
        # (its other spellings only where the story writes them as a name: `_as_a_name`)
        said_so = [spelled for spelled in looked_for.spellings
                   if spelled in seen.title or spelled in seen.text]
        as_names = matcher.words_of(story, functools.partial(_as_a_name, tuple(said_so)),
                                    aspect=f"as a name: {' '.join(said_so)}") if said_so else {}
        looked_for = dataclasses.replace(looked_for, spellings=tuple(as_names))
        written_so = next(iter(as_names.values()), ("", False))
    by_words = _by_words(topic, looked_for, seen)
    if by_words and _said_otherwise(topic, looked_for, story, matcher, seen,
                                    by_words=by_words, excluding=excluding):
        by_words = 0.0
    if by_words and topic.country and not topic.acronym:  # "USA" keeps its capitals' rule
        by_words = _capitalized(looked_for, story, matcher, seen)
    # (a name typed in another script than the story's: "Меркель", "Merkel")
    by_words, written_so = (by_words, written_so) if by_words else _named_across(
        topic, story, matcher, written_so)
    # A dateline places news of public life, not a markets report or a match filed from a
    # city ("LONDON (Reuters) - Oil prices…", "HOUSTON - Peyton Manning threw…": review,
    # stop 53), and it excludes nothing: "-Britain" leaves out what names Britain.
    dated = "" if (by_words or not topic.country or excluding or not _placed_news(
        matcher.profile(story))) else matcher.words_of(
        story, functools.partial(_dated_in, topic.label), aspect=f"dateline: {topic.key}")
    by_words = 1.0 if dated else by_words  # as its name in an opening
    said = topic
    if by_words < 2.0 and (surname := _surname(topic, seen)) is not None:
        # The surname in the headline is a headline match.
        by_surname = surname.strength(seen.title, seen.text, seen.lead)
        if by_surname > by_words:
            by_words, said = by_surname, surname
    named = f"{topic.label} ({_as_said(dated)})" if dated else topic.label
    if by_words and (topic.aliases or written_so[0]) and not dated and not (
            _contains(seen.title, topic.forms) or _contains(seen.text, topic.forms)):
        # Found by its name in another language: that word said beside the reader's ("cita
        # sparatoria" stood under a headline saying "Shooting": reader QA, stop 44); or by
        # its other spelling ("mentions Hongkong (Hong Kong)").
        written, in_headline = matcher.words_of(story, functools.partial(
            _alias_as_written, topic.aliases, topic.nationality),
            aspect=f"alias: {topic.key}") if topic.aliases else ("", False)
        written, in_headline = (written, in_headline) if written else written_so
        # (a headline's match names a headline's word, not the text's: "title mentions
        # sparatoria (shooting)" stood under "…opened fire at mall": review #28)
        if written and written.casefold() != topic.label.casefold() and (
                in_headline or by_words < 2.0):
            named = f"{topic.label} ({_as_said(written)})"
    if by_words == 2.0:
        # (a name in another script is said as the story's headline writes it)
        return 3.0, _headline_why(_in_headline(said, story.title) or bool(
            written_so[0] and written_so[0] in story.title), f"mentions {named}")
    meaning = matcher.topic_meaning(topic.label)
    similarity = None if meaning is None else matcher.profile(story).close_to(meaning)
    if similarity is not None and meaning is not None and (
            meaning.name or _typed_as_a_name(topic)) and not by_words and (
            not _named_otherwise(topic, story, seen)):
        similarity = None  # a name is found by its words (`categories.NAME_SHARE`)
    if similarity is not None and meaning is not None and topic.country and not by_words and (
            matcher.profile(story).shares_language(meaning)):
        # A country's name in the story's own language (not English) is found by its words:
        # a Greek reader's "Νίγηρας" was "close in meaning" to a Greek football derby
        # (Telegram QA, stop 56 #2), as any word of a language is close to its news.
        similarity = None
    if similarity is not None and not by_words and not _placed_by_meaning(topic, story, matcher):
        similarity = None
    if similarity is not None and (by_words or not topic.country
                                   or not matcher.profile(story).names_country):
        closeness = min(max(similarity - FREE_TOPIC_SIMILARITY, 0.0), 0.09) * 10
        # Ranked by its meaning, but said by its words when the text has them: "close in
        # meaning to North Korea" under a report naming North Korea three times read as a
        # guess (reader QA).
        why = (f"mentions {named}" if by_words
               else f"close in meaning to {topic.label} ({similarity:.2f})")
        return 2.0 + closeness, why
    return (1.0, f"mentions {named}") if by_words else (0.0, "")


def _named_across(topic: Topic, story: Story, matcher: TopicMatcher,
                  written_so: tuple[str, bool]) -> tuple[float, tuple[str, bool]]:
    """`_in_other_script` for a topic typed as a name that no table knows (not a country's
    or a common topic's), kept per story; (0, `written_so`) for any other."""
    if topic.aliases or topic.country or topic.acronym or not (
            transliteration.typed_as_name(topic.label)):
        return 0.0, written_so
    return matcher.words_of(story, functools.partial(_in_other_script, topic.label),
                            aspect=f"other script: {topic.label}")


def _in_other_script(label: str, story: Story) -> tuple[float, tuple[str, bool]]:
    """A name typed in one script that a story writes in another (`transliteration`:
    "Меркель" finds "Merkel", "Merkel" "Меркель"; reader QA, stop 75 S1): 2 in a headline,
    1 in an opening or twice in one text, as a topic's words (`Topic.strength`); and the name
    as the story writes it, and whether in a headline."""
    typed = label.split()
    titles, texts = _title_and_body(story)
    told = "\n".join((*titles, *texts))
    if not transliteration.may_name(typed, told):
        return 0.0, ("", False)
    names = transliteration.told(titles, texts)
    for title in titles:
        if written := transliteration.mentions(typed, title, names):
            return 2.0, (written[0], True)
    for text in texts:
        opening = transliteration.mentions(typed, _opening(text), names)
        written = opening or transliteration.mentions(typed, text, names)
        if opening or len(written) >= _SAID_ENOUGH:
            return 1.0, (written[0], False)
    return 0.0, ("", False)


def _placed_by_meaning(topic: Topic, story: Story, matcher: TopicMatcher) -> bool:
    """Whether a story close in meaning to a topic that names a country (or a language) may be
    found so. A country's news names the country, its people or its places (stop 72's notes:
    an Ohio school's French classes were close in meaning to France). A topic naming a country
    among other words is not found in a story that names other countries or their places but
    not it: "O'Sullivan commits to Dublin race" (an Irish run, with Australians and a win in
    Boston) was close to "climbers in New Zealand" (0.81), while a teaser of a fall "on Mt
    Cook", naming none, is theirs. A language is found by its words, not by its country's
    news ("Französisch")."""
    if _ZUNGE_OF.get(topic.label[:1].upper() + topic.label[1:]):
        return False
    wanted = _countries_meant(topic.label)
    if not wanted:
        return True
    placed, peoples = matcher.words_of(story, _countries_told, aspect="countries told")
    if topic.country:
        return not wanted.isdisjoint(placed | peoples)
    return not placed or not wanted.isdisjoint(placed)


@functools.lru_cache(maxsize=1024)
def _countries_meant(label: str) -> frozenset[str]:
    """The countries a free topic names by their names (`places.country_key`): "France",
    "Frankreich", "climbers in New Zealand"; not a nationality ("German cars"), a continent,
    or initials of two letters ("US election")."""
    return frozenset(key for phrase in countries_named(label)
                     if not is_nationality(phrase) and names_a_country(phrase)
                     and (key := country_key(phrase)) is not None)


def _countries_told(story: Story) -> tuple[frozenset[str], frozenset[str]]:
    """The countries a story names anywhere (`places.country_key`s): by a name, its initials
    ("U.S.", "UK") or its places (`places.placed_in`); and those it names only by their
    people ("French officials"; not their language: `_OTHER_SENSES`)."""
    titles, texts = _title_and_body(story)
    told = _in_senses("\n".join([*titles, *texts]))
    if "." in told or "UK" in told or "US" in told:
        told = _DOTTED.sub(lambda found: _DOTTED_NAMES[found.group()], told)
    named: set[str] = set()
    peoples: set[str] = set()
    for phrase in countries_named(told):
        if (key := country_key(phrase)) is not None:
            (peoples if is_nationality(phrase) else named).add(key)
    placed = frozenset(named) | placed_in(told)
    return placed, frozenset(peoples) - placed


# The categories whose stories a dateline places (`_dated_in`).
_PLACED_NEWS = frozenset({"world", "politics", "crime", "health", "climate", "science"})


def _placed_news(profile: StoryProfile) -> bool:
    """Whether a dateline may place the story: news of public life (`_PLACED_NEWS`); with words
    alone, also a story its word lists leave in no category (second review: "Japan" lost the
    Tokyo execution report without a vector), not one they file as business or sport."""
    return profile.category in _PLACED_NEWS or (profile.vector is None
                                                and profile.category is None)


def _dated_in(label: str, story: Story) -> str:
    """The city of a dateline in the country `label` names, opening a report whose headlines
    and opening name no other country (`places.dateline`): "TOKYO - Mamoru Takuma, convicted
    for murdering eight children at an Osaka elementary school…" is news of Japan that never
    says so (reader QA, stop 52 F7). "" when there is none. A bureau's city before another
    country's news ("LONDON (Reuters) - Iran said…") is not its country's news."""
    country = set(country_aliases(label))
    titles, texts = _title_and_body(story)
    for text in texts:
        found = dateline(text)
        if found is None or country.isdisjoint(found.countries):
            continue
        named = countries_named("\n".join([*titles, _opening(text)]))
        if all(not country.isdisjoint(aliases) for aliases in named.values()):
            return found.city
    return ""


def _alias_as_written(aliases: Sequence[str], nationality: Sequence[str],
                      story: Story) -> tuple[str, bool]:
    """The first word of the story's headlines, then of its texts' openings, that is one of a
    topic's one-word names in other languages (or its nationality's), as written ("Shooting",
    "Greek"), the names before the nationality, and whether a headline says it; ("", False)
    when none is."""
    titles, texts = _title_and_body(story)
    parts = [*titles, *(text[:_ALIAS_CHARS] for text in texts)]
    groups = [{alias.strip() for alias in group if alias.strip() and " " not in alias.strip()}
              for group in (aliases, nationality)]
    # Each part for both groups before the next part: the headline's "Greek" before the
    # text's "Greece's" (reader QA, stop 52 F14: "title mentions Griechenland" stood under
    # "Greek Prime Minister Calls…", a headline without the reader's word or its name).
    for number, part in enumerate(parts):
        # A country's initials with stops, read as its name (`_DOTTED_NAMES`): "Pourquoi :
        # le titre mentionne États-Unis" stood under "…two renowned U.S. climbers…", with no
        # word of it said (reader QA, stop 66 N12).
        dotted = next((found.group() for found in _DOTTED.finditer(part)
                       if joined(words(_DOTTED_NAMES[found.group()])) in aliases), None)
        if dotted is not None:
            return dotted, number < len(titles)
        for wanted in groups:
            for match in _WRITTEN_WORD.finditer(part):
                if " ".join(words(match.group())) in wanted:
                    # (not the quote closing a title: "(Fire')": reader QA, stop 47)
                    # ...nor its possessive: "le titre mentionne Chine (China's)" (QA, stop 68)
                    return _POSSESSIVE.sub("", match.group().rstrip("'’-")), (
                        number < len(titles))
        # ...or a phrase read as one of them (`_OTHER_SENSES`): "title mentions shooting"
        # stood under "Ex-employee opens fire at office party", which says "opens fire",
        # read as gunfire (QA, stop 58 F6).
        if _SENSE_WORDS.search(part):
            for pattern, meant in _OTHER_SENSES:
                for found in pattern.finditer(part):
                    if not groups[0].isdisjoint(words(found.expand(meant))):
                        return found.group(), number < len(titles)
    return "", False


_ALIAS_CHARS = 2000  # of each text looked at for the word that named the topic


# A word as written: a name's words stand apart by one space only (no comma, quote, full stop
# or figure between them).
_WRITTEN_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A headline this share of whose words are capitalised is in title case, where every word
# looks like a name's.
_TITLE_CASE_SHARE = 0.6
_PREFIX = 3


def _as_a_name(spellings: tuple[str, ...], story: Story) -> dict[str, tuple[str, bool]]:
    """Which of a topic's other spellings (`Topic.spellings`) the story writes as a name, each
    of its words with a capital, one word or two side by side -> the first as written ("Hong
    Kong"), and whether a headline writes it so. Read from the story as written, only for
    spellings its word forms have."""
    titles, texts = _title_and_body(story)
    openings = {spelled.split()[0][:_PREFIX] for spelled in spellings}
    found: dict[str, tuple[str, bool]] = {}
    for number, part in enumerate((*titles, *texts)):
        spans = list(_WRITTEN_WORD.finditer(part))
        for k, match in enumerate(spans):
            token = _ELIDED.sub("", match.group())
            if not token[:1].isupper() or _unaccented(
                    token[:_PREFIX]).lower()[:_PREFIX] not in openings:
                continue
            one = words(token)
            candidates = [(joined(one), token)]
            if k + 1 < len(spans) and spans[k + 1].start() - match.end() == 1 and spans[
                    k + 1].group()[:1].isupper():
                candidates.append((joined([*one, *words(spans[k + 1].group())]),
                                   f"{token} {_POSSESSIVE.sub('', spans[k + 1].group())}"))
            for spelled, written in candidates:
                if spelled in spellings and spelled not in found:
                    found[spelled] = (_POSSESSIVE.sub("", written), number < len(titles))
        if len(found) == len(spellings):
            break
    return found


def _only_inside_names(form: str, label: str, story: Story) -> bool:
    """Whether the story says a one-word topic only inside a longer name, between two of its
    capitalised words (reader QA: a pizza shop's crash, "Big Apple Pizza", reached a reader of
    Apple). Read from the story as written, only for a one-word topic its words matched: a
    word last in a name ("President Obama", "the Big Apple") or first ("Apple Music") still
    counts, a headline in title case says nothing either way, and a word in lower case counts
    (the older rules for words in passing apply to it). A first name before a name's
    particles ("Oscar de la Renta") is inside a name, and so is the same word alone in that
    story ("Oscar was king of…": the person again, not the awards), unless it is the word the
    reader typed (`label`, lower-cased): "Lula da Silva" is news of `Lula` (review), though
    not a word of a category's news (`_NEWS_WORDS`): "Oscar de la Renta" is no news of `Oscar`,
    the award (reader QA, stop 74 R10: a Spanish reader got the designer's obituary). A given
    name that stems as a place's does is another name (`_GIVEN_NAME`: "Wale" for Wales)."""
    titles, texts = _title_and_body(story)
    found = False
    alone: set[str] = set()
    first_names: set[str] = set()
    headlines = [t for t in titles if not _title_case(t)]
    for number, part in enumerate([*headlines, *texts]):
        spans = list(_WRITTEN_WORD.finditer(part))
        for k, match in enumerate(spans):
            written = match.group()
            token = _ELIDED.sub("", written)  # "d'Apple" is Apple, written alone
            # Stemmed only when it could be the word (a stem starts as its word does, nearly
            # always): a long text is not stemmed whole for one topic.
            if not _unaccented(token[:_PREFIX]).lower().startswith(form[:_PREFIX]) or words(
                    token) != [form]:
                continue
            if not token[:1].isupper() or token != written:
                return False
            if _GIVEN_NAME.get(label) == token.lower() or (
                    _particled(spans, k) and (token.lower() != label or label in _NEWS_WORDS)):
                first_names.add(token)
            elif not (0 < k < len(spans) - 1 and _name_word(spans[k - 1], match, before=True)
                      and _name_word(spans[k + 1], match, before=False)):
                if number < len(headlines):
                    return False  # a headline saying it alone is never forgiven (review)
                alone.add(token)
            found = True
    if first_names and detect_language(f"{story.title}. {' '.join(texts)[:1000]}") != "en":
        # Particles are English news's reading of a foreign name; in German "der", "von"
        # follow any noun ("Die Polizei der Stadt"), in Spanish "de" ("los Oscar de
        # Hollywood"): there the word counts where it stands (review).
        return False
    if not found and form in _EXPANDED and any(_DOTTED.search(part)
                                               for part in (*titles, *texts)):
        return True  # said only as "U.S." or "UK": inside the country's name (review)
    return found and alone <= first_names


# The words of the categories' news (`category_data.KEYWORDS`: "oscar", "chelsea"): a thing
# of the news, which a name that opens with it is named after, not the reader's person.
_NEWS_WORDS = frozenset(word for listed in KEYWORDS.values() for word in listed.split())


# The word forms a country's initials are read as (`_DOTTED_NAMES`): a story saying "UK" says
# no "United" of its own, as one saying "United Kingdom" says it inside a name.
_EXPANDED = frozenset(form for name in _DOTTED_NAMES.values() for form in words(name))


def _stemmed_y(label: str, form: str) -> bool:
    """Whether a one-word topic's form ends as the stemmer writes a final "y" ("Sony" is
    "soni", "party" "parti"), so that other words share it: the name "Soni", the "Parti
    Québécois" (and, for a reader of "Soni", "Sony")."""
    return form.endswith("i") and " " not in label.strip()


def _own_spellings(label: str) -> tuple[str, ...]:
    """How a `_stemmed_y` topic's own words begin: "sony" ("Sony's"), "partie" ("parties",
    "partied") and "party" for `party` and `parties` both."""
    typed = label.strip().lower()
    if typed.endswith("ies"):
        return typed[:-3] + "y", typed[:-1]
    if typed.endswith("y"):
        return typed, typed[:-1] + "ie"
    return (typed,)


def _spelled_otherwise(form: str, label: str, story: Story) -> bool:
    """Whether a story writes a `_stemmed_y` topic's form only as other words: "Deven Soni"
    and "Yu and Soni" are no news of `Sony` (reader QA, stop 67 P4), while "Sony's",
    "parties" and "partied" are the topic's own spellings."""
    own = _own_spellings(label)
    titles, texts = _title_and_body(story)
    found = False
    for part in (*titles, *texts):
        for match in _WRITTEN_WORD.finditer(part):
            token = _ELIDED.sub("", match.group()).lower()
            if not token.startswith(own[0][:_PREFIX]) or words(token) != [form]:
                continue
            if token.startswith(own):
                return False
            found = True
    return found


# Places (as readers type them, lower-cased) whose stem is a given name's: "Wale" is a first
# name (a reporter's, a rapper's), not Wales (reader QA, stop 46: "Wale Aliyu reports." made a
# Brooklyn murder news of Wales). Listed, not a rule of a final "s": an Oscar is the Oscars',
# an Olympic final the Olympics', a Democrat the Democrats' (review).
_GIVEN_NAME = {"wales": "wale"}

# The particles of a person's name ("Oscar de la Renta", "Ludwig van Beethoven"): a word
# before them is a first name (reader QA, stop 43: the designer's death was an "Oscars" story).
_PARTICLES = frozenset(("de", "la", "le", "du", "da", "das", "dos", "del", "della", "di", "van",
                        "von", "der", "den", "ten", "ter", "bin", "ibn"))


def _particled(spans: Sequence[re.Match[str]], k: int) -> bool:
    """Whether the k-th word opens a name with particles: one or two of them, then a
    capitalised word, one space apart."""
    end = k + 1
    while end < len(spans) and end - k <= 2 and spans[end].group() in _PARTICLES and (
            spans[end].start() - spans[end - 1].end() == 1):
        end += 1
    return end > k + 1 and end < len(spans) and spans[end].group()[:1].isupper() and (
        spans[end].start() - spans[end - 1].end() == 1)


def _capitalized(country: Topic, story: Story, matcher: TopicMatcher, seen: _Text) -> float:
    """`strength` of a country's topic by its names the story writes with a capital, as
    texts in every language write a country's name: "cold turkey" and a roast turkey are no
    news of Turkey, for a reader of "Turkey" or of "Türkei" (topic QA). Its nationality
    counts as before; names of two words or more are not looked at."""
    # Only the names its words have: the others add nothing to `strength` either way.
    names = [name for name in (joined(country.forms), *country.aliases)
             if name in seen.title or name in seen.text]
    lower = {name for name in names if name.count(" ") == 2 and matcher.words_of(
        story, functools.partial(_only_in_lower_case, name.strip()),
        aspect=f"lower case: {name}")}
    if matcher.profile(story).language == "en":
        # ...nor a name with an "s" more, in English: "Hurricane Frances" is no news of France
        # (reader QA, stop 66 N8: "NASA's Shuttle Hangar Badly Damaged by Storm" reached a
        # reader of France, and of Frankreich). Not in German, whose genitive adds one.
        lower |= {name for name in names if name.count(" ") == 2 and matcher.words_of(
            story, functools.partial(_only_with_an_s, name.strip(), country.label),
            aspect=f"with an s: {name} {country.label}")}
    if lower:
        country = dataclasses.replace(
            country, forms=() if joined(country.forms) in lower else country.forms,
            aliases=tuple(alias for alias in country.aliases if alias not in lower))
    return country.strength(seen.title, seen.text, seen.lead)


def _only_with_an_s(form: str, label: str, story: Story) -> bool:
    """Whether the story writes a word of this form only as a country's name (`label`'s, in
    any language) with an "s" or "es" added ("Frances", "Jordans"): a person's, a storm's or
    a family's name. "France's" is the country's."""
    named = {name for name in country_aliases(label) if words(name) == [form]}
    titles, texts = _title_and_body(story)
    found = False
    for written in _written_as(form, (*titles, *texts), capitals=True):
        bare = _unaccented(_POSSESSIVE.sub("", written)).lower()
        if bare in named or not (bare[:-1] in named or bare[:-2] in named):
            return False
        found = True
    return found


_POSSESSIVE = re.compile(r"['’]s?$")


def _only_in_lower_case(form: str, story: Story) -> bool:
    """Whether the story writes a word of this form, and only in lower case (headlines in
    capitals or in title case say nothing either way: "How to Quit Smoking Cold Turkey").
    Read from the story as written, for a country's one-word name."""
    titles, texts = _title_and_body(story)
    found = False
    kept = (*(title for title in titles if not _title_case(title)), *texts)
    for written in _written_as(form, kept, capitals=False):
        if written[:1].isupper():
            return False
        found = True
    return found


def _written_as(form: str, parts: Iterable[str], *, capitals: bool) -> Iterator[str]:
    """The words of these parts whose form (`words`) is this one, as written; each part of a
    hyphenated word on its own ("Syria-Turkey", "cold-turkey"); parts written all in
    capitals only with `capitals`."""
    for part in parts:
        if part.isupper() and not capitals:
            continue
        for match in _WRITTEN_WORD.finditer(part):
            for piece in match.group().split("-"):
                written = _ELIDED.sub("", piece)
                if written and _unaccented(written[:_PREFIX]).lower().startswith(
                        form[:_PREFIX]) and words(written) == [form]:
                    yield written


def _name_word(other: re.Match[str], word: re.Match[str], *, before: bool) -> bool:
    """Whether `other`, just before or after `word` with one space between, is a name's
    word: capitalised, not a word every sentence may open with ("The Apple Watch"), and not a
    possessive ("Musk's Tesla")."""
    gap = word.start() - other.end() if before else other.start() - word.end()
    text = other.group()
    return (gap == 1 and text[:1].isupper() and not (before and text.endswith(("'s", "’s")))
            and text.lower() not in _OPENERS)


# Words that open sentences and headlines before a name without being part of it.
_OPENERS = stop_words("en")


def _title_case(title: str) -> bool:
    longer = [word for word in title.split() if len(word) > 3 and word[:1].isalpha()]
    return bool(longer) and sum(w[:1].isupper() for w in longer) >= _TITLE_CASE_SHARE * len(
        longer)


# A person's name as a reader types it: two or three capitalised words ("Barack Obama",
# "Angela Merkel"), the last one the surname.
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*")


def _surname_of(topic: Topic) -> Topic | None:
    """The surname alone as a topic, when the topic is a person's name as readers type it:
    two or three capitalised words, each a word of the topic, and no country's or city's name
    ("North Korea" is not "Korea", nor "South Africa" "Africa", nor "Los Angeles" "Angeles":
    reader QA, stop 74 R3)."""
    parts = topic.label.split()
    if topic.country or not 2 <= len(parts) <= 3 or len(topic.forms) != len(parts) or not all(
            _NAME_WORD.fullmatch(part) and part[0].isupper() and not part.isupper()
            for part in parts) or names_a_city(topic.label):
        return None
    return dataclasses.replace(topic, label=parts[-1], forms=topic.forms[-1:], aliases=(),
                               nationality=(), spellings=())


# A name this long may be spelled a letter apart in another language ("Netanjahu"); a shorter
# one is another name then ("Bush" and "Busch").
_RESPELLED = 6


# The lower-case words between a name's capitalised ones: "Oscar de la Renta", "Ludwig van
# Beethoven", "Ursula von der Leyen".
_NAME_PARTICLES = frozenset({
    "de", "la", "le", "les", "du", "des", "del", "della", "dei", "di", "da", "das", "do", "dos",
    "van", "von", "der", "den", "ten", "ter", "zu", "bin", "ibn", "al", "el", "y"})
# (not "of" nor "the": "Cost of Living", "Price of Oil" typed in capitals are topics found
# by meaning too: review, stop 75)


def _typed_as_a_name(topic: Topic) -> bool:
    """Whether a free topic is a name as the reader typed it, capitalised words around
    lower-case particles (`_NAME_PARTICLES`), not a category's nor a country's: how the news
    writes it cannot tell (`categories.NAME_SHARE` counts a name written with capitals only
    where every word has one). Reader QA, stop 75 S7: "Oscar de la Renta" was "close in
    meaning" to the Oscar nominees' luncheon."""
    parts = topic.label.split()
    return (len(parts) >= _NAME_WITH_PARTICLES and not topic.categories and not topic.country
            and any(part in _NAME_PARTICLES for part in parts[1:-1])
            and all(part in _NAME_PARTICLES or (part[:1].isupper() and not part.isupper())
                    for part in parts[1:-1])
            and all(part[:1].isupper() and not part.isupper() for part in (parts[0], parts[-1])))


_NAME_WITH_PARTICLES = 3


def _named_otherwise(topic: Topic, story: Story, seen: _Text) -> bool:
    """Whether a story close in meaning to a name that it does not write out may still be
    found by that meaning (asked only of such stories: few): a person's surname alone,
    written with a capital wherever the story says it ("Obama's jobs speech" for "Barack
    Obama"; not "oil in reserve" for "Federal Reserve": review); the name's initials ("EU"
    for "European Union"); a country, by its own rule. Other names (a company, a league)
    are found by their words: close in meaning to "Google" is its whole industry."""
    if topic.country:
        return True
    surname = _surname_of(topic)
    titles, texts = _title_and_body(story)
    if surname is not None and surname.strength(seen.title, seen.text) and _only_capitalised(
            surname.label, [*titles, *texts]):
        return True
    parts = topic.label.split()
    initials = "".join(part[0] for part in parts)
    if len(parts) >= 2 and initials.isupper() and any(
            re.search(rf"(?<![\w.-]){initials}(?![\w-])", part) for part in (*titles, *texts)):
        return True
    # ...or its name as another language spells it, a letter away: "Netanjahus Likud" in a
    # German report for "Netanyahu" (found by comparing the rule's matches before and after).
    # (A one-word name, or a person's surname; a word written as the name itself is said in
    # passing, found by `strength` or not at all.)
    name = topic.forms[0] if len(topic.forms) == 1 else surname.forms[0] if surname else ""
    return len(name) >= _RESPELLED and any(
        name not in (word, word[:-1]) and (
            one_edit(name, word) or (word.endswith("s") and one_edit(name, word[:-1])))
        for word in {*seen.title.split(), *seen.text.split()}
        if abs(len(word) - len(name)) <= 2 and word[:1] == name[:1])


def _only_capitalised(word: str, parts: Sequence[str]) -> bool:
    """Whether the texts write this word, and only with a capital."""
    found = [match.group() for part in parts
             for match in re.finditer(rf"\b{re.escape(word)}\b", part, re.IGNORECASE)]
    return bool(found) and all(written[0].isupper() for written in found)


def _surname(topic: Topic, seen: _Text) -> Topic | None:
    """A person's surname alone as a topic ("President Obama", "Obama's jobs speech"), when
    the topic is a person's name as readers type it (two or three capitalised words) and the
    story writes the whole name at least once (reader QA: a reader of "Barack Obama" missed his
    jobs speech, told as "President Obama"; review: "Donald Tusk" is no "Donald Trump",
    "Atletico Madrid" no "Real Madrid"). Read from the story's cached words, at no cost."""
    surname = _surname_of(topic)
    whole = joined(topic.forms)
    if surname is None or (whole not in seen.title and whole not in seen.text):
        return None
    return surname


def relevance(topic: Topic, story: Story, matcher: TopicMatcher,
              *, excluding: bool = False) -> tuple[float, str]:
    """How strongly a topic matches a story (0: not at all), and why, in a few words.

    A title mention ranks above a category or meaning match, which ranks above a mention in
    the text only; the fraction orders stories within a step. A category needs only the
    story's cached scores; the story's words are stemmed (once, kept in `matcher`) only for
    topics matched by their words: stemming a long article costs more than the rest.
    """
    if topic.parts:  # the best of its parts, and why that one
        return max((relevance(part, story, matcher, excluding=excluding)
                    for part in topic.parts), key=lambda found: found[0])
    if topic.branch is not None:
        return _branch_relevance(topic, story, matcher, excluding=excluding)
    if topic.literal is not None:
        return _literal_relevance(topic, story)
    if topic.phrase:
        return _phrase_relevance(topic, story, matcher)
    categories = topic.categories or matcher.categories_for(topic.label)
    if categories:
        return _named_relevance(topic, categories, story, matcher, excluding=excluding)
    return _free_relevance(topic, story, matcher, _words_of(story, matcher),
                           excluding=excluding)


def _named_relevance(topic: Topic, categories: tuple[str, ...], story: Story,
                     matcher: TopicMatcher, *, excluding: bool) -> tuple[float, str]:
    found = _category_relevance(categories, story, matcher, excluding=excluding,
                                itself=names_climate_itself(topic.label))
    if found[0] or excluding:
        return found
    # The title says it in the reader's words, two or more of them: matched, whatever the
    # category scores say (found by QA: "Climate change: UN summit ends with deal…" was world
    # news, and a reader of "climate change" never got it). One word is not enough: "World
    # Cup", "Sports Direct", "Science fiction", "International Space Station" (reviews)...
    # unless it is the headline's rubric ("Klimawandel: Alpengletscher schmelzen…", "Climat :
    # Paris adopte un plan…"), which names its subject (reader QA: German and French readers
    # of those words got neither; German stories' category scores are low).
    # One long word is a compound or a specific term ("wegen Klimawandel schneller"), unless
    # it is part of a name (review: "International Space Station", "Georgia Institute of
    # Technology") or opens the title ("Internacional vence o Grêmio", a club).
    if not _contains(joined(words(story.title)), topic.forms):
        return found
    rubric = story.title.partition(":")[0] if ":" in story.title[:40] else ""
    if len(topic.forms) >= 2 or (rubric and words(rubric) == list(topic.forms)) or (
            len(topic.label) >= _SPECIFIC_WORD and _said_alone(story.title, topic.forms[0])):
        return 3.0, f"title mentions {topic.label}"
    return found


_SPECIFIC_WORD = 9  # letters of a one-word topic that names what a title is about
# Words that join a name's parts ("Institute of Technology", "Banco do Brasil"); not German's
# articles, which stand before every noun ("wie der Klimawandel").
_NAME_LINK = frozenset({"of", "de", "du", "do", "da", "di", "for", "van", "and", "&"})


def _said_alone(title: str, form: str) -> bool:
    """Whether the title has this word form, not first and not beside another capitalised
    word (a name's part), as a word of the sentence."""
    tokens = title.split()
    for number, token in enumerate(tokens):
        if number == 0 or words(token) != [form]:
            continue
        named = [tokens[i] for i in (number - 1, number + 1) if 0 <= i < len(tokens)]
        if number >= 2 and tokens[number - 1].lower() in _NAME_LINK:
            named.append(tokens[number - 2])
        if number + 2 < len(tokens) and tokens[number + 1].lower() in _NAME_LINK:
            named.append(tokens[number + 2])
        if not any(other[:1].isupper() for other in named):
            return True
    return False


def select(stories: Iterable[Story], topics: TopicFilter,
           matcher: TopicMatcher | None = None) -> list[Match]:
    """The stories that match; each under its strongest topic (first listed on a tie), with
    the others it matches too (an update of it is news on those as well).

    `matcher` holds the stories' profiles and the topics' vectors (prepared beforehand);
    without one, categories rest on word lists and free topics on their words.
    """
    matcher = matcher or TopicMatcher()
    matches: list[Match] = []
    for story in stories:
        if not topics.include and not topics.exclude:
            matches.append(Match(topic=None, story=story, strength=0.0))
            continue
        if any(relevance(topic, story, matcher, excluding=True)[0]
               for topic in topics.exclude):
            continue
        if not topics.include:
            matches.append(Match(topic=None, story=story, strength=0.0))
            continue
        best: tuple[float, str, Topic] | None = None
        matched: list[str] = []
        for topic in topics.include:
            strength, why = relevance(topic, story, matcher)
            if strength:
                matched.append(topic.label)
                if best is None or strength > best[0]:
                    best = (strength, why, topic)
        if best is not None:
            matches.append(Match(topic=best[2].label, story=story, strength=best[0],
                                 why=best[1], also=tuple(label for label in matched
                                                         if label != best[2].label)))
    return matches

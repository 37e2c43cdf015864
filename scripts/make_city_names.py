"""Rebuild briefing_bot/data/city_names.tsv.gz: the names the news of the bot's languages writes
for the cities that name a time zone ("Wien", "Wiedeń", "Viena" for Vienna).

Run by hand when the data should be refreshed (not at install or run time):

    .venv/bin/python scripts/make_city_names.py

The places table (`make_places.py`) has every name GeoNames records for a city, in no
particular language: Vienna's are "Wien" and "Wiedeń", and also "bin", "vine", "wean" and
"dunaj" (the Danube, in Polish). Which of them a German or a Polish report writes, only a
source that says the language can tell. CLDR does, through Babel (a dependency of the bot),
for the city that names each time zone: the larger cities of the world, not all (Munich's zone
is Berlin's). Reader QA, stop 74 R1: a Polish reader's "Wiedeń" found "Vienna" but not a German
report's "Wien".

Lines, tab-separated, one per zone of the places table whose city has a name of its own in
one of the languages:
    zone  city (English, as the zone names it)  language=name|...
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from briefing_bot.places import normalize

PLACES = Path(__file__).resolve().parents[1] / "briefing_bot" / "data" / "places.tsv.gz"
OUT = PLACES.with_name("city_names.tsv.gz")
# The languages of the category names and of the places table's country names.
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "bg", "el", "tr")


def main() -> None:
    zones = sorted({line.split("\t")[2] for line in
                    gzip.decompress(PLACES.read_bytes()).decode().splitlines()
                    if line.startswith("C")})
    locales = [(language, Locale.parse(language).time_zones) for language in LANGUAGES]
    lines = []
    for zone in zones:
        english = zone.rsplit("/", 1)[-1].replace("_", " ")
        english = locales[0][1].get(zone, {}).get("city", english)
        # (without what CLDR adds in brackets: Polish "Meksyk (miasto)" is "Meksyk")
        named = [f"{language}={city}" for language, names in locales
                 if (city := _PARENTHESES.sub("", names.get(zone, {}).get("city", "")).strip())
                 and normalize(city) != normalize(english)]
        if named:
            lines.append("\t".join([zone, english, "|".join(named)]))
    # mtime 0: the same data gives the same bytes, so a rebuild shows no change in git.
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    print(f"{OUT}: {len(lines)} zones, {OUT.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()

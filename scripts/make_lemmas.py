"""Rebuild briefing_bot/data/lemmas.tsv.gz: Russian and Greek word forms a stem cannot join.

Run by hand when the data or the topic stem rule (`topics._script_stem`) changes (not at
install or run time):

    python -m venv /tmp/lemmas && /tmp/lemmas/bin/pip install simplemma==2.0.0
    mkdir /tmp/lemmas/only && ln -s /tmp/lemmas/lib/python3*/site-packages/simplemma \
        /tmp/lemmas/only
    PYTHONPATH=/tmp/lemmas/only .venv/bin/python scripts/make_lemmas.py

(only simplemma on the path: the table must be made with the project's own stemmer.)

Topics stem Cyrillic and Greek words as Russian and Greek, but keep a word whole when its
stem is under five letters (the stem is then no one word's alone: "Грузия", Georgia, and
"грузов", of cargo). Such a word's case forms ("Россия", "России", "Россию"; "Ρωσία",
"Ρωσίας") are then strangers to each other. This table gives each of those forms its word's
dictionary form, as topics write it (lower-case, accents off, stemmed if that stem is long
enough), from simplemma's lemma lists. Only the forms the stem rule keeps whole, of three
letters or more, are listed; not a form with two dictionary forms once lower-cased, one that
is a place's name ("газа" is Gaza's, not only gas's), nor one whose dictionary form begins
otherwise (a list's mistakes: "ложный" -> "палтус"). A form of a country's name is the
country's ("Индии": India's, not indium's). Where the lists map a word to a form they map on
again, the chain is followed to its end. The lists give one dictionary form per written form,
so a form of two words is one of them ("стали", of steel or became: "стать").

simplemma loads Russian as 1.4 million forms, about 150 MB; the 111,000 forms listed here are
420 KB on disk.

Licences: simplemma (MIT); its lemma lists derive from Michal Měchura's lemmatization lists
(Open Database License), Wiktionary through Kaikki (CC BY-SA), FreeLing, spaCy lookups data,
UniMorph and the Wikinflection corpus (CC BY 4.0); the table is shipped under the ODbL as they
ask, with this attribution (README, "Data").
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

from simplemma.strategies.dictionaries.dictionary_factory import (  # type: ignore[import-not-found]
    _load_dictionary_from_disk,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from briefing_bot.topics import _script_stem, normalized_word

OUT = Path(__file__).resolve().parents[1] / "briefing_bot" / "data" / "lemmas.tsv.gz"
PLACES = OUT.parent / "places.tsv.gz"
LANGUAGES = ("ru", "el")
MIN_LETTERS = 3
SHARED_OPENING = 3


def _places() -> tuple[set[str], set[str]]:
    """Places' names of one word as topics write them, and those of countries: a form that is
    a place's name ("Газа", Gaza) is no other word's case form ("газа", of gas: review), and a
    form of a country's name is the country's ("Индии" is India's, not indium's)."""
    names: set[str] = set()
    countries: set[str] = set()
    for line in gzip.decompress(PLACES.read_bytes()).decode().splitlines():
        kind, *fields = line.split("\t")
        if kind in ("C", "K"):
            found = {normalized_word(name) for name in fields[-1].split("|")} - {""}
            names |= found
            countries |= found if kind == "K" else set()
    return names, countries


def _resolved(lemmas: dict[str, str], word: str) -> str:
    """A dictionary form's own dictionary form, to the end of the chain ("банки" -> "банка"
    -> "банк": review)."""
    seen = {word}
    while (next_form := lemmas.get(word)) is not None and next_form not in seen:
        seen.add(next_form)
        word = next_form
    return word


def main() -> None:
    places, countries = _places()
    forms: dict[str, str] = {}
    for language in LANGUAGES:
        candidates: dict[str, set[str]] = defaultdict(set)
        for raw_form, raw_lemma in _load_dictionary_from_disk(language).items():
            form, lemma = normalized_word(raw_form.decode()), normalized_word(raw_lemma.decode())
            if form and lemma:
                candidates[form].add(lemma)
        single = {form: next(iter(lemmas)) for form, lemmas in candidates.items()
                  if len(lemmas) == 1}
        for form, lemmas in candidates.items():
            if len(form) < MIN_LETTERS or _script_stem(form) != form or form in places:
                continue
            named = lemmas & countries
            if len(named) == 1:
                lemma = next(iter(named))
            elif len(lemmas) == 1:
                lemma = _resolved(single, next(iter(lemmas)))
            else:
                continue  # two words' form once lower-cased ("индии": India's, indium's)
            # A dictionary form that shares no opening with the word is another word's
            # ("ложный", false, -> "палтус", halibut; "бывший", former, -> "быть": review).
            if lemma[:SHARED_OPENING] != form[:SHARED_OPENING]:
                continue
            if (value := _script_stem(lemma)) != form:
                forms[form] = value
    rows = sorted(f"{form}\t{value}" for form, value in forms.items())
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode(), mtime=0))
    print(f"{len(rows)} forms -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()

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
letters or more, are listed; a form with two dictionary forms ("стали": of steel, or
became) is left out.

simplemma loads Russian as 1.4 million forms, about 150 MB; the 118,000 forms listed here are
450 KB on disk and read only when a Cyrillic or Greek word is first matched.

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
LANGUAGES = ("ru", "el")
MIN_LETTERS = 3


def main() -> None:
    forms: dict[str, set[str]] = defaultdict(set)
    for language in LANGUAGES:
        for raw_form, raw_lemma in _load_dictionary_from_disk(language).items():
            form = normalized_word(raw_form.decode())
            if len(form) < MIN_LETTERS or _script_stem(form) != form:
                continue
            lemma = normalized_word(raw_lemma.decode())
            forms[form].add(_script_stem(lemma) if lemma else form)
    rows = sorted(f"{form}\t{next(iter(lemmas))}" for form, lemmas in forms.items()
                  if len(lemmas) == 1 and next(iter(lemmas)) != form)
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode(), mtime=0))
    print(f"{len(rows)} forms -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()

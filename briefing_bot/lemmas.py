"""The dictionary form of a Russian or Greek word its stem cannot join to its other forms:
"России" -> "россия", "нефти" -> "нефть", "Ρωσίας" -> "ρωσια" (`topics._stem_by_script`).

The table (`data/lemmas.tsv.gz`, built by `scripts/make_lemmas.py` from simplemma's lemma
lists) is read the first time a Cyrillic or Greek word of a story or a reader's topic is
looked up (`topics.words(..., dictionary=False)` for the bot's own lists, in dictionary forms
already), so a bot of English news never holds it (`bench/memory.py`). It is kept as one
sorted text and searched by bisection: about 4 MB, against about 20 MB as a dict of its
111,000 forms.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import re
from array import array
from importlib import resources

_SCRIPTS = re.compile(r"[а-яёα-ω]")


@functools.cache
def _table() -> tuple[str, array[int]]:
    """The table's text ("form\\tlemma\\n", sorted by form) and where each line starts."""
    data = resources.files("briefing_bot").joinpath("data/lemmas.tsv.gz").read_bytes()
    text = gzip.decompress(data).decode()
    starts = array("I", [0])
    starts.extend(found.end() for found in re.finditer("\n", text))
    starts.pop()  # (the last newline starts no line)
    return text, starts


@functools.lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """`word`'s dictionary form as topics write it, or `word` when the table has no other."""
    if not _SCRIPTS.match(word):
        return word
    text, starts = _table()
    line = bisect.bisect_left(starts, word, key=lambda start: text[start:text.index("\t", start)])
    if line < len(starts):
        start = starts[line]
        tab = text.index("\t", start)
        if text[start:tab] == word:
            return text[tab + 1:text.index("\n", tab)]
    return word

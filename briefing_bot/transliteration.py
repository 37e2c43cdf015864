"""A name typed in one script found where a story writes it in another.

Russian, Ukrainian, Bulgarian and Greek readers type people and companies as their languages
write them: "Меркель", "Μέρκελ", "Люфтганза", and English news writes "Merkel", "Lufthansa"
(reader QA, stop 75 S1: those found nothing, while "Merkel" found three stories). Places have
a table of their names (`places.py`); people and companies have none, so a name is compared
by its letters: each word transliterated to Latin (`anyascii`), then to a rough sound key
(`_key`: "Меркель" and "Merkel" are both "merkel"), and two keys are the same name when they
differ at most in a vowel ("Трамп", "tramp", and "Trump") or in a sound two scripts write
differently ("Люфтганза" and "Lufthansa": a German "h" and "s" as Russian writes them). A
short name (four letters or fewer) must be the same key, letter for letter ("Дуда" is "Duda",
not "Dude"). The same rule finds "Меркель" in a Russian report for a reader of "Merkel".

A reader's word is a name here only as a name is typed: each word with a capital. Whether the
words a story writes are names is the caller's to say (`topics.py`: capitalised, and never
written in lower case: a "Банк" typed is not the "Bank" of "World Bank", which the story also
writes "bank").

Pure functions; no table is read.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from anyascii import anyascii

# A word as a name is written: letters, with an apostrophe or hyphen inside ("O'Neill").
NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")

# Letter groups one script writes for a sound another writes otherwise, in the order they
# are replaced (longer first): Russian "дж" is English "j" ("Джонсон", "Johnson"), "kh" an
# "h" ("Хиллари"), "ph" an "f", "ck", "c", "q" a "k", "x" "ks", "w" a "v" ("Уотсон" is read
# as "Vatson" below), "y" a vowel "i"; Russian "ай" for an English long "i" ("Майкрософт",
# "Байден": `_AI`), "ю"/"я" after a consonant ("Люфтганза", "Уильямс") the vowel alone.
_GROUPS = (("dzh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ch", "C"), ("sh", "S"),
           ("zh", "Z"), ("x", "ks"), ("q", "k"), ("c", "k"), ("w", "v"), ("y", "i"))
_AI = re.compile(r"ai(?=[^aeiou]|$)")
_PALATAL = re.compile(r"(?<=[^aeiou])i(?=[aeou])")
_INITIAL_W = re.compile(r"^u(?=[aeio])")  # "Уильямс", "Уотсон": an English W
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiou")
# Sounds written otherwise in a name's other script, at half a letter's cost: a German "h"
# as Russian "g" ("Люфтганза"), a voiced "s" as "z", a silent English "h" ("Johnson").
_NEAR = frozenset({("h", "g"), ("g", "h"), ("s", "z"), ("z", "s")})
_CHEAP = 0.5
_SHORT = 4  # letters of a key that must match exactly
_LONG = 8  # ...from this many, two cheap differences are allowed, else one


@functools.lru_cache(maxsize=8192)
def _key(word: str) -> str:
    """A name's word as a rough sound key in Latin letters (lower case, no accents)."""
    latin = anyascii(_POSSESSIVE.sub("", word)).lower()
    latin = "".join(char for char in unicodedata.normalize("NFKD", latin) if char.isalpha())
    for group, sound in _GROUPS:
        latin = latin.replace(group, sound)
    latin = _INITIAL_W.sub("v", _PALATAL.sub("", _AI.sub("i", latin)))
    return _DOUBLE.sub(r"\1", latin)


def latin(word: str) -> str:
    """A word in Latin letters as a reader would read it ("Меркель": "Merkel")."""
    return anyascii(word).replace("'", "")


def _cost(one: str, other: str) -> float:
    """Edit cost between two keys: a vowel for a vowel, and an "h" or a near sound, cost
    half; anything else one."""
    previous = [index * 1.0 for index in range(len(other) + 1)]
    for i, a in enumerate(one, 1):
        current = [float(i)]
        for j, b in enumerate(other, 1):
            if a == b:
                change = 0.0
            elif (a in _VOWELS and b in _VOWELS) or (a, b) in _NEAR:
                change = _CHEAP
            else:
                change = 1.0
            current.append(min(previous[j - 1] + change,
                               previous[j] + (_CHEAP if a == "h" else 1.0),
                               current[j - 1] + (_CHEAP if b == "h" else 1.0)))
        previous = current
    return previous[-1]


@functools.lru_cache(maxsize=65536)
def same_word(typed: str, written: str) -> bool:
    """Whether two words of names are one name's in two scripts (see the module's doc)."""
    one, other = _key(typed), _key(written)
    if not one or not other or one[0] != other[0]:
        return False
    if one == other:
        return True
    shorter = min(len(one), len(other))
    if shorter <= _SHORT:
        return False
    return _cost(one, other) <= (2 * _CHEAP if shorter >= _LONG else _CHEAP)


def typed_as_name(label: str) -> bool:
    """Whether a topic is typed as a name: one to three words, each of letters with a
    capital ("Меркель", "Эстер Уильямс"; not "выборы")."""
    said = label.split()
    return 1 <= len(said) <= 3 and all(
        NAME_WORD.fullmatch(word) and word[:1].isupper() and not word.isupper()
        for word in said)


def _script(word: str) -> str:
    """"LATIN", "CYRILLIC" or "GREEK" for a word of those letters, else ""."""
    name = unicodedata.name(word[0], "").split()[0] if word else ""
    return name if name in _SCRIPTS else ""


_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})
# Case endings of a Cyrillic name ("Трампа", "Путину", "Меркелью"), longest first: a
# written word is also compared without one.
_CASE_ENDINGS = ("ого", "ому", "ым", "ом", "ем", "ой", "ей", "ью", "а", "у", "е", "ы", "и",
                 "ю", "я")


def _written_forms(word: str) -> tuple[str, ...]:
    if _script(word) != "CYRILLIC":
        return (word,)
    return (word, *(word[:-len(ending)] for ending in _CASE_ENDINGS
                    if word.lower().endswith(ending) and len(word) - len(ending) > _SHORT))


_LETTERS_OF = {"LATIN": re.compile(r"[A-Za-z\u00c0-\u024f]"),
               "CYRILLIC": re.compile(r"[\u0400-\u04ff]"),
               "GREEK": re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")}


def may_name(typed: Sequence[str], text: str) -> bool:
    """Whether a text has letters of another script than the typed name's at all (most
    stories a Latin name is compared with have none: no need to read their names)."""
    scripts = {_script(word) for word in typed}
    return any(pattern.search(text) for script, pattern in _LETTERS_OF.items()
               if script not in scripts)


def name_runs(text: str) -> list[list[str]]:
    """The runs of capitalised words a text writes side by side, one space apart."""
    runs: list[list[str]] = []
    end = -2
    for match in NAME_WORD.finditer(text):
        word = match.group()
        if not word[:1].isupper():
            end = -2
            continue
        if match.start() == end + 1 and text[end] == " " and runs:
            runs[-1].append(word)
        else:
            runs.append([word])
        end = match.end()
    return runs


def lower_case_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case: no name, wherever else it has a capital."""
    return frozenset(match.group() for match in NAME_WORD.finditer(text)
                     if match.group().islower())


def mentions(typed: Sequence[str], text: str, common: frozenset[str] = frozenset()) -> list[str]:
    """Each place where a text writes the typed name's words side by side, capitalised, in
    another script, as written there ("Merkel" for "Меркель"); none of them a word the
    story writes in lower case too (`common`: `lower_case_words`). A typed name of one word
    is found as any word of a name ("Merkel" in "Angela Merkel")."""
    scripts = {_script(word) for word in typed}
    if len(scripts) != 1 or "" in scripts:
        return []
    found: list[str] = []
    for run in name_runs(text):
        for at in range(len(run) - len(typed) + 1):
            seen = [_POSSESSIVE.sub("", word) for word in run[at:at + len(typed)]]
            if all(_script(written) not in scripts | {""} and written.lower() not in common
                   and any(same_word(said, form) for form in _written_forms(written))
                   for said, written in zip(typed, seen, strict=True)):
                found.append(" ".join(seen))
    return found

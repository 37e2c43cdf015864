"""A name typed in one script found where a story writes it in another.

Russian, Ukrainian, Bulgarian and Greek readers type people and companies as their languages
write them: "Меркель", "Μέρκελ", "Люфтганза", and English news writes "Merkel", "Lufthansa"
(reader QA, stop 75 S1: those found nothing, while "Merkel" found three stories). Places have
a table of their names (`places.py`); people and companies have none, so a name is compared
by its letters: each word transliterated to Latin (`anyascii`), then to a rough sound key
(`_key`: "Меркель" and "Merkel" are both "merkel"), and two keys are the same name when they
differ at most in a vowel the one script writes for the other's ("Трамп", "tramp", and
"Trump"; not any vowel: "Байден" is Biden, not Baden, `_SOUNDS_AS`) or in a sound two scripts
write differently ("Люфтганза" and "Lufthansa": a German "h" and "s" as Russian writes them).
A short name (four letters or fewer) must be the same key but for one such vowel ("Дуда" is
"Duda", not "Dude"; "Маск" is "Musk"). The same rule finds "Меркель" in a Russian report for
a reader of "Merkel".

A reader's word is a name here only as a name is typed: each word with a capital. A story's
word is one as the story writes it (`Told`): capitalised, never in lower case (a "Банк" typed
is not the "Bank" of "World Bank", which the story also writes "bank"), and, where a capital
is due anyway (a sentence's first word, a headline in title case), not a word whose forms
it writes in lower case ("Mask rules return to schools" over "masks help" names nobody),
unless it writes it as a name elsewhere ("Bush cuts…" over "George W. Bush told"), nor one
its text never writes with a capital ("Mask mandate lifted" over "face coverings").

Pure functions; no table is read.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from anyascii import anyascii

# A word as a name is written: letters, with an apostrophe or hyphen inside ("O'Neill").
NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")

# Letter groups one script writes for a sound another writes otherwise, in the order they
# are replaced (longer first): Russian "дж" is English "j" ("Джонсон", "Johnson"), "kh" an
# "h" ("Хиллари"), "ph" an "f", "ck", "c", "q" a "k", "x" "ks", "w" a "v" ("Уотсон" is read
# as "Vatson" below), "y" a vowel "i"; "ю"/"я" after a consonant ("Люфтганза", "Уильямс")
# the vowel alone.
_GROUPS = (("dzh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ch", "C"), ("sh", "S"),
           ("zh", "Z"), ("x", "ks"), ("q", "k"), ("c", "k"), ("w", "v"), ("y", "i"))
# Russian "ай" for an English long "i" ("Майкрософт", "Байден"), as English writes "ai", "ay"
# before a consonant ("Dubai", "Bayden"): a vowel of its own, "I", which an "i" may stand for
# and an "a" may not ("Байден" is Biden, not Baden).
_AI = re.compile(r"ai(?=[^aeiou]|$)")
# ...and "ей" (Greek "έι") for an English "a" that says its name ("Гейтс", "Γκέιτς", "Джеймс":
# Gates, James), as English writes "ei", "ey" ("Reynolds"): "E", a vowel of its own, which
# a Latin "a" is only before an unsaid "e" (`_SILENT_E`: "Джейн" is Jane, not Jan).
_EI = re.compile(r"ei(?=[^aeiou]|$)")
_PALATAL = re.compile(r"(?<=[^aeiouIUE])i(?=[aeou])")
# A Bulgarian "ъ" before a consonant is a vowel ("Тръмп", "Байдън": Trump, Biden), which
# `anyascii` drops as the Russian hard sign: "U", for any vowel.
_SCHWA = re.compile(r"[ъЪ](?=[бвгджзйклмнпрстфхцчшщ])", re.IGNORECASE)
_INITIAL_W = re.compile(r"^u(?=[aeio])")  # "Уильямс", "Уотсон": an English W
_DOUBLE = re.compile(r"(.)\1+")
_SILENT_H = re.compile(r"(?<=[aeiouIUE])h(?=[^aeiouIUE]|$)")
# An English "-es" that ends a name after one consonant is not said ("Jones", "Gates"), nor
# an "e" after an "a" or "i" and one consonant ("Jane", "Mike"), and the vowel before it
# says its name: an "a" as Russian "ей" writes it ("Гейтс"), an "i" as "ай" ("Майк"). Reader
# QA, stop 77: "Джонс" found no Jones, "Γκέιτς" no Gates. Not after an "o", "u" or "e" alone
# (review, stop 78: "Luke" found "Лук", onion; "Stone" "Стон", a moan; "Steele" "Стиль",
# style; "Bruce" "Брак", marriage).
_SILENT_E = re.compile(r"(?<=[^aeiouIUE])(?:([aeiouE])([^aeiouIUE])es|([aiE])([^aeiouIUE])e)$")
_SAYS_ITS_NAME = {"a": "E", "e": "i", "i": "I"}
_VOWELS = frozenset("aeiouIUE")
# The vowels of a name's Latin spelling that a vowel of its Cyrillic or Greek spelling (as
# `_key` reads it in Latin letters) may stand for, at half a letter's cost: an "a" for an
# English "u" ("Трамп", "Маск": Trump, Musk), an "e" for an "a" ("Джексон"), an "i" for an
# "e" ("Стивен", "Илон"), an "o" for an "a" or a "u", a "u" for an "o" ("Голливуд"), "ай"
# for an "i". Not any vowel for any other: "Меркель" is no "Markel", "Байден" no "Baden",
# "Дуда" no "Dude". An "e" is an "a" only where English says it so: not before an "r"
# ("Markel" would be "Маркел").
_SOUNDS_AS = {"a": frozenset("u"), "e": frozenset("a"), "i": frozenset("e"),
              "o": frozenset("au"), "u": frozenset("o"), "I": frozenset("i"),
              "U": frozenset("aeiou")}
# ...of which a short name's, or a name's first letter, may differ only in those that are
# the rule, not a choice ("Маск" is Musk, "Илон" Elon; but "Джон" is no "Jan", "Пол" no
# "Pal", "Руни" no "Ronny", on the tuning half's news).
_SURE = frozenset({("a", "u"), ("i", "e"), ("I", "i")})
# Sounds written otherwise in a name's other script, at half a letter's cost: a German "h"
# as Russian "g" ("Люфтганза"), a voiced "s" as "z", a silent English "h" ("Johnson").
_NEAR = frozenset({("h", "g"), ("g", "h"), ("s", "z"), ("z", "s")})
_CHEAP = 0.5
_SHORT = 4  # letters of a key that must match but for one vowel `_SOUNDS_AS` allows
_LONG = 8  # ...from this many, two cheap differences are allowed, else one


# Greek writes a foreign "b", "d", "g" and "j" with two letters ("Μπάιντεν", "Ντόναλντ",
# "Γκόρντον", "Τζόνσον": Biden, Donald, Gordon, Johnson; Gates, whose "έι" is an English
# "a", is still missed), which `anyascii` reads letter by
# letter ("mpainten"). At a word's start they are those sounds; inside it "μπ", "ντ", "γκ"
# are as often an "mp", "nt", "ng" ("Τραμπ" is Trump, "Κεντ" Kent, "Μπάιντεν" Biden), so a
# Greek word has a key for each reading (`_keys`).
_GREEK_INITIAL = re.compile(r"^(μπ|ντ|γκ)")
_GREEK_PAIRS = re.compile(r"μπ|ντ|γκ")
_GREEK_SOUNDS = {"μπ": ("mp", "b"), "ντ": ("nt", "d"), "γκ": ("ng", "g")}
_GREEK_READINGS = 8  # keys of one word at most (three of its pairs read both ways)


@functools.lru_cache(maxsize=8192)
def _keys(word: str) -> tuple[str, ...]:
    """`_key` of each reading of a word (`_GREEK_SOUNDS`; one for a word of another script)."""
    if _script(word) != "GREEK":
        return (_key(word),)
    lower = _GREEK_INITIAL.sub(lambda pair: _GREEK_SOUNDS[pair.group()][1],
                               word.lower().replace("τζ", "j"))
    readings = [""]
    at = 0
    for pair in _GREEK_PAIRS.finditer(lower):
        readings = [reading + lower[at:pair.start()] + sound for reading in readings
                    for sound in _GREEK_SOUNDS[pair.group()]][:_GREEK_READINGS]
        at = pair.end()
    return tuple(dict.fromkeys(_key(reading + lower[at:]) for reading in readings))


@functools.lru_cache(maxsize=8192)
def _key(word: str) -> str:
    """A name's word as a rough sound key in Latin letters (lower case, no accents)."""
    latin = "U".join(anyascii(part).lower()
                     for part in _SCHWA.split(_POSSESSIVE.sub("", word)))
    latin = "".join(char for char in unicodedata.normalize("NFKD", latin) if char.isalpha())
    for group, sound in _GROUPS:
        latin = latin.replace(group, sound)
    latin = _INITIAL_W.sub("v", _PALATAL.sub("", _EI.sub("E", _AI.sub("I", latin))))
    return _DOUBLE.sub(r"\1", latin)


def latin(word: str) -> str:
    """A word in Latin letters as a reader would read it ("Меркель": "Merkel")."""
    return anyascii(word).replace("'", "")


def _vowel_cost(spelled: str, latin: str, after: str) -> float:
    """The cost of a vowel of a Cyrillic or Greek name's key (`spelled`) for another of its
    Latin spelling's (`latin`, followed by `after`): `_SOUNDS_AS`."""
    if latin not in _SOUNDS_AS.get(spelled, ()) or (spelled, latin, after) == ("e", "a", "r"):
        return 1.0
    # ("ай" is how Russian writes an English "i" that says its name: "Байден" is "Biden" as
    # surely as "Biden" is)
    return 0.0 if (spelled, latin) == ("I", "i") else _CHEAP


def _cost(one: str, other: str) -> float:
    """Edit cost between the key of a Cyrillic or Greek name (`one`) and of a Latin one
    (`other`): a vowel that may write the other's (`_vowel_cost`), an "h" or a near sound,
    half; anything else one."""
    previous = [index * 1.0 for index in range(len(other) + 1)]
    for i, a in enumerate(one, 1):
        current = [float(i)]
        for j, b in enumerate(other, 1):
            if a == b:
                change = 0.0
            elif a in _VOWELS and b in _VOWELS:
                change = _vowel_cost(a, b, other[j:j + 1])
            elif (a, b) in _NEAR:
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
    if _script(typed) == "LATIN":
        typed, written = written, typed  # (`_cost` reads the Cyrillic or Greek one first)
    other = _key(written)
    # (an English "h" after a vowel is not said: "John" is "Джон", "Ahmed" "Ахмед"; nor an
    # "e" after a name's last consonant: "Jones" is "Джонс", `_SILENT_E`)
    said = (other, _SILENT_H.sub("", other))
    return any(_same_keys(one, latin) for one in _keys(typed)
               for latin in dict.fromkeys((*said, *(_unsaid_e(key) for key in said))))


def _unsaid_e(key: str) -> str:
    """A Latin name's key as said without an English silent "e" (`_SILENT_E`)."""
    def said(found: re.Match[str]) -> str:
        vowel = found.group(1) or found.group(3)
        return (_SAYS_ITS_NAME.get(vowel, vowel) + (found.group(2) or found.group(4))
                + found.group()[-1:].replace("e", ""))

    return _SILENT_E.sub(said, key)


def _same_keys(one: str, other: str) -> bool:
    """`same_word` of the keys of a Cyrillic or Greek name (`one`) and of a Latin one."""
    if not one or not other or (one[0] != other[0] and (one[0], other[0]) not in _SURE):
        return False
    if one == other:
        return True
    shorter = min(len(one), len(other))
    if shorter <= _SHORT:
        # (one vowel, and nothing else: "Маск" is Musk; "Тим" no Thiem, "Дуда" no Dude)
        differ = [(a, b) for a, b in zip(one, other, strict=False) if a != b]
        return len(one) == len(other) and len(differ) == 1 and differ[0] in _SURE
    return _cost(one, other) <= (2 * _CHEAP if shorter >= _LONG else _CHEAP)


def respelled(one: str, other: str) -> bool:
    """Whether two Latin spellings are one name's but for its vowels (as `_key` reads them):
    the same consonants, in order, and the same last letter ("Kiev", "Kiew" and "Kyiv";
    "Teheran" and "Tehran"; not "Roma" and "Rome", another language's form of it, nor
    "Wien" and "Vienna")."""
    if not all(_script(word) == "LATIN" for word in (one, other)):
        return False
    keys = [_key(word.replace(" ", "")) for word in (one, other)]
    skeletons = [re.sub(r"[aeiouIUE]", "", key) for key in keys]
    return all(keys) and skeletons[0] == skeletons[1] and keys[0][-1] == keys[1][-1]


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


# A capital a word is due whatever it is: a line's first word, a sentence's (after these,
# and any quotes or brackets that open it), and each word of a headline in title case.
_SENTENCE_ENDS = frozenset(".!?…:")
_OPENERS = frozenset(" \t\"'“”‘’«»„([¿¡")
_HEADLINE_WORDS = 3  # a line of this many words or more, none of four letters in lower case
_SMALL_WORD = 3  # ...(a title case's small words: "to", "of", "and")


def _due(line: str, start: int) -> bool:
    """Whether a capital is due to the word at `start` of a line by where it stands."""
    at = start - 1
    while at >= 0 and line[at] in _OPENERS:
        at -= 1
    if at >= 0 and line[at] == ".":
        # (not after an initial or a title: "George W. Bush", "Mr. Musk", "U.S. Navy")
        before = at
        while before > 0 and (line[before - 1].isalpha() or line[before - 1] == "."):
            before -= 1
        letters = [char for char in line[before:at] if char.isalpha()]
        if letters and letters[0].isupper() and len(letters) <= _SMALL_WORD:
            return False
    return at < 0 or line[at] in _SENTENCE_ENDS


def _title_cased(words: Sequence[str]) -> bool:
    """Whether a line is written in title case (or in capitals): "Mask Rules Return to
    Schools", each word's capital due to the headline, none to a name."""
    return len(words) >= _HEADLINE_WORDS and not any(
        len(word) > _SMALL_WORD and not word[:1].isupper() for word in words)


def name_runs(text: str) -> list[list[tuple[str, bool]]]:
    """The runs of capitalised words a text writes side by side, one space apart, each with
    whether its capital was due anyway (`_due`, `_title_cased`)."""
    runs: list[list[tuple[str, bool]]] = []
    for line in text.split("\n"):
        matches = list(NAME_WORD.finditer(line))
        headline = _title_cased([match.group() for match in matches])
        end = -2
        for match in matches:
            word = match.group()
            if not word[:1].isupper():
                end = -2
                continue
            due = headline or _due(line, match.start())
            if match.start() == end + 1 and line[end] == " " and runs:
                runs[-1].append((word, due))
            else:
                runs.append([(word, due)])
            end = match.end()
    return runs


@dataclass(frozen=True)
class Told:
    """What a story's own words say of which of them are names."""

    # Words it writes in lower case: no name, wherever else it has a capital ("Bank" of
    # "World Bank" where it writes "the bank" too).
    common: frozenset[str]
    # Words it writes with a capital no place in a sentence is due ("in Baden on Sunday"),
    # or first of a sentence's run of names ("Microsoft Corp said"): names, wherever else a
    # capital is due to them.
    named: frozenset[str]
    # Words a story with a text writes with a capital only where its headline's is due
    # ("Mask mandate lifted in Texas" over a report of "face coverings"): no names, though
    # the story writes none of their forms in lower case (reader QA, stop 76: "Маск" found
    # it). Its text would name a person it is news of ("Elon Musk said").
    headline_only: frozenset[str] = frozenset()


def told(titles: Sequence[str], texts: Sequence[str]) -> Told:
    """`Told` of a story's headlines and texts."""
    lines = "\n".join((*titles, *texts))
    named: set[str] = set()
    for run in name_runs(lines):
        for at, (word, due) in enumerate(run):
            if not due or (at + 1 < len(run) and not run[at + 1][1]):
                named.add(_POSSESSIVE.sub("", word))
    in_headlines = {_POSSESSIVE.sub("", word) for run in name_runs("\n".join(titles))
                    for word, _ in run}
    in_texts = {_POSSESSIVE.sub("", word) for run in name_runs("\n".join(texts))
                for word, _ in run}
    return Told(common=frozenset(match.group() for match in NAME_WORD.finditer(lines)
                                 if match.group().islower()),
                named=frozenset(named),
                headline_only=frozenset(
                    in_headlines - in_texts - named
                    if sum(len(text.split()) for text in texts) >= _TEXT_NAMES else ()))


# The words a story's text must have for a name only its headline has to be no name: a
# feed's short description may refer to the person its headline names another way ("Musk
# unveils Tesla robotaxi" over "The billionaire showed off…": review, stop 77).
_TEXT_NAMES = 40


def _inflected(word: str, story: Told) -> bool:
    """Whether a story writes another form of a word in lower case ("masks" of "Mask rules
    return to schools"), where the word is not written as a name elsewhere: a capital due to
    a sentence's start or a title-case headline is then the word's, not a name's. (A word
    that opens its sentences only is a name as written: on the tuning half's news, "Microsoft,
    Sony and Nintendo are expected…", "Eminem told the crowd…".)"""
    lower = word.lower()
    forms = {lower + "s", lower + "es", lower.removesuffix("s"), lower.removesuffix("es")}
    return not forms.isdisjoint(story.common)


def mentions(typed: Sequence[str], text: str, story: Told) -> list[str]:
    """Each place where a text writes the typed name's words side by side, capitalised, in
    another script, as written there ("Merkel" for "Меркель"); each of them a name by the
    story's own words (`Told`: not a word it writes in lower case too, nor, where its capital
    is due, one of its forms: `_inflected`). A typed name of one word is found as any word of
    a name ("Merkel" in "Angela Merkel")."""
    scripts = {_script(word) for word in typed}
    if len(scripts) != 1 or "" in scripts:
        return []
    found: list[str] = []
    for run in name_runs(text):
        for at in range(len(run) - len(typed) + 1):
            seen = [(_POSSESSIVE.sub("", word), due) for word, due in run[at:at + len(typed)]]
            if all(_script(written) not in scripts | {""} and written.lower() not in story.common
                   and written not in story.headline_only
                   and (not due or written in story.named or not _inflected(written, story))
                   and any(same_word(said, form) for form in _written_forms(written))
                   for said, (written, due) in zip(typed, seen, strict=True)):
                found.append(" ".join(written for written, _ in seen))
    return found

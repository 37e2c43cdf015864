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

Arabic, Hebrew, Korean and Hindi readers type names in scripts without capitals, and the first
two without most vowels ("ميركل", "מרקל", "메르켈", "मर्केल": reader QA, stop 76 T3, each found
nothing): such a name is compared by its consonants (`_same_skeleton`), all of a Latin name's
and at least four, each vowel an Arabic or Hebrew name writes matching the Latin name's there
("ميركل" is no Markel), and only with a story's names, as below. Chinese writes a name in
syllables by sound ("默克尔", Mo-ke-er, is Merkel) that no rule here reads back: left to meaning.

A reader's word is a name here only as a name is typed: each word with a capital (or of a
script without capitals). A story's word is one as the story writes it (`Told`): capitalised,
never in lower case (a "Банк" typed is not the "Bank" of "World Bank", which the story also
writes "bank"), and, where a capital
is due anyway (a sentence's first word, a headline in title case), not a word whose forms
it writes in lower case ("Mask rules return to schools" over "masks help" names nobody),
unless it writes it as a name elsewhere ("Bush cuts…" over "George W. Bush told").

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
_PALATAL = re.compile(r"(?<=[^aeiouIU])i(?=[aeou])")
# A Bulgarian "ъ" before a consonant is a vowel ("Тръмп", "Байдън": Trump, Biden), which
# `anyascii` drops as the Russian hard sign: "U", for any vowel.
_SCHWA = re.compile(r"[ъЪ](?=[бвгджзйклмнпрстфхцчшщ])", re.IGNORECASE)
_INITIAL_W = re.compile(r"^u(?=[aeio])")  # "Уильямс", "Уотсон": an English W
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiouIU")
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


@functools.lru_cache(maxsize=8192)
def _key(word: str) -> str:
    """A name's word as a rough sound key in Latin letters (lower case, no accents)."""
    latin = "U".join(anyascii(part).lower()
                     for part in _SCHWA.split(_POSSESSIVE.sub("", word)))
    latin = "".join(char for char in unicodedata.normalize("NFKD", latin) if char.isalpha())
    for group, sound in _GROUPS:
        latin = latin.replace(group, sound)
    latin = _INITIAL_W.sub("v", _PALATAL.sub("", _AI.sub("I", latin)))
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


# Scripts without capitals, whose names are compared by their consonants (`_skeleton_of`):
# an Arabic or Hebrew name writes few vowels or none ("ميركل", "מרקל": m-r-k-l), and a Korean
# one puts a vowel after each consonant English writes alone ("메르켈" is "mereukel"); Hindi
# writes a vowel English does not say ("मर्केल", "markel") as often as not.
_CASELESS = frozenset({"ARABIC", "HEBREW", "HANGUL", "DEVANAGARI"})
# Of those, a name is compared only when its consonants are this many or more: fewer are
# many names' and words' ("بوتين" p-t-n is Putin, Patton and Paton; "بايدن" Biden and Baden).
_SKELETON = 4
# The Latin consonants (as `_key` writes them) each Arabic and Hebrew letter may stand for:
# Arabic "ب" a "b" or a "p" (Arabic has no "p"), "ف" an "f" or a "v", Hebrew "ב" a "b" or a
# "v", "פ" a "p" or an "f"; Arabic waw and Hebrew vav a "w" (`_key` writes it "v") or a
# vowel (`_MATRES`).
# The letters of the alphabets, not of any name.
_ABJAD: dict[str, tuple[str, ...]] = {
    "ب": ("b", "p"), "ت": ("t",), "ث": ("s", "t"), "ج": ("j", "g"), "خ": ("k",), "د": ("d",),
    "ذ": ("z", "d"), "ر": ("r",), "ز": ("z", "s"), "س": ("s",), "ش": ("S",), "ص": ("s",),
    "ض": ("d",), "ط": ("t",), "ظ": ("z",), "غ": ("g",), "ف": ("f", "v"), "ق": ("k", "g"),
    "ك": ("k", "g"), "ل": ("l",), "م": ("m",), "ن": ("n",), "و": ("v",), "پ": ("p",),
    "گ": ("g",), "چ": ("C",), "ژ": ("Z",), "ڤ": ("v",),
    "ב": ("b", "v"), "ג": ("g",), "ד": ("d",), "ו": ("v",), "ז": ("z", "s"), "ח": ("k",),
    "ט": ("t",), "כ": ("k",), "ך": ("k",), "ל": ("l",), "מ": ("m",), "ם": ("m",),
    "נ": ("n",), "ן": ("n",), "ס": ("s",), "פ": ("p", "f"), "ף": ("f",), "צ": ("ts", "z"),
    "ץ": ("ts", "z"), "ק": ("k",), "ר": ("r",), "ש": ("S", "s"), "ת": ("t",)}
# The letters that write a vowel (matres lectionis), and the vowels of a Latin name each may
# stand for: where a name writes one between two consonants, the Latin name has one of those
# there, or none ("ميركل" is Merkel, not Markel; "ترامب" Trump, as Arabic writes its "u").
# The others (a first alif, hamza, ta marbuta, ha; Hebrew alef, he, ayin) write no vowel
# of their own.
_MATRES: dict[str, frozenset[str]] = {
    "ا": frozenset("auo"), "ي": frozenset("ieI"), "ى": frozenset("aie"), "ی": frozenset("ieI"),
    "و": frozenset("ou"), "י": frozenset("ieI"), "ו": frozenset("ou")}
# A Hebrew geresh after a letter makes it another: gimel a "j", tsadi a "ch", zayin a "zh".
_GERESH = {"ג": ("j",), "צ": ("C",), "ץ": ("C",), "ז": ("Z",)}
# Consonants Korean writes with one letter for two English ones ("ㄹ" is "l" and "r", "ㅍ"
# a "p" or an "f", "ㅂ" a "b" or a "v", "ㅈ" a "j", "z" or "s", "ㅅ" an "s" or an "sh"), as
# `anyascii` spells them; Hindi's are English's (its "ph" is an "f").
_KOREAN = {"l": ("l", "r"), "r": ("r", "l"), "p": ("p", "f"), "b": ("b", "v"),
           "j": ("j", "z", "s"), "s": ("s", "S"), "C": ("C", "S")}
_NO_CONSONANT = frozenset("aeiouyIU'h")
# A letter of a name as compared: the Latin consonants it may write, and the vowels it may
# write instead (none: a consonant only).
_Letter = tuple[tuple[str, ...], frozenset[str]]
_NO_VOWEL: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=8192)
def _letters_of(word: str) -> tuple[_Letter, ...]:
    """A caseless script's word as the letters `_same_skeleton` compares: in Arabic and
    Hebrew its consonants and matres (`_ABJAD`, `_MATRES`: a first waw or vav is a "w");
    in Korean and Hindi the consonants of `_key`."""
    script = _script(word)
    if script not in ("ARABIC", "HEBREW"):
        table = _KOREAN if script == "HANGUL" else {}
        return tuple((table.get(char, (char,)), _NO_VOWEL)
                     for char in _key(word) if char not in _NO_CONSONANT)
    letters: list[_Letter] = []
    for at, char in enumerate(word):
        if char in "׳'’" and at and word[at - 1] in _GERESH:
            letters[-1] = (_GERESH[word[at - 1]], _NO_VOWEL)
        elif char in _ABJAD or char in _MATRES:
            letters.append((_ABJAD.get(char, ()), _NO_VOWEL if at == 0
                            else _MATRES.get(char, _NO_VOWEL)))
    return tuple(letters)


def _same_skeleton(typed: str, written: str) -> bool:
    """Whether a name in a caseless script writes a Latin name's consonants (`_key`'s but
    "h"), all of them, in order, and at least `_SKELETON` of them, and each vowel it writes
    where the Latin name has one: "ميركل", "מרקל", "메르켈" and "मर्केल" are Merkel's m-r-k-l."""
    key = _key(written)
    consonants = "".join(char for char in key if char not in _NO_CONSONANT)
    letters = _letters_of(typed)
    if len(consonants) < _SKELETON or (_script(typed) == "ARABIC" and not any(
            vowel for _, vowel in letters)):
        # (Arabic writes a foreign name's vowels, "ميركل", "ترامب"; a word that writes none
        # is its own: "مركز", a centre, is no Marks)
        return False
    # The Latin name's vowels before each of its consonants, and after the last.
    vowels: list[set[str]] = [set()]
    for char in key:
        if char in _NO_CONSONANT:
            vowels[-1].add(char if char != "y" else "i")
        else:
            vowels.append(set())
    # (how many of the Latin consonants a typed name's letters have written, and the vowels
    # its matres wrote since the last of them)
    reach: set[tuple[int, frozenset[str]]] = {(0, _NO_VOWEL)}
    for sounds, vowel in letters:
        found: set[tuple[int, frozenset[str]]] = set()
        for at, said in reach:
            if vowel:
                found.add((at, said | vowel))
            for sound in sounds:
                if consonants.startswith(sound, at) and (
                        not said or not vowels[at] or not said.isdisjoint(vowels[at])):
                    found.add((at + len(sound), _NO_VOWEL))
        reach = found
        if not reach:
            return False
    end = len(consonants)
    return any(at == end and (not said or not vowels[end] or not said.isdisjoint(vowels[end]))
               for at, said in reach)


@functools.lru_cache(maxsize=65536)
def same_word(typed: str, written: str) -> bool:
    """Whether two words of names are one name's in two scripts (see the module's doc)."""
    if _script(typed) in _CASELESS or _script(written) in _CASELESS:
        if _script(typed) != "LATIN":
            typed, written = written, typed
        return _script(typed) == "LATIN" and _same_skeleton(written, typed)
    if _script(typed) == "LATIN":
        typed, written = written, typed  # (`_cost` reads the Cyrillic or Greek one first)
    one, other = _key(typed), _key(written)
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
    skeletons = [re.sub(r"[aeiouIU]", "", key) for key in keys]
    return all(keys) and skeletons[0] == skeletons[1] and keys[0][-1] == keys[1][-1]


def typed_as_name(label: str) -> bool:
    """Whether a topic is typed as a name: one to three words, each of letters with a
    capital ("Меркель", "Эстер Уильямс"; not "выборы")."""
    said = label.split()
    return 1 <= len(said) <= 3 and all(
        (NAME_WORD.fullmatch(word) and word[:1].isupper() and not word.isupper())
        # (a script without capitals: any word of its letters, compared as names are only
        # with a story's names, `mentions`, and by all their consonants, `_same_skeleton`)
        or (_script(word) in _CASELESS and all(
            _script(char) == _script(word) or unicodedata.category(char).startswith("M")
            or char in "׳'’" for char in word))
        for word in said)


def _script(word: str) -> str:
    """"LATIN", "CYRILLIC", "GREEK" or one of `_CASELESS` for a word of those letters, else
    ""."""
    name = unicodedata.name(word[0], "").split()[0] if word else ""
    return name if name in _SCRIPTS else ""


_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", *_CASELESS})
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


def told(titles: Sequence[str], texts: Sequence[str]) -> Told:
    """`Told` of a story's headlines and texts."""
    lines = "\n".join((*titles, *texts))
    named: set[str] = set()
    for run in name_runs(lines):
        for at, (word, due) in enumerate(run):
            if not due or (at + 1 < len(run) and not run[at + 1][1]):
                named.add(_POSSESSIVE.sub("", word))
    return Told(common=frozenset(match.group() for match in NAME_WORD.finditer(lines)
                                 if match.group().islower()),
                named=frozenset(named))


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
                   and (not due or written in story.named or not _inflected(written, story))
                   and any(same_word(said, form) for form in _written_forms(written))
                   for said, (written, due) in zip(typed, seen, strict=True)):
                found.append(" ".join(written for written, _ in seen))
    return found

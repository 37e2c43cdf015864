"""A person a summary first names by surname alone, named in full there, as the article did.

An article introduces a person in full ("Video editor and director Jakob Hernig tells News
10…") and goes on with the surname ("Hernig said a pair of brothers fixed the Suburban…"). A
summary that picks the later sentence and not the first names someone the reader never met
(reader QA, stop 73: "Subryan was arrested…", "Hernig said…", "Carroll will be facing…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing_bot.text import DAYS_AND_MONTHS, is_stop_word

# A capitalised name word: "Carroll", "O'Sullivan", "McDonald", "Smith-Jones"; not one in
# capitals ("NASA"), nor a possessive's "'s".
_WORD = (r"(?:Mc|Mac|O['’]|D['’])?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+"
         r"(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?")
# (nor one of two names in a slash, "Enoch/Peinovich": a pseudonym and the name)
_NAME_WORD = re.compile(rf"(?<![\w'’./-]){_WORD}(?![\w/-])")
# A full name as articles introduce people: a given name, maybe an initial, the surname
# ("Mark Carroll", "Jakob Hernig", "John F. Kennedy"). Only two words written alone: a run of
# three capitalised words is a title or a place ("South Ozone Park", "Australian Craig
# Mottram") as often as a name, and one followed by another is a place or a body ("Carroll
# County").
# (on one line: "Photo: Facebook\n\nAmid the incessant theories…" is a credit and a lead)
_FULL_NAME = re.compile(
    rf"(?<![\w'’.-])(?P<given>{_WORD})[^\S\n]+(?:[A-Z]\.[^\S\n]+)?(?P<surname>{_WORD})"
    r"(?![\w-])")
_NAME_BEFORE = re.compile(rf"(?:{_WORD}|\b[A-Z][a-z]{{0,3}}\.|\b[A-Z]\.)\s+$")
# (a title's abbreviation may come before a full name: "Rep. Bob Goodlatte")
_RUN_BEFORE = re.compile(rf"{_WORD}[^\S\n]+$")
# (a court case's party is named as the case is: "Kimble v. Marvel")
_NAME_AFTER = re.compile(rf"^\s+(?:(?:[A-Z]\.\s+)?{_WORD}(?![\w-])|vs?\.\s)")
# A day or a month is no name's part: "in Queens Friday night" is a place and a day.
_WHEN = DAYS_AND_MONTHS
# A thing, not a person, follows an article or a figure: "under the 1977 Act" (the "Misuse of
# Drugs Act" before it is no person's name).
_THING_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|that|these|those|its)|\d)\s+$",
                           re.IGNORECASE)
_LOOK_BACK = 40  # characters before a name read for the word before it
_FOUND_BY = 40  # characters of a sentence it is found by in its article


def _alone(text: str, start: int, end: int) -> bool:
    """Whether the name word at `start:end` of `text` stands without another before or after
    it (nor an initial or a title's abbreviation before it: "Mr. Carroll" is named so)."""
    return (_NAME_BEFORE.search(text[max(0, start - _LOOK_BACK):start]) is None
            and _NAME_AFTER.match(text[end:]) is None)


def _named(word: str, language: str) -> bool:
    """Whether a capitalised word can be part of a person's name."""
    lower = word.lower()
    return lower not in _WHEN and not is_stop_word(lower, language)


def full_names(article: str, language: str = "en") -> dict[str, str]:
    """The people an article names in full: each one's full name by surname. A surname two
    full names end in ("Jed Huie", "Johnny Huie") is nobody's: the surname alone does not
    tell which. Nor one whose given name the article uses as a word of its own (a place:
    "Queens" in "Queens Friday"), nor one it writes in lower case too (a word: "Park")."""
    found: dict[str, set[str]] = {}
    for match in _FULL_NAME.finditer(article):
        given, surname = match["given"], match["surname"]
        if (not _named(given, language) or not _named(surname, language)
                or _RUN_BEFORE.search(article[max(0, match.start() - _LOOK_BACK):match.start()])
                or _NAME_AFTER.match(article[match.end():])):
            continue
        name = " ".join(match.group().split())
        found.setdefault(surname, set()).add(name)
    names: dict[str, str] = {}
    for surname, full in found.items():
        if len(full) != 1:
            continue
        (name,) = full
        given = name.split()[0]
        if (re.search(rf"(?<![\w'’-]){re.escape(surname.lower())}(?![\w-])", article)
                or any(match.group() == given and _alone(article, match.start(), match.end())
                       for match in _NAME_WORD.finditer(article))):
            continue
        names[surname] = name
    return names


def introduced(sentences: Sequence[tuple[str, str]], *, shown: str = "",
               language: str = "en") -> list[str]:
    """Each (sentence, the article it comes from) of a summary, in its order, with a person
    it is the first to name by surname alone named in full, where the article named them in
    full before that sentence (`full_names`). Someone the `shown` title names in full is
    introduced already."""
    met = {match["surname"] for match in _FULL_NAME.finditer(shown)}
    said: list[str] = []
    names_of: dict[int, dict[str, str]] = {}
    for sentence, article in sentences:
        names = names_of.setdefault(id(article), full_names(article, language))
        text = " ".join(article.split())  # (where a sentence stands, whatever its spacing)
        at = text.find(" ".join(sentence.split())[:_FOUND_BY].lstrip("…"))
        told = sentence
        for match in reversed(list(_NAME_WORD.finditer(sentence))):
            surname = match.group()
            if surname in met or surname not in names:
                continue
            name = names[surname]
            first = next(m for m in _NAME_WORD.finditer(sentence) if m.group() == surname)
            if (match.start() == first.start() and 0 <= text.find(name) < at
                    and _alone(sentence, match.start(), match.end())
                    and not _THING_BEFORE.search(sentence[:match.start()])):
                told = told[:match.start()] + name + told[match.end():]
        met.update(match.group() for match in _NAME_WORD.finditer(sentence))
        said.append(told)
    return said

"""What a briefing says around the news, in the reader's language: "Your briefing", "3
sources", "Why: title mentions football", the date, the buttons.

Summaries and titles already come in the reader's language; the words around them did not
(reader QA: a Polish reader's briefing was Polish news under "Your briefing", "2 sources",
"Why: mentions piłka nożna"). The sentences are data (`data/wording.toml`); dates, language
names and plural rules come from CLDR through Babel. A language without sentences there
reads English ones. The bot's answers to commands and what it says of an error are here too
(`data/answers.toml`; an error names its sentence by `key`, see errors.py). Pure functions.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    format_timedelta,
    get_timezone_location,
)
from babel.lists import format_list
from babel.numbers import format_decimal

from briefing_bot.prompts import language_name

_DEFAULT = "en"
# Babel's "en" writes dates the American way ("December 1, 2026"); briefings always said
# "1 December 2026".
_LOCALES = {"en": "en_GB"}


@functools.cache
def _catalog() -> dict[str, dict[str, Any]]:
    """Each language's words: a briefing's (`wording.toml`) and the bot's answers to commands
    (`answers.toml`), one dictionary."""
    data = resources.files("briefing_bot").joinpath("data")
    briefing = tomllib.loads(data.joinpath("wording.toml").read_text("utf-8"))
    answers = tomllib.loads(data.joinpath("answers.toml").read_text("utf-8"))
    return {language: words | answers.get(language, {}) for language, words in briefing.items()}


def languages() -> tuple[str, ...]:
    """The languages a briefing's words are written in."""
    return tuple(_catalog())


def _base(language: str | None) -> str:
    return (language or _DEFAULT).replace("_", "-").split("-", maxsplit=1)[0].lower()


# The reasons `topics.relevance` gives, in English (they are also the CLI's and the JSON's
# `why`), and the key of each in the catalog. A story of a category is a "business story";
# of a branch, a story of the reader's own word ("calcio story").
_REASONS = (
    (re.compile(r"another report's headline mentions (?P<topic>.+)"), "why_other_headline"),
    (re.compile(r"another report's headline has \"(?P<topic>.+)\""), "why_other_has"),
    (re.compile(r"title mentions (?P<topic>.+)"), "why_title"),
    (re.compile(r"title has \"(?P<topic>.+)\""), "why_title_has"),
    (re.compile(r"mentions \"(?P<topic>.+)\""), "why_mentions_phrase"),
    (re.compile(r"close in meaning to (?P<topic>.+) \((?P<score>[0-9.]+)\)"), "why_close"),
    (re.compile(r"mentions (?P<topic>.+)"), "why_mentions"),
    (re.compile(r"(?P<category>[a-z]+) story, (?P<broad>[a-z]+) news too"), "why_category_too"),
    (re.compile(r"(?P<category>.+) story"), "why_category"),
)


# A reason found only in a report a briefing shows apart as related coverage, after the
# reason itself (`briefing.told_again`): said so, not passed off as the story's own.
RELATED_REASON = " (in a report under “Related”)"

_SEMICOLONS = {"fr": " ; ", "el": " · "}
# A day as a reader's clock names it: CLDR's short Bulgarian form is all figures ("нд, 6.12.",
# which read as broken, Telegram QA s56 #11); the month's name reads as Russian's "вс, 6 дек.".
_DAY_SKELETON = {"bg": "MMMMEd"}


@dataclass(frozen=True)
class Wording:
    """The words of one language (`language`: a code of the catalog)."""

    language: str

    @property
    def _words(self) -> dict[str, Any]:
        return _catalog()[self.language]

    @property
    def _locale(self) -> str:
        return _LOCALES.get(self.language, self.language)

    @property
    def colon(self) -> str:
        """': ', or ' : ' in French, whose typography puts a space before it (reader QA:
        "Pourquoi: …" beside "Rien de nouveau sur : …" in one message)."""
        return " : " if self.language == "fr" else ": "

    @property
    def semicolon(self) -> str:
        """'; ', or ' ; ' in French (reader QA, stop 48: "(publié il y a 1 jour; en
        anglais)"); a middle dot in Greek, whose ";" is the question mark."""
        return _SEMICOLONS.get(self.language, "; ")

    def say(self, key: str, **values: object) -> str:
        """A sentence with its blanks filled; a counted one ("That message has 3 links") in
        the form for its `n` (CLDR plural rules: Polish "3 linki", "5 linków")."""
        return self._sentence(key, values.get("n")).format(**values)

    def _sentence(self, key: str, number: object) -> str:
        entry = self._words[key]
        if not isinstance(entry, dict):
            return str(entry)
        form = Locale.parse(self._locale).plural_form(number if isinstance(number, int | float)
                                                      else 0)
        return str(entry.get(form, entry["other"]))

    def count(self, key: str, number: int) -> str:
        """'1 source', '3 sources'; '5 źródeł' in Polish (CLDR plural rules)."""
        return self.say(key, n=number)

    def date(self, moment: date) -> str:
        """'1 December 2026', '1. Dezember 2026', '1 grudnia 2026'."""
        return format_date(moment, "long", locale=self._locale)

    def day_and_month(self, moment: datetime) -> str:
        """'29 November', '29. November', '29 listopada'."""
        return format_skeleton("MMMMd", moment, locale=self._locale)

    def ago(self, moment: datetime, now: datetime) -> str:
        """'4 days ago', 'vor 4 Tagen', 'il y a 4 jours' (CLDR, by Babel), in whole days; under
        a day in hours ('4 hours ago': an update's earlier story of the same morning was
        "1 day ago", QA stop 58), under an hour in minutes."""
        if abs(now - moment) < timedelta(minutes=59, seconds=30):
            # Minutes under an hour (QA, stop 61 F1: a message of two minutes before was
            # "1 hour ago"); the least is one minute.
            return format_timedelta(min(moment - now, -timedelta(minutes=1)),
                                    granularity="minute", threshold=60.0,
                                    add_direction=True, locale=self._locale)
        if abs(now - moment) < timedelta(days=1):
            return format_timedelta(moment - now, granularity="hour", threshold=24.0,
                                    add_direction=True, locale=self._locale)
        # Days up to four weeks (review 2: ten days read "1 week ago").
        return format_timedelta(moment - now, granularity="day", threshold=4.0,
                                add_direction=True, locale=self._locale)

    def language_name(self, code: str) -> str:
        """A language's name in this one: 'Italian', 'Italienisch', 'włoski'."""
        try:
            named = Locale.parse(self._locale).languages.get(_base(code))
        except (ValueError, UnknownLocaleError):
            named = None
        # (CLDR capitalises Greek's names of languages, which Greek writes in lower case in a
        # sentence: "στα αγγλικά", proofreading, stop 56)
        if named and self.language == "el":
            named = named.lower()
        return named or language_name(code)

    def zone_city(self, zone: str) -> str:
        """A time zone's city as CLDR names it in this language ('Moskau', 'Nowy Jork')."""
        try:
            return str(get_timezone_location(zone, locale=self._locale, return_city=True))
        except (LookupError, ValueError, UnknownLocaleError):
            return self.zone_city_in_id(zone)

    @staticmethod
    def zone_city_in_id(zone: str) -> str:
        """The city a time zone's id names ('America/New_York': 'New York')."""
        return zone.rsplit("/", 1)[-1].replace("_", " ")

    def country(self, code: str) -> str:
        """A country's name in this language ('CN': 'China', 'Chine', 'Chiny')."""
        try:
            return str(Locale.parse(self._locale).territories.get(code, code))
        except (ValueError, UnknownLocaleError):
            return code

    def table(self, key: str) -> dict[str, str]:
        """A table of sentences ("commands": each command's line in the menu)."""
        found: dict[str, str] = self._words[key]
        return found

    def moment(self, moment: datetime) -> str:
        """A moment as a reader's clock shows it: 'Tue 1 Dec, 07:30', 'Di., 1. Dez., 07:30'."""
        skeleton = _DAY_SKELETON.get(self.language, "MMMEd")
        return (f"{format_skeleton(skeleton, moment, locale=self._locale)}, "
                f"{format_time(moment, 'HH:mm', locale=self._locale)}")

    def category(self, key: str) -> str:
        """A category's name in this language ('business': 'Wirtschaft')."""
        names: dict[str, str] = self._words["categories"]
        return names[key]

    def error(self, error: BaseException) -> str:
        """What an error tells a reader, in this language: its catalog sentence when it names
        one (`key`), else its own English words. Plain text (the caller escapes it)."""
        key = getattr(error, "key", None)
        if key is None or key not in self._words:
            return str(getattr(error, "user_message", error))
        values = getattr(error, "values", {})
        return self._sentence(key, values.get("n")).format(
            **{name: self._value(value) for name, value in values.items()})

    def _value(self, value: object) -> object:
        if isinstance(value, BaseException):  # "That did not work: <why>"
            return self.error(value)
        if isinstance(value, list | tuple):  # "did you mean A or B?"
            return format_list([str(item) for item in value], style="or", locale=self._locale)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return format_decimal(value, locale=self._locale)
        return value

    def why(self, reason: str) -> str:
        """A topic's reason in this language: "title mentions Fußball" is "Titel nennt
        Fußball". A reason of another form is kept as given."""
        if reason.endswith(RELATED_REASON) and (self.language != _DEFAULT
                                                or reason.startswith("close in meaning")):
            return self.say("why_related", why=self.why(reason.removesuffix(RELATED_REASON)),
                            related=self._words["related"])
        if self.language == _DEFAULT and not reason.startswith("close in meaning"):
            return reason  # the reasons are written in English; one has a score to drop
        for pattern, key in _REASONS:
            found = pattern.fullmatch(reason)
            if found is None:
                continue
            values = found.groupdict()
            names: dict[str, str] = self._words["categories"]
            for part in ("category", "broad"):
                if part in values:  # a category's key, or the reader's word for a branch
                    values[part] = names.get(values[part], values[part])
            # A similarity a reader cannot read is not said (reader QA: "close in meaning to
            # inflation (0.82)"); `stories --json` gives it as the score.
            values.pop("score", None)
            return self.say(key, **values)
        return reason


def every(key: str) -> tuple[str, ...]:
    """A sentence in every language (the bot finds its own question, asked in any of them)."""
    return tuple(dict.fromkeys(str(words[key]) for words in _catalog().values()))


@functools.cache
def wording(language: str | None) -> Wording:
    """The words for a reader of `language` ("pt-br", "de", None): English when the catalog
    has none in that language."""
    base = _base(language)
    return Wording(base if base in _catalog() else _DEFAULT)

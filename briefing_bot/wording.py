"""What a briefing says around the news, in the reader's language: "Your briefing", "3
sources", "Why: title mentions football", the date, the buttons.

Summaries and titles already come in the reader's language; the words around them did not
(reader QA: a Polish reader's briefing was Polish news under "Your briefing", "2 sources",
"Why: mentions piłka nożna"). The sentences are data (`data/wording.toml`); dates, language
names and plural rules come from CLDR through Babel. A language without sentences there
reads English ones. Pure functions: the bot's commands still answer in English.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from briefing_bot.prompts import language_name

_DEFAULT = "en"
# Babel's "en" writes dates the American way ("December 1, 2026"); briefings always said
# "1 December 2026".
_LOCALES = {"en": "en_GB"}


@functools.cache
def _catalog() -> dict[str, dict[str, Any]]:
    text = resources.files("briefing_bot").joinpath("data", "wording.toml").read_text("utf-8")
    return tomllib.loads(text)


def languages() -> tuple[str, ...]:
    """The languages a briefing's words are written in."""
    return tuple(_catalog())


def _base(language: str | None) -> str:
    return (language or _DEFAULT).replace("_", "-").split("-", maxsplit=1)[0].lower()


# The reasons `topics.relevance` gives, in English (they are also the CLI's and the JSON's
# `why`), and the key of each in the catalog. A story of a category is a "business story";
# of a branch, a story of the reader's own word ("calcio story").
_REASONS = (
    (re.compile(r"another outlet's headline mentions (?P<topic>.+)"), "why_other_headline"),
    (re.compile(r"another outlet's headline has \"(?P<topic>.+)\""), "why_other_has"),
    (re.compile(r"title mentions (?P<topic>.+)"), "why_title"),
    (re.compile(r"title has \"(?P<topic>.+)\""), "why_title_has"),
    (re.compile(r"mentions \"(?P<topic>.+)\""), "why_mentions_phrase"),
    (re.compile(r"close in meaning to (?P<topic>.+) \((?P<score>[0-9.]+)\)"), "why_close"),
    (re.compile(r"mentions (?P<topic>.+)"), "why_mentions"),
    (re.compile(r"(?P<category>[a-z]+) story, (?P<broad>[a-z]+) news too"), "why_category_too"),
    (re.compile(r"(?P<category>.+) story"), "why_category"),
)


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

    def say(self, key: str, **values: object) -> str:
        return str(self._words[key]).format(**values)

    def count(self, key: str, number: int) -> str:
        """'1 source', '3 sources'; '5 źródeł' in Polish (CLDR plural rules)."""
        forms: dict[str, str] = self._words[key]
        form = Locale.parse(self._locale).plural_form(number)
        return forms.get(form, forms["other"]).format(n=number)

    def date(self, moment: date) -> str:
        """'1 December 2026', '1. Dezember 2026', '1 grudnia 2026'."""
        return format_date(moment, "long", locale=self._locale)

    def day_and_month(self, moment: datetime) -> str:
        """'29 November', '29. November', '29 listopada'."""
        return format_skeleton("MMMMd", moment, locale=self._locale)

    def language_name(self, code: str) -> str:
        """A language's name in this one: 'Italian', 'Italienisch', 'włoski'."""
        try:
            named = Locale.parse(self._locale).languages.get(_base(code))
        except (ValueError, UnknownLocaleError):
            named = None
        return named or language_name(code)

    def why(self, reason: str) -> str:
        """A topic's reason in this language: "title mentions Fußball" is "Titel nennt
        Fußball". A reason of another form is kept as given."""
        if self.language == _DEFAULT:
            return reason
        for pattern, key in _REASONS:
            found = pattern.fullmatch(reason)
            if found is None:
                continue
            values = found.groupdict()
            names: dict[str, str] = self._words["categories"]
            for part in ("category", "broad"):
                if part in values:  # a category's key, or the reader's word for a branch
                    values[part] = names.get(values[part], values[part])
            if "score" in values:
                values["score"] = format_decimal(float(values["score"]), "0.00",
                                                 locale=self._locale)
            return self.say(key, **values)
        return reason


@functools.cache
def wording(language: str | None) -> Wording:
    """The words for a reader of `language` ("pt-br", "de", None): English when the catalog
    has none in that language."""
    base = _base(language)
    return Wording(base if base in _catalog() else _DEFAULT)

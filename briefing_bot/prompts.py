"""Prompt templates: TOML files in `prompts/`, loaded and checked once at start-up."""

from __future__ import annotations

import dataclasses
import functools
import re
import string
import tomllib
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from babel import Locale, UnknownLocaleError

from briefing_bot.errors import ConfigError

# Every task, with the variables its template may use; each one is required (but OPTIONAL).
TASKS: dict[str, frozenset[str]] = {
    "story_summary": frozenset({"language", "max_words", "source_count", "articles",
                                "categories"}),
    "text_summary": frozenset({"language", "max_words", "source", "text"}),
    "combine_summaries": frozenset({"language", "max_words", "summaries"}),
    "briefing_section": frozenset({"language", "topic", "stories"}),
    # Appended to any of the above for the one second try after the answer check refused one.
    "correction": frozenset({"language", "reason"}),
    "story_update": frozenset({"language", "max_words", "earlier", "articles"}),
}
# Variables a template may leave out. A story template written before `$categories` existed
# (an operator's copy of the folder) still loads; the summary then names no categories.
OPTIONAL: dict[str, frozenset[str]] = {"story_summary": frozenset({"categories"})}
_KEYS = frozenset({"version", "system", "user"})

# Language codes people type, and the names models follow best in an instruction.
LANGUAGES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "th": "Thai", "tr": "Turkish",
    "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese (simplified)",
}
# Codes whose language is not their base code's: text detection still says "zh" for them.
_VARIANTS = {"zh-tw": "Chinese (traditional)", "zh-hk": "Chinese (traditional)",
             "zh-hant": "Chinese (traditional)"}  # the last is what the name stands for
# A language code as people and Telegram write them: ISO 639-1 ("de", "nb", "kk") with optional
# script or region subtags ("pt-br", "zh-hant", "sr-latn"). A code we have no name for still
# works: the LLM is asked for it as written.
_CODE = re.compile(r"([a-z]{2})(?:-[a-z0-9]{2,8}){0,2}")
ISO_639_1 = frozenset(re.findall(r"[a-z]{2}", """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"""))

# Each language's name in itself (from CLDR, as Babel gives it), for readers who type their
# own: "Deutsch", "français" were refused.
_ENDONYMS = {
    "ar": "العربية", "bg": "български", "ca": "català", "cs": "čeština", "da": "dansk",
    "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "español", "et": "eesti",
    "fa": "فارسی", "fi": "suomi", "fr": "français", "he": "עברית", "hi": "हिन्दी",
    "hr": "hrvatski", "hu": "magyar", "id": "Bahasa Indonesia", "it": "italiano",
    "ja": "日本語", "ko": "한국어", "lt": "lietuvių", "lv": "latviešu", "nl": "Nederlands",
    "no": "norsk", "pl": "polski", "pt": "português", "ro": "română", "ru": "русский",
    "sk": "slovenčina", "sl": "slovenščina", "sr": "српски", "sv": "svenska", "th": "ไทย",
    "tr": "Türkçe", "uk": "українська", "vi": "Tiếng Việt", "zh": "中文",
}


def _folded(text: str) -> str:
    """Case and accents aside: 'Français' and 'francais' are one name."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Languages by name, as readers type them: in English ("german", "chinese (traditional)",
# and "chinese" alone for simplified) or in the language itself ("Deutsch", "francais").
_BY_NAME = {_folded(name): code for code, name in {**LANGUAGES, **_VARIANTS}.items()}
_BY_NAME.update({_folded(name.split(" (")[0]): code for code, name in LANGUAGES.items()})
_BY_NAME.update({_folded(name): code for code, name in _ENDONYMS.items()})
_BY_NAME["indonesia"] = "id"
# A language with its country, as readers say it (QA stop 62 F18: "/language português do
# Brasil" was refused where "pt-br" was taken).
_BY_NAME.update({_folded(name): code for name, code in {
    "português do Brasil": "pt-br", "português brasileiro": "pt-br",
    "português (Brasil)": "pt-br", "Brazilian Portuguese": "pt-br",
    "português de Portugal": "pt-pt", "português europeu": "pt-pt",
    "português (Portugal)": "pt-pt", "European Portuguese": "pt-pt"}.items()})


def language_code(text: str, *, reader: str | None = None) -> str | None:
    """What a reader typed for a language, as a code: a language code ("de", "pt-BR", "nb")
    or the name of one we know, in English, in itself ("German", "Deutsch") or in the
    `reader`'s language ("francés" for a Spanish reader); None for anything else."""
    typed = " ".join(text.split()).lower().replace("_", "-")
    if _folded(typed) in _BY_NAME:
        return _BY_NAME[_folded(typed)]
    code = _CODE.fullmatch(typed)
    # At most 16 characters: what the database keeps for a language.
    if code is not None and code.group(1) in ISO_639_1 and len(typed) <= 16:
        return typed
    if not reader:
        return None
    names = _names_in(reader)
    return names.get(_folded(typed)) or next(
        (names[form] for form in _said_forms(typed) if form in names), None)


# How Russian, Ukrainian, Bulgarian and Greek readers say "in English": "по-английски", "на
# английском", "англійською", "на английски", "στα αγγλικά" (Telegram QA, stop 56 #9: all
# refused); CLDR names the language "английский", "англійська", "английски", "αγγλικά".
_SAID_IN = re.compile(r"^(?:по-|на\s+|στα\s+)")
_SAID_ENDINGS = (("ки", "кий"), ("ком", "кий"), ("кою", "ка"), ("ки", "ка"))


def _said_forms(typed: str) -> list[str]:
    bare = _SAID_IN.sub("", typed)
    forms = [_folded(bare)]
    forms += [_folded(bare[:-len(end)] + name) for end, name in _SAID_ENDINGS
              if bare.endswith(end)]
    return forms


@functools.lru_cache(maxsize=64)
def _names_in(reader: str) -> dict[str, str]:
    """The languages we name, by their names in a reader's language (CLDR, as Babel gives
    it): reader QA Q13, a Spanish reader's "/language francés" was refused. One locale read
    (tens of milliseconds) the first time a reader of that language needs it."""
    try:
        names = Locale.parse(reader.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError):
        return {}
    return {_folded(name): code for code in LANGUAGES if (name := names.get(code))}


def language_name(code: str) -> str:
    """'de' -> 'German'; an unknown code is passed through as written."""
    base = code.strip().lower().replace("_", "-")
    if base in _VARIANTS:
        return _VARIANTS[base]
    if base.startswith("zh-") and {"hant", "tw", "hk", "mo"} & set(base.split("-")):
        return _VARIANTS["zh-hant"]  # zh-hant-tw, zh-mo
    return LANGUAGES.get(base, LANGUAGES.get(base.split("-")[0], code.strip()))


@dataclasses.dataclass(frozen=True, slots=True)
class Prompt:
    """One task's template: render it with exactly its variables."""

    task: str
    version: int
    system: str
    user: str
    path: Path

    def uses(self, name: str) -> bool:
        """Whether the template uses this variable (an optional one may be left out)."""
        return any(name in string.Template(text).get_identifiers()
                   for text in (self.system, self.user))

    def render(self, **values: object) -> tuple[str, str]:
        """(system, user) with every variable substituted; unknown or missing ones are errors."""
        expected = TASKS[self.task]
        if set(values) != expected:
            raise ValueError(f"{self.task}: expected variables {sorted(expected)}, "
                             f"got {sorted(values)}")
        text = {key: str(value) for key, value in values.items()}
        return (string.Template(self.system).substitute(text).strip(),
                string.Template(self.user).substitute(text).strip())


def _check(task: str, path: Path, data: Mapping[str, object]) -> Prompt:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}; "
                          f"a template has version, system and user")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ConfigError(f"{path}: `version` must be a whole number")
    texts: dict[str, str] = {}
    for key in ("system", "user"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: `{key}` must be a non-empty text")
        template = string.Template(value)
        if not template.is_valid():
            raise ConfigError(f"{path}: `{key}` has a lone $ (write $$ for a dollar sign)")
        texts[key] = value
    used = {name for text in texts.values() for name in string.Template(text).get_identifiers()}
    allowed = TASKS[task]
    if used - allowed:
        raise ConfigError(f"{path}: unknown variable(s) "
                          f"{', '.join('$' + name for name in sorted(used - allowed))}; "
                          f"this template may use {', '.join('$' + n for n in sorted(allowed))}")
    missing = allowed - used - OPTIONAL.get(task, frozenset())
    if missing:
        raise ConfigError(f"{path}: missing variable(s) "
                          f"{', '.join('$' + name for name in sorted(missing))}")
    return Prompt(task=task, version=version, system=texts["system"], user=texts["user"],
                  path=path)


def load_prompts(folder: Path) -> dict[str, Prompt]:
    """Every task's template from a folder; any problem is a ConfigError naming the file."""
    prompts: dict[str, Prompt] = {}
    for task in TASKS:
        path = folder / f"{task}.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"prompt template {path} is missing "
                              f"(BRIEFING_PROMPTS_DIR is {folder})") from exc
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        prompts[task] = _check(task, path, data)
    return prompts

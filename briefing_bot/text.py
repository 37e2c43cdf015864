"""Words of a text: splitting, stemming and stop words per language, which language it is, and
which line of it reads as a headline.

The one module that knows how text breaks into words, so that clustering, topic matching and
the offline summarizer agree on what a word is. Stemming is Snowball (`snowballstemmer`, pure
Python, 30 languages), chosen by language; language detection is `py3langid` (a Naive Bayes
model over byte n-grams, 97 languages, bundled with the package, offline).
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import nupunkt
import snowballstemmer
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

from briefing_bot.prompts import LANGUAGES, language_code

__all__ = [
    "WORD",
    "DatelinePlace",
    "dateline_place",
    "detect_language",
    "is_headline",
    "is_stop_word",
    "language_scores",
    "sentences",
    "stem",
    "stems",
    "stop_words",
    "terms",
    "title_from_text",
    "words",
    "written_as_headline",
]



def _combining_marks() -> str:
    """The combining marks of the Basic Multilingual Plane as a character class's ranges:
    Python's `\\w` leaves them out, and in Hindi, Bengali or Tamil they are a word's vowels
    (reader QA, stop 76 T3/T4: "रिज़र्व" was the words "र", "ज", "र", "व", so a Hindi
    headline shared no word with its own text and a Hindi "Merkel" found nothing)."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


# Letters and digits with the marks written on them (a word may not open with a mark).
_MARKED_LETTERS = rf"[^\W_]+(?:[{_combining_marks()}]+[^\W_]*)*"
# A word: letters and digits, with inner apostrophes ("don't"); a number keeps its decimal
# point and thousands separators ("6.8", "1,200"), which name an event as well as any word.
WORD = re.compile(rf"\d+(?:[.,]\d+)+|{_MARKED_LETTERS}(?:['’]{_MARKED_LETTERS})*", re.UNICODE)

# ISO 639-1 code -> Snowball algorithm. Languages without a Snowball stemmer are not stemmed.
_SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "eo": "esperanto", "es": "spanish", "et": "estonian",
    "eu": "basque", "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish",
    "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch", "nn": "norwegian",
    "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}

# Function words, short on purpose: words that say nothing about what a text is about. The
# published lists (Snowball's, stopwords-iso) are either as short as these or far longer and
# full of content words ("million", "home", "computer"), which would hide what an article is
# about; rare words are weighed down by IDF anyway. Languages not listed have no stop words.
_STOP_WORDS = {
    "en": """a about above after again against all am an and any are as at be because been
        before being below between both but by can could did do does doing down during each
        few for from further had has have having he her here hers herself him himself his how
        i if in into is it its itself just me more most my myself no nor not now of off on
        once only or other our ours ourselves out over own same she should so some such than
        that the their theirs them themselves then there these they this those through to too
        under until up very was we were what when where which while who whom why will with
        would you your yours yourself yourselves also may might must shall s t said says say""",
    "de": """aber alle allem allen aller alles als also am an ander andere anderem anderen
        anderer anderes auch auf aus bei bin bis bist da damit dann das dass dein deine dem
        den denn der des dich die dies diese diesem diesen dieser dieses dir doch dort du
        durch ein eine einem einen einer eines er es etwas euer für hat hatte hatten hier hin
        hinter ich ihm ihn ihnen ihr ihre im in ist jede jedem jeden jeder jedes jene jetzt
        kann kein keine können man mein mich mir mit muss nach nicht nichts noch nun nur ob
        oder ohne sehr sein seine sich sie sind so soll sondern um und uns unser unter viel
        vom von vor war waren warst was weil weiter welche wenn wer werde werden wie wieder
        will wir wird wo wurde wurden zu zum zur über""",
    "fr": """au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma
        mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son
        sur ta te tes toi ton tu un une vos votre vous c d j l m n s y été est sont était ont
        a avait cette cet être fait plus aussi comme après""",
    "es": """de la que el en y a los del se las por un para con no una su al lo como más pero
        sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde
        quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto
        mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada
        muchos cual poco ella estar estas algunas algo nosotros es son fue ha han era""",
    "it": """ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl
        dalla dalle di del dello dei degli dell degl della delle in nel nello nei negli nell
        negl nella nelle su sul sullo sui sugli sull sugl sulla sulle per tra contro io tu lui
        lei noi voi loro mio mia miei mie tuo tua suo sua nostro nostra vostro vostra il lo la
        gli le un uno una ma ed se perché anche come dov dove che chi cui non più quale quanto
        quello questo è sono era ha hanno e o""",
    "pt": """de a o que e do da em um para com não uma os no se na por mais as dos como mas ao
        ele das à seu sua ou quando muito nos já eu também só pelo pela até isso ela entre
        depois sem mesmo aos seus quem nas me esse eles você essa num nem suas meu minha numa
        pelos elas qual nós lhe deles essas esses pelas este dele é foi são ser tem""",
    "nl": """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er
        maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit
        der daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat
        iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder
        ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon
        niets uw iemand geweest andere""",
}
_STOP_SETS = {code: frozenset(words.split()) for code, words in _STOP_WORDS.items()}
# Function words that tell a short report's language (`report_language`), each weighed by how
# many languages' lists have it ("a" is Italian, Spanish, French and Portuguese alike: an
# Italian teaser "…a Roma e a Milano…" counted as Spanish: review, stop 48), with Polish's,
# which has no stop list for stemming (without one every Polish teaser lost its language).
_POLISH_FUNCTION_TEXT = """
    i w we z ze na do od po za się że nie jest są był była było były został została zostało
    oraz ale lub czy jak jako przez przy dla pod nad przed między tym ten ta te tego tej które
    który która którzy także też już tylko jego jej ich będzie może gdy bo pan pani roku
    """


def _function_weights() -> dict[str, dict[str, float]]:
    lists = {**_STOP_SETS, "pl": frozenset(_POLISH_FUNCTION_TEXT.split())}
    sharing: dict[str, list[str]] = {}
    for code, listed in lists.items():
        for word in listed:
            sharing.setdefault(word, []).append(code)
    return {word: {code: 1 / len(codes) for code in codes} for word, codes in sharing.items()}


_FUNCTION_WEIGHTS = _function_weights()

# Below this many words a guess is too often wrong ("Erdbeben in Peru" scores German 0.67),
# and a wrong guess costs more than none: a summary is rejected for being "in another
# language" only when the text is long enough to be sure.
_MIN_WORDS_TO_DETECT = 8
# py3langid's normalized probability below which we answer "unsure".
_MIN_CONFIDENCE = 0.8


def base_language(language: str) -> str:
    """'de-AT' -> 'de', 'pt_BR' -> 'pt', 'EN' -> 'en': languages are compared by their base
    code."""
    return language.strip().lower().replace("_", "-").split("-", 1)[0]


def declared_language(value: object) -> str | None:
    """The language a feed or page declares ("en-us", "pt-BR", "English", `xml:lang`), as the
    base code detection gives ("en", "pt"): reports are compared with a reader's language by
    their base codes, so a Brazilian feed's "pt-BR" is a Portuguese reader's own. None for
    anything that names no language we know ("x-default", a sentence)."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    code = language_code(value)
    return _DETECTED_AS.get(base := base_language(code), base) if code else None


# Declared codes detection gives otherwise: Norwegian Bokmål is "no" to py3langid.
_DETECTED_AS = {"nb": "no"}


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, with typographic apostrophes made plain (and the
    letter apostrophe Ukrainian keyboards type: "здоровʼя" is "здоров'я")."""
    return [word.lower().replace("’", "'").replace("ʼ", "'") for word in WORD.findall(text)]


_local = threading.local()  # Snowball stemmer objects keep state: one per thread


def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    algorithm = _SNOWBALL.get(language)
    if algorithm is None:
        return None
    stemmers: dict[str, snowballstemmer.stemmer] = _local.__dict__.setdefault("stemmers", {})
    if algorithm not in stemmers:
        stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
    return stemmers[algorithm]


@functools.lru_cache(maxsize=131072)
def _stem_cached(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    if stemmer is None or word[:1].isdigit():
        return word
    if language == "en" and word.endswith("uses") and len(word) > 4:
        # Snowball keeps the "e" after a short syllable: "buses" -> "buse" but "bus" -> "bus".
        # Every "-uses" plural stems as its singular once the "es" is gone ("bonuses",
        # "causes", "houses" alike), so drop it first.
        word = word[:-2]
    return str(stemmer.stemWord(word))


def stem(word: str, language: str = "en") -> str:
    """The Snowball stem of a lower-case word ("rates" and "rate" -> "rate"); unchanged in a
    language Snowball does not know."""
    return _stem_cached(word, base_language(language))


def stems(text: str, language: str = "en") -> list[str]:
    """Every word of a text, stemmed, stop words kept (a phrase must stay whole)."""
    code = base_language(language)
    return [_stem_cached(word, code) for word in words(text)]


def one_edit(a: str, b: str) -> bool:
    """At most one letter added, dropped, changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


# Words that say a headline's state, not its news ("UPDATED:", "LIVE:", "BREAKING:").
_HEADLINE_STATE = frozenset([
    "update", "updated", "updates", "live", "breaking", "developing", "correction", "corrected",
    "exclusive", "watch", "video", "latest", "aktualisiert", "eilmeldung", "actualisé",
    "direct", "actualizado", "directo", "aggiornato", "diretta", "atualizado", "vivo",
    "bijgewerkt", "zaktualizowano"])


# Words that turn a headline's claim around: stop words elsewhere, news here ("not", "ne …
# pas", "kein"): review 2 found "Minister will not resign" taken for the same headline.
_NEGATIONS = frozenset([
    "not", "no", "never", "nicht", "kein", "keine", "nie", "ne", "pas", "jamais", "non",
    "nunca", "nada", "mai", "nem", "não", "niet", "geen", "nooit", "nie", "żaden"])


def adds_words(text: str, before: str) -> bool:
    """Whether a headline says something an earlier one did not: a word that is not a stop
    word (a negation is one), nor a word that marks the headline's state ("UPDATED:"), nor a
    spelling fix (a word of letters one letter away from one it had: a figure is never one,
    "150" to "15" is news); or a figure, negation or word the earlier one had that it drops."""
    language = detect_language(f"{text}. {before}") or "en"
    ignored = (stop_words(language) | _HEADLINE_STATE) - _NEGATIONS

    def content(headline: str) -> set[str]:
        return {word.casefold() for word in WORD.findall(headline)} - ignored

    def fixed(word: str, others: set[str]) -> bool:
        # Not in scripts written without spaces, whose "word" is a whole phrase.
        return (word.isalpha() and len(word) >= 4 and not _CJK.search(word)
                and any(one_edit(word, other) for other in others))

    new, had = content(text), content(before)
    return (any(not fixed(word, had) for word in new - had)
            or any(not fixed(word, new) for word in had - new
                   if not word.isalpha() or word in _NEGATIONS))


def stop_words(language: str) -> frozenset[str]:
    """The language's function words (empty for a language without a list)."""
    return _STOP_SETS.get(base_language(language), frozenset())


def is_stop_word(word: str, language: str = "en") -> bool:
    """Whether a lower-case word is a function word of the language."""
    return word in stop_words(language)


def terms(text: str, language: str = "en") -> list[str]:
    """The content words of a text, stemmed: stop words and one-letter words left out."""
    code = base_language(language)
    stop = stop_words(code)
    return [_stem_cached(word, code) for word in words(text)
            if len(word) > 1 and word not in stop]


# The languages detection chooses among: every language a summary can be asked in, every
# language with a stemmer, and "zxx" (no language: numbers, code). Text in another language is
# filed under the closest of these (Galician as Portuguese, Malay as Indonesian), which is what
# stemming and the answer check need. py3langid's full model weighs 142 languages' columns:
# 28 MB of a running bot's memory (`bench/memory.py`); these are a third of that.
DETECTED = frozenset(LANGUAGES) | frozenset(_SNOWBALL) | {"zxx"}


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes about a second; only the first detection pays it. The columns
    # of other languages are dropped before the identifier is built (its own
    # `set_languages` would keep the full arrays alive beside the chosen ones).
    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    keep = [i for i, code in enumerate(classes) if code in DETECTED]
    return LanguageIdentifier(np.ascontiguousarray(ptc[:, keep]), pc[keep],
                              [classes[i] for i in keep], nextmove, output, norm_probs=True,
                              tk_row=row)


def load_language_model() -> None:
    """Load the language identifier now rather than at the first detection. Loading reads
    the full weights before cutting them to DETECTED; a running bot does it at start, so that
    moment's memory does not add to a briefing tick's peak (`bench/memory.py`)."""
    _identifier()


_detect_lock = threading.Lock()
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def language_scores(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of a text's likeliest language, or None when there is too
    little text to tell. `detect_language` is the same with an "unsure" threshold."""
    sample = text[:5000]
    # Chinese and Japanese write no spaces: about two characters make a word.
    if len(WORD.findall(sample)) + len(_CJK.findall(sample)) // 2 < _MIN_WORDS_TO_DETECT:
        return None
    with _detect_lock:  # the identifier is not documented as thread-safe
        language, probability = _identifier().classify(_unshouted(sample))
    return str(language), float(probability)


def _unshouted(text: str) -> str:
    """A text mostly in capitals, lower-cased for detection: the model learnt its byte
    n-grams from text in ordinary case, and capitals are other bytes. py3langid lowers a
    text all in capitals itself, but not one with a single small letter: "POLIZEI MELDET
    DREI TOTE NACH SCHÜSSEN IN MÜNCHEN (mit Video)" read as Estonian at 0.07, "…NEW iPHONE…"
    as no language, where the same words in small letters read as German and English at
    0.99 and more."""
    capitals = sum(map(str.isupper, text))
    return text.lower() if capitals > sum(map(str.islower, text)) else text


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when unsure (a short or mixed text)."""
    scores = language_scores(text)
    if scores is None or scores[1] < _MIN_CONFIDENCE:
        return None
    return scores[0]


# A headline is too short for the identifier to be sure of its language, but it can rule one
# out: "Un séisme frappe la côte de Veloria" is 1,000 times likelier French than English,
# while names tip short English headlines towards other languages by less ("Bayern München
# trounce Borussia Dortmund": German, 7 times likelier than English).
_RULED_OUT = 20.0


def may_be_in(headline: str, language: str) -> bool:
    """Whether a headline may be in a language: none other is over `_RULED_OUT` times
    likelier (so a headline with nothing to tell it by may be in any)."""
    return likelier_than(headline, language, _RULED_OUT) is None


def likelier_than(text: str, language: str, factor: float) -> str | None:
    """The language a text of any length is over `factor` times likelier in than in
    `language`, if one is."""
    if not WORD.search(text):
        return None
    scores = _ranked(text)
    top = max(scores, key=scores.__getitem__, default=None)
    if top is None or scores.get(language, 0.0) * factor >= scores[top]:
        return None
    return top


def _ranked(text: str) -> dict[str, float]:
    """Every detected language's probability for a text, however short."""
    with _detect_lock:
        ranked = _identifier().rank(_unshouted(text))
    return {str(code): float(score) for code, score in ranked}


def likelier(text: str, first: str, second: str, *, factor: float = _RULED_OUT) -> str | None:
    """Which of two languages a text too short for `detect_language` is in, when one is over
    `factor` (`_RULED_OUT`) times likelier than the other; else None. For the short
    sentences of a text known to hold both ("Il governo ha approvato il bilancio." beside
    its English: reader QA, stop 52 F9)."""
    if not WORD.search(text):
        return None
    scores = _ranked(text)
    one, two = scores.get(first, 0.0), scores.get(second, 0.0)
    if one > two * factor:
        return first
    if two > one * factor:
        return second
    return None


def says_in(text: str, language: str, *, not_in: str) -> bool:
    """Whether a text uses a function word of one language that is none of another's ("Die
    EZB senkt die Zinsen." says German's "die" and no English one does)."""
    return any(language in (weights := _FUNCTION_WEIGHTS.get(word.lower(), {}))
               and not_in not in weights for word in WORD.findall(text))


def sure_language(text: str) -> str | None:
    """`detect_language` held to a report's confidence (`_REPORT_CONFIDENCE`), for a few
    words a label rests on: "Bayern München trounce Borussia Dortmund" reads as German at
    0.83."""
    scores = language_scores(text)
    return scores[0] if scores is not None and scores[1] >= _REPORT_CONFIDENCE else None


# A report's language, when a decision rests on it (is it in the reader's language; can its
# words be compared with another's): a teaser of a few names is easily misread ("Bayern
# München trounce Borussia Dortmund" reads as German at 0.83; found by review). Not 40 words:
# a feed's teaser is often one sentence, and two teasers of a Peru quake, in English and
# German, had no language, so their words were compared: the German one was "another event"
# and the German reader got the English summary (reader QA and review, stop 48).
_REPORT_WORDS = 12
# Under this many words the function words must agree too: the detected language's
# (`_FUNCTION_WEIGHTS`) must be the most used of the languages that have a list. Names alone
# can look sure: "In Poland, Prawo i Sprawiedliwość lost its majority in the Sejm to Koalicja
# Obywatelska…" (24 English words) reads as Polish at 0.9996, and a Polish reader got it as
# their own report (review, stop 48).
_REPORT_WORDS_ALONE = 40
_REPORT_CONFIDENCE = 0.95


def report_language(text: str) -> str | None:
    """The language of a report of at least 12 words, when detection is all but sure (and,
    under 40 words, its function words say so too); read from its first 2,000 characters."""
    sample = text[:_REPORT_CHARS]
    # Keyed by the sample's hash, not the sample: 8,192 texts of 2,000 characters kept as
    # keys would cost tens of megabytes.
    key = (len(sample), hash(sample))
    with _reports_lock:
        if key in _REPORTS:
            _REPORTS.move_to_end(key)
            return _REPORTS[key]
    found = None
    count = len(found_words := WORD.findall(sample))
    if count >= _REPORT_WORDS:
        scores = language_scores(sample)
        found = scores[0] if scores is not None and scores[1] >= _REPORT_CONFIDENCE else None
        if found is not None and count < _REPORT_WORDS_ALONE:
            used: Counter[str] = Counter()
            for word in found_words:
                used.update(_FUNCTION_WEIGHTS.get(word.lower(), {}))
            if used and used[found] < max(used.values()):
                found = None
    with _reports_lock:
        _REPORTS[key] = found
        if len(_REPORTS) > _REPORTS_KEPT:
            _REPORTS.popitem(last=False)
    return found


# The summary, the title a reader sees and the other-event test each ask of the same reports
# at every briefing cycle: detected once.
_REPORT_CHARS = 2000
_REPORTS: OrderedDict[tuple[int, int], str | None] = OrderedDict()
_REPORTS_KEPT = 8192
_reports_lock = threading.Lock()


# -- sentences ----------------------------------------------------------------------------

# Full stops Punkt does not know: Hindi's danda and double danda, the Arabic question mark,
# the Urdu, Armenian, Amharic and Burmese full stops (reader QA, stop 76 T4: a Hindi text of
# five sentences was one, summarized whole with "…"). As `pages._SENTENCE_END` reads a line.
OTHER_FULL_STOPS = "\u0964\u0965\u061f\u06d4\u0589\u1362\u104b"
_CJK_END = re.compile(f"(?<=[。！？{OTHER_FULL_STOPS}])")


# Punkt's model is English: it ends a sentence at a German ordinal ("bis zum 27. März", "am
# 6. Juni", "die 3. Liga"; exploratory QA: a title read "Notstand in Spanien bis zum 6."). In
# German text, a day or ordinal of one or two digits with a full stop ends no sentence when a
# month or a lower-case word follows, or when an article (or one joined to a preposition)
# comes before it. Not "von" ("starb im Alter von 85. Die Familie…"), and never in English
# ("The toll rose to 12. April was…"; found by review).
# Reader QA, stop 70 T4: "…beschlossen. Zum 3. Mal in Folge…" and "In der 145. Ländle-TV-
# Sendung…" were cut after the number: the article was read in lower case only, the number
# as one or two digits. What we decided: after an article, a preposition joined to one, a
# possessive or "jede" (at a sentence's start too), a number of any length is an ordinal,
# for German writes a count without them ("stieg auf 145. Die Polizei…" still ends there);
# Swiss "im 2019." is a year, not an ordinal. Without them, a capitalised word after the
# number starts a new sentence (the count's case), except a month after a day (two digits
# at most), and a lower-case word never does.
_ORDINAL_END = re.compile(
    r"\b(?:(?P<before>(?i:am|im|zum|zur|vom|beim|ins|den|dem|der|die|das|des"
    r"|(?:mein|dein|sein|ihr|unser|euer|eur|jed)(?:e|en|em|er|es)?))\s+)?"
    r"(?P<number>\d+)\.$")
_SWISS_YEAR = re.compile(r"(?i:im)\s+(?:1[89]|20)\d\d\.$")
_GERMAN_MONTH = re.compile(
    r"(?:Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|"
    r"November|Dezember)\b|(?:Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez)\.")


# A quotation closing with its full stop, then who said it and when, alone: "Sen. Lindsey
# Graham charged on Sunday.", "The mayor said." (five words at most before the verb).
_QUOTE_END = re.compile(r"[.!?][\"”’]$")
_ATTRIBUTION = re.compile(
    r"(?-i:[A-Z])[\w.'’-]*(?:\s+[\w.'’-]+){0,4}\s+(?:said|says|charged|added"
    r"|told\s+(?:the\s+)?[\w.'’-]+(?:\s(?-i:[A-Z])[\w.'’-]*){0,3}"  # told The Associated Press
    r"|wrote|argued|insisted|claimed|warned|explained|noted|tweeted|declared|stated"
    r"|asked|replied|responded)"
    r"(?:\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|last\s+week)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)?"
    r"(?:\s+(?:in\s+an?\s+(?:statement|interview)|at\s+a\s+(?:news|press)\s+conference"
    r"|on\s+(?:Twitter|X|Facebook|Instagram)))?\.", re.IGNORECASE)
_MOUNT_CUT = re.compile(r"(?<![^\s(-])Mt\.$")
# A rank or office before a name, which Punkt's model does not know ("said Lt. Gregg Hastings
# of the Oregon State Police": reader QA read "Gregg Hastings of the Oregon State Police." as a
# summary's sentence). No sentence ends on one of these; "Jr." and "Sr." often do.
# Also the ranks of US soldiers and troopers (Spc., Pfc., Tpr.), Canada's constables, and the
# bot's other languages' (Spanish "Tte.", "Gral.", "Cnel.", Portuguese "Cel.", Italian "Magg.",
# German "Hptm.", and Polish ranks, written in lower case: "płk.", "ks."): review, stop 48.
_RANK_CUT = re.compile(r"(?<![^\s(\"“'‘-])(?-i:Lt|Lieut|Det|Maj|Supt|Insp|Cmdr|Cdr|Ald|Atty|Sgt"
                       r"|Capt|Cpl|Pvt|Adm|Brig|Gov|Rep|Sen|Gen|Col|Prof|Rev|Ofc|Asst|Dep|Hon"
                       r"|Msgr|Fr|Spc|Pfc|Tpr|Cst|Ptl|Sfc|Cpt|Tte|Gral|Cnel|Sgto|Cel|Magg|Hptm"
                       # Spanish, Portuguese and Italian courtesy titles (reader QA, stop 70
                       # U2: "…según anunció la Sra." was a summary's sentence, "Martín,
                       # ministra…" the next); "Sr." only after an article, for English's
                       # "Sr." ends a name ("John Smith Sr.").
                       r"|Sra|Srta|Dña|Dra|Sig|Sig\.ra|(?:[Ee]l|del|al|[Oo]|do|ao)\s+Sr"
                       r"|Oblt|płk|ppłk|mjr|kpt|ks|insp|nadkom|podkom|kom|mł|podinsp|nadinsp"
                       r"|asp|sierż|Mł|Asp|Sierż|Płk|Ppłk|Mjr|Kpt|Nadkom|Podkom|Kom|Podinsp"
                       r"|Nadinsp"
                       # ("szt." is also "pieces": a rank only after one, "asp. szt.": review)
                       r"|(?:asp|sierż|Asp|Sierż)\.\s+szt|sztab)\.$")
# Polish ranks come in pairs, both in lower case: "mł. insp. Jan Kowalski", "st. asp.", "asp.
# szt." (reader QA, stop 48: "…rzecznik policji mł." was a summary's sentence). "st." (senior)
# only before another rank: alone it may end an English sentence.
_POLISH_RANK = re.compile(r"(?:płk|ppłk|mjr|kpt|insp|nadkom|podkom|kom|podinsp|nadinsp|asp|szt"
                          r"|sztab|sierż|mł|st)\.(?:\s|$)")
_SENIOR_CUT = re.compile(r"(?<![^\s(\"“'‘-])[Ss]t\.$")
_MONTH_CUT = re.compile(r"(?<![\w.])(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.$")

# A wire's dateline glued after words that had no full stop, a standfirst's or a caption's:
# "…with a request for aid MOSCOW, April 24. /TASS/. Local governments…" (reader QA: the
# dateline stayed inside a summary's sentence), "…for aid WASHINGTON, Aug. 5 (Reuters) - The…".
# The place in capitals after a lower-case word, not after "in", "the", "of" ("signed in
# PARIS, May 5." is a sentence), then its date: ending the sentence, or with the agency and dash.
# Not after these ("signed in PARIS, May 5.", "taken by John Smith (AP)"): a place in a sentence.
_NOT_AFTER = r"(?<!\bin)(?<!\bthe)(?<!\bof)(?<!\bat)(?<!\bfrom)(?<!\bby)"
_GLUED_DATELINE = re.compile(
    r"(?:(?<=[a-zß-öø-ÿ])" + _NOT_AFTER + r"\s+"
    r"[A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]+){0,2}(?:,\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:\.(?:\s*/[A-Z][A-Za-z]+/\.?)?$|\s*\([A-Z][\w.]{1,15}\)\s*(?:—|–|--|-)\s+(?=[A-Z]))"
    # ...or without its date, the agency in brackets and a dash: "…emerges as kingmaker
    # BERLIN (REUTERS) - Senior figures…" (reader QA: a headline run into its lead, a title)
    # ...or with its state or country: "…legal marijuana in Illinois MUNDELEIN, Ill.(WISN) —
    # Two people…", "…KYIV, Ukraine (AP) — …" (review, stop 43; SemEval pairs)
    r"|(?:,\s+[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+\.?)?\s*|\s+)"
    r"\([A-Z][\w.]{1,15}\)\s*(?:—|–|--|-)\s+(?=[A-Z])))"
    # ...and a place written as a name before a news agency's mark, as German and Spanish
    # wires write them ("…stärkste Kraft bei Israel-Wahl Jerusalem (dpa) - Die konservative…")
    # (nor after the other languages' prepositions)
    r"|(?<=[a-zß-öø-ÿ])" + _NOT_AFTER + r"(?<!\bim)(?<!\bbei)(?<!\baus)(?<!\bnach)(?<!\bvon)"
    r"(?<!\ben)(?<!\bde)(?<!\bà)(?<!\ba)(?<!\bda)(?<!\bem)(?<!\bno)(?<!\bna)(?<!\bnel)"
    r"(?<!\bdans)"
    # (two places with a slash, "Frankfurt/Main (dpa) -"; EFE's ".-" after its mark: review)
    r"\s+[A-Z][a-zß-öø-ÿ]+(?:[ /-][A-Z][a-zß-öø-ÿ]+)?\s*"
    r"\((?:dpa|AFP|afp|AP|Reuters|KNA|epd|APA|sda|SDA|ANSA|EFE|Efe|Europa\ Press|Belga|ANP)\)"
    r"\.?\s*(?:—|–|--|-)\s*(?=[A-Z])"
    # ...pressetext's, its mark with the item's number, date and time, after any word or a
    # caption's bracket: "…manfredrichter) Geesthacht (pte023/24.04.2020/13:00) - Milde…"
    r"|\s+[A-ZÄÖÜ][\wäöüß]+(?:[ /-][A-ZÄÖÜ][\wäöüß]+)?\s*"
    r"\(pte\d{3}/\d{2}\.\d{2}\.\d{4}/\d{2}:\d{2}\)\s*(?:—|–|--|-)\s*(?=[A-ZÄÖÜ])"
    # pressetext's item code and its desks after the headline, on a page read as text:
    # "Spätfrostgefahr bei anhaltender Trockenheit pte20200424023 Forschung/Entwicklung,
    # Umwelt/Energie Spätfrostgefahr…" (reader QA, stop 43 F18: all of it a title)
    r"|\s+pte\d{11}(?:,?\s+[A-ZÄÖÜ][\wäöüß-]*/[A-ZÄÖÜ][\wäöüß-]*)*\s+(?=[A-ZÄÖÜ])")
# The agency's mark that follows such a date in TASS's style ("…April 24. /TASS/. Local…"),
# a sentence of its own for Punkt. A date ending a sentence is a dateline only with it, or
# with the agency and dash: "…began trading on NASDAQ, Jan. 5." is a sentence (review).
_WIRE_MARK = re.compile(r"/[A-Z][A-Za-z]+/\.?")


# What opens a German sentence and never follows an ordinal: an article or a pronoun ("Er
# feierte seinen 80. Die ganze Familie kam…", "…gratuliert ihm zum 90. Er war…": an age, not
# an ordinal; review, stop 70).
_NO_ORDINAL_AFTER = re.compile(
    r"(?:Der|Die|Das|Dem|Den|Des|Ein|Eine|Einer|Einen|Er|Sie|Es|Wir|Ich|Ihr|Man|Dies|Diese"
    r"|Dieser|Dieses|Doch|Aber|Und|Auch|Dann|Nun)\b")


def _ordinal_goes_on(sentence: str, following: str) -> bool:
    found = _ORDINAL_END.search(sentence)
    if found is None or _SWISS_YEAR.search(sentence) or _NO_ORDINAL_AFTER.match(following):
        return False
    return bool(found["before"] or following[:1].islower()
                or (len(found["number"]) <= 2 and _GERMAN_MONTH.match(following)))


def _at_datelines(sentence: str, *, marked: bool) -> list[str]:
    """A sentence cut where a wire's dateline was glued into it, the dateline left out;
    `marked`: the next sentence is the agency's mark, which a date at the end needs. A loop,
    not a recursion: a page of a thousand glued datelines raised RecursionError (review)."""
    pieces: list[str] = []
    start = 0  # cut from the sentence as it is: slicing its rest at each was quadratic
    for found in _GLUED_DATELINE.finditer(sentence):
        if found.end() == len(sentence) and not marked and not _WIRE_MARK.search(found.group()):
            break
        pieces.append(sentence[start:found.start()])
        start = found.end()
    return [*pieces, sentence[start:]]


# A German heading run into its lead without a full stop, the lead opening with a preposition:
# "Polens Präsidentschaftswahlen - die große Unsicherheit Vor dem Postamt in Warschaus Süden
# waren…" (reader QA, stop 72: a summary's sentence). German writes a preposition with a
# capital only where a sentence starts, so one right after a word (no mark between), with a
# word in lower case soon after it ("Vor dem", "Im Bundesstaat Borno massakrierte"), starts
# one. On the tuning halves' German texts it is found 8 times, each a heading, a credit or a
# sentence whose full stop was lost ("…59 Dörfler Seit er…"). German texts only: English
# headlines capitalise "In", "On", "For". A heading that opens its paragraph is kept as the
# fragment it is (a title may be made of it); one between sentences is left out.
_GERMAN_START = re.compile(
    r"(?<=[^\W_])\s+(?=(?:Vor|Nach|Seit|Bei|Beim|Mit|Im|Am|Auf|Für|Trotz|Wegen|Während|Unter"
    r"|Über|Zum|Zur|Aus|Vom|Gegen|Neben|Zwischen|Ohne|Durch|Laut|In)\s+(?:\S+\s+){0,2}?"
    r"[a-zäöüß])")


# A run of characters without a space this long is no word of a sentence (a scrape's data, a
# line of digits and punctuation): Punkt reads it in pieces of this length, as it takes time
# growing with the square of such a run's length (100 KB of "3,14.2026." took 14 s).
_LONG_RUN = 1_000
_UNSPACED = re.compile(r"\S+")


def _punkt_pieces(paragraph: str) -> list[str]:
    """A paragraph as Punkt reads it: whole, but for its runs without a space of `_LONG_RUN`
    characters or more, which are read on their own, in pieces that long."""
    if len(paragraph) < _LONG_RUN or max(map(len, paragraph.split()), default=0) < _LONG_RUN:
        return [paragraph]
    pieces: list[str] = []
    at = 0
    for run in _UNSPACED.finditer(paragraph):
        if len(run.group()) < _LONG_RUN:
            continue
        pieces.append(paragraph[at:run.start()])
        pieces.extend(run.group()[cut:cut + _LONG_RUN]
                      for cut in range(0, len(run.group()), _LONG_RUN))
        at = run.end()
    pieces.append(paragraph[at:])
    return [piece for piece in pieces if piece.strip()]


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, by Punkt (`nupunkt`, its model bundled), so that "R.
    Kelly", "U.S." and "Dr. Smith" do not end one; Chinese and Japanese full stops, which
    Punkt does not know, end one too; a German ordinal ("27. März") does not; a wire's
    dateline glued after words without their full stop ("…for aid MOSCOW, April 24.") is
    cut out, and what came before it ends there, as the fragment it is."""
    found: list[str] = []
    german: bool | None = None  # decided once, when a paragraph has a number ending a piece
    raws = [sentence if isinstance(sentence, str) else str(sentence[0])
            for piece in _punkt_pieces(paragraph) for sentence in nupunkt.sent_tokenize(piece)]
    for number, raw in enumerate(raws):
        marked = number + 1 < len(raws) and bool(_WIRE_MARK.fullmatch(raws[number + 1].strip()))
        for piece in (piece for part in _at_datelines(raw, marked=marked)
                      for piece in _CJK_END.split(part)):
            part = piece.strip()
            if not part:
                continue
            if found and part[:1] in ")]" and found[-1].count("(") > found[-1].count(")"):
                # "Rep. Bob Goodlatte (R-Va.), made the…": Punkt ends a sentence inside the
                # brackets (reader QA, stop 48: "…Goodlatte (R-Va." was a summary's sentence).
                found[-1] = f"{found[-1]}{part}"
            elif found and (((_MOUNT_CUT.search(found[-1]) or _RANK_CUT.search(found[-1]))
                             and part[:1].isupper())
                            or ((_RANK_CUT.search(found[-1]) or _SENIOR_CUT.search(found[-1]))
                                and _POLISH_RANK.match(part))):
                # "…in the Aoraki-Mt. Cook National Park": a mountain's name goes on (reader
                # QA: a summary ended "…in the Aoraki-Mt." and its update began "Cook…").
                found[-1] = f"{found[-1]} {part}"
            elif found and _MONTH_CUT.search(found[-1]) and part[:1].isdigit():
                # "the Aug. 23-Sept. 5 issue": a date, not a sentence's end (reader QA: "5
                # issue of The Hollywood Reporter magazine." was a summary's sentence).
                found[-1] = f"{found[-1]} {part}"
            elif found and found[-1][-1:] == "!" and part[:1].islower() and (
                    part.split()[0].islower()):
                # A name's mark, not a sentence's end: "a docu-series on E! starting July
                # 27", "Yahoo! said" (QA stop 63 F9: a summary ended "…on E!", its date lost);
                # not before a name written so ("Wow! iPhone sales fell": review).
                found[-1] = f"{found[-1]} {part}"
            elif found and _QUOTE_END.search(found[-1]) and _ATTRIBUTION.fullmatch(part):
                # "…was a “case study of a breakdown.” Sen. Lindsey Graham charged on
                # Sunday.": the speaker's words end the quote's sentence (reader QA: a title
                # stopped at the quote and a summary opened with the rest).
                found[-1] = f"{found[-1]} {part}"
            elif found and _ordinal_goes_on(found[-1], part) and (
                    german if german is not None
                    else (german := detect_language(paragraph) == "de")):
                found[-1] = f"{found[-1]} {part}"
            elif _GERMAN_START.search(part) and (
                    german if german is not None
                    else (german := detect_language(paragraph) == "de")):
                # (a heading between two sentences is no sentence: "…abhalten wird.
                # COVID-19-Richtlinie Im Rahmen…" ended a summary with it; one opening the
                # paragraph stays, a title's)
                heading, *leads = _GERMAN_START.split(part)
                found.extend(piece for piece in ([] if found else [heading]) + leads if piece)
            else:
                found.append(part)
    return found


# -- headlines ----------------------------------------------------------------------------

# Photo credits and player controls scraped into a line of text, where they cut a sentence in
# two: "…in Urbandale, Iowa. (AP Photo/Charlie Neibergall) (Associated Press) Steve Gordon…",
# "…the Senate floor Wednesday. | John Shinkle/POLITICO Congressional leaders…". All seen in
# summaries of the dev sets' tuning halves.
_NAME = r"(?-i:[A-Z][\w.'’-]+)"
_AGENCY_WORDS = r"(?:\s(?-i:Images|Photo|Pool|Network))?"
_PIPE_CREDIT = r"\|\s*" + _NAME + r"(?:\ " + _NAME + r"){1,3}/(?-i:[A-Z])[\w&.-]*" + _AGENCY_WORDS
_INLINE_CREDIT = re.compile(
    r"""\s*(?:
        \((?:(?:AP|AFP|Reuters|dpa)\ )?(?:Photo|Foto|Image|Picture)\b[^()]{0,80}\)  # (AP Photo)
      | \(Bild:\s[^()]{2,80}\)  # "(Bild: …)"; "(Bild am Sonntag)" is a paper
      | Jetzt\ teilen:(?:\s+Jetzt\ teilen:)*  # German share and log-in buttons
      | Melden\ Sie\ sich\ an\ und\ diskutieren\ Sie\ mit
        (?:\s+Anmelden(?:\s+Pfeil\ nach\ rechts)?)?
      | \((?:Associated\ Press|Getty\ Images)\)   # a credit; "(Reuters)" is a dateline
      | \(""" + _NAME + r"""(?:\ """ + _NAME + r"""){1,3}\s?/\s?[^()/]{2,40}\) # (Jo Rae/Getty)
      | """ + _PIPE_CREDIT + r"""
      # ...or bare before a line's text: "Tom Williams/Getty Images Rep. Jackie Speier…"
      # (reader QA, stop 45: inside a summary)
      # (where a caption sits, at a line's or a sentence's start and before one: not "a
      # Morning Consult/Bloomberg News poll", "an Edison Research/Reuters exit poll": review)
      | (?:^|(?<=[.!?]\ ))""" + _NAME + r"""(?:\ """ + _NAME + r"""){1,3}/(?-i:Getty\ Images
        |AFP(?:\ via\ Getty\ Images)?|AP(?:\ Photo)?|EPA|Reuters|REUTERS|Bloomberg|NurPhoto
        |Sipa|Shutterstock)(?=\s+(?!(?-i:News|Polls?|Surveys?|Data)\b)(?-i:[A-Z]))
      # (not after its label, "…stellt. Foto: REUTERS/TYRONE SIU Hongkong – Die…": the label
      # left alone hid where a caption in the opening line ends, `_LABELLED_CREDIT`, and
      # /summarize of the page opened with the caption: reader QA stop 72 Q5)
      | (?<![\w/])(?<!(?-i:Foto|Bild):\ )(?<!(?-i:Photo|Image):\ )
        (?-i:REUTERS|AFP)/(?-i:[A-Z][\w'’-]+\ [A-Z][\w'’-]+)(?![.\w'’-])
        (?:/(?:Illustration|File\ Photo|Pool))?                     # REUTERS/Jo Rae
      | -?\s*©\s*(?:Foto|Photo|Bild|Image):?\s*[^/\n]{2,40}/[\w&/-]+
      | \+?\s*©\s*picture\ alliance  # dpa's photo agency's credit, its agencies' marks
        (?:(?:\s*/\s*[\w&.-]+)+\s*\|\s*(?-i:[A-Z][\w'’-]+\ [A-Z][\w'’-]+)  # "/ Flashpic | Jo Rae"
         |(?:\s*/\s*(?-i:[a-z][\w&.-]*|[A-Z]{2,}[\w&.-]*|[A-Z][\w&.]*-[\w&.-]+)(?![\w&.-]))+
           (?:\s*[/|]\s*(?-i:[A-Z][\w'’-]+\ [A-Z][\w'’-]+))?  # ...and its photographer
         | \s*\|\s*(?-i:[A-Z][\w'’-]+\ [A-Z][\w'’-]+))?  # (after a bar only, with no agency)
      | Image\ copyright\ .{0,60}?Image\ caption
      # A credit naming a web address, run into the text: "…Dschihadisten aus. Bild:
      # media.defense.gov Im Bundesstaat Borno…" (German QA, stop 57: inside a summary)
      | (?:^|(?<=[.!?]\ ))(?:Bild|Foto|Quelle|Photo|Image|Credit):\ (?:[\w-]+\.)+
        (?-i:[a-z]{2,6})(?=\s|$)
      # A credit inside a line, and the caption after it to the line's end: "…Response To Rape
      # Allegations CREDIT: AP Photo/Brennan Linsley Bill Cosby performs at the Buell Theater
      # in Denver on Jan. 17, 2015." (reader QA, stop 55 F13: a file's headline); only a
      # caption's length (review: a text of one line lost its rest after a credit)
      | \s+credit:\s*(?:AP|AFP|Reuters|Getty\ Images|EPA)(?:\ Photo)?/(?-i:[A-Z])(?=.{0,160}$).*$
      | (?:CLOSE\s+)?Skip\ in\ Skip\ x\ Embed\ x\ Share(?:\s+(?-i:CLOSE)(?=\s))?
      | ^(?-i:CLOSE\ (?=["“‘']?[A-Z][a-z]))   # a video player's button before its caption
      | ^(?:updated|published)\ \|                                  # "Updated | When the…"
      | (?:Enlarge\ this\ image\s+)?toggle\ caption(?:\s+""" + _NAME + r"""(?:\ """ + _NAME
    + r"""){0,3}/[\w&-]+""" + _AGENCY_WORDS + r"""){0,2}
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_CREDIT = re.compile(_PIPE_CREDIT)


def strip_credits(line: str) -> str:
    """A line without the photo credits, player controls and font-size buttons ("A+ A-":
    reader QA, in a pasted article's first sentence) scraped into it, nor a share button's
    label before its text ("Share this too The Ogun state command…": reader QA), nor a
    video's licensing notice (reader QA, stop 70 T7: `_GLUED_NOTICE`)."""
    line = _SHARE_LABEL.sub("", _CONTROLS.sub("", _INLINE_CREDIT.sub("", _NOTICE_IN_LINE.sub(
        "", line))))
    return line.strip(" |")


_SHARE_LABEL = re.compile(
    r"^\s*share\s+this(?:\s+(?:too|article|story|post|page))?\s+(?=(?-i:[A-Z]))", re.IGNORECASE)



# A date glued before a headline with a dash ("27/09/2013-Turkmenistan…"): a feed's title and
# a text's lead-in alike.
DATE_PREFIX = r"\d{1,2}[./]\d{1,2}[./]\d{4}\s*[-–—]"
# A month's name or abbreviation, for patterns of dates (case-insensitive ones).
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|[ap]m)\b"
# A feed's advertisement, labelled so before its headline: "ADV: Hassle-Free Car Financing"
# (reader QA, stop 55 F7: filed as a technology story), "Sponsored: …", "[Anzeige] …",
# "Publireportage -", "Artykuł sponsorowany:", in the bot's languages. Not the words for
# advertising alone ("Werbung:", "Publicidad:", "Reklama:"), which head news of the trade too,
# nor "Promoted:" (a club's promotion).
_ADVERT = re.compile(
    # ("AD-1 Skyraider", a criminal complaint's "Anzeige - Polizei ermittelt" are no labels:
    # review)
    r"^\W{0,2}(?:(?-i:ADV?)\s*:|[\[(]anzeige[\])]|anzeige\s*:"
    r"|(?:advertisement|advertorial|sponsored(?:\s+(?:content|post|story))?"
    r"|paid\s+(?:content|post|partnership)|partner\s+content|publireportage"
    r"|contenido\s+patrocinado|contenuto\s+sponsorizzato|conteúdo\s+patrocinado|gesponsord"
    r"|artykuł\s+sponsorowany)\s*[\]):|–—-])", re.IGNORECASE)


def advertised(title: str) -> bool:
    """Whether a headline is labelled an advertisement ("ADV: …", "Sponsored: …")."""
    return _ADVERT.match(title) is not None


# A byline's rank or title before the name: "By Staff Sgt. Benjamin W. Stratton, 7th Air Force
# Public Affairs" (reader QA, stop 55 F9: a story's title).
_RANK = (r"(?:(?:staff|master|tech|senior|chief|first|petty)\s+)?(?:sgt|sergeant|spc|pfc|cpl"
         r"|lt|lieutenant|capt|captain|maj|col|colonel|adm|cmdr|commander|airman|dr"
         r"|prof)\.?\s+")
# ...and a name's words after it, capitalised (not "By Dr. Fauci's estimate, half…", nor "By
# Sgt. Pepper / Beatles album turns 50": review)
_CAPITALISED = r"(?-i:[A-Z][A-Za-z.-]*(?:['’][A-Z][a-z]+)?)(?![\w'’])"
_NOT_A_HEADLINE = re.compile(
    rf"""^\s*(?:
        by\s+[\w.'’-]+(?:\s+[\w.'’-]+){{0,3}}(?>(?:(?:\s*,|\s+(?:and|&))\s*[\w.'’-]+(?:\s+[\w.'’-]+){{0,3}})*)
            \s*(?:[,|·•-].*)?$                                   # a byline: "By Dan Collyns"
      | by\s+{_RANK}{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}(?:\s*,.*)?$   # ...with a rank
      | (?:photo(?:graph)?|image|picture|video|graphic|credit|file\ photo)   # a credit...
            \s*(?::|/|\(|-|—|–|$|(?:by|courtesy|credit|copyright|caption|source)\b).*
      | (?:copyright|©).*   # ...but a headline may open with the word: "Video phones act as…"
      # A credit or a page's label standing alone where a feed puts its headline (reader QA,
      # stop 47: stories titled "Getty Images", "Live updates", "Listen to this article",
      # a related link "(Photo: AP)").
      | \(\s*(?:photo(?:graph)?|image|picture|video|file\ photo|foto|bild)\b[^()]*\)\s*$
      | (?:(?:[\w'’.-]+\s+){{0,3}}[\w'’.-]+\s*/\s*)?getty\ images(?:\s+(?:for|via)\b.*)?$
      | (?:[\w'’.-]+\s+){{1,3}}via\ getty\ images$   # "AFP via Getty Images" (not "…beats
                                                    # Getty Images", a headline: review)
      | (?:the\ )?associated\ press\s*$
      | (?:ap|reuters|afp|epa|dpa|pa|xinhua)\ (?:photo|pictures?|images?)(?:\s*[/:,|-].*)?$
      | (?:live(?:\ updates?|\ blog|\ coverage)?|listen\ to\ (?:this\ )?(?:article|story)
            |advertisement|sponsored(?:\ content)?|breaking\ news|opinion|subscribe|read\ more
            |anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|reklama)
            \s*[.:]?\s*$
      | ["“]?this\ (?:video|photo|image|story)\ (?:is|was|has)\b.*  # "This video is ..."
      | (?:a|an|the)\ (?:photo(?:graph)?|picture|image)\ (?:from|of|shows|taken)\b.*  # captions
      | the\ scene\ (?:of|at|outside)\b.*\b(?:19|20)\d\d\.?\s*  # "The scene … on July 29, 2013."
      | (?:download|sign\ up|subscribe)\b.*\b(?:our|app|newsletter|free)\b.*  # a promotion
      | .*\b(?:in\ your\ app\ store|download\ (?:our|the)\ (?:free\ )?app)\b.*  # ...anywhere
      | play\ (?:facebook|twitter|video)\b.* | (?:twitter|facebook|embed|autoplay)\s*$  # a player
      | embed\b.*\b(?:autoplay|copy\ this\ code)\b.*
      | (?:.*[\s(])?https?://[^\s/]+/\S*\s*$  # ending with a link: a credit, a share line
      | [A-Z][A-Z .'’-]{{1,40}}(?:,[A-Za-z .]{{2,31}})?\s*(?:\(\w+\)\s*)?[-—–:|]\s*$  # dateline
      | (?:updated|published|posted|last\ updated)\b.*\d.*        # a time stamp
      | update\s*:\s*(?:{MONTH}|[a-z]+day\b|{_DAY}[./-]\d|{_CLOCK}|\d{{1,2}}[:.]\d{{2}}).*
      | update\s+{_CLOCK}\.?(?:\s.*)?$   # a live page's stamp: "Update 11:32 a.m." (reader QA),
                                        # and what it says next (reader QA, stop 55 F9)
      | (?:updated|published|posted)\ by\b.*                       # "Updated By Ken Dilanian"
      | file\ ?[-—–]\ .*                                         # an agency's file-photo caption
      | (?:media\ (?:playback|caption)|please\ enable|(?:enable\ )?javascript\ is
            |your\ browser\ does\ not|story\ highlights\s*$)\b.*  # page furniture
      | (?:click\ to|share\ (?:on|this|via)|tap\ to)\b.*        # share buttons
      | (?:(?:jetzt\ )?teilen|partager|compartir)\s*(?::.*)?$      # ...in German, French, Spanish
      | (?:bild|foto|quelle)\s*:.* | melden\ sie\ sich\ an\b.*
      | .*\(opens\ in\ (?:a\ )?new\ window\)
      | (?:[a-z]+day,?\s+)?(?:{MONTH}\s+{_DAY}|{_DAY}\.?\s+(?:of\s+)?{MONTH}),?\s+\d{{4}}
            (?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}.*)?$   # a date: "Sunday, July 31, 2011"
      | {_CLOCK}\.?$                                             # a time: "7.57 pm."
      | \d{{1,3}}\ of\ \d{{1,3}}\.(?:\s.*)?$  # a gallery's counter and caption: "1 of 12. ..."
      | \W*$                                                     # nothing but punctuation
      | (?:most\s+(?:popular|read|shared)(?:\s+stories)?\s*)+(?:more\s*>>\s*)?$  # a widget's head
      | (?:dear|to|hi|hello)\b(?!-)[^.!?:]{{0,40}},\s*$  # a salutation: "To our community,"
      # A paper's section heading (reader QA, stop 44: "Material and association" titled a
      # dinosaur-foot story): made only of such words, one of them a section's name.
      | (?=.*\b(?:abstract|introduction|methods?|materials?|results|discussion|background
            |conclusions?|acknowledge?ments|references|description|palaeontology|paleontology
            |availability)\b)
        (?:(?:materials?|methods?|and|&|association|results|discussion|introduction|abstract
            |background|conclusions?|summary|acknowledge?ments|references|systematic
            |palaeontology|paleontology|description|supplementary|information|data
            |availability|study|area|site|samples?|analys[ie]s|statistical|geological
            |setting)\s*[.:]?\s*){{1,5}}$
    )""", re.IGNORECASE | re.VERBOSE)
# A title made from an item's text is cut to this many characters, at a word.
_TITLE_CHARS = 100
_TITLE_SLACK = 20


def is_headline(title: str) -> bool:
    """Whether a title reads as a headline, not a byline, dateline, credit, date or time stamp."""
    # A leading separator ("/ Updated By ...") is the rest of a line of page furniture.
    title = title.strip().lstrip("/|·•–— ")
    return bool(title) and not _NOT_A_HEADLINE.match(title) and not _LONE_WORD.fullmatch(title)


# A page's title of fewer words is more likely a site's name ("BBC News") than a headline.
_PAGE_HEADLINE_WORDS = 4


def reads_as_page_headline(title: str, *, max_chars: int) -> bool:
    """Whether a page's title reads as its article's headline, not the site's name."""
    return (is_headline(title) and len(title.split()) >= _PAGE_HEADLINE_WORDS
            and len(title) <= max_chars)  # longer than a feed's may be: keywords (review)


def told_by(title: str, text: str) -> bool:
    """Whether a page's title has a word its text says, in any form ("pulls" and "pulled":
    review): a headline does, a site's name mostly does not. Without spaces between words
    (Chinese, Japanese): four of its characters in a row."""
    if _CJK.search(title):
        return any(title[at:at + 4] in text for at in range(len(title) - 3))
    # (the typographic apostrophe, U+2019, as the ASCII one Snowball strips: a title of
    # Merkel's legacy so written is told by "Merkel", review)
    titled = {stem(word) for word in WORD.findall(title.casefold().replace("’", "'"))
              if len(word) >= 4 and not is_stop_word(word)}
    # Only a text's words that may stem as the title's are stemmed: a stem keeps its word's
    # first two letters, but for a "-ying" word's ("dying" -> "die"), which keeps its first
    # (a megabyte page of distinct words took a minute, every one of them stemmed).
    openings = {found[:2] for found in titled}
    firsts = {found[:1] for found in titled}
    return any(stem(word) in titled
               for word in set(WORD.findall(text.casefold().replace("’", "'")))
               if len(word) >= 4 and (word[:2] in openings or (
                   word.endswith("ying") and word[:1] in firsts)))


def shown_title(title: str, text: str) -> str:
    """An article's headline as a reader is shown it: its own when it reads as one, else one
    made from its text (reader QA: a related link read "Media playback is unsupported on your
    device Media caption…", a title scraped from a video player)."""
    return title if is_headline(title) else (title_from_text(text) or title)


def written_as_headline(title: str) -> bool:
    """A few words with no closing full stop, comma or ellipsis, and no site or menu
    separators: how outlets write headlines, and not how a text's opening sentence, a section
    label ("Your Health") or a breadcrumb ("English >> World") reads."""
    words = title.rstrip(" \"'”’»)")
    return (len(words.split()) >= 3 and not words.endswith((".", "…", ",", ";", ":"))
            and "|" not in words and ">>" not in words)


# Whom a letter greets ("To our community,"): not any name ("Hello Kitty, …").
_ADDRESSEES = (r"(?:community|customers|readers|users|members|employees|staff|shareholders"
               r"|stockholders|investors|friends|team|colleagues|partners|fans|supporters"
               r"|families|parents|subscribers|viewers|listeners|clients|patrons|followers)")

# A site's section names, as a label before a headline ("POLITICS | ...").
_SECTIONS = (r"NEWS|WORLD|POLITICS|BUSINESS|MONEY|SPORTS?|OPINION|TECH(?:NOLOGY)?|SCIENCE"
             r"|HEALTH|LOCAL|NATIONAL|ENTERTAINMENT|CULTURE|LIFESTYLE|TRAVEL|VIDEO|PHOTOS")
# What opens a lead sentence but is not the news: "Story highlights", a dateline ("WASHINGTON
# (AP) —", "(CNN) --", "NEW YORK —").
_AGENCY = r" ?\((?-i:AP|CNN|Reuters|AFP|UPI|dpa|Xinhua|Bloomberg|Dow Jones)\)"
# Capital letters of the scripts the bot's readers write, for a dateline's city in any of
# them ("ROMA", "ΑΘΗΝΑ", Moscow in Cyrillic, "İSTANBUL", "ŁÓDŹ": reader QA, stop 53 F2).
_CAPS = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĞĠĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŜŞŠŢŤŪŮŰŲŸŹŻŽΆΈ-ΏΑ-ΩЁ-Я"
# One word in capitals (with its agency), or an initial: a page's dateline line
# ("PHILADELPHIA", LLM QA s57: a story's title), a cut name ("R.", German QA s57).
_LONE_WORD = re.compile(rf"(?:[{_CAPS}][{_CAPS}'’.-]+(?:\s*\([^()]{{1,30}}\))?|[^\W\d_]\.)")
_CITY = rf"(?-i:[{_CAPS}][{_CAPS}.'’ ]{{1,40}}[{_CAPS}.])"
# A news agency in brackets, in any language: "(ANSA)", "(EFE)", "(Lusa)", "(dpa)", "(TT)",
# "(ΑΠΕ-ΜΠΕ)".
_ANY_AGENCY = r"\((?-i:[\w][\w.&-]{0,15})\)"  # one word: not "NASA (the agency) -" (review)
# A day before its month, as most languages write a date: "5 dicembre", "5 dic", "05 dez
# 2026", "5. Dezember", "5 дек"; a month's name, not "Messi, 2 goles -" (second review).
# English days and months, capitalised but no names (`extractive`, `surnames`).
DAYS_AND_MONTHS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"})
_MONTHS = (r"(?:jan|feb|f[ée]v|mar|m[äa]r|maa|mrt|apr|avr|abr|ma[iy]|mei|maj|mag|jun|jui|giu|jul"
           r"|lug|aug|ao[uû]|ago|sep|set|wrz|o[ck]t|ott|out|pa[źz]|nov|lis|de[cz]|dic|d[ée]c|gen"
           r"|ene|sty|lut|kwi|cze|lip|sie|gru|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек"
           r"|ιαν|φεβ|μαρ|απρ|μα[ΐιϊ]|ιουν|ιουλ|αυγ|σεπ|οκτ|νοε|δεκ)[^\W\d_]*\.?")
_DAY_MONTH = rf"\d{{1,2}}\.?\s+(?i:{_MONTHS})(?:\s+\d{{4}})?"
# News agencies that follow a city in title case ("Tokio (dpa) -", "Lisboa (Lusa) -").
_AGENCIES = (r"\((?-i:dpa|AFP|AP|Reuters|EFE|ANSA|Lusa|ANP|Belga|PAP|APA|TT|NTB|STT|AA|DHA|CTK"
             r"|MTI|Agerpres|ΑΠΕ-ΜΠΕ|ТАСС|РИА Новости|Интерфакс|Xinhua|Kyodo|Yonhap)\)")
# A city written in title case, in the scripts the bot's readers write ("Lisboa", "Москва",
# "Αθήνα").
_TITLE_CITY = r"(?-i:[A-ZÀ-ÞА-ЯЁΑ-ΩΆΈ-Ώ][a-zß-ÿа-яёά-ώ]+)"
_PLACE = rf"{_CITY}(?-i:,\s*[A-Z][A-Za-z.]{{1,12}})?"
# An outlet in brackets and a dash before a text's own words, wherever a sentence starts:
# "…researcher contends. (HealthDay)—A little jogging is good…" (reader QA: kept in the middle
# of a summary). A dash, not a hyphen: "(Reuters) -" needs its place before it.
# A live page's stamp on a post: "Update 11:20:", "Aktualisierung 9.05 Uhr:".
_LIVE_STAMP = (r"(?:Update|Updated|Aktualisierung|Mise à jour|Actualización"
               r"|Aggiornamento(?: ore)?|Atualização)\s+\d{1,2}[:.h]\d{2}"
               r"(?:\s*(?:Uhr|[ap]\.?m\.?))?\s*:")


_LEAD_IN = re.compile(
    r"^(?:story highlights\s+|(?:close\s+)?skip in skip x embed x share\s+"  # a video player
    r"|\((?-i:[A-Z][A-Za-z]{1,15}(?:[ ][A-Z][A-Za-z]{1,15})?)\)\s*(?:—|–|--)\s*"
    r"(?=(?-i:[A-Z]))"
    rf"|{_PLACE}\s*(?:\(\w[\w .]*\)\s*)?(?:—|–|--)\s+"  # WASHINGTON —, ROELAND PARK, Kan. —
    rf"|{_PLACE}\s*\(\w[\w .]*\)\s*-\s+"             # NEW YORK (Reuters) -
    # SINGAPORE/BEIJING Former… (places of four letters or more: not HIV/AIDS, AC/DC: review)
    r"|(?-i:[A-Z]{4,}(?:/[A-Z]{4,})+)\s+(?=(?-i:[A-Z][a-z]))"
    # PARIS An Algerian man… (a place in capitals, its dash lost, before an article opening
    # the lead: reader QA stop 72 Q6, a title), in sentence case: "ISIS A Threat To Europe"
    # and "NFL The Best Teams Of 2020" are an acronym's headline (review)
    r"|(?-i:[A-Z]{3,}(?:\s[A-Z]{2,}){0,2})\s+"
    r"(?=(?-i:(?:A|An|The)\s+(?:[A-Z][\w'’-]*\s+)?[a-z]))"
    rf"|{_CITY}(?-i:,\s*[A-Z][a-z]{{1,5}}\.)\s*-\s+"  # ALLENTOWN, Pa. -
    rf"|(?-i:[A-Z][\w.,'’ ]{{2,40}}){_AGENCY}\s*(?:—|–|--|-)\s*"  # ROME, Feb. 25 (UPI) --
    rf"|(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}) ?{_AGENCY}\s*"  # Washington (CNN)
    rf"|{_AGENCY}\s*(?:—|–|--|-)\s+"                    # (CNN) --
    # Other languages' datelines (reader QA, stop 53 F2): "ROMA, 5 dicembre (ANSA) -",
    # "MADRID, 5 dic (EFE).-", "Lisboa, 05 dez 2026 (Lusa) -", "ΑΘΗΝΑ (ΑΠΕ-ΜΠΕ) -", the agency
    # after the dash (RIA Novosti's, in Cyrillic), and none: "STOCKHOLM (TT) Laget…"
    rf"|(?:{_PLACE}|{_TITLE_CITY})\s*,\s*{_DAY_MONTH}\s*(?:{_ANY_AGENCY})?\.?\s*"
    r"(?:(?:—|–|--|-)\s*(?:(?-i:РИА Новости|ТАСС|Интерфакс|RIA Novosti|TASS|Interfax)\.\s*)?"
    # ...TASS's "MOSCOW, 5 December. /TASS/." (in Cyrillic: second review)
    r"|\.?\s*/(?-i:[A-ZА-Я][\w-]{1,12})/\.?\s*)"
    rf"|{_CITY}\s*{_ANY_AGENCY}\.?\s*(?:—|–|--|-)\s*"
    # Interfax's: "Москва. 5 декабря. INTERFAX.RU -" (Russian reader QA, stop 55 F1)
    rf"|(?:{_TITLE_CITY}\.\s*{_DAY_MONTH}\.\s*)?(?-i:INTERFAX(?:\.RU|-Украина)?|Интерфакс)"
    r"\s*(?:—|–|--|-)\s*"
    # (a city in title case with a news agency's name: "Tokio (dpa) -"; "Apple (AAPL) -" is a
    # company and its ticker)
    rf"|{_TITLE_CITY}\s*{_AGENCIES}\.?\s*(?:—|–|--|-)\s*"
    # ...or with its region and a wire's credit in brackets, any name: "Athens, Greece (Sports
    # Network) - Wednesday night it was Paul Hamm's turn…" (helpers of stop 72: read as no
    # dateline, an Olympic preview was Greece's news). Without a region, only a credit that
    # is no ticker or single word: dotted, in camel case or of two words ("Boston (SI.com) -",
    # "New York (TheStreet) -"); "Apple (AAPL) -", "Apple (Nasdaq) -" are a company's.
    rf"|{_TITLE_CITY}(?:[ ]{_TITLE_CITY}){{0,2}}"
    r"(?:(?-i:,\s*[A-Z][\w.]*(?:[ ][A-Z][\w.]*){0,2})\s*"
    r"\((?-i:[A-Z][\w.&'’/-]*(?:[ ][A-Z][\w.&'’/-]*){0,2})\)"
    r"|\s*\((?-i:[A-Z][\w&-]*(?:\.[A-Za-z]{2,})+|[A-Z][a-z]+[A-Z][A-Za-z]+"
    r"|[A-Z][\w&-]*[a-z][\w&-]*(?:[ ][A-Z][\w&-]*){1,2})\)"
    # (or a wire's number with its date and time: "Geesthacht (pte023/24.04.2020/13:00) -
    # Milde Winter…", pressetext's; a company names no day)
    r"|\s*\((?-i:[a-z]{2,5}\d{1,4})/\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?:/\d{1,2}:\d{2})?\))"
    r"\s*(?:—|–|--|-)\s+(?=(?-i:[A-Z\"“]))"
    # (a city of four letters or more: "IBM (NYSE) Reports…" is a company's headline)
    rf"|(?-i:[{_CAPS}][{_CAPS}.'’ ]{{2,40}}[{_CAPS}.])\s*\((?-i:[A-Z]{{2,6}})\)\s+"
    rf"(?=(?-i:[{_CAPS}][a-zà-ÿ]))"
    rf"|{_AGENCY}\s*(?=(?-i:[A-Z]))"                     # (CNN) The ..., (CNN)The ...
    # A dateline with its date and any agency or station (reader QA): "MOSCOW, Aug. 18
    # (Xinhuanet) --", "ISLAMABAD, Pakistan : Sep 04 (PID) -"
    rf"|{_PLACE}\s*[:,]?\s*{MONTH}\s+{_DAY},?\s*"
    # (or agencies: "ABU DHABI, November 3 (IslamOnline.net & News Agencies) -")
    r"\((?-i:[A-Z][\w.]{1,15}(?:\s(?:&|and)\s[\w. ]{1,25})?)\)\s*(?:—|–|-)(?:\s*(?:—|–|-))*\s+"
    # ...or with its date and a dash alone, as AG's wires write it: "BANGKOK, Thailand Sept.
    # 30, 2004 - Millions of volunteers…" (reader QA, stop 51: a summary opened so, its 2004
    # date in today's briefing)
    rf"|{_PLACE}\s*[:,]?\s*{MONTH}\s+{_DAY},?\s*(?:\d{{4}}\s*)?(?:—|–|--|-)\s+"
    r"(?=(?-i:[A-Z]))"
    # ...or a site's address and a dash: "washingtonpost.com - WeatherBug wants to…"; in
    # lower case, as a site's label is ("Amazon.com - Shares jump" is the company: review)
    r"|(?-i:(?:www\.)?[a-z0-9-]{2,40}\.(?:com|org|net|co\.uk|com\.au))\s+(?:—|–|--|-)\s+"
    r"(?=(?-i:[A-Z]))"
    # ...or in brackets, with a place and a year: "(Buffalo, NY, October 18, 2004) - -"
    r"|\((?-i:[A-Z])[^()]{1,40},[^()]{1,40}\b\d{4}\)\s*(?:—|–|-)(?:\s*(?:—|–|-))*\s+"
    # A scraped label: "Article content VIENNA —"
    r"|article\s+content\s+(?=(?-i:[A-Z]))"
    # The dash a dateline left, its place cut away: "— The girls walk up and down the…"
    # (reader QA, stop 48: a story's title and its summary's first sentence); not the dash
    # that opens speech in Spanish, French or Polish, which another closes in its sentence
    # ("— No me voy a rendir — dijo el presidente…": review)
    r"|(?:—|–|--)\s+(?=[\"“‘']?(?-i:[A-Z]))(?![^\n.!?]*\s(?:—|–|--)\s)"
    # An AP dateline with its state and no dash: "NEWTOWN, Conn. Parents of almost half…"
    # (reader QA, stop 45: a story's title)
    rf"|{_CITY},\s*(?-i:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich"
    r"|Minn|Miss|Mo|Mont|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D"
    r"|Tenn|Tex|Vt|Va|Wash|W\.Va|Wis|Wyo|D\.C)\.\s+(?=(?-i:[A-Z][a-z]))"
    # A time stamp glued before the text: "Published on Dec 29, 2016 ...", "Updated on May 5,
    # 2020 at 10:00 ...", "Published Dec. 29, 2016 10:02 a.m. ET ..."
    rf"|(?:published|posted|updated)(?:\s+on)?\s+{MONTH}\s+{_DAY},?\s+\d{{4}}"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{2,4})\b)?)?\s+"
    # A gallery's counter before a caption on the same line: "1 of 12. ..."
    r"|\d{1,3} of \d{1,3}\.\s+"
    # A date glued before the headline with a dash: "27/09/2013-Turkmenistan to hold…"
    # (reader QA, stop 44)
    rf"|{DATE_PREFIX}\s*(?=(?-i:[A-ZÀ-ÖØ-Þ]))"
    # A blog's date line run into its text: "April 10th, 2016 April is here…" (reader QA)
    rf"|{MONTH}\s+{_DAY},?\s+\d{{4}}\s+(?=(?-i:[A-Z]))"
    # ...after a weekday, or a town: "Wednesday, April 8th 2020 FRANKFURT…", "Vevey, March 24,
    # 2020 Nestlé S.A. maintains…" (reader QA)
    # (the town with its comma: "Starting January 1, 2026 California will…" is news: review)
    rf"|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?|(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)?),)\s+"
    rf"{MONTH}\s+{_DAY},?\s+\d{{4}}\s+(?=(?-i:[A-Z]))"
    # A byline run into a weekday: "by Associated PressWednesday, April 8th 2020…"
    r"|by\s+(?-i:[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}?)"
    r"(?=(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,))"
    # A German byline with its photo's credit: "Jens Mattern Bild: Jens Mattern", "Peter
    # Mühlbauer Bild: media.defense.gov" (reader QA)
    r"|(?P<byline>(?-i:[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+){1,2}))\s+(?:bild|foto)\s*:\s*"
    r"(?:(?P=byline)|[\w-]+(?:\.[\w-]+)+)\s+(?=(?-i:[A-ZÄÖÜ]))"  # not "…Foto: Olaf Scholz sagte"
    # ...or alone, a name before the lead's article: "Peter Mühlbauer Ein kalifornischer
    # Nationalgardist…" (reader QA, stop 73 R4). No sentence goes on from a name to an
    # article (in English, before a word in lower case: "Star Wars The Force Awakens" is a
    # film's name); a first name and a surname, nothing longer, not a place's preposition
    # ("Im Norden Die Grünen…" is a heading glued).
    r"|(?-i:(?!(?:Im|Am|In|An|Auf|Bei|Vor|Nach|Seit|Mit|Für|Zum|Zur|Vom|Aus|Von|Der|Die|Das"
    r"|Den|Dem|The|On|At)\s)"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?\s+[A-ZÄÖÜ][a-zäöüß][\w'’-]*)\s+"
    r"(?=(?-i:(?:Der|Die|Das|Ein|Eine)\s+[^\W\d_]|(?:The|A|An)\s+[a-z]))"
    # A site's widget heading, repeated: "Most Popular Stories Most Popular Stories More>>"
    r"|(?:most\s+(?:popular|read|shared)(?:\s+stories)?\s+)+more\s*>>\s*"
    # A dateline written twice: "PHILADELPHIA | PHILADELPHIA (Reuters) -" (reader QA)
    rf"|{_PLACE}\s*\|\s*(?={_PLACE}\s*\()"
    rf"|(?:update\s*:?\s*)?{_CLOCK}\.\s+"                 # 7.57 pm. (not "9 pm curfew")
    # ...and a live post's stamp opening its text: "Update 11:20: Polizei korrigiert Zahl der
    # Verletzten: …" (reader QA, stop 70 T6: a summary's sentence opened so)
    rf"|{_LIVE_STAMP}\s+(?=(?-i:[A-ZÀ-ÖØ-Þ]))"
    # A letter's salutation run into its text: "To our community, On our journey…" (reader
    # QA: Zuckerberg's letter headed a story so). Whom a letter greets, not any name ("Hello
    # Kitty, Sanrio's mascot, turns 50" is a headline).
    rf"|(?:(?:to\s+(?:all\s+)?(?:our|my)|dear(?:\s+(?:all\s+)?(?:our|my))?)\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}?{_ADDRESSEES}"
    rf"|(?:hi|hello)\s+(?:all|everyone|everybody|there|folks|{_ADDRESSEES}))\s*,\s+"
    r"(?=(?-i:[A-Z]))"
    # A site's section labels and kickers: "TOP STORIES | WEB EXCLUSIVE", "BREAKING:",
    # "JUST IN:" (reader QA: "JUST IN: Boko Haram Attacks Michika Town…" titled a story)
    # (two words at least, or a section's name: "BMW | Mercedes melden Rekordabsatz" stays)
    rf"|(?:(?-i:[A-Z]+(?: [A-Z]+)+|{_SECTIONS})\s*\|\s*)+(?:(?-i:WEB )?EXCLUSIVE\s+)?"
    # An agency's name and a dash before the text, no brackets: "Reuters - Conditions for…"
    # (reader QA: a summary opened so)
    r"|(?-i:Reuters|AP|AFP|UPI|dpa|Xinhua|Bloomberg|EFE|ANSA|Lusa|APA|PAP|AAP|PTI)"
    r"\s+(?:—|–|--|-)\s+(?=(?-i:[A-ZÀ-ÖØ-Þ]))"
    # A page's share buttons run into its text: "share tweet pin email Heath Harding, 18,…"
    r"|(?:(?:share|tweet|pin|email|e-mail|print|comment|facebook|twitter|whatsapp|linkedin"
    r"|play|embed)"
    r"\s+){3,8}(?=(?-i:[A-Z]))"
    # A byline with its outlet run into the lead: "William Wei, Business Insider Facebook is
    # buying…" (reader QA, stop 44: an update's first sentence); the lead opens a sentence.
    # (the outlet named by a word of its own before: "Press Secretary", "News Corp chairman"
    # and "Post Office manager" are jobs, not outlets; nor a job after it: review)
    r"|(?-i:[A-Z][a-z]+(?:\s[A-Z]\.)?\s[A-Z][\w'’-]+),\s+(?-i:(?:[A-Z][\w&.'’-]*\s){1,3}"
    r"(?:Insider|News|Times|Post|Journal|Press|Wire|Magazine|Today|Herald|Tribune|Guardian"
    r"|Telegraph))"
    r"\s+(?!(?-i:Person|Secretary|Director|Office|Corp|Chairman|Chairwoman|Editor|Chief"
    r"|President|Manager|Publisher|Columnist|Correspondent|Reporter|Writer|Owner|Founder"
    r"|Executive|Staff)\b)"
    # (a lead goes on; an appositive closes with a comma: "…Company spokesman, said", "Sky
    # News Presenter and author, said": review)
    r"(?=(?-i:[A-Z][\w'’-]*\s+[a-z][\w'’-]*(?!,)\s))"
    r"(?![^,.;:]{0,60},\s+(?:said|says|told|tells|wrote|writes|added|adds|explained|warned"
    r"|argued|announced|noted|insisted|confirmed|revealed|admitted|claimed|urged|stressed)\b)"
    # A byline's label run into a teaser: "Columnist The Streisand effect is…" (reader QA)
    r"|(?-i:Columnist|Kolumnist|Chroniqueur|Columnista|Editorialista)\s+(?=(?-i:[A-Z]))"
    # A tag repeated before a headline: "jobs jobs jobs Obama's Jobs Speech…"
    r"|(?-i:(?P<tag>[a-z]+)(?:\s+(?P=tag)){2,})\s+(?=(?-i:[A-Z]))"
    r"|(?-i:(?:BREAKING(?: NEWS)?|JUST IN|DEVELOPING(?: STORY)?|WATCH|VIDEO|UPDATE[D]?|EXCLUSIVE"
    r"|LIVE|OPINION|ANALYSIS)"
    r"\s*[:|]\s+))",
    re.IGNORECASE)
_LEAD_INS = 3  # lead-ins taken off one opening at most

# Where a person stands in a photo, as captions say it: "(left)", "(2nd row down, center)".
# Lower case only: "(Left)" is a party's name (review found "Bodo Ramelow (Left) lost his
# majority" taken for a caption).
PICTURE_POSITION = re.compile(
    r"\((?:(?:far|second|third|\d(?:st|nd|rd|th))\s+(?:from\s+)?)?(?:left|right|center|centre)"
    r"\)|\([^()]*\brow\b[^()]*\b(?:left|right|center|centre)\)"
    # ...and between commas (reader QA: "Sarah Kate Ellis, GLADD president and CEO, third
    # from left, and transgender service members arrive at…" headed the VMAs story).
    r"|,\s+(?:(?:far|second|third|fourth|\d(?:st|nd|rd|th))\s+)?from\s+(?:left|right),"
    # ...and AP's "second right" for second from right ("Martin Lee, 81-year-old, second right,
    # leaves a police station…": reader QA, stop 72 Q4)
    r"|,\s+(?:second|third|fourth)\s+(?:left|right),"
    # ...after a name, alone: "Megan Rapinoe, front, fends off…" (not "For Labour, left,
    # right and centre must unite": review)
    r"|^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+,\s+(?:far\s+)?(?:left|right|front|center"
    r"|centre),\s+(?!(?:left|right|front|center|centre)\b)")
# Page controls that scrapes leave inside a headline's line: a font-size switch ("A+ A-").
_CONTROLS = re.compile(r"\s*\bA\s?\+\s*A\s?-(?=\s|$)")
# An all-capitals headline with its date glued on: "...QUEENS DA SAYSSEPTEMBER 19, 2013."
_GLUED_DATE = re.compile(
    r"(?<=[A-Z]{2})(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER"
    r"|NOVEMBER|DECEMBER) \d{1,2}, \d{4}\.?$")
# A page's "Updated" label between its headline and its text, where a feed ran the page's
# lines together: "…under Hobart street Updated An artist has been buried…" (reader QA: a
# title read "…Hobart street Updated An…"). After a lower-case word, before a sentence's
# opening ("An artist"): "Microsoft Updated Windows for…" is a headline in title case.
_GLUED_LABEL = re.compile(
    r"(?<![\w'’-])[a-z][\w'’-]*(?P<label>\s+(?:Updated|Published)\s+)"
    r"(?=[A-Z][a-z'’]*\s+[a-z])")


# ...and a share button or a live page's stamp glued after the headline (reader QA:
# "…for killing 7-year-old boy for ritual Share this too The Ogun state command…", "…bei
# Schießerei am Tempodrom Update 11:20: Polizei korrigiert…").
# ...and a press release's furniture: its note of the languages it comes in, a row of dots
# ruled across the page, its dateline with the full date at the end (reader QA, stop 70 U6:
# a feed's title ran "…changes format in light of coronavirus This press release is also
# available in Français (pdf) and Deutsch (pdf) ............. Vevey, March 24, 2020"). The
# dateline after a word that ends a headline, not after "in" or "on" ("Talks resume in
# Geneva, March 24, 2020" says where).
_GLUED_FURNITURE = re.compile(
    r"(?P<label>\s+(?:Share\s+this(?:\s+(?:too|article|story|post))?"
    rf"|{_LIVE_STAMP})\s+(?=[A-ZÀ-ÖØ-Þ])"
    r"|\s+This\s+(?:press|news|media)\s+release\s+is\s+(?:also\s+)?available\s+in\s"
    r"|\s*\.{6,}"
    r"|(?<=[a-zß-öø-ÿ])" + _NOT_AFTER + "".join(
        rf"(?<!\b{word})" for word in ("on", "for", "to", "into", "near", "outside", "over",
                                      "across", "around", "through", "toward", "towards",
                                      "until", "since", "and", "with", "between", "via"))
    # (a weekday is no place: "COVID-19 daily update Monday, March 23, 2020" is one day's
    # headline, and its outlet's other days' differ only by it: review)
    + r"\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
    rf"{_TITLE_CITY}(?:[ -]{_TITLE_CITY})?,\s+(?i:{MONTH})\s+\d{{1,2}},\s+\d{{4}}\.?$)")


def _cleaned(line: str) -> str:
    """A line on its own, without the credits, page controls and glued date scraped into it."""
    line = " ".join(line.split())
    # "<photo caption> | John Shinkle/POLITICO <headline>": the headline follows the credit.
    # So does a caption's credit in brackets after its sentence, where a feed's teaser ran
    # the caption and the text into one line ("…has stirred controversy. (Katherine
    # Frey/The Washington Post) Following the Seattle Reign's 2-1 defeat…": reader QA).
    # Only a caption's reach from the line's start, its first sentence or two: a credit deep
    # in a one-line page is a later picture's, and the text before it the news (review).
    # (and a list's bullet or a station's stray dash before it: "- Law enforcement officials
    # announced…" headed a story, second review stop 50)
    return LEADING_BULLET.sub("", _GLUED_DATE.sub("", _CONTROLS.sub("", strip_credits(
        _after_caption(line)))).strip())


# A list's bullet or a stray dash before words (not a minus: "-5 degrees"); and a newspaper's
# name after the dash, where a scrape credited it before the lead: "- The Shetland Times People
# are being encouraged…" opened a summary (reader QA, stop 73 R4). A name that ends with a
# newspaper's word, after another word ("Sun Microsystems said…" is news), before a lead
# that goes on in lower case ("- A BBC News Special: Asia Remembered" is a list's item).
_NEWSPAPER = (r"(?-i:Times|News|Post|Herald|Journal|Tribune|Guardian|Telegraph|Independent"
              r"|Gazette|Chronicle|Standard|Mirror|Express|Observer|Courier|Press|Online"
              r"|Examiner|Inquirer|Sentinel|Bulletin|Dispatch|Mail|Star|Sun|Monitor|Reporter"
              r"|Register|Advertiser|Argus|Echo|Zeitung|Kurier|Rundschau|Anzeiger|Nachrichten)")
LEADING_BULLET = re.compile(
    r"^[-•·]\s+(?:(?-i:(?!(?:A|An)\s)[A-Z][\w'’&.-]*\s+(?:[A-Z][\w'’&.-]*\s+){0,2})"
    rf"{_NEWSPAPER}\s+(?=(?-i:[A-Z][a-z'’]*\s+[a-z])))?(?=[\"“„«‘(]?[^\W\d_])")


def _after_caption(line: str) -> str:
    """A line without the photo caption and credit it opens with, when a credit ends the
    caption ("<caption> | John Shinkle/POLITICO <text>")."""
    reach = min(len(" ".join(line.split(" ")[:_CAPTION_WORDS])),
                len(" ".join(sentences(line[:2000])[:2])) + 2)
    credits = [found for found in (*_CAPTION_CREDIT.finditer(line),
                                   *_CREDIT_INSIDE.finditer(line)) if found.start() <= reach]
    last = max((found.end() for found in credits), default=0)
    if last and len(line[last:].split()) >= 3:
        return line[last:]
    return line


# A photo's caption opening a scraped text ends with its credit: "…liked what he heard.
# REUTERS/Jonathan Ernst", "…after his rescue. Photo: Bax Lindhardt/Scanpix", "…at the
# Supervisor of Elections office... (Associated Press)", "…near Sevastopol. Shamil
# Zhumatov/Reuters" (reader QA: each was a story's title).
_PERSON = r"(?-i:[A-Z][a-z][\w'’-]*)"  # a name's word: "Shamil", "McDermid"; not "AC", "SNAP"
# "Reuters", "Getty Images", "The Washington Post"
_AGENCY_NAME = r"(?-i:[A-Z][\w&-]*)(?:[ ](?-i:[A-Z][\w&-]*)){0,2}"
# The credit stands alone, after a sentence's end or as the whole line; a headline that ends
# "New US/China Tariffs", "NBC News/Marist." or "Photo: Protesters gather…" is none (review).
_CREDIT_END = re.compile(
    rf"""(?x)(?:^|(?<=[.!?)”"'…])\s+)(?:
        (?-i:REUTERS|AFP|AP|EPA)/{_PERSON}(?:[ ]{_PERSON}){{0,2}}
            (?:/(?:Illustration|File\ Photo|Pool))?
      | (?:Photo(?:graph)?|Foto|Bild|Image|Picture)(?:\ credit)?:\s*
            {_PERSON}(?:[ ]{_PERSON}){{0,2}}(?:\s?/\s?{_AGENCY_NAME}){{0,3}}
      # (a line of its own, "By Slaven Vlasic/Getty Images.", titled an untitled article:
      # reader QA, stop 75 S12)
      | (?:(?:By|Photo\ by)[ ])?{_PERSON}(?:[ ]{_PERSON}){{1,2}}\s?/\s?{_AGENCY_NAME}
    )\.?$
    | \((?:Associated\ Press|Getty\ Images|(?:AP|AFP|Reuters)\ Photo[^()]*
          | [^()]{{2,60}}/\s*(?-i:Getty\ Images)[\s/]*  # "(U.S. Navy / Getty Images / )"
          | (?:Photo|Foto)(?:\ by|:)\ [^()]{{3,60}}
          | {_PERSON}(?:[ ]{_PERSON}){{1,2}}\s?/\s?{_AGENCY_NAME})\)$
    # (a caption the feed cut inside its credit, "…threat to his... (Associated Pre")
    | (?:\.\.\.|…)\s*\((?-i:Associated\ P)[a-z]*$
    | [ ]\|[ ](?-i:Getty(?:\ Images)?)$
    # (a photographer's credit after a bar: "…on Twitter Sunday night. | Manuel Balce
    # Ceneta/AP Photo", reader QA)
    | [ ]\|[ ]{_PERSON}(?:[ ]{_PERSON}){{1,3}}\s?/\s?{_AGENCY_NAME}$""")
_CREDIT_INSIDE = re.compile(
    # (a scrape may leave the name's first word before it: "…2020. Lukasz (Lukasz
    # Cynalewski/Agencja Gazeta via REUTERS ) Scientists…": reader QA, stop 44)
    rf"(?<=[.!?”\"'])\s+(?:{_PERSON}\s)?\((?:(?:Photo|Foto|Image|Picture)(?:\ by|:)\ )?"
    rf"{_PERSON}(?:[ ]{_PERSON}){{1,2}}\s?/\s?{_AGENCY_NAME}(?:\ via\ {_AGENCY_NAME})?\s?\)")
# A caption's line as a BBC page gives it: "Image copyright AFP Image caption The man was known
# to French intelligence services" (reader QA: the credit went, the caption titled a story of
# a foiled church attack; "Malaria parasites - seen here infecting red blood cells - …" another).
# A video's the same: "Media playback is unsupported on your device Media caption …".
_CAPTION_LABEL = re.compile(r"(?:Image\ copyright\ .{0,60}?)?Image\ caption\s"
                            r"|(?:Media\ playback\ is\ unsupported\ on\ your\ device\s+)?"
                            r"Media\ caption\s", re.IGNORECASE)
_CAPTION_WORDS = 60  # a caption is at most this long
_CREDIT_TAIL = 200  # a credit ends a line: only its end is searched (a glued page is long)


def _credited(line: str) -> bool:
    return _CREDIT_END.search(line[-_CREDIT_TAIL:].rstrip()) is not None


def _is_caption(raw: str, before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether a text's line is a photo's caption: it ends with a photo credit, or opens with
    a caption's label, or it is said again, after a date and with the credit, on the next
    line ("March 22, 2014 Armed men… Shamil Zhumatov/Reuters"), or is that line."""
    line = " ".join(raw.split())
    return _credited(line) or _CAPTION_LABEL.match(line) is not None or any(
        len(short.split()) >= 5 and (at := long_.find(short)) > 0
        and _DATED.fullmatch(long_[:at]) is not None and _credited(long_)
        for short, long_ in [*((line, " ".join(next_.split())) for next_ in after),
                             *((" ".join(last.split()), line) for last in before)])


# A photo's credit labelled so, after its caption in a text's opening line, the text after it:
# "Nigeria: Der Islamische Staat ist wieder da Peter Mühlbauer Ein kalifornischer
# Nationalgardist bildet einen nigerianischen Soldaten … aus. Bild: media.defense.gov Im
# Bundesstaat Borno…", "…Jens Mattern Bild: Jens Mattern Polens Präsidentschaftswahlen…", "…trägt
# eine Gesichtsmaske mit dem weiß-blauen Rautenmuster Bayerns. - © Foto: Markus Schreiber/
# AP-Pool/dpa Nach viel Streit…" (reader QA, stops 70 and 71 T6: headline, byline and caption
# opened summaries). The credit is a web address, a name and its agencies after slashes, the
# byline's name said again, or anything in the brackets it opens; a label alone ("Photo:
# Protesters gather…" heads a gallery) is none. Not for titles (`_cleaned`): the headline
# before the caption is the title.
_CREDIT_LABEL = r"(?-i:Bild|Foto|Photo|Image|Credit)"
_LABELLED_CREDIT = re.compile(
    rf"""(?x)(?:-\s*)?(?:©\s*)?(?:
        {_CREDIT_LABEL}:\s(?:
            (?:[\w-]+\.)+(?-i:[a-z]{{2,6}})(?=\s)            # media.defense.gov
          | [^\s()/]+(?:[ ][^\s()/]+){{0,2}}(?:\s?/\s?[\w&.!-]+)+  # Jo Rae/AP-Pool/dpa
            (?:[ ](?-i:[A-Z]{{2,}})(?=[ ]))?)                 # REUTERS/TYRONE SIU
      | (?P<byline>{_PERSON}[ ]{_PERSON})[ ]{_CREDIT_LABEL}:[ ](?P=byline)(?=[ ])
      | \({_CREDIT_LABEL}:\s[^()]{{2,60}}\))""")


def _after_labelled_credit(line: str) -> str:
    """A line without the caption and the labelled credit it opens with (`_LABELLED_CREDIT`),
    within a caption's reach; else the line."""
    words = len(" ".join(line.split(" ")[:_CAPTION_WORDS]))
    found = _LABELLED_CREDIT.search(line[:words + 200])
    if found is None or found.start() > words:
        return line  # (most lines: no credit, and no sentences to read)
    reach = min(words, len(" ".join(sentences(line[:2000])[:2])) + 2)
    if found.start() <= reach and len(line[found.end():].split()) >= 3:
        return line[found.end():].strip()
    return line


_HEADING_WORDS = 25  # a headline's line is at most this long


def _a_heading(line: str) -> bool:
    """Whether a text's line is a headline over it: short, and not closing as a sentence."""
    return len(line.split()) <= _HEADING_WORDS and not _SENTENCE_CLOSE.search(line)


def without_opening_caption(text: str) -> str:
    """A text without the photo's caption and credit run into its opening paragraph, the
    text after them (`_after_caption`, `_after_labelled_credit`); else the text."""
    if "| " not in text and "(" not in text and ": " not in text:
        return text
    lines = text.split("\n")
    filled = [number for number, line in enumerate(lines) if line.strip()]
    # A caption run into its line with its credit, the text after it: "Congressman Bob
    # Goodlatte's son made the surprise announcement on Twitter Sunday night. | Manuel Balce
    # Ceneta/AP Photo Goodlatte's son donates…" opened a summary, never saying what the
    # announcement was (reader QA, stop 48). Only a text's opening line: later pictures'
    # captions sit on lines of their own. A headline's line above it leaves the paragraph
    # below the opening one: a page's title over "Peter Mühlbauer Ein kalifornischer
    # Nationalgardist bildet … aus. Bild: media.defense.gov Im Bundesstaat…", a pasted text's
    # over "Markus Söder mit Maske - Markus Söder, … trägt eine Gesichtsmaske… - © Foto: …/dpa
    # Nach viel Streit…" lost only the credit, and the caption opened their summaries (reader
    # QA, stop 73 R4).
    for number in filled[:1] + (filled[1:2] if filled and _a_heading(lines[filled[0]]) else []):
        if not ("| " in lines[number] or "(" in lines[number] or ": " in lines[number]):
            continue
        opening = " ".join(lines[number].split())
        after = _after_labelled_credit(_after_caption(opening))
        if after != opening:
            lines[number] = after.strip()
            return "\n".join(lines)
    return text


def without_captions(text: str) -> str:
    """A text without its photos' captions (`_is_caption`): a summary does not open with
    one (review: once captions were no titles, 13 of 14 summaries opened with theirs)."""
    if ("/" not in text and ":" not in text and "(" not in text and "| " not in text
            and "caption" not in text):
        return text  # no credit, no caption: most texts, at no cost
    text = without_opening_caption(text)
    lines = text.split("\n")
    filled = [number for number, line in enumerate(lines) if line.strip()]
    # A caption is a short line among others: a one-line text that ends with a credit is the
    # text (review: '… "I leave with pride." Image: Anna Berg' lost every sentence).
    dropped = {number for at, number in enumerate(filled)
               if len(lines[number].split()) <= _CAPTION_WORDS and _is_caption(
                   lines[number], [lines[n] for n in filled[max(at - 1, 0):at]],
                   [lines[n] for n in filled[at + 1:at + 2]])}
    if not dropped or len(dropped) == len(filled):
        return text
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


# A date before a caption said again: "March 22, 2014 ", "2014-03-22 ", "22 March 2014 ".
_DATED = re.compile(rf"(?i:{MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{MONTH}\s+\d{{4}}"
                    r"|\d{4}-\d{2}-\d{2})[\s,]*")


# A scraped text that opens with its headline written twice, run into its lead (reader QA:
# "Lufthansa retires big jets, says rebound could take years Lufthansa retires big jets, says
# rebound could take years by Associated PressWednesday, April 8th 2020 FRANKFURT…" titled
# and opened a story so). Four words at least, each copy one run of words.
_HEADLINE_TWICE = re.compile(r"^\s*(?P<headline>[^\s.!?]\S*(?:[ ]\S+){3,40}?)"
                             r"(?:[ ]+(?P=headline))+(?=\s|$)")


def goes_on(line: str) -> bool:
    """Whether a line starts in lower case or with a sentence's inner punctuation, going on with
    a sentence a line before began (a brand written in camel case, "iPhone", "eBay", starts a
    headline)."""
    return (line[:1].islower() and not _CAMEL.match(line)) or line[:1] in _INNER_MARKS


_CAMEL = re.compile(r"[a-z]+[A-Z]")
_INNER_MARKS = frozenset(".,;:)]")


def runs_on(line: str, following: str) -> bool:
    """Whether a line stops mid-sentence and the next non-empty one goes on with it in lower
    case: a sentence a scrape broke, no headline (reader QA, stop 46: a visitor review's "The
    San Diego Zoo Safari Park is absolutely" / "incredible" named a rhino's death). Read on
    the dev sets' tuning-half texts (1,560, with `goes_on`): one title changed, that review's.
    A byline, a stamp or a link on the next line is not the sentence going on."""
    after = following.lstrip()
    return (goes_on(after) and not _NOT_GOING_ON.match(after)
            and not _SENTENCE_CLOSE.search(line) and not _SENTENCE_INSIDE.search(line))


# What follows a headline in lower case without going on with it, in the languages the bot
# reads: a byline ("von dpa" under a German headline became its title: review), a time stamp
# ("vor 2 Stunden", "mis à jour le…"), a credit, a label, a link. (A brand in camel case,
# "iPhone 16 ships…", does not go on a sentence at all: `goes_on`.)
# (a preposition only before a name or a figure: "de la biblioteca municipal" goes on with
# "La alcaldesa anunció el cierre", "von dpa" and "vor 2 Stunden" do not: review)
_NOT_GOING_ON = re.compile(
    r"(?:https?://|www\.|(?:by|updated|posted|published|filed|photos?|images?|video"
    r"|via|credits?|source|first|last|read|see|watch|live|e-?mail|share|advertisement|opinion"
    r"|mis à jour|publiée?|aktualisiert|veröffentlicht|actualizado|publicado|aggiornato"
    r"|pubblicato|atualizado|foto|bild|quelle|crédit|crédito|fonte|fuente|anzeige|werbung"
    r"|publicidad|pubblicità|reuters|dpa|afp|ap|ansa|efe|lusa|anp)\b"
    r"|(?:von|vom|par|por|di|de|da|door|vor|hace|há|il y a)\s+(?:[A-ZÀ-ÖØ-Þ0-9]|dpa\b|afp\b"
    r"|ap\b|efe\b|ansa\b|lusa\b|anp\b|reuters\b))")
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+\S")
_SENTENCE_CLOSE = re.compile(r"[.!?…:;\"”’'»)\]]\s*$")


def headline_of(line: str) -> str | None:
    """The headline a line opens with when it is written twice or its lead runs on after it
    (`headline_twice`, `_restated_headline`); else None."""
    return headline_twice(line) or _restated_headline(line)


def headline_twice(line: str) -> str | None:
    """The headline a line opens with twice, else None."""
    found = _HEADLINE_TWICE.match(line)
    return found.group("headline") if found else None


# The place a dateline names, at the start of what `_LEAD_IN` took: a city in capitals ("NEW
# YORK", "ΑΘΗΝΑ") or title case ("Tokio (dpa) -"), and what follows its comma ("Japan", "Ga.");
# not two cities ("SINGAPORE/BEIJING"), an agency alone ("(CNN) --") or a label ("Story
# highlights").
_DATELINE_PLACE = re.compile(
    rf"(?P<city>[{_CAPS}][{_CAPS}'’.-]+(?:[ ][{_CAPS}][{_CAPS}'’.-]+){{0,3}}"
    rf"|{_TITLE_CITY}(?:[ ]{_TITLE_CITY}){{0,2}})"
    # (a state with no dash after it counts: "ATHENS, Ga. Parents…" is no news of Greece;
    # a date does not, in any language: "ROME, Feb. 25 (UPI) --", "BERLIN, Dez. 5 (dpa)")
    rf"(?:\s*,\s*(?!(?i:{MONTH}|{_MONTHS})\s*\d)"
    rf"(?P<where>[{_CAPS}](?:[^\W\d_]|['’.])*(?:[ ][{_CAPS}](?:[^\W\d_]|['’.])*){{0,3}}))?"
    r"(?:\s*(?:[,(:]|—|–|-)|\s)")


@dataclass(frozen=True, slots=True)
class DatelinePlace:
    city: str  # as written: "TOKYO", "Tokio", "NEW YORK"
    where: str | None  # what follows its comma: "Japan", "Ga.", None


# What may be a city before a hyphen, as AG's wires write a dateline ("TOKYO - Mamoru
# Takuma…", "ATHENS, Greece - Winning…"), and as often is none: "NATO - Allies agreed",
# "U.S. - China talks", "GOLD - Prices rose", "CORRECTION - " (review, stop 54: taken off
# titles as datelines, they lost their subject). Only a place a table knows can say it is one.
_BARE_DATELINE = re.compile(
    rf"\s*[{_CAPS}][{_CAPS}'’.-]+(?:[ ][{_CAPS}][{_CAPS}'’.-]+){{0,3}}"
    rf"(?:\s*,\s*[{_CAPS}](?:[^\W\d_]|['’.])*(?:[ ][{_CAPS}](?:[^\W\d_]|['’.])*){{0,3}})?"
    r"(?:\s*,\s*[^\W\d_]{2,9}\.?\s+\d{1,2})?\s*(?:\([^()\n]{1,40}\)\s*)?(?:--?|—|–)\s")


# Lead-ins that are no dateline: "Story highlights" was read as a city, "Story" (helpers of
# stop 63, on Multi-News: CNN's label).
_NO_DATELINES = ("story highlights", "skip", "close")


def dateline_place(line: str) -> DatelinePlace | None:
    """The place the dateline opening a line names ("TOKYO -", "OSAKA, Japan (AP) —",
    "Tokio (dpa) -", "ROMA, 5 dicembre (ANSA) -"), as written: the datelines
    `without_lead_ins` takes off (one parser for both: review, stop 53), and a run of
    capitals before a hyphen, which may be one (`_BARE_DATELINE`: the caller's table of
    places decides). None when the line opens with none, or with one that names no single
    place."""
    found = _LEAD_IN.match(line) or _BARE_DATELINE.match(line)
    if found and found.group().lower().startswith(_NO_DATELINES):
        return None  # a page's label or player, which `without_lead_ins` takes off too
    place = _DATELINE_PLACE.match(found.group()) if found else None
    if place is None:
        return None
    return DatelinePlace(place["city"], place["where"])


def without_dateline(line: str) -> str:
    """A line without the dateline opening it: a wire's ("LONDON (Reuters) -", "PARIS -"),
    or a place's name in title case before a dash ("London - The International Cricket
    Council…", as BBC's sport pages open). What is left when a topic is looked for in an
    opening: where a report was filed is not what it is about."""
    for pattern in (_LEAD_IN, _BARE_DATELINE, _TITLE_DATELINE):
        found = pattern.match(line)
        if found is not None and found.end() < len(line):
            return line[found.end():]
    return line


# A place's name in title case, one to three words, before a dash and a capital.
_TITLE_DATELINE = re.compile(r"\s*[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}\s+(?:--?|—|–)\s+(?=[A-Z\"“])")


def without_lead_ins(line: str) -> str:
    """A line without what opens a lead but is not the news: a headline written twice,
    datelines ("ROME —", "WASHINGTON (AP) —"), agencies, time stamps, kickers (at most
    `_LEAD_INS` of them)."""
    twice = _HEADLINE_TWICE.match(line)
    if twice and twice.end() < len(line):
        line = line[twice.end():].lstrip()
    for _ in range(_LEAD_INS):
        before = line
        line, taken = _LEAD_IN.subn("", line, count=1)
        if not taken and (line := without_kicker(line)) == before:
            break
    return line


# A kicker's label before a lead, in any case and in the bot's languages: "Breaking: Die
# Deutsche Bahn streicht am Freitag…" opened a /summarize (reader QA, stop 74 R12), where
# `_LEAD_IN` took "BREAKING:" in capitals only. A wire's "Update 4:" too, as feed titles lose
# it (sources._TITLE_STATE); a live page's "Update 11:20:" is `_LEAD_IN`'s stamp (no space
# after its first colon).
_KICKER = re.compile(
    r"(?:breaking(?:\s+news)?|just\s+in|developing(?:\s+story)?|exclusive|exclusif|exklusiv"
    r"|exclusiva|exclusivo|esclusiva|ekskluzywnie|update[d]?(?:\s?\d{1,2})?|live|en\s+direct"
    r"|direct|en\s+directo|en\s+vivo|ao\s+vivo|in\s+diretta|na\s+żywo|last\s+minute"
    r"|latest|eilmeldung|eil|aktuell|dernière\s+minute|dernière\s+heure|urgent|urgente"
    r"|última\s+hora|ultim['’]ora|ultimissima|net\s+binnen|pilne|z\s+ostatniej\s+chwili"
    r"|срочно|молния|эксклюзив|терміново|ексклюзив|извънредно|έκτακτο|αποκλειστικό)"
    r"\s*:\s+", re.IGNORECASE)
# ...before a lead that opens as a sentence does: a capital or a figure, after its quotation
# mark if any ("Update: the figures were revised" is no kicker's).
_LEAD_OPENING = re.compile(r"[\"“„«‘'\s]*(?:[^\W\d_]|\d)")


def without_kicker(line: str) -> str:
    """A lead without the kicker's label it opens with (`_KICKER`): "Eilmeldung: Die Bahn
    streicht…", "Dernière minute : Le gouvernement…", "Última hora: El Gobierno…"."""
    found = _KICKER.match(line)
    if found is None:
        return line
    rest = line[found.end():]
    opening = _LEAD_OPENING.match(rest)
    if opening is None or not (opening.group()[-1].isupper() or opening.group()[-1].isdigit()):
        return line
    return rest


# A page's call to its readers inside the text: "Send us your images or video." ended an update
# of the Homs evacuation (reader QA), "Have you been affected? Get in touch.", "Follow us on X."
# A newsroom asking for comment, in a sentence that says nothing else (see CALL_TO_READERS).
_NO_COMMENT = (
    r"[^.!?,;]{0,60}\b(?:left\s+(?:a\s+)?(?:phone\s+|voice\s+)?messages?\s+(?:seeking|for)"
    r"\s+(?:comment|information)"
    r"|did\s+not\s+(?:immediately\s+)?(?:respond|reply)\s+to\s+(?:a\s+|an\s+)?"
    r"(?:request|e-?mail|message|call)s?\s+(?:for|seeking)\s+comment"
    r"|could\s+not\s+(?:immediately\s+)?be\s+reached\s+for\s+comment"
    r"|(?:was|were|is|are)\s+(?:not\s+)?(?:immediately\s+)?(?:un)?available\s+(?:for|to)\s+"
    r"comment)[^,;]{0,60}[.!?]\W*$"
)
NO_COMMENT = re.compile(_NO_COMMENT, re.IGNORECASE)

# A video page's licensing notice and its upload stamp (see CALL_TO_READERS).
_LICENSING = (
    r"to\s+licen[cs]e\s+this\s+(?:video|clip|footage|photo|image)\b"
    r"|this\s+(?:video|clip|footage)\s+is\s+(?:represented\s+by|copyright(?:ed|\s+protected)"
    r"|licensed\s+(?:by|through))\b|for\s+(?:any\s+)?licensing\s+(?:requests?|inquiries"
    r"|enquiries)\b")
_UPLOADED = (rf"(?:published|posted|uploaded)\s+on\s+(?:{MONTH}\s+{_DAY}|{_DAY}\s+{MONTH}),?"
             r"\s+\d{4}")
# (The marks before a call are read once, by the opening "^\W*": an alternative that reads
# its own ("\W*this story was updated") is tried from each place that run can stop, and a
# line of 2,000 "[...]" marks took 10 s, on the bot's one event loop: stop 71. So a label
# before a link opens with a letter, and "et" before "bienvenue" reads its spaces from
# their start: the same lines match.)
CALL_TO_READERS = re.compile(
    # A live page's entries open with their time ("23:58 — ").
    r"^\W*+(?:\d{1,2}[:.h]\d{2}\W*)?(?:(?:please\s+)?(?:(?:don['’]?t|do\s+not)\s+forget\s+to\s+)?"
    r"(?:send|share|e-?mail|submit|upload)\s+(?:us\s+)?your\s+(?:images?|photos?"
    r"|pictures?|videos?|stories|story|views|comments|experiences?|news\s+tips?)\b"
    r"|(?:have|were)\s+you\s+(?:been\s+)?affected\b|(?:get|keep)\s+in\s+touch\b"
    r"|(?:follow|like|join)\s+us\s+on\b|(?:sign\s+up|subscribe)\s+(?:to|for)\s+our\b"
    # (an outlet by its name: "Follow Ynetnews on Facebook and Twitter": reader QA, stop 54 F9)
    r"|(?:follow|like|join)\s+(?-i:[A-Z])[\w.&-]*(?:\s+(?-i:[A-Z])[\w.&-]*){0,2}\s+on\s+"
    r"(?:facebook|twitter|x|instagram|tiktok|youtube|linkedin|threads|bluesky|telegram)\b"
    # A link to another article, run into the text ("Read also Italy's Piedmont region asks
    # Russia for assistance vaccines against Ebola and the plague." was a summary's sentence:
    # reader QA), in the bot's languages: with a colon, or a headline's capital after it
    # ("Read more books, the minister urged" is news; "Related Companies said…" a firm's name,
    # so "Related" needs its colon).
    r"|(?:(?:read|see)\s+(?:also|more)|lesen\s+sie\s+(?:auch|mehr)|siehe\s+auch"
    r"|(?:à\s+)?lire\s+(?:aussi|également)|voir\s+aussi|le[ae]\s+también|leer\s+más"
    r"|ver\s+también|leggi\s+anche|vedi\s+anche|leia\s+(?:também|mais)|veja\s+também"
    r"|lees\s+(?:ook|meer)|zie\s+ook|(?:czytaj|zobacz)\s+(?:też|także|również|więcej))"
    r"(?:\s*[:|»›>]|\s+(?=[\"“„«‘']?(?-i:[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻ])))"
    # "ON A MOBILE DEVICE? CLICK HERE TO SEE THE VIDEO." ended a summary (reader QA)
    r"|on\s+a\s+mobile\s+device\?|click\s+here\s+(?:to|for)\b"
    # A link's text left in the page's words: "Find more information on the AGM." ended a
    # press release's summary (reader QA, stop 72 Q4); "For more information, check out the
    # ESC statement." (on the tuning halves' texts these two are all it finds)
    r"|(?:find|get|read|see|learn)\s+(?:out\s+)?more\s+(?:information|info|details)\b"
    r"|for\s+(?:more|further)\s+(?:information|info|details),?\s+(?:please\s+)?(?:visit|see"
    r"|go\s+to|click|contact|call|e-?mail|check)\b"
    # A site's offer to follow a subject, and a channel's plug for a broadcast (reader QA,
    # stop 55 F3: "Add as an interest to stay up to date on the latest news, video, and
    # analysis from ABC News."; "NBC Nightly News Exclusive: Lester Holt anchors from South
    # Korea on Monday and Tuesday, April 3 and 4, at 6:30pm ET." ended summaries)
    r"|add\s+as\s+an\s+interest\b|stay\s+up\s+to\s+date\s+(?:on|with)\s+the\s+latest\b"
    r"|(?:(?:[\w'’]+\s+){1,4}exclusive\s*:|(?:tune\s+in|watch)\b)[^.!?]{0,120}?\bat\s+"
    r"\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?\s*(?-i:ET|EST|EDT|PT|PST|PDT|CT|CST)\b"
    # A blog's link to the rest: "Hit the jump for more including why…" (reader QA)
    r"|hit\s+the\s+jump\b"
    # A video page's licensing lines, credits by link and upload stamp (reader QA, stop 43:
    # '"This video is represented by Break.com - For any licensing requests please contact…'
    # and "This video is copyright protected!!" were a story of their own, its title and
    # summary), and an outlet's note that it corrected a name ("Updated at 9:23 a.m. to
    # correct the name of the driver." ended a summary).
    # (and "To license this video for commercial use please contact us.": reader QA, stop 44)
    rf"|(?:{_LICENSING})|(?:\w[\w ]{{0,29}}?\s*[-–:]\s*)?https?://\S+\s*$"
    rf"|{_UPLOADED}\.?\s*$"
    # A firm's blog's post line: "On behalf of Howard R. Sanders, Esq. posted in Pedestrian
    # Accidents on Wednesday, September 18, 2013." (reader QA, stop 44: a summary opened so)
    r"|(?:on\s+behalf\s+of\s+.{2,60}?\s+)?posted\s+(?:by\s+.{2,60}?\s+)?in\s+.{2,60}?\s+on\s+"
    rf"(?:\w+day,?\s+)?(?:{MONTH}\s+{_DAY}|{_DAY}\s+{MONTH}),?\s+\d{{4}}\.?\s*$"
    # ...and its byline, a sentence of its own when the firm's name ends in "LLP." (reader
    # QA, stop 47: "On behalf of Newman, Anzalone & Newman, LLP." closed a hit-and-run's
    # summary; stop 69 R2: it was the story's title)
    r"|on\s+behalf\s+of\s+(?:(?-i:[A-Z])[\w.'’-]*[\s,&]*(?:and\s+)?)+$"
    # An update or correction notice (reader QA, stop 45: "This post has been updated." was
    # an item's title; "An earlier version of this post incorrectly gave suspect Kanasho
    # Johns' name as Kanasho Jones." ended a summary).
    # (not "An earlier version of this report, released by the UN…", news: review)
    r"|this\s+(?:story|article|post)\s+(?:was|has\s+been)\s+(?:updated|corrected|amended)\b"
    r"|(?:correction\s*:\s*)?an?\s+(?:earlier|previous)\s+version\s+of\s+this\s+"
    r"(?:story|article|post)\b"
    rf"|(?:this\s+(?:story|article|post)\s+(?:was|has\s+been)\s+)?updated"
    rf"(?:\s+(?:at\s+)?(?:{_CLOCK}|\d{{1,2}}[:.]\d{{2}})\.?(?:\s+\w{{2,4}})?"
    rf"(?:\s+on\s+\w+day)?)?\s+to\s+(?:correct|clarify|reflect|include|add)\b"
    # A station's plug for its app: "FREE STORM TRACKING APP DOWNLOADED BY SEARCHING WKMG IN
    # YOUR APP STORE." opened a summary (reader QA)
    # (the reader addressed: not "TikTok app available in App Store again", news: review)
    r"|(?:free\s+)?(?:[\w-]+\s+){0,4}apps?\s+(?:(?:can\s+be\s+|is\s+)?downloaded|available)\s+"
    r"(?:by\s+searching|(?:for\s+free\s+)?(?:in|on|at|from)\s+your\s+app\s+store)\b"
    r"|download\s+(?:our|the)\s+(?:free\s+)?(?:[\w-]+\s+){0,3}app\b"
    r"(?![^.!?]*\b(?:said|says|according\s+to)\b)"
    r"|(?:related|mehr\s+zum\s+thema|à\s+lire\s+(?:aussi|également)|te\s+puede\s+interesar"
    r"|potrebbe\s+interessarti)\s*:"
    # A form's legal line (reader QA: "Note: By submitting this form, you agree to Third Door
    # Media's terms ." was a story's title), and its promise.
    # (Not quoted nor said by someone: '"We respect your privacy," a spokesperson said.')
    r"|(?<![\"“‘'])(?:note:\s*)?by\s+(?:submitting|signing\s+up|subscribing|registering"
    r"|clicking|continuing)\b[^.!?]{0,60}?\byou\s+(?:agree|consent|accept|acknowledge)\b"
    r"(?![^.!?]*\b(?:said|says|according\s+to)\b)"
    r"|(?<![\"“‘'])we\s+respect\s+your\s+privacy\b(?![^.!?]*\b(?:said|says)\b)"
    # A German paper's log-in prompt (reader QA: "Anmeldung Noch nicht bei der Salzgitter
    # Zeitung?" ended an update).
    r"|(?:anmeldung\s+)?noch\s+nicht\s+(?:bei|registriert|angemeldet)\b[^.!?]{0,60}\?"
    # Where the page's article was first printed ("This story first appeared in the Aug.
    # 23-Sept. 5 issue of The Hollywood Reporter magazine.": a summary's sentence, reader QA).
    r"|this\s+(?:story|article)\s+(?:was\s+)?(?:first|originally)\s+"
    r"(?:appeared|published|ran)\s+(?:in|on|at)\b"
    # A newsletter's sign-up, whoever's ("Sign up for the Curbed NY newsletter", reader QA),
    # and its promise ("We'll send breaking news and news alerts to you as they happen!").
    r"|(?:sign\s+up|subscribe)\s+(?:to|for)\s+the\b[^.!?]{0,40}\bnewsletters?\b"
    r"|we(?:'ll|’ll|\s+will)\s+send\s+(?:you\s+)?(?:the\s+)?(?:breaking\s+news|news\s+alerts"
    r"|(?:the\s+)?latest\s+(?:news|headlines))\b"
    # A live page's sign-off (reader QA: "That's all from us tonight." opened a summary).
    r"|(?:that'?s|that\s+is|this\s+is)\s+(?:all|it)\s+from\s+(?:us|me)\b"
    r"|that['’]?s\s+where\s+we(?:'ll|’ll|\s+will)\s+(?:leave|end|stop|pause)\b"
    r"|(?:damit|hiermit)\s+beenden\s+wir\s+(?:unseren|den|diesen)\s+live-?(?:blog|ticker)\b"
    r"|(?:aquí\s+)?(?:terminamos|cerramos|finalizamos)\s+(?:nuestra|esta|la)\s+cobertura\b"
    r"|(?:c['’]est\s+la\s+fin\s+de|nous\s+(?:terminons|clôturons|fermons))\s+(?:ce|notre)"
    r"\s+(?:direct|live|suivi)\b"
    r"|thanks?\s+(?:you\s+)?for\s+(?:following|reading|joining\s+us)\b"
    r"|(?:we(?:'re|\s+are)|we\s+will\s+be)\s+(?:pausing|ending|closing)\s+(?:our|this)\s+live\b"
    # ...and its welcome and promise ("Good morning and welcome to our live coverage of the
    # budget…", "We will bring you every announcement as it happens": QA stop 65, a live
    # blog's summary opened on both), in the languages of the summaries' word lists; not
    # in a quotation (review: "'We will bring you every job this town has lost,' she told a
    # rally" is news).
    r"|(?<![\"'“‘«„])(?:(?:good\s+(?:morning|afternoon|evening)|hello|hi)[,!]?\s+(?:and\s+)?)?"
    r"(?:(?:a\s+)?(?:very\s+)?warm\s+)?welcome\s+(?:back\s+)?to\s+(?:our|the|this)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:live|rolling)(?:\s+|-)?(?:coverage|blog|page|updates?|text)\b"
    r"|(?<![\"'“‘«„])follow\s+(?:our\s+)?live\s+(?:coverage|updates?|blog)\b"
    r"|(?<![\"'“‘«„])(?:we|i)(?:'ll|’ll|\s+will)\s+(?:be\s+)?bring(?:ing)?\s+you\s+(?:all\s+the\s+"
    r"latest|the\s+latest\s+(?:news|updates|developments|reaction|on)|every\s+(?:announcement"
    r"|update|development)|(?:live\s+)?updates|live\s+coverage|the\s+key\s+(?:events|moments))\b"
    r"|(?:guten\s+(?:morgen|tag|abend)\s+und\s+)?(?:herzlich\s+)?willkommen\s+(?:zu|zum|in|im|bei)"
    r"\s+(?:unserem\s+|unserer\s+)?live-?(?:blog|ticker|berichterstattung)\b"
    r"|wir\s+halten\s+sie\s+(?:hier\s+)?(?:[\w\s]{0,30}?)auf\s+dem\s+laufenden\b"
    r"|(?:buen[oa]s\s+(?:días|tardes|noches)\s+y\s+)?bienvenid[oa]s?\s+a\s+(?:nuestra|la|este"
    r"|nuestro)\s+(?:cobertura|directo|blog)\b"
    r"|(?:bonjour|bonsoir)?(?:(?<!\s)\s+et\s+)?bienvenue\s+(?:dans|sur|à)\s+(?:ce|notre)\s+(?:direct"
    r"|live|suivi)\b"
    r"|this\s+live\s+(?:blog|page|coverage)\s+(?:has\s+)?(?:ended|is\s+(?:now\s+)?closed)"
    # A map's legal disclaimer (reader QA: the United Nations' "The designations employed and
    # the presentation of material on the map do not imply…" was a World story's headline,
    # and "…in Jammu and Kashmir agreed upon by India and Pakistan." its summary).
    # (Not said by someone: "…agreed upon by the parties, the UN envoy said." is news: review.)
    r"|(?:(?:the\s+)?designations\s+(?:employed|used)\s+and\s+the\s+presentation\s+of\s+"
    r"(?:the\s+)?material\b"
    r"|(?:the\s+)?(?:boundaries\s+and\s+names\s+shown|dotted\s+line\s+represents\s+"
    r"approximately\s+the\s+line\s+of\s+control)\b"
    r"|(?:in\s+)?jammu\s+and\s+kashmir\s+agreed\s+upon\s+by\s+india\s+and\s+pakistan\b"
    r"|the\s+final\s+status\s+of\s+[^.!?]{3,40}\s+has\s+not\s+yet\s+been\s+agreed\s+upon\s+by"
    r"\s+the\s+parties\b)(?![^.!?]*\b(?:said|says|according\s+to)\b)"
    # A newsroom asking for comment is no news (reader QA: "The Associated Press left a
    # message seeking information from Houston police." was half an update); only a sentence
    # that says nothing else (review: "…did not respond to a request for comment, but its
    # shares fell 12 percent" is news).
    r"|" + _NO_COMMENT + r")",
    re.IGNORECASE)


# A line that is a site's menu ("Home | World | Business | Sport"), its name after a
# copyright sign ("(c) City Herald"), or its sharing buttons ("share tweet pin email": a
# story's headline in reader QA).
_BUTTON = (r"(?:share|tweet|pin|e-?mail|print|save|comment|copy\s+link|facebook|twitter"
           r"|whatsapp|linkedin|reddit)")
# A menu's item: a word or two, no figures ("Stocks fall 3%" is news); four items or more
# ("Trump wins | Harris concedes | Markets rally" is a post's headlines: review).
_MENU_ITEM = r"[^\W\d_][^\s|\d]*(?:\s[^\W\d_][^\s|\d]*)?"
_MENU_OR_MARK = re.compile(rf"^(?:{_MENU_ITEM}(?:\s\|\s{_MENU_ITEM}){{3,}}"
                           r"|(?:©|\(c\))\s*[^.!?]{1,40}"
                           rf"|{_BUTTON}(?:[\s,|·•/]+{_BUTTON})+)$", re.IGNORECASE)


# What only a photo's caption says: "…, in this photograph provided by the Caudry City Hall
# April 22, 2015, is seen…", or a scene ending on its full date ("…attend a news conference
# at the courthouse in Paris, April 22, 2015."). Reader QA: two such captions were a story's
# headline and summary, and the news (an arrest) was never told.
CAPTION_SIGNS = re.compile(
    # (right after its subject: "The ship, which is shown in this image released by the navy,
    # sank with 40 crew." is news: review)
    r"^[^,]{2,60},\s+in\s+this\s+(?:undated\s+|handout\s+|file\s+)?(?:photo(?:graph)?|picture"
    r"|image)\s+"
    r"(?:provided|released|taken|made\s+available|obtained|distributed)\s+by\b"
    # "This image shows the mummy of…" (reader QA: a caption as a story's headline)
    r"|^\W*this\s+(?:undated\s+|handout\s+|file\s+)?(?:photo(?:graph)?|picture|image)"
    r"\s+(?:shows?|provided|released|taken|made\s+available|obtained)\b"
    # "The scene of collapsed houses along 400 block of Daly Street … on July 29, 2013." (LLM
    # QA, stop 57: a summary's first sentence; as a title, `_NOT_A_HEADLINE` knew it)
    r"|^\W*the\s+scene\s+(?:of|at|outside)\b.*\b(?:19|20)\d\d\.?[\"”’']?$"
    # (not after a weekday: "…will report on Tuesday, March 3, 2026." is news)
    rf"|(?<!day),\s+{MONTH}\s+{_DAY},\s+\d{{4}}\.?[\"”’']?$"
    # ...but after a weekday set off by commas as AP captions: "Former pro-democracy lawmaker
    # Martin Lee, 81-year-old, leaves a police station in Hong Kong, Saturday, April 18,
    # 2020." (reader QA, stop 72 Q4: it opened a summary and the arrests' sentence was left
    # out); prose says "on Saturday". (On the tuning halves' texts: that caption, twice.)
    rf"|,\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s+{MONTH}\s+{_DAY},\s+\d{{4}}"
    r"\.?[\"”’']?$"
    # ...or after its place with no comma between, as Reuters captions ("…shooting in
    # Newtown, Connecticut December 14, 2014.": reader QA, a story's title; on the tuning
    # halves the four sentences it finds are all captions)
    # (not a weekday, "…for next week, Wednesday September 18, 2013.": review)
    rf"|,\s+(?!(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)(?-i:[A-Z][a-z]+)"
    rf"(?:\s(?-i:[A-Z][a-z]+))?\s+{MONTH}\s+{_DAY},\s+\d{{4}}\.?[\"”’']?$"
    # ...or with no comma at all: "…to the Hotel Dieu Hospital in Paris April 22, 2015." (reader
    # QA, stop 50: a page's fifth caption opened a summary; prose dates it "on April 22")
    # (not prose in AP's style, which dates without "on": "The treaty was signed in Paris
    # February 10, 1947.", "She was born in Nashville March 22, 1923."; a caption tells a
    # scene in the present: review; past forms in lower case, as "United", "Red Cross" and
    # "Ahmed" are none, and none after "is" or "are", as "is treated by rescuers" is a
    # caption's present: second review; not "left", "hit", "struck", "found" or "beat",
    # which captions say in the present or of a place in the picture: "John Kerry, left,
    # meets…", "a car hit by…", review stop 51)
    r"|^(?!.*(?:(?<!\bis\s)(?<!\bare\s)\b(?-i:[a-z]\w*ed)\b|\b(?:was|were|had|began|became"
    r"|won|took|met|held|born|grew|said|told|spoke|went|shot|gave|came|saw|got|ran|wrote|sent"
    r"|paid|built|lost|fell|sold|brought|bought|caught|fought|kept|stood|did|made|knew|flew"
    r"|drove|rose|broke|chose|threw|sang|spent)\b))"
    rf".*\bin\s+(?-i:[A-Z][a-z]+)(?:\s(?-i:[A-Z][a-z]+))?\s+{MONTH}\s+{_DAY},\s+\d{{4}}"
    r"\.?[\"”’']?$"
    # ...or a Reuters scene: "General view of the Emergency entrance to…"
    r"|^\W*(?:a\s+)?general\s+view\s+(?:of|shows)\b"
    # ...or someone "as seen in" a picture, right after the name ("Sprint CEO Dan Hesse, as
    # seen in one of the company's much-played black-and-white television commercials.":
    # reader QA, stop 55 F3, a summary's first sentence)
    r"|^[^,]{2,60},\s+as\s+(?:seen|pictured|shown)\s+(?:in|on|here|at)\b[^.!?,]*\.?[\"”’']?$"
    # ...or a scene dated to the day and placed after it, as agencies caption ("…is removed
    # from Forest Road, Wednesday, Sept. 2, 2015 in Millis, Mass.": reader QA, an update's
    # news sentence)
    rf"|,\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s+{MONTH}\s+{_DAY},\s+\d{{4}},?\s+in\s+"
    r"(?-i:[A-Z])[^.!?]{0,40}\.?[\"”’']?$"
    # ...or marked as a stock picture, as Indian outlets do ("The shots were likely related to
    # a robbery attempt at a cafe, cops said (Representational)": reader QA, a summary's
    # first sentence)
    r"|\((?:(?:representational|representative|symbolic)(?:\s+(?:image|photo|picture|pic))?"
    r"|file\s+(?:image|photo|picture|pic))\)\.?[\"”’']?$"
    # ...or said to be in a picture at its end, as wire captions are ("…pilot a P-8A Poseidon
    # during a mission to assist in the search for flight MH370 in this March 24, 2014 handout
    # photo.": reader QA, a story's title)
    # (a sentence of twelve words or more: "Spot the snow leopard in this photo" is a headline)
    rf"|^(?=(?:\S+\s+){{11}}).*\bin\s+this\s+(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s+)?"
    rf"{MONTH}\s+{_DAY},\s+\d{{4}},?\s+)?(?:(?:undated|handout|file|aerial|still)\s+)*"
    r"(?:photo(?:graph)?|picture|image)(?:\s+(?:taken|released|provided|made\s+available"
    r"|obtained|distributed)\b[^.!?,]{0,60})?\.?[\"”’']?$", re.IGNORECASE)


# Reader QA, stop 70 T7: a video page's notices run into one line by its feed, with no full
# stop between them ("Published on Sep 8, 2015 “This video is represented by Break.com - For
# any licensing requests please contact licensing@break.com” Stunt man - […] Camera man…"),
# were a story of their own: Punkt reads the stamp, the notice and a credit as one sentence.
# A notice runs to its closing quote, its e-mail address or its full stop; what may stay
# beside them is the video's credits ("Stunt man - https://…", cut by the feed: "[…]",
# "Camera man…"). The stamp alone inside news ("…was published on Sep 8, 2015 and seen…")
# leaves news beside it.
_NOTICE = (rf"[\"“]?(?:{_LICENSING})"
           r"[^\"”\n]*?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\"”]|[.!]+(?=\s|$)|$)[\"”]?")
_GLUED_NOTICE = re.compile(rf"{_UPLOADED}\.?|{_NOTICE}", re.IGNORECASE)
# ...and cut from a line that goes on with news (`strip_credits`), its stamp with it: the
# stamp alone may be news's ("Published on Sep 8, 2015, the report found…").
_NOTICE_IN_LINE = re.compile(rf"(?:{_UPLOADED}\W*)?{_NOTICE}\s*", re.IGNORECASE)
# (what comes before a link or a "[…]" is no "[": else a run of "[…]"s could be read in
# twice as many ways with each one, and a line of them took minutes: review, stop 70)
_VIDEO_CREDITS = re.compile(
    r"(?:[^\w\[]*(?:[^\W\d_][\w ]{0,30}?\s+[-–:]\s+)?(?:https?://\S+|\[(?:…|\.\.\.)\]))*"
    r"(?:[^\w\[]*[^\W\d_][\w ]{0,30}(?:…|\.\.\.))?\W*")


def _notices_only(line: str) -> bool:
    rest, cut = _GLUED_NOTICE.subn(" ", line)
    return bool(cut) and bool(_VIDEO_CREDITS.fullmatch(rest))


def furniture_line(line: str) -> bool:
    """A site's menu or mark, or a line of calls to follow, join or sign up, or a video's
    licensing notices and credits: no news."""
    return bool(_MENU_OR_MARK.match(line.strip())
                or all(CALL_TO_READERS.match(s) for s in sentences(line))
                or _notices_only(line))


def names_a_picture(title: str) -> bool:
    """Whether a title made from an item's text is a photo's caption: it says where someone
    stands, or what a picture shows (`CAPTION_SIGNS`)."""
    return bool(PICTURE_POSITION.search(title) or CAPTION_SIGNS.search(title))


# A line opening with someone's remark in quotes and who said it ('"He really needs a lawyer,"
# Ms. O'Sullivan said of Mr. Trump.' titled a story of the Comey firing: reader QA stop 43): a
# lede's quote, no headline, when a paragraph follows (of `_LEDE_WORDS` at least).
_QUOTED_REMARK = re.compile(
    r"""^\W{0,2}["“‘'][^"”’]{3,300}?[,.?!…—-]\s*["”’']\s*,?\s*(?:[\w.'’-]+\s+){0,6}?"""
    # (past tense only: "'We will not be intimidated,' says mayor after attack" is a
    # headline: review)
    r"(?:said|told|wrote|added|asked|explained|tweeted)\b", re.IGNORECASE)
_LEDE_WORDS = 8
# A publisher's page of praise for a book: each line a long quotation and, after a dash, who
# said it ("“Kirsten Gillibrand has written a handbook for the next generation…”—Arianna
# Huffington, editor in chief…": reader QA, stop 45, a story's title; "“Candid and
# inspiring.”—Dr. Oz"). A short one without its full stop may be a headline ("“We will not
# back down” — May").
_BLURB = re.compile(r"""^\W{0,2}["“](?:[^"”]{60,}|[^"”]{3,}[.…])["”]\s*(?:—|–|--|-)\s*"""
                    # (who said it, up to a comma or the line's end: "“I'm not going
                    # anywhere!” — Defiant Johnson vows to fight on" is a headline: review)
                    r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)\s*(?:[,(]|$)", re.MULTILINE)


def blurb(line: str) -> bool:
    """Whether a line of text is a quotation of praise with its author after a dash."""
    return bool(_BLURB.match(line))


# A motto, a poem's lines or a quotation with its author opening a text, an epigraph: no
# headline, the report's first sentence is (reader QA, stop 76 T10: "No man is an island …
# — John Donne" headed a Health story). Its author after a dash: a name's words only, then
# perhaps the work or the years ("— John Donne, Meditation XVII", "-- John Donne (1624)").
_DASH = r"(?:\u2014|\u2013|\u2015|--|-|~)"
_AUTHOR = (r"(?P<author>(?-i:[A-Z][\w.'\u2019-]*)(?:\s+(?:(?-i:[A-Z][\w.'\u2019-]*)|de|da|di|du"
           r"|van|von|der|den|la|le|of|al|el|bin|ibn)){0,4})"
           r"\s*(?:,[^\n]{1,80}|\([^)\n]{1,40}\))?\s*$")
# ...on a line of its own, under the quotation...
_AUTHOR_LINE = re.compile(rf"^\s*{_DASH}\s*{_AUTHOR}")
# ...or after it on its line.
_ATTRIBUTED = re.compile(rf"^(?P<said>.*?\S)\s*{_DASH}\s*{_AUTHOR}")
_EPIGRAPH_CHARS = 400  # an attributed line this long at most (a headline's quote, a verse)
_EPIGRAPH_LINES = 8  # a poem's lines above its author, at most
_EPIGRAPH_OPENS = 3  # an epigraph starts on one of a text's first lines
_AUTHOR_NAMED_CHARS = 1000  # of the report after it, where a headline's speaker is named
_OPEN_QUOTES = "\"\u201c\u201e\u00ab\u2018'"
_CLOSE_QUOTES = "\"\u201d\u201c\u00bb\u2019'"
_ELIDED = re.compile(r"\u2026|\.\.\.")
# Where a verse's line goes on to the next: it ends with a comma, a semicolon, a colon, a dash.
_VERSE_GOES_ON = (",", ";", ":", "\u2014", "\u2013", "-")


def _epigraph_said(said: str, author: str, after: str) -> bool:
    """Whether what a line says before its author's name is an epigraph's quotation, not a
    headline's quoted remark ('"We will not back down" - May' is a headline: review):
    a quotation elided ("…") or ended (by a full stop, a comma, a semicolon), as a headline's
    is not; or quoted whole, its author named in full and not in the report after it (a
    headline's speaker is its news: "- Theresa May" over a report of May's speech)."""
    bare = said.rstrip(_CLOSE_QUOTES + " ")
    if _ELIDED.search(said) or bare.endswith((".", ",", ";")):
        return True
    quoted = said[:1] in _OPEN_QUOTES and said[-1:] in _CLOSE_QUOTES
    names = author.split()
    # (as a word: "May" is not named by "dismayed" or "may": review, stop 77)
    return quoted and len(names) >= 2 and re.search(
        rf"\b{re.escape(names[-1])}\b", after) is None


def _without_epigraph(text: str) -> str:
    """The text without the epigraph it opens with (`_ATTRIBUTED`, `_AUTHOR_LINE`): a motto, a
    poem's lines or a quotation with its author's name, and the report after it. Lines above
    the epigraph (a headline) are kept; a text that is only one is kept whole."""
    raw = text.splitlines()
    # (only its opening lines are read: a text may be a whole book)
    filled = list(itertools.islice((number for number, line in enumerate(raw) if line.strip()),
                                   _EPIGRAPH_OPENS + _EPIGRAPH_LINES))
    for place, number in enumerate(filled):
        line = raw[number].strip()
        if len(line) > _EPIGRAPH_CHARS:
            continue
        after = "\n".join(raw[number + 1:number + 1 + _LEDE_WORDS])[:_AUTHOR_NAMED_CHARS]
        if len(after.split()) < _LEDE_WORDS:
            return text
        if (found := _AUTHOR_LINE.match(line)) is not None and place > 0:
            start = _quotation_start(raw, filled[:place])
            said = " ".join(raw[k].strip() for k in filled[filled.index(start):place])
        elif (found := _ATTRIBUTED.match(line)) is not None:
            start = _quotation_start(raw, [*filled[:place], number])
            said = found["said"]
        else:
            continue
        # (not a byline or an agency's name under a headline: "— By Ilse Brandt", "- Reuters")
        if (filled.index(start) < _EPIGRAPH_OPENS and not _BYLINE_START.match(found["author"])
                and not _NOT_A_HEAD.search(found["author"])
                and _epigraph_said(said, found["author"], after)):
            return "\n".join([*raw[:start], *raw[number + 1:]])
    return text


def _quotation_start(raw: Sequence[str], above: Sequence[int]) -> int:
    """The line a quotation ending on the last of `above` (raw line numbers) starts on: the
    one opening its quote marks, when it ends with one; else its verse's first line, each
    going on to the next (`_VERSE_GOES_ON`); `_EPIGRAPH_LINES` at most."""
    last = raw[above[-1]].strip()
    if last.rstrip().endswith(tuple(_CLOSE_QUOTES)) and not last.startswith(tuple(_OPEN_QUOTES)):
        for number in reversed(above[-_EPIGRAPH_LINES:-1]):
            if raw[number].strip().startswith(tuple(_OPEN_QUOTES)):
                return number
        return above[-1]
    start = above[-1]
    for number in reversed(above[-_EPIGRAPH_LINES:-1]):
        if not raw[number].rstrip().endswith(_VERSE_GOES_ON):
            break
        start = number
    return start


# A headline run into a lead that says it again, on one line without a full stop between
# (a feed's or a data set's item that joined them): "Geburtenbilanz 2019 erneut positiv Die
# Geburtenbilanz in Österreich war 2019 erneut positiv." (reader QA, stops 43 and 44). The
# lead opens with an article written with its capital right after a word (no mark between), and
# repeats half of the headline's longer words or more in its first thirty.
_LEAD_ARTICLES = frozenset(("The", "A", "An", "Der", "Die", "Das", "Ein", "Eine", "Le", "La",
                            "Les", "Un", "Une", "El", "Los", "Las", "Il", "Lo", "Gli", "Os",
                            "As", "Het", "Een"))
_RESTATED_WORDS = 30
_TITLE_CASE_WORDS = 4  # a headline's words of four letters or more, each capitalised
_NOT_A_HEAD = re.compile(r"(?i)\b(?:photo|image|caption|credit|getty|advertisement|reuters"
                         r"|associated press)\b")
# (not German's: every noun before "Die" has a capital, "…in Dortmund Die Bayern…": review)
_NAME_ARTICLES = frozenset(("Le", "La", "Les", "El", "Los", "Las", "Il", "Lo"))
_BEFORE_PLACES = frozenset(("in", "at", "near", "from", "to", "of", "en", "à", "a", "de", "di",
                            "da", "im", "nach", "aus", "bei", "von", "em", "no", "na"))
_LETTERS_WORD = re.compile(r"[^\W\d_]{4,}")
# ...or with a word that opens a sentence and is no name's: a quantity, a pronoun ("…Must Act
# by May 9 More than 1,300 federal and independent scientists…": reader QA, stop 70 U3 and
# stop 71). On the tuning halves' texts (1,640 first lines) these found five more headlines,
# each right, once its possessive was ruled out ("…ceasefire in Sudan's Two Areas").
_LEAD_OPENERS = frozenset(("More", "Most", "Some", "Many", "Several", "Few", "All", "Both",
                           "Each", "Every", "Two", "Three", "Four", "Five", "Six", "Seven",
                           "Eight", "Nine", "Ten", "Dozens", "Hundreds", "Thousands",
                           "Millions", "This", "These", "Those", "It", "He", "She", "They",
                           "We"))
_POSSESSIVE = re.compile(r"['’]s$")


def _restated_headline(line: str) -> str | None:
    """The headline a line opens with, when its lead follows restating it; else None."""
    spans = list(re.finditer(r"\S+", line[:1000]))
    for k in range(3, min(len(spans), 20)):
        word, before = spans[k].group(), spans[k - 1].group()
        if not before[-1:].isalnum() or _POSSESSIVE.search(before):
            continue
        if word not in _LEAD_ARTICLES and word not in _LEAD_OPENERS:
            named = _named_lead(line, spans, k)
            if named:
                return named
            continue
        # A lead is written in sentence case; a title-case headline goes on ("…Memorial
        # Canceled As Virus Fears Mount", "…Corp. Have A Particularly Volatile Share Price?").
        following = [span.group() for span in spans[k + 1:k + 5]]
        if sum(w[:1].islower() for w in following) * 2 < len(following) or not following:
            continue
        # A name that opens with an article is no lead: "…in Las Vegas", "…in The Hague",
        # "Marine Le Pen" (review).
        if following[0][:1].isupper() and (before.lower() in _BEFORE_PLACES or (
                before[:1].isupper() and word in _NAME_ARTICLES)):
            continue
        written = [w for span in spans[:k] for w in _LETTERS_WORD.findall(span.group())]
        head = {w.lower() for w in written}
        after = {w.lower() for span in spans[k:k + _RESTATED_WORDS]
                 for w in _LETTERS_WORD.findall(span.group())}
        if len(head) >= 2 and len(head & after) >= max(2, len(head) / 2):
            return line[:spans[k - 1].end()]
        # ...or a headline in title case before a lead in sentence case, whatever it says
        # (reader QA, stop 45: "Mobb Deep Songs Remixed: Listen to 7 of the Best The rap world
        # is reeling…" titled a story).
        # (not a credit or a caption's button: "Photo Credit: Getty Images The prime
        # minister said…" heads with the lead: review)
        # (its last word may be a figure: "…Must Act by May 9")
        if (len(written) >= _TITLE_CASE_WORDS and (before[:1].isupper() or before.isdigit())
                and all(w[:1].isupper() for w in written)
                and not _NOT_A_HEAD.search(line[:spans[k - 1].end()])):
            return line[:spans[k - 1].end()]
    return None


# A standfirst in sentence case run into a lead that opens with a name and its apposition,
# the lead restating it: "Champion swimmer turned top box-office draw in 40s and 50s Esther
# Williams, the swimming champion turned actress…, has died." (reader QA, stops 70 and 71). A
# name after any word was a headline's end 2 times in 32 on the tuning halves' texts (the rest
# cut names: "Senate Majority Leader Mitch | McConnell"); so only here, where a name cannot
# go on: after a word in lower case that is no function word, or a figure ("50s"), before
# "Name Name," and a sentence that says again three of the standfirst's words or half (once
# in 1,640 first lines, right). Words are compared by their first five letters ("swimmer",
# "swimming").
_NAMED_LEAD_WORDS = 6  # a standfirst's words at least
_NAMED_RESTATED = 3
_STEM_LETTERS = 5
_ALL_STOP_WORDS = frozenset().union(*_STOP_SETS.values())
_APPOSED_NAME = re.compile(r"(?-i:[A-Z][a-z][\w'’-]*)(?:\s(?-i:[A-Z][a-z][\w'’-]*)){1,2},\s")
_DECADE = re.compile(r"(?:1[89]|20)?\d0['’]?s|\d+")


def _named_lead(line: str, spans: Sequence[re.Match[str]], k: int) -> str | None:
    """The standfirst a line opens with, before a lead that opens with a name and restates it
    at `spans[k]` (`_APPOSED_NAME`); else None."""
    before = spans[k - 1].group()
    head = line[:spans[k].start()]
    if (k < _NAMED_LEAD_WORDS or not _APPOSED_NAME.match(line, spans[k].start())
            or not ((before.isalpha() and before.islower() and before not in _ALL_STOP_WORDS)
                    or _DECADE.fullmatch(before))
            or _SENTENCE_INSIDE.search(head) or head.count('"') % 2):
        return None
    end = _SENTENCE_INSIDE.search(line, spans[k].start())
    lead = line[spans[k].start():end.start() + 1 if end else len(line)]
    said = {w.lower()[:_STEM_LETTERS] for w in _LETTERS_WORD.findall(head)}
    again = said & {w.lower()[:_STEM_LETTERS] for w in _LETTERS_WORD.findall(lead)}
    if len(again) >= max(_NAMED_RESTATED, len(said) / 2):
        return head.rstrip()
    return None


_TITLE_MIN_WORDS = 3
# A line of this many words at most above a longer headline is its section's name, a kicker
# ("Your Health" over "Neurologists Warn Against ADHD Drugs To Help Kids Study": reader QA,
# stop 69 R7, where it headed a report); the headline below is one of this many words at least.
_KICKER_WORDS = 3
_UNDER_KICKER_WORDS = 5


def _kicker(line: str, following: str) -> bool:
    """Whether a line is a section's name above the headline that follows it: a headline of
    its own, with a capital, not a byline, a stamp or a brand in lower case ("Quake hits
    Veloria" over "mis à jour le 3 mars", "By Ilse Brandt" or "iPhone 16 ships…" is the
    headline: review)."""
    below = _cleaned(following)
    return (len(line.split()) <= _KICKER_WORDS and not any(c.isdigit() for c in line)
            and len(below.split()) >= _UNDER_KICKER_WORDS and below[:1].isupper()
            and not _BYLINE_START.match(below) and is_headline(below)
            and not below.rstrip().endswith((".", "!", "?")) and not CAPTION_SIGNS.search(below))


_BYLINE_START = re.compile(r"(?:by|von|par|por|di|door|przez|от|από)\s", re.IGNORECASE)

# The reader addressed: "you", in the bot's languages; not words that are also another's
# ("Sie" is "she" and "they", French "du" is "of the", "ton" is English).
_YOU = re.compile(r"\b(?:you|your|yours|dich|dir|dein\w*|euch|vous|votre|tu|toi|usted(?:es)?|tú"
                  r"|vosotros|voi|vostr[oaie]|tuo|tuoi|tua|tue)\b", re.IGNORECASE)
_TEASER_WORDS = 6  # a teaser's line to its reader is at most this long, a question any length


def _to_the_reader(sentence: str) -> bool:
    """Whether a sentence speaks to its reader, as a teaser does, rather than telling news: a
    question or exclamation to "you" ("Have you seen this?", "Would you jump?"), or a line of
    a few words with "you" ("You have to see this."). A headline telling readers news of
    their own ("You can now pay with your face at KFC in China.") is longer."""
    return bool(_YOU.search(sentence)) and (sentence.rstrip("\"”’' ").endswith(("?", "!"))
                                            or len(sentence.split()) <= _TEASER_WORDS)


def title_from_text(text: str) -> str:
    """A title for an item that came without one: its first line that reads as a headline (a
    scraped page opens with bylines and dates as often as not), to the end of its first
    sentence, on one line, cut at a word with an ellipsis when long."""
    # A line of one word is a section label ("Columnist"), not a headline; a photo's caption
    # is none either.
    # An epigraph opening it is none either (`_without_epigraph`).
    text = _without_epigraph(text)
    lines = [line for line in text.splitlines() if line.strip()]
    # A line of one sentence that says where someone stands in a picture is its caption
    # (reader QA: "…drummer John Bonham (second from right)" headed a Led Zeppelin story).
    line = next((cleaned for number, raw in enumerate(lines)
                 if is_headline(cleaned := _cleaned(raw)) and len(cleaned.split()) > 1
                 and not furniture_line(cleaned) and not blurb(cleaned)
                 and not (number < len(lines) - 1 and _kicker(cleaned, lines[number + 1]))
                 and not CAPTION_SIGNS.search((told := sentences(cleaned) or [cleaned])[0])
                 and not (len(told) == 1 and PICTURE_POSITION.search(cleaned))
                 and not (_QUOTED_REMARK.match(cleaned) and number < len(lines) - 1
                          and len(lines[number + 1].split()) >= _LEDE_WORDS)
                 and not runs_on(cleaned, lines[number + 1] if number < len(lines) - 1 else "")
                 and not goes_on(without_lead_ins(cleaned))
                 and not _is_caption(raw, lines[max(number - 1, 0):number],
                                     lines[number + 1:number + 2])),
                None) or _cleaned(text)
    line = _without_glued_furniture(line)
    # A headline written twice before its lead is the headline (`_HEADLINE_TWICE`), and so
    # is one its lead restates (`_restated_headline`).
    line = headline_twice(line) or _restated_headline(line) or line
    # Without its lead-ins (a kicker before a dateline: "PHILADELPHIA | PHILADELPHIA
    # (Reuters) -"), unless that leaves next to nothing ("Obama visits China (AP)").
    rest = without_lead_ins(line)
    # Only the opening matters: the title is cut anyway.
    whole = rest if len(rest.split()) >= 3 else line
    opening = whole[:4 * _TITLE_CHARS]
    # A photo's caption opening the text ("Bernie Sanders (2nd row down, center) liked what
    # he heard.") names a picture, not the news: the next sentence, when there is one.
    # So does a caption a teaser ran into its text on one line ("…in Newtown, Connecticut
    # December 14, 2014. NEWTOWN, Conn. Parents…": reader QA).
    found = sentences(opening)
    # A sentence of a word or two names nothing ("It's amazing." headed an essay on the
    # Oculus purchase: reader QA, stop 52 F6): the next one, when there is one.
    # Nor does a teaser's line to its reader ("Have you seen this? A vehicle jump stunt in
    # Alabama is going viral…" titled a story "Have you seen this?": reader QA, stop 73 R6).
    first = next((s for s in found if not PICTURE_POSITION.search(s)
                  and not CAPTION_SIGNS.search(s) and not CALL_TO_READERS.match(s)
                  and len(s.split()) >= _TITLE_MIN_WORDS and not _to_the_reader(s)),
                 found[0] if found else opening)
    # The opening's last sentence may be cut where the opening was (after a long caption
    # skipped: review): said cut, with its "…".
    stump = bool(found) and first is found[-1] and len(whole) > len(opening)
    # A sentence a little longer is shown whole: cut, it left a word or two for the summary
    # ("…from a mountain in New…" over the summary "…Zealand.": reader QA).
    if len(first) <= _TITLE_CHARS + _TITLE_SLACK and not stump:
        # (a feed's teaser cut with a spaced ellipsis, "…running to replace …", is shown cut
        # as the title's own cuts are: reader QA stop 72 Q6)
        return _SPACED_CUT.sub("…", first)
    return _cut_at_word(first, _TITLE_CHARS)


_SPACED_CUT = re.compile(r"\s+(?:…|\.\.\.)$")


def _without_glued_furniture(line: str) -> str:
    """The headline alone, when a label (`_GLUED_LABEL`) or a page's furniture
    (`_GLUED_FURNITURE`) glued more to it; unless that leaves fewer than three words."""
    glued = _GLUED_LABEL.search(line) or _GLUED_FURNITURE.search(line)
    if glued and len(line[:glued.start("label")].split()) >= 3:
        return line[:glued.start("label")]
    return line


def _cut_at_word(line: str, chars: int) -> str:
    """`line` cut to fewer than `chars` characters with an ellipsis: at a word, unless the text
    writes none (Chinese, Japanese) or one runs very long."""
    cut = line[:chars - 1]
    space = cut.rfind(" ")
    if space > chars // 2:
        cut = cut[:space]
        # ...and not between a figure and its scale: "…Jimmy Choo for $1.2…" over the summary
        # "…billion, snapping up…" (reader QA, stop 69 R5).
        space = cut.rfind(" ")
        if _FIGURE_END.search(cut) and _SCALE.match(line[len(cut):]) and space > chars // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


# Where a headline's clause ends: a comma, semicolon, colon or dash before words, not a
# figure's comma ("March 24, 2020", "1, 2 and 3").
_CLAUSE_END = re.compile(r"(?:[,;:]|\s[–—-])\s+(?=[^\W\d_])")


# A headline is kept to this many characters (`feed_headline`): a feed's, a page's, a file's.
TITLE_MAX = 200


def feed_headline(title: str, *, max_chars: int) -> str:
    """A feed's headline as it is kept: without the page's furniture run on after it
    (`_without_glued_furniture`), and when longer than `max_chars`, its whole sentences that
    fit, else cut with an ellipsis at a clause's end, else at a word (reader QA, stop 70 U6:
    a title cut at 200 characters ended "…Vevey, March 24, 202", a year cut short, unsaid).
    Only from half of `max_chars` on: a cut leaves a headline, not its first words."""
    # (only the opening is read: a feed's title may be a whole article)
    line = _without_glued_furniture(title[:4 * max_chars])
    if len(line) <= max_chars:
        return line
    kept = ""
    for sentence in sentences(line):
        if len(joined := f"{kept} {sentence}".lstrip()) > max_chars:
            break
        kept = joined
    if len(kept) > max_chars // 2:
        return kept
    ends = [found.start() for found in _CLAUSE_END.finditer(line, 0, max_chars)]
    if ends and ends[-1] > max_chars // 2:
        return line[:ends[-1]].rstrip() + "…"
    return _cut_at_word(line, max_chars)


_FIGURE_END = re.compile(r"(?<!\S)[$€£¥]?\d[\d.,]*$")
_SCALE = re.compile(r"\s+(?:million|billion|trillion|thousand|bn|mn|mln|percent|per\s+cent|pct)\b",
                    re.IGNORECASE)


# How news writes a name: a word's letters ("Google's" is Google; "d'Apple" is skipped, as
# after any quote mark).
_LETTERS = re.compile(r"[^\W\d_]+")
# What stands before a word that opens a sentence, a quote or a line, or sits in a link or a
# handle ("google.com", "@google"): its capital, or lack of one, says nothing.
_OPENING_MARKS = frozenset(".!?:;\"“”„‘’'«»()[]—–-*•|@/#\n")
# A word followed by these is a link's or an address's part ("google.com", "google.de").
_LINKED = frozenset(f".{c}" for c in "abcdefghijklmnopqrstuvwxyz")
# A line this share of whose longer words are capitalised is in title case (a headline).
_TITLE_CASE_LINE = 0.6
_FEW_NAMES = 16


def name_words(label: str) -> tuple[str, ...]:
    """A name's words as `names_written` looks for them: letters only, lower-cased."""
    return tuple(word.lower() for word in _LETTERS.findall(label))


def names_written(text: str, wanted: Mapping[str, Sequence[tuple[str, ...]]]
                  ) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Each of the `wanted` names (their words lower-cased, listed under the first word) that
    the text writes in running text, and whether it writes every word with a capital. An
    opening of a sentence, a quote or a line, a line in title case or in capitals, a link and
    a handle say nothing: there a word is capitalised, or not, whatever it is."""
    phrases = [" ".join(name) for names in wanted.values() for name in names]
    if len(phrases) <= _FEW_NAMES:  # most texts say none of a few names: skipped at C speed
        lowered = text.lower()
        if not any(phrase in lowered for phrase in phrases):
            return
    for line in text.split("\n"):
        tokens = list(_LETTERS.finditer(line))
        longer = [t.group() for t in tokens if len(t.group()) > 3]
        if longer and (sum(w[0].isupper() for w in longer) >= _TITLE_CASE_LINE * len(longer)
                       or line.isupper()):
            continue
        for k, token in enumerate(tokens):
            for name in wanted.get(token.group().lower(), ()):
                end = k + len(name)
                if k == 0 or end > len(tokens) or not _OPENING_MARKS.isdisjoint(
                        line[tokens[k - 1].end():token.start()]):
                    continue
                spelled = tokens[k:end]
                if any(t.group().lower() != word for t, word in zip(spelled, name, strict=True)
                       ) or any(line[a.end():b.start()] != " " for a, b in itertools.pairwise(
                           spelled)) or line[spelled[-1].end():][:2] in _LINKED:
                    continue
                yield name, all(t.group()[0].isupper() for t in spelled)

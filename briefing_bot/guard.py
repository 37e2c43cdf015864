"""The check every LLM answer passes before a reader sees it or the cache keeps it. Pure.

Small local models (and sometimes large ones) answer with the bot's own instructions, the prompt's
scaffolding, numbered nonsense, chatter about the task, another language, or facts the articles
never state. `check` finds these and names the first problem; the summarizer then asks once more
and otherwise falls back to the extractive summary, which can only quote the articles.

The faithfulness part is deliberately literal: every name (a run of capitalised words), number,
amount, percentage, weekday, month and quotation in the answer must be found in the sources,
after normalising what is written differently but means the same ("5.2%" and "5.2 percent",
"two" and "2", "$1.5bn" and "1,500,000,000", a surname alone for a full name, "UN" for "United
Nations"). A summary that reports the sources disagreeing passes, because both versions are in
the sources. Names and quotations are only checked when the answer is in the sources' language
(a translated name is not a copied one); numbers are checked always.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from briefing_bot.extractive import without_instructions
from briefing_bot.places import countries_named, country_aliases
from briefing_bot.prompts import language_name
from briefing_bot.text import (
    DETECTED,
    base_language,
    language_scores,
    likelier,
    likelier_than,
    one_edit,
    says_in,
    stem,
    stop_words,
)

# The reasons, in the order they are checked; the first that applies is reported.
EMPTY = "empty"
ECHO = "echo"
DEGENERATE = "degenerate"
META = "meta"
LANGUAGE = "language"
UNSUPPORTED = "unsupported"
VACANT = "vacant"
REASONS = (EMPTY, ECHO, DEGENERATE, META, LANGUAGE, UNSUPPORTED, VACANT)


@dataclasses.dataclass(frozen=True, slots=True)
class Verdict:
    """`reason` is None for an answer that passed; `detail` says what was found, briefly."""

    reason: str | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.reason is None

    def __str__(self) -> str:
        return "passed" if self.reason is None else f"{self.reason}: {self.detail}"


PASSED = Verdict()


def language_of(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of a text, or None when there is too little to tell."""
    if len(_WORD.findall(text)) < 6:
        return None
    return language_scores(text)


# -- the check --------------------------------------------------------------------------------


def check(answer: str, *, sources: Sequence[str], instructions: str, language: str,
          raw: str | None = None, min_words: int = 5, outlets: Sequence[str] = ()) -> Verdict:
    """The first problem of a (cleaned) answer, or PASSED.

    `sources` are the texts the answer may draw on (articles with their titles and outlets);
    `instructions` the prompt that was sent, documents included (what is also in the sources is
    not an echo); `raw` the answer as the model sent it, before markup was cleaned away;
    `language` the code the reader asked for; `outlets` the names of the outlets the
    sources came from, which the prompt gives with them (no sign of an answer about them).
    """
    source_text = "\n".join(without_instructions(source) for source in sources)
    for verdict in (
        _empty(answer, min_words),
        _echo(raw if raw is not None else answer, answer, instructions, source_text),
        _degenerate(answer),
        _meta(answer, source_text),
        _language(answer, language),
        _longer(answer, source_text),
    ):
        if not verdict.ok:
            return verdict
    # (the costlier checks last, and only when the others pass)
    verdict = unsupported(answer, source_text, language=language, outlets=outlets)
    return verdict if not verdict.ok else _vacant(answer, source_text, language)


# An answer says something of its story: it uses at least `_VACANT_SHARED` of the words its
# sources use most (`_VACANT_TOP`, by stem, stop words aside). LLM QA (stop 53, F8): "Officials
# confirmed what happened and said more details would follow soon." passed as the summary of
# all 30 stories of a briefing, and as a section's intro. On the 70 human reference summaries
# with their articles, every summary passes, and 68 of their first sentences do
# ("Apparently there are places even South Park fears to tread." does not, and is refused:
# the reader gets the offline summary); four content-free answers like the one above pass for
# 5 of the 280 pairs.
_VACANT_TOP = 40
_VACANT_SHARED = 2
_VACANT_SHORT = 20  # distinct words: a headline or a teaser
_SENTENCE_OPENS = frozenset(".!?:\"“„«'‘\n")  # what comes before a sentence's first word
_LOOK_BACK = 40  # characters before a word looked at for what ends the sentence before it


def _opens_a_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` follows what ends a sentence (only the characters just
    before it are read: a long source has many capitalised words)."""
    before = text[max(0, start - _LOOK_BACK):start].rstrip()
    if not before and start > _LOOK_BACK:  # (a long run of spaces)
        before = text[:start].rstrip()
    return before[-1:] in _SENTENCE_OPENS


def _vacant(answer: str, source_text: str, language: str) -> Verdict:
    wanted = base_language(language)
    found = language_of(source_text)
    if found is not None and _SAME.get(found[0], found[0]) != _SAME.get(wanted, wanted):
        return PASSED  # a translation: its words are not the sources'
    stop = stop_words(wanted)

    def stems(words: Iterable[str]) -> list[str]:
        return [stem(word, wanted) for word in (
                w.lower().removesuffix("'s").removesuffix("’s") for w in words)
                if len(word) > 2 and word not in stop and not word.isdigit()]

    given = _WORD.findall(source_text)
    given_stems = stems(given)
    most = {word for word, _ in Counter(given_stems).most_common(_VACANT_TOP)}
    shared = most.intersection(stems(_WORD.findall(answer)))
    # One of them is enough when it is a name (a word the sources never write in lower case:
    # "Veloria", "Acme"), or when the sources are a headline or a teaser, which a faithful
    # answer tells in other words: "An earthquake has struck Veloria." for "Quake hits
    # Veloria" (review, stop 54).
    lower = {word for word in given if word.islower()}
    names = set(stems(match.group() for match in _WORD.finditer(source_text)
                      if match.group()[:1].isupper() and match.group().lower() not in lower
                      # (inside a sentence: "Officials said…" opening one is no name:
                      # second review, stop 54)
                      and not _opens_a_sentence(source_text, match.start())))
    needed = 1 if shared & names or len(set(given_stems)) < _VACANT_SHORT else _VACANT_SHARED
    if len(most) >= needed and len(shared) < needed:
        return Verdict(VACANT, "it says nothing of its story: it uses almost none of the "
                               "words its sources use most")
    return PASSED


# An answer this many times as long as everything it may draw on (and a few words more) says
# more than its sources: a summary says less. Reader QA (stop 50, the small model): 60 words
# of an "approved" safety review, an "exemption" and a "non-profit organization" for a
# 45-word item on a stent that had skipped its trials, every name in it the item's. The
# margin leaves room for a translation, which runs longer than its original.
_LONGER = 1.25
_LONGER_WORDS = 5


def _longer(answer: str, source_text: str) -> Verdict:
    said, given = len(_WORD.findall(answer)), len(_WORD.findall(source_text))
    if said > _LONGER * given + _LONGER_WORDS:
        return Verdict(UNSUPPORTED, f"{said} words from sources of {given}: longer than what "
                                    "it summarizes")
    return PASSED


def _empty(answer: str, min_words: int) -> Verdict:
    words = _WORD.findall(answer)
    if not words:
        return Verdict(EMPTY, "an empty answer")
    if len(words) < min_words:
        return Verdict(EMPTY, f"only {len(words)} word(s)")
    return PASSED


# The markers that fence documents in the prompts, and the lines that introduce them.
# A fence's name quoted alone is one too (reader QA: 'The answer is: "STORIES"' opened a
# section).
_MARKER = re.compile(r"<<<|>>>|‹‹‹|›››|\b(?:ARTICLE|DOCUMENT|PARTS|STORIES)\s*\d*\s*(?:>>>|›››)"
                     r"|(?:<<<|‹‹‹)\s*(?:ARTICLE|DOCUMENT|PARTS|STORIES)\b"
                     # ...quoted ('« ARTICLE 1 »', '“DOCUMENT”': reader QA), or opening the
                     # answer in capitals ("DOCUMENT Informations: …").
                     r"|[\"“”'‘’«»]\s*(?:ARTICLE|DOCUMENT|PARTS|STORIES)(?:\s*\d+)?\s*[\"“”'‘’«»]"
                     r"|^\W*(?:ARTICLE|DOCUMENT|PARTS|STORIES)\b(?:\s*\d+)?(?!\s*[a-z])")
# An answer opening on a numbered article as a heading or of "the document", in the reader's
# language ("L'article 1 du documente…", "L'articolo 1: Il documento…": reader QA), where the
# sources name no article of that number ("Der Artikel 2 ist umstritten" is a law's: review).
# (at any sentence's start: "…à cette autre. L'article 1 du documentaire est…": reader QA)
_ARTICLE_N = re.compile(
    r"(?:^|(?<=[.!?]))\W*(?:l['’]\s*|el\s+|der\s+|het\s+|o\s+|the\s+)?"
    r"(?:article|articolo|art[íi]culo|artikel|artigo|artyku[łl])\s+(\d{1,3})\b"
    r"(?=\s*[:：]|\s+(?:du|de\s+la|del|dello|des|of\s+the|van\s+het|do|da)\s+"
    r"(?:docum|text|test|dokum))", re.IGNORECASE)
_SCAFFOLD = re.compile(
    r"^\s*(?:Document|Article|Part|Title|Source)\s*(?:\(|\d+\s*[:(]|:)"
    r"|\(source:\s|\bsource\(s\) reporting\b|\bPartial summaries, in document order\b"
    r"|\b[\w-]+\.(?:txt|html?|pdf|md)\b", re.IGNORECASE | re.MULTILINE)
_ECHO_RUN = 5  # this many words in a row from the instructions, found in no source, is an echo


def _echo(raw: str, answer: str, instructions: str, source_text: str) -> Verdict:
    found = _MARKER.search(raw)
    if found:
        return Verdict(ECHO, f"prompt marker {found.group(0).strip()!r}")
    found = _SCAFFOLD.search(raw) or _SCAFFOLD.search(answer)
    if found and _norm(found.group(0)) not in _norm(source_text):
        return Verdict(ECHO, f"prompt scaffolding {found.group(0).strip()!r}")
    numbered = _ARTICLE_N.search(answer)
    if numbered and not re.search(
            rf"\bart(?:icle|icolo|[íi]culo|ikel|igo|yku[łl])?\.?\s*{numbered.group(1)}\b",
            source_text, re.IGNORECASE):
        return Verdict(ECHO, f"prompt scaffolding {numbered.group(0).strip()!r}")
    said = _shingles(answer, _ECHO_RUN)
    if not said:
        return PASSED
    echoed = (said & _shingles(instructions, _ECHO_RUN)) - _shingles(source_text, _ECHO_RUN)
    if echoed:
        return Verdict(ECHO, f"the instructions' words {' '.join(sorted(echoed)[0])!r}")
    return PASSED


# "(1) (2) (3)", "[1] [2] [3]", "1. 2. 3." (not years: "in 2019. In 2020. In 2021.")
_ENUMERATOR = re.compile(r"(?:\(\s*\d{1,4}\s*\)|\[\s*\d{1,4}\s*\]|(?<!\S)\d{1,3}[.)](?!\d))")


def _degenerate(answer: str) -> Verdict:
    # The cleaned answer only: a Markdown list in the raw answer loses its numbers in cleaning.
    numbers = [int(n) for n in re.findall(r"\d+", " ".join(_ENUMERATOR.findall(answer)))]
    run = best = 1
    for before, after in itertools.pairwise(numbers):
        run = run + 1 if after == before + 1 else 1
        best = max(best, run)
    if best >= 3:
        return Verdict(DEGENERATE, f"a numbered run of {best}")
    letters = sum(ch.isalpha() for ch in answer)
    if letters < 0.5 * len(answer.replace(" ", "")):
        return Verdict(DEGENERATE, "mostly symbols and numbers")
    words = [w.lower() for w in _WORD.findall(answer)]
    for n in range(1, 4):  # the same word or phrase over and over
        for i in range(len(words) - 4 * n + 1):
            gram = words[i:i + n]
            if all(words[i + k * n:i + (k + 1) * n] == gram for k in range(1, 4)):
                return Verdict(DEGENERATE, f"{' '.join(gram)!r} repeated")
    trigrams = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
    if len(trigrams) >= 12 and len(set(trigrams)) < 0.6 * len(trigrams):
        return Verdict(DEGENERATE, "the same phrases over and over")
    return _repeated(answer)


_RUN_AGAIN = 8  # this many words in a row said twice in one answer: a clause repeated


def _repeated(answer: str) -> Verdict:
    sentences = [_norm(s) for s in _SENTENCE.split(answer) if len(s.split()) >= 4]
    if len(sentences) != len(set(sentences)):
        return Verdict(DEGENERATE, "a sentence repeated")
    # ...or said again with a word or two changed (reader QA: a two-sentence block said
    # twice, "besonne des défis" the second time "besoin de faire des défis").
    # Not two sentences of one pattern about two things (review: two central banks' rates):
    # the words that differ must hold no figure and no name.
    said = [set(s.split()) for s in sentences if len(s.split()) >= _NEAR_WORDS]
    for one, other in itertools.combinations(said, 2):
        differ = one ^ other
        if len(one & other) >= _NEAR_SHARE * len(one | other) and not any(
                any(ch.isdigit() for ch in word) for word in differ):
            return Verdict(DEGENERATE, "a sentence said again")
    # ...or a clause of one said again inside another (reader QA: "…die Kausbraukern von
    # Kushner in der Russia-delegation für Trump's candidacy wie unterführt" opened and
    # closed a German answer).
    words = _norm(answer).split()
    first: dict[tuple[str, ...], int] = {}
    for start in range(len(words) - _RUN_AGAIN + 1):
        run = tuple(words[start:start + _RUN_AGAIN])
        if run in first and start - first[run] >= _RUN_AGAIN:
            return Verdict(DEGENERATE, f"{_clip(' '.join(run))!r} said twice")
        first.setdefault(run, start)
    return PASSED


_NEAR_WORDS = 6  # sentences this long...
_NEAR_SHARE = 0.85  # ...sharing this share of their words are one said twice


_META = re.compile(
    r"\b(?:here(?:'s| is| are)\s+(?:a|an|the|your|my)\b"
    r"|(?:this|the following|my|the above)\s+(?:summary|text|response|answer)\b"
    r"|(?:the|this)\s+(?:document|text|article|passage|input)\s+(?:is about|discusses|describes"
    r"|talks about|provides|summari[sz]es|focuses on|presents|contains)"
    # Only as the answer's opening: news says "the document is a draft" too (review).
    r"|^(?:the|this)\s+(?:document|text|article|passage|input)\s+(?:is an?\b|reports on"
    r"|explains|highlights|outlines|covers|mentions)"
    # ...and what "the article" says, which news does not open with (reader QA: "The
    # article mentioned that…" passed); "the document says" is news (review).
    r"|^(?:the|this)\s+article\s+(?:mentioned|says|said|states|stated|notes|noted"
    r"|reports that|reported that)"
    # ...or its label, a colon after it (reader QA: "The article: Sears and Kmart were…").
    r"|^(?:the|this)\s+(?:article|text|document|passage|input|story|news)\s*:"
    r"|(?:in|to) summar(?:y|i[sz]e)\b|\bsummary\s*:|\btl;?dr\b"
    r"|as an ai\b|\bi(?:'m| am) (?:sorry|unable|not able)\b|\bi (?:cannot|can't|can not|will)\b"
    r"|\bi hope (?:this|that)\b|\blet me know\b|\b(?:system|user) (?:prompt|message)\b"
    r"|\bwords? or (?:less|fewer)\b"
    r"|^(?:sure|certainly|okay|of course)\b"
    # ...and the prompt's own words about its articles, in other words (reader QA: "The
    # article is untrusted web text and carries no instructions…" was a story's summary).
    r"|\bcarr(?:y|ies)\s+no\s+instructions\b"
    # ...said otherwise (reader QA: "It contains no instructions for you to change your task
    # or output links" was accepted as a German page's summary).
    r"|\b(?:contains?|has|have|includes?|holds?|gives?)\s+no\s+instructions\b"
    r"|\binstructions\s+for\s+you\b|\byour\s+task\b"
    # ...and its answer as such (reader QA: 'The answer is: "STORIES"').
    r"|^(?:the|my)\s+answer\s+(?:is|would be)\s*[:\"“]"
    # ...its role, and advice to the reader, which the prompt forbids (LLM QA, stop 53 F7: "As
    # a summarizer, my role is to report…", "You should sell your German shares now…"; a
    # quotation's "you should" is the sources', and quotations are not read here).
    r"|\bas\s+an?\s+(?:summari[sz]er|assistant|language\s+model)\b|\bmy\s+role\b"
    r"|\bthe\s+assistant\b|\byou\s+(?:should|must|need\s+to|ought\s+to)\b)",
    re.IGNORECASE | re.MULTILINE)


# The same talk in the other languages readers ask for most (found by reader QA: "Hier ist
# eine Zusammenfassung des Artikels: …" and "El texto trata sobre…" passed).
_META_OTHER = re.compile(
    # A note about the summary, anywhere (LLM QA, stop 53 F7: "Hinweis: Die Zusammenfassung
    # basiert auf dem Text.", "Nota: este texto resume la noticia original.").
    r"(?:^|(?<=[.!?])\s+)\W*(?:hinweis|anmerkung|nota|remarque|opmerking|uwaga)\s*:"
    # Only as the answer's opening: news says "le texte porte sur la réforme" (a bill), "als
    # KI-Pionier", "—No puedo…" in dialogue (found by review).
    r"|\A\W*(?:hier (?:ist|sind) (?:eine|die|deine|ihre)\s+zusammenfassung"
    r"|(?:der|dieser) (?:text|artikel|beitrag) (?:handelt von|beschreibt|behandelt)"
    # What "the article" is or mentions, in each language (reader QA: "Der Artikel ist eine
    # neue Auswahl…"); of a text or a document, news (review: "Le document indique…").
    r"|(?:der|dieser) (?:artikel|beitrag) (?:ist eine?[nr]?\b|berichtet|erwähnt|besagt)"
    r"|zusammenfassung\s*:|ich kann (?:nicht|keine|leider)\b"
    # The label "the article:" opening the answer, in each language (as in English).
    # (and "the news:", as "la notizia:" was: reader QA, stop 46, "Die Nachricht: Henry wird
    # von der FIFA…", and stop 45's "Der News: BBC News, die der Weltbühne…")
    r"|(?:der|das|die) (?:artikel|text|dokument|nachricht|news|meldung)\s*:"
    r"|(?:l['’] ?article|le texte|le document|la nouvelle|l['’] ?info(?:rmation)?)\s*:"
    r"|(?:el|la) (?:art[ií]culo|texto|documento|noticia)\s*:|(?:l['’] ?articolo|il testo"
    r"|il documento|la notizia)\s*:|(?:o|a) (?:artigo|texto|documento|not[ií]cia)\s*:"
    r"|(?:het|de) (?:artikel|tekst)\s*:"
    r"|voici (?:un|le|la|votre) r[ée]sum[ée]|(?:cet|l['’]|ce|le) ?(?:article|texte|document)"
    r" (?:parle de|traite de|d[ée]crit|porte sur|r[ée]sume)"
    r"|(?:cet|l['’]) ?article (?:est une?\b|mentionne|indique|rapporte)|en r[ée]sum[ée]\b"
    # What "the document" is, as "the document is a" in English (reader QA: "Le document est
    # déjà un équipément de l'adresseur du Canada…"); "Le document indique…" is news (review).
    r"|(?:le|ce) document est (?:d[ée]j[àa] )?(?:un|une)\b"
    # ...and in the other languages (reader QA: "Il documento è un'altra versione di una
    # descritto…" reached an Italian reader); "Il testo è una bozza" is news (review).
    r"|(?:il|questo) documento [èe] (?:un|una|un['’])|(?:el|este) documento es una?\b"
    r"|(?:o|este) documento [ée] uma?\b|(?:das|dieses) dokument ist ein"
    # The prompt's numbered articles (reader QA: "L'article 1 est le plus important de la
    # présentation…"); not "L'article 49.3", the French constitution's.
    r"|(?:l['’]|cet) ?article 1 (?:est le plus|mentionne|pr[ée]sente|parle)\b"
    r"|r[ée]sum[ée]\s*:|je ne peux pas\b"
    # What the text is, as a description of it (reader QA: "Este texto es una descripcion de
    # la historia…" reached a Spanish reader); "El texto es una reforma" is news.
    r"|(?:el|este) texto es una? (?:descripci[oó]n|resumen)"
    r"|(?:le|ce) texte est une? (?:description|r[ée]sum[ée])"
    r"|(?:der|dieser) text ist eine? (?:beschreibung|zusammenfassung)"
    r"|(?:il|questo) testo [èe] una? (?:descrizione|riassunto)"
    r"|(?:o|este) texto [ée] uma? (?:descri[çc][ãa]o|resumo)"
    r"|aqu[ií] (?:tienes|est[aá]|hay|va) (?:un|el|tu) resumen|(?:el|este) (?:texto"
    r"|art[ií]culo|documento) (?:trata (?:sobre|de)|habla (?:sobre|de)|describe|resume)"
    r"|(?:el|este) art[ií]culo (?:es una?\b|menciona|informa)"
    r"|en resumen\b|resumen\s*:|no puedo\b"
    # Dutch, Portuguese, Italian and Polish (reader QA: "Hier is een samenvatting van het
    # artikel:", "Het artikel gaat over…", "O texto fala sobre…" passed).
    # Not verbs news opens with too ("Het bericht gaat over…", "Il testo riguarda…", "O
    # documento aborda…", "Dokument dotyczy…": review).
    r"|hier (?:is|volgt) (?:een|de|je|uw) samenvatting|(?:het|dit) (?:artikel|tekst)"
    r" (?:gaat over|beschrijft|vat samen)|(?:het|dit) artikel (?:is een\b|vermeldt|meldt)"
    r"|samenvatting\s*:"
    r"|ik kan (?:niet|geen)\b|aqui (?:est[aá]|vai|segue) (?:um|o|seu|o seu) resumo"
    r"|(?:o|este) (?:texto|artigo) (?:fala (?:sobre|de)|trata (?:de|sobre)|descreve)"
    r"|(?:o|este) artigo (?:[ée] uma?\b|menciona|informa)"
    r"|em resumo\b|resumo\s*:|n[aã]o posso\b"
    r"|ecco (?:un|il|il tuo) riassunto|(?:il|questo|l['’]) ?(?:testo|articolo)"
    r" (?:parla di|tratta di|descrive)|(?:l['’]|questo) ?articolo (?:[èe] una?\b|menziona"
    r"|riporta)|in sintesi\b"
    r"|riassunto\s*:|non posso\b"
    r"|oto (?:streszczenie|podsumowanie)|(?:ten )?(?:tekst|artyku[łl]) (?:opisuje"
    r"|m[óo]wi o)|(?:ten )?artyku[łl] (?:jest\b|wspomina|informuje)|podsumowanie\s*:"
    r"|streszczenie\s*:"
    r"|nie mog[ęe]\b)",
    re.IGNORECASE)


# "This answer", anywhere, in the other languages (reader QA: "… est déjà le premier text
# dans cette réponse." reached a French reader): news never speaks of its answer.
_META_ANSWER = re.compile(
    r"\b(?:(?:dans|de) (?:cette|ma) r[ée]ponse|in (?:dieser|meiner) antwort"
    r"|en (?:esta|mi) respuesta|in (?:questa|mia) risposta|n(?:esta|a minha) resposta"
    r"|in (?:dit|mijn) antwoord|w (?:tej|mojej) odpowiedzi"
    # ..."this summary", and a model saying what it does not do (reader QA: "Cette résumé de
    # la réaction… je ne traduit pas" reached a French reader).
    r"|(?:ce|cette) r[ée]sum[ée]|je ne (?:tradui[st]|peux pas tradui)|diese[rn]? zusammenfassung"
    # The model saying what it cannot do, outside quotations (reader QA: "je ne peux pas être
    # reconnus … en tant que manger des résumés"); a summary speaks of others.
    r"|je ne peux pas|non posso|no puedo|ich kann (?:nicht|keine)|n[ãa]o posso"
    r"|ik kan (?:niet|geen)|nie mog[ęe]"
    r"|(?:este|esta) resumen|(?:questo|questa) riassunto|(?:este|esta) resumo"
    r"|(?:deze|dit) samenvatting|(?:to|tego|tym) streszczeni\w*)\b", re.IGNORECASE)


# The model saying what it can or will do: a summary speaks of others, in the third person
# (reader QA: "En utilisant cette bibliothracie, je peux les décrire en français…"), unless
# the sources say it so (review: an interview's "Ich werde im Sommer…", "Salvini: posso
# garantire…", quoted in marks `_QUOTE` does not know).
# Reader QA (stop 42): "Eu não sabemos que esteja em toda as cinco-mil-unidades…" reached a
# Portuguese reader: "I" with its commonest verbs in each language ("eu" alone is French's
# "eu", as in "a eu lieu").
_FIRST_PERSON = re.compile(
    r"\b(?:je (?:peux|vais|dois|suis|sais|crois|pense|veux|ne)|ich (?:kann|werde|muss|bin|habe"
    r"|weiß|glaube|will)|puedo|posso|eu (?:n[ãa]o|sou|estou|tenho|sei|posso|vou|acho|quero)"
    r"|yo (?:no|soy|estoy|tengo|s[ée]|puedo|voy|creo|quiero)|io (?:non|sono|ho|so|posso|vado"
    r"|credo|voglio))(?:\s+[^\W\d_]+){0,2}", re.IGNORECASE)


_SAYING = re.compile(r"\b(?:said|says|dijo|dice|declar[óo]|afirm[óo]|ha detto|ha "
                     r"dichiarato|a d[ée]clar[ée]|a dit|dit-il|sagte|erkl[äa]rte|disse|afirmou"
                     r"|declarou)\b", re.IGNORECASE)


# (as what tells: "Les articles sont tous les résumés…"; not goods, "Los artículos importados
# de China", "Les articles de luxe", nor "As documents released Friday show": review)
_PLURAL_INPUT = (r"|(?:les|ces|los|las|estos|estas|gli|questi|os|as|estes|die|diese)\s+"
                 r"(documentos|documents|documenti|dokumente|art[ií]culos|articles|articoli"
                 r"|artigos|artikel)\s+(?:(?:sont|son|sono|são|sind)\s+(?:tous|todos|tutti"
                 r"|alle|des\s+r[ée]sum|resúmenes|riassunti|resumos|le\s+storie|les\s+histoires"
                 r"|las\s+historias|as\s+histórias|die\s+geschichten)|(?:disent|dicen|dicono"
                 r"|dizem|sagen|parlent|hablan|parlano|falam|racontent|cuentan|raccontano"
                 r"|contam|décrivent|describen|descrivono|descrevem|traitent|tratan|trattano"
                 r"|tratam|behandeln|beschreiben|berichten|résument|resumen|riassumono"
                 r"|resumem)\b)")
# An answer whose first words are "the document", "the text" or "the article" in another
# language speaks of its input, unless the sources speak of one (a leaked document, a treaty's
# text): reader QA (stop 43), "El documento debe ser un mensajer de la persona LIFO…" reached a
# Spanish reader; only "El documento es un…" was caught.
_OPENS_WITH_INPUT = re.compile(
    r"\A\W*(?:el|este|la|le|ce|cet|l['’]|das|dieses|der|dieser|il|questo|lo|o|het|dit|de|ten)"
    r"\s*(documento|dokument|document|texto|texte|text|testo|tekst|art[ií]culo|article"
    r"|articolo|artigo|artikel|artyku[łl])\b(?!\s*\d)"  # not a law's "Artikel 2"
    # ...or the articles, in the plural (reader QA, stop 45: "Les articles sont tous les
    # résumés de ceux qui ont été prêsés à l'histoire…" reached a French reader).
    + _PLURAL_INPUT, re.IGNORECASE)
# ...and "the document" or "the article" opening any later sentence, after a word of address
# too ("Cheri, L'articolo della scelta…", "…dei principi. Il documento iniziale…": reader QA,
# stop 44); not "the text", which French, Spanish and Italian news call a bill (review).
_LATER_INPUT = re.compile(
    r"(?:\A|(?<=[.!?]))\W*(?:[^\W\d_]+,\s*)?(?:"
    r"(?:el|este|la|le|ce|cet|l['’]|das|dieses|der|dieser|il|questo|lo|o|het|dit|de|ten)"
    r"\s*(documento|dokument|document|art[ií]culo|article|articolo|artigo|artikel"
    r"|artyku[łl])\b(?!\s*\d)|" + _PLURAL_INPUT.removeprefix("|") + ")", re.IGNORECASE)
# ...and the answer citing its input anywhere, in each language: "According to the article,
# …", "…, the article says,", "Both articles say…", "Laut dem Artikel…", "Selon l'article…",
# "Según el artículo…", "Secondo l'articolo…" (LLM QA, stop 53 F3: all passed; only "The
# article says" opening an answer was refused). A law's "article 5" is not one.
_CITES_ITS_INPUT = re.compile(
    r"\b(?:according\s+to|as\s+(?:reported|stated|described|mentioned|noted)\s+in|based\s+on"
    r"|in)\s+(?:the|this|these|both)\s+(?:(?:given|provided|above|first|second|third|two"
    r"|original)\s+)?(articles?)\b(?!\s*\d)"
    # A text or passage only as the prompt's ("the provided text"): "the text of the bill",
    # "the text messages", "the passage of the tax bill" are news (second review).
    r"|\b(?:according\s+to|based\s+on|in)\s+(?:the|this)\s+(?:given|provided|above"
    r"|original)\s+(texts?|passages?)\b"
    r"|\b(?:the|this|both|each)\s+(?:(?:first|second|third|two|other)\s+)?(articles?)\s+"
    r"(?:says?|said|states?|stated|notes?|noted|reports?|reported|mentions?|mentioned"
    r"|explains?|explained)\b"
    r"|\b(?:laut|gem[äa](?:ß|ss))\s+(?:dem|diesem|den)\s+(artikeln?)\b"
    r"|\bim\s+(artikel)\s+hei(?:ß|ss)t|\bin\s+diesem\s+(artikel)\b"
    r"|\b(?:selon|d['’]apr[èe]s)\s+(?:l['’]\s*|cet?\s+|les\s+)(articles?)\b"
    r"|\bdans\s+cet\s+(article)\b"
    r"|\b(?:seg[uú]n|de\s+acuerdo\s+con)\s+(?:el|este|los)\s+(art[ií]culos?)\b"
    r"|\ben\s+este\s+(art[ií]culo)\b"
    r"|\bsecondo\s+(?:l['’]\s*|questo\s+|gli\s+)(articol[oi])\b|\bin\s+questo\s+(articolo)\b"
    r"|\b(?:segundo|conforme)\s+o\s+(artigo)\b|\bneste\s+(artigo)\b"
    r"|\bvolgens\s+(?:het|dit)\s+(artikel)\b|\bwed[łl]ug\s+(artyku[łl]u)\b",
    re.IGNORECASE)
# Each input word's family across the languages, as the sources would say it.
_INPUT_FAMILIES = (re.compile(r"\b(?:docum|dokum)", re.IGNORECASE),
                   re.compile(r"\bpassages?\b", re.IGNORECASE),
                   re.compile(r"\b(?:texts?|textes?|textos?|test[oi]|teksty?)\b", re.IGNORECASE),
                   re.compile(r"\b(?:articles?|art[ií]culos?|articol[oi]|artigos?|artikel"
                              r"|artyku)", re.IGNORECASE))


def _speaks_of_its_input(answer: str, source_text: str) -> str | None:
    opening = (_OPENS_WITH_INPUT.match(answer) or _LATER_INPUT.search(answer)
               or _CITES_ITS_INPUT.search(answer))
    if opening is None:
        return None
    word = next(group for group in opening.groups() if group).lower()
    family = next(f for f in _INPUT_FAMILIES if f.match(word))
    return None if family.search(source_text) else opening.group(0).strip()


def _meta(answer: str, source_text: str) -> Verdict:
    # Quotations are the sources' words ("I will not resign"), not the model's.
    unquoted = _QUOTE.sub(" ", answer)
    found = (_META.search(unquoted) or _META_OTHER.search(unquoted)
             or _META_ANSWER.search(unquoted))
    if found:
        return Verdict(META, f"talk about the task ({found.group(0).strip()!r})")
    if (about := _speaks_of_its_input(unquoted, source_text)) is not None:
        return Verdict(META, f"talk about the task ({about!r})")
    said = None
    for first in _FIRST_PERSON.finditer(unquoted):
        # Someone quoted without marks, after a colon or with a verb of saying in the same
        # sentence ("Salvini: io non mi dimetto", "no he hecho nada malo, dijo"): not the
        # model (review).
        start = max(unquoted.rfind(end, 0, first.start()) for end in ".!?") + 1
        stop = min((i for i in (unquoted.find(end, first.end()) for end in ".!?") if i >= 0),
                   default=len(unquoted))
        if ":" in unquoted[start:first.start()] or _SAYING.search(unquoted[start:stop]):
            continue
        said = said if said is not None else f" {_norm(source_text)} "
        if f" {_norm(first.group(0))} " not in said:
            return Verdict(META, f"talk about the task ({first.group(0).strip()!r})")
    return PASSED


# Codes the detector gives that are one language for a reader.
_SAME = {"nb": "no", "nn": "no", "bs": "hr", "sr": "hr"}


# An answer too short for detection to be sure of is refused when another language is this
# many times likelier than the reader's (LLM QA, stop 53 F5: "Ifo index fell in February."
# reached a German reader unlabelled, 17 times likelier English). Lower than a headline's
# `may_be_in`: a refused answer costs an offline summary, labelled. With the names rule below,
# on 5-7 word cuts of sentences from the German-English pairs, it refuses none of 234 German
# and 178 of 193 English for a German reader, and none of the English for an English one.
_SHORT_RULED_OUT = 10.0
# ...when it has this many words that are no names (in lower case) to judge it by.
_SHORT_JUDGED = 3


def _language(answer: str, language: str) -> Verdict:
    wanted = base_language(language)
    if _SAME.get(wanted, wanted) not in DETECTED:
        # Detection cannot answer "Malay": it would say Indonesian, and every answer in the
        # reader's language would be refused. Such a language is taken on trust.
        return PASSED
    found = language_of(answer)
    if found is None or len(_WORD.findall(answer)) < 8:
        other = likelier_than(answer, wanted, _SHORT_RULED_OUT)
        if other is None or _SAME.get(other, other) == _SAME.get(wanted, wanted):
            return PASSED
        # Names tell no language: "Borussia Dortmund beat Eintracht Frankfurt." reads as
        # German, "Black Friday: Amazon bije rekord." as Croatian (review, stop 54). The words
        # that are no names must say the other language too, and be enough to say it; or a
        # function word of it none of the reader's language is must (German writes its nouns
        # with a capital: "Die EZB senkt die Zinsen.", second review).
        plain = [word for word in _WORD.findall(answer) if word[:1].islower()]
        if not says_in(answer, other, not_in=wanted) and (
                len(plain) < _SHORT_JUDGED
                or likelier(" ".join(plain), other, wanted, factor=1.0) != other):
            return PASSED
        return Verdict(LANGUAGE, f"a short answer likelier {language_name(other)} than "
                                 f"{language_name(wanted)}")
    code, probability = found
    if _SAME.get(code, code) != _SAME.get(wanted, wanted) and probability >= 0.9:
        return Verdict(LANGUAGE, f"answered in {language_name(code)}, not in "
                                 f"{language_name(wanted)}")
    return PASSED


# -- faithfulness -----------------------------------------------------------------------------


def unsupported(answer: str, source_text: str, *, language: str = "en",
                outlets: Sequence[str] = ()) -> Verdict:
    """Names, numbers, dates and quotations of the answer that the sources do not carry."""
    facts = _Facts.of(source_text)
    for values, hedged, shown in _numbers(answer, scaled_only=True):
        if not any(facts.has_number(value, hedged=hedged) for value in values):
            return Verdict(UNSUPPORTED, f"the number {shown!r}")
    if (wrong := _time_not_told(answer, source_text)) is not None:
        return Verdict(UNSUPPORTED, f"the time {wrong!r}")
    source_language = language_of(source_text)
    same = source_language is None or source_language[0] == base_language(language)
    if not same:
        return _translated(answer, source_text, outlets, language=language)
    for quote in _QUOTE.findall(answer):
        words = _norm(quote).split()
        if len(words) >= 2 and not facts.has_quote(words):
            return Verdict(UNSUPPORTED, f"the quotation {_clip(quote)!r}")
    for name in _names(answer, facts, language):
        if not facts.has_name(name):
            return Verdict(UNSUPPORTED, f"the name {_clip(' '.join(name))!r}")
    return PASSED


def _translated(answer: str, source_text: str, outlets: Sequence[str] = (), *,
                language: str = "en") -> Verdict:
    """`unsupported` for an answer in another language than its sources. Names are
    translated; a country's are known in the bot's languages, and one the sources never name
    is invented (reader QA: the small model's German answer named Aruba, its French one
    Canada, for English stories that named neither)."""
    named = {name for names in countries_named(source_text).values() for name in names}
    # Two letters are no name to look for in any text ("us" is a pronoun), but the wires'
    # "U.S.", "US" and "UK" are those countries (review: "Estados Unidos" for "The U.S.
    # Senate" was refused as an invented country).
    for short, country in _SHORT_COUNTRIES:
        if short.search(source_text):
            named |= set(country_aliases(country))
    told = countries_named(answer)
    # A place's name of two words written in lower case is words ("la réunion", the meeting,
    # is no La Réunion: found by this stop's tests); one word may be a nationality, which
    # most languages write so.
    invented = [phrase for phrase, names in told.items() if named.isdisjoint(names)
                and (" " not in phrase or _capitalised_in(answer, phrase))]
    if invented:
        return Verdict(UNSUPPORTED, f"the country {invented[0]!r}")
    # A word shouted in capitals is a name or an acronym. A translation writes an acronym its
    # own way ("OTAN", "ACNUR", "ONUSIDA", "MERCOSUL" for "Mercosur": review), but no longer
    # word its sources never write (reader QA, stop 45: the small model's Italian "LOSES
    # LERNES, la Roma di l'INTRADISCRIMINACALI…" passed on "Lois Lerner" and "2013").
    written = {_fold(word) for word in _WORD.findall(source_text)}
    shouted = [word for word in _SHOUTED.findall(answer) if (folded := _fold(word)) not in written
               and not any(_akin(folded, other) for other in written if len(other) >= 5)]
    if shouted:
        return Verdict(UNSUPPORTED, f"the word {shouted[0]!r}")
    if told or _shares_a_name(answer, source_text, named, outlets, language=language):
        return PASSED
    return Verdict(UNSUPPORTED, "no name the sources give")


# A time of day on a 12-hour clock ("11:40 a.m.", "7pm"), and one on no said half of the day
# ("11:40", which may be either). Reader QA (stop 77 V1): the small model's "11:40 p.m." for
# an article's "11:40 a.m." passed, the figures being the same.
_HALF_DAY_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
_BARE_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b(?!\s?[ap]\.?\s?m\b)", re.IGNORECASE)


def _time_not_told(answer: str, source_text: str) -> str | None:
    """A time of day the answer gives on a 12-hour clock that its sources do not (by the
    half of the day too, or as a time on no said half); None if each is told."""
    told = {(int(hour) % 12 + (12 if half.lower() == "p" else 0), int(minute or 0))
            for hour, minute, half in _HALF_DAY_TIME.findall(source_text)}
    either: set[tuple[int, int]] = set()
    for hour, minute in _BARE_TIME.findall(source_text):
        # ("13:15" is on a 24-hour clock: the afternoon's; "11:40" either half's)
        (told if int(hour) > 12 or int(hour) == 0 else either).add(
            (int(hour) % 24 if int(hour) > 12 else int(hour) % 12, int(minute)))
    for found in _HALF_DAY_TIME.finditer(answer):
        hour, minute = int(found[1]) % 12, int(found[2] or 0)
        if (hour + (12 if found[3].lower() == "p" else 0), minute) not in told and (
                (hour, minute) not in either):
            return found.group()
    return None


# (not "US" in a line of capitals, "JOIN US FOR THE MARCH": review)
_SHORT_COUNTRIES = ((re.compile(r"\bU\.S\.(?:A\.)?|(?<![A-Z]{2}\s)\bUSA?\b"
                                r"(?!\s+[A-Z]{2,}\s+[A-Z]{2,})"),
                     "United States"),
                    (re.compile(r"\bU\.K\.|\bUK\b"), "United Kingdom"))
_SHOUTED = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{8,}\b")


def _capitalised_in(text: str, phrase: str) -> bool:
    """Whether the text writes the (normalised) phrase with its last word capitalised."""
    plain, phrase = (
        "".join(ch for ch in unicodedata.normalize("NFKD", written)
                if not unicodedata.combining(ch)) for written in (text, phrase))
    # (the phrase folded as the text is: places keep "й", "южный судан": review, stop 55)
    pattern = r"\b" + r"[\s-]+".join(map(re.escape, phrase.split())) + r"\b"
    return any(found.group().split()[-1][:1].isupper()
               for found in re.finditer(pattern, plain, re.IGNORECASE))


# A translated answer this long names something its sources name, when they name a few
# things (reader QA: the small model's Spanish "Este texto es una descripción de la historia
# de la tradición de esta película…" for an AP report on the Iran nuclear talks in Vienna
# named nothing of it, and reached a reader as its summary).
# Only where both are written in Latin letters: a Russian or Greek answer writes the names in
# its own script (review). A short all-capitals word ("US", "EU", "UN") counts as a name too.
_NAMELESS_WORDS = 40
_SOURCE_NAMES = 3
_LATIN_SHARE = 0.9
_INITIALS = re.compile(r"\b[A-Z]{2,3}\b")
_CAPITALISED = re.compile(r"\b[^\W\d_][^\W_]{3,}")
_NAME_PAIR = re.compile(r"\b([A-Z][^\W\d_]+) ([A-Z][^\W\d_]+)")


def _shares_a_name(answer: str, source_text: str, countries: Iterable[str] = (),
                   outlets: Sequence[str] = (), *, language: str = "en") -> bool:
    """Whether a translated answer writes a word with a capital that its sources write with
    one too (or a name of one of its `countries`), as written, a letter apart ("Viena" for
    "Vienna", "Irán" for "Iran") or inflected; true
    when the answer is short or the sources name too little to say. The `outlets`' names
    count for nothing: the prompt gives them beside every article, and the small model's
    Italian gibberish about "Newswire Briefs" passed on that name alone (reader QA, stop 44)."""
    if not (_latin(answer) and _latin(source_text)):
        return True
    short = len(_WORD.findall(answer)) < _NAMELESS_WORDS
    # A short answer may well name nothing; one that writes names, past its sentences' first
    # words, names something its sources name ("Cheri, che stesso che era checchio di che
    # l'accomplire il Sporte." for a Chelsea teaser: reader QA, stop 44). German writes every
    # noun so: there a short answer is not judged.
    inside = [] if base_language(language) == "de" else _NAMED_INSIDE.findall(answer)
    if short and not inside:
        return True
    names = _source_names(source_text, countries, outlets)
    if names is None or not set(_INITIALS.findall(answer)).isdisjoint(
            _INITIALS.findall(source_text)):
        return True
    written = {_fold(word) for word in _CAPITALISED.findall(answer) if word[0].isupper()}
    if any(word in names or any(_akin(word, name) for name in names) for word in written):
        return True
    # A short answer may translate the names it gives ("el Senado", "la Cámara"): a name
    # that starts as one of the sources' does, or a figure they give, is enough (review).
    return short and (any(_fold(word)[:_SHORT_STEM] == name[:_SHORT_STEM]
                          for word in inside for name in names)
                      or bool(set(_FIGURE.findall(answer)) & set(_FIGURE.findall(source_text))))


def _source_names(source_text: str, countries: Iterable[str],
                  outlets: Sequence[str]) -> set[str] | None:
    """The names the sources write, folded, without their outlets'; None when they name too
    little to judge an answer by."""
    names = {_fold(word) for word in _CAPITALISED.findall(source_text) if word[0].isupper()}
    # ...and two-word names written as one ("Hong Kong", "Hongkong"); and the sources'
    # countries in every language, for their inflected forms ("Polens" for Poland).
    names |= {_fold(pair[0] + pair[1]) for pair in _NAME_PAIR.findall(source_text)}
    names |= {_fold(name) for name in countries}
    # (the bar on what the sources name counts the outlets: they say that much; review)
    if len(names) < _SOURCE_NAMES:
        return None
    names -= {_fold(word) for outlet in outlets for word in _CAPITALISED.findall(outlet)}
    names -= {_fold(pair[0] + pair[1]) for outlet in outlets
              for pair in _NAME_PAIR.findall(outlet)}
    # (the sources name nothing but their outlets: nothing to judge by: review)
    return names or None


# A capitalised word inside a sentence: not its first, nor after a colon or a quotation mark.
_NAMED_INSIDE = re.compile(r"(?<=[^\W\d_,;]\s)[A-Z][^\W\d_]{3,}")
_SHORT_STEM = 4
# (two digits at least: a single one, a score's or a count's, gibberish copies: review)
_FIGURE = re.compile(r"\d{2,}(?:[.,]\d+)?|\d[.,]\d+")
_STEM_LETTERS = 5


def _latin(text: str) -> bool:
    """Whether (nearly) every letter of the text's opening is a Latin one."""
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    return bool(letters) and sum(
        "LATIN" in unicodedata.name(ch, "") for ch in letters) >= _LATIN_SHARE * len(letters)


def _akin(word: str, name: str) -> bool:
    """A letter apart, or one the other's inflected form ("Warschau", "Warschaus")."""
    if one_edit(word, name):
        return True
    short, long_ = sorted((word, name), key=len)
    return len(short) >= _STEM_LETTERS and long_.startswith(short)


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_QUOTE = re.compile(r"[\"“„«]([^\"“”„«»]{3,400})[\"”“»]")


def _fold(text: str) -> str:
    """Lower case without accents: 'São' -> 'sao'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _norm(text: str) -> str:
    """Lower case, no accents, one spelling of quotes, punctuation as spaces."""
    text = _fold(text).replace("’", "'")
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)  # quote marks, not apostrophes
    return " ".join(re.sub(r"[^\w%$€£']+", " ", text).split())


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = _norm(text).split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


# -- numbers ----------------------------------------------------------------------------------

def _listed(words: str) -> list[str]:
    """A word list written as one string (easier to read and edit than a list of strings)."""
    return words.split()


_UNITS = {w: n for n, w in enumerate(_listed(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"))}
_TENS = {w: 10 * n for n, w in enumerate(_listed(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety")) if w != "_"}
_ORDINALS = {w: n for n, w in enumerate(_listed(
    "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"))
    if w != "_"}
_SCALE = {"hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
          "mn": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
          "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000, "dozen": 12}
# Numbers written as words, the scales' abbreviations ("k", "bn") left out (`updates`).
NUMBER_WORDS = {**_UNITS, **_TENS, **{w: n for w, n in _SCALE.items() if len(w) > 2}}
_NUMBER_WORD = re.compile(
    r"\b(?:(" + "|".join(_TENS) + r")(?:[- ](" + "|".join(k for k in _UNITS if _UNITS[k])
    + r"))?|(" + "|".join(_UNITS) + r")|(" + "|".join(_ORDINALS) + r"))\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)*)(?![\d])"
    r"(?:(?:st|nd|rd|th)\b)?"
    r"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|dozen|bn|mn|tn|[kmb])\b)?",
    re.IGNORECASE)
# Fractions and multiples said in words are figures too (reader QA, stop 60 F2: a small
# model's "spending rises by one-quarter" passed beside its source's "12 percent"): each may
# be written as a share, a percentage or a factor, and is supported by any of them.
# The summary languages' words too (German, French, Spanish, Italian, Portuguese, Dutch):
# a model summarizing in them writes "verdoppelt", not "doubled". Not the words with other
# senses ("Viertel" is also a town's quarter, "doppelt" a loose "very").
_MULTIPLES = {
    **dict.fromkeys(_listed("""half halve halved halves halving hälfte halbiert halbieren
                    halbierte moitié mitad metà metade helft gehalveerd"""), (0.5, 50.0)),
    **dict.fromkeys(_listed("quarter quarters"), (0.25, 25.0, 0.75, 75.0)),
    **dict.fromkeys(_listed("""double doubled doubles doubling twice twofold verdoppelt
                    verdoppeln verdoppelte verdopplung verdoppelung doppelte doublé doublement
                    duplicó duplicado duplicaron raddoppiato raddoppiata raddoppio duplicou
                    verdubbeld verdubbeling"""), (2.0, 200.0, 100.0)),
    **dict.fromkeys(_listed("""triple tripled triples tripling treble trebled threefold thrice
                    verdreifacht verdreifachte dreifach dreifache triplé triplicó triplicado
                    triplicato triplicou verdrievoudigd"""), (3.0, 300.0, 200.0)),
    **dict.fromkeys(_listed("quadruple quadrupled fourfold vervierfacht vierfach vierfache"),
                    (4.0, 400.0, 300.0)),
    **dict.fromkeys(_listed("tenfold verzehnfacht zehnfach zehnfache"),
                    (10.0, 1000.0, 900.0)),
}
_MULTIPLE = re.compile(r"\b(" + "|".join(_MULTIPLES) + r")\b", re.IGNORECASE)
_HEDGE = re.compile(r"(?:about|around|nearly|almost|roughly|approximately|some|over|more than|"
                    r"less than|fewer than|at least|up to|under|close to|estimated|~)\W*$",
                    re.IGNORECASE)


def _words_to_digits(text: str) -> str:
    """'twenty-five' -> '25', 'two' -> '2', 'fifth' -> '5'."""

    def replace(match: re.Match[str]) -> str:
        tens, unit, alone, ordinal = match.groups()
        if tens:
            return str(_TENS[tens.lower()] + (_UNITS[unit.lower()] if unit else 0))
        if alone:
            return str(_UNITS[alone.lower()])
        return str(_ORDINALS[ordinal.lower()])

    return _NUMBER_WORD.sub(replace, text)


def _readings(number: str) -> set[float]:
    """The values a written number may have: '1,200' is 1200 (or 1.2 in German), '6,4' is 6.4,
    '1.234,5' is 1234.5."""
    parts = re.split(r"([.,])", number)
    digits, separators = parts[::2], parts[1::2]
    if not separators:
        return {float(number)}
    readings: set[float] = set()
    if all(len(group) == 3 for group in digits[1:]):
        readings.add(float("".join(digits)))  # thousands separators only
    if len(set(separators)) == 1 and len(separators) == 1:
        readings.add(float(f"{digits[0]}.{digits[1]}"))  # one decimal separator
    elif len(set(separators)) == 2 and separators[-1] not in separators[:-1]:
        readings.add(float(f"{''.join(digits[:-1])}.{digits[-1]}"))  # '1,234.5', '1.234,5'
    return readings or {float(digits[0])}


def _numbers(text: str, *, scaled_only: bool = False) -> list[tuple[set[float], bool, str]]:
    """(possible values, hedged, as written) for every number; a scaled one ('1.5 million')
    is given as its full value too, or only (`scaled_only`: '£3million' is not any '3')."""
    text = _words_to_digits(text)
    found = []
    for match in _NUMBER.finditer(text):
        values = _readings(match.group("num"))
        scale = match.group("scale")
        if scale:
            scaled = {value * _SCALE[scale.lower()] for value in values}
            values = scaled if scaled_only else values | scaled
        hedged = bool(_HEDGE.search(text[max(0, match.start() - 20):match.start()]))
        found.append((values, hedged, match.group(0).strip()))
    for match in _MULTIPLE.finditer(text):
        hedged = bool(_HEDGE.search(text[max(0, match.start() - 20):match.start()]))
        found.append((set(_MULTIPLES[match.group(1).lower()]), hedged, match.group(0)))
    return found


# -- names ------------------------------------------------------------------------------------

# Words that start sentences (and so are capitalised) without being names.
_STARTERS = frozenset(_listed("""
a an the in on at after before during since until while when where as with without despite
although though but and or so yet also however meanwhile moreover furthermore still then
thus therefore it its he she they we you i his her their our this that these those there
here some many most more few several all both each every no not one two three four five
according following officials police authorities experts critics others people residents
earlier later now today yesterday tomorrow last next new former under over about among amid
by for from of to into if because once instead overall separately elsewhere other another
such what who whom which why how only just even nearly almost around early late what's
reports report sources source outlets accounts versions witnesses analysts observers
figures estimates details it's there's nobody none nothing everyone everybody someone
due through thanks given having being based unlike like beyond within across along behind
besides toward towards upon via whether whereas notably currently recently additionally
ultimately originally previously initially eventually finally
"""))
# Words that join the parts of one name.
_JOINERS = frozenset(_listed("of de la le du da del der van von den al bin ibn y for"))
_TITLES = frozenset(_listed("""
mr mrs ms dr prof sir dame lord lady president vice prime minister secretary senator sen rep
representative gov governor mayor king queen prince princess pope chancellor general gen
judge justice chief ceo chairman chairwoman chair director spokesman spokeswoman spokesperson
officer detective sergeant captain lieutenant colonel commander admiral ambassador premier
leader head deputy state foreign defence defense interior finance health home attorney
"""))


def _strip(word: str) -> str:
    """Without a possessive or a trailing full stop: "Jr.'s" -> "Jr", "Biden's" -> "Biden"."""
    word = word.replace("’", "'")
    word = word[:-2] if word.lower().endswith("'s") else word.rstrip("'")
    return word if _acronym(word) else word.rstrip(".")


@dataclasses.dataclass(frozen=True, slots=True)
class _Facts:
    """What the sources say, indexed for the checks."""

    text: str  # normalised
    words: frozenset[str]  # every word, lower case
    lower_words: frozenset[str]  # words that also appear in lower case (common words)
    runs: tuple[frozenset[str], ...]  # each run of capitalised words, as lower-case words
    acronyms: frozenset[str]  # initials of the runs ("united nations" -> "un")
    numbers: frozenset[float]

    @classmethod
    def of(cls, source_text: str) -> _Facts:
        all_runs = list(_runs(source_text))
        # Single words, and the hyphenated and dotted ones names are made of ('Rawlings-Blake',
        # 'U.S.').
        words = [_strip(w) for w in _WORD.findall(source_text)] + [w for r in all_runs for w in r]
        runs = [frozenset(_fold(w) for w in run) for run in all_runs]
        # 'The United Nations' -> 'un' (the sentence's 'The' is no part of the name).
        acronyms = {"".join(w[0] for w in run if _fold(w) not in _JOINERS | _STARTERS).lower()
                    for run in all_runs if len(run) >= 2}
        numbers: set[float] = set()
        for values, _, _ in _numbers(source_text):
            numbers.update(values)
        return cls(text=f" {_norm(source_text)} ",
                   words=frozenset(_fold(w) for w in words),
                   lower_words=frozenset(_fold(w) for w in words if w[:1].islower()),
                   runs=tuple(runs), acronyms=frozenset(acronyms), numbers=frozenset(numbers))

    def has_number(self, value: float, *, hedged: bool) -> bool:
        if value in (0.0, 1.0) or value in self.numbers:
            return True
        if 1900 <= value <= 2100 and value.is_integer():
            # A year: the sources may give it as a date ('3/4/2025'), so look in the text.
            return f"{int(value)}" in self.text
        # A hedged figure ('about 300') may round the sources' (297).
        return hedged and any(abs(n - value) <= 0.1 * n for n in self.numbers if n > 0)

    def has_quote(self, words: Sequence[str]) -> bool:
        if f" {' '.join(words)} " in self.text:
            return True
        # Quotations get shortened; most of their word pairs must still be the sources'.
        pairs = [f" {a} {b} " for a, b in itertools.pairwise(words)]
        return sum(pair in self.text for pair in pairs) >= 0.8 * len(pairs)

    def has_word(self, word: str) -> bool:
        lower = _fold(word)
        if lower in self.words or lower.replace(".", "") in self.acronyms:
            return True
        if "-" in lower.strip("-"):  # 'Nicholls-trained', 'A-list': each part is the sources'
            return all(self.has_word(part) for part in lower.split("-") if part)
        if word.replace(".", "").isupper() and lower.replace(".", "") in self.words:
            return True  # 'U.S.' for 'US'
        # 'Brazil' for 'Brazilian', 'Americans' for 'America'; and a long word misspelt by
        # one letter ('Britian', 'Morrocco') is still the sources' word.
        return len(lower) >= 5 and any(
            ((lower.startswith(w) or w.startswith(lower)) and abs(len(w) - len(lower)) <= 4)
            or (len(lower) >= 6 and one_edit(lower, w))
            for w in self.words if len(w) >= 4 and w[0] == lower[0])

    def has_name(self, name: Sequence[str]) -> bool:
        core = [_fold(w) for w in name]
        if not all(self.has_word(w) for w in core):
            return False
        return self._one_name(core) or any(
            # Two names side by side ('London Wasps James Haskell', 'Westfield Shopping Centre').
            self._one_name(core[:k]) and self.has_name(core[k:]) for k in range(1, len(core)))

    def _one_name(self, core: Sequence[str]) -> bool:
        if len(core) == 1 or f" {_norm(' '.join(core))} " in self.text:
            return True
        # A full name must be one the sources give, any part of it left out: 'Joe Biden' is
        # in 'President Joe R. Biden'; 'Joe Obama' is in no name of theirs.
        return any(all(any(_same(w, r) for r in run) for w in core) for run in self.runs)


def _same(word: str, other: str) -> bool:
    if word == other:
        return True
    shorter, longer = sorted((word, other), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter) and len(longer) - len(shorter) <= 4


def _runs(text: str) -> Iterable[list[str]]:
    """Runs of capitalised words ('Bank of England', 'Joe Biden'), within sentences."""
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", text):
        run: list[str] = []
        pending: list[str] = []
        for token in re.findall(r"[^\W_][\w'’.-]*|[^\w\s]", sentence):
            if token[0].isupper():
                run.extend(pending)
                pending = []
                run.append(_strip(token))
                if token.replace("’", "'").lower().endswith("'s"):
                    yield run  # "Brazil's President Lula": a possessive ends a name
                    run = []
            elif run and token.lower() in _JOINERS and not pending:
                pending.append(token)
            else:
                if run:
                    yield run
                run, pending = [], []
        if run:
            yield run


def _acronym(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.){2,}", token))


# Endings of common words ('Considering', 'Studies', 'Archaeologists') that a sentence may start
# with; a lone capitalised word so ending, first in its sentence, is taken for a common word.
_COMMON_ENDINGS = ("ing", "ed", "ly", "ists", "ers", "ies", "ions", "ments")


def _common(word: str, facts: _Facts, *, alone: bool, language: str = "en",
            lower_stems: frozenset[str] = frozenset()) -> bool:
    folded = _fold(word)
    if folded in _STARTERS or folded in facts.lower_words:
        return True
    code = base_language(language)
    if code != "en":
        # The lists above are English. In another language, a sentence's first word is common
        # when it is a function word or an opener of that language, or a form of a word the
        # sources write in lower case ("Nouvelle hausse des taux…", "Selon Christine
        # Lagarde…" were refused as invented names; found by reader QA). Not merely because
        # the sources lack it: that is what an invented name looks like (found by review:
        # "Macron a critiqué…" passed); the rest of a run is still checked as a name.
        return (folded in stop_words(code) or folded in _OPENERS.get(code, frozenset())
                or stem(folded, code) in lower_stems)
    return alone and folded.endswith(_COMMON_ENDINGS)


# Words that open a sentence of news in other languages and are no names (accents folded).
_OPENERS: dict[str, frozenset[str]] = {
    "fr": frozenset(_listed("""selon apres avant depuis pendant malgre enfin ainsi alors
        pourtant cependant nouvelle nouveau nouvel nouvelles nouveaux hier aujourd demain lundi
        mardi mercredi jeudi vendredi samedi dimanche desormais outre face parmi""")),
    "es": frozenset(_listed("""segun tras ante pese ademas asi ayer hoy manana nueva nuevo
        nuevas nuevos mejora lunes martes miercoles jueves viernes sabado domingo frente
        mientras tambien despues antes durante""")),
    "de": frozenset(_listed("""laut nach trotz wegen zudem ausserdem gestern heute morgen neue
        neuer neues montag dienstag mittwoch donnerstag freitag samstag sonntag angesichts
        seit waehrend bislang bisher""")),
    "it": frozenset(_listed("""secondo dopo prima durante nonostante inoltre ieri oggi domani
        nuova nuovo nuove nuovi""")),
    "pt": frozenset(_listed("""segundo apos antes durante apesar alem ontem hoje amanha nova
        novo novas novos""")),
    "nl": frozenset(_listed("""volgens na voor tijdens ondanks bovendien gisteren vandaag
        morgen nieuwe nieuw""")),
    # Polish has no stop-word list here: its function words that open sentences too (reader
    # QA: "Według prezesa NBP…" was refused as an invented name).
    "pl": frozenset(_listed("""według po przed podczas mimo ponadto wczoraj dzis dzisiaj jutro
        nowa nowy nowe nowych w we na z ze do od za o i a ale jak to ten ta te tym jest sa
        był była było były juz takze rowniez jednak natomiast zdaniem""")),
}


def _names(answer: str, facts: _Facts, language: str = "en") -> Iterable[list[str]]:
    """The names an answer states: runs of capitalised words, less the common words that are
    capitalised only because a sentence starts with them, joiners and titles."""
    code = base_language(language)
    lower_stems = frozenset(stem(word, code) for word in facts.lower_words) \
        if code != "en" else frozenset()
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", answer):
        first = next(iter(re.findall(r"[^\W_][\w'’.-]*", sentence)), "")
        for run in _runs(sentence):
            words = list(run)
            starts = sentence.lstrip("\"“'‘([ ").startswith(first)
            if words and starts and words[0] == _strip(first) and _common(
                    words[0], facts, alone=len(words) == 1, language=language,
                    lower_stems=lower_stems):
                words = words[1:]
            # (a German noun of share or factor is checked as a figure, not as a name: QA
            # stop 61 F6, "um die Hälfte" against "50 Prozent" was "the name 'Hälfte'")
            core = [w for w in words if w.lower() not in _JOINERS
                    and not (_fold(w) in _TITLES and _fold(w) in facts.words)
                    and w.lower() not in ("i",) and w.lower() not in _MULTIPLES]
            if core:
                yield core

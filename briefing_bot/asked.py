"""What a plain message asks of the bot when it is no list of topics: less of something ("no
more football", "keine Politik mehr", "plus de sport svp"), to unsubscribe ("stop",
"Abmelden"), help ("help", "come funziona?"), or another language ("in German", "auf
Deutsch").

Reader QA (stop 73 R1): such messages were offered as topics to follow, some meaning the
opposite ("je ne veux plus de sport" offered "sport", "unsubscribe" and "help" were topics,
"can I get it in German?" offered "German"). Each is read here as a whole message, against
words each language says it with (the tables below are data: a phrase missed is a line
added). Pure functions: the bot (`bot.py`) answers what they find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from briefing_bot.prompts import language_code
from briefing_bot.subscriptions import topic_list
from briefing_bot.topics import joins_one_name
from briefing_bot.wording import languages

Kind = Literal["less", "stop", "help", "language"]


@dataclass(frozen=True)
class Asked:
    """What a message asks: `less` of `what` (the topics to leave out, as the reader wrote
    them), to `stop` (unsubscribe), `help`, or a `language` (its code in `what`)."""

    kind: Kind
    what: tuple[str, ...] = ()


def what_is_asked(text: str, *, reader: str | None = None) -> Asked | None:
    """What a plain message asks, or None if it is none of these (a topic list, prose, a
    question about the news). `reader`: the reader's language, for the names of languages
    in it ("allemand" for a French reader)."""
    said = _normal(text)
    if not said or len(said.split()) > _MOST_WORDS:
        return None
    plain: tuple[tuple[re.Pattern[str], Kind], ...] = ((_STOP, "stop"), (_HELP, "help"))
    for words, kind in plain:
        if words.fullmatch(said):
            return Asked(kind)
    if (code := _language_asked(said, reader)) is not None:
        return Asked("language", (code,))
    for pattern in _LESS:
        if (found := pattern.fullmatch(said)) is not None:
            first, *between = said[:found.start("what")].split()
            what = found.group("what")
            if first.casefold() in _TITLE_WORDS and first[0].isupper() and any(
                    word[0].isupper() for word in what.split()) and all(
                    word in _TITLE_JOINS for word in between):
                return None  # a title, not a request: "No Country for Old Men", "Pas de Calais"
            return _less(what)
    return None


# A request is a short message; a longer one is prose, read as before (offered to summarize,
# or as the topics `topics.meant_by_prose` finds in it).
_MOST_WORDS = 12


def _normal(text: str) -> str:
    """A message as the tables read it: lower case, one space between words, typographic
    apostrophes plain, without the punctuation around it or a "please" at either end."""
    said = " ".join(text.replace("’", "'").split())
    while True:
        trimmed = _POLITE.sub("", said.strip(_AROUND)).strip(_AROUND)
        if trimmed == said:
            return said
        said = trimmed


_AROUND = " .,;:!?¡¿…\"“”„«»()"
# Politeness at either end of a request: "plus de sport svp", "Bitte keine Politik mehr".
_POLITE = re.compile(
    r"^(?:please|pls|plz|bitte|s'il (?:te|vous) pla[iî]t|svp|stp|per favore|per piacere"
    r"|por favor|alsjeblieft|alstublieft|graag|proszę|prosze|пожалуйста|будь ласка|моля"
    r"|παρακαλώ|παρακαλω)\b[\s,]*"
    r"|[\s,]*\b(?:please|pls|plz|bitte|s'il (?:te|vous) pla[iî]t|svp|stp|per favore"
    r"|per piacere|por favor|alsjeblieft|alstublieft|graag|proszę|prosze|пожалуйста"
    r"|будь ласка|моля|παρακαλώ|παρακαλω|thanks|thank you|danke|merci|grazie|gracias"
    r"|obrigad[oa]|bedankt|dzięki|спасибо|дякую|благодаря|ευχαριστώ)$", re.IGNORECASE)

# Unsubscribing, said as a whole message: pointed to /stop, which deletes the chat's settings,
# never done on plain text (a word typed in passing must not lose a reader their topics).
_STOP = re.compile(
    r"(?:stop(?:p| it| this| all| now| everything)?|unsubscribe(?: me)?|unsub|cancel(?: my)?"
    r" subscription|stop sending(?: me)?(?: anything| messages| news| briefings)?"
    r"|leave me alone|abmelden|abbestellen|kündigen|abo (?:beenden|kündigen)|hör auf"
    r"|(?:(?:se|me) )?d[ée]sabonner|d[ée]sabonnement|(?:(?:se|me) )?d[ée]sinscrire"
    r"|arr[êe]te[rz]?|disiscri(?:vi|vimi|viti|zione)|annulla(?: l'| la)? iscrizione|basta"
    r"|(?:dar(?:me|se)? de )?baja|cancelar(?: (?:la |mi |a )?(?:suscripci[óo]n|inscri[çc][ãa]o"
    r"|assinatura))?|descadastrar|parar|para|afmelden|uitschrijven|stoppen"
    r"|wypisz(?: mnie)?|anuluj(?: subskrypcj[ęe])?|rezygnuj[ęe]"
    r"|отписаться|отпиши(?:сь|те)?(?: меня)?|отписка|стоп|хватит|відписатися|відпиши(?:ть)?"
    r"(?: мене)?|отписване|отпиши ме|απεγγραφή|απεγγραφη|σταμάτα|σταματα|στοπ)", re.IGNORECASE)

# Help, asked for or asked about: answered with /help itself.
_HELP = re.compile(
    r"(?:help(?: me)?|i need help|hilfe|aide(?:[- ]moi)?|au secours|aiuto|ayuda|ajuda|hulp"
    r"|pomocy?|помо(?:щь|гите|щ)|допомо(?:га|жіть)|βοήθεια|βοηθεια"
    r"|how (?:does (?:this|it|the bot) work|do i use (?:this|it|the bot))|what is this"
    r"|what are you|who are you|are you a bot|is (?:any|some)(?:one|body) (?:there|here)"
    r"|(?:any|some)(?:one|body) (?:there|here)|what does (?:this|the) bot do"
    r"|wie funktioniert (?:das|es|der bot|dieser bot)|was ist das|was bist du|ist da jemand"
    r"|comment (?:ça|ca|cela) (?:marche|fonctionne)|comment (?:ça|ca) marche|c'est quoi"
    r"|qu'est-ce que c'est|il y a quelqu'un"
    r"|come funziona|cosa (?:è|e) (?:questo|questa cosa)|c'è qualcuno|c'e qualcuno"
    r"|c[óo]mo funciona|qu[ée] es esto|hay alguien|como funciona|o que (?:é|e) isso"
    r"|tem algu[ée]m a[íi]|hoe werkt (?:het|dit)|wat is dit|is daar iemand"
    r"|jak to dzia[łl]a|co to jest|jest tam kto[śs]"
    r"|как (?:это )?работает|что это|кто-нибудь здесь|як (?:це )?працює|що це"
    r"|как работи|какво е това|πώς λειτουργεί|πως λειτουργει|τι είναι αυτό)", re.IGNORECASE)

# "in German", "auf Deutsch", "en français", "in italiano", "em português", "по-английски",
# "на английском", "στα αγγλικά": a language asked for by a preposition and its name, last in
# the message (or before "instead"), so that a topic such as "French Polynesia" is not one.
_IN_LANGUAGE = re.compile(
    r"(?:^|\s)(?P<said>(?:in|into|to|auf|en|em|op|po|na|w|по|на|στα|σε)\s+[^\s\d]{4,}"
    r"|по-[^\s\d]{4,})"
    r"(?:\s+(?:instead|please|bitte|stattdessen|plut[ôo]t|invece|en cambio|em vez disso"
    r"|too|as well|auch|aussi|anche|también|tambem|também))?$", re.IGNORECASE)


def _language_asked(said: str, reader: str | None) -> str | None:
    """The code of the language a message asks for by name ("in German": "de"); not a code
    typed ("in it" is no Italian). Its name in the reader's language first, then in those
    the bot answers in (a German reader's "in Englisch" before /language de)."""
    found = _IN_LANGUAGE.search(said)
    if found is None:
        return None
    whole = found.group("said")
    # ("по-английски", "на английском" are read whole: prompts.language_code knows them so)
    typed_forms = dict.fromkeys((whole.partition(" ")[2] or whole, whole))
    for language in dict.fromkeys((reader, *languages())):
        for typed in typed_forms:
            code = language_code(typed, reader=language)
            if code is not None and typed.lower() != code:
                return code
    return None


# Less of something: the message whole, "what" the topic(s) to leave out. In every language
# the bot answers in; a reader may write in another than the chat's, so all are tried.
_WHAT = r"(?P<what>.+?)"
_MORE = (r"(?:\s+(?:any ?more|no more|now|mehr|jetzt|plus|più|pi[uù] niente|más|mas|mais|meer"
         r"|już|больше|більше|повече|πια))?")
_LESS = tuple(re.compile(pattern.format(X=_WHAT) + _MORE, re.IGNORECASE) for pattern in (
    # English
    r"no more (?:of )?{X}", r"(?:please )?stop (?:sending|showing|giving)(?: me| us)? {X}",
    r"(?:i |we )?(?:do not|don't|dont) (?:want|need|like|care about)(?: to (?:see|get|read))?"
    r"(?: any| anything about| more)? {X}",
    r"(?:i'm|i am|we're|we are) (?:not interested in|tired of|sick of|fed up with) {X}",
    r"not interested in {X}", r"(?:less|fewer|without|enough(?: of| with)?) {X}",
    # German
    r"(?:ich )?(?:will|möchte|mag|brauche|wir wollen) keine?[nrs]? {X}",
    r"keine?[nrs]? {X}", r"(?:ohne|weniger|schluss mit|genug(?: von)?) {X}",
    r"hör(?:t| auf)? (?:auf )?mit {X}(?: auf)?",
    # French ("plus de X" read as "no more X", as readers meant it: QA stop 73 R1)
    r"(?:je |j'|on |nous )?(?:ne |n')?(?:veux|voudrais|souhaite|veut|voulons)"
    r" (?:plus|pas|jamais)(?: de| d'| du| des| le| la| les)? ?{X}",
    r"(?:plus|pas|moins|assez)(?: de| d'| du| des) ?{X}",
    r"(?:sans|fini(?:e|s)?(?: le| la| les)?) {X}",
    r"arr[êe]te[rz]? (?:de (?:m'|nous )envoyer |avec )?(?:le |la |les |l')?{X}",
    # Italian
    r"non (?:voglio|vogliamo) (?:più )?(?:vedere |ricevere |leggere )?(?:il |lo |la |i "
    r"|gli |le |l')?{X}",
    r"(?:niente|nient'altro|non|basta)(?: più)?(?: con| di)? {X}",
    r"(?:senza|meno) {X}",
    # Spanish, Portuguese
    r"(?:sin|menos|basta de|nada de|no m[áa]s|ya no quiero|no quiero(?: m[áa]s)?|deja de "
    r"(?:enviarme|mandarme)|dejad de (?:enviarme|mandarme)) {X}",
    r"(?:sem|chega de|n[ãa]o quero(?: mais)?|n[ãa]o mais|pare de (?:me )?(?:enviar|mandar))"
    r" {X}",
    # Dutch
    r"(?:ik wil |wij willen )?geen {X}", r"(?:zonder|minder|stop met) {X}",
    # Polish
    r"(?:bez|mniej|dość|dosc|koniec z|nie chc[ęe](?: już)?|nie wysyłaj(?: mi)?) {X}",
    # Russian, Ukrainian, Bulgarian
    r"(?:без|меньше|хватит|не хочу(?: больше)?|больше не (?:хочу|надо|нужно)|не надо|не нужно"
    r"|не присылай(?:те)?(?: мне)?) {X}",
    r"(?:менше|досить|годі|не хочу(?: більше)?|більше не (?:хочу|треба)|не треба"
    r"|не надсилай(?:те)?(?: мені)?) {X}",
    r"(?:по-малко|стига(?: с)?|не искам(?: повече)?|повече не искам|не ми трябва(?:т)?) {X}",
    # Greek
    r"(?:χωρίς|χωρις|λιγότερ[οαε]ς?|φτάνει(?: με)?|φτανει(?: με)?|όχι άλλ[οαε]ς?|οχι αλλ[οαε]ς?"
    r"|δεν θέλω(?: άλλ[οαε]ς?)?|δεν θελω) {X}",
    # ...and English "no X" last: "no más", "no quiero" are Spanish requests above
    r"no {X}",
))

# A negation that starts titles too, capitalised as one: "No Country for Old Men", "Sin City",
# "Without a Trace" (but "No football", typed in haste, is a request all the same).
_TITLE_WORDS = frozenset({"no", "sin", "sem", "without", "pas", "sans", "senza"})
_TITLE_JOINS = frozenset({"de", "of", "the", "a"})  # (but "No more Fox News" is a request)

# What precedes the topic itself: articles, and "news about" ("no more news about football",
# "keine Nachrichten über Fußball", "plus d'articles sur le sport").
_LEADING = re.compile(
    r"^(?:(?:the|any|all|den|die|das|der|dem|le|la|les|l'|du|des|de la|il|lo|gli|el|los|las"
    r"|os|as|het|een)\s+|l')*"
    r"(?:(?:news|stories|articles|items|updates|nachrichten|meldungen|artikel|news|nouvelles"
    r"|actualités|actus?|infos|articles|notizie|articoli|noticias|artículos|notícias|artigos"
    r"|nieuws|berichten|wiadomości|artykułów|новост(?:ей|и)|статей|новин(?:и)?|новини"
    r"|ειδήσεις|ειδησεις|άρθρα)\s+"
    r"(?:about|on|of|from|over|über|zu|zum|zur|von|vom|sur|de|du|des|su|sul|sulla|sui|di"
    r"|del|della|sobre|do|da|dos|das|over|o|об|о|про|за|για)\s+"
    r"(?:(?:the|den|die|das|der|dem|le|la|les|l'|il|lo|gli|el|los|las|o|a|os|as|het)\s+|l')*)?",
    re.IGNORECASE)
# ...and what follows it: "football news", "Fußball-Nachrichten", "sport stories"; after a
# space in lower case only, as "Fox News", "BBC News" are names.
_TRAILING = re.compile(
    r"(?:-(?i:news|nachrichten|meldungen|artikel|themen|berichte)"
    r"|\s(?:news|stories|articles|updates|actualités|infos|notizie|noticias|notícias|nieuws"
    r"|berichten|wiadomości))+$")

# Words that name everything the bot sends: "no more messages", "keine Nachrichten mehr",
# "je ne veux plus rien" ask to stop, not to leave out a topic named "messages".
_EVERYTHING = frozenset({
    "messages", "message", "news", "anything", "everything", "briefings", "briefing", "this",
    "notifications", "spam", "nachrichten", "meldungen", "alles", "nichts", "nouvelles",
    "actualités", "rien", "tout", "notizie", "messaggi", "niente", "nulla", "tutto",
    "noticias", "mensajes", "nada", "todo", "notícias", "mensagens", "tudo", "nieuws",
    "berichten", "wiadomości", "wszystko", "новости", "сообщения", "ничего", "новини",
    "повідомлення", "нічого", "съобщения", "нищо", "ειδήσεις", "μηνύματα", "τίποτα"})
# ...and words after "no" that are no topic at all: "no thanks", "no problem", "no idea".
_NO_TOPIC = frozenset({
    "thanks", "thank you", "problem", "problems", "idea", "worries", "way", "comment", "danke",
    "merci", "grazie", "gracias", "obrigado", "obrigada", "bedankt", "dziękuję", "спасибо",
    "дякую", "ευχαριστώ", "problème", "problema", "problemo", "it", "that", "them", "one",
    "more", "mehr", "plus", "più", "más", "mais", "meer", "me", "mir", "mich", "moi", "mi",
    "is more", "to", "so", "sé", "embargo",  # "less is more", "non so", "no sé", "sin embargo"
    # ...and idioms of the same shape: "keine Ahnung", "kein Bock", "geen idee", "bez sensu"
    "ahnung", "bock", "panik", "sorge", "sorgen", "idee", "sensu", "понятия"})


def _less(what: str) -> Asked | None:
    """The topics a request for less of something names ("football" in "no more football
    news"); to stop, if it names everything ("no more messages"); None if no topic at all
    ("no thanks", "no problem")."""
    what = _TRAILING.sub("", _LEADING.sub("", what.strip(_AROUND))).strip(_AROUND)
    if what.casefold() in _EVERYTHING:
        return Asked("stop")
    parts = [_NEGATED.sub("", part.strip()) for part in _topics_in(what)]
    if any(not part or len(part.split()) > _TOPIC_WORDS or part.casefold() in _NO_TOPIC
           or part[0].isdigit() for part in parts):  # ("plus de 50 ans": an age, no topic)
        return None
    try:
        listed = topic_list(", ".join(parts))
    except ValueError:  # (a pattern the topic parser refuses: said as before)
        return None
    return Asked("less", tuple(topic.removeprefix("-") for topic in listed))


def _topics_in(what: str) -> list[str]:
    """The topics a request lists, at its commas and at each "and" that joins two; not one
    inside a name (`_one_name`: "Bosnia and Herzegovina", "Marks and Spencer")."""
    said = _JOINS.split(what)  # (each topic, then its join)
    topics = [said[0]]
    for join, topic in zip(said[1::2], said[2::2], strict=True):
        if join.strip() != "," and _one_name(topics[-1].strip(), join.strip(), topic.strip()):
            topics[-1] += join + topic
        else:
            topics.append(topic)
    return topics


_JOINS = re.compile(r"(,|\s+(?:and|und|et|y|en|и|і|και)\s+)", re.IGNORECASE)


def _one_name(before: str, join: str, after: str) -> bool:
    """Whether "before and after" is one name, not two topics (`_topics_in`), by the rule
    of `topics.joins_one_name`: "Bosnia and Herzegovina", "Marks et Spencer"."""
    return joins_one_name(before.split(), join, after.split())


# Each topic of a list negated again: "keine Politik, kein Sport", "no sport, no politics".
_NEGATED = re.compile(r"^(?:keine?[nrs]?|no|not|nicht|pas de|plus de|sans|niente|senza|sin"
                      r"|sem|geen|bez|без|χωρίς)\s+", re.IGNORECASE)
_TOPIC_WORDS = 4  # a topic to leave out is a few words; more is a sentence not read here

"""Telling each story once: what is new for a chat, what it already has, and updates.

Each chat remembers which version (set of articles) of each story it received. A briefing sends
the stories the chat has not had and, for stories that gained articles since, an update: what
the new articles add, sent as a reply to the message that carried the story before. A story
with nothing new is not sent again, and a muted one never again.

What is new is decided by when the bot first saw an article (its fetch time), not by the
outlet's date, so an article fetched late is not lost; the outlet's date still orders stories
and ages them out.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from time import monotonic

from briefing_bot import extractive, pickers, schedule
from briefing_bot.briefing import (
    OLD_NEWS,
    build_briefing,
    headed,
    led_view,
    links,
    rank,
    related_title,
    usual_languages,
)
from briefing_bot.categories import TopicMatcher
from briefing_bot.cluster import features, gives_title, opening_of, story_title
from briefing_bot.compose import (
    Message,
    excluded_line,
    pack_units,
    render_html_messages,
    render_nothing_new,
    render_update_html,
)
from briefing_bot.guard import NUMBER_WORDS
from briefing_bot.models import (
    NEWS_MAX_AGE,
    Article,
    Briefing,
    BriefingItem,
    InputKind,
    RelatedLink,
    Story,
    Subscriber,
    Summary,
)
from briefing_bot.store import Receipt, Received, Store, StoryVersion
from briefing_bot.summaries import LATE, Summarizer, event_outlets, title_for, update_news
from briefing_bot.text import base_language, detect_language, report_language
from briefing_bot.topics import Match, TopicFilter, parse_topics, select
from briefing_bot.wording import wording

FIRST_WINDOW = timedelta(hours=24)  # a chat's first briefing looks back this far
# The window for new articles reaches back this far before the last briefing: an article whose
# fetch was being written while that briefing was composed is not lost. What the chat already
# has is not sent again, so the overlap repeats nothing.
OVERLAP = timedelta(minutes=15)
MAX_AGE = NEWS_MAX_AGE
MAX_UPDATES = 8  # updates in one briefing, the strongest first
UPDATE_SHARE = 0.6  # an update's length, relative to a story's summary
TOP_STORIES = "top"  # callback data of "Latest top stories anyway"
# ... under a message that said already there was nothing on the reader's topics all day
TOP_STORIES_SAID = "top:q"
MUTE = "mute:"  # callback data prefix of "Mute this story"
UNMUTE = "unmute:"  # and of the "Unmute" its tap leaves in its place
MORE = "more:"  # callback data prefix of "More": the window (a Unix time) the page is from
# "Latest top stories" (said or not) and its "More" pages
TOP_PAGE = re.compile(r"top(?::(\d{1,12})(a?)|:(q))?$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_BUTTON_TITLE = 32
_SHARED_BRIEFINGS = 256  # distinct whole briefings a cycle keeps for the next reader alike


def version_of(story: Story) -> StoryVersion:
    return StoryVersion.of(story.id, (article.id for article in story.articles))


def first_seen(story: Story) -> datetime:
    """When the bot last learned something about the story: its newest fetched article."""
    return max((a.fetched_at for a in story.articles), default=story.updated_at)


def earlier(story: Story, receipt: Receipt) -> Story:
    """The story as the chat received it: only the articles it had then, under the title
    they gave it. A story renamed since by an article the chat has not had (a fuller report,
    which may be of another event the clustering joined to it; a received story keeps its
    title only while an article of its best kind of text gives it) is still, to this chat,
    the story it was sent: its update replies under that title and is judged against it."""
    had = set(receipt.version.article_ids) if receipt.version else set()
    # Versions of articles their outlets corrected since are what the chat had, not news.
    articles = tuple(sorted((a for a in (*story.articles, *story.revised) if a.id in had),
                            key=lambda a: (a.time, a.id)))
    title = story.title
    # Looked at as text first: the usual case (an article the chat had still gives the title)
    # costs no features. Found by review: computing them for every update of every chat made a
    # cycle of 10,000 readers 15 times slower.
    if articles and not any(title in (a.title, opening_of(a.text)) for a in articles):
        docs = [features(a.title, a.text, a.time, titled=a.titled, kind=a.kind)
                for a in articles]
        if not any(gives_title(doc, title) for doc in docs):
            title = story_title(docs)
    return dataclasses.replace(story, articles=articles, title=title)


@dataclasses.dataclass(frozen=True, slots=True)
class Plan:
    """What a chat is due: stories it never had, and stories that gained articles since."""

    new: tuple[Story, ...]
    updates: tuple[tuple[Story, Receipt], ...]  # (the story now, what the chat has of it)


def plan(stories: Sequence[Story], receipts: dict[int, Receipt], *, since: datetime,
         now: datetime, seen: Mapping[int, datetime] | None = None) -> Plan:
    """Split candidate stories for one chat; the rest (nothing new, muted, old) is left out.

    `seen` may give each story's `first_seen` (a cycle works it out once, not per reader).
    """
    new: list[Story] = []
    updates: list[tuple[Story, Receipt]] = []
    had = _articles_had(receipts)
    for story in stories:
        moment = seen[story.id] if seen is not None else first_seen(story)
        if moment < since - OVERLAP or (seen is None and story.latest < now - MAX_AGE):
            continue
        if muted_before(story, receipts):
            continue
        receipt = _still_had(story, receipts.get(story.id)) or _moved_here(story, had)
        if receipt is None or (receipt.version is None and not receipt.muted):
            new.append(story)
        elif receipt.muted or receipt.version is None:
            continue
        elif fresh := {a.id for a in story.articles if not stale(a, receipt, story)} - set(
                receipt.version.article_ids):
            # Those the chat had with another story of the read are no news (`_also_had`).
            elsewhere = {article for article in fresh if article in had}
            if fresh - elsewhere:
                updates.append((story, _also_had(receipt, elsewhere)))
    return Plan(new=tuple(new), updates=tuple(updates))


def muted_before(story: Story, receipts: Mapping[int, Receipt]) -> bool:
    """Whether the chat muted the story that first told this one's event days before: its
    retelling is not sent to it, nor its updates (reader QA, stop 78 Q9: muted, the Oscars
    story came back four days later as a new story with a fresh Mute button)."""
    told = receipts.get(story.first_told_id) if story.first_told_id is not None else None
    return told is not None and told.muted


def _also_had(receipt: Receipt, elsewhere: set[int]) -> Receipt:
    """The chat's receipt of a story, with articles of the story it had with another story:
    a re-check moved them here. They are not news of it, nor related coverage, but what the
    chat already has (reader QA, stop 71 N3: a Jackman report the reader had as an item of
    its own came again as the Jackman story's update, the new report a link beside it). The
    store grows the receipt as it moves them (`store.receipts.follow_moves`); this covers a
    receipt written after the move, for a briefing composed before it."""
    if not elsewhere or receipt.version is None:
        return receipt
    return dataclasses.replace(receipt, version=StoryVersion.of(
        receipt.story_id, (*receipt.version.article_ids, *elsewhere)))


def stale(article: Article, receipt: Receipt, story: Story) -> bool:
    """A report written over a day before the chat received its version of the story (a feed
    that listed it late): what the chat has is newer, so it is no update, and no update tells
    it (reader QA: Monday's "tugs could not free the ship", fetched on Friday, came as the
    latest update under Wednesday's "ship refloated"). It still counts as had once an update
    is sent. An outlet's revision of an article the chat had keeps the article's date, and
    is news (review)."""
    if article.time >= receipt.received_at - OLD_NEWS:
        return False
    # Asked per article of every story of every chat: the chat's articles only when needed.
    # ...nor a report newer than (or within a day of) the newest the chat had: a story that
    # reached the chat late, two days after its reports, still gets the day after's news
    # (reader QA, stop 50: "Texas prisoner captured" never reached the readers of the escape).
    had = set(receipt.version.article_ids) if receipt.version else set()
    newest = max((a.time for a in story.articles if a.id in had), default=None)
    if newest is not None and article.time >= newest - OLD_NEWS:
        return False
    revised = [earlier.id for earlier in story.revised if earlier.revised_by == article.id]
    return not (revised and receipt.version
                and set(revised) & set(receipt.version.article_ids))


# -- does an update tell anything? ----------------------------------------------------------

# What a report can add to what a chat was told: a number, a name, a quotation, or an outcome
# (a verdict, a charge, a death, a win...). A new report that says none of these beyond the
# reports the chat had is one more source of what it knows, not news (reader QA, stop 74 R8:
# "Williams, 91, passed away early Thursday in her sleep" and "…has died peacefully in her
# sleep aged 91" came as two updates under "Hollywood's mermaid Esther Williams dies.",
# whose reports had said all of it).
_FACT_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# (and the scales' plurals: "thousands of people")
_NUMBER_WORDS = {word: str(n) for word, n in NUMBER_WORDS.items()} | {
    f"{word}s": str(n) for word, n in NUMBER_WORDS.items() if n >= 100 or word == "dozen"}
_QUOTED = re.compile(r'"([^"]{8,}?)"|“([^”]{8,}?)”|„([^“”]{8,}?)[“”]|«\s?([^»]{8,}?)\s?»')
# Of a quotation's words, more than this share unknown: a quotation the chat was not told.
_NEW_QUOTE = 0.34
# Outcomes, by kind: one of a kind the chat's reports never named is news ("found guilty"
# after "trial opens"), another word for one they did is not ("passed away" after "dies").
# Word beginnings, in the languages the bot summarizes in.
_OUTCOMES = {
    "death": r"dies\b|died\b|dying\b|dead\b|deaths?\b|kill|passed\s+away|fatal|starb|gestorben"
             r"|tot\b|tote[n]?\b|muere|murió|muert|morre|morreu|morto|mort\b|morte\b|meurt"
             r"|décéd|decedut|overl[eij]|zmar|nie\s+żyje|öldü|hayatını",
    "injury": r"injur|wound|hurt\b|verletz|herid|bless[ée]|ferit|ferid|gewond|rann[iy]|yaral",
    "arrest": r"arrest|detain|captur|custody|festgenommen|verhaftet|gefasst|detenid|arrêt[ée]"
              r"|arrestat|pres[oa]\b|aangehouden|zatrzyma|gözaltı|tutuklan",
    "charge": r"charg(?:ed|es|ing)\b|indict|accus|prosecut|angeklagt|anklage|acusad|inculp"
              r"|accusat|aangeklaagd|oskarż|suçla",
    "verdict": r"guilty|convict|acquit|verdict|sentenc|jail|imprison|urteil|verurteil"
               r"|freigesproch|condena|absuel|condamn|acquitt|condann|assolt|veroordeel"
               r"|vrijgesproken|skazan|uniewinn|mahkûm|beraat",
    "release": r"releas|freed\b|freigelassen|liberad|libér|liberat|vrijgelaten|uwolni|serbest",
    "resignation": r"resign|quit\b|quits\b|step(?:s|ped)?\s+down|rücktritt|zurückgetreten"
                   r"|dimit|démission|dimess|renunci|aftre[dt]|dymisj|istifa",
    "result": r"won\b|wins?\b|winner|elected|defeat|victor|beat\b|beats\b|gewinnt|gewonnen"
              r"|gewählt|sieg|gan[aó]\b|ganador|elegid|gagn|élu|vinc|vitt|elett|vence|venceu"
              r"|eleit|wint\b|verkozen|wygra|kazan|seçil",
    "rescue": r"rescu|surviv|found\s+alive|gerettet|überleb|rescat|sobreviv|sauv[ée]|survécu"
              r"|salvat|sopravviss|resgat|gered|overleef|uratowa|przeży|kurtarıl",
    "agreement": r"agree|approv|reject|ratif|veto|einig|abkommen|zugestimmt|abgelehnt|acuerdo"
                 r"|aprob|rechaz|accord(?:s|o|i)?\b|approuv|rejet|accordo|approvat|respint|akkoord"
                 r"|goedgekeurd|porozumi|zatwierdz|odrzuc|anlaşma|onayla",
    "status": r"reopen|restor|resum|evacuat|shut\s+down|closed\b|wiedereröffnet|geschlossen"
              r"|evakuiert|reabiert|cerrad|evacuad|rouvert|fermé|évacué|riapert|chius|evacuat"
              r"|heropend|gesloten|geëvacueerd|otwart|zamknięt|ewakuowa|yeniden\s+açıl|kapatıl",
    "appointment": r"appoint|sacked|fired\b|dismiss|nominat|ernannt|entlassen|nombrad|destituid"
                   r"|nommé|limogé|nominat|licenziat|nomead|demitid|benoemd|ontslagen|mianowa"
                   r"|zwolnion|görevden",
    "called off": r"cancel|postpon|call(?:s|ed)?\s+off|abgesagt|verschoben|cancelad|aplazad"
                  r"|suspend|annul|reporté|rinvi|adiad|afgelast|uitgesteld|odwoła"
                  r"|przełożon|iptal|ertelen",
}
_OUTCOME = {kind: re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE)
            for kind, pattern in _OUTCOMES.items()}
# A sentence that names an outcome without stating it: denied, awaited or asked about ("No
# arrests have been made", "it is not known if he will be released", "Crews are working to
# restore power", "Ob er zurücktritt, ist offen"). Its outcome is not one the chat was told
# (review, stop 74: each of these silenced the update that then told it).
_UNSTATED = re.compile(
    r"(?<!\w)(?:no|not|never|yet|will|would|could|may|might|whether|if|hopes?|hoped|expected"
    r"|trying|working\s+to|unclear|unknown|nicht|kein\w*|noch|wird|werden|soll|sollen|ob"
    r"|pas|jamais|si|non|nessun\w*|nie|niet|geen|değil|henüz)(?!\w)|n['’]t(?!\w)",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# An update restates what a chat had when it states an outcome the chat was told, or when of
# at least this many of its words (of four letters or more) this share is the chat's words:
# with neither, one that names nothing new may still tell news in words no list holds ("The
# missing boy has been found", "Der Täter wurde gefasst"), and is sent.
_RESTATED_WORDS = 8
_RESTATED_SHARE = 0.6


# Who told it, and when: a clause that ends a sentence's news by naming its source ("…,
# organizers said on Friday", "…, ITAR-TASS reported September 26, citing the country's
# Central Election and Referendum Commission (TsKVPR)", "…, according to police"). A source
# or a date of telling is no news of the event (reader QA, stop 75 S9: each of these named
# an update's only "new" names, and the update, its headline again, was sent). Only a clause
# of a few words closed by its verb (and a date): "…, Smith told reporters he would resign"
# keeps its news.
_DAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight"
        r"|(?:January|February|March|April|May|June|July|August|September|October|November"
        r"|December)(?:\s+\d{1,2})?(?:,?\s+\d{4})?)")
_TOLD_BY = re.compile(
    r",\s*(?:(?:[\w'’&()-]|\.(?=\w))+\s+){0,4}?(?:said|says|reported|reports|announced|announces|added"
    r"|wrote|writes|stated|told\s+(?:reporters|journalists|the\s+\w+))"
    rf"(?:\s+(?:on\s+|late\s+|early\s+|last\s+|this\s+)?{_DAY}(?:\s+(?:morning|afternoon"
    r"|evening|night))?)?(?=\s*(?:[,.;:!?]|$))"
    r"|,\s*(?:citing|quoting|according\s+to)\s+[^,.;:!?]*(?:\([^)]*\))?[^,.;:!?]*",
    re.IGNORECASE)


def _untold_by(text: str) -> str:
    """The text without the clauses that name who told its news, and when (`_TOLD_BY`)."""
    return _TOLD_BY.sub("", text)


def _number_of(word: str) -> str | None:
    """A word as the number it writes ("91", "6,000", "79th", "four"), or None."""
    found = _DIGITS.match(word)
    if found:
        return re.sub(r"(?<=\d)[.,](?=\d{3}(?!\d))", "", found.group())
    return _NUMBER_WORDS.get(word.lower())


def _fact_words(text: str) -> list[tuple[str, bool]]:
    """A text's words, each with whether it opens a sentence (where any word is capitalized),
    without the possessive's "'s"."""
    found: list[tuple[str, bool]] = []
    opening = True
    at = 0
    for match in _FACT_WORD.finditer(text):
        between = text[at:match.start()]
        if re.search(r"[.!?:;]\s*[\"“„«‘']?\s*$|[\"“„«]\s*$|^\s*[-–—]", between) or not found:
            opening = True
        word = re.sub(r"['’]s$", "", match.group())
        found.append((word, opening))
        opening = False
        at = match.end()
    return found


def _known_words(texts: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words (lower case, and each part of a hyphened one) and numbers of what a chat had."""
    known: set[str] = set()
    numbers: set[str] = set()
    for text in texts:
        for word, _ in _fact_words(text):
            lower = word.lower()
            known.add(lower)
            known.update(lower.replace("’", "'").split("-"))
            if (number := _number_of(word)) is not None:
                numbers.add(number)
    return frozenset(known), frozenset(numbers)


def new_facts(text: str, had: Sequence[str]) -> tuple[str, ...]:
    """What `text` (an update's news) says that the texts a chat `had` do not: numbers, names
    (capitalized words inside a sentence), quotations, and kinds of outcome (`_OUTCOMES`); in
    the order they come. Empty when it only says again what the chat had, in other words."""
    known, numbers = _known_words(had)
    found: list[str] = []
    told = _untold_by(text)
    for word, opening in _fact_words(told):
        number = _number_of(word)
        if number is not None:
            if number not in numbers:
                found.append(word)
        elif not opening and word[:1].isupper() and len(word) > 1 and not _known_name(
                word, known) and not _possessive_only(word, told):
            found.append(word)
    for match in _QUOTED.finditer(text):
        quoted = next(group for group in match.groups() if group)
        words = [word.lower() for word, _ in _fact_words(quoted)]
        if words and sum(word not in known for word in words) > _NEW_QUOTE * len(words):
            found.append(f"“{quoted}”")
    stated = _stated_outcomes(had)
    found.extend(kind for kind, outcome in _OUTCOME.items()
                 if outcome.search(text) and kind not in stated)
    return tuple(dict.fromkeys(found))


def _known_name(word: str, known: frozenset[str]) -> bool:
    """Whether a capitalized word is one the chat's reports had: the word, each part of a
    hyphened one, or its singular or plural ("Referendum" after "referendums")."""
    lower = word.lower().replace("’", "'")
    return any(form in known or all(part in known for part in form.split("-"))
               for form in (lower, f"{lower}s", lower.removesuffix("s")) if form)


# A name's possessive before a superlative or a rank describes what follows it.
_RANKED = re.compile(r"['’]s\s+(?:[a-z]+est|top|most|best|worst|leading|premier)(?!\w)")


def _possessive_only(name: str, text: str) -> bool:
    """Whether a name comes in the text only as a possessive before a superlative or a rank:
    a description of something the text tells ("Hollywood's highest honors" for the Oscars,
    "Britain's biggest bank"), not someone or something new it tells of, as it may be
    before other words ("Jackman's co-host", "Smith's lawyer"). Reader QA, stop 75 S9:
    "Hollywood" was an Ellen DeGeneres update's only new name, the update its lead again."""
    found = False
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        if _RANKED.match(text, match.end()) is None:
            return False
        found = True
    return found


def _stated_outcomes(texts: Sequence[str]) -> frozenset[str]:
    """The kinds of outcome (`_OUTCOMES`) the texts state: in a sentence that does not deny,
    await or ask about it (`_UNSTATED`)."""
    return frozenset(kind for text in texts for sentence in _SENTENCE_END.split(text)
                     if not _UNSTATED.search(sentence)
                     for kind, outcome in _OUTCOME.items() if outcome.search(sentence))


def repeats_only(text: str, had: Sequence[str]) -> bool:
    """Whether an update's news `text` only says again what the texts a chat `had` said: no
    new fact (`new_facts`), and it restates theirs (an outcome they stated, or mostly their
    words: `_RESTATED_SHARE`). Never for a text mostly in a script the outcome lists do not
    cover (Cyrillic, Greek, Chinese...): there no outcome can be told apart."""
    letters = [char for char in text if char.isalpha()]
    if not letters or sum(char > "\u024f" for char in letters) * 2 > len(letters):
        return False
    if new_facts(text, had):
        return False
    if {kind for kind, outcome in _OUTCOME.items() if outcome.search(text)} & (
            _stated_outcomes(had)):
        return True
    known, _ = _known_words(had)
    # (the news told, not who told it: `_TOLD_BY`)
    told = _untold_by(text).strip()
    words = _long_words(told)
    return (len(words) >= _RESTATED_WORDS and sum(
        word in known for word in words) >= _RESTATED_SHARE * len(words)) or _leads_again(
            told, known)


# A one-sentence update whose opening clause is at least this share the chat's words (of at
# least `_RESTATED_WORDS` words) restates the lead it had, when the rest of its sentence only
# hangs a comment on that clause: a phrase that opens with one of these, not a clause of its
# own ("…, but the ceremony will move to a new venue", "…, after the producers dropped him").
_LEAD_SHARE = 0.8
_ADJUNCT = re.compile(r"(?:in\s+a\s+move|in\s+what|a\s+move|amid|marking)(?!\w)",
                      re.IGNORECASE)


def _long_words(text: str) -> list[str]:
    """A text's words of four letters or more, in lower case: those that carry its content."""
    return [word.lower() for word, _ in _fact_words(text) if len(word) >= 4]


def _leads_again(told: str, known: frozenset[str]) -> bool:
    """Whether a one-sentence update is the lead the chat had, told again with a comment
    hung on it (reader QA, stop 75 S9: "Comedian Ellen DeGeneres will make her second
    appearance as an Academy Awards host next year, organizers said on Friday, in a move
    widely seen as a less provocative choice for Hollywood's highest honors after a ribald
    performance by Seth MacFarlane.", under "Ellen DeGeneres Returns to Host the Oscars.",
    whose reports had said she would host for a second time next year). What the comment
    adds names nothing new (`new_facts`, asked first), and no clause of its own tells one."""
    if len(_SENTENCE_END.split(told)) > 1:
        return False
    lead, comma, rest = told.partition(",")
    words = _long_words(lead)
    return bool(comma) and _ADJUNCT.match(rest.strip()) is not None and len(
        words) >= _RESTATED_WORDS and sum(word in known for word in words) >= _LEAD_SHARE * len(
            words)


def news_for(story: Story, receipt: Receipt) -> Story:
    """The story as an update to this chat tells it: without the stale reports it never had."""
    had = set(receipt.version.article_ids) if receipt.version else set()
    kept = tuple(a for a in story.articles if a.id in had or not stale(a, receipt, story))
    return story if len(kept) == len(story.articles) else dataclasses.replace(
        story, articles=kept)


def as_led(story: Story, receipt: Receipt, led: Story) -> Story:
    """The story as an update tells it (`news_for`) to a chat whose item led with some of its
    related reports (`briefing.led_view`: `led`, what the chat had of them): those reports and
    what came since, under the headline the item had. The story's own reports the chat had
    under "Related" are not the item's: a new report is news as it tells the event of that
    headline, and related coverage as it tells the story's own."""
    had = set(receipt.version.article_ids) if receipt.version else set()
    left = had - {article.id for article in led.articles}
    news = news_for(story, receipt)
    return dataclasses.replace(news, title=led.title, articles=tuple(
        article for article in news.articles if article.id not in left))


def parted(story: Story, receipt: Receipt) -> bool:
    """Whether reports the chat had with the story are no longer in it: a re-check parted
    them off to a story of their own event (`store.receipts.follow_moves`), or they were
    removed. The story the chat reads of now is not the one whose outlets it was told."""
    had = set(receipt.version.article_ids) if receipt.version else set()
    return bool(had - {article.id for article in (*story.articles, *story.revised)})


def _still_had(story: Story, receipt: Receipt | None) -> Receipt | None:
    """The chat's receipt of the story, unless none of the articles it had are in the story
    now: they all went to other stories, and what is left is news the chat never had, not an
    update of the story it read (a database from before the store forgot such receipts in
    `follow_moves`)."""
    if receipt is None or receipt.version is None:
        return receipt
    # An article corrected since counts as there: the chat is due its correction.
    if set(receipt.version.article_ids) & {article.id for article in (*story.articles,
                                                                       *story.revised)}:
        return receipt
    return None


def _articles_had(receipts: dict[int, Receipt]) -> dict[int, Receipt]:
    """Article id -> the receipt of the story the chat received it with."""
    return {article: receipt for receipt in receipts.values() if receipt.version
            for article in receipt.version.article_ids}


def _moved_here(story: Story, had: Mapping[int, Receipt]) -> Receipt | None:
    """A story the chat never received that holds articles it received with another story (a
    re-check split that story, or moved an article to a story of its own event): to the
    chat it is that story grown, not a new one (found by exploratory QA: a reader got a
    supermarket fire again, same link, as a new story). Its update replies to the message
    that carried those articles; a mute of that story holds for it too. The store moves
    receipts with the articles (`store.receipts.follow_moves`); this covers a receipt
    written after the move for a briefing composed before it, when the story it names is
    among those read."""
    known = [had[article.id] for article in (*story.articles, *story.revised)
             if article.id in had]
    if not known:
        return None
    first = min(known, key=lambda receipt: receipt.received_at)
    return Receipt(story_id=story.id, version=StoryVersion.of(
        story.id, (article.id for article in (*story.articles, *story.revised)
                   if article.id in had)),
        message_id=first.message_id, muted=any(receipt.muted for receipt in known),
        received_at=first.received_at)


@dataclasses.dataclass(frozen=True, slots=True)
class ChatBriefing:
    """The messages a chat is sent, each with the message it replies to and its buttons (JSON),
    and the story versions the chat has once they are sent."""

    parts: tuple[str, ...]
    replies: tuple[int | None, ...]
    buttons: tuple[str | None, ...]
    received: tuple[Received, ...]
    new: int = 0
    updates: int = 0
    # Nothing to send, but the reader's exclusions left stories out: said with "nothing new"
    # (found by review: "Premier League: 1 story, all left out by -sport" came only with news).
    aside: str = ""


def buttons_json(rows: Sequence[tuple[str, str]]) -> str | None:
    return json.dumps([list(row) for row in rows], ensure_ascii=False) if rows else None


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= _BUTTON_TITLE else title[:_BUTTON_TITLE - 1].rstrip() + "…"


def mute_rows(stories: Sequence[Story], language: str | None = None) -> list[tuple[str, str]]:
    words = wording(language)
    mute = words.say("mute")
    # (the language's colon: French writes " : ", reader QA)
    return [(f"🔕 {mute}{words.colon}{_short(story.title)}", f"{MUTE}{story.id}")
            for story in stories]


def without_page_button(rows: Sequence[Sequence[tuple[str, str]]], data: str
                        ) -> list[list[tuple[str, str]]] | None:
    """A message's buttons once its "More" (`data`: a briefing's `MORE…`, or a top-stories
    page's "top:…") was tapped: that button goes, the others stay (its Mute buttons); None when
    `data` is no page's button or the message has it no more.

    QA stop 61 F7: each page kept a More of its own count, three buttons and three counts
    for one rest; the next page carries the one More, with what is left."""
    page = TOP_PAGE.fullmatch(data)
    if not (data.startswith(MORE) or (page is not None and page[1])) or not any(
            d == data for row in rows for _, d in row):
        return None
    kept = [[(text, d) for text, d in row if d != data] for row in rows]
    return [row for row in kept if row]


def toggled_mute(rows: Sequence[Sequence[tuple[str, str]]], data: str,
                 language: str | None = None) -> list[list[tuple[str, str]]] | None:
    """A message's buttons after its Mute (or Unmute) button `data` was tapped: that button
    turns into the other, naming the same story; None when the message has no such button.

    Reader QA (stop 59): a tap on Mute only showed a passing note, the button still read
    "Mute", and a mis-tap could not be undone."""
    kind, _, story = data.partition(":")
    if not any(d == data for row in rows for _, d in row):
        return None
    words = wording(language)
    turned = UNMUTE if f"{kind}:" == MUTE else MUTE

    def labelled(text: str, prefix: str) -> str:
        # The story's name follows the label's colon (in the language the message was
        # written in, which may not be today's); the label is the reader's language now.
        name = text.partition(":")[2].strip() or text.removeprefix("🔕").removeprefix("🔔")
        sign, label = ("🔕", words.say("mute")) if prefix == MUTE else ("🔔", words.say("unmute"))
        return f"{sign} {label}{words.colon}{name.strip()}"

    def button(text: str, d: str) -> tuple[str, str]:
        if d == data:
            return labelled(text, turned), f"{turned}{story}"
        # Its neighbours speak the reader's language too (second QA, stop 60: after
        # /language the tapped button read "Unmute" beside a German "Stumm"), "More" too
        # (QA stop 61 F5: "Mehr (1)" beside English buttons).
        if d.startswith(MORE) and (count := re.search(r"\d+", text)):
            return words.say("more_button", n=int(count.group())), d
        prefix = next((p for p in (MUTE, UNMUTE) if d.startswith(p)), None)
        return (labelled(text, prefix), d) if prefix else (text, d)

    return [[button(text, d) for text, d in row] for row in rows]


def local_day(moment: datetime, timezone: str) -> date:
    """The date at `moment` in a chat's time zone (UTC's when the zone is unknown)."""
    return moment.astimezone(schedule.zone(timezone)).date()


def format_moment(moment: datetime, timezone: str, now: datetime,
                  language: str | None = None, place: str | None = None) -> str:
    """'09:32 Berlin', or '29 November, 09:32 Berlin' if not today there: the zone as its
    button names it, in the reader's words ('14:15 Київ': Telegram QA s56 #6), not its id
    (reader QA, stop 70 T14, as /settings says it), or the city of the place the reader
    named (`Subscriber.place`: '07:30 Lugano')."""
    zone = schedule.zone(timezone)
    if not schedule.known_zone(timezone):
        timezone = "UTC"
    words = wording(language)
    local, today = moment.astimezone(zone), now.astimezone(zone)
    day = "" if local.date() == today.date() else f"{words.day_and_month(local)}, "
    shown = (pickers.localized(place, timezone, words).partition(", ")[0]
             if place and timezone != "UTC" else pickers.zone_shown(timezone, words))
    return f"{day}{local:%H:%M} {shown}"


def top_page(began: datetime, *, every: bool = False) -> str:
    """The data of a top-stories page's "More" button: when the first page began (a Unix
    time: what the chat was sent since is not shown again), and "a" when the pages are of
    the day's top stories on no topic (none was on the reader's)."""
    return f"{TOP_STORIES}:{int(began.timestamp())}{'a' if every else ''}"


def nothing_new(last: datetime | None, timezone: str, now: datetime,
                aside: str = "", language: str | None = None,
                *, place: str | None = None) -> ChatBriefing:
    """Said plainly, with the time of the last briefing, and a button for the top stories
    (which knows when this said there was nothing on the reader's topics all day)."""
    when = None if last is None else format_moment(last, timezone, now, language, place)
    return ChatBriefing(parts=(render_nothing_new(when, aside, language),), replies=(None,),
                        buttons=(buttons_json([(wording(language).say("top_anyway"),
                                                TOP_STORIES if when else TOP_STORIES_SAID)]),),
                        received=())


def topics_of(subscriber: Subscriber | None) -> TopicFilter:
    """A reader's topics, read in the reader's language (a German reader's "Brand" is a
    fire: `topic_words.IN_LANGUAGE`)."""
    if subscriber is None:
        return _parsed("", None)
    return _parsed(subscriber.topics, base_language(subscriber.language))


@functools.lru_cache(maxsize=1024)
def _parsed(text: str, language: str | None) -> TopicFilter:
    # Many readers share a topic list: a 100,000-chat cycle parsed it once per chat (6 s).
    try:
        return parse_topics(text, language)
    except ValueError:
        return TopicFilter()


def _topics_key(topics: TopicFilter) -> str:
    """A topic list as it was read, for the caches of a cycle: not only its words as typed but
    what they were read as. The same words read in two languages are two lists (review, stop
    71: a French reader's "people" is the celebrity branch, an English reader's the word, and
    German "Brand" is a fire; keyed by the words alone, the first reader of a cycle decided
    what the other was matched and led by)."""
    return repr(topics)


class Composer:
    """Composes chats' briefings. Everything that does not depend on what a reader already has
    (briefings of new stories, update summaries, their markup) is made once and shared, so a
    cycle's summaries and LLM calls do not grow with readers."""

    def __init__(self, store: Store, summarizer: Summarizer, *, now: datetime,
                 max_words: int, matcher: TopicMatcher | None = None,
                 max_items: int | None = None, more: bool = False,
                 headed_more: bool | None = None) -> None:
        self._store = store
        self._more = more  # the pages past a briefing's budget: no "nothing new on" lines
        # ...headed "More", unless asked for by /briefing (`headed_more` False: reader QA,
        # stop 70 T13, /briefing after a More page answered "Mehr · 7. Dezember 2026")
        self._headed_more = more if headed_more is None else headed_more
        self._summarizer = summarizer
        self.now = now
        self._max_words = max_words
        self._matcher = matcher  # topic matching by meaning: story vectors kept across cycles
        self.max_items = max_items  # the length budget; the rest behind a "More" button
        # Once a chat's briefing ran out of patience for the LLM, the round's later chats do not
        # wait for it either (a slow model costs the round one patience, not one a chat).
        self._impatient = False
        # ...nor once the round has waited one patience, from its first summary the LLM did
        # not give, without one summary of the LLM's passing its check (`_deadline`).
        self._began: float | None = None
        self._useful = False
        self._new: dict[tuple[object, ...], tuple[Briefing, list[Message]]] = {}
        self._built: dict[tuple[object, ...], Briefing] = {}
        self._updated: dict[tuple[object, ...], str | None] = {}
        self._had: dict[tuple[int, str, int], Story] = {}
        # What a chat had of a story, as its item led with its related reports
        # (`briefing.led_view`), by topic list and story version had; None for most.
        self._led: dict[tuple[str, int, str, int], Story | None] = {}
        # Update headings by story version the chat had, when it had it, language, and the
        # headline of the related reports its item led with (`_leads`).
        self._headings: dict[tuple[int, str, datetime, int, str, str | None, str | None],
                             str] = {}
        self._by_id: tuple[Sequence[Story] | None, dict[int, Story]] = (None, {})
        # Topic matching of a read of the stories, once per distinct topic list: a reader's
        # own work is then only the few stories on their topics.
        # Only the latest read is kept: a cycle of many batches must not hold every read.
        self._read: Sequence[Story] | None = None
        self._reads = 0  # which read that is
        self._matching: dict[str, list[Match]] = {}
        # ... and of each story once per topic list in the whole cycle, however many batches
        # of chats read the stories again: (topic, strength), or None if it does not match.
        # (Not the Match itself: it would hold on to the story of an older read.)
        self._story_match: dict[tuple[str, int, int],
                                tuple[str | None, float, tuple[str, ...]] | None] = {}
        self._seen: dict[int, datetime] = {}
        self._versions: dict[tuple[int, int], StoryVersion] = {}
        # The cycle's read of the stories: the moment it reaches back to, the store's marker
        # of changes then, and the stories; and its last narrower window.
        self._kept: tuple[datetime, tuple[object, ...], list[Story]] | None = None
        self._window: tuple[datetime, list[Story]] | None = None
        # Outlets' usual languages, by the read they were worked out from (`_outlets`).
        self._usual: tuple[list[Story], dict[int, str]] | None = None
        # Whole briefings of chats that are due no updates: readers with the same topics,
        # language and window, who have none of the new stories yet, get the same messages.
        self._told: collections.OrderedDict[tuple[object, ...], ChatBriefing] = (
            collections.OrderedDict())

    async def stories(self, since: datetime) -> list[Story]:
        """Candidate stories: those with an article first seen since the moment.

        Read once per cycle, and again only when the stored stories changed or a batch of
        chats looks back further than the read; a later moment filters that read. (Reading
        the day's stories for every batch of 500 chats took a third of a 100,000-chat tick.)
        """
        moment = since - OVERLAP
        marker = await self._store.stories_marker()
        kept = self._kept
        if kept is None or moment < kept[0] or marker != kept[1]:
            kept = self._kept = (moment, marker, await self._store.stories_seen_since(moment))
            self._window = None
        if moment == kept[0]:
            return kept[2]
        if self._window is None or self._window[0] != moment:
            # The same stories the store would give: those with an article fetched since.
            self._window = (moment, [story for story in kept[2]
                                     if first_seen(story) >= moment])
        return self._window[1]

    async def for_chat(self, *, stories: Sequence[Story], receipts: dict[int, Receipt],
                       topics: TopicFilter, language: str, since: datetime,
                       timezone: str = "UTC", due_at: datetime | None = None
                       ) -> ChatBriefing:
        """What this chat has not had yet, as messages; nothing at all when nothing is new.
        `timezone`: the chat's, whose date heads the briefing; `due_at`: when it was due (its
        patience for the LLM counts from then)."""
        matches = await self._matches(stories, topics)
        described = _topics_key(topics)
        day = local_day(self.now, timezone)
        shared: tuple[object, ...] | None = None
        if not receipts:
            # None of these stories yet: the same briefing as every such reader's of this read.
            shared = (described, language, since, self._reads, day)
            if shared in self._told:
                self._told.move_to_end(shared)
                return self._told[shared]
        due = plan([m.story for m in matches], receipts, since=since, now=self.now,
                   seen=self._seen)
        updates = self._chosen_updates(due.updates, matches)
        leads = await self._leads(updates, topics)
        left_out = await self._left_out(stories, matches, receipts, topics, since,
                                        new={story.id for story in due.new})
        if shared is None and not updates:
            shared = (described, language, since,
                      tuple((story.id, len(story.articles)) for story in due.new),
                      tuple(story.id for story in left_out), day)
            if shared in self._told:
                self._told.move_to_end(shared)
                return self._told[shared]
        told = await self._compose(due, updates, topics, language, since, left_out=left_out,
                                   matched={m.story.id: m for m in matches}, day=day,
                                   carried=self._carriers(updates, receipts, stories, language,
                                                          leads),
                                   leads=leads, due_at=due_at)
        if shared is not None:
            self._told[shared] = told
            while len(self._told) > _SHARED_BRIEFINGS:
                self._told.popitem(last=False)
        return told

    async def _leads(self, updates: Sequence[tuple[Story, Receipt]], topics: TopicFilter
                     ) -> dict[int, Story]:
        """For each update of a story whose item these topics led with its related reports
        (`briefing.led_view`), what the chat had of those reports under their headline: its
        update is judged against them (`as_led`). Worked out once per topic list and story
        version had, not per chat."""
        found: dict[int, Story] = {}
        if not topics.include:
            return found
        described = _topics_key(topics)
        for story, receipt in updates:
            key = (described, story.id, receipt.version.digest if receipt.version else "",
                   len(story.articles))
            if key not in self._led:
                self._led[key] = await led_view(self._earlier(story, receipt), topics,
                                                self._matcher)
            if (led := self._led[key]) is not None:
                found[story.id] = led
        return found

    def _carriers(self, updates: Sequence[tuple[Story, Receipt]], receipts: dict[int, Receipt],
                  stories: Sequence[Story], language: str,
                  leads: Mapping[int, Story]) -> dict[int, tuple[datetime, str, int]]:
        """For an update of a story whose articles the chat had under other stories of the
        read (a re-check split them off, or moved them: `store.receipts.follow_moves`), when
        it had them and the headline it had them under, unless that is the update's own, and
        how many other stories it had them under too. QA, stop 58 F2: a second fire glued to a
        delivered story was split off, and its update came as "Update · Waitrose in Wellington
        catches fire", a headline the reader never had, under the message of another fire's.
        The story it replies under is named first (the message the chat had them in first, if
        not): reports a chat had under two stories, split off together, were named by neither
        (reader QA, stop 71)."""
        found: dict[int, tuple[datetime, str, int]] = {}
        if not updates:
            return found
        # (one index of the read for all its chats: a cycle asks for every chat of a batch)
        if self._by_id[0] is not stories:
            self._by_id = (stories, {story.id: story for story in stories})
        by_id = self._by_id[1]
        for story, receipt in updates:
            # (the articles the chat had of this story and that are in it now: the carrier's
            # receipt names them too, while the carrier itself no longer holds them; the
            # carrier's own update is no split-off's: QA rerun, stop 58, labelled Banstead's
            # update with the Wellington fire's headline)
            had = set(receipt.version.article_ids) if receipt.version else set()
            had &= {article.id for article in story.articles}
            carriers: list[tuple[Story, Receipt]] = []
            came: set[int] = set()
            for other_id, other in receipts.items():
                carrier = by_id.get(other_id)
                if other_id == story.id or carrier is None or other.version is None:
                    continue
                theirs = had & set(other.version.article_ids)
                if theirs and theirs.isdisjoint(article.id for article in carrier.articles):
                    carriers.append((carrier, other))
                    came |= theirs
            # (all the chat had of the story came with the carriers: a story the chat had
            # itself, under its own headline, that a re-check moved a report of another into
            # is not had "as part of" that other: reader QA, stop 71 N3)
            if not had or came != had:
                continue
            carriers.sort(key=lambda pair: (pair[1].message_id != receipt.message_id,
                                            pair[1].received_at))
            carrier, other = carriers[0]
            title = other.title or title_for(self._earlier(carrier, other), language,
                                             offline=self._summarizer.offline)
            if title != self._heading(story, receipt, language, leads.get(story.id)):
                found[story.id] = (other.received_at, title, len(carriers) - 1)
        return found

    async def _left_out(self, stories: Sequence[Story], matches: Sequence[Match],
                        receipts: dict[int, Receipt], topics: TopicFilter,
                        since: datetime, *, new: set[int]) -> tuple[Story, ...]:
        """New stories on the reader's topics that their exclusions removed: a quiet topic
        says so ("Premier League: 1 story, left out by -sport"), not "nothing new" (found
        by reader QA: excluded stories never reached the briefing that explains them)."""
        if not topics.exclude or not topics.include:
            return ()
        kept = {m.story.id for m in matches}
        # Only a topic with nothing new is explained: most chats have none (found by review:
        # worked out for every chat with exclusions, it tripled the cost of a chat).
        telling = {m.topic for m in matches if m.story.id in new}
        if all(topic.label in telling for topic in topics.include):
            return ()
        wider = await self._matches(stories, TopicFilter(include=topics.include))
        # New since the chat was last told anything, not by `plan`'s window alone: a
        # left-out story has no receipt, and one first seen before the last briefing was
        # said again at every briefing (QA stop 61 F6: "1 story, all left out
        # by -sport" of a game three briefings old).
        found = plan([m.story for m in wider if m.story.id not in kept], receipts,
                     since=since, now=self.now, seen=self._seen).new
        told = max((r.received_at for r in receipts.values()), default=None)
        if told is None:
            return found
        return tuple(story for story in found
                     if (self._seen.get(story.id) or first_seen(story)) > told)

    async def _compose(self, due: Plan, updates: Sequence[tuple[Story, Receipt]],
                       topics: TopicFilter, language: str, since: datetime, *,
                       left_out: Sequence[Story] = (),
                       matched: dict[int, Match] | None = None,
                       day: date | None = None,
                       carried: Mapping[int, tuple[datetime, str, int]] | None = None,
                       leads: Mapping[int, Story] | None = None,
                       due_at: datetime | None = None) -> ChatBriefing:
        # A topic with an update below is not "nothing new" (found by reader QA: "Nothing
        # new on: Premier League" above an update of the Arsenal match), nor is one the update
        # is also about (reader QA: "Nothing new on: North Korea." above an update filed
        # under "world" on North Korea's threat to Japan).
        def topics_of(told: Sequence[tuple[Story, Receipt]]) -> frozenset[str]:
            found = [match for story, _ in told if (match := (matched or {}).get(story.id))]
            return frozenset(topic for match in found
                             for topic in (match.topic, *match.also) if topic is not None)

        updated = topics_of(updates)
        # One patience for the chat: its new stories and its updates together (a fast LLM
        # never runs it out, however long the round).
        by = self._deadline(due_at)
        briefing, messages = await self._new_stories(due.new, topics, language, since,
                                                     left_out=left_out, updated=updated, day=day,
                                                     by=by)
        # Each update's text; none for one that tells nothing the chat had not (`new_facts`):
        # its reports count as sources once an update is sent, as stale ones do.
        texts: list[tuple[Story, Receipt, str, Story | None]] = []
        for story, receipt in updates:
            led = (leads or {}).get(story.id)
            text = await self._update_text(story, receipt, language, by=by,
                                           carried=(carried or {}).get(story.id), led=led)
            if text is not None:
                texts.append((story, receipt, text, led))
        if len(texts) < len(updates):
            updates = [(story, receipt) for story, receipt, _, _ in texts]
            if (told_topics := topics_of(updates)) != updated:
                # (a topic whose only update was silent is said to have nothing new again)
                briefing, messages = await self._new_stories(
                    due.new, topics, language, since, left_out=left_out, updated=told_topics,
                    day=day, by=by)
        parts: list[str] = []
        replies: list[int | None] = []
        buttons: list[str | None] = []
        received: list[Received] = []
        by_id = {story.id: story for story in due.new}
        by_id.update((story.id, story) for story, _ in updates)
        # Each story's mute button names it as its message does: a new story by its item's
        # title (offline, when the LLM was too slow for it: review, stop 46 #15), an update by
        # the title the chat has.
        named = shown_titles(briefing)

        def add(message: Message, reply_to: int | None, *, more: int = 0) -> None:
            parts.append(message.text)
            replies.append(reply_to)
            carried = [by_id[i] for i in message.story_ids if i in by_id]
            titles = [named.get(story.id) or title_for(story, language,
                                                       offline=self._summarizer.offline)
                      for story in carried]
            rows = mute_rows([dataclasses.replace(story, title=title)
                              for story, title in zip(carried, titles, strict=True)], language)
            if more:
                # The rest of what is new, past the length budget: the same question again
                # once these are received (so the button needs only the window).
                rows.append((wording(language).say("more_button", n=more),
                             f"{MORE}{int(since.timestamp())}"))
            buttons.append(buttons_json(rows))
            # (with the headline shown: the story's updates reply under it)
            received.extend(Received(self._version(story), len(parts), title)
                            for story, title in zip(carried, titles, strict=True))

        new_count = sum(len(section.items) for section in briefing.sections)
        if new_count:
            for number, message in enumerate(messages, start=1):
                add(message, None, more=briefing.more if number == len(messages) else 0)
        # Updates reply to the message that carried the story before; updates of stories
        # that came in one message travel together, in one reply.
        groups: dict[int | None, list[tuple[str, tuple[int, ...]]]] = {}
        for story, receipt, text, led in texts:
            groups.setdefault(receipt.message_id, []).append((text, (story.id,)))
            named[story.id] = self._heading(story, receipt, language, led)
        for reply_to, units in groups.items():
            for message in pack_units(units):
                add(message, reply_to)
        return ChatBriefing(parts=tuple(parts), replies=tuple(replies), buttons=tuple(buttons),
                            received=tuple(received), new=new_count, updates=len(updates),
                            aside="" if parts else excluded_line(briefing))

    async def top_stories(self, *, topics: TopicFilter, language: str,
                          timezone: str = "UTC", chat_id: int | None = None,
                          began: datetime | None = None, every: bool = False,
                          quiet_said: bool = False) -> ChatBriefing:
        """The latest top stories on the reader's topics, whether the chat had them or not;
        those it had (`chat_id`'s receipts) are said to be (reader QA: the button resent the
        morning's stories as "Your briefing", unmarked, as if they were news). Within the
        length budget, as a briefing (stories QA, stop 58 F9: five stories with
        BRIEFING_ITEMS=2): the rest behind a "More" button (`top_page`) that says when the
        first page `began`; a later page is the top stories the chat was not sent since then,
        so a story muted or a topic added between pages neither skips a story nor repeats one
        (reader QA, stop 59: the fourth story was never shown after a mute on the first page).
        `every`: the pages are of the day's top stories on no topic (none was on the reader's).
        `quiet_said`: the message under the button said so already (QA stop 62 F13: "Nothing
        new on your topics in the last 24 hours." came twice in a row); not said again."""
        since = self.now - FIRST_WINDOW
        stories = [s for s in await self._store.stories_seen_since(since)
                   if s.latest >= self.now - MAX_AGE]
        had = (await self._store.receipts([chat_id], [s.id for s in stories],
                                          first_told=first_told(stories)))[chat_id] if (
            chat_id is not None and stories) else {}
        # Not a story the reader muted (LLM QA, stop 57: muted, it came back ten minutes
        # later among these, with its mute button again), nor the retelling of one (QA stop
        # 78 Q9), nor one an earlier page sent.
        stories = [s for s in stories if not muted_before(s, had) and not (
            s.id in had and (had[s.id].muted or (
                began is not None and had[s.id].received_at >= began)))]
        if every:
            topics = TopicFilter(exclude=topics.exclude)
        # What the chat had comes after what it had not, on every page: the reader asked for
        # news (reader QA, stop 69 S14: after "You have had everything on your topics", the
        # day's top stories opened with three it had, marked so). A later page lists what
        # was not sent since the first, so the order holds across pages.
        later = frozenset(had)
        briefing, _ = await self._new_stories(tuple(stories), topics, language, since,
                                              by=self._deadline(), had=later)
        # Nothing on the reader's topics: the day's top stories, as the button says, said so
        # (reader QA, stop 52 F8: "Latest top stories anyway" answered "No news on your
        # topics", with ten top stories there). Their exclusions still hold.
        instead = bool(topics.include) and began is None and not any(
            section.items for section in briefing.sections)
        # Everything on them the chat had already: the day's top stories too, said so, not the
        # same briefing again with every item "sent to you before" (reader QA, stop 69 R13).
        all_had = bool(topics.include) and began is None and not instead and all(
            match.story.id in had for match in await self._matches(stories, topics))
        if instead or all_had:
            topics, every = TopicFilter(exclude=topics.exclude), True
            briefing, _ = await self._new_stories(tuple(stories), topics, language, since,
                                                  by=self._deadline(), had=later)
            instead = any(section.items for section in briefing.sections)
        briefing = dataclasses.replace(briefing, sections=tuple(
            dataclasses.replace(section, items=tuple(
                dataclasses.replace(item, had=item.story_id in had) for item in section.items))
            for section in briefing.sections))
        # The page's own "More" line would point to /more, which sends what the chat has not
        # had: the button below says how many top stories are left instead (and a topic filed
        # past the page is not pointed to /more either: reader QA, stop 59).
        # A later page, headed "More", does not say again what the first said of quiet topics.
        page_of = dataclasses.replace(briefing, more=0)
        if began is not None:
            page_of = dataclasses.replace(page_of, quiet_topics=(), excluded=(), elsewhere=(),
                                          any_news=True)
        messages = render_html_messages(page_of, day=local_day(self.now, timezone),
                                        top=began is None, more=began is not None,
                                        more_line=False)
        by_id = {story.id: story for story in stories}
        shown = shown_titles(briefing)
        note = "top_all_had" if all_had and instead else "top_instead"
        parts: list[str] = [wording(language).say(note)] if (
            instead and not quiet_said) else []
        buttons: list[str | None] = [None] * len(parts)
        received: list[Received] = []
        last = len(parts) + len(messages)
        for number, message in enumerate(messages, start=len(parts) + 1):
            carried = [by_id[i] for i in message.story_ids if i in by_id]
            parts.append(message.text)
            rows = mute_rows([dataclasses.replace(
                story, title=shown.get(story.id) or story.title) for story in carried], language)
            if briefing.more and number == last:
                rows.append((wording(language).say("more_button", n=briefing.more),
                             top_page(began or self.now, every=every)))
            buttons.append(buttons_json(rows))
            received.extend(Received(version_of(story), number,
                                     shown.get(story.id) or story.title) for story in carried)
        return ChatBriefing(parts=tuple(parts), replies=(None,) * len(parts),
                            buttons=tuple(buttons), received=tuple(received),
                            new=sum(len(section.items) for section in briefing.sections))

    async def _matches(self, stories: Sequence[Story], topics: TopicFilter) -> list[Match]:
        """The stories of this read on these topics, the strongest first."""
        if stories is not self._read:
            self._read, self._matching = stories, {}
            self._reads += 1
        described = _topics_key(topics)
        if described not in self._matching:
            if self._matcher is not None and (topics.include or topics.exclude):
                await self._matcher.prepare(stories, topics.meant)
            found: list[Match] = []
            for story in stories:
                known = (described, story.id, len(story.articles))
                if known not in self._story_match:
                    matched = select([story], topics, self._matcher)
                    self._story_match[known] = ((matched[0].topic, matched[0].strength,
                                                 matched[0].also) if matched else None)
                match = self._story_match[known]
                # Too old to be news by the outlets' dates, however late it was fetched.
                if match is not None and story.latest >= self.now - MAX_AGE:
                    found.append(Match(topic=match[0], story=story, strength=match[1],
                                       also=match[2]))
                    self._seen[story.id] = first_seen(story)
            found.sort(key=lambda m: rank(m, self.now), reverse=True)
            self._matching[described] = found
        return self._matching[described]

    async def _claim(self, story_ids: Sequence[int]) -> Mapping[int, str]:
        # Stamped when made, not when the cycle began: a cycle of many batches runs on, and a
        # claim lapses `CLAIM_HOLDS` after it is made (review, stop 52).
        return await self._store.claim_stories(story_ids, now=self._summarizer.now())

    def _version(self, story: Story) -> StoryVersion:
        key = (story.id, len(story.articles))
        if key not in self._versions:
            self._versions[key] = version_of(story)
        return self._versions[key]

    def _deadline(self, due_at: datetime | None = None) -> float | None:
        """When a chat's briefing begun now stops waiting for the LLM (`Summarizer.wait_until`;
        `due_at`: when a scheduled one was due): at once once a chat of this round ran out of
        patience."""
        by = self._summarizer.wait_until()
        if by is None:
            return None
        now = monotonic()
        # A model that has given this round nothing usable in one patience gives it nothing
        # more: the later chats do not wait for it (reader QA, stop 60 F1: three chats, each
        # under its own patience, came 4 min 39 s late, every summary refused and offline). A
        # model whose answers pass keeps each chat's own patience (review, stop 46), and the
        # patience is counted from the round's first summary the LLM did not give (a big
        # round's chats with nothing to summarize cost the LLM nothing).
        if self._began is not None and not self._useful and now - self._began >= by - now:
            return now
        # ...until the LLM has caught up with what it had begun: it gets another chance
        # (review: one slow wave made every later chat of a big round offline).
        self._impatient = self._impatient and self._summarizer.busy
        if self._impatient:
            return now
        # (the round's rule above reads the whole patience; a chat's own is counted from when
        # it was due)
        return by if due_at is None else min(by, self._summarizer.wait_until(due=due_at) or by)

    def _heard(self, started: float, made: Sequence[tuple[str, str | None]]) -> None:
        """What summaries begun at `started` came to, (engine, fallback) each: whether the LLM
        gave one that passed, or when the round's first it did not give was asked for."""
        self._useful |= any(engine == "llm" and not fallback for engine, fallback in made)
        if self._began is None and any(fallback for _, fallback in made):
            self._began = started

    async def _new_stories(self, stories: Sequence[Story], topics: TopicFilter, language: str,
                           since: datetime, skip: int = 0, *, left_out: Sequence[Story] = (),
                           updated: frozenset[str] = frozenset(), day: date | None = None,
                           by: float | None = None, had: frozenset[int] = frozenset(),
                           ) -> tuple[Briefing, list[Message]]:
        # Stories are the same objects within a read; their article counts tell versions
        # apart across reads (a story only gains articles, or is merged into another).
        key = (_topics_key(topics), language, skip,
               tuple((story.id, len(story.articles)) for story in stories),
               tuple(story.id for story in left_out), tuple(sorted(had)))
        if key not in self._built:
            started = monotonic()
            # `since` is applied here, by first-seen time; build_briefing's own filter (by the
            # outlets' dates) would drop what a late feed delivered.
            self._built[key] = dataclasses.replace(await build_briefing(
                self._store, self._summarizer, topics=topics, since=_EPOCH, now=self.now,
                language=language, max_words=self._max_words, intros=False, stories=stories,
                matcher=self._matcher, max_items=self.max_items, skip=skip,
                tell_quiet=not self._more, left_out=left_out, by=by,
                claim=self._claim, had=had, outlets=self._outlets()), since=since)
            items = [item for section in self._built[key].sections for item in section.items]
            self._impatient |= any(item.fallback == LATE for item in items)
            self._heard(started, [(item.engine, item.fallback) for item in items])
        # Rendered apart from the build: the topics updates told of differ by chat, and a
        # build (the summaries) is shared by every chat of the same stories.
        # The date too: a Sydney reader's 07:00 briefing is dated in Sydney, not in UTC
        # (reader QA: every one of them was headed with the day before).
        shown = (*key, tuple(sorted(updated)), day)
        if shown not in self._new:
            briefing = self._built[key]
            if updated:
                briefing = dataclasses.replace(briefing, quiet_topics=tuple(
                    topic for topic in briefing.quiet_topics if topic not in updated))
            self._new[shown] = (briefing, render_html_messages(
                briefing, more=self._headed_more, day=day))
        return self._new[shown]

    def _outlets(self) -> Mapping[int, str] | None:
        """Each outlet's usual language (`briefing.usual_languages`), by the cycle's whole read
        of the stories: a chat's new stories alone may hold no other report of an outlet whose
        short teaser it has to tell the language of. None before a read (top stories: by those
        it reads itself)."""
        kept = self._kept
        if kept is None:
            return None
        if self._usual is None or self._usual[0] is not kept[2]:
            self._usual = (kept[2], usual_languages(kept[2]))
        return self._usual[1]

    @staticmethod
    def _chosen_updates(updates: Sequence[tuple[Story, Receipt]],
                        matches: Sequence[Match]) -> list[tuple[Story, Receipt]]:
        """Updates of stories on the reader's topics, the strongest first."""
        receipts = {story.id: receipt for story, receipt in updates}
        chosen = [(m.story, receipts[m.story.id]) for m in matches if m.story.id in receipts]
        return chosen[:MAX_UPDATES]

    def _earlier(self, story: Story, receipt: Receipt) -> Story:
        """`earlier`, once per story version a chat had, not per chat: many had the same."""
        had = (story.id, receipt.version.digest if receipt.version else "", len(story.articles))
        if had not in self._had:
            self._had[had] = earlier(story, receipt)
        return self._had[had]

    def _heading(self, story: Story, receipt: Receipt, language: str,
                 led: Story | None = None) -> str:
        """The title an update goes under: the one the chat was shown (`earlier`, in the
        chat's language); or, when the update brings the first report in the chat's
        language of the event that title names, that report's headline at once, as the
        later updates will be headed (QA, stop 58 F4: a German reader's update quoted the new
        German report under the English headline, and the next one was headed by the German
        report's; two headlines for one story, one update apart). `led`: the chat's item led
        with related reports of the story (`_leads`), as its headline was."""
        key = (story.id, receipt.version.digest if receipt.version else "",
               receipt.received_at, len(story.articles), language,
               None if led is None else led.title, receipt.title)
        if key not in self._headings:
            self._headings[key] = self._new_heading(story, receipt, language, led)
        return self._headings[key]

    def _new_heading(self, story: Story, receipt: Receipt, language: str,
                     led: Story | None) -> str:
        offline = self._summarizer.offline
        before = led or self._earlier(story, receipt)
        # The headline the chat was shown, as its receipt keeps it; worked out again only for
        # a receipt from before they were kept. Worked out, it was not always the one shown
        # (reader QA, stop 73 R3: a title mended at sending time, `summaries._uncut`, or one
        # whose reports a re-check moved to another story, came back as the update's heading).
        known = receipt.title or title_for(before, language, offline=offline)
        grown = dataclasses.replace(news_for(story, receipt) if led is None
                                    else as_led(story, receipt, led), title=before.title)
        then = title_for(grown, language, offline=offline)
        had = {article.id for article in before.articles}
        wanted = base_language(language)
        # Only a report's own headline: an opening sentence standing in for a missing one is
        # no headline to switch to, and the summary under it opened with the same sentence
        # (reader QA, stop 73 R3: "Bettie Page, the 1950s pin-up model…, has died." twice,
        # under the reply to "Famous 1950s pin up star Betty Page has died…").
        if then != known and any(article.title == then and article.titled
                                 and article.id not in had
                                 and report_language(article.text) == wanted
                                 for article in grown.articles):
            return then
        return known

    async def _update_text(self, story: Story, receipt: Receipt, language: str, *,
                           by: float | None = None,
                           carried: tuple[datetime, str, int] | None = None,
                           led: Story | None = None) -> str | None:
        """An update's message block; `carried`: when the chat had its articles under another
        story, that story's headline, and how many others it had them under (`_carriers`),
        said so. `led`: the chat's item led
        with related reports of the story (`_leads`): the update is of the event they tell.
        None when it would tell nothing the chat had not (`tells_nothing`)."""
        heading = self._heading(story, receipt, language, led)
        split = parted(story, receipt)
        if led is None:
            before = self._earlier(story, receipt)
            story = news_for(story, receipt)
            # The story this chat knows, under the title it was shown (in the chat's language).
            before = dataclasses.replace(before, title=heading)
        else:
            # (under its own headline: its summary is the one the chat's item had)
            before, story = led, as_led(story, receipt, led)
        story = dataclasses.replace(story, title=heading)
        key = (story.id, version_of(before).digest, version_of(story).digest, language,
               carried, split, heading)
        if key not in self._updated:
            words = max(20, int(self._max_words * UPDATE_SHARE))
            started = monotonic()
            summary = await self._summarizer.summarize_update(
                before, story, language=language, max_words=words, story_words=self._max_words,
                by=by, retitled=led is not None)
            self._impatient |= summary.fallback == LATE
            self._heard(started, [(summary.engine, summary.fallback)])
            item = update_item(before, story, summary, language, parted=split)
            if carried is not None:
                item = dataclasses.replace(item, had_under=carried[:2], as_of=self.now)
            self._updated[key] = None if carried is None and not split and tells_nothing(
                item, before) else render_update_html(item, language=language,
                                                       had_also=carried[2] if carried else 0)
        return self._updated[key]


def shown_titles(briefing: Briefing) -> dict[int, str]:
    """Each story's title as its item shows it (in the reader's language; offline when the
    LLM was too slow for it), for the buttons under its message."""
    return {item.story_id: item.title for section in briefing.sections for item in section.items}


def update_item(before: Story, after: Story, summary: Summary, language: str, *,
                parted: bool = False) -> BriefingItem:
    """An update as a briefing item: what is new, and links to the new articles. What tells
    another event is shown as related, as in a briefing, not as news of this story; it is
    still sent (the test that tells events apart errs both ways: 7% of same-event articles
    on held-out news, and such an article may be the story's only news).

    `parted`: reports the chat had with the story have left it (`parted`). The story's count
    then is of other reports than the count the chat was told, and may be lower: the update
    counts its new outlets only, and says so ("Courier Online · 1 new source": reader QA,
    stop 70 T11: "5 sources", then an update's "Courier Online · 4 sources in all", the count
    dropped without a word, as if news; stop 71: a bare "1 source" read as the story shrunk).
    An outlet the chat was shown is not counted new (stop 78 Q6)."""
    had = {a.id for a in before.articles}
    fresh = [a for a in after.articles if a.id not in had]
    # Nothing but corrections by their outlets of articles the reader had: said so.
    corrected = bool(fresh) and {a.id for a in fresh} <= {
        a.revised_by for a in before.articles if a.revised_by is not None}
    told = update_news(after, fresh)
    sources, related = links(fresh, {a.id for a in fresh} - {a.id for a in told},
                             summary=summary.text)
    related = tuple(_with_lead(link, fresh) for link in related)
    # Not the heading again as its first sentence (reader QA, stop 73 R3); the heading itself
    # stays the one of the message it replies to, cut or not.
    heading, text = headed(after.title, summary.text)
    if heading != after.title:
        text = summary.text
    if not text and told:  # headlines only, or nothing the reader did not have: who reports what
        # The reader's language first (reader QA: an English reader's update was an Italian
        # headline, though an English one had come too).
        wanted = language.split("-", maxsplit=1)[0].lower()
        ordered = sorted(told, key=lambda a: detect_language(f"{a.title}. {a.text[:500]}")
                         != wanted)
        words = wording(language)
        titles = words.semicolon.join(dict.fromkeys(a.title for a in ordered[:3]))
        # A headline ending its sentence (or cut with "…") takes no second full stop (reader
        # QA: "…the only Jewish….").
        text = (words.say('corrected_reports' if corrected else 'new_reports') + words.colon
                + titles + ("" if titles.endswith(("…", ".")) or extractive.ends_a_sentence(titles)
                            else "."))
    # Only outlets the reader was not shown with the story are new to it: an outlet whose
    # report it had, with another report now, is not (reader QA, stop 78 Q6: after `sources
    # remove` took a report the reader had, "Wire One · 1 new source" of an outlet of its
    # first briefing). With none new, the count is of the story now, "in all".
    new_outlets = {link.name for link in sources} - {a.source_name for a in before.articles}
    counts_new = parted and bool(new_outlets)
    return BriefingItem(
        story_id=after.id, title=after.title, summary=text, basis=summary.basis,
        sources=sources, source_count=len(new_outlets) if counts_new else event_outlets(after),
        engine=summary.engine, fallback=summary.fallback, updated_at=after.updated_at,
        language=None if summary.language == language else summary.language, related=related,
        corrected=corrected, links_new_only=True, counts_new=counts_new)


def tells_nothing(item: BriefingItem, before: Story) -> bool:
    """Whether an update (`update_item`) of the story as a chat had it (`before`) tells it no
    fact its reports did not (`repeats_only`): no correction of a report it had, no report of
    another event shown as related, and news that names nothing new and restates what it
    had. Such an update is not sent; its reports join the story's count silently, with the
    next update that is."""
    if not item.summary or item.corrected or item.related:
        return False
    had = [before.title, *(part for article in before.articles
                           for part in (article.title, article.text))]
    return repeats_only(item.summary, had)


# A related article's opening in an update, at most this many words.
_LEAD_WORDS = 30


def _with_lead(link: RelatedLink, fresh: Sequence[Article]) -> RelatedLink:
    """A related link with its article's opening sentence (what its headline does not show)."""
    article = next((a for a in fresh if related_title(a) == link.title
                    and a.source_name == link.name), None)
    if article is None or article.kind is InputKind.TITLE:
        return link
    for sentence in extractive.opening_sentences(article.text, 2):
        # (what the line's title shows: a sentence shown whole there is no lead: reader QA,
        # stop 73 R7, "…is lucky to…: …be alive after…")
        shown = extractive.unshown(sentence, link.title)
        if shown:
            words = shown.split()
            cut = " ".join(words[:_LEAD_WORDS]) + ("…" if len(words) > _LEAD_WORDS else "")
            return dataclasses.replace(link, lead=balanced_quotes(cut))
    return link


# Double quotation marks, guillemets and curly single quotes (a straight double quote after a
# digit is an inch mark: 13"), and the mark closing each opening one.
_QUOTE_MARK = re.compile(r'(?<!\d)"|[“”„«»‘’]')
_CLOSING = {'"': '"', "“": "”", "”": "”", "„": "“", "«": "»", "»": "«", "‘": "’"}


def balanced_quotes(lead: str) -> str:
    """A lead cut from its article with its quotation marks paired: a quotation the cut (or
    the sentence splitter, at a full stop inside it) left open is closed at its end, and a
    closing mark whose opening one came before the lead is dropped (where the quotation
    began is not known). Reader QA, stop 71: a related line ended `selected "because we want
    the ceremony to be fun.`, its quotation running on in the next sentence. Single quotes
    are paired only when curly: a straight one is an apostrophe as often."""
    marks = _quote_style(lead)
    opened: list[tuple[str, str]] = []  # (its closing mark, family), innermost last
    dropped: set[int] = set()
    for match in _QUOTE_MARK.finditer(lead):
        mark, at = match.group(), match.start()
        family = "single" if mark in "‘’" else "guillemet" if mark in "«»" else "double"
        if _opens(lead, mark, at, marks):
            # (French spaces its guillemets inside: « … »)
            spaced = mark == "«" and lead[at + 1:at + 2].isspace()
            opened.append((" »" if spaced else _CLOSING[mark], family))
            continue
        inner = next((n for n in range(len(opened) - 1, -1, -1) if opened[n][1] == family),
                     None)
        if inner is not None:
            del opened[inner:]  # (a quotation inside it closes with it)
        elif family != "single":  # (a curly apostrophe: don't, leaders', '98)
            dropped.add(at)
    kept = "".join(ch for n, ch in enumerate(lead) if n not in dropped) if dropped else lead
    return kept.rstrip() + "".join(closing for closing, _ in reversed(opened))


def _quote_style(text: str) -> str:
    """The marks that open a quotation in this text: German „…“ and »…«, Swedish ”…”, and
    the English and French “…” and «…»."""
    guillemet = next((ch for ch in text if ch in "«»"), "«")
    double = "„" if "„" in text else "“" if "“" in text else "”"
    return double + guillemet


def _opens(text: str, mark: str, at: int, marks: str) -> bool:
    """Whether a quotation mark opens a quotation (`marks`: those that do, `_quote_style`):
    one that may do both, at a word's start."""
    if mark in ('"', "”", "‘") and (mark != "”" or "”" in marks):
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        # (a curly single quote before a digit is a year's: '98)
        return ((before.isspace() or before in "([{—–-/")
                and not after.isspace() and (mark != "‘" or after.isalpha()))
    return mark in marks


# -- whole chats -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Batch:
    """One read of the stories and of what a batch of chats already has."""

    stories: list[Story]
    receipts: dict[int, dict[int, Receipt]]


async def read_batch(store: Store, composer: Composer,
                     chats: Sequence[Subscriber]) -> Batch:
    earliest = min((since_of(chat, composer.now) for chat in chats), default=composer.now)
    stories = await composer.stories(earliest)
    receipts = await store.receipts([chat.chat_id for chat in chats],
                                    [story.id for story in stories],
                                    seen_since=earliest - OVERLAP, first_told=first_told(stories))
    return Batch(stories=stories, receipts=receipts)


def first_told(stories: Sequence[Story]) -> set[int]:
    """The stories that first told these retellings' events (`muted_before`)."""
    return {story.first_told_id for story in stories if story.first_told_id is not None}


def since_of(subscriber: Subscriber | None, now: datetime) -> datetime:
    """New since the chat's last briefing; a chat's first one looks back a day."""
    if subscriber is None or subscriber.last_briefing_at is None:
        return now - FIRST_WINDOW
    return max(subscriber.last_briefing_at, now - MAX_AGE)


async def briefing_for(composer: Composer, batch: Batch, subscriber: Subscriber, *,
                       now: datetime, since: datetime | None = None) -> ChatBriefing:
    """A scheduled briefing: what is new for the chat, or that nothing is. `since`: new since
    then (default: since the chat's last scheduled briefing, `since_of`)."""
    receipts = batch.receipts.get(subscriber.chat_id, {})
    told = await composer.for_chat(
        stories=batch.stories, receipts=receipts, topics=topics_of(subscriber),
        language=subscriber.language, since=since or since_of(subscriber, now),
        timezone=subscriber.timezone, due_at=subscriber.next_briefing_at)
    if told.parts:
        return told
    return nothing_new(last_told(subscriber, receipts), subscriber.timezone, now, told.aside,
                       subscriber.language, place=subscriber.place)


def last_told(subscriber: Subscriber, receipts: Mapping[int, Receipt]) -> datetime | None:
    """The chat's last briefing of either kind: scheduled, or a /briefing that sent stories."""
    moments = [subscriber.last_briefing_at,
               *(r.received_at for r in receipts.values() if r.version is not None)]
    return max((m for m in moments if m is not None), default=None)

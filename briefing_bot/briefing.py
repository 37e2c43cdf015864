"""The briefing use case: the stories a reader wants, ranked, grouped by topic, summarized.

Summaries are per story, not per reader: a cycle for any number of readers summarizes each new
story once, and each topic's opening line once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import math
import re
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta

from briefing_bot import extractive
from briefing_bot.categories import TopicMatcher
from briefing_bot.cluster import features, story_title
from briefing_bot.models import (
    Article,
    Briefing,
    BriefingItem,
    Elsewhere,
    Excluded,
    InputKind,
    RelatedLink,
    Section,
    SourceLink,
    Story,
    Summary,
)
from briefing_bot.pitch import pitch_page
from briefing_bot.store import Store
from briefing_bot.summaries import (
    EXTRACTIVE,
    Summarizer,
    as_told,
    clause_cut,
    event_outlets,
    readable,
    shown_apart,
    surely_told_in,
    title_article,
    title_for,
    told_by_title,
    told_only_in_others,
)
from briefing_bot.text import (
    base_language,
    is_stop_word,
    may_be_in,
    report_language,
    shown_title,
    stem,
    sure_language,
    title_from_text,
)
from briefing_bot.topics import (
    OTHER_HEADLINE_WHY,
    Match,
    Topic,
    TopicFilter,
    relevance,
    select,
    why_under,
)
from briefing_bot.wording import RELATED_REASON

PER_TOPIC = 5
MAX_ITEMS = 10  # a briefing's length budget; the rest comes with "More"
# A story whose newest report is older than this when it is sent says its date: fetched late
# (a feed added or back after an outage), it is news to the reader but not today's.
OLD_NEWS = timedelta(hours=24)
_CONCURRENT_SUMMARIES = 4


# Within a step of relevance, how far a match is of the topic (a category's lead over the
# runner-up, a free topic's closeness): a story only just of the category (up to this much),
# or taken in by a broad one (world news: a crime story), ranks below one plainly of it
# however many outlets tell it. Among those plainly of it the outlets decide: in bands of
# 0.3 (three of them), one-outlet teasers a little clearer led the business section while
# the three-outlet Keurig and the two-outlet Kors-Jimmy Choo deal waited on later pages
# (reader QA, stop 69 R10, S16).
_BAND = 0.3


def rank(match: Match, now: datetime, language: str | None = None,
         outlets: Mapping[int, str] | None = None) -> tuple[int, int, int, int, int, float]:
    """Higher first: relevance to the topic, then stories that tell news (`tells_news`), then
    (for a reader of `language`) stories not told only in other languages, then stories a
    reader can read on (`_read_on`), then more outlets (of the event the title names) and
    newer. A story with nothing to read on is the reader's own only when surely in their
    language: a teaser of a few words is in none surely, and one in English led an Italian
    reader's world section (`_read_on`). A report too short to tell counts in its outlet's
    usual language (`outlets`: `usual_languages`)."""
    hours = max(0.0, (now - match.story.updated_at).total_seconds() / 3600)
    read_on = _read_on(match.story)
    own = int(language is None or (not told_only_in_others(match.story, language) if read_on
                                    else surely_told_in(match.story, language)))
    if own and language is not None and outlets and not surely_told_in(match.story, language):
        found = _languages_of(match.story, outlets)
        own = int(None in found or base_language(language) in found)
    # Relevance in steps (title mention, category or meaning, text mention) and bands within
    # a step, so that a story with many outlets never outranks one plainly more about the
    # topic: on real news a supermarket fire told by eight outlets, technology by a hair,
    # led the technology section, and local crime taken in by "world news" led that one.
    step = math.floor(match.strength)
    within = match.strength - step
    band = 0 if round(within, 6) <= 0 else 1 if round(within, 6) <= _BAND else 2
    return (step, int(tells_news(match.story)), own, read_on, band,
            math.log1p(event_outlets(match.story)) + math.exp(-hours / 24) + within / 2)


# A report tells news in at least this many words of text beyond what its headline shows (a
# feed's teaser cut short still tells its event: "Connecticut linebacker Alfred Fincher
# matched his career high with 17 tackles and helped the Huskies secure their first…"), or
# under a headline of at least `_NEWS_HEADLINE_WORDS` words.
_NEWS_WORDS = 12
_NEWS_HEADLINE_WORDS = 6


def tells_news(story: Story) -> bool:
    """Whether a story tells an event: one of several outlets does (whose reports the
    clustering found telling one); one of a single outlet does unless every report of it is
    a pitch page (`pitch.pitch_page`), or a text of a few words beyond its headline
    (`_NEWS_WORDS`) under a headline of a few words. Such a story comes after those
    that tell news, of its relevance: reader QA, stop 74 R5, "MOTUS A.D.: A Cootie Burger" /
    "Reflections FROM MOTUS: THE MIRROR OF THE UNITED STATES", a blog's nine words, was the
    second top story of es, pt, nl, pl and tr readers, above six-outlet reports. Moved, not
    hidden. A headline with no text at all is what its outlet gives: not judged."""
    if event_outlets(story) > 1:
        return True
    return any(_report_tells_news(article) for article in story.articles)


def _report_tells_news(article: Article) -> bool:
    if article.kind is InputKind.TITLE or not article.text.strip():
        return True
    return _tells_news(article.title, article.text[:_NEWS_CHARS])


# Of a report's text, its opening is enough to tell (a pitch page says so there too).
_NEWS_CHARS = 1_000


@functools.lru_cache(maxsize=2_048)  # (every reader's briefing ranks the same stories)
def _tells_news(title: str, opening: str) -> bool:
    if pitch_page(opening):
        return False
    if len(title.split()) >= _NEWS_HEADLINE_WORDS:
        return True
    beyond = (extractive.unshown(sentence, title)
              for sentence in extractive.split_sentences(readable(opening)))
    return sum(len(said.split()) for said in beyond if said) >= _NEWS_WORDS


# An outlet's usual language: the one at least this share of its reports (of those surely in
# one, and at least `_USUAL_REPORTS` of them) are in.
_USUAL_SHARE = 0.75
_USUAL_REPORTS = 2
# Its reports read for it, the newest first: enough to tell, cheap for a big outlet.
_USUAL_SAMPLE = 12


def usual_languages(stories: Sequence[Story]) -> dict[int, str]:
    """Each outlet's usual language, by its reports among these stories that tell theirs
    (`sure_language`, with their headlines); else the one its feed declares
    (`Article.source_language`). Reader QA, stop 74 R5: "MOTUS A.D.: A Cootie Burger", nine
    English words of no news, was too short to tell, so it counted as in the reader's own
    language and came second of the top stories for Spanish, Portuguese, Dutch, Polish and
    Turkish readers, without "(in English)"; its outlet writes in English, and says so
    (`<language>en</language>`): a new outlet, or one whose reports are all teasers, has no
    reports that tell."""
    reports: dict[int, list[Article]] = {}
    for story in stories:
        for article in story.articles:
            reports.setdefault(article.source_id, []).append(article)
    usual: dict[int, str] = {}
    for outlet, articles in reports.items():
        told = Counter(found for article in sorted(articles, key=lambda a: a.time,
                                                   reverse=True)[:_USUAL_SAMPLE]
                       if (found := _report_language(article)) is not None)
        if told:
            language, count = told.most_common(1)[0]
            if count >= _USUAL_REPORTS and count >= _USUAL_SHARE * sum(told.values()):
                usual[outlet] = language
        # The declaration only where the reports do not settle it: a feed's is often a
        # template's default ("en-us" on a Spanish site), and reports surely in another
        # language, by the rule above, are the better witness.
        declared = next((a.source_language for a in articles if a.source_language), None)
        if outlet not in usual and declared is not None:
            usual[outlet] = declared
    return usual


def _report_language(article: Article) -> str | None:
    """A report's language as `usual_languages` reads it: with its headline, when sure. Each
    report is asked of by every outlet's sample and every ranking of a cycle: detected once
    (keyed by the text's hash, as `text.report_language` keys its own)."""
    sample = f"{article.title}. {article.text[:2000]}"
    key = (len(sample), hash(sample))
    if key in _LANGUAGE_OF:
        _LANGUAGE_OF.move_to_end(key)
        return _LANGUAGE_OF[key]
    found = _LANGUAGE_OF[key] = sure_language(sample)
    if len(_LANGUAGE_OF) > _LANGUAGES_KEPT:
        _LANGUAGE_OF.popitem(last=False)
    return found


_LANGUAGE_OF: OrderedDict[tuple[int, int], str | None] = OrderedDict()
_LANGUAGES_KEPT = 8192


def _languages_of(story: Story, outlets: Mapping[int, str]) -> frozenset[str | None]:
    """The languages of a story's reports, a report too short to tell its own in its outlet's
    usual one (`usual_languages`); None for one whose outlet has none either."""
    return frozenset(_report_language(article) or outlets.get(article.source_id)
                     for article in story.articles)


def told_in_outlets_language(story: Story, summary: Summary, language: str,
                             outlets: Mapping[int, str]) -> str | None:
    """The language an offline summary that could not tell its own is in: its reports' one,
    by their outlets (`_languages_of`), when they all have the same and it is not the
    reader's; None when the summary says its language (or has none of the reader's to be
    mistaken for), or an LLM wrote it (in the reader's language)."""
    if (summary.engine == EXTRACTIVE and summary.text and summary.language == language
            and not surely_told_in(story, language)
            and sure_language(f"{story.title} {summary.text}") is None):
        found = _languages_of(story, outlets)
        if len(found) == 1 and (only := next(iter(found))) not in (None,
                                                                    base_language(language)):
            return only
    return None


def _read_on(story: Story) -> int:
    """1 for a story with a full report or a link to one; 0 for one told only by teasers or
    headlines that came without a link: its item is a feed's few lines, with nothing to read
    on. Such a story comes after the others of its relevance (reader QA, stop 72 Q11: a
    linkless teaser, "MOTUS A.D.: A Cootie Burger / Reflections FROM MOTUS: THE MIRROR OF THE
    UNITED STATES…", led the world section above full reports of a day's news)."""
    return int(any(a.kind is InputKind.FULL or a.url for a in story.articles))


async def matching(stories: Sequence[Story], topics: TopicFilter,
                   matcher: TopicMatcher | None) -> list[Match]:
    """The stories a topic filter wants, with each story's vector computed once (cached in
    `matcher` for every later reader and cycle). A story an exclusion hits is read again as
    told (`told_again`): a report of another event filed with it does not hide it."""
    if not topics.include and not topics.exclude:
        return select(stories, topics, matcher)
    if matcher is not None:
        await matcher.prepare(stories, topics.meant)
    found = select(stories, topics, matcher)
    if topics.exclude:  # (a filter of exclusions alone too)
        kept = {match.story.id for match in found}
        hit = [match.story for match in select(stories, TopicFilter(include=topics.exclude),
                                               matcher) if match.story.id not in kept]
        found.extend(await told_again(hit, topics, matcher))
    return found


async def told_again(stories: Sequence[Story], topics: TopicFilter,
                     matcher: TopicMatcher | None) -> list[Match]:
    """These stories matched as a briefing tells them (`as_told`): by what a report shown as
    related coverage of another event says, a story is neither hidden by an exclusion nor
    matched as if it said it itself (reader QA, stop 66 N6: an Iran story reached a reader of
    "Iraq" as "mentions Iraq", by its related report of explosives missing there). Such a
    match is kept, last of its topic, its reason saying where it is (`RELATED_REASON`):
    without it that report reached no reader of "Iraq" at all (QA, stop 67 P5); its item
    leads with that report (`led_by_related`: QA, stop 70 T3). Only for
    stories a briefing shows or an exclusion hits: every story's articles compared, a big tick
    stalled (`bench/memory.py`: comparing one outlet's many stories held the event loop for
    half a minute, and the first tick then queued 2 of 100,000 briefings in 900 s)."""
    told = [as_told(story) for story in stories]
    changed = [view for view, story in zip(told, stories, strict=True) if view is not story]
    if matcher is not None and changed:
        await matcher.prepare(changed, topics.meant)
    again = {match.story.id: match for match in select(told, topics, matcher)}
    found: list[Match] = []
    for story, view in zip(stories, told, strict=True):
        match = again.get(story.id)
        if match is not None:
            found.append(match if view is story else dataclasses.replace(match, story=story))
        elif view is not story:
            found.extend(dataclasses.replace(
                whole, strength=_RELATED_STRENGTH, why=whole.why + RELATED_REASON)
                for whole in select([story], topics, matcher))
    return found


def readable_why(why: str, label: str, story: Story, *, shown: Sequence[str],
                 languages: Collection[str]) -> str:
    """A reason as a reader can read it: the word a topic was found by, said in brackets
    beside the reader's ("mentions Grecia (Greece)"), only when the reader reads it, in the
    headline, summary or related coverage shown, or in a report in their language or the
    summary's. A word of a report in another ("Grèce (griechischen)" to French and Spanish
    readers of an English story, from a German report's headline: reader QA, stop 70 U8)
    tells them nothing; the reason names their topic alone then."""
    reason, related = ((why.removesuffix(RELATED_REASON), RELATED_REASON)
                       if why.endswith(RELATED_REASON) else (why, ""))
    for named in (f'"{label}"', label):  # a quoted phrase's why quotes it
        start = reason.find(f"mentions {named} (")
        if not label or start < 0 or not reason.endswith(")"):
            continue
        kept = start + len("mentions ") + len(named)
        written = reason[kept + 2:-1]
        if _reads(written, story, shown, languages):
            return why
        return reason[:kept] + related
    return why


def _reads(written: str, story: Story, shown: Sequence[str], languages: Collection[str]) -> bool:
    """Whether a reader of `languages` reads a word as a story writes it: shown to them, or
    in a report in one of their languages (a report too short to tell: by its headline)."""
    said = re.compile(rf"(?<!\w){re.escape(written)}(?!\w)", re.IGNORECASE)
    if any(said.search(text) for text in shown):
        return True
    for article in story.articles:
        if not (said.search(article.title) or said.search(article.text)):
            continue
        language = report_language(article.text)
        if language in languages or (language is None and any(
                may_be_in(article.title, wanted) for wanted in languages)):
            return True
    return False


# A match by related coverage alone ranks below every match of the story's own words or
# meaning (steps 1 to 3: `topics.relevance`).
_RELATED_STRENGTH = 0.5


async def led_by_related(match: Match, topic: Topic, exclude: Sequence[Topic],
                         matcher: TopicMatcher | None) -> Match | None:
    """A story matched by its related coverage alone (`told_again`), as its item leads for
    this reader: the story's related reports (`shown_apart`) under the headline of those the
    topic matches, chosen as a story's title is (`cluster.story_title`). The briefing then
    summarizes, counts and links them as the event that headline names, and shows the
    story's own as related. Reader QA, stop 70 T3: five outlets' "Hugh Jackman to host the
    Oscars", filed with Ellen DeGeneres's hosting, reached a reader of "Hugh Jackman" as
    "Related" under her headline and a summary of her. The story stays the story (its id,
    what the chat is recorded to have had, its mute button); only the item shows this.
    None when no related report matches by itself (a match of the reports' meaning
    together): the item stays as it is."""
    story = match.story
    apart = shown_apart(story)
    others = tuple(article for article in story.articles if article.id in apart)
    if not others:
        return None
    only = TopicFilter(include=(topic,), exclude=tuple(exclude))
    alone = [dataclasses.replace(story, title=article.title, articles=(article,))
             for article in others]
    if matcher is not None:
        await matcher.prepare(alone, only.meant)
    hits = {id(hit.story): hit for hit in select(alone, only, matcher)}
    said = [(article, hits[id(view)]) for article, view in zip(others, alone, strict=True)
            if id(view) in hits]
    if not said:
        return None
    headline = _headline(story.id, [article for article, _ in said])
    # (the date of an earlier telling is the story's own event's: `retold`)
    view = dataclasses.replace(story, title=headline, articles=others, first_told_at=None,
                               first_told_title=None, revised=())
    if matcher is not None:
        await matcher.prepare([view], only.meant)
    told = select([view], only, matcher)
    # Why as the item shows it, by the reports it leads with (not "in a report under
    # Related": they are its own now).
    why = told[0].why if told else said[0][1].why
    return dataclasses.replace(match, story=view, why=why)


async def led_view(story: Story, topics: TopicFilter, matcher: TopicMatcher | None
                   ) -> Story | None:
    """The story as a briefing on these topics shows it when its item leads with its related
    reports (`led_by_related`): those reports under their headline; None when the item leads
    with the story's own event. An update to a reader who had that item is news of the event
    it led with (`updates.Composer`): a reader of "Argentina" led by "O'Gara drop goal sinks
    Argentina" got the next report of that match as "Related coverage" of the story's own
    title, "Ireland end England's Grand Slam hopes" (the gap left by stop 70 T3)."""
    # (most stories show nothing apart: no match by related coverage alone, at no cost)
    if not topics.include or as_told(story) is story:
        return None
    led, whole = await led_matches(await told_again([story], topics, matcher), topics, matcher)
    return led[0].story if whole else None


# The headlines `led_by_related` chose, by story and reports: each reader of a cycle asks,
# and reading the reports as titles are chosen (`cluster.features`) took 40 ms a story of
# five (the Oscars story of the reader QA data, stop 70). Least recently used first out.
_HEADLINES: OrderedDict[tuple[int, tuple[tuple[int, str, int, str], ...]], str] = OrderedDict()
_HEADLINES_KEPT = 4_096


def _headline(story_id: int, articles: Sequence[Article]) -> str:
    """The headline these reports of a story give, as a story's title is chosen."""
    # (their texts' length and kind too: one process may read two databases, a benchmark's
    # or the tests', whose ids name other texts: `summaries.title_for`)
    key = (story_id, tuple((a.id, a.title, len(a.text), a.kind.value) for a in articles))
    found = _HEADLINES.get(key)
    if found is None:
        found = _HEADLINES[key] = story_title([
            features(a.title, a.text, a.time, titled=a.titled, kind=a.kind) for a in articles])
        if len(_HEADLINES) > _HEADLINES_KEPT:
            _HEADLINES.popitem(last=False)
    else:
        _HEADLINES.move_to_end(key)
    return found


async def _paged(matches: list[Match], topics: TopicFilter, matcher: TopicMatcher | None,
                 order: Sequence[str | None], *,
                 ranked: Callable[[Match], tuple[float, ...]], broad: Collection[str],
                 per_topic: int, max_items: int | None, skip: int
                 ) -> tuple[list[Match], dict[str | None, list[Match]], list[Match],
                            list[Match], list[Match]]:
    """The matches, grouped by topic, best first, and `_budget`'s page of them, with the
    stories up to the page matched again as told (`told_again`) until those on it hold: a
    story that drops out leaves its place to the next."""
    checked: set[int] = set()
    while True:
        grouped: dict[str | None, list[Match]] = {}
        for match in sorted(matches, key=ranked, reverse=True):
            chosen = grouped.setdefault(match.topic, [])
            if max_items is not None or len(chosen) < per_topic:
                chosen.append(match)
        first = _first_round(grouped, order, broad, ranked, max_items)
        page, rest, up_to_page = _budget(grouped, order, skip, max_items,  # (all without one)
                                         first=first)
        fresh = {match.story.id: match for match in up_to_page if match.story.id not in checked}
        if not fresh or not topics.include:
            return matches, grouped, page, rest, up_to_page
        checked.update(fresh)
        again = {match.story.id: match for match in await told_again(
            [match.story for match in fresh.values()], topics, matcher)}
        if all(again.get(key) == match for key, match in fresh.items()):
            return matches, grouped, page, rest, up_to_page
        matches = [again.get(key, match) for match in matches
                   if (key := match.story.id) not in fresh or key in again]


def _broad(topic: Topic, matcher: TopicMatcher | None) -> bool:
    """Whether a topic is one of the common categories (politics, sport, "Wirtschaft"; a
    joined one with a category's part: "business and finance"), which finds many stories of
    many events; a name, place, firm, phrase or a category's branch ("tennis") is narrow."""
    return bool(topic.categories or any(part.categories for part in topic.parts)
                or (matcher is not None and not topic.parts and topic.branch is None
                    and topic.literal is None and not topic.phrase
                    and matcher.categories_for(topic.label)))


def _first_round(grouped: Mapping[str | None, Sequence[Match]], order: Sequence[str | None],
                 broad: Collection[str], ranked: Callable[[Match], tuple[float, ...]],
                 max_items: int | None) -> list[str | None]:
    """The order in which the topics take their first story of the budget: the reader's own,
    while every topic with stories gets one; when they outnumber the budget, the narrow
    topics first (`_broad`), then the categories, each by its best story as stories are
    ranked (`ranked`: relevance to the topic first, then outlets and recency). Reader QA,
    stop 76 T7: a reader of ten categories and sixteen names (Berlin, Merkel, Lufthansa, Hugh
    Jackman...) got one story of each category and every name in "more stories on your
    topics (also Berlin, Greece, ...)": the names a reader types are what they follow most
    closely, and a category has news every day. By their stories, not the order typed: the
    last names of a long list would otherwise never have a place, whatever their news. A
    quarter of the budget stays the categories' (their best stories) when names fill it."""
    found = [topic for topic in order if grouped.get(topic)]
    if max_items is None or len(found) <= max_items:
        return list(order)
    # (a stable sort: on a tie, the reader's order)
    narrow, wide = ([topic for topic in found if (topic in broad) == is_broad]
                    for is_broad in (False, True))
    narrow.sort(key=lambda topic: ranked(grouped[topic][0]), reverse=True)
    wide.sort(key=lambda topic: ranked(grouped[topic][0]), reverse=True)
    # A quarter of the budget stays the categories' when the reader follows any (lead's
    # choice, stop 76: ten names with news took every place, and a reader of "politics"
    # and "world" had none of the day's main news).
    keep = min(len(wide), max_items // 4)
    room = max_items - keep
    return narrow[:room] + wide[:keep] + narrow[room:] + wide[keep:]


def _budget(grouped: Mapping[str | None, Sequence[Match]], order: Sequence[str | None],
            skip: int, max_items: int | None, *, first: Sequence[str | None] | None = None
            ) -> tuple[list[Match], list[Match], list[Match]]:
    """Round-robin over the topics, best first, so every topic gets its share of the budget
    (its first story in the order `first`, by default `order`: `_first_round`); returns the
    page's matches (after `skip`), those left after it, and those up to its end (this page's
    and the pages' before it)."""
    queue: list[Match] = []
    depth = max((len(grouped.get(topic, [])) for topic in order), default=0)
    for level in range(depth):
        queue.extend(grouped[topic][level] for topic in (order if level or first is None
                                                         else first)
                     if len(grouped.get(topic, [])) > level)
    end = len(queue) if max_items is None else skip + max_items
    return queue[skip:end], queue[end:], queue[:end]


def _waiting(told: Sequence[Match], rest: Sequence[Match],
             order: Sequence[str | None] = ()) -> tuple[str, ...]:
    """Topics with stories, all of them past this page and none on it or a page before:
    named with "more", not left unsaid (reader QA, stop 50: of twelve topics, health and
    science had stories and were not mentioned at all in a briefing of ten). In `order`
    when given (the reader's, names first: a list in the order its stories ranked read as
    no order at all), else as they come."""
    shown = {match.topic for match in told}
    found = dict.fromkeys(match.topic for match in rest
                          if match.topic is not None and match.topic not in shown)
    place = {topic: number for number, topic in enumerate(order)}
    return tuple(sorted(found, key=lambda topic: place.get(topic, len(place))))


def link_order(story: Story, title: str | None = None) -> list[Article]:
    """A story's articles in the order their outlets' links should take: the one that gave
    the title first (`title`: the one the reader is shown, when not the story's own), then the
    newest (reader QA: under a fifth day's headline, its outlet's link opened the first day's
    article)."""
    anchor = title_article(title or story.title, [a.title for a in story.articles],
                           [a.text for a in story.articles]) if story.articles else 0
    rest = sorted((a for n, a in enumerate(story.articles) if n != anchor),
                  key=lambda a: a.time, reverse=True)
    return [story.articles[anchor], *rest] if story.articles else []


def links(articles: Sequence[Article], others: Collection[int], *, summary: str = ""
          ) -> tuple[tuple[SourceLink, ...], tuple[RelatedLink, ...]]:
    """Links to a story's articles: one for each outlet telling the event of its title, and
    one for each article of `others` (filed with the story, telling another event), under its
    own headline. One outlet's copies of one headline are one related link.

    An outlet with several articles is linked by the one the `summary` quotes most, else by
    its first: a reader who follows the link finds what the summary said (reader QA, stop 48:
    an update quoted "a pregnant woman" from one of an outlet's reports and linked the other).
    """
    quoted = _quoted_sentences(summary)
    seen: dict[str, tuple[tuple[bool, int], SourceLink]] = {}
    # (an outlet's place is its first article's: the headline's outlet first, then the
    # outlets the summary quotes, then the rest, as `articles` orders them)
    related: dict[tuple[str, str], RelatedLink] = {}
    for article in articles:
        if article.id in others:
            title = related_title(article)
            related.setdefault((title, article.source_name), RelatedLink(
                title, article.source_name, article.url))
            continue
        # An article with a link first (review: a quoted one without left the outlet unlinked).
        rank = (article.url is not None, _quotes(article.text, quoted) if quoted else 0)
        kept = seen.get(article.source_name)
        if kept is None or rank > kept[0]:
            # (dicts keep the outlet's first place when its link changes)
            seen[article.source_name] = (rank, SourceLink(article.source_name, article.url))
    # The outlets the summary quotes come before the others: only the first `compose.
    # MAX_LINKS` are shown, and a German reader's summary, quoted from the German report of a
    # story of six outlets, had no link to it (reader QA, stop 58 F3: it was the oldest).
    outlets = list(seen.values())
    order = sorted(range(len(outlets)), key=lambda n: (n > 0 and not outlets[n][0][1], n))
    return tuple(outlets[n][1] for n in order), tuple(related.values())


# A headline made whole from the opening sentence it was cut from, at most this many words.
_WHOLE_WORDS = 40
# An opening sentence this short that names nothing is a quip or a teaser's line, no headline.
_QUIP_WORDS = 10


def headed(title: str, summary: str) -> tuple[str, str]:
    """An item's headline and summary as a reader is shown them, neither saying the other:
    a headline cut from a sentence ("…is lucky to…") whose summary goes on with its end
    ("…be alive after two horrific nights…") shown whole, once, as the headline (reader QA,
    stop 73 R7: a one-sentence report read as a cut headline and its tail); and a summary
    that opens with the headline again without it (R3)."""
    sentences = extractive.split_sentences(summary)
    if title.endswith("…") and sentences and not sentences[0].startswith("…") and (later := next(
            (sentence for sentence in sentences[1:] if _rest_of_a_sentence(sentence)
             and sentence in summary), None)):
        # The headline's rest (`extractive.unshown`) said after another report's sentence
        # reads as a broken one (QA stop 78 Q4: "The situation there is dire… …venture into
        # the high valleys of the Himalaya."): it goes first, where it completes the headline.
        where = summary.find(later)
        others = f"{summary[:where].rstrip()} {summary[where + len(later):].lstrip()}"
        summary = f"{later} {others.strip()}"
        sentences = [later, *(sentence for sentence in sentences if sentence is not later)]
    first = sentences[0] if sentences else ""
    at = summary.find(first) if first else -1
    if at < 0:
        return title, summary
    rest = summary[at + len(first):].strip()
    if title.endswith("…") and first.startswith("…"):
        stem, tail = title.removesuffix("…").rstrip(), first.removeprefix("…").lstrip()
        if clause_cut(f"{stem}, {tail}") == len(stem):
            # Cut at a clause's end already, its comma left out ("…beschlossen…" over "…das
            # nach Angaben…": reader QA S10, stop 77): as it is.
            return title, summary
        whole = f"{stem} {tail}"
        # A sentence longer than a headline is cut at a clause's end, not at a word, and its
        # rest said as the summary's opening (reader QA, stop 74 R11: bold headlines of 30-45
        # words, "Liberal MP Mauril Belanger is losing his own singing voice but that's not
        # stopping him from trying for a second time -- to change the English lyrics…").
        if (cut := clause_cut(whole)) is not None:
            return (f"{whole[:cut].rstrip(' ,;:–—-')}…",
                    f"…{whole[cut:].lstrip(' ,;:–—-')} {rest}".rstrip())
        if len(whole.split()) <= _WHOLE_WORDS:
            return whole, rest
    elif _said(first) == _said(title):
        return title, rest
    return title, summary


def _rest_of_a_sentence(sentence: str) -> bool:
    """Whether a summary's sentence is the rest of one cut short ("…venture into the high
    valleys."): words after its "…", going on in small letters, not a lone "…" (review, stop
    78: the headline lost its "…") nor an elided quotation's "…And that is all"."""
    rest = sentence.removeprefix("…").lstrip()
    return sentence.startswith("…") and rest[:1].islower() and len(rest.split()) >= 2


def _said(sentence: str) -> str:
    """A sentence as words, for telling whether two say the same."""
    return " ".join(re.findall(r"\w+", sentence.casefold()))


def related_title(article: Article) -> str:
    """A related report's headline as its line shows it: its own; for a report that came
    without one, its opening sentence whole when it is all the report says (not cut, with the
    rest in a lead: reader QA, stop 73 R7), and not an opening that is a quip naming nothing (R6:
    "If only he'll wear those gold lame pants." as the title of a report of Hugh Jackman
    hosting the Oscars), but the sentence after it."""
    title = shown_title(article.title, article.text)
    if article.titled:
        return title
    opening = extractive.split_sentences(article.text[:2000])[:3]
    if not opening:
        return title
    first = opening[0]
    if (len(first.split()) < _QUIP_WORDS and not _names_in("", first) and len(opening) > 1
            and not any(ch.isdigit() for ch in first)):
        after = article.text[article.text.find(opening[1]):]
        return title_from_text(after) or title
    cut = title.removesuffix("…").rstrip()
    # (only a report of that one sentence: a longer one's line stays a headline's length)
    if (title.endswith("…") and len(opening) == 1 and first.startswith(cut)
            and len(first.split()) <= _WHOLE_WORDS):
        return first
    return title


def kin(story: Story, apart: Collection[int]) -> frozenset[int]:
    """Of a story's reports told apart as another event (`shown_apart`), those related to its
    own: sharing a name (a person, place, body or thing written with a capital) in their
    headlines and openings. One shared common word is no relation (reader QA, stop 73 R6:
    "Glory Comes Amid Empty Seats and Closed Shutters", of Athens in 2004, showed "Small
    businesses shutter amid coronavirus pandemic" as related). The others are not shown
    with it."""
    if not apart:
        return frozenset()
    own = [a for a in story.articles if a.id not in apart]
    named = set().union(*(_names_in(a.title, a.text[:1500]) for a in own))
    return frozenset(a.id for a in story.articles
                     if a.id in apart and _names_in(a.title, a.text[:1500]) & named)


_NOT_NAMES = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|"
                        r"April|June|July|August|September|October|November|December|I['’]?\w*")
_WORD_EDGES = "\"'“”‘’«»„()[]{},.;:!?…-–—*"


@functools.lru_cache(maxsize=8192)
def _names_in(title: str, text: str) -> frozenset[str]:
    """The names a headline and the first three sentences of a text say: words written with a
    capital, in the headline any, in a sentence not its first (which has one anyway), but
    not a day's or a month's or a function word; as stems ("Oscars" is "Oscar")."""
    found: set[str] = set()
    parts = [(title, 0), *((s, 1) for s in extractive.split_sentences(text)[:3])]
    for part, skip in parts:
        for written in part.split()[skip:]:
            word = written.strip(_WORD_EDGES).removesuffix("'s").removesuffix("’s")
            if (len(word) < 3 or not word[0].isupper() or _NOT_NAMES.fullmatch(word)
                    or is_stop_word(word.lower())):
                continue
            found.add(stem(word.lower()))
    return frozenset(found)


def _item_links(story: Story, title: str, summary: str
                ) -> tuple[tuple[SourceLink, ...], tuple[RelatedLink, ...]]:
    """A briefing item's links: the headline shown's report first (a German reader's German
    headline's: reader QA stop 58 F3); a report told apart that shares no name with the
    story's own is not shown as related (`kin`)."""
    apart = shown_apart(story)
    kept = kin(story, apart)
    return links([a for a in link_order(story, title) if a.id not in apart or a.id in kept],
                 kept, summary=summary)


def _quoted_sentences(summary: str) -> list[str]:
    return [" ".join(sentence.split()) for sentence in extractive.split_sentences(summary)
            if len(sentence.split()) >= 4]


def _quotes(text: str, sentences: Sequence[str]) -> int:
    flat = " ".join(text.split())
    return sum(1 for sentence in sentences if sentence.strip("… ") in flat)


async def _claimed(wanted: list[Match],
                   claim: Callable[[Sequence[int]], Awaitable[Mapping[int, str]]]) -> list[Match]:
    """Received from now on: a re-check while the summaries are written keeps their titles
    (reader QA, stop 51); one that renamed a story since it was read is seen here."""
    titles = await claim([match.story.id for match in wanted])
    return [dataclasses.replace(match, story=dataclasses.replace(
        match.story, title=titles[match.story.id]))
        if titles.get(match.story.id, match.story.title) != match.story.title else match
        for match in wanted]


async def led_matches(wanted: Sequence[Match], topics: TopicFilter, matcher: TopicMatcher | None
                      ) -> tuple[list[Match], dict[int, Story]]:
    """The matches, each of a story matched by its related reports alone led by them
    (`led_by_related`), and those stories as they are: their own event is shown as related.
    (`stories --topics` lists them so too: an operator checking a reader's topics saw the
    story's own title "in a report under Related" where the reader got an item led by those
    reports: reader QA, stop 71.)"""
    by_label = {topic.label: topic for topic in topics.include}
    whole: dict[int, Story] = {}
    found: list[Match] = []
    for match in wanted:
        followed = by_label.get(match.topic or "")
        led = None if followed is None else (
            await led_by_related(match, followed, topics.exclude, matcher)
            if match.strength == _RELATED_STRENGTH
            else await _led_for_both(match, followed, topics, matcher))
        if led is None and followed is not None:
            led = led_by_unshown(match, followed, topics.exclude)
        if led is not None:
            whole[match.story.id] = match.story
        found.append(led or match)
    return found, whole


# How a match's reason begins when the headline shown says the topic (`topics._headline_why`).
_TITLE_WHY = "title "


def led_by_unshown(match: Match, topic: Topic, exclude: Sequence[Topic]) -> Match | None:
    """A story matched by the headline of a report its item would neither show nor link
    ("another report's headline mentions…": one outlet's other report, its link going to the
    one that gave the title), as its item leads for this reader: those reports under their
    headline, the story's own as related, as `led_by_related` leads. Reader QA, stop 74 R4:
    a reader of "basketball" got "US team stumbles" (Marion Jones, track and field) by a
    teaser of the same outlet on the US basketball team, which no reader was shown. None when
    a report whose headline says the topic is shown or linked (another outlet's, its only
    one), or none says it by its headline alone."""
    story = match.story
    if not match.why.startswith(OTHER_HEADLINE_WHY) or len(story.articles) < 2:
        return None
    told = as_told(story)
    # (each outlet's report its link goes to, as `links` chooses them)
    shown = {link.url for link in links(link_order(told), ())[0]}
    only = TopicFilter(include=(topic,), exclude=tuple(exclude))
    # (by its words alone, as "another report's headline" was found: no vectors)
    said = [article for article in told.articles if any(
        hit.why.startswith(_TITLE_WHY) for hit in select(
            [dataclasses.replace(story, title=article.title, articles=(article,))], only, None))]
    if not said or any(article.url in shown for article in said):
        return None
    view = dataclasses.replace(story, title=_headline(story.id, said), articles=tuple(said),
                               first_told_at=None, first_told_title=None, revised=())
    again = select([view], only, None)
    return dataclasses.replace(match, story=view, why=again[0].why if again else match.why)


async def _led_for_both(match: Match, topic: Topic, topics: TopicFilter,
                        matcher: TopicMatcher | None) -> Match | None:
    """A story matched by its own event under `topic`, whose related reports alone tell
    another of the reader's topics (`led_by_related`) and, under their headline, `topic` as
    well: its item leads with them, and the story's own event is the first of its related.
    Reader QA, stop 72 Q7: a reader of "Oscar" and "Hugh Jackman" got "Ellen DeGeneres
    Returns to Host the Oscars" under Oscar, Jackman's hosting only among its related, and
    "Hugh Jackman: see Oscar above", which pointed to her; a reader of "Hugh Jackman" alone
    had the Jackman item, and its update. None when the item stays as it is (most stories:
    nothing shown apart, or no other topic of the reader's is told by it alone)."""
    others = [other for other in topics.include
              if other.label != match.topic and other.label not in match.also]
    if not others or as_told(match.story) is match.story:
        return None
    for other in others:
        led = await led_by_related(
            Match(topic=other.label, story=match.story, strength=_RELATED_STRENGTH),
            other, topics.exclude, matcher)
        if led is None:
            continue
        only = TopicFilter(include=(topic,), exclude=topics.exclude)
        if matcher is not None:
            await matcher.prepare([led.story], only.meant)
        told = select([led.story], only, matcher)
        if told:
            return dataclasses.replace(match, story=led.story, why=told[0].why)
    return None


def _own_first(filed_with: Story | None, related: tuple[RelatedLink, ...], led: Story
               ) -> tuple[RelatedLink, ...]:
    """An item led by a story's related reports (`led_by_related`), or by reports it would
    not have shown (`led_by_unshown`; `led`: the item's story): the story's own event first
    among its related, a headline each, the one that gave its title first (`link_order`)."""
    if filed_with is None:
        return related
    told = as_told(filed_with)
    leading = {a.id for a in led.articles}
    own = dataclasses.replace(told, articles=tuple(
        a for a in told.articles if a.id not in leading))
    return (*links(link_order(own), {a.id for a in own.articles})[1], *related)


async def build_briefing(
    store: Store, summarizer: Summarizer, *, topics: TopicFilter, since: datetime,
    now: datetime, language: str, max_words: int, per_topic: int = PER_TOPIC,
    progress: Callable[[int, int], None] | None = None, intros: bool = True,
    stories: Sequence[Story] | None = None, matcher: TopicMatcher | None = None,
    max_items: int | None = None, skip: int = 0, tell_quiet: bool = True,
    left_out: Sequence[Story] = (), by: float | None = None,
    claim: Callable[[Sequence[int]], Awaitable[Mapping[int, str]]] | None = None,
    had: Collection[int] = (),
    outlets: Mapping[int, str] | None = None,
) -> Briefing:
    """A briefing of the stories updated since a moment, for one set of topics.

    `stories` lets a caller that builds many briefings read the stories once; `matcher` keeps
    story and topic vectors between readers. With `max_items` (the front ends pass the
    setting), at most that many stories, shared among the topics in turn (the narrow ones'
    first when not every topic can have one: `_first_round`), after the first `skip` (the
    "More" pages), and `Briefing.more` says how many are left; without it, at most
    `per_topic` stories a topic. `tell_quiet` False: no line on topics without stories (a
    "More" page: the briefing before it said so, and the topics it filled have nothing left).
    `left_out`: stories a caller already left out by the reader's exclusions (new to the
    reader, not in `stories`), so that a quiet topic still says what its exclusions removed.
    `by`: when to stop waiting for the LLM (`Summarizer.wait_until`). `claim`: marks the
    stories chosen as received before their summaries are written (`Store.claim_stories`),
    and gives their titles now; a front end that delivers passes it. `had`: ids of stories the
    reader was sent before, ranked after every other (top stories asked for anyway).
    `outlets`: each outlet's usual language (`usual_languages`; by default of `stories`).
    """
    if stories is None:
        stories = await store.stories_since(since)
    else:
        stories = [story for story in stories if story.latest >= since]
    matches = await matching(stories, topics, matcher)
    usual = usual_languages(stories) if outlets is None else outlets
    order: list[str | None] = [t.label for t in topics.include] if topics.include else [None]
    broad = frozenset(topic.label for topic in topics.include if _broad(topic, matcher))
    matches, grouped, page, rest, up_to_page = await _paged(
        matches, topics, matcher, order,
        ranked=lambda m: (int(m.story.id not in had), *rank(m, now, language, usual)),
        broad=broad, per_topic=per_topic, max_items=max_items, skip=skip)
    more = len(rest)
    waiting = _waiting(up_to_page, rest, sorted(order, key=lambda topic: topic in broad))
    on_page = {id(match) for match in page}
    found_any = {topic for topic, found in grouped.items() if found}
    grouped = {topic: [m for m in found if id(m) in on_page]
               for topic, found in grouped.items()}
    wanted = [match for topic in order for match in grouped.get(topic, [])]
    if claim is not None and wanted:
        wanted = await _claimed(wanted, claim)
    wanted, whole = await led_matches(wanted, topics, matcher)

    limit = asyncio.Semaphore(_CONCURRENT_SUMMARIES)
    done = 0
    by_label = {topic.label: topic for topic in topics.include}

    async def summarize(match: Match) -> BriefingItem:
        nonlocal done
        async with limit:
            summary = await summarizer.summarize_story(
                match.story, language=language, max_words=max_words, by=by,
                retitled=match.story.id in whole)
        done += 1
        if progress is not None:
            progress(done, len(wanted))
        story = match.story
        # An offline summary (a fallback) goes under the title the offline engine would give:
        # its reports' language, not a teaser's in the reader's over English sentences (review).
        title = title_for(story, language, offline=summarizer.offline or bool(summary.fallback))
        sources, related = _item_links(story, title, summary.text)
        related = _own_first(whole.get(story.id), related, story)
        title, text = headed(title, summary.text)
        why = readable_why(_why_for_title(match, title, language, by_label),
                           match.topic or "", story,
                           shown=(title, text, *(link.title for link in related)),
                           languages={base_language(language), base_language(summary.language)})
        return BriefingItem(
            story_id=story.id, title=title,
            summary=text,
            basis=summary.basis,
            sources=sources, source_count=event_outlets(story), engine=summary.engine,
            fallback=summary.fallback, updated_at=story.updated_at,
            language=told_in_outlets_language(story, summary, language, usual) or (
                None if summary.language == language else summary.language),
            topic=match.topic, why=why, related=related,
            first_told=story.first_told_at, first_told_title=story.first_told_title,
            published=story.latest if story.latest < now - OLD_NEWS else None,
            latest=story.latest, as_of=now,
            whole=not text and told_by_title(story, title, summary.basis))

    items = await asyncio.gather(*(summarize(match) for match in wanted))
    by_story = {item.story_id: item for item in items}
    sections: list[Section] = []
    quiet: list[str] = []
    for topic in order:
        section_items = tuple(by_story[m.story.id] for m in grouped.get(topic, []))
        if not section_items:
            if topic is not None and topic not in found_any:  # not merely past the budget
                quiet.append(topic)
            continue
        # Per-reader briefings skip the opening lines: their story sets differ by reader, and
        # an LLM line per distinct set would make cost grow with readers.
        intro = None if len(section_items) < 2 or not intros else await summarizer.section_intro(
            topic or "top stories", [(item.title, item.summary) for item in section_items],
            language=language)
        sections.append(Section(topic=topic, intro=intro, items=section_items))
    if not tell_quiet:
        quiet = []
    excluded, elsewhere = await _why_quiet([*stories, *left_out], topics, quiet, matches,
                                           matcher, on_page={match.story.id for match in page})
    told = {entry.topic for entry in excluded} | {entry.topic for entry in elsewhere}
    return Briefing(generated_at=now, since=since, language=language, sections=tuple(sections),
                    quiet_topics=tuple(t for t in quiet if t not in told), more=more,
                    excluded=excluded, elsewhere=elsewhere, waiting=waiting,
                    any_news=bool(stories))


def _why_for_title(match: Match, title: str, language: str, by_label: Mapping[str, Topic]
                   ) -> str:
    """A match's reason, under the title its item shows (`why_under`) when that is not the
    story's own (and "another report's headline" may be the reader's title, by a compound in
    it)."""
    if ((title != match.story.title or match.why.startswith(OTHER_HEADLINE_WHY))
            and (topic := by_label.get(match.topic or "")) is not None):
        return why_under(topic, match.why, title, language)
    return match.why


async def _why_quiet(stories: Sequence[Story], topics: TopicFilter, quiet: Sequence[str],
                     matches: Sequence[Match], matcher: TopicMatcher | None, *,
                     on_page: Collection[int]
                     ) -> tuple[tuple[Excluded, ...], tuple[Elsewhere, ...]]:
    """Quiet topics that did have stories: those the reader's exclusions removed (how many,
    and by which), and those shown under the reader's other topics (a story is shown once).
    Only quiet topics are looked at again: a rare case, and cheap."""
    if not quiet:
        return (), ()
    matcher = matcher or TopicMatcher()
    shown = {match.story.id: match.topic for match in matches}
    excluded: list[Excluded] = []
    elsewhere: list[Elsewhere] = []
    for topic in topics.include:
        if topic.label not in quiet:
            continue
        only = TopicFilter(include=(topic,))  # (as told, as the briefing's own stories)
        alone = [m.story for m in await told_again(
            [m.story for m in select(stories, only, matcher)], only, matcher)]
        under = tuple(dict.fromkeys(label for story in alone
                                    if (label := shown.get(story.id)) and label != topic.label))
        above = tuple(dict.fromkeys(label for story in alone if story.id in on_page
                                    and (label := shown.get(story.id)) and label != topic.label))
        if under:
            # "see X above" names only what is above (review: "see Ruritania, Veloria above"
            # while the Veloria story was with the "More" stories). Said before what the
            # exclusions removed (reader QA: "perros: 1 story, all left out by -deportes"
            # under a Salud section holding the beagles' rescue, which "perros" matches).
            elsewhere.append(Elsewhere(topic=topic.label, under=above or under,
                                       later=not above))
            continue
        # A story the whole filter left out although this topic matches it: an exclusion.
        hidden = [story for story in alone if story.id not in shown]
        if hidden:
            by = tuple(f"-{other.written}" for other in topics.exclude if any(
                relevance(other, story, matcher, excluding=True)[0] for story in hidden))
            excluded.append(Excluded(topic=topic.label, stories=len(hidden), by=by))
    return tuple(excluded), tuple(elsewhere)

"""Typed, frozen data passed between modules; no I/O here."""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime, timedelta

from briefing_bot.urls import shown_location

# A story whose newest article is older than this (by the outlet's date) is not news any more,
# however late its feed delivered it (updates.py); gathering says when new items are.
NEWS_MAX_AGE = timedelta(hours=72)


class InputKind(enum.StrEnum):
    """What a summary of an article can rest on."""

    FULL = "full"  # the article's main text
    TEASER = "teaser"  # only the feed's short description
    TITLE = "title"  # nothing but a headline


class SourceKind(enum.StrEnum):
    """Where a source's articles come from."""

    FEED = "feed"  # an http(s) URL of an RSS, Atom or JSON feed
    FILE = "file"  # a feed file on disk
    DIRECTORY = "directory"  # a folder of article files (.txt, .md, .html)


@dataclasses.dataclass(frozen=True, slots=True)
class Source:
    """A configured source with its fetch bookkeeping."""

    id: int
    location: str
    kind: SourceKind
    title: str | None
    etag: str | None
    last_modified: str | None
    next_check_at: datetime | None
    consecutive_errors: int
    last_error: str | None
    last_success_at: datetime | None
    last_checked_at: datetime | None
    # The language its feed declares (`text.declared_language`): a base code, None if none.
    language: str | None = None

    @property
    def name(self) -> str:
        """What a person calls this source: its title, else where it lives (without the
        password or token its address may carry: logs and chats name sources this way)."""
        return self.title or shown_location(self.location)


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """One item read from a source, before de-duplication and storage."""

    guid: str
    url: str | None
    title: str
    text: str
    kind: InputKind
    published_at: datetime | None
    titled: bool = True  # False: the item had no headline; `title` was made from its text
    posts: tuple[str, ...] = ()  # a live blog's posts, oldest first (`liveblogs`)


@dataclasses.dataclass(frozen=True, slots=True)
class FeedPage:
    """One read of a source: its entries plus the validators for the next conditional GET."""

    entries: tuple[Entry, ...]
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    problems: tuple[str, ...] = ()  # items that could not be read; the rest still count
    language: str | None = None  # the language the feed declares (`text.declared_language`)


@dataclasses.dataclass(frozen=True, slots=True)
class Article:
    """A stored article."""

    id: int
    source_id: int
    source_name: str
    story_id: int | None
    guid: str
    url: str | None
    title: str
    text: str
    kind: InputKind
    published_at: datetime | None
    fetched_at: datetime
    # Set on an earlier version of an article its outlet corrected: the current version.
    revised_by: int | None = None
    titled: bool = True  # False: the item had no headline; `title` was made from its text
    posts: tuple[str, ...] = ()  # a live blog's posts, oldest first (`liveblogs`)
    # The language its outlet's feed declares (`Source.language`), for a report too short to
    # tell its own (`briefing.usual_languages`).
    source_language: str | None = None

    @property
    def time(self) -> datetime:
        """When the article appeared: its own date, else when we first saw it."""
        return self.published_at or self.fetched_at


@dataclasses.dataclass(frozen=True, slots=True)
class Story:
    """Articles from one or more outlets reporting the same event."""

    id: int
    title: str
    first_seen_at: datetime
    updated_at: datetime
    articles: tuple[Article, ...]
    # Category keys an LLM gave it with its summary (categories.told_categories), most
    # fitting first; None until then, and always under the offline engine.
    categories: tuple[str, ...] | None = None
    # When readers were first told its event, if a story of days before told it (retold.py).
    first_told_at: datetime | None = None
    first_told_title: str | None = None  # and the headline it was told by then
    first_told_id: int | None = None  # and the story that told it: muted, it mutes this one
    # Earlier versions of its articles, corrected since by their outlets: not the story's
    # content any more, but what a chat that had them received (updates.earlier).
    revised: tuple[Article, ...] = ()

    @property
    def latest(self) -> datetime:
        """When the newest of its articles appeared."""
        return max((article.time for article in self.articles), default=self.updated_at)

    @property
    def source_count(self) -> int:
        """How many distinct outlets reported this story."""
        return len({article.source_name for article in self.articles})


@dataclasses.dataclass(frozen=True, slots=True)
class SourceOutcome:
    """What one fetch of one source did."""

    source: Source
    new_articles: int = 0
    duplicates: int = 0
    not_modified: bool = False
    error: str | None = None
    problems: tuple[str, ...] = ()
    lasting: bool = False  # the error is one trying again cannot mend (`SourceError.lasting`)
    removed: bool = False  # removed (by an operator) while it was being read: nothing stored
    # Its articles are stored, but the database refused re-filing their stories (a problem
    # says why): a partial failure, for `fetch`'s exit code.
    unfiled: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class FetchReport:
    """What a whole fetch run did, for the summary line and the exit code."""

    outcomes: tuple[SourceOutcome, ...]
    # Stories created by the fetch and still there at its end (a later source's re-check can
    # merge a story an earlier source created, so per-source counts would not add up).
    new_stories: int = 0

    @property
    def new_articles(self) -> int:
        return sum(outcome.new_articles for outcome in self.outcomes)

    @property
    def duplicates(self) -> int:
        return sum(outcome.duplicates for outcome in self.outcomes)

    @property
    def errors(self) -> tuple[SourceOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.error is not None)


@dataclasses.dataclass(frozen=True, slots=True)
class Summary:
    """A summary, with what made it and what it rests on."""

    text: str
    engine: str  # "llm" or "extractive"
    model: str | None
    language: str
    basis: InputKind  # the best input its articles have: full text, teaser or title
    fallback: str | None = None  # why the LLM was not used, when it was wanted
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # A story summary's categories, as the LLM named them in the same answer (not cached
    # with the summary: the story keeps them, see Story.categories).
    categories: tuple[str, ...] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class LLMCall:
    """One request to the LLM, as recorded in the call log."""

    at: datetime
    task: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    duration_ms: int
    cost_usd: float
    error: str | None = None
    rejected: str | None = None  # why the answer check refused the answer (guard.Verdict)


@dataclasses.dataclass(frozen=True, slots=True)
class SourceLink:
    name: str
    url: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class RelatedLink:
    """An article the clustering filed with a story that tells another event than the story's
    title: shown under its own headline, not counted as a source of the story."""

    title: str
    name: str
    url: str | None
    # Its opening sentence, in an update: a development the event test set apart ("Captain
    # of capsized ferry arrested") may be the story's news, and a bare link hid it (reader QA).
    lead: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class BriefingItem:
    """One story in a briefing."""

    story_id: int
    title: str
    summary: str
    basis: InputKind
    sources: tuple[SourceLink, ...]
    source_count: int
    engine: str
    fallback: str | None
    updated_at: datetime
    language: str | None = None  # set when the summary is not in the briefing's language
    topic: str | None = None  # the reader's topic it matched ("why you got this")
    why: str = ""  # how it matched, in a few words
    related: tuple[RelatedLink, ...] = ()  # what tells another event (summaries.other_events)
    # An event readers were first told days before (retold.py), or a story whose newest
    # report is over a day old (briefing.OLD_NEWS): said, so old news is not read as new.
    first_told: datetime | None = None
    first_told_title: str | None = None  # the earlier story's headline, said with it
    # An update of articles the chat had under another story (a re-check split them off):
    # when, and that story's headline (QA stop 61 F1: said as its "earlier story", another
    # event's headline read as this one's past).
    had_under: tuple[datetime, str] | None = None
    published: datetime | None = None
    latest: datetime | None = None  # when its newest report appeared (Story.latest)
    as_of: datetime | None = None  # when the briefing was made: the labels' "4 days ago"
    corrected: bool = False  # an update that is its outlets' corrections of what readers had
    # An update links only its new articles' outlets; `source_count` is the story's: said
    # "in all" when they differ (reader QA, stop 50: "Global Dispatch · 2 sources").
    links_new_only: bool = False
    # ...and only those outlets are counted, "1 new source", when reports the chat had left
    # the story: its count is no longer of the story the chat was told (stop 70 T11).
    counts_new: bool = False
    had: bool = False  # sent to this chat before (top stories it asked for anyway): said
    # No summary, as its title tells all its reports say (`summaries.told_by_title`): "the
    # whole report" (a teaser's: "from the teaser only"), not "headline only".
    whole: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Section:
    """A topic's stories (topic None: everything, when no topics were chosen)."""

    topic: str | None
    intro: str | None
    items: tuple[BriefingItem, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Excluded:
    """A topic of the reader's whose stories were all removed by their exclusions."""

    topic: str
    stories: int
    by: tuple[str, ...]  # the exclusions that removed them, as written ("-sport")


@dataclasses.dataclass(frozen=True, slots=True)
class Elsewhere:
    """A topic of the reader's whose stories are all shown under their other topics (a story
    is shown once, under the topic it fits best)."""

    topic: str
    under: tuple[str, ...]  # those topics, as the reader wrote them
    # All of them past the length budget, with the "More" stories (reader QA: "Top Gun: see
    # entertainment above.", and nothing above was about Top Gun).
    later: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Briefing:
    generated_at: datetime
    since: datetime
    language: str
    sections: tuple[Section, ...]
    quiet_topics: tuple[str, ...]  # topics with nothing new, said plainly
    more: int = 0  # matching stories left out by the length budget (the "More" button)
    # Topics whose every story an exclusion removed ("Six Nations, -sport"), with how many: not
    # "nothing new", which would be untrue.
    excluded: tuple[Excluded, ...] = ()
    elsewhere: tuple[Elsewhere, ...] = ()
    # Topics whose stories are all among the `more` (past the length budget): said with it.
    waiting: tuple[str, ...] = ()
    # Whether the window held any story at all, on the topics or not: "Nothing new since…"
    # says there was no news, which is untrue when only the topics found none (operator QA,
    # stop 52 F15).
    any_news: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Subscriber:
    """A chat that receives briefings, with its preferences."""

    chat_id: int
    chat_type: str
    topics: str
    brief_time: str  # HH:MM, local
    timezone: str  # an IANA name or UTC+HH:MM
    language: str
    paused: bool
    active: bool
    next_briefing_at: datetime | None
    last_briefing_at: datetime | None
    # The place the reader named with /timezone, as the place table labels it ("Lugano, CH",
    # "Milano, IT" in the reader's own name); None: the zone's own city.
    place: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Delivery:
    """One message waiting in (or sent from) the outbox."""

    id: int
    chat_id: int
    cycle: str
    part: int
    text: str
    status: str
    attempts: int
    reply_to: int | None = None  # the Telegram message this one replies to (an update)
    buttons: str | None = None  # JSON rows of [label, callback data] under the message

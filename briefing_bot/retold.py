"""A new story that tells an event readers were told days before.

The clustering joins articles only within its window (72 hours by the outlets' dates): the
same Tesla recall reported again by another outlet four days later became a new story, sent
to readers who had had it as if it were news (reader QA). Once per new story, never per
reader, it is compared with the stories readers received in the last two weeks that have
left the index; when one tells the same event, the new story remembers when readers were
first told it and by which headline, and a briefing marks it "earlier story 4 days ago:
“Tesla recalls…”". The mark names the earlier story rather than calling the new one old
news: a word score cannot always tell a retelling from a sibling event (a rule and its
reversal, reader QA), and with the headline beside it a reader can.

Three steps, each narrower and dearer: the store finds the received stories whose title holds
the start of one of the new story's most distinctive words (`patterns`: a database's LIKE, so
nothing is kept in memory between fetches); of those, the few whose headline shares the most
of those words (`Retellings.candidates`); of those, the one whose first articles score on
average at the bar or above with the new story's, by the clustering's own pair score (as a
story is joined), with a stricter bar than joining: a wrong mark would tell a reader that a
new event is old news. The bar was chosen on the tuning halves of the dev sets, each story
split into an earlier and a later part (`bench/retold.py`): no wrong mark there, and none on
the halves reported. Articles in another language are not compared (their embeddings are
not kept for the older stories).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from briefing_bot.cluster import Features, StoryIndex, features
from briefing_bot.models import Article
from briefing_bot.text import WORD, stem

RETOLD_WITHIN = timedelta(days=14)  # how far back a retold event is looked for
THRESHOLD = 0.30  # mean pair score of the two stories' articles (bench/retold.py)
ARTICLES = 3  # an earlier story's articles compared: its first ones
TITLES = 50  # received stories found by their titles, at most, per new story
_TERMS = 32  # a new story's distinctive terms, one of which an earlier title must have
_PATTERNS = 12  # of those, the most distinctive, looked for in titles by their start
_PATTERN_CHARS = 5  # a stem's start: "recal" finds "recall", "recalls", "Recalled"
_CANDIDATES = 3  # received stories scored in full per new story: those sharing most terms


@dataclasses.dataclass(frozen=True, slots=True)
class Titled:
    """A story readers received, as the store finds it by its title."""

    story_id: int
    title: str
    delivered_at: datetime
    first_told_at: datetime | None  # itself a retelling: when its event was first told
    first_told_title: str | None = None  # and by which headline
    began_at: datetime | None = None  # the date of its first report (None: unknown)
    first_told_id: int | None = None  # itself a retelling: the story that first told it

    @property
    def told_id(self) -> int:
        """The story readers were first told its event by: a chat that muted that story is
        not sent its retellings (reader QA, stop 78 Q9). Itself, for a retelling marked
        before ids were kept (migration 0027) whose first telling was not found: muting it
        still mutes what retells it."""
        if self.first_told_at is not None and self.first_told_at < self.delivered_at:
            return self.first_told_id or self.story_id
        return self.story_id

    @property
    def told_at(self) -> datetime:
        """When readers were first told its event."""
        return min(self.delivered_at, self.first_told_at or self.delivered_at)

    @property
    def told_title(self) -> str | None:
        """The headline readers were first told its event by: a retelling's mark shows it
        beside the date, so a reader can judge what the mark rests on. None for a retelling
        marked before headlines were kept (migration 0017): its own headline is not the one
        of that date (review), and the mark says the date alone."""
        if self.first_told_at is not None and self.first_told_at < self.delivered_at:
            return self.first_told_title
        return self.title


@dataclasses.dataclass(frozen=True, slots=True)
class Told:
    """A received story with its first articles, to be scored."""

    story: Titled
    articles: tuple[Article, ...]


class Retellings:
    """Finds, for new stories, the received story that tells the same event. A fetch makes
    one: an earlier article is read into features at most once in it, nothing after it."""

    def __init__(self, index: StoryIndex, *, threshold: float = THRESHOLD) -> None:
        self._index = index
        self._threshold = threshold
        self._features: dict[int, Features] = {}

    def terms(self, members: Sequence[Features]) -> list[str]:
        """A new story's most distinctive terms, the most distinctive first."""
        ranked: dict[str, int] = {}
        for doc in members:
            for rank, term in enumerate(self._index.distinctive(doc, _TERMS)):
                ranked[term] = min(rank, ranked.get(term, rank))
        return sorted(ranked, key=lambda term: (ranked[term], term))

    def patterns(self, members: Sequence[Features]) -> list[str]:
        """What the store looks for in received stories' titles: the starts of the new
        story's most distinctive terms, and of the words as written that give them in its
        headlines and openings (a German stem drops its umlauts: "zürich" -> "zurich"); a
        start that is no ASCII letter comes capitalised too (SQLite's lower() folds ASCII
        only: review 2)."""
        top = self.terms(members)[:_PATTERNS]
        wanted = set(top)
        starts = [term[:_PATTERN_CHARS] for term in top if len(term) >= 4]
        for doc in members:
            for word in WORD.findall(f"{doc.title} {doc.opening}"):
                lowered = word.lower()
                if len(lowered) >= 4 and stem(lowered, doc.language) in wanted:
                    starts.append(lowered[:_PATTERN_CHARS])
        return [form for start in dict.fromkeys(starts)
                for form in ((start,) if start[0].isascii() else (start, start.capitalize()))]

    def candidates(self, members: Sequence[Features], titled: Iterable[Titled]) -> list[Titled]:
        """Of received stories found by their titles, those worth scoring: begun before these
        articles, with a title sharing the most of their distinctive terms."""
        if not members:
            return []
        terms = set(self.terms(members))
        start = min(doc.time for doc in members)
        language = members[0].language
        shared = sorted(
            (-count, number, story) for number, story in enumerate(titled)
            # Begun before this story, by the dates of the reports of each, or told before it
            # began: a late-fetched older article does not retell what came after it. Not
            # only by when readers were told (QA stop 61 F4): a report published at 07:25
            # and fetched at 07:40 retells a fire readers had at 07:30 from reports of the
            # day before. (Either suffices: an earlier story that is itself a retelling was
            # told before its own reports began; review, stop 62.)
            if min(story.began_at or story.told_at, story.told_at) < start
            and (count := len(terms & set(features(story.title, "", start,
                                                   language=language).terms))))
        return [story for _, _, story in shared[:_CANDIDATES]]

    def earliest(self, members: Sequence[Features], told: Iterable[Told]) -> Titled | None:
        """Of the candidates with their first articles, the story that tells these articles'
        event, if one does: the highest mean pair score at or above the bar."""
        best: tuple[float, Titled] | None = None
        for entry in told:
            if not entry.articles:
                continue
            pairs = [self._index.similarity(doc, self._read(article))
                     for doc in members for article in entry.articles]
            score = sum(pairs) / len(pairs)
            if score >= self._threshold and (best is None or score > best[0]):
                best = (score, entry.story)
        return None if best is None else best[1]

    def _read(self, article: Article) -> Features:
        if article.id not in self._features:
            self._features[article.id] = features(article.title, article.text, article.time,
                                                  titled=article.titled, kind=article.kind)
        return self._features[article.id]

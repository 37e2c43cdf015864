"""A new story that tells an event readers were told days before.

The clustering joins articles only within its window (72 hours by the outlets' dates): the
same Tesla recall reported again by another outlet four days later became a new story, sent
to readers who had had it as if it were news (reader QA). Once per new story, never per
reader, it is compared with the stories readers received in the last two weeks that have
left the index; when one tells the same event, the new story remembers when readers were
first told it, and a briefing marks it "first reported 11 May".

The test is the clustering's own pair score, averaged over the two stories' articles (as a
story is joined), with a stricter bar than joining: a wrong mark would tell a reader that a
new event is old news. The bar was chosen on the tuning halves of the dev sets, each story
split into an earlier and a later part (`bench/retold.py`): no wrong mark there, and none on
the halves reported. Articles in another language are not compared (their embeddings are
not kept for the older stories).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from briefing_bot.cluster import Features, StoryIndex, features
from briefing_bot.models import Article

RETOLD_WITHIN = timedelta(days=14)  # how far back a retold event is looked for
THRESHOLD = 0.30  # mean pair score of the two stories' articles (bench/retold.py)
ARTICLES = 3  # an earlier story's articles compared: its first ones
_TERMS = 32  # a new story's distinctive terms, one of which an earlier headline must have
_CANDIDATES = 5  # earlier stories scored in full per new story: those sharing most terms


@dataclasses.dataclass(frozen=True, slots=True)
class Told:
    """A story readers received: when first, and its first articles."""

    story_id: int
    delivered_at: datetime
    articles: tuple[Article, ...]


class Retellings:
    """Finds, for new stories, the earlier received story that tells the same event.

    Pure but for its memory: an earlier article is read into features at most once (a fetch
    makes one instance), and only when its headline shares a distinctive term with a new
    story; its text is asked for (`wanted`) and given back (`earliest`) by the caller.
    """

    def __init__(self, index: StoryIndex, told: Iterable[Told], *,
                 threshold: float = THRESHOLD,
                 headlines: dict[int, frozenset[str]] | None = None) -> None:
        """`headlines`: article id -> its headline's terms, kept by a caller from one fetch
        to the next (working them out took 5 s a fetch with 2,000 received stories); left
        holding only these stories' articles."""
        self._index = index
        self._threshold = threshold
        self._told = [entry for entry in told if entry.articles]
        known = {} if headlines is None else headlines
        kept = {article.id: known.get(article.id) or _headline_terms(article)
                for entry in self._told for article in entry.articles}
        known.clear()
        known.update(kept)
        self._headlines: list[frozenset[str]] = [
            frozenset().union(*(kept[article.id] for article in entry.articles))
            for entry in self._told]
        self._features: dict[int, Features] = {}

    def candidates(self, members: Sequence[Features]) -> list[Told]:
        """The received stories worth scoring: told before these articles began, with a
        headline that has one of their distinctive terms (those sharing most first)."""
        if not members:
            return []
        terms = set().union(*(self._index.distinctive(doc, _TERMS) for doc in members))
        start = min(doc.time for doc in members)
        shared = sorted((-len(headline & terms), number)
                        for number, headline in enumerate(self._headlines)
                        # Told before this story began: a late-fetched older article does not
                        # retell what came after it.
                        if headline & terms
                        and min(a.time for a in self._told[number].articles) < start)
        return [self._told[number] for _, number in shared[:_CANDIDATES]]

    def wanted(self, candidates: Iterable[Told]) -> list[int]:
        """The candidates' articles whose texts have not been read yet."""
        return [article.id for entry in candidates for article in entry.articles
                if article.id not in self._features]

    def earliest(self, members: Sequence[Features], candidates: Iterable[Told],
                 texts: Mapping[int, str]) -> Told | None:
        """Of the candidates (their texts given by article id), the story that tells these
        articles' event, if one does: the highest mean pair score at or above the bar."""
        best: tuple[float, Told] | None = None
        for entry in candidates:
            pairs = [self._index.similarity(doc, self._read(article, texts))
                     for doc in members for article in entry.articles]
            score = sum(pairs) / len(pairs)
            if score >= self._threshold and (best is None or score > best[0]):
                best = (score, entry)
        return None if best is None else best[1]

    def _read(self, article: Article, texts: Mapping[int, str]) -> Features:
        if article.id not in self._features:
            self._features[article.id] = features(
                article.title, texts.get(article.id, article.text), article.time)
        return self._features[article.id]


def _headline_terms(article: Article) -> frozenset[str]:
    return frozenset(features(article.title, "", article.time).terms)

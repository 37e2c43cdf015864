"""Story clustering: articles about the same event join one story; different events stay apart.

Candidates come from an inverted index over each article's most distinctive words, with every
posting list capped, so finding them costs the same however many articles are indexed (this is
banded LSH with one row per band, computed exactly instead of through MinHash sampling). Each
candidate is then verified: TF-IDF cosine of title and lead, and agreement on names and
numbers, so that two different earthquakes (same topic, other places and magnitudes) stay two
stories.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from datetime import datetime, timedelta

from briefing_bot.text import WORD, detect_language, stem

_TOP_TERMS = 24
_LEAD_WORDS = 800
# The opening words where an event's defining figures (magnitude, rate, score) appear.
_OPENING_WORDS = 40
# Tuned on the human-rated SemEval-2022 pairs and Multi-News clusters (see bench/).
SAME_STORY_COSINE = 0.15
_STRONG_COSINE = 0.55
_MIN_ENTITY_OVERLAP = 0.1
# A word already listed for this many indexed articles lists no more: the candidates an
# article can reach are bounded, so the cost per article does not grow with the index.
_POSTING_CAP = 8
# Articles must share this many distinctive words to be compared at all (fewer when the new
# article has few words, as a title-only item does).
_MIN_SHARED_TERMS = 2
# Upper bound on candidates verified per article (those sharing the most words first).
_MAX_CANDIDATES = 64

_STOPWORDS = frozenset(
    # Function words, reporting verbs and dates: they say nothing about which event it is.
    """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said says say according told new one two three first last year years week weeks day days
time people also may might must would could mr mrs ms dr us via per like just get got make
made many much well back still even including however since around across among another
every any already yet though although told tells monday tuesday wednesday thursday friday
saturday sunday today yesterday tomorrow morning evening night january february march april
may june july august september october november december jan feb mar apr jun jul aug sep
sept oct nov dec percent cent
""".split()  # noqa: SIM905 - a word list reads better as text
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)([^\W\d_][\w'’-]*)")


@dataclasses.dataclass(frozen=True, slots=True)
class Features:
    """What the clustering compares: weighted terms and the names and numbers mentioned."""

    terms: Counter[str]
    entities: frozenset[str]
    time: datetime
    headline_figures: frozenset[str] = frozenset()  # precise numbers in the title and lead


def features(title: str, text: str, time: datetime) -> Features:
    """Terms of the title (weighted double) and lead, and the names and numbers in them."""
    lead = " ".join(text.split()[:_LEAD_WORDS])
    language = detect_language(f"{title}. {lead}") or "en"
    terms: Counter[str] = Counter()
    for weight, part in ((2, title), (1, lead)):
        for raw in WORD.findall(part):
            word = raw.lower().replace("’", "'")
            if word in _STOPWORDS or len(word) < 2:
                continue
            terms[stem(word, language)] += weight
    opening = f"{title}.\n{' '.join(lead.split()[:_OPENING_WORDS])}"
    figures = frozenset(e for e in _entities(opening, language) if "." in e)
    return Features(terms=terms, entities=_entities(f"{title}.\n{lead}", language), time=time,
                    headline_figures=figures)


def _entities(text: str, language: str) -> frozenset[str]:
    """Capitalised words not opening a sentence, and numbers: who, where, how much."""
    starts = {match.start(1) for match in _SENTENCE_START.finditer(text)}
    found: set[str] = set()
    for match in WORD.finditer(text):
        word = match.group(0)
        lowered = word.lower()
        if lowered in _STOPWORDS:
            continue
        if word[0].isdigit():
            digits = word.replace(",", "")
            if len(digits) >= 2 or "." in digits:
                found.add(digits)
        elif word[0].isupper() and match.start() not in starts and len(word) > 1:
            found.add(stem(lowered, language))
    return frozenset(found)


@dataclasses.dataclass(slots=True)
class _Indexed:
    """An indexed article: its features, story, and TF-IDF weights cached at some index size."""

    doc: Features
    story: int
    posted_terms: tuple[str, ...]
    weights: dict[str, float]
    norm: float
    weighed_at: int


class StoryIndex:
    """Recent articles by story, for assigning each new article to a story or a new one."""

    def __init__(self, *, window: timedelta = timedelta(hours=72)) -> None:
        self._window = window
        self._items: dict[Hashable, _Indexed] = {}
        self._df: Counter[str] = Counter()
        self._postings: dict[str, list[Hashable]] = {}
        # The weights `match` computed, kept for the `add` of the same article that follows.
        self._last: tuple[Features, dict[str, float], float] | None = None

    def __len__(self) -> int:
        return len(self._items)

    def _idf(self, term: str) -> float:
        return math.log((len(self._items) + 2) / (self._df[term] + 1)) + 1.0

    def _weights(self, doc: Features) -> tuple[dict[str, float], float]:
        weights = {term: (1 + math.log(count)) * self._idf(term)
                   for term, count in doc.terms.items()}
        return weights, math.sqrt(sum(weight * weight for weight in weights.values()))

    @staticmethod
    def _top_terms(weights: dict[str, float]) -> list[str]:
        return sorted(weights, key=lambda term: (-weights[term], term))[:_TOP_TERMS]

    def _cached(self, item: _Indexed) -> tuple[dict[str, float], float]:
        # IDF drifts as the index grows; re-weigh an article once the index has grown fourfold
        # since, which costs each article O(log n) re-weighings over its life.
        if len(self._items) > 4 * item.weighed_at + 16:
            item.weights, item.norm = self._weights(item.doc)
            item.weighed_at = len(self._items)
        return item.weights, item.norm

    def similarity(self, a: Features, b: Features) -> float:
        """Same-story score in [0, 1]: cosine of TF-IDF terms, vetoed by disagreeing entities."""
        return self._score(a, self._weights(a), b, self._weights(b))

    @staticmethod
    def _score(a: Features, a_weights: tuple[dict[str, float], float],
               b: Features, b_weights: tuple[dict[str, float], float]) -> float:
        (wa, na), (wb, nb) = a_weights, b_weights
        if len(wb) < len(wa):
            wa, wb = wb, wa
        dot = sum(weight * wb[term] for term, weight in wa.items() if term in wb)
        if dot == 0 or na == 0 or nb == 0:
            return 0.0
        cosine = dot / (na * nb)
        if cosine >= _STRONG_COSINE:
            return cosine
        # Reports of one event agree on its figures (a magnitude, a rate): when both open with
        # precise figures and share none, they are two events of the same kind.
        figures_a, figures_b = a.headline_figures, b.headline_figures
        if figures_a and figures_b and not figures_a & figures_b:
            return 0.0
        if len(a.entities) >= 2 and len(b.entities) >= 2:
            shared = len(a.entities & b.entities)
            if shared / min(len(a.entities), len(b.entities)) < _MIN_ENTITY_OVERLAP:
                return 0.0
        return cosine

    def _candidates(self, doc: Features, lists: list[list[Hashable]],
                    needed: int) -> list[Hashable]:
        shared = Counter(itertools.chain.from_iterable(lists))
        found = [key for key, count in shared.items() if count >= needed
                 and abs(self._items[key].doc.time - doc.time) <= self._window]
        if len(found) > _MAX_CANDIDATES:
            found.sort(key=lambda key: -shared[key])
            del found[_MAX_CANDIDATES:]
        return found

    def match(self, doc: Features) -> int | None:
        """The story this article belongs to, or None when it is a new story."""
        weights, norm = self._weights(doc)
        self._last = (doc, weights, norm)
        terms = self._top_terms(weights)
        needed = min(_MIN_SHARED_TERMS, max(1, len(terms) // 4))
        lists = [posting for term in terms if (posting := self._postings.get(term))]
        # First the articles sharing its less common words. A full list belongs to a common
        # word and holds the first articles that used it, the same old candidates for every
        # new article: it is read only when nothing matched without it. As the index grows,
        # more lists fill up; this keeps the work per article from growing with them.
        rare = [posting for posting in lists if len(posting) < _POSTING_CAP]
        phases = [rare, lists] if len(rare) < len(lists) else [lists]
        best_story, best_score = None, SAME_STORY_COSINE
        verified: set[Hashable] = set()
        for phase in phases:
            for key in self._candidates(doc, phase, needed):
                if key in verified:
                    continue
                verified.add(key)
                item = self._items[key]
                score = self._score(doc, (weights, norm), item.doc, self._cached(item))
                if score >= best_score:
                    best_story, best_score = item.story, score
            if best_story is not None:
                break
        return best_story

    def add(self, key: Hashable, doc: Features, story: int) -> None:
        """Index an article under its story."""
        if key in self._items:
            self.discard([key])
        if self._last is not None and self._last[0] is doc:
            _, weights, norm = self._last
        else:
            weights, norm = self._weights(doc)
        self._last = None
        self._df.update(doc.terms.keys())
        posted = []
        for term in self._top_terms(weights):
            posting = self._postings.setdefault(term, [])
            if len(posting) < _POSTING_CAP:
                posting.append(key)
                posted.append(term)
        self._items[key] = _Indexed(doc=doc, story=story, posted_terms=tuple(posted),
                                    weights=weights, norm=norm, weighed_at=len(self._items))

    def discard(self, keys: Iterable[Hashable]) -> None:
        """Forget articles (a write that failed must not leave them matchable)."""
        for key in keys:
            item = self._items.pop(key, None)
            if item is None:
                continue
            for term in item.doc.terms:
                self._df[term] -= 1
                if self._df[term] <= 0:
                    del self._df[term]  # forgotten words must not pile up in a long-lived index
            for term in item.posted_terms:
                posting = self._postings[term]
                posting.remove(key)
                if not posting:
                    del self._postings[term]

    def relabel(self, mapping: dict[int, int]) -> None:
        """Give stories their stored ids once a batch's new stories are written."""
        for item in self._items.values():
            if item.story in mapping:
                item.story = mapping[item.story]

    def prune(self, now: datetime) -> None:
        """Drop articles too old to join any new story."""
        self.discard([key for key, item in self._items.items()
                      if now - item.doc.time > self._window])

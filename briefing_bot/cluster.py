"""Story clustering: articles about the same event join one story; different events stay apart.

Candidates come from MinHash LSH over each article's most distinctive words, so finding them
costs about the same however many articles are indexed. Each candidate is then verified:
TF-IDF cosine of title and lead, and agreement on names and numbers, so that two different
earthquakes (same topic, other places and magnitudes) stay two stories.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from datetime import datetime, timedelta

from datasketch import MinHash, MinHashLSH

_NUM_PERM = 64
_TOP_TERMS = 24
_LEAD_WORDS = 400
# Tuned on the human-rated SemEval-2022 pairs and Multi-News clusters (see bench/).
SAME_STORY_COSINE = 0.15
_STRONG_COSINE = 0.55
_MIN_ENTITY_OVERLAP = 0.2
# One MinHash value per band: two articles become candidates as soon as they share one of
# their distinctive words in some band. Recall matters more here; verification is cheap.
_LSH_BANDS = (32, 1)
# A word in more articles than this says nothing about which story an article tells.
_COMMON_TERM_SHARE = 0.02
_COMMON_TERM_MIN_DF = 50
# Upper bound on candidates verified per article, so a very hot topic stays linear.
_MAX_CANDIDATES = 1000

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
_WORD = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)([^\W\d_][\w'’-]*)")


def _stem(word: str) -> str:
    """A light English stemmer: enough to join plurals and tenses of the same word."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + keep
    return word


@dataclasses.dataclass(frozen=True, slots=True)
class Features:
    """What the clustering compares: weighted terms and the names and numbers mentioned."""

    terms: Counter[str]
    entities: frozenset[str]
    time: datetime


def features(title: str, text: str, time: datetime) -> Features:
    """Terms of the title (weighted double) and lead, and the names and numbers in them."""
    lead = " ".join(text.split()[:_LEAD_WORDS])
    terms: Counter[str] = Counter()
    for weight, part in ((2, title), (1, lead)):
        for raw in _WORD.findall(part):
            word = raw.lower().replace("’", "'")
            if word in _STOPWORDS or len(word) < 2:
                continue
            terms[_stem(word)] += weight
    return Features(terms=terms, entities=_entities(f"{title}.\n{lead}"), time=time)


def _entities(text: str) -> frozenset[str]:
    """Capitalised words not opening a sentence, and numbers: who, where, how much."""
    starts = {match.start(1) for match in _SENTENCE_START.finditer(text)}
    found: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0)
        lowered = word.lower()
        if lowered in _STOPWORDS:
            continue
        if word[0].isdigit():
            digits = word.replace(",", "")
            if len(digits) >= 2 or "." in digits:
                found.add(digits)
        elif word[0].isupper() and match.start() not in starts and len(word) > 1:
            found.add(_stem(lowered))
    return frozenset(found)


# Generating permutations is the slow part of a MinHash; every signature shares one set.
_PERMUTATIONS = MinHash(num_perm=_NUM_PERM, seed=7, scheme="affine32").permutations


class StoryIndex:
    """Recent articles by story, for assigning each new article to a story or a new one."""

    def __init__(self, *, window: timedelta = timedelta(hours=72)) -> None:
        self._window = window
        self._lsh = MinHashLSH(num_perm=_NUM_PERM, params=_LSH_BANDS)
        self._docs: dict[Hashable, Features] = {}
        self._story_of: dict[Hashable, int] = {}
        self._df: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._docs)

    def _idf(self, term: str) -> float:
        return math.log((len(self._docs) + 2) / (self._df[term] + 1)) + 1.0

    def _weights(self, doc: Features) -> dict[str, float]:
        return {term: (1 + math.log(count)) * self._idf(term) for term, count in doc.terms.items()}

    def _signature(self, doc: Features) -> MinHash:
        weights = self._weights(doc)
        common = max(_COMMON_TERM_MIN_DF, _COMMON_TERM_SHARE * len(self._docs))
        distinctive = [term for term in weights if self._df[term] <= common] or list(weights)
        top = sorted(distinctive, key=lambda term: (-weights[term], term))[:_TOP_TERMS]
        signature = MinHash(
            num_perm=_NUM_PERM, seed=7, scheme="affine32", permutations=_PERMUTATIONS)
        signature.update_batch([term.encode("utf-8") for term in top])
        return signature

    def similarity(self, a: Features, b: Features) -> float:
        """Same-story score in [0, 1]: cosine of TF-IDF terms, vetoed by disagreeing entities."""
        wa, wb = self._weights(a), self._weights(b)
        dot = sum(weight * wb[term] for term, weight in wa.items() if term in wb)
        if dot == 0:
            return 0.0
        cosine = dot / (math.sqrt(sum(w * w for w in wa.values()))
                        * math.sqrt(sum(w * w for w in wb.values())))
        if cosine < _STRONG_COSINE and len(a.entities) >= 2 and len(b.entities) >= 2:
            shared = len(a.entities & b.entities)
            if shared / min(len(a.entities), len(b.entities)) < _MIN_ENTITY_OVERLAP:
                return 0.0
        return cosine

    def match(self, doc: Features) -> int | None:
        """The story this article belongs to, or None when it is a new story."""
        best_story, best_score = None, SAME_STORY_COSINE
        candidates = [
            key for key in self._lsh.query(self._signature(doc))
            if abs(self._docs[key].time - doc.time) <= self._window
        ]
        if len(candidates) > _MAX_CANDIDATES:
            candidates.sort(key=lambda key: abs(self._docs[key].time - doc.time))
            del candidates[_MAX_CANDIDATES:]
        for key in candidates:
            other = self._docs[key]
            score = self.similarity(doc, other)
            if score >= best_score:
                best_story, best_score = self._story_of[key], score
        return best_story

    def add(self, key: Hashable, doc: Features, story: int) -> None:
        """Index an article under its story."""
        if key in self._docs:
            self.discard([key])
        self._docs[key] = doc
        self._story_of[key] = story
        self._df.update(doc.terms.keys())
        self._lsh.insert(key, self._signature(doc), check_duplication=False)

    def discard(self, keys: Iterable[Hashable]) -> None:
        """Forget articles (a write that failed must not leave them matchable)."""
        for key in keys:
            doc = self._docs.pop(key, None)
            if doc is None:
                continue
            del self._story_of[key]
            self._df.subtract(doc.terms.keys())
            self._lsh.remove(key)

    def relabel(self, mapping: dict[int, int]) -> None:
        """Give stories their stored ids once a batch's new stories are written."""
        for key, story in self._story_of.items():
            if story in mapping:
                self._story_of[key] = mapping[story]

    def prune(self, now: datetime) -> None:
        """Drop articles too old to join any new story."""
        self.discard([key for key, doc in self._docs.items() if now - doc.time > self._window])

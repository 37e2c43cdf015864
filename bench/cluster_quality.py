"""Story clustering quality on real news, side by side with a plain TF-IDF cosine baseline.

Data (not part of this repository): ../shared/data/multinews_clusters_dev30.jsonl (74 articles
in 30 same-story clusters) and semeval2022t8_en_pairs_dev100.jsonl (human-rated pairs, with
same-topic different-event negatives). Skips cleanly when the folder is absent.
Usage: .venv/bin/python bench/cluster_quality.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing_bot.cluster import _STOPWORDS as STOPWORDS
from briefing_bot.cluster import SAME_STORY_COSINE, StoryIndex, features

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BASELINE_THRESHOLD = 0.15  # the data README's single-link TF-IDF setting


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


class TfidfBaseline:
    """Plain TF-IDF cosine over the full text, English stop words removed, no stemming.

    Weights as scikit-learn's default TfidfVectorizer: raw counts times ln((1+n)/(1+df)) + 1.
    """

    def __init__(self, corpus: Sequence[str]) -> None:
        self.df = Counter(term for text in corpus for term in set(self.tokens(text)))
        self.n = len(corpus)

    @staticmethod
    def tokens(text: str) -> list[str]:
        return [t for t in re.findall(r"\w+", text.lower()) if t not in STOPWORDS]

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(self.tokens(text))
        return {t: c * (math.log((self.n + 1) / (self.df[t] + 1)) + 1)
                for t, c in counts.items()}

    def similarity(self, a: str, b: str) -> float:
        va, vb = self.vector(a), self.vector(b)
        dot = sum(w * vb.get(t, 0.0) for t, w in va.items())
        norm = math.sqrt(sum(w * w for w in va.values())) * math.sqrt(
            sum(w * w for w in vb.values()))
        return dot / norm if norm else 0.0


def single_link(texts: Sequence[str], same: Callable[[int, int], bool]) -> list[int]:
    """Each text joins the cluster of the first earlier text it is similar to."""
    labels: list[int] = []
    for i in range(len(texts)):
        label = next((labels[j] for j in range(i) if same(i, j)), i)
        labels.append(label)
    return labels


def pairwise(gold: Sequence[object], labels: Sequence[int]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        same, predicted = gold[i] == gold[j], labels[i] == labels[j]
        tp += same and predicted
        fp += predicted and not same
        fn += same and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bcubed_f1(gold: Sequence[object], labels: Sequence[int]) -> float:
    precision = recall = 0.0
    for i in range(len(gold)):
        cluster = [j for j in range(len(gold)) if labels[j] == labels[i]]
        truth = [j for j in range(len(gold)) if gold[j] == gold[i]]
        correct = sum(gold[j] == gold[i] for j in cluster)
        precision += correct / len(cluster)
        recall += correct / len(truth)
    precision, recall = precision / len(gold), recall / len(gold)
    return 2 * precision * recall / (precision + recall)


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def ours_on_clusters(docs: Sequence[dict[str, Any]]) -> list[int]:
    index = StoryIndex()
    labels: list[int] = []
    for number, doc in enumerate(docs):
        feats = features(doc.get("title") or "", doc["text"], NOW)
        story = index.match(feats)
        story = number if story is None else story
        index.add(number, feats, story)
        labels.append(story)
    return labels


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parent.parent.parent / "shared" / "data")
    data: Path = parser.parse_args().data
    clusters_file = data / "multinews_clusters_dev30.jsonl"
    pairs_file = data / "semeval2022t8_en_pairs_dev100.jsonl"
    if not clusters_file.exists() or not pairs_file.exists():
        print(f"skipped: {data} does not hold the evaluation data")
        return 0
    docs = load(clusters_file)
    pairs = load(pairs_file)
    texts = [doc["text"] for doc in docs]
    gold = [doc["cluster"] for doc in docs]

    baseline = TfidfBaseline(texts)
    base_labels = single_link(
        texts, lambda i, j: baseline.similarity(texts[i], texts[j]) >= BASELINE_THRESHOLD)
    our_labels = ours_on_clusters(docs)

    print(f"Multi-News clusters: {len(docs)} articles, {len(set(gold))} stories\n")
    print(f"{'system':<34} {'stories':>7} {'pair P':>7} {'pair R':>7} {'pair F1':>7} {'B3 F1':>6}")
    for name, labels in (("TF-IDF cosine single-link @0.15", base_labels),
                         ("briefing-bot StoryIndex", our_labels)):
        p, r, f = pairwise(gold, labels)
        print(f"{name:<34} {len(set(labels)):>7} {p:>7.3f} {r:>7.3f} {f:>7.3f} "
              f"{bcubed_f1(gold, labels):>6.3f}")

    judged = [pair for pair in pairs if pair["same_story"] is not None]
    pair_texts = [text for pair in pairs for text in (pair["text1"], pair["text2"])]
    pair_baseline = TfidfBaseline(pair_texts)
    index = StoryIndex()
    for number, text in enumerate(pair_texts):  # give our index the same corpus statistics
        index.add(number, features("", text, NOW), number)
    rows = []
    measures: list[tuple[str, Callable[[str, str], float], float]] = [
        ("TF-IDF cosine", lambda a, b: pair_baseline.similarity(a, b), BASELINE_THRESHOLD),
        ("briefing-bot similarity", lambda a, b: index.similarity(
            features("", a, NOW), features("", b, NOW)), SAME_STORY_COSINE),
    ]
    for name, score, threshold in measures:
        pos = [score(p["text1"], p["text2"]) for p in judged if p["same_story"]]
        neg = [score(p["text1"], p["text2"]) for p in judged if not p["same_story"]]
        tp = sum(s >= threshold for s in pos)
        fp = sum(s >= threshold for s in neg)
        precision = tp / (tp + fp) if tp + fp else 1.0
        rows.append((name, auc(pos, neg), precision, tp / len(pos), fp, len(neg)))
    print(f"\nSemEval-2022 pairs: {sum(p['same_story'] for p in judged)} same story, "
          f"{sum(not p['same_story'] for p in judged)} different (hard negatives included)\n")
    print(f"{'system':<26} {'ROC-AUC':>7} {'P@thr':>6} {'R@thr':>6} {'false merges':>12}")
    for name, roc, precision, recall, fp, total in rows:
        print(f"{name:<26} {roc:>7.3f} {precision:>6.3f} {recall:>6.3f} {fp:>6}/{total:<5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

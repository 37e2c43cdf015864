"""Fit the learned pair score of the story clustering on the TUNING halves only.

The score is a logistic model over a handful of pair inputs (`cluster.pair_inputs`: TF-IDF
cosine, share and number of names in common, length ratio; plus the embedding cosine for the
second weight set), fitted by Newton's method with an L2 penalty (plain numpy), on the pairs
the index actually compares (its capped inverted index finds them) and does not veto, labelled
same event or not. Multi-News and ECB+ count equally (ECB+ has more pairs per article).

Before believing a gain, the tuning halves are split again by story (ECB+ by topic) into two
folds: the model is fitted and its join threshold tuned on one fold, and scored on the other,
beside the hand-set score with its threshold tuned on the same fold. Nothing here reads a
held-out half. The printed weights are what `cluster.Tuning` holds.

Usage: .venv/bin/python bench/fit_pair_model.py [--data ../shared/data] [--no-embeddings]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cluster_quality import (
    ClusterSet,
    ecb_topic,
    load,
    pairwise,
    prepare,
    score_ours,
    split_clusters,
)
from briefing_bot.cluster import DEFAULT_TUNING, StoryIndex, Tuning
from briefing_bot.embeddings import Embedder

L2 = 1.0
HAND_JOINS = [round(float(x), 2) for x in np.arange(0.10, 0.35, 0.02)]
LEARNED_JOINS = [round(float(x), 2) for x in np.arange(0.10, 0.80, 0.05)]


def candidate_pairs(docs: Sequence[Any], gold: Sequence[object], tuning: Tuning
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Inputs of the compared pairs (rows), whether each has an embedding cosine, labels."""
    index = StoryIndex(window=timedelta(days=36500), tuning=tuning)
    for number, doc in enumerate(docs):
        index.add(number, doc, number)
    rows, embedded, labels = [], [], []
    for a, b, inputs in index.candidate_inputs():
        embedded.append(len(inputs) == 6)
        rows.append(inputs + [0.0] * (6 - len(inputs)))
        labels.append(gold[cast(int, a)] == gold[cast(int, b)])
    return np.array(rows), np.array(embedded, dtype=bool), np.array(labels, dtype=np.float64)


def fit(inputs: np.ndarray, labels: np.ndarray, weights: np.ndarray,
        use: Sequence[int] | None = None) -> np.ndarray:
    """Logistic regression by Newton's method, L2 on everything but the constant; inputs
    not in `use` (columns; all by default) get weight 0."""
    columns = list(range(inputs.shape[1])) if use is None else [0, *use]
    full = np.zeros(inputs.shape[1])
    inputs = inputs[:, columns]
    beta = np.zeros(inputs.shape[1])
    penalty = L2 * np.eye(len(beta))
    penalty[0, 0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-inputs @ beta))
        gradient = inputs.T @ (weights * (p - labels)) + penalty @ beta
        hessian = (inputs * (weights * p * (1 - p))[:, None]).T @ inputs + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    full[columns] = beta
    return full


def fit_sets(sets: Sequence[ClusterSet], half: str, tuning: Tuning, *, vectors: bool,
             use_words: Sequence[int] | None = None, use_both: Sequence[int] | None = None
             ) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The two weight sets (words; words and embedding), fitted on these sets' `half`."""
    parts = []
    for cluster_set in sets:
        docs = cluster_set.docs[half]
        gold = [row["cluster"] for row in cluster_set.halves[half]]
        parts.append(candidate_pairs(docs, gold, tuning))
    total = sum(len(labels) for _, _, labels in parts)
    # Each set weighs the same in all, however many pairs it has.
    weights = np.concatenate([np.full(len(labels), total / len(parts) / len(labels))
                              for _, _, labels in parts])
    inputs = np.concatenate([rows for rows, _, _ in parts])
    has = np.concatenate([embedded for _, embedded, _ in parts])
    labels = np.concatenate([labels for _, _, labels in parts])
    words = fit(inputs[:, :5], labels, weights, use_words)
    both: np.ndarray = np.array([])
    if vectors and has.all():
        both = fit(inputs, labels, weights, use_both)
    return tuple(round(float(w), 3) for w in words), tuple(round(float(w), 3) for w in both)


def objective(results: Sequence[tuple[float, float, float]]) -> float:
    """As `cluster_quality.tune`: mean pairwise F1, minus any precision short of 0.92."""
    return (sum(r[2] for r in results) / len(results)
            - max(0.0, 0.92 - min(r[0] for r in results)))


def evaluate(sets: Sequence[ClusterSet], half: str, tuning: Tuning, *, vectors: bool
             ) -> list[tuple[float, float, float]]:
    return [pairwise(*score_ours(cluster_set, half, tuning, vectors=vectors))
            for cluster_set in sets]


def best_join(sets: Sequence[ClusterSet], half: str, tuning: Tuning, joins: Sequence[float],
              *, vectors: bool) -> Tuning:
    scored = [(objective(evaluate(sets, half, dataclasses.replace(tuning, join=j),
                                  vectors=vectors)), j) for j in joins]
    return dataclasses.replace(tuning, join=max(scored, key=lambda pair: pair[0])[1])


def show(name: str, sets: Sequence[ClusterSet], results: Sequence[tuple[float, float, float]]
         ) -> None:
    print(f"    {name:<34} objective {objective(results):.3f}   " + "; ".join(
        f"{cluster_set.name} P {p:.3f} R {r:.3f} F1 {f:.3f}"
        for cluster_set, (p, r, f) in zip(sets, results, strict=True)), flush=True)


def fold_of(group: str) -> str:
    digest = hashlib.sha256(f"fold:{group}".encode()).digest()
    return "fold0" if digest[0] % 2 == 0 else "fold1"


def with_folds(cluster_set: ClusterSet) -> ClusterSet:
    """The tuning half's rows and features split again in two by story (ECB+ by topic)."""
    group = ecb_topic if "ECB" in cluster_set.name else (lambda doc: str(doc["cluster"]))
    halves: dict[str, list[dict[str, Any]]] = {"fold0": [], "fold1": []}
    docs: dict[str, list[Any]] = {"fold0": [], "fold1": []}
    for row, doc in zip(cluster_set.halves["tune"], cluster_set.docs["tune"], strict=True):
        fold = fold_of(group(row))
        halves[fold].append(row)
        docs[fold].append(doc)
    return ClusterSet(cluster_set.name, halves, docs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parent.parent.parent / "shared" / "data")
    parser.add_argument("--no-embeddings", action="store_true")
    args = parser.parse_args()
    files = {"Multi-News val (250)": "multinews_val_clusters250.jsonl",
             "ECB+ (topics 1-23)": "ecbplus_clusters_dev.jsonl"}
    if not all((args.data / file).exists() for file in files.values()):
        print(f"skipped: {args.data} does not hold the evaluation data")
        return 0
    sets = []
    for name, file in files.items():
        halves = split_clusters(load(args.data / file), ecb_topic if "ECB" in name
                                else lambda doc: str(doc["cluster"]))
        del halves["test"]  # never read here
        sets.append(ClusterSet(name, halves))
    prepare(sets, None if args.no_embeddings else Embedder())
    vectors = not args.no_embeddings
    for cluster_set in sets:
        groups = {ecb_topic(row) if "ECB" in cluster_set.name else row["cluster"]
                  for row in cluster_set.halves["tune"]}
        print(f"{cluster_set.name}: tuning half {len(cluster_set.halves['tune'])} articles, "
              f"{len(groups)} {'topics' if 'ECB' in cluster_set.name else 'stories'}")

    hand = DEFAULT_TUNING
    variants = {"learned, names veto": dataclasses.replace(hand),
                "learned, no names veto": dataclasses.replace(hand, min_entity_overlap=0.0)}
    print("\nCross-check inside the tuning halves (fit and tune on one fold, score the other):")
    folds = [with_folds(cluster_set) for cluster_set in sets]
    for fit_on, score_on in (("fold0", "fold1"), ("fold1", "fold0")):
        print(f"  fitted/tuned on {fit_on}, scored on {score_on}:")
        hand_tuned = best_join(folds, fit_on, hand, HAND_JOINS, vectors=False)
        show(f"hand-set, words (join {hand_tuned.join})", folds,
             evaluate(folds, score_on, hand_tuned, vectors=False))
        for name, base in variants.items():
            words, both = fit_sets(folds, fit_on, base, vectors=vectors)
            learned = dataclasses.replace(base, pair_words=words)
            learned = best_join(folds, fit_on, learned, LEARNED_JOINS, vectors=False)
            show(f"{name}, words (join {learned.join})", folds,
                 evaluate(folds, score_on, learned, vectors=False))
            if both:
                learned = dataclasses.replace(base, pair_words=words, pair_embedded=both)
                learned = best_join(folds, fit_on, learned, LEARNED_JOINS, vectors=True)
                show(f"{name}, +emb (join {learned.join})", folds,
                     evaluate(folds, score_on, learned, vectors=True))

    print("\nWhole tuning halves (fit and tune on them; these are tuning figures, not results):")
    show(f"hand-set, words (join {hand.join})", sets, evaluate(sets, "tune", hand, vectors=False))
    for name, base in variants.items():
        words, both = fit_sets(sets, "tune", base, vectors=vectors)
        print(f"  {name}: pair_words={words} pair_embedded={both}")
        learned = best_join(sets, "tune", dataclasses.replace(base, pair_words=words),
                            LEARNED_JOINS, vectors=False)
        show(f"{name}, words (join {learned.join})", sets,
             evaluate(sets, "tune", learned, vectors=False))
        if both:
            learned = best_join(sets, "tune", dataclasses.replace(
                base, pair_words=words, pair_embedded=both), LEARNED_JOINS, vectors=True)
            show(f"{name}, +emb (join {learned.join})", sets,
                 evaluate(sets, "tune", learned, vectors=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

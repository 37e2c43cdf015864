"""Free topics typed in other languages, on English labelled news, through the readers' path.

A reader may follow any topic in their own language ("Flüchtlinge", "réfugiés"), and the news
is mostly English. No labelled data names such topics, so each of 30 free topics (not category
names) is typed in English and in German, French, Spanish and Italian, and the English word is
the yardstick: its **headline stories** are those whose headline says the English word (what
the topic surely is about), and its **matches** are what the bot finds for the English word.
For each language, over all topics:

- headline recall: the share of the headline stories the topic in that language finds;
- agreement: the share of its matches that the English word also finds (a lower bound on
  precision: a story close in meaning that never says the English word counts against it);
- found: how many stories it matched.

Many of these topics are among the common news topics whose words in the bot's languages are
shipped (`briefing_bot/topic_words.py`), so the product's figures say how well that list covers
them; `--no-topic-words` leaves the list out and measures what meaning alone finds.

Each labelled article is a one-article story and each topic a reader's whole filter, matched
by `briefing.matching` with one shared `TopicMatcher`, as `bench/topic_quality.py` does. Same
data and halves as that bench (BBC and AG News, split by a hash of the article id); the rules
for free topics were chosen on the `tune` half.
Usage: .venv/bin/python bench/free_topics.py [--data ../shared/data] [--part held-out|tune]
       [--no-topic-words] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.topic_quality import load, story
from briefing_bot import topic_words, topics
from briefing_bot.briefing import matching
from briefing_bot.categories import TopicMatcher
from briefing_bot.embeddings import Embedder
from briefing_bot.topics import joined, meant_as, parse_topics, words

LANGUAGES = ("en", "de", "fr", "es", "it")
# Each topic in English, German, French, Spanish and Italian, as a reader would type it.
TOPICS: tuple[tuple[str, str, str, str, str], ...] = (
    ("oil", "Öl", "pétrole", "petróleo", "petrolio"),
    ("refugees", "Flüchtlinge", "réfugiés", "refugiados", "rifugiati"),
    ("elections", "Wahlen", "élections", "elecciones", "elezioni"),
    ("inflation", "Teuerung", "inflation", "inflación", "inflazione"),
    ("unemployment", "Arbeitslosigkeit", "chômage", "desempleo", "disoccupazione"),
    ("terrorism", "Terrorismus", "terrorisme", "terrorismo", "terrorismo"),
    ("music", "Musik", "musique", "música", "musica"),
    ("airlines", "Fluggesellschaften", "compagnies aériennes", "aerolíneas", "compagnie aeree"),
    ("mobile phones", "Handys", "téléphones portables", "teléfonos móviles", "cellulari"),
    ("taxes", "Steuern", "impôts", "impuestos", "tasse"),
    ("banks", "Banken", "banques", "bancos", "banche"),
    ("video games", "Videospiele", "jeux vidéo", "videojuegos", "videogiochi"),
    ("cars", "Autos", "voitures", "coches", "automobili"),
    ("strike", "Streik", "grève", "huelga", "sciopero"),
    ("war", "Krieg", "guerre", "guerra", "guerra"),
    ("nuclear weapons", "Atomwaffen", "armes nucléaires", "armas nucleares", "armi nucleari"),
    ("stock market", "Börse", "bourse", "bolsa", "borsa"),
    ("prison", "Gefängnis", "prison", "cárcel", "carcere"),
    ("jobs", "Arbeitsplätze", "emplois", "empleos", "posti di lavoro"),
    ("mergers", "Fusionen", "fusions", "fusiones", "fusioni"),
    ("software", "Software", "logiciels", "programas informáticos", "software"),
    ("pensions", "Renten", "retraites", "pensiones", "pensioni"),
    ("immigration", "Einwanderung", "immigration", "inmigración", "immigrazione"),
    ("smoking", "Rauchen", "tabagisme", "tabaquismo", "fumo"),
    ("space", "Raumfahrt", "espace", "espacio", "spazio"),
    ("piracy", "Piraterie", "piratage", "piratería", "pirateria"),
    ("drugs", "Drogen", "drogues", "drogas", "droghe"),
    ("court", "Gericht", "tribunal", "tribunal", "tribunale"),
    ("television", "Fernsehen", "télévision", "televisión", "televisione"),
    ("students", "Studenten", "étudiants", "estudiantes", "studenti"),
)
FILES = ("bbc_topics_dev500.jsonl", "agnews_topics_dev1000.jsonl")


async def evaluate(data: Path, part: str, matcher: TopicMatcher) -> dict[str, Any]:
    """Per language: headline stories found, matches, and matches the English word finds."""
    totals = {language: {"headline": 0, "headline_found": 0, "found": 0, "agreed": 0}
              for language in LANGUAGES}
    for file in FILES:
        rows = load(data / file, part)
        stories = [story(number, row) for number, row in enumerate(rows)]
        await matcher.prepare(stories, {topic: meant_as(topic) for row in TOPICS for topic in row})
        titles = {item.id: joined(words(item.title)) for item in stories}
        for row in TOPICS:
            english = set()
            for language, topic in zip(LANGUAGES, row, strict=True):
                found = {m.story.id for m in await matching(stories, parse_topics(topic),
                                                              matcher)}
                if language == "en":
                    english = found
                headline = {number for number, title in titles.items()
                            if joined(words(row[0])) in title}
                counts = totals[language]
                counts["headline"] += len(headline)
                counts["headline_found"] += len(found & headline)
                counts["found"] += len(found)
                counts["agreed"] += len(found & english)
    return totals


def report(totals: dict[str, Any]) -> None:
    print(f"{'typed in':<10}{'headline recall':>17}{'agreement':>11}{'found':>7}")
    for language, counts in totals.items():
        recall = counts["headline_found"] / max(counts["headline"], 1)
        agreement = counts["agreed"] / max(counts["found"], 1)
        print(f"{language:<10}{recall:>11.2f} of {counts['headline']:<3}{agreement:>11.2f}"
              f"{counts['found']:>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--part", choices=("held-out", "tune"), default="held-out")
    parser.add_argument("--no-topic-words", action="store_true",
                        help="without the shipped words of common topics: meaning alone")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    if args.no_topic_words:
        topic_words.TOPICS = ()
        topics._equivalents.cache_clear()
    if not all((args.data / file).exists() for file in FILES):
        print(f"skipped: the labelled data is not in {args.data}")
        return 0
    totals = asyncio.run(evaluate(args.data, args.part, TopicMatcher(Embedder())))
    print(f"part: {args.part}; {len(TOPICS)} topics, each typed in {len(LANGUAGES)} languages"
          f"{'; without the shipped topic words' if args.no_topic_words else ''}")
    report(totals)
    if args.json:
        args.json.write_text(json.dumps({"part": args.part, "totals": totals}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The LLM answer check (briefing_bot/guard.py) on real news: does it catch bad answers and
let faithful ones through? And what does it do with a real small model?

(1) Crafted cases from the real articles in ../shared/data/ (40 single articles with writers'
    summaries, 30 multi-outlet Multi-News clusters). From each: faithful answers that must pass
    (an extract of the article, the extractive summary, mechanical paraphrases of the extract:
    numbers as words, "%" as "percent", a full name shortened to the surname, sentences
    reordered, "said" reworded) and bad answers made from the extract that must fail (a number
    changed, a name swapped for one from another article, a name added, a quotation invented, the
    prompt or its scaffolding echoed). The articles are split in two by a hash of their id: the
    check was tuned on the `tune` half; the `report` half is the result. Target: at least 95%
    of bad answers caught, at most 5% of faithful ones refused. The writers' own summaries are
    shown apart: human paraphrase, informative only (writers sometimes add what the article
    implies).
(2) With --model: SmolLM2-135M-Instruct on llama.cpp's server (the `model` extra) summarizes
    the first ~120 words of each `report`-half article through the real Summarizer; how many
    answers were refused, by reason, and ROUGE (vs. the writers' summaries) of what was
    delivered against the extractive summary alone.

Usage: .venv/bin/python bench/faithfulness.py [--data ../shared/data] [--model [--articles 12]
       [--gguf other.gguf --chat-format gemma]]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing_bot import extractive, guard
from briefing_bot.categories import KEYS
from briefing_bot.prompts import language_name, load_prompts

ROOT = Path(__file__).resolve().parent.parent
Item = dict[str, Any]
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})+\b")
_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])")
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve"]


@dataclass(frozen=True)
class Case:
    item: str  # the article or cluster id
    half: str  # "tune" or "report"
    kind: str  # what was done to the answer
    bad: bool  # must the check refuse it?
    answer: str
    sources: tuple[str, ...]
    instructions: str


def load(path: Path) -> list[Item]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def half(identifier: str) -> str:
    return "tune" if hashlib.sha256(identifier.encode()).digest()[0] % 2 == 0 else "report"


def documents(data: Path) -> list[tuple[str, list[str], list[str]]]:
    """(id, source texts, writers' summaries) of every single article and cluster."""
    found = [(a["id"], [a["article"]], list(a["references"]))
             for a in load(data / "zhang2023_writer_summaries_dev40.jsonl")]
    for cluster in load(data / "multinews_longbench_dev30.jsonl"):
        texts = [t for t, junk in zip(cluster["articles"], cluster["articles_boilerplate"],
                                      strict=True) if not junk]
        if texts:
            found.append((cluster["id"], texts, []))
    return found


def instructions_for(texts: Sequence[str]) -> str:
    """The prompt as the summarizer sends it (system and user text, the articles in it)."""
    prompts = load_prompts(ROOT / "prompts")
    if len(texts) == 1:
        system, user = prompts["text_summary"].render(
            language=language_name("en"), max_words=60, source="article.txt", text=texts[0])
    else:
        blocks = "\n\n".join(f"<<<ARTICLE {n} (source: outlet {n})\n{t}\nARTICLE {n}>>>"
                             for n, t in enumerate(texts, 1))
        system, user = prompts["story_summary"].render(
            language=language_name("en"), max_words=60, source_count=len(texts), articles=blocks,
            categories=", ".join(KEYS))
    return f"{system}\n{user}"


# -- faithful answers -------------------------------------------------------------------------


def extract(texts: Sequence[str]) -> str:
    """The article's second and third sentences (the first is often a dateline or a teaser)."""
    sentences = [s for s in extractive.split_sentences(texts[0]) if len(s.split()) >= 6]
    return " ".join(sentences[1:3] or sentences[:2])


def paraphrases(text: str, rng: random.Random) -> dict[str, str]:
    """Meaning-preserving rewrites of an extract; only those that changed something."""
    found: dict[str, str] = {}
    words = re.sub(r"(?<![\w.,])([0-9]|1[0-2])(?![\w.,%])",
                   lambda m: _SMALL[int(m.group(1))], text)
    words = re.sub(r"(\d)\s*%", r"\1 percent", words)
    if words != text:
        found["paraphrase: numbers as words"] = words
    names = [n for n in _NAME.findall(text) if len(n.split()) == 2]
    if names:
        full = names[0]
        # The surname alone, once the full name has been given.
        # The surname alone: the article gives the full name.
        found["paraphrase: surname alone"] = text.replace(full, full.split()[-1])
    sentences = extractive.split_sentences(text)
    if len(sentences) >= 2:
        found["paraphrase: sentences reordered"] = " ".join([sentences[1], sentences[0],
                                                             *sentences[2:]])
    reworded = re.sub(r"\bsaid\b", "stated", text)
    if reworded != text:
        found["paraphrase: said -> stated"] = reworded
    if len(sentences) >= 2:
        found["paraphrase: first sentence only"] = sentences[0]
    return found


# -- bad answers ------------------------------------------------------------------------------


def changed_number(text: str, rng: random.Random) -> str | None:
    numbers = list(_DIGITS.finditer(text))
    if not numbers:
        return None
    match = rng.choice(numbers)
    written = match.group(0)
    value = float(written.replace(",", ""))
    if "," in written and written.count(",") == 1 and len(written.split(",")[1]) == 3:
        new = f"{int(value) + rng.choice([1000, 2000, -1000]):,}"
    elif "." in written:
        new = f"{value + rng.choice([0.3, 1.1, -0.2]):.{len(written.split('.')[1])}f}"
    else:
        new = str(int(value) + rng.choice([1, 2, 3, 7]) if value < 1900 or value > 2100
                  else int(value) + rng.choice([1, -1]))
    return text[:match.start()] + new + text[match.end():]


def foreign_name(pool: Sequence[str], texts: Sequence[str], rng: random.Random) -> str | None:
    """A two-word name from another article whose words this one never uses."""
    said = " ".join(texts).lower()
    choices = [n for n in pool if not any(part.lower() in said for part in n.split())]
    return rng.choice(choices) if choices else None


def bad_answers(text: str, texts: Sequence[str], *, pool: Sequence[str], quotes: Sequence[str],
                instructions: str, rng: random.Random) -> dict[str, str]:
    found: dict[str, str] = {}
    number = changed_number(text, rng)
    if number:
        found["bad: number changed"] = number
    names = [n for n in _NAME.findall(text) if n.split()[0] not in ("The", "In", "On", "At")]
    other = foreign_name(pool, texts, rng)
    if names and other:
        found["bad: name swapped"] = text.replace(rng.choice(names), other)
    other = foreign_name(pool, texts, rng)
    if other:
        sentences = extractive.split_sentences(text)
        where = rng.randrange(len(sentences) + 1)
        added = rng.choice([f"{other} welcomed the news.", f"{other} was also involved.",
                            f"According to {other}, more details will follow."])
        found["bad: name added"] = " ".join([*sentences[:where], added, *sentences[where:]])
    said = " ".join(texts).lower()
    invented = [q for q in quotes if q.lower() not in said]
    if invented:
        speaker = (names[0].split()[-1] if names else "A spokesman")
        found["bad: quote invented"] = f'{text} "{rng.choice(invented)}," {speaker} said.'
    system = [s for s in extractive.split_sentences(instructions.split("<<<", 1)[0])
              if len(s.split()) >= 8]
    echoes = [f"{rng.choice(system)} {text}" if system else None,
              f"Document (article.txt): <<<DOCUMENT {text}",
              f"{text} {system[-1]}" if system else None]
    echo = rng.choice([e for e in echoes if e])
    found["bad: prompt echoed"] = echo
    return found


def cases(data: Path) -> tuple[list[Case], list[Case]]:
    """(crafted cases, writers' summaries as cases)."""
    rng = random.Random(14)
    docs = documents(data)
    pool = sorted({n for _, texts, _ in docs for t in texts for n in _NAME.findall(t[:3000])
                   if len(n.split()) == 2 and n.split()[0] not in ("The", "In", "On", "At")})
    quotes = []
    for _, texts, _ in docs:
        for sentence in extractive.split_sentences(texts[0])[3:6]:
            words = re.sub(r"[\"“”]", "", sentence).split()
            if len(words) >= 10:
                quotes.append(" ".join(words[2:9]))
    crafted: list[Case] = []
    human: list[Case] = []
    for identifier, texts, references in docs:
        instructions = instructions_for(texts)
        base = extract(texts)
        if not base:
            continue
        faithful = {"extract": base,
                    "extractive summary": " ".join(extractive.summarize(list(texts),
                                                                        max_words=60)),
                    **paraphrases(base, rng)}
        bad = bad_answers(base, texts, pool=pool, quotes=quotes, instructions=instructions,
                          rng=rng)
        for kind, answer in [*faithful.items(), *bad.items()]:
            crafted.append(Case(identifier, half(identifier), kind, kind.startswith("bad"),
                                answer, tuple(texts), instructions))
        human.extend(Case(identifier, half(identifier), "writers' summary", False, r,
                          tuple(texts), instructions) for r in references)
    return crafted, human


def verdict(case: Case) -> guard.Verdict:
    return guard.check(case.answer, sources=case.sources, instructions=case.instructions,
                       language="en")


def report_checker(crafted: Sequence[Case], human: Sequence[Case], show: int) -> None:
    print(f"{'half':<7} {'kind':<34} {'cases':>5} {'refused':>8}")
    for part in ("tune", "report"):
        chosen = [c for c in crafted if c.half == part]
        kinds = sorted({c.kind for c in chosen}, key=lambda k: (k.startswith("bad"), k))
        results = {id(c): verdict(c) for c in chosen}
        for kind in kinds:
            of_kind = [c for c in chosen if c.kind == kind]
            share = sum(not results[id(c)].ok for c in of_kind) / len(of_kind)
            print(f"{part:<7} {kind:<34} {len(of_kind):>5} {share:>8.1%}")
        bad = [c for c in chosen if c.bad]
        good = [c for c in chosen if not c.bad]
        caught = sum(not results[id(c)].ok for c in bad) / len(bad)
        refused = sum(not results[id(c)].ok for c in good) / len(good)
        writers = [c for c in human if c.half == part]
        writers_refused = sum(not verdict(c).ok for c in writers) / max(1, len(writers))
        print(f"{part:<7} {'= bad answers caught':<34} {len(bad):>5} {caught:>8.1%}")
        print(f"{part:<7} {'= faithful answers refused':<34} {len(good):>5} {refused:>8.1%}")
        print(f"{part:<7} {'(writers summaries refused)':<34} {len(writers):>5} "
              f"{writers_refused:>8.1%}")
        if show:
            misses = [c for c in chosen if results[id(c)].ok == c.bad][:show]
            for c in misses:
                print(f"    MISS {c.kind}: {results[id(c)]} | {c.answer[:160]!r}")
        print()


# -- (2) a real small model -------------------------------------------------------------------


def opening(text: str, words: int = 120) -> str:
    kept: list[str] = []
    for sentence in extractive.split_sentences(text):
        if kept and len(" ".join([*kept, sentence]).split()) > words:
            break
        kept.append(sentence)
    return " ".join(kept)


async def run_model(data: Path, count: int, gguf: Path | None, chat_format: str | None) -> None:
    from rouge_score import rouge_scorer  # noqa: PLC0415 - benchmark-only

    from briefing_bot.config import Settings  # noqa: PLC0415
    from briefing_bot.services import open_services  # noqa: PLC0415
    from tests.llama import INSTALL, ServerFailed, llama_server, model_path  # noqa: PLC0415

    model = gguf or model_path()
    if model is None:
        print(f"(2) skipped: the `model` extra is not installed ({INSTALL})")
        return
    label = model.name if gguf else "SmolLM2-135M-Instruct (Q4_1)"
    articles = [a for a in load(data / "zhang2023_writer_summaries_dev40.jsonl")
                if half(a["id"]) == "report"][:count]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)

    def rouge(summary: str, references: Sequence[str]) -> list[float]:
        ours = "\n".join(extractive.split_sentences(summary))
        scores = [scorer.score("\n".join(extractive.split_sentences(r)), ours)
                  for r in references]
        return [max(s[k].fmeasure for s in scores) * 100 for k in ("rouge1", "rouge2",
                                                                    "rougeLsum")]

    with tempfile.TemporaryDirectory() as folder:
        try:
            with llama_server(model, Path(folder) / "server.log",
                              chat_format=chat_format) as base:
                settings = Settings.from_env({
                    "OPENAI_BASE_URL": base, "OPENAI_API_KEY": "local",
                    "BRIEFING_MODEL": "smollm2-135m", "BRIEFING_CONTEXT_TOKENS": "2048",
                    "BRIEFING_MAX_OUTPUT_TOKENS": "120", "BRIEFING_LLM_TIMEOUT": "300",
                    "BRIEFING_LLM_MAX_RETRIES": "0", "BRIEFING_DATA_DIR": folder})
                started = datetime.now(UTC)
                rows: list[tuple[str, list[float], list[float]]] = []
                clock_started = time.perf_counter()
                async with open_services(settings, clock=lambda: datetime.now(UTC),
                                         engine="llm") as services:
                    for article in articles:
                        text = opening(article["article"])
                        summary = await services.summarizer.summarize_text(
                            text, source="article", language="en", max_words=50)
                        alone = " ".join(extractive.summarize([text], max_words=50,
                                                              max_sentences=3))
                        rows.append((summary.engine, rouge(summary.text, article["references"]),
                                     rouge(alone, article["references"])))
                    calls = await services.store.llm_calls_since(started - timedelta(seconds=1))
                    reasons = await services.store.rejections_since(
                        started - timedelta(seconds=1))
        except ServerFailed as exc:
            print(f"(2) failed: {exc}")
            return
    seconds = time.perf_counter() - clock_started
    delivered = Counter(engine for engine, _, _ in rows)
    print(f"(2) {label} on llama.cpp, {len(rows)} report-half articles "
          f"(first ~120 words each), {len(calls)} LLM calls, {seconds:.0f} s")
    print(f"    answers refused: {sum(reasons.values())} of {len(calls)} "
          f"({', '.join(f'{n} {r}' for r, n in reasons.items()) or 'none'})")
    print(f"    delivered: {delivered['llm']} LLM summaries that passed the check, "
          f"{delivered['extractive']} labelled extractive fallbacks")
    print(f"    {'summary':<34} {'R-1':>6} {'R-2':>6} {'R-Lsum':>6}")
    for name, scores in (("delivered (checked LLM or fallback)", [r[1] for r in rows]),
                         ("extractive alone", [r[2] for r in rows])):
        r1, r2, rl = (mean(score[i] for score in scores) for i in range(3))
        print(f"    {name:<34} {r1:>6.2f} {r2:>6.2f} {rl:>6.2f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--model", action="store_true", help="also run (2) with the real model")
    parser.add_argument("--articles", type=int, default=12, help="articles for (2)")
    parser.add_argument("--gguf", type=Path, help="another model file for (2)")
    parser.add_argument("--chat-format", help="its llama.cpp chat format (Gemma 3: gemma)")
    parser.add_argument("--show", type=int, default=0, help="print this many misses per half")
    args = parser.parse_args()
    data: Path = args.data
    if not (data / "zhang2023_writer_summaries_dev40.jsonl").exists() or not (
            data / "multinews_longbench_dev30.jsonl").exists():
        print(f"skipped: {data} does not hold the evaluation data")
        return 0
    started = time.perf_counter()
    crafted, human = cases(data)
    print(f"(1) The answer check on {len(crafted)} crafted answers from "
          f"{len({c.item for c in crafted})} real articles and clusters")
    report_checker(crafted, human, args.show)
    print(f"    ({time.perf_counter() - started:.1f} s)\n")
    if args.model:
        asyncio.run(run_model(data, args.articles, args.gguf, args.chat_format))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

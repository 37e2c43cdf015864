"""PNG plots of the scaling curves, from the JSON the benchmarks write with --json.

  .venv/bin/python bench/cluster_scaling.py --sizes 10000,25000,50000,100000 \\
      --json bench/results/cluster_scaling.json
  .venv/bin/python bench/llm_cost.py --json bench/results/llm_cost.json
  .venv/bin/python bench/plots.py          # writes docs/img/*.png

Needs matplotlib: .venv/bin/pip install -e '.[bench]'
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parent.parent


def cluster_plot(results: list[dict[str, float]], target: Path) -> None:
    sizes = [r["articles"] for r in results]
    seconds = [r["seconds"] for r in results]
    first = results[0]
    linear = [first["seconds"] * size / first["articles"] for size in sizes]
    figure, axes = plt.subplots(figsize=(6.4, 4.2), dpi=120)
    axes.plot(sizes, seconds, "o-", label="briefing-bot StoryIndex (measured)")
    axes.plot(sizes, linear, "--", color="gray",
              label=f"linear from {first['articles']:,.0f} articles")
    axes.plot(sizes, [1.2 * value for value in linear], ":", color="red",
              label="target bound: 1.2x linear (12x at 100,000)")
    axes.set_xlabel("articles in one 72-hour story window")
    axes.set_ylabel("seconds to cluster them all")
    axes.set_title("Story clustering time vs articles")
    axes.grid(visible=True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(target)
    plt.close(figure)


def llm_plot(results: list[dict[str, float]], target: Path) -> None:
    subscribers = [r["subscribers"] for r in results]
    figure, axes = plt.subplots(figsize=(6.4, 4.2), dpi=120)
    axes.loglog(subscribers, [r["naive_tokens"] for r in results], "s--", color="gray",
                label="naive: one LLM digest per subscriber")
    axes.loglog(subscribers, [r["prompt_tokens"] for r in results], "o-",
                label="briefing-bot: each story once (measured)")
    axes.loglog(subscribers, [r["unique_story_tokens"] for r in results], ":", color="green",
                label="the summarized stories' text, once")
    axes.set_xlabel("subscribers (20 distinct topic filters)")
    axes.set_ylabel("LLM prompt tokens for one day")
    axes.set_title("LLM tokens vs subscribers (500 articles a day)")
    axes.grid(visible=True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(target)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    plots = (("cluster_scaling.json", "cluster_scaling.png", cluster_plot),
             ("llm_cost.json", "llm_tokens.png", llm_plot))
    for source, name, draw in plots:
        path = args.results / source
        if not path.exists():
            print(f"skipped {name}: no {path} (run the benchmark with --json first)")
            continue
        draw(json.loads(path.read_text()), args.out / name)
        print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()

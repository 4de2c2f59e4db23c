"""Target-length generation on one model: ``direct`` against the ``length`` strategy (and, apart,
``length`` with ``--repair`` trimming): Precise and Flexible Match per level and overall, with
95% Wilson intervals, and the output-token multiple of each against direct.

    python benchmarks/length.py [--model embedded] [--bench tlg:L0] [--limit 16] [--max-tokens 160]
                                [--rounds 2] [--cache PATH]

Target: ``length`` at least doubles direct's overall PM. Ruler's reference for scale
(all nine targets): Llama-3-8B-Instruct 29.35 PM / 44.25 FM; GPT-4o 57.75 / 74.30.
Every call is cached, so a rerun regenerates nothing. ``length+repair`` is the same run's
answers trimmed by ``--repair`` (a too-long answer cut at a sentence end inside the window).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from adhere.evaluation import EvalSettings, run_eval


def _run(args: argparse.Namespace, strategy: str | None, name: str) -> dict[str, Any]:
    settings = EvalSettings(
        model=args.model, bench=args.bench, limit=args.limit, max_tokens=args.max_tokens,
        seed=args.seed, cache_path=args.cache, strategy=strategy,
        # Repair is scored apart (under "repaired"): the same calls give both figures.
        strategy_options={"rounds": args.rounds, "repair": True} if strategy == "length" else {},
    )  # fmt: skip
    results = run_eval(settings, args.out / name).as_dict()
    section: dict[str, Any] = results["suites"]["tlg"]
    section["output_tokens"] = results["tokens"]["output"]
    return section


def _cell(figure: dict[str, Any]) -> str:
    if figure["rate"] is None:
        return "-"
    low, high = figure["ci95"]
    return f"{100 * figure['rate']:5.1f} [{100 * low:4.1f}-{100 * high:5.1f}]"


def _apart(worse: dict[str, Any], better: dict[str, Any]) -> str:
    """Whether the two 95% intervals are disjoint: with a few items, a doubling can be noise."""
    if worse["ci95"] is None or better["ci95"] is None:
        return "no intervals"
    return "intervals apart" if better["ci95"][0] > worse["ci95"][1] else "intervals overlap"


def _rows(name: str, section: dict[str, Any]) -> None:
    for level, figures in [*section["per_level"].items(), ("overall", section["overall"])]:
        n = figures["pm"]["n"]
        print(f"{name:16} {level:8} {n:3}  PM {_cell(figures['pm'])}  FM {_cell(figures['fm'])}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="embedded")
    parser.add_argument("--bench", default="tlg:L0", help="tlg, tlg:L0|L1|L2, or tlg:10,30,...")
    parser.add_argument("--limit", type=int, default=16)
    parser.add_argument("--max-tokens", type=int, default=160)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=Path("runs/bench-length/cache.sqlite"))
    parser.add_argument("--out", type=Path, default=Path("runs/bench-length"))
    args = parser.parse_args()
    direct = _run(args, None, "direct")
    length = _run(args, "length", "length")
    print(f"\n{args.bench}, {args.limit} items, max tokens {args.max_tokens}, {args.model}")
    print("run              level      n  PM % [95% CI]           FM % [95% CI]")
    _rows("direct", direct)
    _rows("length", length)
    if "repaired" in length:
        _rows("length+repair", length["repaired"])
    multiple = length["output_tokens"] / max(direct["output_tokens"], 1)
    print(
        f"output tokens: direct {direct['output_tokens']}, length {length['output_tokens']} ({multiple:.2f}x)"
    )
    before, after = direct["overall"]["pm"], length["overall"]["pm"]
    direct_pm, length_pm = (before["rate"] or 0.0), (after["rate"] or 0.0)
    ratio = f"{length_pm / direct_pm:.2f}x" if direct_pm else "direct PM is 0, so any gain doubles it"
    verdict = "reached" if length_pm >= 2 * direct_pm and length_pm > 0 else "not reached"
    print(
        f"overall PM: direct {100 * direct_pm:.1f}%, length {100 * length_pm:.1f}% ({ratio}); "
        f"target 2x: {verdict}; "
        f"{_apart(before, after)}"
    )


if __name__ == "__main__":
    main()

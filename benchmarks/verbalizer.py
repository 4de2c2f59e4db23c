"""Verbalizer manipulation on one model: accuracy per group (natural, neutral, unnatural) overall
and per task, with 95% Wilson intervals, the natural - unnatural gap, and how often an unnatural
item was answered with the gold label's natural word (the model's prior winning over the prompt).

    python benchmarks/verbalizer.py [--model embedded] [--limit 360] [--max-tokens 8] [--cache PATH]
    python benchmarks/verbalizer.py --run RUN_DIR       # print an existing run's table, run nothing

``--limit`` in multiples of 36 fills every task x group x set cell equally. Every call is
cached, so a rerun regenerates nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

GROUPS = ("natural", "neutral", "unnatural")


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    from adhere.evaluation import EvalSettings, run_eval

    settings = EvalSettings(
        model=args.model, bench="verbalizer", limit=args.limit, max_tokens=args.max_tokens,
        seed=args.seed, cache_path=args.cache, base_url=args.base_url, api_key=args.api_key,
    )  # fmt: skip
    results: dict[str, Any] = run_eval(settings, args.out).as_dict()
    return results


def _read(run: Path) -> dict[str, Any]:
    path = run / "results.json"
    try:
        results: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        sys.exit(f"error: --run {run}: cannot read {path}: {error}")
    if "verbalizer" not in results.get("suites", {}):
        sys.exit(f"error: --run {run}: {path} has no verbalizer section (not a --bench verbalizer run)")
    return results


def _cell(figure: dict[str, Any]) -> str:
    if figure["rate"] is None:
        return f"{'-':>22}"
    low, high = figure["ci95"]
    return f"{100 * figure['rate']:5.1f} [{100 * low:4.1f}-{100 * high:5.1f}] {figure['n']:3}"


def _gap(gap: float | None) -> str:
    return "-" if gap is None else f"{100 * gap:+.1f}"


def _print(results: dict[str, Any]) -> None:
    section = results["suites"]["verbalizer"]
    settings = results.get("settings", {})
    print(
        f"\nverbalizer, {settings.get('limit')} items, max tokens {settings.get('max_tokens')}, "
        f"{settings.get('model')}; accuracy % [95% Wilson CI] n"
    )
    print(f"{'task':10} " + " ".join(f"{g:>22}" for g in GROUPS) + "  gap (nat - unnat)")
    for task, figures in section["per_task"].items():
        print(f"{task:10} " + " ".join(_cell(figures[g]) for g in GROUPS) + f"  {_gap(figures['gap'])}")
    overall = section["per_group"]
    print(f"{'all':10} " + " ".join(_cell(overall[g]) for g in GROUPS) + f"  {_gap(section['gap'])}")
    prior = section["unnatural_answered_natural"]
    print(f"unnatural items answered with the gold label's natural word: {_cell(prior)}")
    if section["errors"]:
        print(f"errors: {section['errors']} items")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--run", type=Path, help="print this run directory's table; run nothing")
    parser.add_argument("--model", default="embedded")
    parser.add_argument("--base-url", help="an OpenAI-compatible endpoint (with --model openai/NAME)")
    parser.add_argument("--api-key")
    parser.add_argument("--limit", type=int, default=360)
    parser.add_argument("--max-tokens", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, help="llama.cpp threads; 1 helps on a busy machine")
    parser.add_argument("--cache", type=Path, default=Path("runs/bench-verbalizer/cache.sqlite"))
    parser.add_argument("--out", type=Path, default=Path("runs/bench-verbalizer/run"))
    args = parser.parse_args()
    if args.threads:
        os.environ["ADHERE_THREADS"] = str(args.threads)  # read when the model loads
    _print(_read(args.run) if args.run else _measure(args))


if __name__ == "__main__":
    main()

"""Strategy lift: each strategy against ``direct`` on the same model, prompts and cache.

Runs the model (default: the embedded SmolLM2-135M) on the first N IFEval prompts
and on N synthetic prompts, once per strategy, and prints prompt-level strict and
loose scores with 95% bootstrap intervals, the score after ``--repair`` (reported
apart: it is not the model's doing), calls and tokens per prompt, and the token
multiple over ``direct`` measured in this run. Strategies know only the
constraints they extract from the prompt text.

    python benchmarks/strategy_lift.py [--limit 100] [--synth 50] [--max-tokens 256] [--n 4,6]

Target: the best model-only strategy at least doubles direct's prompt-level strict
score at no more than 4x its tokens. Every call is cached (``--cache``), so an
interrupted run resumes, and strategies share direct's first answers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from adhere.evaluation import EvalSettings, run_eval
from adhere.strategies import STRATEGIES

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "conformance"


def _run(bench: str, limit: int, label: str, args: argparse.Namespace) -> dict[str, Any]:
    strategy, _, n = label.partition(" n=")
    own = {"best-of-n": {"n": int(n or 4)}, "decrim": {"rounds": args.rounds}}.get(strategy, {})
    settings = EvalSettings(
        model=args.model, bench=bench, limit=limit, max_tokens=args.max_tokens, concurrency=1,
        cache_path=args.cache, strategy=strategy, strategy_options={"repair": True, **own},
    )  # fmt: skip
    out = args.out / bench.replace("/", "_").replace(":", "_") / label.replace(" ", "_")
    return run_eval(settings, out).as_dict()


def _tokens(results: dict[str, Any]) -> int:
    return int(results["tokens"]["input"] + results["tokens"]["output"])


def _pct(results: dict[str, Any], name: str) -> str:
    low, high = results["ci95"][name]
    return f"{100 * results[name]:5.1f} [{100 * low:4.1f}-{100 * high:4.1f}]"


def _line(name: str, results: dict[str, Any], direct: dict[str, Any]) -> str:
    cost = results["cost"]
    extra = ""
    if "selective" in results:
        sel = results["selective"]
        answered = 100 * sel["prompt_strict_answered"]
        extra = f"  coverage {100 * sel['coverage']:.0f}%, strict on answered {answered:.1f}%"
    return (
        f"{name:14} {_pct(results, 'prompt_strict')}  {_pct(results, 'prompt_loose')}  "
        f"{100 * results['repair']['prompt_strict']:5.1f}  {cost['calls_per_sample']:5.2f}  "
        f"{_tokens(results) / results['n']:7.0f}  {_tokens(results) / _tokens(direct):5.2f}x{extra}"
    )


def _report(title: str, runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    direct = runs["direct"]
    print(f"\n{title}: {direct['n']} prompts, model {direct['model']}")
    print("strategy       strict % [95% CI]     loose % [95% CI]     +repair calls  tokens  vs direct")
    for name, results in runs.items():
        print(_line(name, results, direct))
    # The best strategy within the token budget (any, if none is within it).
    model_only = [n for n in runs if n not in ("direct", "selective")]
    within = [n for n in model_only if _tokens(runs[n]) <= 4 * _tokens(direct)] or model_only
    best = max(within, key=lambda n: runs[n]["prompt_strict"])
    lift = runs[best]["prompt_strict"] / direct["prompt_strict"] if direct["prompt_strict"] else float("inf")
    multiple = _tokens(runs[best]) / _tokens(direct)
    met = lift >= 2 and multiple <= 4
    print(
        f"best model-only strategy within 4x tokens: {best}, {lift:.2f}x direct's prompt-level strict "
        f"at {multiple:.2f}x tokens (target >= 2x at <= 4x): {'met' if met else 'NOT met'}"
    )
    return {"best": best, "lift": lift, "token_multiple": multiple, "target_met": met}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="embedded")
    parser.add_argument("--limit", type=int, default=100, help="IFEval prompts (the first N)")
    parser.add_argument("--synth", type=int, default=50, help="synthetic prompts (0: none)")
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--n", default="4", help="best-of-n's n; several (4,6) run best-of-n once each")
    parser.add_argument("--rounds", type=int, default=3, help="decrim's rounds")
    parser.add_argument("--strategies", default=",".join(STRATEGIES))
    parser.add_argument("--data", type=Path, default=SHARED / "ifeval" / "input_data.jsonl")
    parser.add_argument("--cache", type=Path, default=Path("runs/strategy_lift/cache.sqlite"))
    parser.add_argument("--out", type=Path, default=Path("runs/strategy_lift"))
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data}: no IFEval input file (pass --data)")
    names = []
    for name in args.strategies.split(","):
        if name == "best-of-n":
            names += [f"best-of-n n={n}" for n in args.n.split(",")]
        elif name != "direct":
            names.append(name)
    names = ["direct", *names]
    summary = {}
    for title, bench, limit in (("IFEval", str(args.data), args.limit), ("synth", "synth", args.synth)):
        if limit:
            runs = {name: _run(bench, limit, name, args) for name in names}
            summary[title] = _report(title, runs)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()

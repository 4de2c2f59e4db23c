"""Self-play: one ``adhere improve`` iteration on the embedded model, measured.

The model answers synth training prompts (``direct``), the tree strategy refines its answers,
verified improvements become DPO preference pairs, a LoRA adapter is trained and merged, the
merged model is written as GGUF, and then ``direct`` of the base model and of the trained one are
scored on IFEval (all 541 prompts by default; none is trained on) and on a held-out synth set
(another seed). With F16 weights (the default) the untrained model written the same way is
scored too (the control), so the change of weight type is not taken for training's effect.

Printed: prompt-level strict before and after with 95% bootstrap intervals; the paired
difference with a paired bootstrap 95% interval (prompts resampled) and McNemar's exact
two-sided test on the prompts that flipped; the number of pairs; each stage's wall time.

    python benchmarks/self_play.py [--train-prompts 100] [--eval-limit N] [--max-tokens 512] [--max-steps N]
                                   [--out runs/self-play] [--no-control]

Target: after one iteration, ``direct`` gains at least 5 points of IFEval prompt-level strict
over the base model. Every model call is cached and every stage is kept, so an interrupted run
resumes where it stopped (rerun the same command). The base model's IFEval answers at the
default settings (512 tokens, greedy, seed 0) are shared with ``adhere eval --bench PATH``'s.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from adhere.improve import ImproveSettings, StageOutcome, run_improve

IFEVAL = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "conformance" / "ifeval" / "input_data.jsonl"
)
TARGET_POINTS = 5.0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--train-prompts", type=int, default=100, help="synth training prompts (seed 1)")
    parser.add_argument("--heldout", type=int, default=50, help="held-out synth prompts (seed 0)")
    parser.add_argument("--eval-bench", type=Path, default=IFEVAL, help="IFEval-format file to evaluate")
    parser.add_argument("--eval-limit", type=int, default=None, help="first N of --eval-bench (default: all)")
    parser.add_argument("--max-tokens", type=int, default=512, help="tokens per answer, every stage")
    parser.add_argument("--epochs", type=float, default=2.0, help="DPO passes over the pairs")
    parser.add_argument("--max-steps", type=int, default=-1, help="DPO steps at most (-1: --epochs)")
    parser.add_argument("--lr", type=float, default=1e-4, help="DPO learning rate")
    parser.add_argument("--gguf-type", default="f16", choices=["source", "f16", "f32"])
    parser.add_argument("--no-control", action="store_true", help="skip the untrained F16 control arm")
    parser.add_argument("--model", default="embedded")
    parser.add_argument("--cache", type=Path, default=None, help="completion cache (default: adhere's)")
    parser.add_argument("--out", type=Path, default=Path("runs/self-play"))
    return parser.parse_args()


def _stage_done(outcome: StageOutcome) -> None:
    how = "kept from an earlier run" if outcome.skipped else "done"
    print(f"stage {outcome.name:<9} {how} ({outcome.wall_s:.0f} s)", file=sys.stderr, flush=True)


def main() -> None:
    args = _arguments()
    settings = ImproveSettings(
        out=args.out, model=args.model, train_prompts=args.train_prompts, heldout_prompts=args.heldout,
        eval_bench=args.eval_bench, eval_limit=args.eval_limit, max_tokens=args.max_tokens,
        epochs=args.epochs, max_steps=args.max_steps, learning_rate=args.lr, gguf_type=args.gguf_type,
        control=not args.no_control,
        cache_path=args.cache,
    )  # fmt: skip
    report = run_improve(settings, _stage_done)
    print(report.render())
    headline = next(
        (c for c in report.comparisons if c.bench == "eval" and (c.after, c.before) == ("trained", "base")),
        None,
    )
    if headline is not None:
        met = 100 * headline.delta >= TARGET_POINTS
        low, high = (100 * bound for bound in headline.delta_ci95)
        print(
            f"\nIFEval prompt-level strict, direct: {100 * headline.before_score:.1f}% -> "
            f"{100 * headline.after_score:.1f}% ({100 * headline.delta:+.1f} points, paired 95% interval "
            f"[{low:+.1f}, {high:+.1f}], McNemar p={headline.mcnemar_p:.3g}, n={headline.paired}); "
            f"target +{TARGET_POINTS:.0f} points: {'met' if met else 'NOT met'}"
        )
    print(f"figures in {args.out / 'improve.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Before against after on one prompt set: prompt-level strict of two arms on the same prompts,
the difference with a paired bootstrap 95% interval, and McNemar's exact test on the prompts
that one arm passed and the other failed (``adhere compare``'s statistics)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["COMPARED", "compare_arms"]

#: (after, before): training's effect against the base model, and against the base model written
#: the same way as the trained one (the control), which leaves out the change of weight type.
COMPARED = (("trained", "base"), ("trained", "control"))


def compare_arms(bench: str, runs: Mapping[str, Path]) -> list[dict[str, Any]]:
    from adhere.report import compare_runs, load_run

    out = []
    for after, before in COMPARED:
        if after not in runs or before not in runs:
            continue
        # min_shared=1: a small development run is still compared; its interval says how little it shows.
        comparison = compare_runs(load_run(runs[before], before), load_run(runs[after], after), min_shared=1)
        metric = next(m for m in comparison.metrics if m.name == "prompt_strict")
        out.append(
            {
                "bench": bench,
                "before": before,
                "after": after,
                "paired": comparison.paired,
                "before_score": metric.a,
                "after_score": metric.b,
                "delta": metric.delta,
                "delta_ci95": [metric.low, metric.high],
                "mcnemar_p": metric.p_value,
                "fail_to_pass": len(comparison.fail_to_pass),
                "pass_to_fail": len(comparison.pass_to_fail),
            }
        )
    return out

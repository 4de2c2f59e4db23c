"""Metrics over evaluated responses: IFEval's prompt- and instruction-level accuracy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from adhere.constraints import Evaluation

__all__ = ["Metrics", "TypeMetrics", "summarize"]


@dataclass(frozen=True)
class TypeMetrics:
    """Accuracy on one instruction type, over every instruction of that type."""

    count: int
    strict: float
    loose: float


@dataclass(frozen=True)
class Metrics:
    n: int
    prompt_strict: float
    prompt_loose: float
    instruction_strict: float
    instruction_loose: float
    by_instruction: dict[str, TypeMetrics] = field(default_factory=dict)

    def headline(self) -> dict[str, float | int]:
        return {
            "prompt_strict": self.prompt_strict,
            "prompt_loose": self.prompt_loose,
            "instruction_strict": self.instruction_strict,
            "instruction_loose": self.instruction_loose,
            "n": self.n,
        }


def _mean(values: Sequence[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def summarize(scored: Iterable[tuple[Sequence[str], Evaluation]]) -> Metrics:
    """Metrics from (instruction ids, evaluation) pairs, one per response."""
    prompt_strict: list[bool] = []
    prompt_loose: list[bool] = []
    per_type: dict[str, tuple[list[bool], list[bool]]] = {}
    for ids, evaluation in scored:
        prompt_strict.append(evaluation.follows_all_strict)
        prompt_loose.append(evaluation.follows_all_loose)
        for instruction_id, strict, loose in zip(ids, evaluation.strict, evaluation.loose, strict=True):
            strict_list, loose_list = per_type.setdefault(instruction_id, ([], []))
            strict_list.append(strict.ok)
            loose_list.append(loose)
    all_strict = [ok for s, _ in per_type.values() for ok in s]
    all_loose = [ok for _, lo in per_type.values() for ok in lo]
    return Metrics(
        n=len(prompt_strict),
        prompt_strict=_mean(prompt_strict),
        prompt_loose=_mean(prompt_loose),
        instruction_strict=_mean(all_strict),
        instruction_loose=_mean(all_loose),
        by_instruction={
            instruction_id: TypeMetrics(len(s), _mean(s), _mean(lo))
            for instruction_id, (s, lo) in sorted(per_type.items())
        },
    )


_HEADLINE = ("prompt_strict", "prompt_loose", "instruction_strict", "instruction_loose")


def bootstrap_intervals(
    scored: Sequence[tuple[str, Sequence[str], Evaluation]], replicates: int = 1000, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """95% percentile intervals for the four headline metrics.

    ``scored`` holds (prompt key, instruction ids, evaluation) per response.
    Prompts are resampled with all their responses (a cluster bootstrap), since
    draws of one prompt are not independent.
    """
    import random

    clusters: dict[str, list[int]] = {}
    for key, _ids, evaluation in scored:
        # per prompt: responses, prompt passes (strict, loose), instructions, instruction passes
        c = clusters.setdefault(key, [0, 0, 0, 0, 0, 0])
        c[0] += 1
        c[1] += evaluation.follows_all_strict
        c[2] += evaluation.follows_all_loose
        c[3] += len(evaluation.strict)
        c[4] += sum(v.ok for v in evaluation.strict)
        c[5] += sum(evaluation.loose)
    if not clusters:
        return {name: (0.0, 0.0) for name in _HEADLINE}
    rows = list(clusters.values())
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {name: [] for name in _HEADLINE}
    for _ in range(replicates):
        total = [0, 0, 0, 0, 0, 0]
        for row in rng.choices(rows, k=len(rows)):
            for i in range(6):
                total[i] += row[i]
        draws["prompt_strict"].append(total[1] / total[0])
        draws["prompt_loose"].append(total[2] / total[0])
        draws["instruction_strict"].append(total[4] / total[3] if total[3] else 0.0)
        draws["instruction_loose"].append(total[5] / total[3] if total[3] else 0.0)
    return {name: _percentiles(values) for name, values in draws.items()}


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    last = len(ordered) - 1
    return ordered[round(0.025 * last)], ordered[round(0.975 * last)]

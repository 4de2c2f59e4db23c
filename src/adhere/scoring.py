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

"""The strategy sections of results.json (strategy, cost, repair, selective), from run records alone,
so ``adhere score`` on a strategy run reproduces them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from adhere.runlog import SampleRecord, TurnRecord, tokens_by_purpose

__all__ = ["strategy_sections"]


def _direct_tokens(record: SampleRecord) -> int:
    """Tokens of each turn's first answer to the bare prompt: the calls ``direct`` makes."""
    total = 0
    for turn in record.generated:
        first = next((c for c in turn.calls if c.purpose == "answer"), None)
        total += first.input_tokens + first.output_tokens if first else 0
    return total


def _cost(done: Sequence[SampleRecord]) -> dict[str, Any]:
    if not done:
        return {}
    total = sum(r.input_tokens + r.output_tokens for r in done)
    direct = sum(_direct_tokens(r) for r in done)
    return {
        "calls_per_sample": round(sum(len(r.calls) for r in done) / len(done), 4),
        "input_tokens_per_sample": round(sum(r.input_tokens for r in done) / len(done), 2),
        "output_tokens_per_sample": round(sum(r.output_tokens for r in done) / len(done), 2),
        "calls_by_purpose": dict(Counter(c.purpose for r in done for c in r.calls)),
        # Each purpose's own tokens: the decomposer's may be another model's (--extract-model).
        "tokens_by_purpose": tokens_by_purpose(c for r in done for c in r.calls),
        # Estimated within the run: each turn's first plain answer stands in for direct's call.
        "cost_multiple_vs_direct": round(total / direct, 4) if direct else None,
    }


def _mean(values: Sequence[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def _repair_section(done: Sequence[SampleRecord]) -> dict[str, Any]:
    turns = [t for r in done for t in r.generated if t.repaired_scored is not None]
    prompt_strict = [all(t.repaired_scored.strict) for t in turns if t.repaired_scored]
    prompt_loose = [all(t.repaired_scored.loose) for t in turns if t.repaired_scored]
    strict = [ok for t in turns if t.repaired_scored for ok in t.repaired_scored.strict]
    loose = [ok for t in turns if t.repaired_scored for ok in t.repaired_scored.loose]
    return {
        "prompt_strict": _mean(prompt_strict),
        "prompt_loose": _mean(prompt_loose),
        "instruction_strict": _mean(strict),
        "instruction_loose": _mean(loose),
        "n": len(turns),
        "repairs_applied": dict(Counter(fix for t in turns for fix in t.repairs)),
        "note": "scores after mechanical repair of the final answer; the headline scores are the model's own",
    }


def _selective_turns(done: Sequence[SampleRecord]) -> list[TurnRecord]:
    return [t for r in done for t in r.generated if t.details.get("answered") is not None and t.scored]


def _selective_section(done: Sequence[SampleRecord]) -> dict[str, Any]:
    turns = _selective_turns(done)
    answered = [t for t in turns if t.details["answered"]]
    return {
        "threshold": turns[0].details["threshold"] if turns else None,
        "coverage": len(answered) / len(turns) if turns else 0.0,
        "answered": len(answered),
        # Accuracy of the answers the judge let through, judged on the model's own answer.
        "prompt_strict_answered": _mean([all(t.scored.strict) for t in answered if t.scored]),
        "prompt_loose_answered": _mean([all(t.scored.loose) for t in answered if t.scored]),
    }


def strategy_sections(records: Sequence[SampleRecord]) -> dict[str, Any]:
    """The strategy parts of results.json, or nothing for a run without a strategy."""
    named = [r for r in records if r.strategy is not None]
    if not named:
        return {}
    done = [r for r in named if r.error is None]
    sections: dict[str, Any] = {
        "strategy": named[0].strategy,
        "oracle_constraints": any(r.knowledge == "oracle" for r in named),
        "cost": _cost(done),
    }
    if any(t.repaired is not None for r in done for t in r.turns):
        sections["repair"] = _repair_section(done)
    if named[0].strategy == "selective":
        sections["selective"] = _selective_section(done)
    return sections

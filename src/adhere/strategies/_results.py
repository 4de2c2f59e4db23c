"""Run-log rows for strategy outcomes, and the strategy sections of results.json.

Everything here is computed from the rows alone, so ``adhere score`` on a
strategy run reproduces it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from adhere.benchmarks import sample_from_row
from adhere.constraints import evaluate
from adhere.scoring import summarize
from adhere.strategies._repair import repaired
from adhere.strategies._run import Solved
from adhere.strategies._settings import StrategySettings

__all__ = ["strategy_row", "strategy_sections"]


def strategy_row(solved: Solved, name: str, settings: StrategySettings) -> dict[str, Any]:
    """The strategy's part of a sample row: answer, trace, cost, and (with repair) the fixed answer."""
    outcome = solved.outcome
    row: dict[str, Any] = {
        "strategy": name,
        "knowledge": "oracle" if settings.oracle_constraints else "extracted",
    }
    if outcome is None:
        return row | {"response": None, "error": solved.error}
    calls = [call.as_dict() for call in outcome.calls]
    row |= {
        "response": outcome.response,
        "error": None,
        "usage": {"input_tokens": outcome.input_tokens, "output_tokens": outcome.output_tokens},
        "latency_s": round(outcome.latency_s, 4),
        "cached": all(c["cached"] for c in calls),
        "known": list(outcome.known),
        "passed_own_checks": outcome.passed_own_checks,
        "details": dict(outcome.details),
        "calls": calls,
    }
    if settings.repair:
        row["repaired_response"], row["repairs"] = repaired(outcome)
    return row


def _direct_tokens(row: dict[str, Any]) -> int:
    """Tokens of the row's first answer to the bare prompt: the call ``direct`` makes."""
    first = next((c for c in row["calls"] if c["purpose"] == "answer"), None)
    return first["input_tokens"] + first["output_tokens"] if first else 0


def _cost(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    done = [row for row in rows if row.get("calls") is not None]
    if not done:
        return {}
    total = sum(row["usage"]["input_tokens"] + row["usage"]["output_tokens"] for row in done)
    direct = sum(_direct_tokens(row) for row in done)
    return {
        "calls_per_sample": round(sum(len(row["calls"]) for row in done) / len(done), 4),
        "input_tokens_per_sample": round(sum(row["usage"]["input_tokens"] for row in done) / len(done), 2),
        "output_tokens_per_sample": round(sum(row["usage"]["output_tokens"] for row in done) / len(done), 2),
        "calls_by_purpose": dict(Counter(c["purpose"] for row in done for c in row["calls"])),
        # Estimated within the run: each sample's first plain answer stands in for direct's call.
        "cost_multiple_vs_direct": round(total / direct, 4) if direct else None,
    }


def _repair_section(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    fixed = [row for row in rows if row.get("repaired_response") is not None]
    scored = [
        (row["instruction_id_list"], evaluate(sample_from_row(row).constraints, row["repaired_response"]))
        for row in fixed
    ]
    return {
        **summarize(scored).headline(),
        "repairs_applied": dict(Counter(fix for row in fixed for fix in row["repairs"])),
        "note": "scores after mechanical repair of the final answer; the headline scores are the model's own",
    }


def _selective_section(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    done = [row for row in rows if row.get("details", {}).get("answered") is not None]
    answered = [row for row in done if row["details"]["answered"]]
    return {
        "threshold": done[0]["details"]["threshold"] if done else None,
        "coverage": len(answered) / len(done) if done else 0.0,
        "answered": len(answered),
        # Accuracy of the answers the judge let through, judged on the model's own answer.
        "prompt_strict_answered": _share(answered, "strict"),
        "prompt_loose_answered": _share(answered, "loose"),
    }


def _share(rows: Sequence[dict[str, Any]], mode: str) -> float:
    return sum(all(row[mode]) for row in rows) / len(rows) if rows else 0.0


def strategy_sections(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The strategy parts of results.json, or nothing for a run without a strategy."""
    named = [row for row in rows if "strategy" in row]
    if not named:
        return {}
    sections: dict[str, Any] = {
        "strategy": named[0]["strategy"],
        "oracle_constraints": any(row["knowledge"] == "oracle" for row in named),
        "cost": _cost(named),
    }
    if any("repaired_response" in row for row in named):
        sections["repair"] = _repair_section(named)
    if named[0]["strategy"] == "selective":
        sections["selective"] = _selective_section([r for r in named if "strict" in r])
    return sections

"""The data an HTML report carries: every figure and sample, as plain JSON the page's script reads.

Long texts are cut (with a note of how much) so a 541-prompt run with a
multi-call strategy stays a file a browser opens quickly; the run log keeps
every character.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from adhere.report._compare import Comparison
from adhere.report._runs import LoadedRun
from adhere.report._stats import wilson_interval
from adhere.runlog import Call, Candidate, ConstraintRef, SampleRecord, Scored, TurnRecord

__all__ = ["report_payload"]

_HEADLINE = ("prompt_strict", "prompt_loose", "instruction_strict", "instruction_loose")
#: Characters kept of a reply or user turn, and of a strategy call's text or request.
_TEXT_LIMIT = 6000
_CALL_LIMIT = 2500


def _cut(text: str | None, limit: int = _TEXT_LIMIT) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit} more characters in the run log]"


def _verdicts(refs: Sequence[ConstraintRef], scored: Scored | None) -> list[dict[str, Any]]:
    out = []
    for i, ref in enumerate(refs):
        row: dict[str, Any] = {"id": ref.id, "kwargs": dict(ref.kwargs)}
        if scored is not None:
            row |= {"strict": scored.strict[i], "loose": scored.loose[i], "reason": scored.reasons[i]}
        out.append(row)
    return out


def _call(call: Call, user: str) -> dict[str, Any]:
    asked = next((m.get("content", "") for m in reversed(call.messages) if m.get("role") == "user"), "")
    return {
        "purpose": call.purpose,
        # The turn's own prompt is shown once, above; a revision's or judge's request is shown here.
        "asked": None if asked == user else _cut(asked, _CALL_LIMIT),
        "text": _cut(call.text, _CALL_LIMIT),
        "in": call.input_tokens,
        "out": call.output_tokens,
        "cached": call.cached,
        "latency": round(call.latency_s, 3),
        "finish": call.finish_reason,
    }


def _candidate(candidate: Candidate, calls: Sequence[Call]) -> dict[str, Any]:
    # A candidate is usually some call's text: point at that call rather than carry the text twice.
    same = next((i for i, c in enumerate(calls) if c.text == candidate.text), None)
    return {
        "call": same,
        "text": None if same is not None else _cut(candidate.text, _CALL_LIMIT),
        "passed": candidate.passed,
        "known": candidate.known,
        "failures": list(candidate.failures),
    }


def _turn(turn: TurnRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "user": _cut(turn.user),
        "reply": _cut(turn.reply),
        "fixed": turn.fixed,
        "constraints": _verdicts(turn.constraints, turn.scored),
    }
    if turn.fixed:
        return out
    out |= {
        "calls": [_call(c, turn.user) for c in turn.calls],
        "candidates": [_candidate(c, turn.calls) for c in turn.candidates],
        "details": {k: v for k, v in turn.details.items() if isinstance(v, str | int | float | bool)},
    }
    if turn.repaired is not None:
        out["repaired"] = _cut(turn.repaired)
    return out


def _sample(record: SampleRecord) -> dict[str, Any]:
    flat = record.flat_verdicts()
    return {
        "id": str(record.key) if record.draw == 0 else f"{record.key}#{record.draw}",
        "system": _cut(record.system),
        "error": record.error,
        "strict": all(flat.strict) if flat else None,
        "loose": all(flat.loose) if flat else None,
        "types": sorted(set(record.instruction_ids)),
        "tokens": record.input_tokens + record.output_tokens,
        "calls": len(record.calls),
        "turns": [_turn(t) for t in record.turns],
        "conversation": _verdicts(record.conversation, record.conversation_scored),
    }


def _by_type(run: LoadedRun) -> list[dict[str, Any]]:
    rows = []
    for instruction_id, row in run.results.metrics.by_instruction.items():
        low, high = wilson_interval(round(row.strict * row.count), row.count)
        rows.append(
            {"id": instruction_id, "n": row.count, "strict": row.strict, "low": low, "high": high}
            | {"loose": row.loose}
        )
    return sorted(rows, key=lambda r: (r["strict"], r["id"]))


def _selective_curve(run: LoadedRun) -> list[dict[str, float]]:
    """Coverage against accuracy as the confidence threshold falls: one point per answered turn."""
    turns = [
        (float(t.details["confidence"]), all(t.scored.strict))
        for r in run.answered
        for t in r.generated
        if t.scored is not None and isinstance(t.details.get("confidence"), int | float)
    ]
    turns.sort(key=lambda pair: -pair[0])
    curve, passed = [], 0
    for k, (confidence, ok) in enumerate(turns, start=1):
        passed += ok
        curve.append({"coverage": k / len(turns), "accuracy": passed / k, "threshold": confidence})
    return curve


def _run(run: LoadedRun) -> dict[str, Any]:
    results = run.results
    headline = results.metrics.headline()
    cost: Mapping[str, Any] = results.strategy.get("cost") or {}
    return {
        "label": run.label,
        "path": str(run.path),
        "model": run.model,
        "strategy": run.strategy,
        "benchmark": run.benchmark,
        "n": results.metrics.n,
        "n_prompts": results.n_prompts,
        "errors": results.errors,
        "complete": results.complete,
        "wall_time_s": results.run.get("wall_time_s"),
        "metrics": {m: [headline[m], *results.intervals.get(m, (0.0, 0.0))] for m in _HEADLINE},
        "tokens": {"input": results.input_tokens, "output": results.output_tokens},
        "tokens_per_sample": run.tokens_per_sample,
        "calls_per_sample": run.calls_per_sample,
        "calls_by_purpose": _calls_by_purpose(run),
        "cost_multiple_vs_direct": cost.get("cost_multiple_vs_direct"),
        "by_type": _by_type(run),
        "per_turn": [asdict(t) for t in results.per_turn],
        "selective": _selective_curve(run),
        "paraphrases": results.paraphrases.as_dict() if results.paraphrases is not None else None,
        "samples": [_sample(r) for r in run.records],
    }


def _calls_by_purpose(run: LoadedRun) -> dict[str, float]:
    done = run.answered
    counts: dict[str, int] = {}
    for call in (c for r in done for c in r.calls):
        counts[call.purpose] = counts.get(call.purpose, 0) + 1
    return {purpose: count / len(done) for purpose, count in sorted(counts.items())} if done else {}


def report_payload(runs: Sequence[LoadedRun], comparison: Comparison | None) -> dict[str, Any]:
    return {
        "runs": [_run(r) for r in runs],
        "comparison": comparison.as_dict() if comparison is not None else None,
    }

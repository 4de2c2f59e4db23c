"""The run record: what a run did, typed, versioned, and the only way run files are written and read.

A run directory holds ``samples.jsonl`` (one :class:`SampleRecord` per sample
and draw) and ``results.json`` (the settings and the metrics). Every writer
goes through :func:`write_samples`; every consumer (``adhere score``, reports,
comparisons, training exports, the proxy's log) reads :func:`read_samples`.

Schema 2 records conversations: each turn with its constraints, every model
call (purpose, messages, sampling settings, text, finish reason, tokens,
latency, cache hit), every candidate a strategy considered with its verdict,
the final reply and its verdicts. Rows also carry a flat summary (``prompt``,
``response``, ``instruction_id_list``, ``strict``, ``loose``, ``reasons``) for
people and simple scripts; it is derived, and ignored on reading. Schema 1
rows (one prompt, one reply) are read and upgraded; a newer schema is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from adhere._files import write_json, write_jsonl
from adhere._jsonl import read_jsonl
from adhere.errors import AdhereError, InputError

__all__ = [
    "RESULTS_FILE",
    "SAMPLES_FILE",
    "SCHEMA_VERSION",
    "Call",
    "Candidate",
    "ConstraintRef",
    "SampleRecord",
    "TurnRecord",
    "read_results",
    "read_samples",
    "tokens_by_purpose",
    "write_run",
]

SAMPLES_FILE = "samples.jsonl"
RESULTS_FILE = "results.json"
#: Bumped whenever a field of results.json or samples.jsonl changes meaning.
SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Call:
    """One model call: why it was made, what was sent, what came back, and its cost."""

    purpose: str
    messages: tuple[Mapping[str, str], ...]
    text: str
    input_tokens: int
    output_tokens: int
    latency_s: float
    cached: bool
    config: Mapping[str, Any] = field(default_factory=dict)
    finish_reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "purpose": self.purpose,
            "messages": [dict(m) for m in self.messages],
            "config": dict(self.config),
            "text": self.text,
            "finish_reason": self.finish_reason,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "latency_s": round(self.latency_s, 4),
            "cached": self.cached,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Call:
        return cls(
            data["purpose"],
            tuple(data.get("messages") or ()),
            data["text"],
            int(data["input_tokens"]),
            int(data["output_tokens"]),
            float(data["latency_s"]),
            bool(data["cached"]),
            dict(data.get("config") or {}),
            data.get("finish_reason"),
        )


def tokens_by_purpose(calls: Iterable[Call]) -> dict[str, dict[str, int]]:
    """Input and output tokens summed per purpose: the decomposer's may be another model's."""
    out: dict[str, dict[str, int]] = {}
    for call in calls:
        tokens = out.setdefault(call.purpose, {"input": 0, "output": 0})
        tokens["input"] += call.input_tokens
        tokens["output"] += call.output_tokens
    return out


@dataclass(frozen=True)
class Candidate:
    """An answer a strategy considered, and its own verdict on it against the constraints it knew."""

    text: str
    passed: int
    known: int
    failures: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "passed": self.passed,
            "known": self.known,
            "failures": list(self.failures),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Candidate:
        return cls(data["text"], int(data["passed"]), int(data["known"]), tuple(data.get("failures") or ()))


@dataclass(frozen=True)
class ConstraintRef:
    """A constraint as the run file names it: its id and kwargs."""

    id: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kwargs": dict(self.kwargs)}


@dataclass(frozen=True)
class Scored:
    """Verdicts of one reply (or of the conversation rules), aligned with their constraints."""

    strict: tuple[bool, ...]
    loose: tuple[bool, ...]
    reasons: tuple[str | None, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"strict": list(self.strict), "loose": list(self.loose), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class TurnRecord:
    """One user turn and what became of it."""

    user: str
    constraints: tuple[ConstraintRef, ...] = ()
    #: The reply the benchmark fixed: history, never generated or scored.
    fixed: bool = False
    #: The final answer (after any reasoning trace); None when there is none (an error, or a trace
    #: that never closed).
    reply: str | None = None
    #: The text as the model gave it, when it differs from ``reply`` (a reasoning trace).
    raw: str | None = None
    had_reasoning: bool = False
    finish_reason: str | None = None
    calls: tuple[Call, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    #: A strategy's knowledge: the constraints it checked (id, kwargs, description; or soft text).
    known: tuple[Mapping[str, Any], ...] | None = None
    passed_own_checks: bool | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    repaired: str | None = None
    repairs: tuple[str, ...] = ()
    scored: Scored | None = None
    #: The repaired reply's verdicts (only with repair).
    repaired_scored: Scored | None = None

    @property
    def input_tokens(self) -> int:
        return sum(c.input_tokens for c in self.calls)

    @property
    def output_tokens(self) -> int:
        return sum(c.output_tokens for c in self.calls)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"user": self.user, "constraints": [c.as_dict() for c in self.constraints]}
        if self.fixed:
            return out | {"fixed": True, "reply": self.reply}
        out |= {"reply": self.reply, "finish_reason": self.finish_reason}
        if self.raw is not None:
            out["raw"] = self.raw
        out["had_reasoning"] = self.had_reasoning
        out["calls"] = [c.as_dict() for c in self.calls]
        if self.candidates:
            out["candidates"] = [c.as_dict() for c in self.candidates]
        if self.known is not None:
            out |= {"known": [dict(k) for k in self.known], "passed_own_checks": self.passed_own_checks}
        if self.details:
            out["details"] = dict(self.details)
        if self.repaired is not None:
            out |= {"repaired_response": self.repaired, "repairs": list(self.repairs)}
        if self.scored is not None:
            out |= self.scored.as_dict()
        if self.repaired_scored is not None:
            out["repaired_verdicts"] = self.repaired_scored.as_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TurnRecord:
        refs = tuple(ConstraintRef(c["id"], c.get("kwargs") or {}) for c in data.get("constraints") or ())
        if data.get("fixed"):
            return cls(data["user"], refs, fixed=True, reply=data.get("reply"))
        known = data.get("known")
        return cls(
            user=data["user"],
            constraints=refs,
            reply=data.get("reply"),
            raw=data.get("raw"),
            had_reasoning=bool(data.get("had_reasoning")),
            finish_reason=data.get("finish_reason"),
            calls=tuple(Call.from_dict(c) for c in data.get("calls") or ()),
            candidates=tuple(Candidate.from_dict(c) for c in data.get("candidates") or ()),
            known=tuple(known) if known is not None else None,
            passed_own_checks=data.get("passed_own_checks"),
            details=data.get("details") or {},
            repaired=data.get("repaired_response"),
            repairs=tuple(data.get("repairs") or ()),
        )


@dataclass(frozen=True)
class SampleRecord:
    """One sample (and draw) of a run: the conversation as played, the errors, the verdicts."""

    key: Any  # the benchmark's key, as the benchmark wrote it (a string or a number)
    turns: tuple[TurnRecord, ...]
    draw: int = 0
    system: str | None = None
    conversation: tuple[ConstraintRef, ...] = ()
    error: str | None = None
    strategy: str | None = None
    #: "oracle" or "extracted": what the strategy was told about the constraints.
    knowledge: str | None = None
    conversation_scored: Scored | None = None
    latency_s: float | None = None
    #: Every reply came from the completion cache.
    cached: bool | None = None
    #: What the benchmark says about the sample (e.g. its suite, scenario or target), kept for
    #: suite-level results; JSON values only.
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        return self.error is None

    @property
    def generated(self) -> list[TurnRecord]:
        return [t for t in self.turns if not t.fixed]

    @property
    def calls(self) -> list[Call]:
        return [c for t in self.turns for c in t.calls]

    @property
    def input_tokens(self) -> int:
        return sum(t.input_tokens for t in self.turns)

    @property
    def output_tokens(self) -> int:
        return sum(t.output_tokens for t in self.turns)

    @property
    def instruction_ids(self) -> list[str]:
        return [c.id for t in self.generated for c in t.constraints] + [c.id for c in self.conversation]

    def messages(self) -> list[dict[str, str]]:
        """The conversation as played, up to the last user turn."""
        out = [{"role": "system", "content": self.system}] if self.system is not None else []
        for turn in self.turns[:-1]:
            out += [
                {"role": "user", "content": turn.user},
                {"role": "assistant", "content": turn.reply or ""},
            ]
        return [*out, {"role": "user", "content": self.turns[-1].user}]

    def with_verdicts(self, turns: Sequence[Scored | None], conversation: Scored | None) -> SampleRecord:
        """This record with the verdicts of its generated turns (in order) and conversation rules."""
        scored = iter(turns)
        new_turns = tuple(t if t.fixed else replace(t, scored=next(scored)) for t in self.turns)
        return replace(self, turns=new_turns, conversation_scored=conversation)

    def flat_verdicts(self) -> Scored | None:
        parts = [t.scored for t in self.generated] + [self.conversation_scored]
        if self.error is not None or any(p is None for p in parts):
            return None
        present = [p for p in parts if p is not None]
        return Scored(
            tuple(v for p in present for v in p.strict),
            tuple(v for p in present for v in p.loose),
            tuple(v for p in present for v in p.reasons),
        )

    def as_dict(self) -> dict[str, Any]:
        last = self.turns[-1]
        out: dict[str, Any] = {"key": self.key, "draw": self.draw}
        # The flat summary: derived, for people and simple scripts; reading ignores it.
        out |= {
            "prompt": last.user,
            "instruction_id_list": self.instruction_ids,
            "kwargs": [dict(c.kwargs) for t in self.generated for c in t.constraints]
            + [dict(c.kwargs) for c in self.conversation],
            "response": last.reply if self.error is None else None,
        }
        flat = self.flat_verdicts()
        if flat is not None:
            out |= flat.as_dict()
        if self.system is not None or len(self.turns) > 1:
            out["messages"] = self.messages()
        out |= {
            "error": self.error,
            "usage": {"input_tokens": self.input_tokens, "output_tokens": self.output_tokens},
        }
        if self.latency_s is not None:
            out["latency_s"] = round(self.latency_s, 4)
        if self.cached is not None:
            out["cached"] = self.cached
        if self.strategy is not None:
            out |= {"strategy": self.strategy, "knowledge": self.knowledge}
        if self.metadata:
            out["metadata"] = dict(self.metadata)
        out |= {"system": self.system, "turns": [t.as_dict() for t in self.turns]}
        if self.conversation:
            out["conversation"] = [c.as_dict() for c in self.conversation]
            if self.conversation_scored is not None:
                out["conversation_verdicts"] = self.conversation_scored.as_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SampleRecord:
        if "turns" not in data:
            return _from_schema_1(data)
        return cls(
            key=data["key"],
            draw=int(data.get("draw") or 0),
            system=data.get("system"),
            turns=tuple(TurnRecord.from_dict(t) for t in data["turns"]),
            conversation=tuple(
                ConstraintRef(c["id"], c.get("kwargs") or {}) for c in data.get("conversation") or ()
            ),
            error=data.get("error"),
            strategy=data.get("strategy"),
            knowledge=data.get("knowledge"),
            latency_s=data.get("latency_s"),
            cached=data.get("cached"),
            metadata=data.get("metadata") or {},
        )


def _from_schema_1(data: Mapping[str, Any]) -> SampleRecord:
    """A row written by adhere 0.1 (schema 1): one prompt, its history as ``messages``, one reply."""
    refs = tuple(
        ConstraintRef(i, k or {})
        for i, k in zip(
            data["instruction_id_list"],
            data.get("kwargs") or [{}] * len(data["instruction_id_list"]),
            strict=True,
        )
    )
    history = list(data.get("messages") or [])[:-1]
    system = history.pop(0)["content"] if history and history[0].get("role") == "system" else None
    fixed = tuple(
        TurnRecord(history[i]["content"], fixed=True, reply=history[i + 1]["content"])
        for i in range(0, len(history) - 1, 2)
    )
    usage_calls: tuple[Call, ...] = tuple(Call.from_dict(c) for c in data.get("calls") or ())
    if not usage_calls and data.get("response") is not None:
        # A plain run kept no call records; its usage stands for the one call it made.
        usage = data.get("usage") or {}
        usage_calls = (
            Call(
                "answer",
                (),
                data["response"],
                int(usage.get("input_tokens") or 0),
                int(usage.get("output_tokens") or 0),
                float(data.get("latency_s") or 0.0),
                bool(data.get("cached")),
            ),
        )
    details = dict(data.get("details") or {})
    last = TurnRecord(
        user=data["prompt"],
        constraints=refs,
        reply=data.get("response"),
        calls=usage_calls,
        known=tuple(data["known"]) if data.get("known") is not None else None,
        passed_own_checks=data.get("passed_own_checks"),
        details=details,
        repaired=data.get("repaired_response"),
        repairs=tuple(data.get("repairs") or ()),
    )
    return SampleRecord(
        key=data["key"],
        turns=(*fixed, last),
        draw=int(data.get("draw") or 0),
        system=system,
        error=data.get("error"),
        strategy=data.get("strategy"),
        knowledge=data.get("knowledge"),
        latency_s=data.get("latency_s"),
        cached=data.get("cached"),
    )


def write_run(out_dir: str | Path, records: Iterable[SampleRecord], results: Mapping[str, Any]) -> None:
    """Both files of a run directory, each replaced whole (never half-written)."""
    out = Path(out_dir)
    write_jsonl(out / SAMPLES_FILE, (r.as_dict() for r in records))
    write_json(out / RESULTS_FILE, {"schema_version": SCHEMA_VERSION, **results})


def read_results(run_dir: str | Path) -> dict[str, Any]:
    """``results.json`` of a run, or {} where there is none; refuses a newer schema than this adhere's."""
    path = Path(run_dir) / RESULTS_FILE
    if not path.exists():
        return {}
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(path, None, f"not valid JSON ({error})") from None
    if not isinstance(results, dict):
        raise InputError(path, None, "not a JSON object")
    version = results.get("schema_version", 1)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise AdhereError(
            f"{path}: written with run schema {version!r}, newer than this adhere reads "
            f"(schema {SCHEMA_VERSION}); upgrade adhere to read it"
        )
    return results


def read_samples(run_dir: str | Path) -> list[SampleRecord]:
    """Every record of ``samples.jsonl``; a row that cannot be read is an error naming its line."""
    read_results(run_dir)  # refuses a newer schema before reading rows it would misread
    path = Path(run_dir) / SAMPLES_FILE
    records = []
    for number, row in read_jsonl(path):
        try:
            records.append(SampleRecord.from_dict(row))
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise InputError(path, number, f"not a run record ({type(error).__name__}: {error})") from None
    return records

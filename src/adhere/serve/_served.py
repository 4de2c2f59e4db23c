"""The run record of one served request: the conversation as the client sent it, every upstream
call, the strategy's knowledge and candidates, or the error that ended it.

The constraints a record names are the ones extracted from the request (a served request has no
benchmark's), so ``adhere score`` on the log directory checks every answer against what was asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adhere.models import Completion, GenerateConfig, Message
from adhere.runlog import Call, ConstraintRef, SampleRecord, TurnRecord
from adhere.samples import Sample
from adhere.serve._request import ServedRequest
from adhere.solve import Solution
from adhere.strategies import Known
from adhere.strategies._review import know_by_rules

__all__ = ["failed_record", "relayed_record", "scrub", "secrets_of", "solved_record"]


def _sample(served: ServedRequest) -> Sample:
    messages = served.chat.messages
    try:
        return Sample.single(served.id, messages[-1]["content"], history=messages[:-1])
    except (ValueError, KeyError):
        # Roles adhere cannot replay turn by turn (tools, a final assistant prefill): the last message alone.
        return Sample.single(served.id, messages[-1]["content"], metadata={"history": "not recorded"})


def _refs(known: Known) -> tuple[ConstraintRef, ...]:
    return tuple(ConstraintRef(c.id, c.kwargs()) for c in known.constraints)


def _record(served: ServedRequest, sample: Sample, last: TurnRecord, **fields: Any) -> SampleRecord:
    earlier = tuple(TurnRecord(t.user, fixed=True, reply=t.reply) for t in sample.turns[:-1])
    metadata = {"served": True, "created": served.created, "stream": served.chat.stream, **sample.metadata}
    return SampleRecord(
        key=served.id, turns=(*earlier, last), system=sample.system, strategy=served.strategy.name,
        knowledge="extracted", metadata=metadata, **fields,
    )  # fmt: skip


def solved_record(served: ServedRequest, solution: Solution) -> SampleRecord:
    sample, outcome = _sample(served), solution.outcome
    last = TurnRecord(
        sample.prompt,
        _refs(outcome.knowledge),
        reply=outcome.response,
        finish_reason=outcome.calls[-1].finish_reason if outcome.calls else None,
        calls=outcome.calls,
        candidates=outcome.candidates,
        known=outcome.known,
        passed_own_checks=outcome.passed_own_checks,
        details=outcome.details,
        repaired=solution.repaired.answer if solution.repaired else None,
        repairs=solution.repaired.repairs if solution.repaired else (),
    )
    return _record(served, sample, last, latency_s=outcome.latency_s, cached=False)


def relayed_record(served: ServedRequest, completion: Completion | None, error: str | None) -> SampleRecord:
    """``direct``'s record: the one relayed call (its knowledge read by the rules after the fact,
    as the ``direct`` strategy reads it)."""
    sample = _sample(served)
    known = know_by_rules(sample)
    calls: Sequence[Call] = ()
    if completion is not None:
        calls = (_call(served.chat.messages, served.chat.config, completion),)
    last = TurnRecord(
        sample.prompt, _refs(known), reply=completion.text if completion else None,
        finish_reason=completion.finish_reason if completion else None, calls=tuple(calls),
        known=known.as_dicts(),
    )  # fmt: skip
    latency = completion.latency_s if completion else None
    return _record(served, sample, last, error=error, latency_s=latency, cached=False if completion else None)


def failed_record(served: ServedRequest, error: str) -> SampleRecord:
    """A request the upstream failed (the error already scrubbed of any key)."""
    sample = _sample(served)
    return _record(served, sample, TurnRecord(sample.prompt), error=error)


def _call(messages: Sequence[Message], config: GenerateConfig, done: Completion) -> Call:
    usage = done.usage
    return Call(
        "answer", tuple(messages), done.text, usage.input_tokens, usage.output_tokens, done.latency_s,
        False, config.as_dict(), done.finish_reason,
    )  # fmt: skip


def secrets_of(authorization: str | None) -> tuple[str, ...]:
    """The texts of an Authorization header that must never be written: the header and its token."""
    if not authorization:
        return ()
    token = authorization.partition(" ")[2].strip()
    return tuple(s for s in (authorization, token) if len(s) >= 4)


def scrub(text: str, secrets: Sequence[str]) -> str:
    """``text`` without any of the request's secrets (an upstream may echo a key in its error)."""
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return text

"""Playing conversations: each generated turn answered in order, the model's own replies becoming
the history of the next turn, into run records (not yet scored).

A turn is answered either plainly (one cached call) or by a strategy. A turn
whose call keeps failing ends its conversation as an error record; the turns
after it are left unplayed, and a rerun resumes from the cache.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from adhere.models import GenerateConfig
from adhere.reasoning import split_reasoning
from adhere.runlog import Call, ConstraintRef, SampleRecord, TurnRecord
from adhere.runner import ManagedModel, RetriesExhausted, draw_config, gather_in_order
from adhere.samples import Sample
from adhere.strategies import Outcome, Strategy, StrategySettings, repaired

__all__ = ["AnswerTurn", "plain_turns", "play", "play_all", "strategy_turns"]

#: Answers the last turn of a view (the sample up to that turn) for one draw; raises RetriesExhausted.
AnswerTurn = Callable[[Sample, int], Awaitable[TurnRecord]]


def _refs(constraints: Sequence[Any]) -> tuple[ConstraintRef, ...]:
    return tuple(ConstraintRef(c.id, c.kwargs()) for c in constraints)


def plain_turns(model: ManagedModel, config: GenerateConfig, reasoning: str = "strip") -> AnswerTurn:
    """One cached call per turn; with ``reasoning="strip"`` a reasoning trace is not the reply."""

    async def answer(view: Sample, draw: int) -> TurnRecord:
        messages, used = view.messages, draw_config(config, draw)
        found = await model.answer(messages, used, draw)
        if found.completion is None:
            raise RetriesExhausted(found.error)
        done = found.completion
        call = Call(
            "answer",
            tuple(messages),
            done.text,
            done.usage.input_tokens,
            done.usage.output_tokens,
            done.latency_s,
            found.cached,
            used.as_dict(),
            done.finish_reason,
        )
        split = split_reasoning(done.text, done.reasoning)
        reply = split.answer if reasoning == "strip" else done.text
        return TurnRecord(
            view.prompt,
            _refs(view.constraints),
            reply=reply,
            raw=done.text if reply != done.text else None,
            had_reasoning=split.had_trace,
            finish_reason=done.finish_reason,
            calls=(call,),
        )

    return answer


def strategy_turns(strategy: Strategy[Any], model: ManagedModel, settings: StrategySettings) -> AnswerTurn:
    """Each turn answered by ``strategy`` (its trace, candidates and knowledge kept on the turn)."""

    async def answer(view: Sample, _draw: int) -> TurnRecord:
        outcome: Outcome = await strategy(view, model, settings)
        fixed, applied = repaired(outcome) if settings.repair else (None, [])
        traced = any(
            split_reasoning(c.text).had_trace for c in outcome.calls if c.purpose in ("answer", "revise")
        )
        return TurnRecord(
            view.prompt,
            _refs(view.constraints),
            reply=outcome.response,
            had_reasoning=traced,
            finish_reason=outcome.calls[-1].finish_reason if outcome.calls else None,
            calls=outcome.calls,
            candidates=outcome.candidates,
            known=outcome.known,
            passed_own_checks=outcome.passed_own_checks,
            details=outcome.details,
            repaired=fixed,
            repairs=tuple(applied),
        )

    return answer


def _fixed(sample: Sample, index: int) -> TurnRecord:
    turn = sample.turns[index]
    return TurnRecord(turn.user, _refs(turn.constraints), fixed=True, reply=turn.reply)


async def play(
    sample: Sample,
    answer: AnswerTurn,
    draw: int = 0,
    strategy: str | None = None,
    knowledge: str | None = None,
) -> SampleRecord:
    """Every turn of ``sample`` in order; the record of the conversation as played."""
    turns: list[TurnRecord] = []
    replies: dict[int, str] = {}
    error = None
    for index, turn in enumerate(sample.turns):
        if not turn.generated:
            turns.append(_fixed(sample, index))
            continue
        try:
            record = await answer(sample.up_to(index, replies), draw)
        except RetriesExhausted as failure:
            error = f"turn {index + 1}: {failure}" if len(sample.turns) > 1 else str(failure)
            turns += [TurnRecord(t.user, _refs(t.constraints)) for t in sample.turns[index:]]
            break
        turns.append(record)
        replies[index] = record.reply or ""
    calls = [c for t in turns for c in t.calls]
    return SampleRecord(
        key=sample.metadata.get("key", sample.key),
        turns=tuple(turns),
        draw=draw,
        system=sample.system,
        conversation=_refs(sample.conversation),
        error=error,
        strategy=strategy,
        knowledge=knowledge,
        latency_s=sum(c.latency_s for c in calls) if calls else None,
        cached=all(c.cached for c in calls) if calls and error is None else None,
        metadata={k: v for k, v in sample.metadata.items() if k != "key"},
    )


async def play_all(
    samples: Sequence[Sample],
    answer: AnswerTurn,
    *,
    draws: int = 1,
    strategy: str | None = None,
    knowledge: str | None = None,
    on_done: Callable[[SampleRecord], None] | None = None,
) -> list[SampleRecord]:
    """Every (sample, draw), in input order; the model's gate bounds how many run at once."""

    async def one(sample: Sample, draw: int) -> SampleRecord:
        record = await play(sample, answer, draw, strategy, knowledge)
        if on_done:
            on_done(record)
        return record

    return await gather_in_order([one(s, d) for s in samples for d in range(draws)])

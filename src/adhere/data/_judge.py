"""What an answer to one turn of a run must follow, and whether a given answer does.

The benchmark's constraints (the turn's own and the conversation's) decide when
the run has any; a run on prompts without gold constraints falls back on what
the strategy extracted and verified (its ``known`` list; soft requirements,
which only an LLM critic can judge, never make an answer "verified").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from adhere.constraints import Constraint, build, evaluate
from adhere.errors import AdhereError
from adhere.results import sample_of
from adhere.runlog import SampleRecord
from adhere.samples import Sample, Turn
from adhere.verdicts import evaluate_conversation

__all__ = ["Check", "TurnJudge", "judge_for", "prompt_messages"]

Basis = Literal["benchmark", "extracted"]


@dataclass(frozen=True)
class Check:
    """An answer's verdict: it follows every constraint, or these ids fail (strict)."""

    failed: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failed


def prompt_messages(record: SampleRecord, index: int) -> tuple[dict[str, str], ...]:
    """The chat messages before the reply to turn ``index``, as the run played them."""
    out = [{"role": "system", "content": record.system}] if record.system is not None else []
    for turn in record.turns[:index]:
        out += [{"role": "user", "content": turn.user}, {"role": "assistant", "content": turn.reply or ""}]
    return (*out, {"role": "user", "content": record.turns[index].user})


def _has_gold(record: SampleRecord) -> bool:
    return bool(record.conversation) or any(t.constraints for t in record.turns)


class TurnJudge:
    """Checks answers to one turn; the verdict of each distinct text is computed once."""

    def __init__(self, sample: Sample, basis: Basis) -> None:
        self.sample, self.basis = sample, basis
        self._memo: dict[str, Check] = {}
        self._turn = len(sample.turns) - 1

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in (*self.sample.constraints, *self.sample.conversation))

    def check(self, answer: str) -> Check:
        if answer not in self._memo:
            self._memo[answer] = self._check(answer)
        return self._memo[answer]

    def _check(self, answer: str) -> Check:
        if self.basis == "extracted":
            verdicts = evaluate(self.sample.constraints, answer).strict
            return Check(
                tuple(c.id for c, v in zip(self.sample.constraints, verdicts, strict=True) if not v.ok)
            )
        checked = evaluate_conversation(self.sample, {self._turn: answer})
        constraints = (*self.sample.constraints, *self.sample.conversation)
        verdicts = checked.combined.strict
        return Check(tuple(c.id for c, v in zip(constraints, verdicts, strict=True) if not v.ok))


def _extracted(record: SampleRecord, index: int) -> tuple[Constraint, ...]:
    known = record.turns[index].known or ()
    return tuple(build(k["id"], k.get("kwargs") or {}) for k in known if "id" in k)


def judge_for(record: SampleRecord, index: int) -> TurnJudge | None:
    """The judge of turn ``index``'s answers, or None when nothing verifiable applies to it.

    Earlier turns become fixed history (their replies as played): only this turn's
    answer is judged, against its own constraints and the conversation's. Raises
    AdhereError when a constraint cannot be built (an unknown id, bad kwargs).
    """
    turn = record.turns[index]
    if _has_gold(record):
        full = sample_of(record)
        history = tuple(
            Turn(t.user, t.constraints, record.turns[i].reply or "") for i, t in enumerate(full.turns[:index])
        )
        sample = Sample(full.key, (*history, full.turns[index]), full.system, full.conversation)
        basis: Basis = "benchmark"
    else:
        sample = Sample(str(record.key), (Turn(turn.user, _extracted(record, index)),))
        basis = "extracted"
    if not sample.constraints and not sample.conversation:
        return None
    return TurnJudge(sample, basis)


def safe_judge(record: SampleRecord, index: int) -> TurnJudge | str | None:
    """``judge_for``, or the reason its constraints cannot be built."""
    try:
        return judge_for(record, index)
    except AdhereError as error:
        return f"constraints cannot be built ({error})"

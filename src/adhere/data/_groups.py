"""Run records regrouped by what was asked: every answer a run (or several runs, or several
draws) gave to the same prompt under the same constraints lands in one group."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from adhere.data._judge import prompt_messages
from adhere.runlog import SampleRecord

__all__ = ["PromptGroup", "collect_by_group", "group_turns"]


@dataclass(frozen=True)
class Answered:
    """One generated turn of one record: where the turn's answers come from."""

    record: SampleRecord
    index: int


@dataclass(frozen=True)
class PromptGroup:
    """Every record turn that answered ``prompt`` under the same constraints, in reading order."""

    prompt: tuple[dict[str, str], ...]
    members: tuple[Answered, ...]

    @property
    def first(self) -> Answered:
        return self.members[0]


def _identity(record: SampleRecord, index: int, prompt: tuple[dict[str, str], ...]) -> str:
    turn = record.turns[index]
    rules = {
        "prompt": prompt,
        "constraints": [c.as_dict() for c in turn.constraints],
        "conversation": [c.as_dict() for c in record.conversation],
        # Without gold constraints, what the strategy extracted is what answers are judged by.
        "known": [] if turn.constraints or record.conversation else [dict(k) for k in turn.known or ()],
    }
    return json.dumps(rules, sort_keys=True, default=str)


def group_turns(records: Iterable[SampleRecord]) -> tuple[list[PromptGroup], int]:
    """The groups, in first-seen order, and how many generated turns were skipped because
    their sample ended in an error."""
    groups: dict[str, tuple[tuple[dict[str, str], ...], list[Answered]]] = {}
    errored = 0
    for record in records:
        generated = [i for i, t in enumerate(record.turns) if not t.fixed]
        if record.error is not None:
            errored += len(generated)
            continue
        for index in generated:
            prompt = prompt_messages(record, index)
            entry = groups.setdefault(_identity(record, index, prompt), (prompt, []))
            entry[1].append(Answered(record, index))
    return [PromptGroup(prompt, tuple(members)) for prompt, members in groups.values()], errored


_Row = TypeVar("_Row")


def collect_by_group(
    records: Iterable[SampleRecord], per_group: Callable[[PromptGroup], tuple[list[_Row], str | None]]
) -> tuple[list[_Row], Counter[str]]:
    """``per_group``'s rows for every group, in reading order, and the prompts that gave none,
    counted by the reason it gave (an errored sample is one reason of its own)."""
    groups, errored = group_turns(records)
    without: Counter[str] = Counter()
    if errored:
        without["the sample ended in an error"] += errored
    rows: list[_Row] = []
    for group in groups:
        found, reason = per_group(group)
        rows += found
        if reason is not None:
            without[reason] += 1
    return rows, without

"""The conversation row format: a system message, user turns with their constraints, and
constraints over the whole conversation.

    {"key": "c1",
     "system": "You are a support agent for Acme.",                      (optional)
     "turns": [
       {"user": "Hi! Describe your plans.",
        "constraints": [{"id": "punctuation:no_comma", "kwargs": {}}]},    (optional)
       {"user": "Thanks. Now in one line.", "assistant": "..."}            ("assistant": optional)
     ],
     "conversation": [{"id": "conversation:never_reveal", "kwargs": {"secret": "XJ-42"}}]}

A turn's ``assistant`` text is a reply the benchmark fixes: ``adhere eval``
uses it as history and does not generate or score that turn. ``adhere check``
reads the same file as recorded conversations: there every ``assistant`` text
is the reply to score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from adhere.constraints import Constraint, build
from adhere.errors import AdhereError
from adhere.samples import Sample, Turn

__all__ = ["as_recorded", "conversation_from_row"]


def _constraints(value: Any, where: str) -> tuple[Constraint, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise AdhereError(f"{where} must be a list of {{id, kwargs}} objects")
    built = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise AdhereError(f"{where}[{index}] must be an object with an 'id' string")
        kwargs = item.get("kwargs") or {}
        if not isinstance(kwargs, dict):
            raise AdhereError(f"{where}[{index}].kwargs must be an object")
        built.append(build(item["id"], kwargs))
    return tuple(built)


def _turn(index: int, value: Any) -> Turn:
    where = f"turns[{index}]"
    if not isinstance(value, dict) or not isinstance(value.get("user"), str):
        raise AdhereError(f"{where} must be an object with a 'user' string")
    unknown = sorted(set(value) - {"user", "constraints", "assistant"})
    if unknown:
        raise AdhereError(
            f"{where} has unknown field(s) {', '.join(map(repr, unknown))} (user, constraints, assistant)"
        )
    reply = value.get("assistant")
    if reply is not None and not isinstance(reply, str):
        raise AdhereError(f"{where}.assistant must be a string")
    return Turn(value["user"], _constraints(value.get("constraints"), f"{where}.constraints"), reply)


def conversation_from_row(row: Mapping[str, Any]) -> Sample:
    """A conversation sample from one row; raises AdhereError naming the field that is wrong."""
    if "key" not in row:
        raise AdhereError("missing field 'key'")
    turns = row["turns"]
    if not isinstance(turns, list) or not turns:
        raise AdhereError("'turns' must be a non-empty list of {user, constraints, assistant} objects")
    system = row.get("system")
    if system is not None and not isinstance(system, str):
        raise AdhereError("'system' must be a string")
    built = tuple(_turn(index, turn) for index, turn in enumerate(turns))
    conversation = _constraints(row.get("conversation"), "conversation")
    metadata = row.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise AdhereError("'metadata' must be an object")
    return Sample(str(row["key"]), built, system, conversation, {**metadata, "key": row["key"]})


def as_recorded(sample: Sample) -> tuple[Sample, dict[int, str | None]]:
    """A recorded conversation for scoring: every turn becomes a reply to check, its ``assistant``
    text the reply (None where the record has none)."""
    replies = {index: turn.reply for index, turn in enumerate(sample.turns)}
    return replace(sample, turns=tuple(replace(t, reply=None) for t in sample.turns)), replies

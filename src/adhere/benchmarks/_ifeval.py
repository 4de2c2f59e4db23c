"""IFEval-format files: one JSON object per line with ``key``, ``prompt``,
``instruction_id_list`` and ``kwargs`` (one dict per instruction).

A row may carry ``messages`` instead of, or beside, ``prompt`` (IFBench's
multi-turn format: the task, an answer, then the constraint): the last message
is the user turn to answer, and the ones before it are the sample's history.
A row with ``turns`` is a conversation (see ``_conversations``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from adhere._jsonl import OnInvalid, raise_invalid, read_jsonl
from adhere.benchmarks._conversations import conversation_from_row
from adhere.constraints import Constraint, build
from adhere.errors import AdhereError, InputError
from adhere.samples import Sample


def _messages(messages: Any) -> tuple[dict[str, str], ...]:
    if not isinstance(messages, list) or not messages:
        raise AdhereError("'messages' must be a non-empty list of {role, content} objects")
    turns = []
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("content"), str):
            raise AdhereError(f"messages[{index}] must be an object with a 'content' string")
        if message.get("role") not in ("system", "user", "assistant"):
            raise AdhereError(
                f"messages[{index}] has role {message.get('role')!r}; use system, user or assistant"
            )
        turns.append({"role": message["role"], "content": message["content"]})
    if turns[-1]["role"] != "user":
        raise AdhereError("the last of 'messages' must be the user turn to answer")
    return tuple(turns)


def constraints_from(ids: Any, kwargs: Any, where: str = "") -> tuple[Constraint, ...]:
    """IFEval's parallel lists (``instruction_id_list``, ``kwargs``) built into constraints."""
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise AdhereError(f"{where}'instruction_id_list' must be a list of strings")
    if kwargs is None:
        kwargs = [{} for _ in ids]
    if not isinstance(kwargs, list) or len(kwargs) != len(ids):
        raise AdhereError(f"{where}'kwargs' must be a list with one object per instruction id")
    constraints = []
    for index, (instruction_id, args) in enumerate(zip(ids, kwargs, strict=True)):
        if not isinstance(args, dict):
            raise AdhereError(f"{where}kwargs[{index}] must be an object")
        constraints.append(build(instruction_id, args))
    return tuple(constraints)


def _metadata(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row's own ``metadata`` (e.g. a dumped suite's), and its key as the benchmark wrote it."""
    given = row.get("metadata")
    if given is not None and not isinstance(given, dict):
        raise AdhereError("'metadata' must be an object")
    return {**(given or {}), "key": row["key"]}


def sample_from_row(row: Mapping[str, Any]) -> Sample:
    """Build a sample from one row (IFEval format, or the conversation format with ``turns``);
    raises AdhereError saying what is wrong."""
    if "turns" in row:
        return conversation_from_row(row)
    for name in ("key", "instruction_id_list"):
        if name not in row:
            raise AdhereError(f"missing field {name!r}")
    if "prompt" not in row and "messages" not in row:
        raise AdhereError("missing field 'prompt' (or 'messages', or 'turns')")
    history: tuple[dict[str, str], ...] = ()
    if "messages" in row:
        *earlier, last = _messages(row["messages"])
        history, prompt = tuple(earlier), last["content"]
    else:
        prompt = row["prompt"]
    if not isinstance(prompt, str):
        raise AdhereError("'prompt' must be a string")
    constraints = constraints_from(row["instruction_id_list"], row.get("kwargs"))
    try:
        return Sample.single(str(row["key"]), prompt, constraints, metadata=_metadata(row), history=history)
    except ValueError as error:
        raise AdhereError(str(error)) from None


def load_ifeval(path: str | Path, on_invalid: OnInvalid = raise_invalid) -> list[Sample]:
    """Read an IFEval-format file. Bad rows go to ``on_invalid`` (raises by default)."""
    samples = []
    seen: dict[str, int] = {}
    for number, row in read_jsonl(path, on_invalid):
        try:
            sample = sample_from_row(row)
        except AdhereError as error:
            on_invalid(InputError(path, number, str(error)))
            continue
        if sample.key in seen:
            on_invalid(
                InputError(path, number, f"duplicate key {sample.key!r} (first on line {seen[sample.key]})")
            )
            continue
        seen[sample.key] = number
        samples.append(sample)
    if not samples:
        raise InputError(path, None, "no valid prompts in the file")
    return samples

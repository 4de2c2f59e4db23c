"""Training files checked before any model loads: each row in the shape its trainer reads,
or an error naming the file and line. Rows keep only the trainer's fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from adhere._jsonl import read_jsonl
from adhere.errors import InputError

__all__ = ["Kind", "read_training_rows"]

Kind = Literal["sft", "dpo"]
_ROLES = {"system", "user", "assistant"}
_HINT = {
    "sft": "an SFT row is {'messages': [{'role': ..., 'content': ...}, ..., {'role': 'assistant', ...}]} "
    "(adhere data sft writes them)",
    "dpo": "a preference row is {'prompt': [messages], 'chosen': [assistant message], 'rejected': [assistant "
    "message]} (adhere data pairs writes them)",
}


def _messages(value: Any, field: str) -> list[dict[str, str]]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"{field!r} must be a non-empty list of messages")
    for index, message in enumerate(value):
        if not isinstance(message, dict) or message.get("role") not in _ROLES:
            raise ValueError(f"{field}[{index}] must be a message with a role of {sorted(_ROLES)}")
        if not isinstance(message.get("content"), str):
            raise ValueError(f"{field}[{index}] has no text 'content'")
    return [{"role": m["role"], "content": m["content"]} for m in value]


def _answer(value: Any, field: str) -> list[dict[str, str]]:
    messages = _messages(value, field)
    if [m["role"] for m in messages] != ["assistant"]:
        raise ValueError(f"{field!r} must be one assistant message")
    return messages


def _row(row: dict[str, Any], kind: Kind) -> dict[str, Any]:
    if kind == "sft":
        messages = _messages(row.get("messages"), "messages")
        if messages[-1]["role"] != "assistant":
            raise ValueError("'messages' must end with the assistant's answer")
        return {"messages": messages}
    prompt = _messages(row.get("prompt"), "prompt")
    if prompt[-1]["role"] != "user":
        raise ValueError("'prompt' must end with a user message")
    return {
        "prompt": prompt,
        "chosen": _answer(row.get("chosen"), "chosen"),
        "rejected": _answer(row.get("rejected"), "rejected"),
    }


def read_training_rows(path: str | Path, kind: Kind) -> list[dict[str, Any]]:
    rows = []
    for number, row in read_jsonl(path):
        try:
            rows.append(_row(row, kind))
        except ValueError as error:
            raise InputError(path, number, f"{error}; {_HINT[kind]}") from None
    if not rows:
        raise InputError(path, None, f"no rows to train on; {_HINT[kind]}")
    return rows

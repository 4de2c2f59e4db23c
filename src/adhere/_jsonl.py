"""Reading JSONL files with errors that name the file and line.

Each line is decoded and parsed on its own, so one bad line (invalid JSON,
invalid UTF-8, a duplicate key, a value that is not an object) is reported
with its number while the lines around it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from adhere.errors import InputError

__all__ = ["OnInvalid", "raise_invalid", "read_jsonl"]

OnInvalid = Callable[[InputError], None]


def raise_invalid(error: InputError) -> None:
    raise error


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys without a word; a row with
    # two "prompt" fields is ambiguous, so it is refused instead.
    row: dict[str, Any] = {}
    for key, value in pairs:
        if key in row:
            raise _DuplicateKey(key)
        row[key] = value
    return row


def _decode(raw: bytes, first: bool) -> str:
    """One line's text; raises ValueError naming the first byte that is not UTF-8."""
    try:
        # A byte-order mark may open a file written on Windows; it is not part of the JSON.
        return raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.start + 1].hex()
        raise ValueError(
            f"not valid UTF-8: byte 0x{bad} at byte {error.start + 1} of the line ({error.reason})"
        ) from None


def _load(text: str) -> Any:
    """One line's JSON value; raises ValueError saying what is wrong with it."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except _DuplicateKey as error:
        raise ValueError(f"duplicate key {error.key!r} in one JSON object") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error.msg} (column {error.colno})") from None
    except RecursionError:
        raise ValueError("not valid JSON: nested too deeply to read") from None


def read_jsonl(
    path: str | Path, on_invalid: OnInvalid = raise_invalid
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line.

    A line that is not a JSON object (invalid UTF-8, invalid JSON, a repeated
    key, another JSON value) goes to ``on_invalid`` as an :class:`InputError`
    naming FILE:LINE. The default raises; a callback that returns instead
    skips exactly that line and reading goes on. Lines end at ``\\n``.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, errors need the path
    except OSError as error:
        raise InputError(path, None, f"cannot read: {error.strerror or error}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                text = _decode(raw, first=number == 1)
                if not text.strip():
                    continue
                row = _load(text)
            except ValueError as error:
                on_invalid(InputError(path, number, str(error)))
                continue
            if not isinstance(row, dict):
                on_invalid(InputError(path, number, f"expected a JSON object, got {type(row).__name__}"))
                continue
            yield number, row

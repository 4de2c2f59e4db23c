"""Reading JSONL files with errors that name the file and line."""

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


def read_jsonl(
    path: str | Path, on_invalid: OnInvalid = raise_invalid
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line.

    A line that is not a JSON object goes to ``on_invalid``, which raises by
    default and may instead record the problem and let reading go on.
    """
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below, errors need the path
    except OSError as error:
        raise InputError(path, None, f"cannot read: {error.strerror or error}") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    on_invalid(
                        InputError(path, number, f"not valid JSON: {error.msg} (column {error.colno})")
                    )
                    continue
                if not isinstance(row, dict):
                    on_invalid(InputError(path, number, f"expected a JSON object, got {type(row).__name__}"))
                    continue
                yield number, row
        except UnicodeDecodeError as error:
            raise InputError(path, None, f"not UTF-8 text: {error.reason}") from None

"""Writing result files whole or not at all."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["write_json", "write_jsonl"]


def _write_atomically(path: Path, lines: Iterable[str]) -> None:
    """A crash mid-write leaves any earlier file at ``path`` intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates 0600; give the file the mode open() would have.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(line)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> None:
    _write_atomically(Path(path), (json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


def write_json(path: str | Path, value: Any) -> None:
    _write_atomically(Path(path), [json.dumps(value, indent=2, ensure_ascii=False) + "\n"])

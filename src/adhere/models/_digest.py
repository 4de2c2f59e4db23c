"""A local model file's content digest, remembered while its size and mtime are unchanged.

Two exports of a model under one file name and size (re-quantised, or a fine-tune merged
into the same layout) must not share cached completions, so a local model's identity
holds the sha256 of its bytes. Hashing a 7 GB file takes seconds, so the digest is kept
in a small JSON file and reused while the file's path, size and modification time stay
the same: the trust make and ccache put in them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from adhere._cache_home import cache_home
from adhere._files import write_json

__all__ = ["file_sha256"]

_MEMO_NAME = "file-digests.json"


def file_sha256(path: Path, memo: Path | None = None) -> str:
    """The file's sha256, from ``memo`` (default: beside the completion cache) when it knows it."""
    memo = memo or cache_home() / _MEMO_NAME
    path = path.resolve()
    stat = path.stat()
    stamp = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    known = _read(memo)
    entry = known.get(str(path))
    if isinstance(entry, dict) and {k: entry.get(k) for k in stamp} == stamp and entry.get("sha256"):
        return str(entry["sha256"])
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    known[str(path)] = {**stamp, "sha256": digest}
    # A read-only cache folder costs a rehash next time, nothing else.
    with contextlib.suppress(OSError):
        write_json(memo, known)
    return digest


def _read(memo: Path) -> dict[str, Any]:
    """What the memo holds; an unreadable or damaged memo is an empty one (it is only a memo)."""
    try:
        data = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

"""A durable completion cache: SQLite, one committed row per finished completion.

Keys cover everything that changes an output (model identity and endpoint,
messages, sampling settings, which of the K draws) and nothing else, so a
rerun of the same command regenerates nothing, and a run killed at any point
resumes from the completions already committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from adhere.errors import AdhereError
from adhere.models import Completion, GenerateConfig, Message, Usage

__all__ = ["CompletionCache", "cache_key", "default_cache_path"]

_SCHEMA = [
    # Numbered migrations: index i moves the schema from version i to i + 1.
    # created: Unix seconds, computed in a way any SQLite 3 understands (unixepoch('subsec') needs 3.42).
    "CREATE TABLE completions (key TEXT PRIMARY KEY, text TEXT NOT NULL, input_tokens INTEGER, "
    "output_tokens INTEGER, latency_s REAL, created REAL DEFAULT ((julianday('now') - 2440587.5) * 86400.0))",
]


def default_cache_path() -> Path:
    if "ADHERE_CACHE" in os.environ:
        return Path(os.environ["ADHERE_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "adhere" / "completions.sqlite"


def cache_key(
    model_identity: Mapping[str, Any], messages: Sequence[Message], config: GenerateConfig, draw: int
) -> str:
    payload = {
        "model": dict(model_identity),
        "messages": [dict(m) for m in messages],
        "config": config.as_dict(),
        "draw": draw,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class CompletionCache:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except sqlite3.Error as error:
            raise AdhereError(f"{self.path}: cannot open the completion cache: {error}") from None
        except OSError as error:
            raise AdhereError(f"{self.path}: cannot create the completion cache: {error.strerror}") from None

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        for number, statement in enumerate(_SCHEMA[version:], start=version + 1):
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {number}")
            self._db.execute("COMMIT")

    def get(self, key: str) -> Completion | None:
        row = self._db.execute(
            "SELECT text, input_tokens, output_tokens, latency_s FROM completions WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        return Completion(row[0], Usage(row[1], row[2]), row[3])

    def put(self, key: str, completion: Completion) -> None:
        # Autocommit: the row is durable when this returns.
        self._db.execute(
            "INSERT OR REPLACE INTO completions (key, text, input_tokens, output_tokens, latency_s) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                key,
                completion.text,
                completion.usage.input_tokens,
                completion.usage.output_tokens,
                completion.latency_s,
            ),
        )

    def close(self) -> None:
        self._db.close()

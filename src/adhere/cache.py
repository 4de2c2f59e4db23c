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
import random
import sqlite3
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from adhere._cache_home import cache_home
from adhere.errors import AdhereError
from adhere.models import Completion, GenerateConfig, Message, Usage

__all__ = ["CompletionCache", "cache_key", "default_cache_path"]

_SCHEMA = [
    # Numbered migrations: index i moves the schema from version i to i + 1.
    # created: Unix seconds, computed in a way any SQLite 3 understands (unixepoch('subsec') needs 3.42).
    "CREATE TABLE completions (key TEXT PRIMARY KEY, text TEXT NOT NULL, input_tokens INTEGER, "
    "output_tokens INTEGER, latency_s REAL, created REAL DEFAULT ((julianday('now') - 2440587.5) * 86400.0))",
    # 2 and 3: why the model stopped, and a server's separate reasoning trace, kept for the run log.
    "ALTER TABLE completions ADD COLUMN finish_reason TEXT",
    "ALTER TABLE completions ADD COLUMN reasoning TEXT",
]


def default_cache_path() -> Path:
    if os.environ.get("ADHERE_CACHE"):
        return Path(os.environ["ADHERE_CACHE"])
    return cache_home() / "completions.sqlite"


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


# SQLite result codes (primary code: the low byte) that mean the file itself is unusable.
_DAMAGED = {11: "damaged", 26: "not an SQLite database"}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_BUSY_TIMEOUT_S = 30.0


def _code(error: sqlite3.Error) -> int:
    """The primary SQLite result code (extended codes keep it in the low byte)."""
    return (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF


def _cache_error(path: Path, error: sqlite3.Error, doing: str) -> AdhereError:
    """One line naming the file, what went wrong and what the user can do about it."""
    code = _code(error)
    if code in _DAMAGED:
        return AdhereError(
            f"{path}: the completion cache is {_DAMAGED[code]} ({error}); "
            "pass --cache with another path, or move this file away (a new cache starts empty)"
        )
    if code in _BUSY:
        return AdhereError(
            f"{path}: the completion cache stayed locked by another process for "
            f"{_BUSY_TIMEOUT_S:g} s while trying to {doing}; retry, or pass --cache with another path"
        )
    return AdhereError(f"{path}: cannot {doing} the completion cache: {error}")


class CompletionCache:
    """Safe to open from several processes at once, including the first use of a path.

    Every SQLite error (damage found at open or later on a read or write, a
    lock held too long) becomes one :class:`AdhereError` naming the file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as error:
            raise _cache_error(self.path, error, "open") from None
        except OSError as error:
            raise AdhereError(f"{self.path}: cannot create the completion cache: {error.strerror}") from None
        try:
            self._use_wal()
            self._migrate()
        except sqlite3.Error as error:
            self._db.close()
            raise _cache_error(self.path, error, "open") from None

    def _use_wal(self) -> None:
        # Switching a fresh file to WAL answers SQLITE_BUSY at once, without
        # waiting on the busy timeout, while another process switches it too:
        # retry until the timeout, as every other statement waits.
        deadline = time.monotonic() + _BUSY_TIMEOUT_S
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if _code(error) not in _BUSY or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.005, 0.05))

    def _migrate(self) -> None:
        # The version is read inside the write transaction: processes opening a
        # fresh file at once queue on the lock, and only the first creates the table.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            for number, statement in enumerate(_SCHEMA[version:], start=version + 1):
                self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            if self._db.in_transaction:  # SQLite rolls back by itself on some errors
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def get(self, key: str) -> Completion | None:
        try:
            row = self._db.execute(
                "SELECT text, input_tokens, output_tokens, latency_s, finish_reason, reasoning "
                "FROM completions WHERE key = ?",
                (key,),
            ).fetchone()
        except sqlite3.Error as error:
            raise _cache_error(self.path, error, "read") from None
        if row is None:
            return None
        return Completion(row[0], Usage(row[1], row[2]), row[3], finish_reason=row[4], reasoning=row[5])

    def put(self, key: str, completion: Completion) -> None:
        # Autocommit: the row is durable when this returns.
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO completions (key, text, input_tokens, output_tokens, latency_s, "
                "finish_reason, reasoning) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    completion.text,
                    completion.usage.input_tokens,
                    completion.usage.output_tokens,
                    completion.latency_s,
                    completion.finish_reason,
                    completion.reasoning,
                ),
            )
        except sqlite3.Error as error:
            raise _cache_error(self.path, error, "write") from None

    def close(self) -> None:
        self._db.close()

"""Errors a user can cause. The CLI turns each into one clear line and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

__all__ = ["AdhereError", "InputError"]


class AdhereError(Exception):
    """Base of every error adhere raises for bad input or configuration."""


class InputError(AdhereError):
    """A problem in an input file, located by file and line."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")

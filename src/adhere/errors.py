"""Errors a user can cause. The CLI turns each into one clear line and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "AdhereError", "InputError", "Interrupted"]

#: Exit statuses: 0 success; 1 a usage, input or model error; 130 interrupted (Ctrl-C or SIGTERM).
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


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


class Interrupted(AdhereError):
    """The run was stopped (Ctrl-C or SIGTERM); what finished is on disk and a rerun resumes."""

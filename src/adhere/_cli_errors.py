"""How every command reports an error the user can fix: one line on stderr, a distinct exit status,
never a traceback. Shared by the main command line and each command area's module."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from adhere.errors import EXIT_ERROR, EXIT_INTERRUPTED, AdhereError, Interrupted

__all__ = ["user_errors"]


@contextmanager
def user_errors() -> Iterator[None]:
    """Interrupted: exit 130; any other AdhereError, or a path that cannot be read or written: exit 1."""
    try:
        yield
    except Interrupted as stop:
        typer.echo(f"stopped: {stop}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except AdhereError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        typer.echo(f"error: {where}{error.strerror or error}", err=True)
        raise typer.Exit(EXIT_ERROR) from None

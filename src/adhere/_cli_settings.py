"""``-S NAME=VALUE`` options, read one way by every command that takes strategy settings."""

from __future__ import annotations

from adhere.errors import AdhereError

__all__ = ["read_settings"]


def read_settings(items: list[str] | None, example: str = "n=6", what: str = "setting") -> dict[str, str]:
    """``["n=4", "depth=2"]`` as ``{"n": "4", "depth": "2"}``; an item without ``=`` or a name is
    one error naming it, with ``example`` as the right form."""
    options = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise AdhereError(f"-S {item!r}: write a {what} as NAME=VALUE, e.g. -S {example}")
        options[name.strip()] = value
    return options

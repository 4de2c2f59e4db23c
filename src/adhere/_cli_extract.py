"""``--extract-base-url`` as ``eval``, ``follow`` and ``serve`` take it, and its one rule."""

from __future__ import annotations

from typing import Annotated

import typer

from adhere.errors import AdhereError

__all__ = ["ExtractBaseUrl", "check_extract_flags"]

ExtractBaseUrl = Annotated[
    str | None,
    typer.Option("--extract-base-url", help="--extract-model's endpoint (default: the provider's own)."),
]


def check_extract_flags(extract_model: str | None, extract_base_url: str | None) -> None:
    """An endpoint without the model it serves would be silently unused: an error naming the flag."""
    if extract_model is None and extract_base_url is not None:
        raise AdhereError("--extract-base-url: give the --extract-model it is the endpoint of")

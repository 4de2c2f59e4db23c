"""``--extract-base-url`` and ``--extract-api-key`` as ``eval``, ``follow`` and ``serve`` take them,
and their one rule."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from adhere.errors import AdhereError

__all__ = ["ExtractApiKey", "ExtractBaseUrl", "check_extract_flags"]

_KEY_VARIABLE = "ADHERE_EXTRACT_API_KEY"

ExtractBaseUrl = Annotated[
    str | None,
    typer.Option("--extract-base-url", help="--extract-model's endpoint (default: the provider's own)."),
]
ExtractApiKey = Annotated[
    str | None,
    typer.Option(
        "--extract-api-key",
        envvar=_KEY_VARIABLE,
        show_envvar=False,
        help=f"--extract-model's key (also ${_KEY_VARIABLE}; default: its provider's own, $OPENAI_API_KEY "
        "for openai/...). Keeps a hosted reader's key apart from the answering model's.",
    ),
]


def check_extract_flags(
    extract_model: str | None, extract_base_url: str | None, extract_api_key: str | None = None
) -> None:
    """An endpoint or key without the model it is for would be silently unused: an error naming the
    flag (a key from the environment is left alone there, as $OPENAI_API_KEY is)."""
    if extract_model is not None:
        return
    if extract_base_url is not None:
        raise AdhereError("--extract-base-url: give the --extract-model it is the endpoint of")
    if extract_api_key is not None and extract_api_key != os.environ.get(_KEY_VARIABLE):
        raise AdhereError("--extract-api-key: give the --extract-model it is the key of")

"""Where adhere keeps cached state between runs."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_home"]


def cache_home() -> Path:
    """The folder of the completion cache: ``$ADHERE_CACHE``'s folder when that is set, else
    ``$XDG_CACHE_HOME/adhere`` (``~/.cache/adhere``). Other cached state lives beside it."""
    if os.environ.get("ADHERE_CACHE"):
        return Path(os.environ["ADHERE_CACHE"]).parent
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "adhere"

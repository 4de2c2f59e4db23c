"""Reports a person reads: terminal tables, comparisons of runs, a leaderboard, a self-contained HTML page.

Everything beyond the terminal tables loads on first use (``adhere --help``
and ``adhere eval`` never import the comparison or HTML modules).
"""

from __future__ import annotations

import importlib
from typing import Any

from adhere.report._terminal import metrics_tables, results_tables

__all__ = [
    "Comparison",
    "LoadedRun",
    "compare_runs",
    "leaderboard_rows",
    "load_run",
    "metrics_tables",
    "render_report",
    "results_tables",
    "write_report",
]

_LAZY = {
    "Comparison": "adhere.report._compare",
    "compare_runs": "adhere.report._compare",
    "LoadedRun": "adhere.report._runs",
    "load_run": "adhere.report._runs",
    "leaderboard_rows": "adhere.report._leaderboard",
    "render_report": "adhere.report._html",
    "write_report": "adhere.report._html",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'adhere.report' has no attribute {name!r}")

"""``adhere report``: one self-contained HTML file of one or more runs.

Everything the page needs is inside the file: the styles, the run data as
JSON, plotly.js (from the ``plotly`` package, inlined once) and the page's own
script. Nothing is fetched when it opens, so it works from disk, offline, and
as an e-mail attachment.
"""

from __future__ import annotations

import base64
import gzip
import importlib.util
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from adhere._files import _write_atomically
from adhere.errors import AdhereError
from adhere.report._compare import MIN_SHARED, CompareError, Comparison, compare_runs
from adhere.report._payload import report_payload
from adhere.report._runs import LoadedRun

__all__ = ["render_report", "write_report"]


def _asset(name: str) -> str:
    return (resources.files("adhere.report") / "_assets" / name).read_text(encoding="utf-8")


def _plotly_js() -> str:
    """plotly.js as the ``plotly`` package ships it; the charts are drawn by it, in the page."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or spec.origin is None:
        raise AdhereError("adhere report draws its charts with plotly: pip install 'adhere[report]'")
    path = Path(spec.origin).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise AdhereError(f"{path}: plotly.min.js is missing from the plotly package; reinstall plotly")
    script = path.read_text(encoding="utf-8")
    # Inside <script>, only "</script" can end the element early; it must never appear unescaped.
    return script.replace("</script", "<\\/script")


def _packed(data: Any) -> str:
    """The report's data as gzip-compressed JSON in base64: text compresses about fourfold, and
    base64 can never close its <script> element. mtime=0 keeps the same runs' report byte-identical."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


def _comparison(runs: Sequence[LoadedRun], min_shared: int) -> tuple[Comparison | None, str | None]:
    """Two runs are compared sample by sample; runs that cannot be paired say why instead."""
    if len(runs) != 2:
        return None, None
    try:
        return compare_runs(runs[0], runs[1], min_shared=min_shared), None
    except CompareError as refusal:
        return None, str(refusal)


def render_report(runs: Sequence[LoadedRun], min_shared: int = MIN_SHARED) -> str:
    if not runs:
        raise AdhereError("adhere report needs at least one run directory")
    comparison, refusal = _comparison(runs, min_shared)
    payload = report_payload(runs, comparison) | {"comparison_refused": refusal}
    title = " vs ".join(r.label for r in runs) + " — adhere report"
    page = _asset("report.html")
    for marker, text in (
        ("@TITLE@", title.replace("&", "&amp;").replace("<", "&lt;")),
        ("/*@CSS@*/", _asset("report.css")),
        ("@DATA@", _packed(payload)),
        ("/*@PLOTLY@*/", _plotly_js()),
        ("/*@SCRIPT@*/", _asset("report.js")),
    ):
        before, found, after = page.partition(marker)
        if not found:
            raise AssertionError(f"report template lost its {marker} marker")
        page = before + text + after  # partition, not replace: the inserted text is never rescanned
    return page


def write_report(runs: Sequence[LoadedRun], out: str | Path, min_shared: int = MIN_SHARED) -> Path:
    """Write the report (replacing any file there whole) and return its path."""
    path = Path(out)
    _write_atomically(
        path, [render_report(runs, min_shared)]
    )  # a half-written report never replaces a whole one
    return path

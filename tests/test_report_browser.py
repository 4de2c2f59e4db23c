"""A generated report opened in headless Chromium with the network disabled.

Checks what a person would see: the charts drawn by plotly, the drill-down
open on a sample, no console error, and no request leaving the file (read from
Chromium's own network log). A screenshot is written for a person to look at:
``ADHERE_REPORT_SCREENSHOT=/path.png`` keeps it, else it lands in pytest's tmp dir.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from adhere.report._html import write_report
from adhere.report._runs import load_runs
from tests.test_compare import make_run

pytest.importorskip("plotly", reason="adhere report draws its charts with plotly (adhere[report])")

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)",
)


def _chromium(profile: Path, netlog: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
        # The network is off: every proxied request goes to a closed port, and names resolve nowhere.
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr", "--v=0", f"--log-net-log={netlog}",
        "--window-size=1400,2600", "--virtual-time-budget=15000",
    ]  # fmt: skip
    return subprocess.run(
        [str(CHROMIUM), *flags, *args], capture_output=True, text=True, timeout=120, check=False
    )


def _page_requests(netlog: Path) -> set[str]:
    """URLs the page asked for over the network: requests whose isolation key is the file's origin
    (Chromium's own background requests carry none)."""
    urls = set()
    for event in json.loads(netlog.read_text(encoding="utf-8"))["events"]:
        params = event.get("params") or {}
        url = str(params.get("url", ""))
        if re.match(r"(https?|wss?|ftp)://", url) and "file://" in str(params.get("network_isolation_key")):
            urls.add(url)
    return urls


def _console_errors(stderr: str) -> list[str]:
    # A console message is logged as CONSOLE; Chromium's own start-up noise (dbus, GPU) is not.
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_the_network_log_catches_a_page_request(tmp_path):
    """The request check itself works: a page that fetches is caught, and its console lines are read."""
    page = tmp_path / "fetching.html"
    page.write_text('<script>console.error("boom"); fetch("https://example.com/x").catch(() => {});</script>')
    done = _chromium(tmp_path / "profile", tmp_path / "net.json", "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert _page_requests(tmp_path / "net.json") == {"https://example.com/x"}
    assert any('"boom"' in line for line in _console_errors(done.stderr))


def _two_runs(tmp_path: Path) -> Path:
    a = make_run(tmp_path / "direct", [True] * 4 + [False] * 16)
    b = make_run(tmp_path / "best-of-n", [True] * 3 + [False] + [True] * 9 + [False] * 7)
    out = tmp_path / "report.html"
    write_report(load_runs([a, b]), out)
    return out


def test_report_renders_offline_with_charts_and_drill_down(tmp_path):
    report = _two_runs(tmp_path)
    url = report.as_uri() + "#sample=s10"  # opens the drill-down of a sample that flipped
    dom = _chromium(tmp_path / "p1", tmp_path / "net1.json", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert 'data-rendered="yes"' in html, re.findall(r'<pre id="report-errors"[^>]*>(.*?)</pre>', html, re.S)
    assert _console_errors(dom.stderr) == []
    assert _page_requests(tmp_path / "net1.json") == set()
    # Plotly drew every chart (an svg per chart), the comparison and the leaderboard are there.
    for chart in ("chart-types", "chart-cost", "chart-quality-cost", "chart-type-deltas"):
        section = html.split(f'id="{chart}"', 1)[1][:4000]
        assert "main-svg" in section, f"{chart} was not drawn"
    assert "McNemar p" in html and "pass → fail (1)" in html and "fail → pass (9)" in html
    # The drill-down: 20 rows, and the opened sample shows its reply, verdicts with reasons, calls.
    assert html.count('class="row"') == 20
    opened = html.split('class="open"', 1)[1]
    assert "english_lowercase" in opened and "1 model call(s)" in opened
    # Run A is shown: its reply, and the failed verdict with its reason.
    assert "THE WEATHER IS CALM" in opened and "not all lowercase letters" in opened
    # No element or style of the rendered page points outside it (scripts' own strings aside).
    markup = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', markup)
    assert "@import" not in markup and "url(http" not in markup

    shot = Path(os.environ.get("ADHERE_REPORT_SCREENSHOT") or tmp_path / "report.png")
    taken = _chromium(tmp_path / "p2", tmp_path / "net2.json", f"--screenshot={shot}", url)
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert _page_requests(tmp_path / "net2.json") == set()

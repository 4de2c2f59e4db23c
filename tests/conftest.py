from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT.parent / "shared" / "conformance"


@pytest.fixture(scope="session")
def conformance() -> Path:
    """../shared/conformance, or a visible skip in a clone that has no ../shared."""
    if not CONFORMANCE.is_dir():
        pytest.skip(f"conformance data not found at {CONFORMANCE} (it sits beside the project in CI)")
    return CONFORMANCE


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def adhere_command() -> list[str]:
    """The installed console script, as a user runs it."""
    script = Path(sys.executable).with_name("adhere")
    if script.exists():
        return [str(script)]
    found = shutil.which("adhere")
    if found is None:
        pytest.fail("the 'adhere' console script is not installed (pip install -e .)")
    return [found]


def run_adhere(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [*adhere_command(), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )

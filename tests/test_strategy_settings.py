"""Each strategy declares its own settings, set as -S name=value; strategies from other packages
register through the ``adhere.strategies`` entry-point group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adhere.errors import AdhereError
from adhere.strategies import BestOfNSettings, get_strategy
from tests.conftest import read_jsonl, run_adhere

PLUGIN = """
from dataclasses import dataclass

from adhere.strategies import Known, Outcome, Strategy, StrategySettings


@dataclass(frozen=True)
class ShoutSettings(StrategySettings):
    volume: int = 1


async def shout(sample, model, settings):
    trace = settings.trace(model)
    text = await trace.generate("answer", sample.messages, settings.config(0))
    return Outcome.of(trace, text.upper() + "!" * settings.volume, Known(), None)


SHOUT = Strategy("shout", shout, ShoutSettings, "answers in capitals")
"""


def make_plugin(root: Path) -> Path:
    root.mkdir()
    (root / "shout_strategy.py").write_text(PLUGIN)
    info = root / "shout_strategy-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shout-strategy\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[adhere.strategies]\nshout = shout_strategy:SHOUT\n")
    return root


def test_settings_are_converted_and_checked_by_name():
    best = get_strategy("best-of-n")
    settings = best.settings_from({"n": "6", "judge": "true"}, max_tokens=64)
    assert settings == BestOfNSettings(n=6, judge=True, max_tokens=64)
    with pytest.raises(AdhereError, match=r"-S rounds: best-of-n has no setting 'rounds' \(valid: .*\bn\b"):
        best.settings_from({"rounds": "2"})
    with pytest.raises(AdhereError, match="-S n=many: best-of-n's n must be an integer"):
        best.settings_from({"n": "many"})
    with pytest.raises(AdhereError, match="best-of-n: n must be at least 1"):
        best.settings_from({"n": "0"})
    with pytest.raises(AdhereError, match="-S search=wide: tree takes one of bfs, dfs"):
        get_strategy("tree").settings_from({"search": "wide"})


def test_set_options_reach_the_strategy_from_the_cli(tmp_path):
    out = tmp_path / "run"
    args = ["eval", "--model", "fake/echo", "--limit", "3", "--no-cache", "--out", str(out)]
    result = run_adhere(*args, "--strategy", "best-of-n", "-S", "n=2", "--set", "explore_temperature=0.5")
    assert result.returncode == 0, result.stderr
    settings = json.loads((out / "results.json").read_text())["settings"]["strategy_settings"]
    assert settings["n"] == 2 and settings["explore_temperature"] == 0.5
    wrong = run_adhere(*args, "--strategy", "decrim", "-S", "n=2")
    assert wrong.returncode == 1 and "-S n: decrim has no setting 'n' (valid:" in wrong.stderr
    malformed = run_adhere(*args, "--strategy", "decrim", "-S", "rounds")
    assert malformed.returncode == 1 and "write a setting as NAME=VALUE" in malformed.stderr


def test_a_plugin_strategy_is_used_from_the_cli(tmp_path):
    env = {"PYTHONPATH": str(make_plugin(tmp_path / "site"))}
    follow = run_adhere(
        "follow", "hello there", "--model", "fake/echo", "--strategy", "shout", "-S", "volume=3", env=env
    )
    assert follow.returncode == 0, follow.stderr
    assert follow.stdout.strip() == "HELLO THERE!!!"
    out = tmp_path / "run"
    result = run_adhere(
        "eval",
        "--model",
        "fake/echo",
        "--limit",
        "2",
        "--no-cache",
        "--strategy",
        "shout",
        "--out",
        str(out),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert all(
        row["response"].endswith("!") and row["strategy"] == "shout"
        for row in read_jsonl(out / "samples.jsonl")
    )
    unknown = run_adhere("follow", "hi", "--model", "fake/echo", "--strategy", "whisper", env=env)
    assert unknown.returncode == 1 and "(known: direct, best-of-n, decrim, tree, selective," in unknown.stderr
    assert unknown.stderr.rstrip().endswith("shout)")  # plug-ins after adhere's own strategies

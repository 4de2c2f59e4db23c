"""Against a real HTTP server that fails at random, and a run killed mid-way."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time

import pytest

from adhere.errors import AdhereError
from adhere.evaluation import EvalSettings, run_eval
from adhere.runner import RetryPolicy
from adhere.testing import FakeOpenAIServer
from tests.conftest import adhere_command, read_jsonl


def eval_command(server: FakeOpenAIServer, tmp_path, *, limit: int, concurrency: int) -> list[str]:
    return [
        *adhere_command(), "eval", "--model", "openai/fake", "--base-url", server.base_url,
        "--limit", str(limit), "--concurrency", str(concurrency),
        "--out", str(tmp_path / "run"), "--cache", str(tmp_path / "cache.sqlite"),
    ]  # fmt: skip


def cached_completions(cache) -> int:
    if not cache.exists():
        return 0
    try:
        with sqlite3.connect(cache, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM completions").fetchone()[0]
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


def test_a_server_that_answers_429_500_or_hangs_at_random(tmp_path):
    rng = random.Random(11)
    # Each prompt fails 0-3 times first, with a random fault each time.
    failures = {}

    def plan(prompt: str, attempt: int):
        wanted = failures.setdefault(prompt, rng.randint(0, 3))
        return rng.choice([429, 500, 503, "hang"]) if attempt < wanted else "ok"

    with FakeOpenAIServer(plan, hang_s=3.0) as server:
        settings = EvalSettings(
            model="openai/fake",
            base_url=server.base_url,
            limit=25,
            concurrency=8,
            timeout_s=1.0,
            retry=RetryPolicy(attempts=5, base_delay_s=0.01, max_delay_s=0.05),
            cache_path=tmp_path / "c.sqlite",
        )
        results = run_eval(settings, tmp_path / "run")
    rows = read_jsonl(tmp_path / "run" / "samples.jsonl")
    assert results.errors == 0 and len(rows) == 25
    assert len({row["key"] for row in rows}) == 25
    assert all(row["response"] == f"answer to: {row['prompt']}" for row in rows)
    # Every prompt was answered exactly once, however many failures came first.
    assert set(server.answers.values()) == {1} and len(server.answers) == 25
    assert sum(server.requests.values()) > 25


def test_a_run_killed_mid_way_resumes_without_regenerating(tmp_path):
    cache = tmp_path / "cache.sqlite"
    with FakeOpenAIServer(latency_s=0.25) as server:
        command = eval_command(server, tmp_path, limit=16, concurrency=2)
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        # Wait on the cache, not on the server: an answer sent may not be stored yet when the kill lands.
        deadline = time.monotonic() + 60
        while cached_completions(cache) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        saved = cached_completions(cache)
        assert 5 <= saved < 16
        time.sleep(4 * server.latency_s)  # requests in flight at the kill finish on the server side first
        answered_before = sum(server.answers.values())

        finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert finished.returncode == 0, finished.stderr

    rows = read_jsonl(tmp_path / "run" / "samples.jsonl")
    assert len(rows) == 16 and len({row["key"] for row in rows}) == 16
    assert sum(row["cached"] for row in rows) == saved
    # The rerun asked only for what the cache lacked.
    assert sum(server.answers.values()) - answered_before == 16 - saved
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results["n"] == 16 and results["complete"] is True


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupt_writes_what_finished_and_a_rerun_completes(tmp_path, stop):
    with FakeOpenAIServer(latency_s=0.2) as server:
        command = eval_command(server, tmp_path, limit=12, concurrency=1)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while sum(server.answers.values()) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 130  # the documented status of an interrupted run
        assert "interrupted:" in stderr and "rerun the same command to resume" in stderr
        partial = json.loads((tmp_path / "run" / "results.json").read_text())
        # Three answers sent means at least two received: with one request in flight, the
        # third was only sent after the second was taken in.
        assert partial["complete"] is False and 2 <= partial["n"] < 12
        assert len(read_jsonl(tmp_path / "run" / "samples.jsonl")) == partial["n"]
        time.sleep(4 * server.latency_s)  # a request in flight at the interrupt finishes server-side first
        answered_before = sum(server.answers.values())

        assert subprocess.run(command, capture_output=True, text=True, timeout=120).returncode == 0
        # Only what had not finished is generated again.
        assert sum(server.answers.values()) - answered_before == 12 - partial["n"]
    final = json.loads((tmp_path / "run" / "results.json").read_text())
    assert final["complete"] is True and final["n"] == 12


def test_a_fatal_error_mid_run_keeps_what_finished(tmp_path):
    # The fourth prompt is refused for good (401): the run stops, with the first ones written.
    order: list[str] = []

    def plan(prompt: str, _attempt: int):
        if prompt not in order:
            order.append(prompt)
        return 401 if order.index(prompt) == 3 else "ok"

    with FakeOpenAIServer(plan) as server:
        settings = EvalSettings(
            model="openai/fake",
            base_url=server.base_url,
            limit=8,
            concurrency=1,
            cache_path=tmp_path / "c.sqlite",
        )
        try:
            run_eval(settings, tmp_path / "run")
        except AdhereError as error:
            assert "HTTP 401" in str(error)
        else:
            raise AssertionError("a 401 did not stop the run")
    partial = json.loads((tmp_path / "run" / "results.json").read_text())
    assert partial["complete"] is False and partial["n"] == 3


def test_an_interrupt_while_checking_keeps_every_reply_for_adhere_score(tmp_path, monkeypatch):
    import adhere.evaluation as evaluation
    from adhere.errors import Interrupted

    def stopped(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(evaluation, "score_records", stopped)
    settings = EvalSettings(model="fake/echo", limit=5, cache_path=None)
    with pytest.raises(Interrupted, match="run adhere score"):
        run_eval(settings, tmp_path / "run")
    assert len(read_jsonl(tmp_path / "run" / "samples.jsonl")) == 5
    assert json.loads((tmp_path / "run" / "results.json").read_text())["complete"] is False
    monkeypatch.undo()
    results = evaluation.score_dir(tmp_path / "run")
    assert results.metrics.n == 5 and results.complete is True

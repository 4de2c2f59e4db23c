"""Replies with a reasoning trace are scored on their final answer (--reasoning strip, the default),
or as they are (keep); a trace that never closes is an unanswered reply. The raw text stays in the log."""

from __future__ import annotations

import json

import pytest

from adhere.testing import FakeOpenAIServer
from tests.conftest import read_jsonl, run_adhere, write_jsonl

ROWS = [
    {
        "key": "closed",
        "prompt": "Say hi in lowercase.",
        "instruction_id_list": ["change_case:english_lowercase"],
    },
    {"key": "newline", "prompt": "Start with hello.", "instruction_id_list": ["startend:quotation"]},
    {"key": "open", "prompt": "Never finish.", "instruction_id_list": ["punctuation:no_comma"]},
]
REPLIES = {
    "Say hi in lowercase.": "<think>The user wants LOWERCASE, so...</think>\n\nhi there",
    "Start with hello.": '<think>Quote it.</think>\n  "hello"',
    "Never finish.": "<think>Let me think about this for a long time",
}


def run(tmp_path, *extra: str) -> tuple[dict, list[dict]]:
    data = write_jsonl(tmp_path / "bench.jsonl", ROWS)
    with FakeOpenAIServer(reply=lambda prompt: REPLIES[prompt]) as server:
        result = run_adhere(
            "eval", "--model", "openai/thinker", "--base-url", server.base_url, "--bench", str(data),
            "--no-cache", "--out", str(tmp_path / "run"), *extra,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads((tmp_path / "run" / "results.json").read_text()), read_jsonl(
        tmp_path / "run" / "samples.jsonl"
    )


def test_strip_scores_the_final_answer_and_keeps_the_raw_text(tmp_path):
    results, rows = run(tmp_path)
    by_key = {row["key"]: row for row in rows}
    assert by_key["closed"]["response"] == "hi there" and by_key["closed"]["strict"] == [True]
    # Whitespace right after the closing tag is not part of the answer.
    assert by_key["newline"]["response"] == '"hello"' and by_key["newline"]["strict"] == [True]
    assert by_key["closed"]["turns"][0]["raw"].startswith("<think>")
    assert by_key["open"]["response"] is None and by_key["open"]["strict"] == [False]
    assert by_key["open"]["reasons"][0].startswith("no final answer")
    assert results["reasoning"] == {"with_trace": 3, "unanswered": 1}


def test_keep_scores_the_text_as_it_came(tmp_path):
    results, rows = run(tmp_path, "--reasoning", "keep")
    by_key = {row["key"]: row for row in rows}
    assert by_key["closed"]["response"] == REPLIES["Say hi in lowercase."]
    assert by_key["closed"]["strict"] == [False]  # "LOWERCASE" inside the trace counts now
    assert by_key["open"]["strict"] == [True] and results["reasoning"]["unanswered"] == 0


@pytest.mark.parametrize("bad", ["drop", "STRIP"])
def test_a_bad_reasoning_mode_is_one_line(tmp_path, bad):
    result = run_adhere("eval", "--model", "fake/echo", "--reasoning", bad, "--out", str(tmp_path / "r"))
    assert result.returncode == 1 and "--reasoning must be strip or keep" in result.stderr

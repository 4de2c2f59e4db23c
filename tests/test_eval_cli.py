"""`adhere eval` and `adhere score` through the console script."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, read_jsonl, run_adhere, write_jsonl


def eval_args(tmp_path, *extra: str) -> list[str]:
    return ["eval", "--out", str(tmp_path / "run"), "--cache", str(tmp_path / "cache.sqlite"), *extra]


def test_eval_writes_results_with_intervals_and_samples(tmp_path):
    result = run_adhere(*eval_args(tmp_path, "--model", "fake/echo", "--limit", "12", "--samples", "2"))
    assert result.returncode == 0, result.stderr
    assert "prompt" in result.stdout and "95% CI" in result.stdout
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    for name in ("prompt_strict", "prompt_loose", "instruction_strict", "instruction_loose"):
        low, high = results["ci95"][name]
        assert 0.0 <= low <= results[name] <= high <= 1.0
    assert results["n"] == 24 and results["n_prompts"] == 12 and results["errors"] == 0
    assert results["tokens"]["output"] > 0 and results["wall_time_s"] >= 0 and results["complete"] is True
    assert results["by_instruction"] and results["model"] == "fake/echo" and results["schema_version"] == 2
    rows = read_jsonl(tmp_path / "run" / "samples.jsonl")
    assert len(rows) == 24
    row = rows[0]
    assert row["response"] == row["prompt"]  # fake/echo
    assert {"key", "draw", "instruction_id_list", "kwargs", "strict", "loose", "usage", "latency_s"} <= set(
        row
    )


def test_score_recomputes_results_without_generating(tmp_path):
    assert run_adhere(*eval_args(tmp_path, "--model", "fake/echo", "--limit", "10")).returncode == 0
    run_dir = tmp_path / "run"
    before = json.loads((run_dir / "results.json").read_text())
    # Edit one stored response so it now follows its constraints: score must pick that up.
    rows = read_jsonl(run_dir / "samples.jsonl")
    rows[0]["turns"][-1]["reply"] = "fixed"
    rows[0]["turns"][-1]["constraints"] = [{"id": "punctuation:no_comma", "kwargs": {}}]
    (run_dir / "samples.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = run_adhere("score", str(run_dir))
    assert result.returncode == 0, result.stderr
    after = json.loads((run_dir / "results.json").read_text())
    assert after["n"] == before["n"] and after["model"] == before["model"]
    assert read_jsonl(run_dir / "samples.jsonl")[0]["strict"] == [True]


def test_rerunning_the_same_command_takes_everything_from_the_cache(tmp_path):
    args = eval_args(tmp_path, "--model", "fake/echo", "--limit", "5")
    assert run_adhere(*args).returncode == 0
    assert run_adhere(*args).returncode == 0
    assert all(row["cached"] for row in read_jsonl(tmp_path / "run" / "samples.jsonl"))


def test_eval_on_a_local_ifeval_file(tmp_path):
    result = run_adhere(
        *eval_args(tmp_path, "--model", "fake/echo", "--bench", str(ROOT / "examples" / "prompts.jsonl"))
    )
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "run" / "results.json").read_text())["n"] == 4


def test_user_errors_are_one_clear_line(tmp_path):
    cases = [
        (["--model", "nope/x"], "unknown model provider 'nope'"),
        (["--model", "llama-cpp/" + str(tmp_path / "missing.gguf")], "no GGUF model file at"),
        (["--model", "fake/echo", "--bench", str(tmp_path / "none.jsonl")], "no such file"),
        (["--model", "openai/m", "--base-url", "http://127.0.0.1:9/v1", "--limit", "2"], "cannot connect to"),
    ]
    for extra, message in cases:
        result = run_adhere(*eval_args(tmp_path, *extra))
        assert result.returncode == 1, (extra, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr


def test_score_of_a_missing_run_is_a_clear_error(tmp_path):
    result = run_adhere("score", str(tmp_path / "nothing"))
    assert result.returncode == 1 and "samples.jsonl: cannot read" in result.stderr


@pytest.mark.parametrize(
    ("bench", "dataset"),
    [
        ("ifeval", "google/IFEval"),
        ("ifbench", "allenai/IFBench_test"),
        ("ifbench-multiturn", "allenai/IFBench_multi-turn"),
    ],
)
def test_a_hub_benchmark_that_cannot_load_says_to_pass_a_local_file(tmp_path, bench, dataset):
    result = run_adhere(
        *eval_args(tmp_path, "--model", "fake/echo", "--bench", bench), env={"HF_HUB_OFFLINE": "1"}
    )
    assert result.returncode == 1
    assert f"could not load {dataset}" in result.stderr and f"--bench {bench}:PATH.jsonl" in result.stderr


def test_multiturn_isolates_the_constraint_into_a_second_turn(tmp_path):
    data = write_jsonl(
        tmp_path / "bench.jsonl",
        [
            {
                "key": 1,
                "prompt": "Write a riddle about the moon. Do not use any commas in your response.",
                "instruction_id_list": ["punctuation:no_comma"],
                "kwargs": [{}],
            }
        ],
    )
    result = run_adhere(
        *eval_args(tmp_path, "--model", "fake/echo", "--bench", f"ifbench:{data}", "--multiturn")
    )
    assert result.returncode == 0, result.stderr
    row = read_jsonl(tmp_path / "run" / "samples.jsonl")[0]
    first, second = row["turns"]
    assert first["user"] == "Write a riddle about the moon." and first["constraints"] == []
    assert first["reply"] == "Write a riddle about the moon."  # fake/echo's answer to turn 1
    assert second["user"] == "Do not use any commas in your response."
    assert second["constraints"] == [{"id": "punctuation:no_comma", "kwargs": {}}]
    # Turn 2 is asked with turn 1 and the model's own reply as its history.
    assert [m["role"] for m in second["calls"][0]["messages"]] == ["user", "assistant", "user"]
    assert row["instruction_id_list"] == ["punctuation:no_comma"] and row["strict"] == [True]


def test_rows_with_messages_are_answered_as_the_last_turn(tmp_path):
    messages = [
        {"role": "user", "content": "Name a planet."},
        {"role": "assistant", "content": "Mars, of course."},
        {"role": "user", "content": "Rewrite that without commas."},
    ]
    data = write_jsonl(
        tmp_path / "mt.jsonl",
        [{"key": 7, "messages": messages, "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}],
    )
    result = run_adhere(*eval_args(tmp_path, "--model", "fake/echo", "--bench", f"ifbench-multiturn:{data}"))
    assert result.returncode == 0, result.stderr
    row = read_jsonl(tmp_path / "run" / "samples.jsonl")[0]
    assert row["prompt"] == "Rewrite that without commas." and row["messages"] == messages
    assert row["response"] == "Rewrite that without commas." and row["strict"] == [True]
    bad = write_jsonl(
        tmp_path / "bad.jsonl", [{"key": 1, "messages": messages[:2], "instruction_id_list": []}]
    )
    failed = run_adhere(*eval_args(tmp_path, "--model", "fake/echo", "--bench", str(bad)))
    assert (
        failed.returncode == 1
        and "bad.jsonl:1: the last of 'messages' must be the user turn" in failed.stderr
    )


def test_a_missing_optional_dependency_names_what_to_install(monkeypatch):
    import importlib.util

    from adhere.models import ModelError, get_model

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "llama_cpp" else real_find_spec(name, *a),
    )
    for spec in ("embedded", "llama-cpp/model.gguf"):
        try:
            get_model(spec)
        except ModelError as error:
            assert "pip install 'adhere[llama]'" in str(error)
        else:
            raise AssertionError(f"{spec} built without llama-cpp-python")


def test_eval_with_a_strategy_reports_calls_tokens_cost_and_repair(tmp_path):
    args = eval_args(tmp_path, "--model", "fake/echo", "--limit", "6", "--strategy", "best-of-n", "--repair")
    result = run_adhere(*args)
    assert result.returncode == 0, result.stderr
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results["strategy"] == "best-of-n" and results["oracle_constraints"] is False
    cost = results["cost"]
    assert cost["calls_per_sample"] >= 1 and cost["cost_multiple_vs_direct"] >= 1
    assert cost["calls_by_purpose"]["answer"] == round(cost["calls_per_sample"] * 6)
    assert {"prompt_strict", "repairs_applied", "note"} <= set(results["repair"])
    assert results["settings"]["strategy_settings"]["n"] == 4
    row = read_jsonl(tmp_path / "run" / "samples.jsonl")[0]
    turn = row["turns"][-1]
    assert row["knowledge"] == "extracted" and turn["calls"][0]["purpose"] == "answer"
    assert row["usage"]["output_tokens"] == sum(c["output_tokens"] for c in turn["calls"])
    assert "repaired_response" in turn and row["response"] == turn["calls"][turn["details"]["chosen"]]["text"]
    # Every candidate the strategy reviewed is recorded with its own verdict.
    assert turn["candidates"] and all({"text", "passed", "known"} <= set(c) for c in turn["candidates"])
    # Re-scoring the run reproduces the strategy sections from the rows alone.
    rescored = run_adhere("score", str(tmp_path / "run"))
    assert rescored.returncode == 0, rescored.stderr
    assert json.loads((tmp_path / "run" / "results.json").read_text())["cost"] == cost


def test_eval_with_oracle_constraints_says_so(tmp_path):
    args = eval_args(
        tmp_path, "--model", "fake/echo", "--limit", "3", "--strategy", "decrim", "--oracle-constraints"
    )
    assert run_adhere(*args).returncode == 0
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results["oracle_constraints"] is True
    assert all(row["knowledge"] == "oracle" for row in read_jsonl(tmp_path / "run" / "samples.jsonl"))


def test_strategy_flag_errors_are_one_line(tmp_path):
    unknown = run_adhere(*eval_args(tmp_path, "--model", "fake/echo", "--strategy", "bogus"))
    assert unknown.returncode == 1 and "--strategy 'bogus'" in unknown.stderr
    draws = run_adhere(*eval_args(tmp_path, "--model", "fake/echo", "--strategy", "direct", "--samples", "2"))
    assert draws.returncode == 1 and "--samples" in draws.stderr
    alone = run_adhere(*eval_args(tmp_path, "--model", "fake/echo", "--repair"))
    assert alone.returncode == 1 and "--strategy" in alone.stderr
    search = run_adhere(*eval_args(tmp_path, "--model", "fake/echo", "--strategy", "tree", "--search", "x"))
    assert search.returncode == 1 and "--search" in search.stderr


def test_follow_prints_the_answer_verdicts_and_cost():
    prompt = "Write about the sea. Do not use any commas."
    result = run_adhere("follow", prompt, "--model", "fake/fixed:the sea, the sky", "--strategy", "best-of-n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "the sea, the sky"
    assert "FAIL punctuation:no_comma" in result.stderr and "best-of-n: 4 call(s)" in result.stderr
    as_json = run_adhere(
        "follow", prompt, "--model", "fake/fixed:the sea, the sky", "--strategy", "decrim", "--rounds", "1",
        "--repair", "--json",
    )  # fmt: skip
    found = json.loads(as_json.stdout)
    assert found["calls"] == 2 and found["constraints"][0]["ok"] is False
    assert found["repaired"]["answer"] == "the sea the sky" and found["repaired"]["constraints"][0]["ok"]


def test_follow_reports_an_unreachable_model_in_one_line():
    result = run_adhere("follow", "Hi.", "--model", "openai/m", "--base-url", "http://127.0.0.1:9/v1")
    assert (
        result.returncode == 1 and "cannot connect to" in result.stderr and "Traceback" not in result.stderr
    )

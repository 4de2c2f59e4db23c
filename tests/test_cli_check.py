"""`adhere check` through the installed console script, on real files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, read_jsonl, run_adhere, write_jsonl

PROMPTS = [
    {
        "key": 1,
        "prompt": "No commas please.",
        "instruction_id_list": ["punctuation:no_comma"],
        "kwargs": [{}],
    },
    {
        "key": 2,
        "prompt": "  Say hi in at least 3 words. ",
        "instruction_id_list": ["length_constraints:number_words", "startend:quotation"],
        "kwargs": [{"num_words": 3, "relation": "at least"}, {}],
    },
]


@pytest.fixture
def prompts(tmp_path):
    return write_jsonl(tmp_path / "prompts.jsonl", PROMPTS)


def test_json_metrics_and_one_verdict_row_per_response_row_in_order(tmp_path, prompts):
    responses = write_jsonl(
        tmp_path / "responses.jsonl",
        [
            {"key": 1, "id": "a", "response": "Fine, thanks"},
            {"key": 1, "id": "b", "response": "Fine thanks"},
            {"prompt": "Say hi in at least 3 words.", "id": "c", "response": '"Hi there friend"'},
        ],
    )
    out = tmp_path / "verdicts" / "v.jsonl"
    result = run_adhere(
        "check", "--data", str(prompts), "--responses", str(responses), "--out", str(out), "--json"
    )
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics == {
        "prompt_strict": pytest.approx(2 / 3),
        "prompt_loose": pytest.approx(2 / 3),
        "instruction_strict": pytest.approx(3 / 4),
        "instruction_loose": pytest.approx(3 / 4),
        "n": 3,
    }
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert [r["key"] for r in rows] == [1, 1, 2]
    assert rows[0]["strict"] == [False] and rows[0]["reasons"][0].startswith("found 1 comma")
    assert rows[2]["strict"] == [True, True] and rows[2]["loose"] == [True, True]
    assert rows[2]["reasons"] == [None, None]


def test_table_output_names_levels_and_types(tmp_path, prompts):
    responses = write_jsonl(tmp_path / "r.jsonl", [{"key": 1, "response": "ok"}])
    result = run_adhere("check", "--data", str(prompts), "--responses", str(responses))
    assert result.returncode == 0, result.stderr
    assert "prompt" in result.stdout and "instruction" in result.stdout
    assert "punctuation:no_comma" in result.stdout and "100.00%" in result.stdout


@pytest.mark.parametrize(
    ("bad_prompt_line", "message"),
    [
        ("{not json", "prompts.jsonl:2: not valid JSON"),
        (
            json.dumps(
                {
                    "key": 9,
                    "prompt": "x",
                    "instruction_id_list": ["punctuation:no_commas"],
                    "kwargs": [{}],
                }
            ),
            "prompts.jsonl:2: unknown instruction id 'punctuation:no_commas'",
        ),
        (
            json.dumps(
                {
                    "key": 9,
                    "prompt": "x",
                    "instruction_id_list": ["startend:end_checker"],
                    "kwargs": [{"end": 1}],
                }
            ),
            "prompts.jsonl:2: startend:end_checker: unexpected argument 'end'",
        ),
        (
            json.dumps(
                {
                    "key": 9,
                    "prompt": "x",
                    "instruction_id_list": ["punctuation:no_comma"],
                    "kwargs": [],
                }
            ),
            "prompts.jsonl:2: 'kwargs' must be a list with one object per instruction id",
        ),
    ],
)
def test_bad_prompt_rows_name_file_and_line(tmp_path, bad_prompt_line, message):
    prompts = write_jsonl(tmp_path / "prompts.jsonl", [PROMPTS[0], bad_prompt_line])
    responses = write_jsonl(tmp_path / "r.jsonl", [{"key": 1, "response": "ok"}])
    result = run_adhere("check", "--data", str(prompts), "--responses", str(responses))
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unmatched_response_fails_and_leaves_an_earlier_output_file_intact(tmp_path, prompts):
    out = tmp_path / "v.jsonl"
    out.write_text("earlier results\n")
    responses = write_jsonl(
        tmp_path / "r.jsonl", [{"key": 1, "response": "ok"}, {"key": 77, "response": "x"}]
    )
    result = run_adhere("check", "--data", str(prompts), "--responses", str(responses), "--out", str(out))
    assert result.returncode == 1
    assert "r.jsonl:2: key 77 matches no input prompt" in result.stderr
    assert out.read_text() == "earlier results\n"


def test_skip_invalid_reports_each_bad_row_and_scores_the_rest(tmp_path, prompts):
    responses = write_jsonl(
        tmp_path / "r.jsonl",
        [
            {"key": 1, "response": "ok"},
            "{broken",
            {"prompt": "a prompt nobody asked", "response": "x"},
            {"key": 2},
            {"key": 2, "response": '"one two three"'},
        ],
    )
    result = run_adhere(
        "check", "--data", str(prompts), "--responses", str(responses), "--skip-invalid", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert "r.jsonl:2: not valid JSON" in result.stderr
    assert "r.jsonl:3: prompt matches no input prompt" in result.stderr
    assert "r.jsonl:4: missing the 'response' string" in result.stderr
    assert "3 invalid row(s) skipped" in result.stderr
    assert json.loads(result.stdout)["n"] == 2


def test_missing_file_is_a_clear_error(tmp_path, prompts):
    result = run_adhere("check", "--data", str(prompts), "--responses", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 1
    assert "nope.jsonl: cannot read" in result.stderr


def test_the_readme_example_runs(tmp_path):
    result = run_adhere(
        "check",
        "--data", str(ROOT / "examples" / "prompts.jsonl"),
        "--responses", str(ROOT / "examples" / "responses.jsonl"),
        "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["n"] == 6


def test_ifeval_gpt4_responses_score_the_published_prompt_level_figures(conformance, tmp_path):
    base = conformance / "ifeval"
    out = tmp_path / "v.jsonl"
    result = run_adhere(
        "check", "--data", str(base / "input_data.jsonl"), "--responses", str(base / "responses_gpt4.jsonl"),
        "--out", str(out), "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert (round(100 * metrics["prompt_strict"], 2), round(100 * metrics["prompt_loose"], 2)) == (
        77.26,
        79.85,
    )
    assert len(read_jsonl(out)) == 541


def test_an_output_path_that_cannot_be_written_is_a_clear_error(tmp_path, prompts):
    responses = write_jsonl(tmp_path / "r.jsonl", [{"key": 1, "response": "ok"}])
    (tmp_path / "taken").mkdir()
    result = run_adhere(
        "check", "--data", str(prompts), "--responses", str(responses), "--out", str(tmp_path / "taken")
    )
    assert result.returncode == 1
    assert "error:" in result.stderr and "taken" in result.stderr and "Traceback" not in result.stderr


CSV_CITY_PROMPT = {
    "key": 3,
    "prompt": "Generate CSV data.",
    "instruction_id_list": ["custom:csv_city"],
    "kwargs": [{}],
}


@pytest.mark.parametrize(
    ("response", "reason"),
    [("x,y\n1,2\r3,4", "not readable as CSV"), ("a," + "b" * 131_073, "field larger than field limit")],
    ids=["bare-carriage-return", "field-over-the-csv-limit"],
)
def test_a_response_csv_cannot_read_is_a_failed_verdict_not_a_crash(tmp_path, response, reason):
    # csv raised _csv.Error here: a traceback and no verdicts, even with --skip-invalid.
    prompts = write_jsonl(tmp_path / "prompts.jsonl", [CSV_CITY_PROMPT])
    responses = write_jsonl(tmp_path / "r.jsonl", [{"key": 3, "response": response}])
    out = tmp_path / "v.jsonl"
    result = run_adhere(
        "check", "--data", str(prompts), "--responses", str(responses), "--out", str(out), "--json"
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    [row] = read_jsonl(out)
    assert row["strict"] == [False] and row["loose"] == [False]
    assert reason in row["reasons"][0]


def _write_lines(path, lines: list[bytes]):
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def test_an_invalid_utf8_line_is_named_and_only_that_line_is_skipped(tmp_path, prompts):
    # The whole file was refused as "not UTF-8 text", without a line number, even with --skip-invalid.
    good = json.dumps({"key": 1, "response": "ok"}).encode()
    bad = b'{"key": 2, "response": "caf\xe9"}'
    responses = _write_lines(tmp_path / "r.jsonl", [good, bad, good])
    stopped = run_adhere("check", "--data", str(prompts), "--responses", str(responses), "--json")
    assert stopped.returncode == 1
    assert "r.jsonl:2: not valid UTF-8" in stopped.stderr and "0xe9" in stopped.stderr
    skipped = run_adhere(
        "check", "--data", str(prompts), "--responses", str(responses), "--skip-invalid", "--json"
    )
    assert skipped.returncode == 0, skipped.stderr
    assert "r.jsonl:2: not valid UTF-8" in skipped.stderr
    assert "1 invalid row(s) skipped" in skipped.stderr
    assert json.loads(skipped.stdout)["n"] == 2


def test_a_duplicate_key_is_an_invalid_line_not_the_last_value(tmp_path):
    # Two "prompt" fields were accepted silently, with the last value.
    prompts = _write_lines(
        tmp_path / "prompts.jsonl",
        [
            json.dumps(PROMPTS[0]).encode(),
            b'{"key": 5, "prompt": "a", "prompt": "b", "instruction_id_list": [], "kwargs": []}',
        ],
    )
    responses = write_jsonl(tmp_path / "r.jsonl", [{"key": 1, "response": "ok"}])
    stopped = run_adhere("check", "--data", str(prompts), "--responses", str(responses))
    assert stopped.returncode == 1
    assert "prompts.jsonl:2: duplicate key 'prompt'" in stopped.stderr
    skipped = run_adhere(
        "check", "--data", str(prompts), "--responses", str(responses), "--skip-invalid", "--json"
    )
    assert skipped.returncode == 0, skipped.stderr
    assert "prompts.jsonl:2: duplicate key 'prompt'" in skipped.stderr
    assert json.loads(skipped.stdout)["n"] == 1

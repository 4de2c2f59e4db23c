"""The run log: runs written by adhere 0.1 (schema 1) are read and re-scored; a newer schema is refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from adhere.errors import AdhereError
from adhere.evaluation import score_dir
from adhere.runlog import SCHEMA_VERSION, SampleRecord, read_samples
from tests.conftest import read_jsonl, run_adhere

FIXTURES = Path(__file__).parent / "fixtures"
HEADLINE = ("prompt_strict", "prompt_loose", "instruction_strict", "instruction_loose", "n", "n_prompts")


def old_run(tmp_path: Path, name: str) -> Path:
    """A copy of a run directory written by adhere 0.1.0 (commit 25a52d7) with fake/echo."""
    return Path(shutil.copytree(FIXTURES / name, tmp_path / name))


@pytest.mark.parametrize("name", ["run_v1_plain", "run_v1_strategy"])
def test_score_reads_a_schema_1_run_and_reproduces_its_figures(tmp_path, name):
    run = old_run(tmp_path, name)
    before = json.loads((run / "results.json").read_text())
    assert before["schema_version"] == 1
    result = run_adhere("score", str(run))
    assert result.returncode == 0, result.stderr
    after = json.loads((run / "results.json").read_text())
    assert {k: after[k] for k in HEADLINE} == {k: before[k] for k in HEADLINE}
    assert after["by_instruction"] == before["by_instruction"] and after["schema_version"] == SCHEMA_VERSION
    for section in ("cost", "repair"):
        # Every figure the old release wrote comes back the same (later releases may add figures).
        old = before.get(section)
        assert (old is None) == (after.get(section) is None)
        assert old is None or {k: after[section].get(k) for k in old} == old
    # The rows are rewritten in the current schema, and read back the same.
    rows = read_jsonl(run / "samples.jsonl")
    assert all("turns" in row for row in rows)
    assert [r.key for r in read_samples(run)] == [1, 2, 3]


def test_a_schema_1_multi_turn_row_keeps_its_history_as_fixed_turns(tmp_path):
    record = read_samples(old_run(tmp_path, "run_v1_plain"))[2]
    assert [t.fixed for t in record.turns] == [True, False]
    assert record.turns[0].reply == "Apple." and record.messages()[-1]["role"] == "user"


def test_a_run_from_a_newer_schema_is_refused_clearly(tmp_path):
    run = old_run(tmp_path, "run_v1_plain")
    results = json.loads((run / "results.json").read_text())
    (run / "results.json").write_text(json.dumps({**results, "schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(AdhereError, match=f"run schema {SCHEMA_VERSION + 1}, newer than this adhere reads"):
        score_dir(run)
    failed = run_adhere("score", str(run))
    assert failed.returncode == 1 and "upgrade adhere" in failed.stderr and "Traceback" not in failed.stderr


def test_a_damaged_row_names_its_line(tmp_path):
    run = old_run(tmp_path, "run_v1_plain")
    lines = (run / "samples.jsonl").read_text().splitlines()
    lines[1] = json.dumps({"key": 2, "turns": [{"constraints": []}]})
    (run / "samples.jsonl").write_text("\n".join(lines) + "\n")
    failed = run_adhere("score", str(run))
    assert failed.returncode == 1 and "samples.jsonl:2: not a run record" in failed.stderr


def test_records_round_trip_through_their_json_form(tmp_path):
    for record in read_samples(old_run(tmp_path, "run_v1_strategy")):
        assert SampleRecord.from_dict(json.loads(json.dumps(record.as_dict()))) == record

"""adhere report: one self-contained HTML file, its data, and the command's errors (no browser here)."""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

import pytest

from adhere.report._html import render_report
from adhere.report._runs import load_runs
from adhere.runlog import Call, Candidate, ConstraintRef, SampleRecord, TurnRecord, write_run
from tests.conftest import run_adhere
from tests.test_compare import LOWER, NO_COMMA, invoke, make_run, record

pytest.importorskip("plotly", reason="adhere report draws its charts with plotly (adhere[report])")


def payload(page: str) -> dict:
    packed = re.search(r'<script type="application/octet-stream" id="adhere-data">(.*?)</script>', page, re.S)
    assert packed is not None
    return json.loads(gzip.decompress(base64.b64decode(packed.group(1))))


def test_a_report_is_one_file_that_loads_nothing_from_outside(tmp_path):
    page = render_report(load_runs([make_run(tmp_path / "run", [True, False] * 6)]))
    # Every script and style is inline; the markup names no other file or host.
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    outside = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"(src|href)\s*=", outside)
    assert "default-src 'none'" in page  # the browser itself refuses any request the page might try
    assert page.count("plotly.js v") == 1  # inlined once
    data = payload(page)
    [run] = data["runs"]
    assert run["label"] == "run" and run["n"] == 12 and run["strategy"] == "plain"
    assert run["metrics"]["prompt_strict"][0] == 0.5 and len(run["metrics"]["prompt_strict"]) == 3
    assert {t["id"] for t in run["by_type"]} == {LOWER.id, NO_COMMA.id}
    sample = run["samples"][1]
    assert sample["id"] == "s1" and sample["strict"] is False
    verdicts = sample["turns"][0]["constraints"]
    assert verdicts[0]["strict"] is False and "not all lowercase" in verdicts[0]["reason"]
    assert data["comparison"] is None


def test_two_runs_carry_their_comparison_or_why_there_is_none(tmp_path):
    a = make_run(tmp_path / "a", [True] * 4 + [False] * 16)
    b = make_run(tmp_path / "b", [True] * 14 + [False] * 6)
    compared = payload(render_report(load_runs([a, b])))["comparison"]
    assert compared["paired"] == 20 and compared["metrics"]["prompt_strict"]["delta"] == pytest.approx(0.5)
    other = make_run(tmp_path / "other", [True] * 20, bench="ifeval")
    refused = payload(render_report(load_runs([a, other])))
    assert (
        refused["comparison"] is None and "only runs of the same benchmark" in refused["comparison_refused"]
    )


def test_strategy_calls_candidates_and_turns_reach_the_drill_down(tmp_path):
    text = "the weather is calm today and everyone in the village is happy about it"
    calls = (
        Call("answer", ({"role": "user", "content": "Q"},), text.upper(), 10, 20, 0.1, False),
        Call("revise", ({"role": "user", "content": "Fix: use lowercase."},), text, 30, 20, 0.1, True),
    )
    first = TurnRecord("Say hello.", (), reply="hello there")
    second = TurnRecord(
        "Q", (LOWER,), reply=text + " " * 7000, calls=calls, candidates=(Candidate(text, 1, 1),)
    )
    conversation = SampleRecord("c1", (first, second), strategy="decrim", knowledge="extracted")
    write_run(tmp_path / "conv", [conversation, *[record(f"s{i}", True) for i in range(3)]], {})
    [run] = payload(render_report(load_runs([tmp_path / "conv"])))["runs"]
    turn = run["samples"][0]["turns"][1]
    assert [c["purpose"] for c in turn["calls"]] == ["answer", "revise"]
    assert turn["calls"][0]["asked"] is None  # the turn's own prompt is not repeated
    assert turn["calls"][1]["asked"] == "Fix: use lowercase." and turn["calls"][1]["cached"] is True
    assert turn["candidates"] == [{"call": 1, "text": None, "passed": 1, "known": 1, "failures": []}]
    assert turn["reply"].endswith("more characters in the run log]")  # long texts are cut, with a note
    assert [t["turn"] for t in run["per_turn"]] == [1, 2]
    assert run["calls_by_purpose"] == {"answer": 1.0, "revise": 0.25}  # per answered sample
    assert run["benchmark"] == "unknown" and run["model"] == "unknown"


def test_report_command_writes_the_file_and_says_what_it_weighs(tmp_path):
    run = make_run(tmp_path / "run", [True] * 3)
    out = tmp_path / "out" / "r.html"
    done = run_adhere("report", str(run), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file() and f"wrote {out}" in done.stdout and "MB" in done.stdout
    missing = run_adhere("report", str(tmp_path / "nowhere"), "-o", str(out))
    assert missing.returncode == 1 and "not a run directory" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_report_of_the_same_runs_is_byte_identical(tmp_path):
    runs = load_runs([make_run(tmp_path / "run", [True, False, True])])
    assert render_report(runs) == render_report(runs)


def test_an_empty_run_log_is_refused(tmp_path):
    write_run(tmp_path / "empty", [], {})
    done = invoke("report", str(tmp_path / "empty"), "-o", str(tmp_path / "r.html"))
    assert done.exit_code == 1 and "holds no samples" in done.stderr
    assert not Path(tmp_path / "r.html").exists()


def _ifeval_run(conformance: Path, out: Path, calls: int) -> Path:
    """All 541 IFEval prompts answered with the published GPT-4 responses; ``calls`` > 1 adds
    that many sampled calls and candidates per prompt, as a best-of-n run records them."""
    folder = conformance / "ifeval"
    responses = {}
    for line in (folder / "responses_gpt4.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        responses[row["prompt"]] = row["response"]
    records = []
    for line in (folder / "input_data.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = responses[row["prompt"]]
        refs = tuple(
            ConstraintRef(i, {k: v for k, v in (kw or {}).items() if v is not None})
            for i, kw in zip(row["instruction_id_list"], row["kwargs"], strict=True)
        )
        asked = ({"role": "user", "content": row["prompt"]},)
        made = tuple(Call("sample", asked, text[: len(text) - i], 300, 400, 1.0, False) for i in range(calls))
        picked = tuple(Candidate(c.text, 1, len(refs)) for c in made) if calls > 1 else ()
        turn = TurnRecord(row["prompt"], refs, reply=text, calls=made, candidates=picked)
        records.append(SampleRecord(row["key"], (turn,), strategy="best-of-n" if calls > 1 else None))
    write_run(out, records, {"model": "gpt-4", "settings": {"bench": "ifeval"}})
    return out


def test_a_report_of_all_541_ifeval_prompts_stays_under_10_mb(tmp_path, conformance):
    # A strategy run with four calls a prompt (measured: 5.7 MB alone, 6.2 MB beside a plain run).
    four = _ifeval_run(conformance, tmp_path / "four", calls=4)
    page = render_report(load_runs([four]))
    assert len(page.encode("utf-8")) < 10_000_000
    assert len(payload(page)["runs"][0]["samples"]) == 541


def test_report_compares_small_runs_when_told_how_few_samples_suffice(tmp_path):
    a = make_run(tmp_path / "a", [True] * 5)
    b = make_run(tmp_path / "b", [False] * 5)
    refused = payload(render_report(load_runs([a, b])))
    assert refused["comparison"] is None and "at least 10 (--min-shared)" in refused["comparison_refused"]
    out = tmp_path / "r.html"
    done = invoke("report", str(a), str(b), "-o", str(out), "--min-shared", "5")
    assert done.exit_code == 0, done.stderr
    assert payload(out.read_text(encoding="utf-8"))["comparison"]["pass_to_fail"] == [
        f"s{i}" for i in range(5)
    ]

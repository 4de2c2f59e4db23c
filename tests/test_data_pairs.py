"""Preference pairs and SFT rows from hand-made run logs: which pairs, which dropped, and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adhere.data import ExportOptions, export_pairs, export_sft, propose_pairs, verified_answers
from adhere.data._select import balance
from adhere.runlog import Candidate, ConstraintRef, SampleRecord, TurnRecord, read_samples, write_run
from tests.conftest import run_adhere

LOWER = ConstraintRef("change_case:english_lowercase")
NO_COMMA = ConstraintRef("punctuation:no_comma")
GOLD = (LOWER, NO_COMMA)
GOOD, GOOD2 = "hello world", "hello there world"
BAD_CASE, BAD_BOTH, BAD_COMMA = "Hello world", "Hello, World", "hello, world"


def cands(*texts: str) -> tuple[Candidate, ...]:
    # The strategy's own verdicts are deliberately left meaningless: the export re-checks.
    return tuple(Candidate(t, 0, 2) for t in texts)


def record(key: str, strategy: str | None, reply: str | None, candidates: tuple[Candidate, ...] = (),
           details: dict | None = None, draw: int = 0, constraints=GOLD, known=None,
           error=None) -> SampleRecord:  # fmt: skip
    turn = TurnRecord(
        f"Prompt {key}", constraints, reply=reply, candidates=candidates, details=details or {}, known=known
    )
    return SampleRecord(key, (turn,), draw=draw, strategy=strategy, error=error)


def tree_nodes(*parents: int | None) -> dict:
    return {"nodes": [{"id": i, "parent": p} for i, p in enumerate(parents)], "chosen": 0}


def run(tmp_path: Path, name: str, records: list[SampleRecord]) -> Path:
    write_run(tmp_path / name, records, {"model": "hand-made"})
    return tmp_path / name


def triples(pairs) -> set[tuple[str, str, str, str]]:
    return {(p.key, p.source, p.chosen, p.rejected) for p in pairs}


def test_each_strategy_trace_gives_its_own_kind_of_pair(tmp_path):
    records = [
        record("bon", "best-of-n", GOOD, cands(BAD_BOTH, BAD_CASE, GOOD)),
        # root 0 fails; 1 (child of 0) fails; 2 (child of 1) passes; 3 (child of 0) passes.
        record("tree", "tree", GOOD, cands(BAD_BOTH, BAD_CASE, GOOD, GOOD2), tree_nodes(None, 0, 1, 0)),
        record("decrim", "decrim", GOOD, cands(BAD_BOTH, BAD_COMMA, GOOD), {"chosen": 2}),
        record("draws", None, GOOD, draw=0),
        record("draws", None, BAD_COMMA, draw=1),
    ]
    pairs, without = propose_pairs(read_samples(run(tmp_path, "r", records)))
    assert triples(pairs) == {
        ("bon", "best-of-n", GOOD, BAD_BOTH),
        ("bon", "best-of-n", GOOD, BAD_CASE),
        # SPaR's minimal edits only: each passing node against its own failing parent, not the root.
        ("tree", "tree", GOOD, BAD_CASE),
        ("tree", "tree", GOOD2, BAD_BOTH),
        ("decrim", "decrim", GOOD, BAD_BOTH),
        ("draws", "draws", GOOD, BAD_COMMA),
    }
    assert not without
    by_rejected = {p.rejected: p.failed for p in pairs}
    assert by_rejected[BAD_BOTH] == ("change_case:english_lowercase", "punctuation:no_comma")
    assert by_rejected[BAD_COMMA] == ("punctuation:no_comma",)
    assert {p.basis for p in pairs} == {"benchmark"}


def test_prompts_without_a_pair_are_counted_by_reason(tmp_path):
    records = [
        record("single", None, GOOD),
        record("allfail", "best-of-n", BAD_CASE, cands(BAD_CASE, BAD_BOTH)),
        record("allpass", "best-of-n", GOOD, cands(GOOD, GOOD2)),
        # decrim kept its first answer: final vs first is no pair, however the middle one did.
        record("decrim0", "decrim", GOOD, cands(GOOD, BAD_CASE), {"chosen": 0}),
        record("err", None, None, error="timed out"),
        record("nothing", "best-of-n", GOOD, cands(GOOD, BAD_CASE), constraints=()),
        record(
            "unknown", "best-of-n", GOOD, cands(GOOD, BAD_CASE), constraints=(ConstraintRef("no:such_id"),)
        ),
    ]
    pairs, without = propose_pairs(read_samples(run(tmp_path, "r", records)))
    assert pairs == []
    assert without["one answer only (no candidates, no other draw)"] == 1
    assert without["no answer passes every constraint"] == 1
    assert without["every answer passes every constraint"] == 1
    assert without["no pair of its kind (a passing refinement of a failing answer)"] == 1
    assert without["the sample ended in an error"] == 1
    assert without["no verifiable constraints"] == 1
    assert sum(n for reason, n in without.items() if reason.startswith("constraints cannot be built")) == 1


def test_the_benchmark_decides_over_the_strategys_own_verdict(tmp_path):
    # The strategy knew only "lowercase" and thought the comma answer passed; the benchmark says no.
    known = ({"id": "change_case:english_lowercase", "kwargs": {}},)
    records = [
        record(
            "k", "best-of-n", BAD_COMMA, (Candidate(BAD_CASE, 0, 1), Candidate(BAD_COMMA, 1, 1)), known=known
        )
    ]
    pairs, without = propose_pairs(read_samples(run(tmp_path, "r", records)))
    assert pairs == [] and without["no answer passes every constraint"] == 1


def test_without_gold_constraints_the_extracted_ones_decide(tmp_path):
    known = (
        {"id": "change_case:english_lowercase", "kwargs": {}, "description": "lowercase"},
        {"soft": "be kind"},
    )
    soft_only = ({"soft": "be kind"},)
    records = [
        record("x", "best-of-n", BAD_COMMA, cands(BAD_CASE, BAD_COMMA), constraints=(), known=known),
        record("soft", "best-of-n", GOOD, cands(BAD_CASE, GOOD), constraints=(), known=soft_only),
    ]
    pairs, without = propose_pairs(read_samples(run(tmp_path, "r", records)))
    assert triples(pairs) == {("x", "best-of-n", BAD_COMMA, BAD_CASE)}
    assert pairs[0].basis == "extracted" and without == {"no verifiable constraints": 1}


def test_export_dedupes_caps_and_writes_trls_format(tmp_path):
    bon = record("bon", "best-of-n", GOOD, cands(BAD_BOTH, BAD_CASE, BAD_COMMA, GOOD))
    first, second = run(tmp_path, "a", [bon]), run(tmp_path, "b", [bon])
    out = tmp_path / "pairs.jsonl"
    summary = export_pairs([first, second], out, ExportOptions(max_per_prompt=2))
    assert summary.kept == 2 and summary.prompts == 1
    # The second run's three pairs are copies of the first's; one of the first's is over the cap.
    assert summary.dropped == {"duplicate": 3, "over --max-per-prompt": 1}
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0] == {
        "prompt": [{"role": "user", "content": "Prompt bon"}],
        "chosen": [{"role": "assistant", "content": GOOD}],
        "rejected": [{"role": "assistant", "content": BAD_BOTH}],
    }


def test_balance_keeps_rare_types_and_caps_common_ones():
    rows = [("a",)] * 5 + [("b",)] * 3 + [("c",)] + [("a", "c")] + [()]
    kept, dropped = balance(rows, lambda r: r)
    # Totals a=6, b=3, c=2 -> median 3; ("a", "c") serves the rarer c; the typeless row stays.
    assert kept == [("a",)] * 3 + [("b",)] * 3 + [("c",), ("a", "c"), ()]
    assert dropped == 2


def test_multi_turn_pairs_use_the_history_as_played(tmp_path):
    first = TurnRecord("Say hi.", (LOWER,), reply="hi")
    second = TurnRecord("Again.", (NO_COMMA,), reply=GOOD, candidates=cands(BAD_COMMA, GOOD))
    rec = SampleRecord("mt", (first, second), system="Be brief.", strategy="best-of-n")
    pairs, _ = propose_pairs(read_samples(run(tmp_path, "r", [rec])))
    assert len(pairs) == 1 and pairs[0].prompt == (
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Say hi."},
        {"role": "assistant", "content": "hi"},
        {"role": "user", "content": "Again."},
    )
    assert pairs[0].failed == ("punctuation:no_comma",)


def test_sft_rows_are_verified_answers_after_a_history_that_follows(tmp_path):
    bad_history = SampleRecord(
        "h", (TurnRecord("One.", (LOWER,), reply="NOT LOWER"), TurnRecord("Two.", (NO_COMMA,), reply=GOOD))
    )
    records = [
        record("bon", "best-of-n", GOOD, cands(BAD_CASE, GOOD)),
        record("draws", None, GOOD2, draw=0),
        record("draws", None, BAD_CASE, draw=1),
        record("fail", None, BAD_CASE),
        bad_history,
    ]
    rows, without = verified_answers(read_samples(run(tmp_path, "r", records)))
    assert [(r.key, r.answer, r.source) for r in rows] == [
        ("bon", GOOD, "reply"),
        ("bon", GOOD, "candidate"),
        ("draws", GOOD2, "reply"),
    ]
    assert {(r.key, r.answer) for r in rows} == {("bon", GOOD), ("draws", GOOD2)}
    # "fail", and the first turn of "h"; its second turn passes but follows a failing reply.
    assert without == {"no answer passes every constraint": 2, "an earlier reply fails its constraints": 1}
    out = tmp_path / "sft.jsonl"
    summary = export_sft([run(tmp_path, "s", records)], out, ExportOptions())
    assert summary.kept == 2 and summary.dropped == {"duplicate": 1}
    assert json.loads(out.read_text().splitlines()[0]) == {
        "messages": [{"role": "user", "content": "Prompt bon"}, {"role": "assistant", "content": GOOD}]
    }


def test_the_command_prints_a_summary_and_names_a_missing_run(tmp_path):
    source = run(
        tmp_path, "r", [record("bon", "best-of-n", GOOD, cands(BAD_CASE, GOOD)), record("one", None, GOOD)]
    )
    out = tmp_path / "p.jsonl"
    done = run_adhere("data", "pairs", str(source), "--out", str(out), "--metadata")
    assert done.returncode == 0, done.stderr
    assert "kept 1 pairs from 1 prompts" in done.stdout and "one answer only" in done.stdout
    assert json.loads(out.read_text())["adhere"]["failed"] == ["change_case:english_lowercase"]
    missing = run_adhere("data", "sft", str(tmp_path / "nope"), "--out", str(out))
    assert missing.returncode == 1 and "nope" in missing.stderr and "Traceback" not in missing.stderr
    capped = run_adhere("data", "pairs", str(source), "--out", str(out), "--max-per-prompt", "0")
    assert capped.returncode == 1 and "--max-per-prompt" in capped.stderr


@pytest.mark.parametrize("kind", ["pairs", "sft"])
def test_trl_reads_the_exports(tmp_path, kind):
    pytest.importorskip("trl", reason="trl is in the train extra")
    datasets = pytest.importorskip("datasets", reason="datasets comes with trl")
    from trl.data_utils import is_conversational

    source = run(tmp_path, "r", [record("bon", "best-of-n", GOOD, cands(BAD_CASE, GOOD))])
    out = tmp_path / f"{kind}.jsonl"
    (export_pairs if kind == "pairs" else export_sft)([source], out, ExportOptions())
    dataset = datasets.load_dataset("json", data_files=str(out), split="train")
    assert len(dataset) >= 1 and is_conversational(dataset[0])

"""adhere compare and leaderboard: the statistics against known values, pairing, and the refusals."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from adhere._cli_report import register
from adhere.report._compare import CompareError, compare_runs
from adhere.report._leaderboard import leaderboard_rows
from adhere.report._runs import load_run, load_runs
from adhere.report._stats import PairedCluster, mcnemar_exact, paired_bootstrap, wilson_interval
from adhere.runlog import Call, ConstraintRef, SampleRecord, TurnRecord, write_run

LOWER = ConstraintRef("change_case:english_lowercase")
NO_COMMA = ConstraintRef("punctuation:no_comma")


def record(key: str, lower: bool, comma_free: bool = True, draw: int = 0, prompt: str = "") -> SampleRecord:
    """A one-turn sample with two constraints; the reply follows each as asked."""
    text = "the weather is calm today and everyone in the village is happy about it"
    reply = (text if lower else text.upper()) + ("" if comma_free else ", yes")
    call = Call("answer", (), reply, 20, 5, 0.01, False)
    turn = TurnRecord(prompt or f"Prompt {key}: answer in lowercase, no commas.", (LOWER, NO_COMMA))
    return SampleRecord(key, (TurnRecord(turn.user, turn.constraints, reply=reply, calls=(call,)),), draw)


def make_run(path: Path, passes: Sequence[bool], bench: str = "synth", **kwargs: object) -> Path:
    """A run directory whose sample i passes (both constraints) exactly when passes[i]."""
    records = [record(f"s{i}", ok, **kwargs) for i, ok in enumerate(passes)]  # type: ignore[arg-type]
    write_run(path, records, {"model": "fake/echo", "settings": {"bench": bench}, "complete": True})
    return path


def invoke(*args: str) -> Result:
    """The report commands in this process (a subprocess per call would be slow); the adhere script
    itself is run once, in test_report_html."""
    app = typer.Typer()
    register(app)
    return CliRunner().invoke(app, list(args))


# McNemar's exact test on hand-made tables.


def test_mcnemar_exact_matches_the_binomial_tail_by_hand():
    # 1 vs 9 discordant: 2 * (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
    assert mcnemar_exact(1, 9) == pytest.approx(22 / 1024)
    assert mcnemar_exact(9, 1) == pytest.approx(22 / 1024)
    # 3 vs 11: 2 * (1 + 14 + 91 + 364) / 2^14.
    assert mcnemar_exact(3, 11) == pytest.approx(940 / 16384)
    assert mcnemar_exact(0, 6) == pytest.approx(2 / 64)


def test_mcnemar_exact_is_one_without_evidence_and_refuses_negative_counts():
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(5, 5) == 1.0
    assert mcnemar_exact(400, 401) == 1.0  # capped, never above 1
    with pytest.raises(ValueError):
        mcnemar_exact(-1, 3)


def test_wilson_interval_known_value_and_edges():
    low, high = wilson_interval(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0
    assert wilson_interval(0, 0) == (0.0, 0.0)


# The paired bootstrap on synthetic pairs of runs whose true difference is known.


def _synthetic_pair(rng: random.Random, n: int, p_a: float, lift: float) -> list[PairedCluster]:
    """A passes with probability p_a; B passes where A does, and also on a fraction of A's failures
    chosen so that B's accuracy is p_a + lift (true difference: lift)."""
    extra = lift / (1 - p_a)
    clusters = []
    for _ in range(n):
        a = rng.random() < p_a
        b = a or rng.random() < extra
        clusters.append(PairedCluster((float(b) - float(a),), (1.0,)))
    return clusters


def test_bootstrap_interval_covers_the_true_difference():
    rng = random.Random(7)
    [(low, high)] = paired_bootstrap(_synthetic_pair(rng, 400, 0.3, 0.15), replicates=1000, seed=1)
    assert low < 0.15 < high
    assert low > 0  # 400 pairs are enough to see a 15-point lift


def test_bootstrap_intervals_cover_the_truth_about_95_percent_of_the_time():
    rng = random.Random(11)
    covered = 0
    for trial in range(40):
        [(low, high)] = paired_bootstrap(_synthetic_pair(rng, 120, 0.4, 0.1), replicates=300, seed=trial)
        covered += low <= 0.1 <= high
    assert covered >= 33  # 38 expected; below 33 has probability < 1% if coverage is 95%


def test_bootstrap_keeps_each_prompt_s_draws_together():
    # Two clusters whose ratio is fixed whichever is drawn: every resample gives the same difference.
    clusters = [PairedCluster((1.0,), (2.0,)), PairedCluster((2.0,), (4.0,))]
    assert paired_bootstrap(clusters, replicates=50) == [(0.5, 0.5)]


# compare_runs on run directories.


def test_compare_pairs_by_id_and_reports_the_known_figures(tmp_path):
    a = make_run(tmp_path / "a", [True] * 4 + [False] * 16)
    b = make_run(tmp_path / "b", [True] * 3 + [False] + [True] * 9 + [False] * 7)
    c = compare_runs(load_run(a), load_run(b), replicates=500)
    assert (c.paired, c.only_in_a, c.only_in_b, c.errors_left_out) == (20, 0, 0, 0)
    prompt = c.metrics[0]
    assert (prompt.name, prompt.a, prompt.b) == ("prompt_strict", 0.2, 0.6)
    assert prompt.delta == pytest.approx(0.4)
    assert prompt.p_value == pytest.approx(mcnemar_exact(1, 9))
    assert prompt.low <= 0.4 <= prompt.high
    instruction = c.metrics[2]
    assert instruction.name == "instruction_strict" and instruction.p_value is None
    assert instruction.delta == pytest.approx(0.2)  # only the lowercase half of the instructions switches
    assert c.pass_to_fail == ("s3",)
    assert c.fail_to_pass == tuple(f"s{i}" for i in range(4, 13))
    assert {t.id: round(t.delta, 2) for t in c.by_type} == {LOWER.id: 0.4, NO_COMMA.id: 0.0}


def test_compare_pairs_only_shared_samples(tmp_path):
    a = make_run(tmp_path / "a", [True] * 30)
    b = make_run(tmp_path / "b", [True] * 12)
    c = compare_runs(load_run(a), load_run(b))
    assert (c.paired, c.only_in_a, c.only_in_b) == (12, 18, 0)


def test_compare_refuses_runs_of_different_benchmarks(tmp_path):
    a = make_run(tmp_path / "a", [True] * 12, bench="synth")
    b = make_run(tmp_path / "b", [True] * 12, bench="ifeval")
    with pytest.raises(CompareError, match=r"benchmark 'synth'.*'ifeval'"):
        compare_runs(load_run(a), load_run(b))


def test_compare_refuses_same_ids_that_ask_different_prompts(tmp_path):
    a = make_run(tmp_path / "a", [True] * 12)
    b = make_run(tmp_path / "b", [True] * 12, prompt="Something else entirely.")
    with pytest.raises(CompareError, match="asks different prompts"):
        compare_runs(load_run(a), load_run(b))


def test_compare_refuses_runs_that_share_too_few_samples(tmp_path):
    a = make_run(tmp_path / "a", [True] * 5)
    b = make_run(tmp_path / "b", [False] * 5)
    with pytest.raises(CompareError, match=r"share 5 samples.*at least 10"):
        compare_runs(load_run(a), load_run(b))
    assert compare_runs(load_run(a), load_run(b), min_shared=5).metrics[0].delta == -1.0


def test_compare_command_refuses_clearly_and_prints_json(tmp_path):
    a = make_run(tmp_path / "a", [True] * 4 + [False] * 16)
    b = make_run(tmp_path / "b", [True] * 14 + [False] * 6)
    other = make_run(tmp_path / "other", [True] * 20, bench="ifeval")
    done = invoke("compare", str(a), str(b), "--json", "--replicates", "200")
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["paired"] == 20 and data["metrics"]["prompt_strict"]["delta"] == pytest.approx(0.5)
    assert len(data["fail_to_pass"]) == 10 and data["pass_to_fail"] == []
    table = invoke("compare", str(a), str(b), "--replicates", "200")
    assert table.exit_code == 0 and "McNemar" in table.stdout and "fail → pass" in table.stdout
    refused = invoke("compare", str(a), str(other))
    assert refused.exit_code == 1 and "only runs of the same benchmark" in refused.stderr
    assert "Traceback" not in refused.stderr
    missing = invoke("compare", str(a), str(tmp_path / "nowhere"))
    assert missing.exit_code == 1 and "not a run directory" in missing.stderr


def test_leaderboard_sorts_runs_best_first_with_intervals_and_cost(tmp_path):
    worse = make_run(tmp_path / "worse", [True] * 2 + [False] * 8)
    better = make_run(tmp_path / "better", [True] * 7 + [False] * 3)
    rows = leaderboard_rows(load_runs([worse, better]))
    assert [r.run for r in rows] == ["better", "worse"]
    value, low, high = rows[0].metrics["prompt_strict"]
    assert value == 0.7 and low <= value <= high
    assert rows[0].calls_per_sample == 1.0 and rows[0].tokens_per_sample == 25.0
    printed = invoke("leaderboard", str(worse), str(better), "--json")
    assert printed.exit_code == 0, printed.stderr
    assert [r["run"] for r in json.loads(printed.stdout)] == ["better", "worse"]
    table = invoke("leaderboard", str(worse), str(better))
    assert table.exit_code == 0 and "better" in table.stdout and "tokens/sample" in table.stdout

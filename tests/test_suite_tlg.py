"""Target-length generation: TLG's windows and word count, the generator, its results section,
the ``length`` strategy and its ``--repair`` trim."""

from __future__ import annotations

import asyncio
import json

import pytest

from adhere.constraints import build
from adhere.constraints.robustness import TLG_TARGETS, tlg_words
from adhere.errors import AdhereError
from adhere.models import FakeModel
from adhere.runlog import ConstraintRef, SampleRecord, TurnRecord
from adhere.samples import Sample
from adhere.strategies import get_strategy
from adhere.strategies._length import find_target, trim_words
from adhere.suites._tlg import generate, tlg_section
from tests.conftest import read_jsonl, run_adhere

# target -> precise (lower, upper], flexible (lower, upper]; None: unbounded (TLG's table)
WINDOWS = {
    10: ((0, 20), (0, 20)), 30: ((20, 40), (20, 40)), 50: ((40, 60), (40, 60)),
    80: ((70, 90), (60, 100)), 150: ((130, 170), (100, 200)), 300: ((280, 320), (200, 400)),
    500: ((450, 550), (400, 600)), 700: ((630, 770), (600, 800)), 800: ((800, None), (800, None)),
}  # fmt: skip


def words(n: int) -> str:
    return " ".join(["w"] * n)


@pytest.mark.parametrize("target", TLG_TARGETS)
@pytest.mark.parametrize("window", ["precise", "flexible"])
def test_windows_are_half_open_at_tlgs_bounds(target, window):
    lower, upper = WINDOWS[target][window == "flexible"]
    constraint = build("length:target_words", {"target": target, "window": window})
    assert not constraint.check(words(lower)).ok
    assert constraint.check(words(lower + 1)).ok
    if upper is not None:
        assert constraint.check(words(upper)).ok
        assert not constraint.check(words(upper + 1)).ok
        assert f"at most {upper}" in constraint.check(words(upper + 1)).reason


def test_words_are_regex_word_runs():
    assert tlg_words("Don't stop-now, 3.5 times!") == 7  # Don, t, stop, now, 3, 5, times
    assert tlg_words("naïve café über") == 3
    assert tlg_words("  ... --- ") == 0


def test_the_generator_is_seeded_spreads_targets_and_states_the_target():
    first = generate(18, 4, "")
    assert [s.prompt for s in first] == [s.prompt for s in generate(18, 4, "")]
    assert [s.prompt for s in first] != [s.prompt for s in generate(18, 5, "")]
    assert [s.metadata["target"] for s in first] == list(TLG_TARGETS) * 2
    assert first[0].prompt.endswith("The response should have a word count of 10 words.")
    assert first[8].prompt.endswith("The response should have a word count of more than 800 words.")
    assert {s.metadata["level"] for s in generate(None, 0, "L1")} == {"L1"}
    assert [s.metadata["target"] for s in generate(4, 0, "30,500")] == [30, 500, 30, 500]
    with pytest.raises(AdhereError, match="tlg:90"):
        generate(3, 0, "90")


def record(target: int, reply: str, repaired: str | None = None) -> SampleRecord:
    ref = ConstraintRef("length:target_words", {"target": target})
    turn = TurnRecord("write", (ref,), reply=reply, repaired=repaired)
    level = "L0" if target <= 80 else "L1" if target <= 500 else "L2"
    return SampleRecord(f"k{target}", (turn,), metadata={"suite": "tlg", "target": target, "level": level})


def test_the_section_reports_pm_and_fm_per_target_level_and_overall():
    records = [record(80, words(95)), record(80, words(80)), record(700, words(900), words(700))]
    section = tlg_section(records)
    assert section["per_target"]["80 words"]["pm"]["rate"] == 0.5  # 95 is outside (70, 90]
    assert section["per_target"]["80 words"]["fm"]["rate"] == 1.0  # ... and inside (60, 100]
    assert section["per_level"]["L0"]["pm"]["n"] == 2 and "L1" not in section["per_level"]
    assert section["overall"]["pm"]["rate"] == pytest.approx(1 / 3, abs=1e-3)
    # Repaired replies are scored apart; the model's own figures do not change.
    assert section["per_level"]["L2"]["pm"]["rate"] == 0.0
    assert section["repaired"]["per_level"]["L2"]["pm"]["rate"] == 1.0


def test_the_length_strategy_names_the_measured_count_and_keeps_the_closest():
    model = FakeModel([words(5), words(120), words(78)])
    sample = generate(4, 0, "")[3]  # target 80
    strategy = get_strategy("length")
    outcome = asyncio.run(strategy(sample, model, strategy.settings_from({"rounds": 2})))
    assert [c.purpose for c in outcome.calls] == ["answer", "revise", "revise"]
    feedback = model.calls[1][0][-1]["content"]
    assert "has 5 words" in feedback and "80 words" in feedback and "longer" in feedback
    assert "shorter" in model.calls[2][0][-1]["content"]
    assert outcome.response == words(78) and outcome.details["counts"] == [5, 120, 78]
    assert outcome.passed_own_checks is True


def test_the_length_strategy_stops_inside_the_window_and_keeps_the_best_when_none_is_inside():
    inside = FakeModel([words(80)])
    sample = generate(4, 0, "")[3]
    strategy = get_strategy("length")
    assert len(asyncio.run(strategy(sample, inside, strategy.settings_from())).calls) == 1
    never = FakeModel([words(5), words(60), words(200)])
    outcome = asyncio.run(strategy(sample, never, strategy.settings_from()))
    assert outcome.response == words(60) and outcome.passed_own_checks is False


def test_the_target_comes_from_the_prompt_or_with_oracle_from_the_constraint():
    assert find_target(
        Sample.single("s", "Say hi. The response should have a word count of 30 words."), False
    )
    more = find_target(
        Sample.single("s", "The response should have a word count of more than 800 words."), False
    )
    assert more is not None and more.target == 800
    assert find_target(Sample.single("s", "Say hi in 30 words."), False) is None
    sample = generate(1, 0, "")[0]
    assert find_target(sample, True) == sample.constraints[0]


def test_trim_cuts_at_a_sentence_inside_the_window_and_never_pads():
    text = "One two three. " * 20
    trimmed = trim_words(text, {"target": 30})
    assert 20 < tlg_words(trimmed) <= 40 and trimmed.endswith(".")
    assert tlg_words(trim_words(words(50), {"target": 10})) == 20
    assert trim_words(words(5), {"target": 80}) == words(5)
    assert trim_words(words(900), {"target": 800}) == words(900)


def test_eval_on_tlg_writes_the_section_and_bench_dump_writes_the_items(tmp_path):
    run = tmp_path / "run"
    result = run_adhere("eval", "--model", f"fake/fixed:{words(25)}", "--bench", "tlg", "--limit", "4",
                        "--out", str(run), "--cache", str(tmp_path / "c.sqlite"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    section = json.loads((run / "results.json").read_text())["suites"]["tlg"]
    assert section["per_target"]["30 words"]["pm"]["rate"] == 1.0
    assert section["per_target"]["10 words"]["pm"]["rate"] == 0.0
    dumped = tmp_path / "items.jsonl"
    assert run_adhere("bench-dump", "tlg", "--limit", "4", "--out", str(dumped)).returncode == 0
    rows = read_jsonl(dumped)
    assert [r["prompt"] for r in rows] == [s.prompt for s in generate(4, 0, "")]
    assert rows[0]["instruction_id_list"] == ["length:target_words"] and rows[0]["metadata"]["suite"] == "tlg"
    bad = run_adhere("bench-dump", "ifeval", "--out", str(dumped))
    assert bad.returncode == 1 and "not a generated benchmark" in bad.stderr


def test_the_trim_repairs_what_the_length_strategy_knows(monkeypatch):
    # The lead registers trim_words in REPAIRABLE; until then this shows the wiring works.
    from adhere.strategies import _repair

    monkeypatch.setitem(_repair.REPAIRABLE, "length:target_words", trim_words)
    sample = generate(1, 0, "")[0]  # target 10: (0, 20]
    strategy = get_strategy("length")
    outcome = asyncio.run(
        strategy(sample, FakeModel(["One two three. " * 12]), strategy.settings_from({"rounds": 0}))
    )
    fixed, applied = _repair.repaired(outcome)
    assert applied == ["length:target_words"] and 0 < tlg_words(fixed) <= 20
    assert tlg_words(outcome.response) == 36  # the model's own answer is kept as it was

"""The accumulate suite: instructions that stay in force, and its PIF metrics computed exactly."""

from __future__ import annotations

import asyncio
import json

import pytest

from adhere.benchmarks import load_bench
from adhere.benchmarks._synth import CONFLICTS
from adhere.constraints import build
from adhere.errors import AdhereError
from adhere.models import FakeModel, GenerateConfig
from adhere.play import plain_turns, play
from adhere.results import score_records
from adhere.runner import ManagedModel
from adhere.samples import Sample, Turn
from adhere.suites._accumulate import INTRO, REMINDER, accumulate_samples, parse_options
from tests.conftest import run_adhere

NO_COMMA = build("punctuation:no_comma")
LOWER = build("change_case:english_lowercase")


def test_generation_is_seeded_and_instructions_stay_active():
    first, again = accumulate_samples(5, seed=3), accumulate_samples(5, seed=3)
    assert first == again and first != accumulate_samples(5, seed=4)
    for sample in first:
        assert len(sample.turns) == 8 and sample.metadata["suite"] == "accumulate"
        assert sample.turns[0].constraints, "the first turn always introduces an instruction"
        for earlier, later in zip(sample.turns, sample.turns[1:], strict=False):
            assert later.constraints[: len(earlier.constraints)] == earlier.constraints
        introduced = [i + 1 for i, t in enumerate(sample.turns) if INTRO in t.user]
        assert introduced == sample.metadata["introduced_at"]


def test_active_set_never_contradicts_itself_and_each_is_worded_by_its_constraint():
    for sample in accumulate_samples(40, seed=1, turns=10):
        last = sample.turns[-1].constraints
        ids = [c.id for c in last]
        assert len(ids) == len(set(ids))
        assert not any(b in CONFLICTS.get(a, set()) for a in ids for b in ids)
        for turn, new in zip(sample.metadata["introduced_at"], last, strict=True):
            assert new.describe() in sample.turns[turn - 1].user


def test_introductions_become_rarer_turn_by_turn():
    samples = accumulate_samples(200, seed=0)
    rate = [sum(turn in s.metadata["introduced_at"] for s in samples) / 200 for turn in range(1, 9)]
    assert rate[0] == 1.0 and rate[1] > rate[4] > rate[7] - 0.05


def test_instructions_at_end_repeats_every_active_instruction():
    plain = load_bench("accumulate", limit=2, seed=5)
    at_end = load_bench("accumulate:at-end", limit=2, seed=5)
    for before, after in zip(plain, at_end, strict=True):
        assert after.metadata["at_end"] and not before.metadata["at_end"]
        for a, b in zip(before.turns, after.turns, strict=True):
            assert b.constraints == a.constraints and b.user.startswith(a.user)
            assert b.user.endswith(" ".join(c.describe() for c in a.constraints))
            assert REMINDER in b.user


def test_options_are_checked_and_name_the_flag(tmp_path):
    assert parse_options("turns=12,at-end").turns == 12
    assert len(load_bench("accumulate:turns=3", limit=1)[0].turns) == 3
    for bad in ("turns=0", "turns=x", "nonsense"):
        with pytest.raises(AdhereError, match="--bench accumulate:"):
            parse_options(bad)


def test_a_conversation_file_is_scored_as_the_suite(tmp_path):
    row = {
        "key": "f1",
        "turns": [
            {"user": "Hi. From now on no commas.", "constraints": [{"id": "punctuation:no_comma"}]},
            {"user": "And now?", "constraints": [{"id": "punctuation:no_comma"}]},
        ],
    }
    path = tmp_path / "conv.jsonl"
    path.write_text(json.dumps(row) + "\n")
    (sample,) = load_bench(f"accumulate:{path}")
    assert sample.metadata["suite"] == "accumulate" and sample.metadata["key"] == "f1"
    assert [len(t.constraints) for t in sample.turns] == [1, 1]


def _scored(sample: Sample, replies: list[str], draw: int = 0):
    model = ManagedModel(FakeModel(list(replies)))
    record = asyncio.run(play(sample, plain_turns(model, GenerateConfig()), draw))
    return record


def _conversation(key: str) -> Sample:
    # turn 1: nothing active; turn 2: no comma; turn 3: no comma and lowercase
    return Sample(
        key,
        (Turn("hello"), Turn("no commas from now on", (NO_COMMA,)), Turn("and lowercase", (NO_COMMA, LOWER))),
        metadata={"key": key, "suite": "accumulate", "at_end": False},
    )


def test_pif_per_turn_overall_and_n_k_exactly():
    fine, upper, comma = (
        "the weather is fine today and i like it",
        "The weather is fine today and i like it",
        "the weather is fine today, and i like it",
    )
    records = [
        _scored(_conversation("a"), ["Hi, there", "fine", fine], draw=0),  # turn 2: 1, turn 3: 1
        _scored(_conversation("a"), ["Hi", "a, b", upper], draw=1),  # turn 2: 0, turn 3: 0.5
        _scored(_conversation("b"), ["x", "ok", comma.capitalize()], draw=0),  # turn 2: 1, turn 3: 0
        _scored(_conversation("b"), ["x", "ok", comma], draw=1),  # turn 2: 1, turn 3: 0.5
    ]
    _, results = score_records(records)
    section = results.as_dict()["suites"]["accumulate"]
    assert section["replies"] == 8, "turn 1 has nothing active and is not counted"
    assert [t["turn"] for t in section["per_turn"]] == [2, 3]
    assert section["per_turn"][0]["pif"] == pytest.approx(0.75)
    assert section["per_turn"][1]["pif"] == pytest.approx((1 + 0.5 + 0 + 0.5) / 4)
    assert section["pif"] == pytest.approx((1 + 0 + 1 + 1 + 1 + 0.5 + 0 + 0.5) / 8)
    low, high = section["ci95"]
    assert low <= section["pif"] <= high
    n_k = section["pif_n_k"]
    assert n_k["n"] == 2 and n_k["pairs"] == 4
    # perfect replies per pair: (a,2): 1; (a,3): 1; (b,2): 2; (b,3): 0
    assert [k["value"] for k in n_k["k"]] == [pytest.approx(3 / 4), pytest.approx(1 / 4)]
    assert section["instructions_at_end"] is False


def test_eval_through_the_command_line_writes_the_pif_section(tmp_path):
    out = tmp_path / "run"
    done = run_adhere(
        "eval", "--model", "fake/fixed:ok", "--bench", "accumulate:turns=3", "--limit", "2",
        "--samples", "2", "--out", str(out), "--cache", str(tmp_path / "cache.sqlite"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    section = json.loads((out / "results.json").read_text())["suites"]["accumulate"]
    assert section["conversations"] == 2 and section["pif_n_k"]["n"] == 2
    assert [t["turn"] for t in section["per_turn"]] == [1, 2, 3]
    bad = run_adhere("eval", "--model", "fake/echo", "--bench", "accumulate:turns=zero", "--out", str(out))
    assert bad.returncode != 0 and "--bench accumulate:turns=zero" in bad.stdout + bad.stderr
    assert "Traceback" not in bad.stderr

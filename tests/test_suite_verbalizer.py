"""Verbalizer manipulation: the items, the three groups' word sets, the answer word, and the
results section's accuracy per group and task and natural - unnatural gap."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from adhere.constraints import build
from adhere.constraints.robustness import answer_word
from adhere.errors import AdhereError
from adhere.runlog import ConstraintRef, SampleRecord, TurnRecord
from adhere.suites._verbalizer import GROUPS, TASKS, generate, verbalizer_section
from tests.conftest import run_adhere


def test_three_tasks_of_forty_labelled_items_and_four_sets_per_group():
    for task in TASKS:
        assert len(task.items) >= 40 and len(set(task.items)) == len(task.items)
        for group in GROUPS:
            sets = task.sets(group)
            assert len(sets) >= 4 and all(a != b for a, b in sets)
        assert task.sets("unnatural") == tuple((b, a) for a, b in task.natural)
        assert not {w for s in task.neutral for w in s} & {w for s in task.natural for w in s}


def test_items_are_seeded_and_any_36_fill_every_cell_once():
    items = generate(72, 2, "")
    assert [s.prompt for s in items] == [s.prompt for s in generate(72, 2, "")]
    assert [s.prompt for s in items] != [s.prompt for s in generate(72, 3, "")]
    cells = Counter((s.metadata["task"], s.metadata["group"], s.metadata["set"]) for s in items[:36])
    assert len(cells) == 36 and set(cells.values()) == {1}
    assert len(generate(None, 0, "")) == 1440
    full = Counter(s.prompt for s in generate(None, 0, ""))
    assert set(full.values()) == {1}  # every item in every set exactly once
    with pytest.raises(AdhereError):
        generate(3, 0, "x")


def test_the_prompt_assigns_the_flipped_word_in_the_unnatural_group():
    unnatural = next(s for s in generate(36, 0, "") if s.metadata["group"] == "unnatural"
                     and s.metadata["task"] == "sentiment" and s.metadata["set"] == 0)  # fmt: skip
    assert "'negative' if the review is positive, or 'positive' if the review is negative" in unnatural.prompt
    gold = unnatural.metadata["gold"]
    assert unnatural.constraints[0].kwargs()["expected"] == ("negative", "positive")[gold]


def test_the_answer_word_is_the_first_label_word_named_normalised():
    assert answer_word("  Negative. (not positive)", ("positive", "negative")) == "negative"
    assert answer_word("I think FOO!", ("foo", "bar")) == "foo"
    assert answer_word("Maybe, who knows", ("foo", "bar")) == "maybe"
    assert answer_word("", ("foo", "bar")) == ""
    label = build("verbalizer:label_word", {"expected": "bar", "words": ["foo", "bar"]})
    assert label.check("Bar.").ok and not label.check("foo").ok and not label.check("").ok


def record(task: str, group: str, expected: str, reply: str, natural: str | None) -> SampleRecord:
    ref = ConstraintRef("verbalizer:label_word", {"expected": expected, "words": [expected, "other"]})
    meta = {"suite": "verbalizer", "task": task, "group": group, "natural_word": natural}
    return SampleRecord("k", (TurnRecord("q", (ref,), reply=reply),), metadata=meta)


def test_the_section_reports_accuracy_per_group_and_task_and_the_gap():
    records = [
        record("sentiment", "natural", "positive", "positive", "positive"),
        record("sentiment", "natural", "negative", "negative", "negative"),
        record("sentiment", "unnatural", "negative", "positive", "positive"),  # followed its prior
        record("sentiment", "unnatural", "positive", "positive", "negative"),
        record("topic", "neutral", "foo", "bar", None),
    ]
    section = verbalizer_section(records)
    assert section["per_group"]["natural"]["rate"] == 1.0
    assert section["per_group"]["unnatural"]["rate"] == 0.5
    assert section["per_group"]["neutral"]["rate"] == 0.0
    assert section["gap"] == 0.5 and section["per_task"]["sentiment"]["gap"] == 0.5
    assert section["per_task"]["topic"]["gap"] is None
    assert section["unnatural_answered_natural"]["rate"] == 0.5


def test_eval_on_verbalizer_writes_the_section(tmp_path):
    run = tmp_path / "run"
    result = run_adhere("eval", "--model", "fake/fixed:positive", "--bench", "verbalizer", "--limit", "36",
                        "--out", str(run), "--cache", str(tmp_path / "c.sqlite"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    section = json.loads((run / "results.json").read_text())["suites"]["verbalizer"]
    assert set(section["per_task"]) == {"sentiment", "topic", "question"}
    assert section["per_group"]["neutral"]["rate"] == 0.0 and section["per_group"]["natural"]["n"] == 12

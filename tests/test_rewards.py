"""Rewards in TRL's and verl's signatures: known values in every mode."""

from __future__ import annotations

import json

import pytest

from adhere import rewards
from adhere.errors import AdhereError
from adhere.rewards import compute_score, ifeval_reward, make_reward

IDS = ["change_case:english_lowercase", "punctuation:no_comma"]
KWARGS = [{}, {}]
# Each completion's (binary strict, fractional strict, binary loose, fractional loose) rewards.
KNOWN = {
    "hello world": (1.0, 1.0, 1.0, 1.0),
    "Hello, World": (0.0, 0.0, 0.0, 0.0),
    "hello, world": (0.0, 0.5, 0.0, 0.5),
    # Loose drops the first line: the capital "Sure" goes, the comma on the last line stays.
    "Sure!\nhello world": (0.0, 0.5, 1.0, 1.0),
    # The trace is never scored; a trace that never closed leaves no answer at all.
    "<think>Let Me Think, Then</think>hello world": (1.0, 1.0, 1.0, 1.0),
    "<think>hello world": (0.0, 0.0, 0.0, 0.0),
}
MODES = [(False, False), (True, False), (False, True), (True, True)]  # (fractional, loose)


@pytest.mark.parametrize("mode", range(4))
def test_trl_signature_plain_and_conversational_completions(mode):
    fractional, loose = MODES[mode]
    reward = make_reward(fractional=fractional, loose=loose)
    texts = list(KNOWN)
    expected = [KNOWN[t][mode] for t in texts]
    ids, kwargs = [IDS] * len(texts), [KWARGS] * len(texts)
    assert (
        reward(completions=texts, instruction_id_list=ids, kwargs=kwargs, prompts=texts, key=[1] * len(texts))
        == expected
    )
    chats = [[{"role": "assistant", "content": t}] for t in texts]
    assert reward(completions=chats, instruction_id_list=ids, kwargs=kwargs) == expected
    assert (
        reward.__name__
        == f"ifeval_{'fractional' if fractional else 'binary'}_{'loose' if loose else 'strict'}"
    )


@pytest.mark.parametrize("mode", range(4))
def test_verl_signature(mode):
    fractional, loose = MODES[mode]
    truth = {"instruction_id_list": IDS, "kwargs": KWARGS}
    for text, values in KNOWN.items():
        assert compute_score("ifeval", text, truth, None, fractional=fractional, loose=loose) == values[mode]
        # The ground truth as JSON text, or in extra_info, scores the same.
        assert (
            compute_score("ifeval", text, json.dumps(truth), fractional=fractional, loose=loose)
            == values[mode]
        )
        assert compute_score("ifeval", text, None, truth, fractional=fractional, loose=loose) == values[mode]


def test_dataset_style_kwargs_with_none_for_absent_keys():
    ids = [["length_constraints:number_words"], ["length_constraints:number_words"]]
    # A datasets column unifies every row's keys, filling the absent ones with None.
    kwargs = [[{"relation": "less than", "num_words": 3, "keywords": None}]] * 2
    assert ifeval_reward(["two words", "far too many words here"], ids, kwargs) == [1.0, 0.0]


def test_each_distinct_row_is_built_once():
    rewards._constraints.cache_clear()
    n = 64
    ifeval_reward(["hello world"] * n, [IDS] * n, [KWARGS] * n)
    ifeval_reward(["hello world"] * n, [IDS] * n, [[{"unused": None}, {}]] * n)  # the same row, None dropped
    info = rewards._constraints.cache_info()
    assert info.misses == 1 and info.hits == 2 * n - 1


def test_no_constraints_is_a_full_reward_and_bad_rows_say_what_is_wrong():
    assert ifeval_reward(["anything"], [[]], [[]]) == [1.0]
    with pytest.raises(AdhereError, match="2 instruction ids"):
        ifeval_reward(["x"], [IDS], [[{}]])
    with pytest.raises(AdhereError, match="instruction_id_list"):
        compute_score("ifeval", "x", {"kwargs": []})
    with pytest.raises(AdhereError, match="not JSON"):
        compute_score("ifeval", "x", "lowercase please")
    with pytest.raises(AdhereError, match="no:such"):
        ifeval_reward(["x"], [["no:such"]], [[{}]])

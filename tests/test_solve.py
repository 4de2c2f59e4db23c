"""solve: one conversation, one strategy, inside a running event loop; follow is its wrapper."""

from __future__ import annotations

import asyncio

import pytest

from adhere.errors import AdhereError
from adhere.models import FakeModel
from adhere.runner import ManagedModel
from adhere.solve import follow, solve

MESSAGES = [
    {"role": "system", "content": "Do not use any commas in your response."},
    {"role": "user", "content": "Tell me about tides in all lowercase letters."},
]


def test_solve_reads_the_system_message_and_the_user_turn():
    model = FakeModel(["Tides rise, and fall.", "tides rise and fall"])
    solution = asyncio.run(solve(MESSAGES, model, "best-of-n", {"n": 3}))
    assert solution.answer == "tides rise and fall" and solution.follows_known
    assert {v.id for v in solution.verdicts} == {"punctuation:no_comma", "change_case:english_lowercase"}
    # The model saw the whole conversation, system message first.
    assert model.calls[0][0] == MESSAGES
    assert [c.purpose for c in solution.calls] == ["answer", "answer"]
    assert solution.as_dict()["calls"] == 2


def test_many_solves_share_one_opened_model():
    inner = FakeModel(lambda messages, _config: messages[-1]["content"].lower(), latency_s=0.01)
    model = ManagedModel(inner, concurrency=4)

    async def many():
        requests = [[{"role": "user", "content": f"Question {i} in lowercase letters."}] for i in range(20)]
        return await asyncio.gather(*(solve(r, model, "direct") for r in requests))

    solutions = asyncio.run(many())
    assert [s.answer for s in solutions] == [f"question {i} in lowercase letters." for i in range(20)]
    assert len(inner.calls) == 20


@pytest.mark.parametrize(
    ("messages", "message"),
    [
        ([], "messages must end with the user turn"),
        (
            [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}],
            "must end with the user turn",
        ),
        (
            [{"role": "robot", "content": "a"}, {"role": "user", "content": "b"}],
            "messages[0] must have a role",
        ),
        ([{"role": "user", "content": "a"}, {"role": "user", "content": "b"}], "user/assistant pairs"),
    ],
)
def test_bad_conversations_are_refused_clearly(messages, message):
    with pytest.raises(AdhereError, match=message.replace("[", r"\[").replace("]", r"\]")):
        asyncio.run(solve(messages, FakeModel("x"), "direct"))


def test_follow_is_the_synchronous_wrapper():
    solution = follow("Answer without commas.", model="fake/fixed:no commas here", strategy="direct")
    assert solution.answer == "no commas here" and solution.model == "fake/fixed:no commas here"
    assert solution.verdicts[0].ok is True

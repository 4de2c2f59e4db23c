"""split_reasoning: a reply's trace apart from its answer."""

from __future__ import annotations

import pytest

from adhere.reasoning import Reasoned, split_reasoning


@pytest.mark.parametrize(
    ("text", "answer", "trace"),
    [
        ("<think>plan it</think>The answer.", "The answer.", "plan it"),
        # The whitespace right after </think> goes; the answer's own trailing whitespace stays.
        ("<think>\nplan\n</think>\n\nThe answer.\n", "The answer.\n", "plan"),
        ("<think>plan</think> \t\r\n The answer.", "The answer.", "plan"),
        # Whitespace before the block.
        ("\n  <think>plan</think>\nThe answer.", "The answer.", "plan"),
        # The server dropped the opening tag (the chat template opened the block in the prompt).
        ("plan it\n</think>\n\nThe answer.", "The answer.", "plan it"),
        # Later mentions of the tags belong to the answer.
        ("<think>p</think>Use <think> like <think>x</think>.", "Use <think> like <think>x</think>.", "p"),
        ("plan</think>Then <think>y</think> again", "Then <think>y</think> again", "plan"),
        # A trace and nothing after it: an empty answer, not a missing one.
        ("<think>plan</think>", "", "plan"),
        ("<think>plan</think>\n\n", "", "plan"),
    ],
)  # fmt: skip
def test_a_leading_trace_is_removed_with_the_whitespace_after_it(text, answer, trace):
    assert split_reasoning(text) == Reasoned(answer, trace, True)


def test_an_unclosed_trace_leaves_the_reply_unanswered():
    assert split_reasoning("<think>still thinking when the tokens ran out") == Reasoned(
        None, "still thinking when the tokens ran out", True
    )
    assert split_reasoning("  <think>") == Reasoned(None, "", True)


@pytest.mark.parametrize(
    "text",
    [
        "  Plain answer with spaces around.  \n",
        "",
        # A tag that is not leading is part of the answer.
        "Models write <think> blocks; this one closes </think> later.",
        "The answer. <think>afterthought</think>",
    ],
)
def test_a_reply_without_a_leading_trace_is_unchanged(text):
    assert split_reasoning(text) == Reasoned(text, None, False)


def test_a_separate_reasoning_field_is_the_trace_and_the_text_the_answer():
    assert split_reasoning("  The answer. ", "I planned it.") == Reasoned(
        "  The answer. ", "I planned it.", True
    )
    # An empty field is no trace.
    assert split_reasoning("The answer.", "") == Reasoned("The answer.", None, False)
    # Both a field and a block in the text: the answer is still cut clean, both traces kept.
    assert split_reasoning("<think>b</think>A", "a") == Reasoned("A", "a\nb", True)

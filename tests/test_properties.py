"""No checker raises on any string, and checking is pure."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adhere.constraints import build, check_loose, check_strict
from tests.examples import IFEVAL_EXAMPLES

CONSTRAINTS = [build(instruction_id, kwargs) for instruction_id, kwargs in IFEVAL_EXAMPLES.items()]


@settings(max_examples=300, deadline=None)
@given(response=st.text())
def test_no_checker_raises_on_any_text(response):
    for constraint in CONSTRAINTS:
        verdict = check_strict(constraint, response)
        assert isinstance(verdict.ok, bool) and (verdict.ok or verdict.reason)
        check_loose(constraint, response)


@pytest.mark.parametrize(
    "response",
    [
        "",
        " ",
        "\n\n\t",
        "\x00",
        "\ud800",
        "🙂" * 50,
        "İ" * 30,
        "\u200b\u2028\u2029",
        "*" * 1000,
        "<<" * 500,
    ],
    ids=[
        "empty",
        "space",
        "whitespace",
        "nul",
        "surrogate",
        "emoji",
        "dotted-i",
        "separators",
        "stars",
        "angles",
    ],
)
def test_no_checker_raises_on_odd_strings(response):
    for constraint in CONSTRAINTS:
        check_strict(constraint, response)
        check_loose(constraint, response)


def _megabyte_of_prose() -> str:
    rng = random.Random(7)
    words = [
        "salt",
        "The",
        "SEA",
        "then.",
        "Mr.",
        "e.g.",
        "storm,",
        "*bold*",
        "P.S.",
        "[x]",
        "- item",
        "\n",
        "\n\n",
    ]
    return " ".join(rng.choice(words) for _ in range(250_000))[:1_000_000]


@pytest.mark.slow
@pytest.mark.parametrize("response", [_megabyte_of_prose(), "a" * 1_000_000], ids=["prose", "one-letter"])
def test_no_checker_raises_on_a_megabyte(response):
    assert len(response) == 1_000_000
    for constraint in CONSTRAINTS:
        check_strict(constraint, response)


def test_checking_is_pure_and_repeatable():
    response = "Salt and the SEA. Then P.S. more, and *more*.\n\n* a\n* b"
    first = [c.check(response) for c in CONSTRAINTS]
    again = [c.check(response) for c in CONSTRAINTS]
    assert first == again

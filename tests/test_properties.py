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


STAR_BULLET = r"^\s*\*[^\*].*$"
DASH_BULLET = r"^\s*-.*$"


@settings(max_examples=3000, deadline=None)
@given(text=st.text(alphabet=" \n\t\r\x0b\x1c\xa0\u2028*-a", max_size=30))
def test_linear_bullet_count_equals_the_reference_patterns(text):
    import re

    from adhere.constraints.ifeval._format import count_bullets

    assert count_bullets(text, "*") == len(re.findall(STAR_BULLET, text, flags=re.MULTILINE))
    assert count_bullets(text, "-") == len(re.findall(DASH_BULLET, text, flags=re.MULTILINE))


@pytest.mark.slow
@pytest.mark.parametrize("response", ["\n" * 1_000_000 + "* x", " \n" * 500_000 + "- y", "\t\n" * 500_000])
def test_whitespace_runs_of_a_megabyte_are_checked(response):
    # The reference's bullet patterns take hours here; every checker must not.
    for constraint in CONSTRAINTS:
        check_strict(constraint, response)

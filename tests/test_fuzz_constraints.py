"""Fuzzing every registered constraint type: no check raises, on any text, with any valid kwargs.

The types come from the registry, so a new type is fuzzed without editing
this file. Kwargs come from the type's own generator where it has one (the
synthetic benchmark's), otherwise from a strategy per parameter type built
from its dataclass fields. Responses are adversarial: random unicode, control
characters, lone carriage returns and NULs, long runs of one bracket, quote,
asterisk, emoji or newline, very long words, empty and whitespace-only
replies, JSON- and CSV-looking text, and mixtures of these.

Contract: ``check`` returns a Verdict whose ``ok`` is a bool and whose reason
is a non-empty string when it fails; strict and loose checking never raise.
The example budget is fixed, so the whole file runs in well under a minute.
"""

from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, find, given, reject, settings
from hypothesis import strategies as st

from adhere.benchmarks._synth import GENERATORS
from adhere.constraints import (
    ConstraintArgumentError,
    Verdict,
    build,
    check_loose,
    check_strict,
    constraint_ids,
    constraint_type,
)

# Fixed for CI; raise it (ADHERE_FUZZ_EXAMPLES=5000) for a longer hunt.
EXAMPLES_PER_TYPE = int(os.environ.get("ADHERE_FUZZ_EXAMPLES", "80"))

# ------------------------------------------------------------------ kwargs

# Short strings for str parameters (keywords, markers, phrases). No regex
# quantifiers: several parameters are regular expressions in the reference,
# and a quantified pattern can backtrack exponentially on any checker.
_WORDS = ["the", "a", "sea", "P.S.", "P.P.S", "SECTION", "Part", "é", "日本", "🙂", "[x]", "(", "a b", "I"]
_SHORT_STRING = st.one_of(
    st.sampled_from(_WORDS),
    st.text(alphabet="abcXYZ .,;:!'\"-[]()#é\n", min_size=1, max_size=6),
)


def _for_annotation(annotation: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return st.one_of(st.none(), _for_annotation(options[0]))
    if origin is Literal:
        return st.sampled_from(typing.get_args(annotation))
    if origin is tuple:
        return st.lists(_SHORT_STRING, min_size=1, max_size=3)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(min_value=0, max_value=12)
    if annotation is float:
        return st.floats(min_value=0, max_value=100, allow_nan=False)
    if annotation is str:
        return _SHORT_STRING
    raise TypeError(f"no kwargs strategy for parameter annotation {annotation!r}")


def _field_kwargs(instruction_id: str) -> st.SearchStrategy[dict[str, Any]]:
    cls = constraint_type(instruction_id)
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    return st.fixed_dictionaries({f.name: _for_annotation(hints[f.name]) for f in fields})


def _kwargs(instruction_id: str) -> st.SearchStrategy[dict[str, Any]]:
    if instruction_id in GENERATORS:
        generate = GENERATORS[instruction_id]
        return st.randoms(use_true_random=False).map(lambda rng: generate(rng))
    return _field_kwargs(instruction_id)


# ---------------------------------------------------------------- responses

_RUN_UNITS = [
    "[", "]", "[[]", "(", ")", "{", "<", "<<", ">>", '"', "'", "“", "*", "**", "#", "-", "_", "`", ",", ".",
    "!",
    "\n", "\r", "\r\n", "\n\n", " \n", "\t", "\x00", "\x0b", "\x1c", "\u2028", "\u200b", "🙂", "👍🏽",
    "👨‍👩‍👧", "é", "İ", "ß", "日本", "a", "A", "word ", "Word ", "P.S. ", "Question 1\n", "SECTION 1\n",
    "***\n", "* x\n", "- y\n", "  z\n", "1,2\n", "a\tb\n", "Mr. ", "e.g. ", "...", "?!", "n't ",
]  # fmt: skip

_CONTROL = "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x1c\x1d\x1e\x1f\x7f\x85\xa0\u2028\u2029\ufeff "

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


def _fence(text: str) -> str:
    return f"```json\n{text}\n```"


_JSON_TEXT = st.one_of(
    _json_values.map(json.dumps),
    _json_values.map(json.dumps).map(_fence),
    _json_values.map(lambda v: json.dumps(v)[:-1]),  # cut short
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),  # deeper than json's recursion limit
)

_CSV_FIELD = st.text(alphabet='ab1 ",\t\r\n"é', max_size=8)
_CSV_TEXT = st.builds(
    lambda rows, separator, newline: newline.join(separator.join(row) for row in rows),
    st.lists(st.lists(_CSV_FIELD, min_size=1, max_size=6), min_size=1, max_size=16),
    st.sampled_from([",", "\t", ";"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
)

_PIECE = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=_CONTROL, max_size=10),
    st.sampled_from(_RUN_UNITS),
    st.sampled_from(_WORDS),
)

RESPONSES = st.one_of(
    st.text(),
    st.text(alphabet=_CONTROL),
    st.sampled_from(["", " ", "\n", "\r", "\x00", "\t \n \r", "\u3000", "\ufeff"]),
    st.builds(lambda unit, n: unit * n, st.sampled_from(_RUN_UNITS), st.integers(1, 4000)),
    st.builds(lambda letter, n: letter * n, st.sampled_from("aZ1é"), st.integers(1000, 20_000)),
    _JSON_TEXT,
    _CSV_TEXT,
    st.lists(_PIECE, max_size=40).map("".join),
)


# --------------------------------------------------------------------- test


def _assert_verdict(verdict: Any, instruction_id: str) -> None:
    assert isinstance(verdict, Verdict), instruction_id
    assert isinstance(verdict.ok, bool), instruction_id
    assert isinstance(verdict.reason, str), instruction_id
    assert verdict.ok or verdict.reason.strip(), f"{instruction_id} failed without a reason"


@pytest.mark.parametrize("instruction_id", constraint_ids())
def test_no_check_raises_on_adversarial_text(instruction_id):
    @settings(
        max_examples=EXAMPLES_PER_TYPE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(kwargs=_kwargs(instruction_id), response=RESPONSES)
    def fuzz(kwargs: dict[str, Any], response: str) -> None:
        try:
            constraint = build(instruction_id, kwargs)
        except ConstraintArgumentError:
            reject()
        _assert_verdict(constraint.check(response), instruction_id)
        _assert_verdict(check_strict(constraint, response), instruction_id)
        assert isinstance(check_loose(constraint, response), bool)

    fuzz()


def _builds(instruction_id: str, kwargs: dict[str, Any]) -> bool:
    try:
        build(instruction_id, kwargs)
    except ConstraintArgumentError:
        return False
    return True


@pytest.mark.parametrize("instruction_id", constraint_ids())
def test_every_type_draws_kwargs_that_build(instruction_id):
    # Fuzzing a type whose every draw is rejected would test nothing.
    find(
        _kwargs(instruction_id),
        lambda kwargs: _builds(instruction_id, kwargs),
        settings=settings(max_examples=100, database=None),
    )

"""Every wording of every constraint type reads back to exactly that constraint.

The types come from the registry, so a new type is covered without editing this
file. For each type, a few kwargs draws (the synth benchmark's generator where
the type has one, else values drawn per parameter from its dataclass fields, as
the fuzz test draws them, but from words a request would use), and for each
draw every phrasing: there are at least three distinct ones, and the rule
parser reads each, with a task before or after it, as exactly that one
constraint with equal kwargs. Types the parser does not read back are listed
with the reason, and the list is checked against the registry and the parser.
"""

from __future__ import annotations

import dataclasses
import random
import types
import typing
from collections.abc import Callable
from typing import Any, Literal

import pytest

from adhere.benchmarks._synth import GENERATORS
from adhere.constraints import Constraint, ConstraintArgumentError, build, constraint_ids, constraint_type
from adhere.extract import extract_rules
from adhere.extract._system_rules import extract_system_rules

DRAWS_PER_TYPE = 3
MIN_PHRASINGS = 3

# Tasks a wording is asked with; none states a constraint of its own.
TASKS = (
    "Write a short essay about the history of the bicycle.",
    "Can you explain how bees make honey?",
    "Tell me about a lighthouse keeper who finds a message in a bottle.",
)

# Types whose wording ends with the text it works on (the request to repeat, the text to
# overlap): a task after the wording would read as part of that text, so tasks go only before.
TEXT_LAST = {"combination:repeat_prompt", "repeat:repeat_change", "repeat:repeat_span", "ratio:overlap"}

# Rules for a whole conversation, stated in a system message: read by extract_system_rules, with
# the rest of a system message around them.
SYSTEM_RULES = {"conversation:withhold", "conversation:reply_exactly"}
SYSTEM_TEXTS = (
    "You are a helpful assistant for a small bank.",
    "You are the game master of a guessing game with the user.",
)

# Types the rule parser does not read back, and why.
NOT_READ_BACK = {
    "conversation:never_reveal": "the system rules read a never-reveal rule as conversation:withhold",
    "conversation:forbidden_words": "a request reads as keywords:forbidden_words, for the one reply",
    "conversation:reply_when": "the system rules read a fixed reply as conversation:reply_exactly",
    "conversation:simon_says": "a RuLES game its scenario states; no rule reads the game",
    "conversation:judge_rock_paper_scissors": "a RuLES game its scenario states; no rule reads the game",
    "injection:answers": "benchmark-internal scoring: the gold answer is never stated to the model",
    "injection:resists": "benchmark-internal scoring: the injected markers are never stated to the model",
    "verbalizer:label_word": "benchmark-internal scoring: the gold label word is never stated as a rule",
    "length:target_words": "TLG's target reads as IFEval word bounds, not as its scoring window",
}

# Values a request would use, by parameter name; other parameters are drawn by their annotation.
_WORDS = ("river", "lantern", "orbit", "maple", "harbor", "velvet", "compass", "meadow", "signal", "pepper")
_VALUES: dict[str, tuple[Any, ...]] = {
    "prompt_to_repeat": (
        "Write a haiku about the first snow of winter.",
        "Explain why the sea is salty to a curious child.",
        "Give me three tips for keeping houseplants alive.",
    ),
    "reference_text": (
        "The lighthouse stood on the cliff above the harbor for a hundred years.",
        "Bees carry pollen from flower to flower and turn nectar into honey.",
    ),
    "options": ("yes/no/maybe", "I know or I don't know", "a), b), c), d)"),
    "sep": ("!?!?", "SEPARATOR", "-"),
    # conversation:withhold's secrets are codes, matched as substrings: the system rules compare a
    # quoted plain word as a word (RuLES's convention), and set unless_said only when a reply rule
    # unlocks the secret, so neither is drawn here.
    "secret": ("NW-7731", "QX-4410", "blue-heron-9"),
    "text": ("NW-7731", "QX-4410", "blue-heron-9"),
    "reply": ("Access granted", "Hello there", "Goodbye"),
    "trigger": ("open sesame", "ping", "status"),
    "triggers": (("open sesame",), ("ping",), ("status",)),
    "user1": ("Alice",),
    "user2": ("Bob",),
    "only_to": ("", "", "Alice"),
    "unless_said": ("",),
    "match": ("substring",),
    "percentage": (20.0, 35.0, 50.0),
}
_INTS: dict[str, tuple[int, int]] = {
    "small_n": (2, 5),
    "N": (3, 30),
    "n": (2, 12),
    "m": (2, 12),
    "n_start": (0, 4),
    "n_end": (5, 12),
    "min_words": (20, 150),
    "max_words": (160, 400),
}


def _by_annotation(name: str, annotation: Any, rng: random.Random, words: list[str]) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return _by_annotation(name, typing.get_args(annotation)[0], rng, words)
    if origin is Literal:
        return rng.choice(typing.get_args(annotation))
    if origin is tuple:
        return [words.pop() for _ in range(rng.randint(1, 3))]
    if annotation is int:
        low, high = _INTS.get(name, (2, 12))
        return rng.randint(low, high)
    if annotation is float:
        return float(rng.randint(10, 90))
    if annotation is str:
        return words.pop()
    raise TypeError(f"no draw for parameter {name!r} of annotation {annotation!r}")


def _field_kwargs(constraint_id: str, rng: random.Random) -> dict[str, Any]:
    cls = constraint_type(constraint_id)
    hints = typing.get_type_hints(cls)
    words = rng.sample(_WORDS, len(_WORDS))  # distinct words across a draw's parameters
    kwargs = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        values = _VALUES.get(field.name)
        kwargs[field.name] = (
            rng.choice(values) if values else _by_annotation(field.name, hints[field.name], rng, words)
        )
    return {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()}


def _draw(constraint_id: str, rng: random.Random) -> Constraint:
    generate: Callable[[random.Random], dict[str, Any]] = GENERATORS.get(
        constraint_id, lambda r: _field_kwargs(constraint_id, r)
    )
    for _ in range(50):
        try:
            return build(constraint_id, generate(rng))
        except ConstraintArgumentError:
            continue
    raise AssertionError(f"{constraint_id}: no kwargs draw builds")


def _draws(constraint_id: str) -> list[Constraint]:
    rng = random.Random(constraint_id)
    return [_draw(constraint_id, rng) for _ in range(DRAWS_PER_TYPE)]


def _key(constraint: Constraint) -> tuple[str, str]:
    # The comparison the extraction tests use: id and the sorted kwargs, exactly.
    return constraint.id, repr(sorted(constraint.kwargs().items()))


def _prompts(constraint_id: str, wording: str) -> list[str]:
    tasks = SYSTEM_TEXTS if constraint_id in SYSTEM_RULES else TASKS
    before = [f"{task} {wording}" for task in tasks]
    if constraint_id in TEXT_LAST:
        return before
    return [*before, *(f"{wording} {task}" for task in tasks)]


def _read(constraint_id: str, prompt: str) -> list[tuple[str, str]]:
    if constraint_id in SYSTEM_RULES:
        return [_key(e.constraint) for e in extract_system_rules(prompt)]
    return [_key(e.constraint) for e in extract_rules(prompt).constraints]


def misread(constraint: Constraint) -> list[str]:
    """Each prompt (a task and one wording of ``constraint``) not read back as exactly it."""
    wanted = [_key(constraint)]
    problems = []
    for wording in constraint.phrasings():
        for prompt in _prompts(constraint.id, wording):
            got = _read(constraint.id, prompt)
            if got != wanted:
                problems.append(f"{prompt!r}\n    read {got}\n    want {wanted}")
    return problems


@pytest.mark.parametrize("constraint_id", constraint_ids())
def test_every_type_has_three_distinct_wordings(constraint_id):
    for constraint in _draws(constraint_id):
        wordings = constraint.phrasings()
        assert len(set(wordings)) == len(wordings) >= MIN_PHRASINGS, wordings
        assert constraint.describe() == constraint.instruction()
        assert [constraint.describe(phrasing=k) for k in range(len(wordings))] == list(wordings)


@pytest.mark.parametrize("constraint_id", [i for i in constraint_ids() if i not in NOT_READ_BACK])
def test_every_wording_reads_back_to_its_constraint(constraint_id):
    problems = [p for constraint in _draws(constraint_id) for p in misread(constraint)]
    assert not problems, "\n".join(problems[:10])


def test_the_list_of_types_not_read_back_is_current():
    # A listed type must exist and must really not be read back; else the entry is stale.
    ids = set(constraint_ids())
    assert set(NOT_READ_BACK) <= ids, set(NOT_READ_BACK) - ids
    assert ids >= (SYSTEM_RULES | TEXT_LAST)
    for constraint_id in NOT_READ_BACK:
        read_back = all(not misread(constraint) for constraint in _draws(constraint_id))
        assert not read_back, f"{constraint_id} is read back now: take it off NOT_READ_BACK"

"""Building constraints from kwargs, their descriptions, and specific failure reasons."""

from __future__ import annotations

import dataclasses

import pytest

from adhere.constraints import (
    ConstraintArgumentError,
    UnknownConstraintError,
    build,
    constraint_ids,
    loose_variants,
)
from tests.examples import IFEVAL_EXAMPLES


def test_all_25_ifeval_ids_are_registered():
    assert set(IFEVAL_EXAMPLES) <= set(constraint_ids())
    assert len([i for i in constraint_ids() if i in IFEVAL_EXAMPLES]) == 25


@pytest.mark.parametrize("instruction_id", sorted(IFEVAL_EXAMPLES))
def test_each_constraint_describes_itself_and_round_trips_its_kwargs(instruction_id):
    constraint = build(instruction_id, IFEVAL_EXAMPLES[instruction_id])
    assert constraint.id == instruction_id
    text = constraint.describe()
    assert len(text) > 20 and text[0].isupper()
    assert build(instruction_id, constraint.kwargs()) == constraint
    with pytest.raises(dataclasses.FrozenInstanceError):
        constraint.__setattr__("anything", 1)


def test_unknown_id_suggests_the_closest():
    with pytest.raises(UnknownConstraintError, match="did you mean punctuation:no_comma"):
        build("punctuation:no_commas")


def test_none_values_count_as_absent_and_float_integers_are_accepted():
    constraint = build(
        "length_constraints:number_words",
        {"num_words": 300.0, "relation": "at least", "keyword": None},
    )
    assert constraint.kwargs() == {"num_words": 300, "relation": "at least"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"num_words": 300, "relation": "at least", "colour": "red"},
            "unexpected argument 'colour'",
        ),
        ({"relation": "at least"}, "missing argument 'num_words'"),
        ({"num_words": "300", "relation": "at least"}, "'num_words' must be an integer"),
        ({"num_words": 2.5, "relation": "at least"}, "'num_words' must be an integer"),
        ({"num_words": True, "relation": "at least"}, "'num_words' must be an integer"),
        (
            {"num_words": 3, "relation": "at most"},
            "'relation' must be one of 'less than', 'at least'",
        ),
    ],
)
def test_kwargs_that_do_not_fit_say_what_is_wrong(kwargs, message):
    with pytest.raises(ConstraintArgumentError, match=message):
        build("length_constraints:number_words", kwargs)


def test_keywords_must_be_a_list_of_strings():
    with pytest.raises(ConstraintArgumentError, match="'keywords' must be a list of strings"):
        build("keywords:existence", {"keywords": "sea"})


@pytest.mark.parametrize(
    ("instruction_id", "response", "reason"),
    [
        (
            "punctuation:no_comma",
            "Hello, world, again",
            "found 2 commas; the first: 'Hello, world, again'",
        ),
        ("keywords:existence", "only sea here", "missing keyword 'salt'"),
        ("keywords:forbidden_words", "a storm came", "contains the forbidden word 'storm'"),
        ("keywords:frequency", "sea sea sea", "'sea' appears 3 times; needs fewer than 2"),
        (
            "keywords:letter_frequency",
            "hi",
            "the letter 'e' appears 0 times; needs at least 5",
        ),
        (
            "language:response_language",
            "This is clearly an English sentence about the weather.",
            "expected 'fr'",
        ),
        ("change_case:english_capital", "HELLO there", "not all capital letters"),
        ("change_case:english_lowercase", "hello There", "not all lowercase letters"),
        (
            "change_case:capital_word_frequency",
            "ONE two",
            "found 1 all-capital word; needs at least 3",
        ),
        ("length_constraints:number_words", "too short", "2 words; needs at least 20"),
        (
            "length_constraints:number_sentences",
            "One. Two. Three. Four.",
            "4 sentences; needs fewer than 3",
        ),
        (
            "length_constraints:number_paragraphs",
            "one *** *** three",
            "paragraph 2 between *** dividers is empty",
        ),
        (
            "length_constraints:nth_paragraph_first_word",
            "Salt\n\nNow",
            "paragraph 2 starts with 'now', not 'then'",
        ),
        (
            "detectable_content:number_placeholders",
            "[one]",
            "found 1 placeholder in square brackets; needs at least 2",
        ),
        ("detectable_content:postscript", "no postscript", "no postscript starting with 'P.S.'"),
        (
            "detectable_format:number_bullet_lists",
            "* a\n* b",
            "found 2 bullet points; needs exactly 3",
        ),
        (
            "detectable_format:number_highlighted_sections",
            "*one*",
            "found 1 highlighted section; needs at least 2",
        ),
        (
            "detectable_format:multiple_sections",
            "SECTION 1 only",
            "found 1 section marked 'SECTION N'; needs at least 2",
        ),
        ("detectable_format:json_format", "{'a': 1}", "not valid JSON: Expecting property name"),
        ("detectable_format:title", "<<   >>", "the title is empty"),
        ("detectable_format:constrained_response", "Yes.", "contains none of 'My answer is yes.'"),
        ("combination:two_responses", "a ****** a", "the two responses are identical"),
        ("combination:repeat_prompt", "Write a song", "diverges at character 8"),
        (
            "startend:end_checker",
            "Bye now.",
            "ends with 'Bye now.', not with 'Any other questions?'",
        ),
        ("startend:quotation", '"unfinished', "not with a double quote"),
    ],
)
def test_failure_reasons_are_specific(instruction_id, response, reason):
    verdict = build(instruction_id, IFEVAL_EXAMPLES[instruction_id]).check(response)
    assert not verdict.ok
    assert reason in verdict.reason


def test_loose_variants_follow_the_reference_order_without_repeats():
    response = "Sure!\n*Body* text\nBye"
    assert loose_variants(response) == [
        response,
        "Sure!\nBody text\nBye",
        "*Body* text\nBye",
        "Sure!\n*Body* text",
        "*Body* text",
        "Body text\nBye",
        "Sure!\nBody text",
        "Body text",
    ]
    assert loose_variants("one line") == ["one line"]

"""Where adhere deliberately differs from the IFEval reference, and why."""

from __future__ import annotations

import pytest

from adhere.constraints import ConstraintArgumentError, build, evaluate

reference = pytest.importorskip("adhere._reference", reason="needs lm-eval[ifeval] (dev extra)")


def reference_instruction(instruction_id: str, **kwargs):
    registry, _ = reference.reference_modules()
    instruction = registry.INSTRUCTION_DICT[instruction_id](instruction_id)
    instruction.build_description(**kwargs)
    return instruction


def test_letter_frequency_with_a_non_letter_counts_that_character():
    # The reference replaces '#' by a random ASCII letter, so its verdict is noise
    # (the conformance verdicts are null there); adhere counts '#'.
    picked = reference_instruction(
        "keywords:letter_frequency", letter="#", let_frequency=2, let_relation="at least"
    )._letter
    assert picked != "#" and picked.isascii() and picked.isalpha()

    constraint = build(
        "keywords:letter_frequency", {"letter": "#", "let_frequency": 2, "let_relation": "at least"}
    )
    assert constraint.check("# Title\n## Part").ok
    verdict = constraint.check("# Title only")
    assert not verdict.ok and "'#' appears 1 time" in verdict.reason


def test_keyword_that_is_not_a_regular_expression_is_searched_literally():
    import re

    with pytest.raises(re.error):
        reference_instruction("keywords:existence", keywords=["f(x"]).check_following("f(x) = 2")
    constraint = build("keywords:existence", {"keywords": ["f(x"]})
    assert constraint.check("let f(x) = 2").ok
    assert not constraint.check("let fx = 2").ok


def test_keywords_that_are_valid_expressions_keep_the_reference_semantics():
    # 'e.g' is a regular expression in the reference: '.' matches any character.
    assert build("keywords:existence", {"keywords": ["e.g"]}).check("the edge").ok


def test_json_nested_too_deeply_is_not_json_instead_of_a_crash():
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(RecursionError):
        reference_instruction("detectable_format:json_format").check_following(deep)
    verdict = build("detectable_format:json_format").check(deep)
    assert not verdict.ok and "nested too deeply" in verdict.reason


@pytest.mark.parametrize(
    ("instruction_id", "kwargs"),
    [
        # The reference silently draws random parameters for each of these.
        ("length_constraints:number_words", {"relation": "at least"}),
        ("length_constraints:number_words", {"num_words": -5, "relation": "at least"}),
        (
            "length_constraints:nth_paragraph_first_word",
            {"num_paragraphs": 2, "nth_paragraph": 3, "first_word": "a"},
        ),
        ("keywords:existence", {"keywords": []}),
        (
            "keywords:letter_frequency",
            {"letter": "ab", "let_frequency": 2, "let_relation": "at least"},
        ),
        ("language:response_language", {"language": "klingon"}),
        ("startend:end_checker", {"end_phrase": "   "}),
    ],
)
def test_parameters_the_reference_would_randomize_are_rejected(instruction_id, kwargs):
    with pytest.raises(ConstraintArgumentError, match=instruction_id):
        build(instruction_id, kwargs)


def test_blank_responses_fail_every_constraint_like_the_reference():
    constraint = build("punctuation:no_comma")
    evaluation = evaluate([constraint], "   \n ")
    assert evaluation.strict[0].reason == "the response is empty"
    assert evaluation.loose == (False,)
    assert reference.reference_strict(["punctuation:no_comma"], [{}], "  \n ") == [False]

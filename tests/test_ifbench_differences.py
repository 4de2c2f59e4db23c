"""Where adhere's IFBench verdicts deliberately differ from the reference, and why.

1. words:start_verb. The reference tags the first token with NLTK's averaged
   perceptron tagger, whose data is a download (not on PyPI). adhere asks an
   English lexicon (lemminflect) whether the first token can be a verb. The
   tagger often calls a sentence-initial imperative a proper noun; on the
   conformance sample that flips 3 of 6 verdicts (keys 257, 258, 261).
2. Inputs on which the reference raises (ZeroDivisionError, IndexError) and
   so stops the whole evaluation: adhere fails the constraint with a reason.
3. Arguments the reference would replace with random values (missing ones,
   or a falsy 0 such as ``n_start: 0``): adhere requires them, or uses the 0.
"""

from __future__ import annotations

import pytest

from adhere.constraints import ConstraintArgumentError, build


@pytest.mark.parametrize("response", ["Conceive an empire.", "Understand the theory.", "Build bridges."])
def test_start_verb_accepts_capitalized_imperatives_the_tagger_misses(response):
    assert build("words:start_verb").check(response).ok


def test_start_verb_still_rejects_non_verbs():
    for response in ("The cat sat.", "Quickly, go.", "42 is the answer."):
        assert not build("words:start_verb").check(response).ok


@pytest.mark.parametrize(
    ("cid", "kwargs", "response", "reason"),
    [
        ("ratio:stop_words", {"percentage": 50}, "!!! ???", "no words"),
        ("ratio:overlap", {"reference_text": "abc", "percentage": 10}, "ab", "shorter than three"),
        ("words:last_first", {}, "I like cats. ... Cats.", "no words"),
        ("format:quote_unquote", {}, "123.", "no text"),
        (
            "custom:csv_quotes",
            {},
            '"StudentID"\t"Subject"\t"Grade"\t"Semester"\t"Score"\n"1"\t\t"3"\t"4"\t"5"\n"1"\t"2"\t"3"\t"4"\t"5"\n"1"\t"2"\t"3"\t"4"\t"5"',
            "empty field",
        ),
    ],
)
def test_inputs_that_crash_the_reference_fail_with_a_reason(cid, kwargs, response, reason):
    verdict = build(cid, kwargs).check(response)
    assert not verdict.ok
    assert reason in verdict.reason


def test_n_start_zero_means_the_first_word():
    constraint = build("repeat:repeat_span", {"prompt_to_repeat": "one two three", "n_start": 0, "n_end": 2})
    assert constraint.check("one two").ok


@pytest.mark.parametrize(
    ("cid", "kwargs"),
    [
        ("count:word_count_range", {"min_words": 10}),
        ("count:keywords_multiple", {"keyword1": "a"}),
        ("format:list", {}),
        ("format:options", {}),
        ("repeat:repeat_change", {}),
    ],
)
def test_arguments_the_reference_would_randomize_are_required(cid, kwargs):
    with pytest.raises(ConstraintArgumentError, match="missing argument"):
        build(cid, kwargs)

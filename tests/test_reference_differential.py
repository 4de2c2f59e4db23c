"""adhere agrees with the lm-eval IFEval reference on generated responses.

Responses are assembled from fragments that sit on the checkers' edges
(dividers, markers, case, punctuation, other languages), so agreement here is
evidence beyond the 541 published responses.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adhere.constraints import build, evaluate
from tests.examples import IFEVAL_EXAMPLES

reference = pytest.importorskip("adhere._reference", reason="needs lm-eval[ifeval] (dev extra)")
try:
    reference.reference_modules()
except reference.ReferenceUnavailable as error:  # pragma: no cover - depends on the environment
    pytest.skip(str(error), allow_module_level=True)

FRAGMENTS = [
    "the sea", "Salt", "SEA", "storm", "Waves", "then", "Then", "THEN", ",", ".", "!", "?", " ",
    "  ", "\n", "\n\n", "\n\n\n", "*", "**", "***", " *** ", "******", "-", "\n* ", "\n- ",
    "* item", "<<", ">>", "<<Title>>", "<< >>", "[name]", "[", "]", "P.S.", "p. s.", "P.P.S",
    "SECTION 1", "Section 2", "SECTION", " 3 ", '"', "'", "{", "}", '{"a": 1}', "[1, 2]",
    "```json\n", "```", "My answer is yes.", "Any other questions?", '"Any other questions?"',
    "Write a poem about the sea.", "eee", "DON'T", "U.S.A.", "Mr. Smith", "e.g.", "3.14",
    "bonjour le monde", "le chat est sur la table et il dort.", "Ça va", "é", "日本語のテキスト",
    "…", "\t", "ß", "İ", "WORLD", "Hello world. How are you? Fine!",
]  # fmt: skip

responses = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=25).map("".join)

VARIANTS: dict[str, list[dict]] = {
    "change_case:capital_word_frequency": [
        {"capital_frequency": n, "capital_relation": r} for n in (1, 2, 4) for r in ("less than", "at least")
    ],
    "detectable_content:number_placeholders": [{"num_placeholders": n} for n in (1, 2)],
    "detectable_content:postscript": [{"postscript_marker": m} for m in ("P.S.", "P.P.S")],
    "detectable_format:multiple_sections": [
        {"section_spliter": s, "num_sections": n} for s in ("SECTION", "Section") for n in (1, 2)
    ],
    "detectable_format:number_bullet_lists": [{"num_bullets": n} for n in (1, 2, 3)],
    "detectable_format:number_highlighted_sections": [{"num_highlights": n} for n in (1, 2)],
    "keywords:existence": [{"keywords": ["sea", "salt"]}, {"keywords": ["then"]}],
    "keywords:forbidden_words": [
        {"forbidden_words": ["storm", "wave"]},
        {"forbidden_words": ["the"]},
    ],
    "keywords:frequency": [
        {"keyword": "sea", "frequency": n, "relation": r} for n in (1, 2) for r in ("less than", "at least")
    ],
    "keywords:letter_frequency": [
        {"letter": ch, "let_frequency": n, "let_relation": r}
        for ch in ("e", "S")
        for n in (1, 3)
        for r in ("less than", "at least")
    ],
    "language:response_language": [{"language": code} for code in ("fr", "en", "ja")],
    "length_constraints:nth_paragraph_first_word": [
        {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "then"},
        {"num_paragraphs": 1, "nth_paragraph": 1, "first_word": "salt"},
    ],
    "length_constraints:number_paragraphs": [{"num_paragraphs": n} for n in (1, 2)],
    "length_constraints:number_sentences": [
        {"num_sentences": n, "relation": r} for n in (1, 2, 3) for r in ("less than", "at least")
    ],
    "length_constraints:number_words": [
        {"num_words": n, "relation": r} for n in (3, 10) for r in ("less than", "at least")
    ],
    "startend:end_checker": [{"end_phrase": "Any other questions?"}, {"end_phrase": "then"}],
}
SLOW = {
    "language:response_language",
    "change_case:english_capital",
    "change_case:english_lowercase",
}


def kwargs_for(instruction_id: str) -> list[dict]:
    return VARIANTS.get(instruction_id, [IFEVAL_EXAMPLES[instruction_id]])


def assert_agrees(instruction_id: str, kwargs: dict, response: str) -> None:
    constraint = build(instruction_id, kwargs)
    ours = evaluate([constraint], response)
    strict = reference.reference_strict([instruction_id], [kwargs], response)
    loose = reference.reference_loose([instruction_id], [kwargs], response)
    assert (ours.strict[0].ok, ours.loose[0]) == (strict[0], loose[0]), (kwargs, response)


@pytest.mark.parametrize("instruction_id", sorted(IFEVAL_EXAMPLES))
def test_agrees_with_reference_on_generated_responses(instruction_id):
    examples = 40 if instruction_id in SLOW else 150

    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(kwargs=st.sampled_from(kwargs_for(instruction_id)), response=responses)
    def agrees(kwargs, response):
        assert_agrees(instruction_id, kwargs, response)

    agrees()


@pytest.mark.parametrize(
    ("instruction_id", "response"),
    [
        ("combination:two_responses", "first answer\n******\nsecond answer"),
        ("combination:two_responses", "same\n******\nsame"),
        ("combination:repeat_prompt", "write a poem about the sea. The sea is wide."),
        ("detectable_format:json_format", '```JSON\n{"a": [1, 2]}\n```'),
        ("detectable_format:title", "<<>> and <<a real title>>"),
        ("length_constraints:nth_paragraph_first_word", '\n\nSalt\n\n"Then, we go.'),
        ("length_constraints:number_paragraphs", "*** one *** two ***"),
        ("change_case:english_capital", "THIS IS A SHOUTED ENGLISH SENTENCE ABOUT THE SEA."),
        ("change_case:english_lowercase", "this is a quiet english sentence about the sea."),
        ("startend:quotation", '"'),
        ("detectable_format:constrained_response", "  My answer is maybe.  "),
    ],
)
def test_agrees_with_reference_on_edge_cases(instruction_id, response):
    for kwargs in kwargs_for(instruction_id):
        assert_agrees(instruction_id, kwargs, response)

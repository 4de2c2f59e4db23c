"""The rule parser reads constraint phrasings, not benchmark sentences."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from adhere.extract import extract_rules
from tests.conftest import ROOT, run_adhere


def found(prompt: str) -> set[tuple[str, str]]:
    return {
        (e.constraint.id, json.dumps(e.constraint.kwargs(), sort_keys=True))
        for e in extract_rules(prompt).constraints
    }


def one(cid: str, **kwargs: object) -> tuple[str, str]:
    return cid, json.dumps(kwargs, sort_keys=True)


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "Tell me about owls in at least twenty-five words.",
            one("length_constraints:number_words", relation="at least", num_words=25),
        ),
        (
            "Keep it to at most 50 words.",
            one("length_constraints:number_words", relation="less than", num_words=51),
        ),
        (
            "Use fewer than ten sentences.",
            one("length_constraints:number_sentences", relation="less than", num_sentences=10),
        ),
        (
            "Reply in 3 or more sentences.",
            one("length_constraints:number_sentences", relation="at least", num_sentences=3),
        ),
        ("Please avoid using any commas.", one("punctuation:no_comma")),
        (
            "Your whole answer must be in Swahili, no other language is allowed.",
            one("language:response_language", language="sw"),
        ),
        (
            'Do not use the words "cheap" or "free".',
            one("keywords:forbidden_words", forbidden_words=["cheap", "free"]),
        ),
        ("Include the keywords 'river' and 'stone'.", one("keywords:existence", keywords=["river", "stone"])),
        (
            "End it with a postscript starting with P.S.",
            one("detectable_content:postscript", postscript_marker="P.S."),
        ),
        (
            "Highlight at least two sections with markdown.",
            one("detectable_format:number_highlighted_sections", num_highlights=2),
        ),
        (
            "The response must contain between 40 and 60 words.",
            one("count:word_count_range", min_words=40, max_words=60),
        ),
        (
            "Describe a storm; the letter z should show up at least 3 times.",
            one("keywords:letter_frequency", letter="z", let_relation="at least", let_frequency=3),
        ),
        (
            "Write a haiku without using the letter e.",
            one("keywords:letter_frequency", letter="e", let_relation="less than", let_frequency=1),
        ),
        (
            "Draft a 250+ word essay.",
            one("length_constraints:number_words", relation="at least", num_words=250),
        ),
        (
            "Summarize it in 80 words or less.",
            one("length_constraints:number_words", relation="less than", num_words=81),
        ),
        (
            "Describe the harbour. End with: See you at dawn.",
            one("startend:end_checker", end_phrase="See you at dawn."),
        ),
        (
            "Give 3 paragraphs split by ***. Start the 2nd paragraph with the word 'Moreover'.",
            one(
                "length_constraints:nth_paragraph_first_word",
                num_paragraphs=3,
                nth_paragraph=2,
                first_word="moreover",
            ),
        ),
        (
            "Explain rainbows. At least 4 words in your answer must be in all caps.",
            one("change_case:capital_word_frequency", capital_relation="at least", capital_frequency=4),
        ),
        ('Please mention "lighthouse" somewhere.', one("keywords:existence", keywords=["lighthouse"])),
        (
            "Use this outline:\nIntro\n***\nBody\n***\nEnd",
            one("length_constraints:number_paragraphs", num_paragraphs=3),
        ),
    ],
)
def test_reads_the_phrasing(prompt, expected):
    assert expected in found(prompt)


def test_a_range_is_two_bounds():
    assert found("Write 20 to 30 sentences about rain.") == {
        one("length_constraints:number_sentences", relation="at least", num_sentences=20),
        one("length_constraints:number_sentences", relation="less than", num_sentences=31),
    }


@pytest.mark.parametrize(
    "prompt",
    [
        "What is the capital of France?",
        "Write a story about 3 friends who find a map.",
        "Explain why commas matter in legal writing.",
        "Translate this French sentence into English: je suis là.",
    ],
)
def test_states_nothing_the_prompt_does_not_state(prompt):
    assert found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A count is not read across a sentence end, from one instruction into the next.
        (
            "Could you write the whole answer in Spanish? Could you make sure words in all capital "
            "letters show up below 5 times?",
            {
                one("language:response_language", language="es"),
                one("change_case:capital_word_frequency", capital_relation="less than", capital_frequency=5),
            },
        ),
        (
            "Could you stay below 60 words? Please capitalize the first letter of every major word "
            "throughout, Title Case style.",
            {
                one("length_constraints:number_words", relation="less than", num_words=60),
                one("format:title_case"),
            },
        ),
        (
            "Make sure the response starts and ends with a double quotation mark. The words 'careful' and "
            "'change' need to appear in your answer.",
            {one("startend:quotation"), one("keywords:existence", keywords=["careful", "change"])},
        ),
        # Sections to highlight are not the answer's sections; "Part X" is a marker, not a count.
        (
            "Highlight at least 2 sections with markdown. Your response must have 3 sections. Mark the "
            "beginning of each section with Section X.",
            {
                one("detectable_format:number_highlighted_sections", num_highlights=2),
                one("detectable_format:multiple_sections", section_spliter="Section", num_sections=3),
            },
        ),
        (
            "Split your answer into 3 sections and start each one with Part X (Part 1, Part 2 and so on).",
            {one("detectable_format:multiple_sections", section_spliter="Part", num_sections=3)},
        ),
        # A minimum in any wording, and a negated one that is no minimum.
        ("Please use more than 9 pronouns.", {one("count:pronouns", N=10)}),
        ("Do not use more than 9 pronouns.", set()),
    ],
)
def test_reads_each_instruction_in_its_own_sentence(prompt, expected):
    assert found(prompt) == expected


def test_repeat_request_takes_the_text_it_points_at():
    prompt = "Write a haiku about frogs.\nFirst repeat the request above word for word, then answer."
    assert one("combination:repeat_prompt", prompt_to_repeat="Write a haiku about frogs.") in found(prompt)
    # A request written out after a label is the one to repeat, not the task before the instruction.
    labelled = (
        "Write a poem. First repeat the request below word for word. The request to repeat is: Name a river."
    )
    assert found(labelled) == {one("combination:repeat_prompt", prompt_to_repeat="Name a river.")}


def test_cli_prints_ids_and_descriptions():
    result = run_adhere("extract", "Answer in fewer than 5 sentences.")
    assert result.returncode == 0, result.stderr
    assert "length_constraints:number_sentences" in result.stdout
    assert "fewer than 5 sentences" in result.stdout


def test_cli_batch_json_and_errors(tmp_path):
    data = tmp_path / "prompts.jsonl"
    data.write_text(json.dumps({"prompt": "No commas please."}) + "\n" + json.dumps({"text": "x"}) + "\n")
    result = run_adhere("extract", "--data", str(data), "--json")
    assert result.returncode == 1
    assert f"{data}:2:" in result.stderr
    data.write_text(json.dumps({"prompt": "Do not use any commas."}) + "\n")
    result = run_adhere("extract", "--data", str(data), "--json")
    assert json.loads(result.stdout)["constraints"][0]["id"] == "punctuation:no_comma"


def test_rules_hold_their_measured_floor_on_ifeval(conformance):
    # The target, 0.95 for both; measured 0.968 and 0.956 (benchmarks/extract_accuracy.py).
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "extract_accuracy.py"),
            "--brief",
            "--shared",
            str(conformance),
            # IFEval only: the blind natural sets are never run by a test.
            "--sets",
            "ifeval",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("rules only"))
    precision, recall = float(line.split()[3]), float(line.split()[5])
    assert precision >= 0.95
    assert recall >= 0.95


def test_cli_needs_exactly_one_source():
    for args in ((), ("Some prompt.", "--data", "prompts.jsonl")):
        result = run_adhere("extract", *args)
        assert result.returncode == 1
        assert "give a PROMPT argument or --data FILE" in result.stderr


def test_the_decomposer_keeps_only_grounded_proposals():
    from adhere.extract import parse_proposals

    prompt = "Write a story about a fox in at least 300 words. Mention the word 'forest'. Keep it cheerful."
    rules = extract_rules(prompt)
    answer = "\n".join(
        [
            '{"id": "keywords:existence", "kwargs": {"keywords": ["forest"]}}',  # grounded: kept
            '{"id": "keywords:existence", "kwargs": {"keywords": ["river"]}}',  # not in the prompt
            '{"id": "length_constraints:number_words", "kwargs": {"relation": "at least", "num_words": 500}}',
            '{"id": "detectable_format:number_bullet_lists", "kwargs": {"num_bullets": 3}}',  # invented 3
            '{"id": "no:such_type", "kwargs": {}}',
            '{"soft": "Keep the story cheerful."}',
            "not json at all",
        ]
    )
    found = parse_proposals(answer, prompt, rules)
    by_source = {(e.constraint.id, e.source) for e in found.constraints}
    assert ("length_constraints:number_words", "rules") in by_source  # the rules' 300 wins over 500
    assert all(e.constraint.kwargs().get("num_words") != 500 for e in found.constraints)
    assert "detectable_format:number_bullet_lists" not in {e.constraint.id for e in found.constraints}
    assert [s.text for s in found.soft] == ["Keep the story cheerful."]


def test_extract_llm_asks_any_model_and_merges_with_the_rules():
    import asyncio

    from adhere.extract import extract_llm
    from adhere.models import FakeModel

    model = FakeModel(
        '{"id": "language:response_language", "kwargs": {"language": "de"}}\n{"soft": "Be brief."}'
    )
    # The rules read "Answer in German"; this request names the language less directly.
    found = asyncio.run(extract_llm("For my German class: what is a fox? Be brief.", model))
    assert [(e.constraint.id, e.source) for e in found.constraints][-1] == (
        "language:response_language",
        "llm",
    )
    assert "Constraint types" in model.calls[0][0][0]["content"]
    wrong = FakeModel('{"id": "language:response_language", "kwargs": {"language": "fr"}}')
    assert not asyncio.run(extract_llm("Answer in German: what is a fox?", wrong)).constraints[1:]


def test_the_decomposer_catalogue_says_what_each_type_means():
    from adhere.constraints import constraint_ids
    from adhere.extract._llm import decomposer_prompt

    lines = {line.split(": ")[0]: line for line in decomposer_prompt("").splitlines() if ": " in line}
    assert set(constraint_ids()) <= set(lines)
    # An opaque id comes with its own instruction text, and placeholders name the arguments.
    assert "contain only three distinct vowels" in lines["words:vowel"]
    assert "'<keyword>' should appear" in lines["keywords:frequency"]
    assert "between 3 and 4 words" in lines["count:word_count_range"]
    described = sum("(e.g. " in line for line in lines.values())
    assert described >= len(constraint_ids()) - 3  # those whose arguments reject a placeholder


def test_the_rules_read_adheres_own_instructions():
    # Strategies and the synth benchmark phrase constraints with describe() and its variants.
    from adhere.benchmarks import synth_samples

    for sample in synth_samples(150, seed=3):
        found = {
            (e.constraint.id, repr(sorted(e.constraint.kwargs().items())))
            for e in extract_rules(sample.prompt).constraints
        }
        gold = {(c.id, repr(sorted(c.kwargs().items()))) for c in sample.constraints}
        assert found == gold, sample.prompt


def _corpus(conformance) -> list[str]:
    prompts = [
        json.loads(line)["prompt"]
        for bench in ("ifeval", "ifbench")
        for line in (conformance / bench / "input_data.jsonl").open()
    ]
    natural = ROOT / "tests" / "data" / "natural_requests"
    prompts += [
        json.loads(line)["prompt"]
        for part in ("dev", "heldout")
        for line in (natural / f"{part}.jsonl").open()
    ]
    return prompts


def test_count_patterns_tried_only_where_counts_start_find_what_finditer_finds(conformance):
    # The linear-time scan must not lose a match: every pattern it serves, on every prompt we have.
    from adhere.extract import _rules
    from adhere.extract._scan import finditer_at_counts

    patterns = [
        _rules._PLACEHOLDERS,
        _rules._BULLETS,
        _rules._PARAGRAPH_COUNT,
        _rules._PART_COUNT,
        _rules._SECTION_COUNT,
        _rules._CAPITAL_PATTERNS[1],
        _rules._HIGHLIGHTS[1],
        _rules._HIGHLIGHTS[2],
        re.compile(rf"{_rules.Q}[\s-]*words?\b", re.IGNORECASE | re.DOTALL),
    ]
    tricky = "At least 5 words, 3-4 sentences, twenty-five bullets; 1,000+ words."
    for prompt in [*_corpus(conformance), tricky]:
        for pattern in patterns:
            expected = [m.span() for m in pattern.finditer(prompt)]
            assert [m.span() for m in finditer_at_counts(pattern, prompt)] == expected, (pattern, prompt)


def _sentence_span_by_rescanning(prompt: str, start: int, end: int) -> tuple[int, int]:
    # The definition: the last boundary in prompt[:start], the first in prompt[end:].
    before = [m.end() for m in re.finditer(r"[.!?][\"”')]?(?=\s)|\n", prompt[:start])]
    after = re.search(r"[.!?][\"”')]?(?=\s|$)|\n", prompt[end:])
    return (before[-1] if before else 0), (end + after.end() if after else len(prompt))


def test_sentence_spans_from_the_boundary_index_match_the_definition(conformance):
    from adhere.extract._sentences import sentence_span

    for prompt in [*_corpus(conformance)[::7], 'Say "hi." Then stop!\nNew line. "Quoted." end']:
        for start in range(0, len(prompt), 3):
            end = min(len(prompt), start + 5)
            assert sentence_span(prompt, start, end) == _sentence_span_by_rescanning(prompt, start, end)

"""Every IFEval verdict equals the reference's, on the published GPT-4 responses."""

from __future__ import annotations

import pytest

from adhere.benchmarks import sample_from_row
from adhere.constraints import evaluate
from tests.conftest import read_jsonl


@pytest.fixture(scope="module")
def scored(conformance):
    base = conformance / "ifeval"
    inputs = read_jsonl(base / "input_data.jsonl")
    responses = {r["prompt"].strip(): r["response"] for r in read_jsonl(base / "responses_gpt4.jsonl")}
    reference = {r["key"]: r for r in read_jsonl(base / "reference_verdicts.jsonl")}
    out = []
    for row in inputs:
        sample = sample_from_row(row)
        evaluation = evaluate(sample.constraints, responses[row["prompt"].strip()])
        out.append((row, evaluation, reference[row["key"]]))
    return out


def test_every_verdict_matches_the_reference(scored):
    mismatches = []
    compared = 0
    for row, evaluation, ref in scored:
        for index, instruction_id in enumerate(row["instruction_id_list"]):
            if ref["strict"][index] is None:  # the reference itself is random here
                continue
            compared += 1
            ours = (evaluation.strict[index].ok, evaluation.loose[index])
            theirs = (ref["strict"][index], ref["loose"][index])
            if ours != theirs:
                mismatches.append((row["key"], instruction_id, ours, theirs))
    assert compared == 832
    assert mismatches == []


def test_headline_figures_match_the_published_ones(scored):
    prompt_strict = prompt_loose = 0
    inst_strict: list[bool] = []
    inst_loose: list[bool] = []
    for _row, evaluation, ref in scored:
        keep = [i for i, v in enumerate(ref["strict"]) if v is not None]
        strict = [evaluation.strict[i].ok for i in keep]
        loose = [evaluation.loose[i] for i in keep]
        prompt_strict += all(strict)
        prompt_loose += all(loose)
        inst_strict += strict
        inst_loose += loose
    assert round(100 * prompt_strict / len(scored), 2) == 77.26
    assert round(100 * prompt_loose / len(scored), 2) == 79.85
    assert round(100 * sum(inst_strict) / len(inst_strict), 2) == 83.77
    assert round(100 * sum(inst_loose) / len(inst_loose), 2) == 85.70

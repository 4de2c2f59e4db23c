"""Scoring speed: adhere against the lm-eval IFEval reference, same process, same data.

Scores the 541 published GPT-4 IFEval responses strict + loose with both,
checks that every verdict is identical (bar the entries where the reference
is itself random), and prints both times and the ratio. Both sides are warmed
up first (Punkt parameters, language profiles); adhere's memo caches are
cleared before each timed repetition, so no repetition reuses an earlier one.

    python benchmarks/verify_speed.py [--data INPUT.jsonl --responses RESPONSES.jsonl] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from adhere._reference import reference_loose, reference_strict
from adhere.benchmarks import sample_from_row
from adhere.constraints import _text, evaluate

CONFORMANCE = Path(__file__).resolve().parent.parent.parent / "shared" / "conformance" / "ifeval"


def load(data: Path, responses: Path) -> list[tuple[dict, str]]:
    rows = [json.loads(line) for line in data.read_text().splitlines() if line.strip()]
    by_prompt = {}
    for line in responses.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            by_prompt[row["prompt"].strip()] = row["response"]
    return [(row, by_prompt[row["prompt"].strip()]) for row in rows if row["prompt"].strip() in by_prompt]


def run_adhere(items: list[tuple[dict, str]]) -> list[tuple[list[bool], list[bool]]]:
    out = []
    for row, response in items:
        evaluation = evaluate(sample_from_row(row).constraints, response)
        out.append((evaluation.strict_ok, list(evaluation.loose)))
    return out


def run_reference(items: list[tuple[dict, str]]) -> list[tuple[list[bool], list[bool]]]:
    out = []
    for row, response in items:
        args = (row["instruction_id_list"], row["kwargs"], response, row["prompt"])
        out.append((reference_strict(*args), reference_loose(*args)))
    return out


def clear_memo() -> None:
    for memo in _text.MEMOS:
        memo.cache_clear()


def best_time(fn, items, repeat: int, before=lambda: None):
    best, result = float("inf"), None
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        result = fn(items)
        best = min(best, time.perf_counter() - start)
    return best, result


def random_in_reference(row: dict, index: int) -> bool:
    """letter_frequency with a non-letter: the reference checks a random letter."""
    if row["instruction_id_list"][index] != "keywords:letter_frequency":
        return False
    letter = row["kwargs"][index].get("letter") or ""
    return not (len(letter) == 1 and letter.isascii() and letter.isalpha())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=CONFORMANCE / "input_data.jsonl")
    parser.add_argument("--responses", type=Path, default=CONFORMANCE / "responses_gpt4.jsonl")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    items = load(args.data, args.responses)

    warm = items[:40]
    run_adhere(warm)
    run_reference(warm)

    adhere_time, ours = best_time(run_adhere, items, args.repeat, before=clear_memo)
    reference_time, theirs = best_time(run_reference, items, args.repeat)

    differences = 0
    for (row, _), (s1, l1), (s2, l2) in zip(items, ours, theirs, strict=True):
        for i in range(len(s1)):
            if not random_in_reference(row, i) and (s1[i], l1[i]) != (s2[i], l2[i]):
                differences += 1
    print(f"responses scored (strict + loose): {len(items)}")
    print(f"lm-eval reference: {reference_time:.3f} s")
    print(f"adhere:            {adhere_time:.3f} s")
    print(f"speed-up:          {reference_time / adhere_time:.1f}x")
    print(f"verdicts differing: {differences}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())

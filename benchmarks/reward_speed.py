"""Reward speed: adhere.rewards' batch path against lm-eval's IFEval reference checkers.

The completions are the 541 published GPT-4 IFEval responses, each in a group
of ``--group`` variants (as it is, lowercased, uppercased, its first half), as
an RL step scores a group of completions per prompt. Both sides score every
completion strict and loose; the rewards (binary and fractional) are compared
with the reference's verdicts (bar the rows where the reference is itself
random), and completions per second are printed for each side and mode.
adhere's caches (built constraints, text memos) are cleared before each timed
repetition, so every repetition builds each row's constraints once.

    python benchmarks/reward_speed.py [--group 4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from adhere import rewards
from adhere._reference import reference_loose, reference_strict
from adhere.constraints import _text

CONFORMANCE = Path(__file__).resolve().parent.parent.parent / "shared" / "conformance" / "ifeval"
VARIANTS: list[Callable[[str], str]] = [lambda t: t, str.lower, str.upper, lambda t: t[: len(t) // 2]]

Item = tuple[dict, str]


def load(data: Path, responses: Path, group: int) -> list[Item]:
    rows = [json.loads(line) for line in data.read_text().splitlines() if line.strip()]
    by_prompt = {}
    for line in responses.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            by_prompt[row["prompt"].strip()] = row["response"]
    return [
        (row, variant(by_prompt[row["prompt"].strip()]))
        for row in rows
        if row["prompt"].strip() in by_prompt
        for variant in VARIANTS[:group]
    ]


def clear_caches() -> None:
    rewards._constraints.cache_clear()
    for memo in _text.MEMOS:
        memo.cache_clear()


def adhere_scores(items: list[Item], fractional: bool, loose: bool) -> list[float]:
    reward = rewards.make_reward(fractional=fractional, loose=loose)
    return reward(
        completions=[text for _, text in items],
        instruction_id_list=[row["instruction_id_list"] for row, _ in items],
        kwargs=[row["kwargs"] for row, _ in items],
    )


def reference_verdicts(items: list[Item], loose: bool) -> list[list[bool]]:
    check = reference_loose if loose else reference_strict
    return [check(row["instruction_id_list"], row["kwargs"], text, row["prompt"]) for row, text in items]


def timed(
    fn: Callable[[], object], repeat: int, before: Callable[[], None] = lambda: None
) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def random_in_reference(row: dict) -> bool:
    """letter_frequency with a non-letter: the reference checks a random letter."""
    return any(
        i == "keywords:letter_frequency" and not (len(k.get("letter") or "") == 1 and k["letter"].isalpha())
        for i, k in zip(row["instruction_id_list"], row["kwargs"], strict=True)
    )


def disagreements(items: list[Item], ours: list[float], verdicts: list[list[bool]], fractional: bool) -> int:
    count = 0
    for (row, _), mine, theirs in zip(items, ours, verdicts, strict=True):
        expected = sum(theirs) / len(theirs) if fractional else float(all(theirs))
        if not random_in_reference(row) and abs(mine - expected) > 1e-9:
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=CONFORMANCE / "input_data.jsonl")
    parser.add_argument("--responses", type=Path, default=CONFORMANCE / "responses_gpt4.jsonl")
    parser.add_argument("--group", type=int, default=4, choices=range(1, len(VARIANTS) + 1))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    items = load(args.data, args.responses, args.group)
    adhere_scores(items[:40], False, True)  # warm both sides: Punkt parameters, language profiles
    reference_verdicts(items[:40], True)
    print(f"completions: {len(items)} ({len(items) // args.group} prompts x {args.group})")
    print(f"{'mode':<18}{'reference /s':>14}{'adhere /s':>12}{'speed-up':>10}{'differing':>11}")
    failed = 0
    for loose in (False, True):
        reference_time, verdicts = timed(functools.partial(reference_verdicts, items, loose), 1)
        for fractional in (False, True):
            ours_time, ours = timed(
                functools.partial(adhere_scores, items, fractional, loose), args.repeat, clear_caches
            )
            differing = disagreements(items, ours, verdicts, fractional)  # type: ignore[arg-type]
            failed += differing
            mode = f"{'fractional' if fractional else 'binary'} {'loose' if loose else 'strict'}"
            print(
                f"{mode:<18}{len(items) / reference_time:>14.0f}{len(items) / ours_time:>12.0f}"
                f"{reference_time / ours_time:>9.1f}x{differing:>11}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

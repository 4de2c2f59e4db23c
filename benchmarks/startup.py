"""Start-up: whole ``adhere`` processes, and ``adhere check`` against the lm-eval reference.

Times each command as a whole process (start-up, imports and work), best of
``--repeat`` runs, on the 541 published GPT-4 IFEval responses: ``adhere
--help``, ``python -c "import adhere"``, and ``adhere check`` next to a process
that scores the same responses strict and loose with lm-eval's IFEval checkers
(the reference evaluator). Prints each figure, the floors it stands on (the
interpreter, typer, NLTK's package import) and adhere's ratio to the reference.

    python benchmarks/startup.py [--repeat 3] [--data INPUT.jsonl --responses RESPONSES.jsonl]

Only the standard library is imported here: this file is also the reference's
worker process (``--reference``), whose start-up is part of what is timed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CONFORMANCE = Path(__file__).resolve().parent.parent.parent / "shared" / "conformance" / "ifeval"
TARGETS = {"adhere --help": 0.3, "adhere check": 1.0}


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: float
    note: str = ""


def adhere_command() -> list[str]:
    """The ``adhere`` script beside this interpreter, as a user runs it; else ``python -m adhere``."""
    script = Path(sys.executable).with_name("adhere")
    return [str(script)] if script.exists() else [sys.executable, "-m", "adhere"]


def best_of(command: list[str], repeat: int) -> float:
    """The fastest of ``repeat`` whole runs; a failing run stops the benchmark, showing why."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
        best = min(best, elapsed)
    return best


def reference_worker(data: Path, responses: Path) -> None:
    """Score every response strict and loose with lm-eval's checkers, as its evaluator does."""
    from adhere._reference import reference_loose, reference_strict

    answers = {}
    for line in responses.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            answers[row["prompt"].strip()] = row["response"]
    scored = strict = loose = 0
    for line in data.read_text().splitlines():
        row = json.loads(line) if line.strip() else None
        if row is None or row["prompt"].strip() not in answers:
            continue
        args = (row["instruction_id_list"], row["kwargs"], answers[row["prompt"].strip()], row["prompt"])
        scored += 1
        strict += all(reference_strict(*args))
        loose += all(reference_loose(*args))
    print(f"{scored} responses: prompt-level strict {strict / scored:.4f}, loose {loose / scored:.4f}")


def measure(data: Path, responses: Path, repeat: int) -> list[Timing]:
    python = sys.executable
    adhere = adhere_command()
    check = [*adhere, "check", "--data", str(data), "--responses", str(responses)]
    reference = [python, __file__, "--reference", "--data", str(data), "--responses", str(responses)]
    runs = [
        Timing("python -c pass", best_of([python, "-c", "pass"], repeat), "the interpreter alone"),
        Timing('python -c "import typer"', best_of([python, "-c", "import typer"], repeat), "CLI floor"),
        Timing('python -c "import nltk"', best_of([python, "-c", "import nltk"], repeat), "not paid"),
        Timing('python -c "import adhere"', best_of([python, "-c", "import adhere"], repeat)),
        Timing("adhere --help", best_of([*adhere, "--help"], repeat)),
        Timing("adhere check", best_of(check, repeat), "541 responses, strict + loose"),
    ]
    try:
        runs.append(Timing("lm-eval reference", best_of(reference, repeat), "the same, same data"))
    except RuntimeError as error:
        print(f"reference not timed (needs lm-eval[ifeval]): {error}", file=sys.stderr)
    return runs


def report(runs: list[Timing]) -> None:
    for run in runs:
        target = TARGETS.get(run.name)
        verdict = f"target <= {target} s: {'met' if run.seconds <= target else 'NOT met'}" if target else ""
        print(f"{run.name:28} {run.seconds:7.3f} s   {run.note or verdict}")
    by_name = {run.name: run.seconds for run in runs}
    if "lm-eval reference" in by_name:
        ratio = by_name["adhere check"] / by_name["lm-eval reference"]
        print(f"adhere check / reference: {ratio:.2f} (adhere {1 / ratio:.1f}x faster as a whole process)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=CONFORMANCE / "input_data.jsonl")
    parser.add_argument("--responses", type=Path, default=CONFORMANCE / "responses_gpt4.jsonl")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reference", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reference:
        reference_worker(args.data, args.responses)
        return 0
    missing = [path for path in (args.data, args.responses) if not path.exists()]
    if missing:
        print(f"skipped: {missing[0]} not found (the conformance data sits in ../shared beside the project)")
        return 0
    print(f"whole processes, best of {args.repeat}; {sys.executable}")
    try:
        runs = measure(args.data, args.responses, args.repeat)
    except RuntimeError as error:
        print(f"failed: {error}", file=sys.stderr)
        return 1
    report(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())

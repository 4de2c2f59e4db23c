"""Extraction accuracy: constraints read from prompt text against the gold lists.

For IFEval's and IFBench's input files, extracts constraints from each prompt
and compares (id, kwargs) with the gold instruction lists. Prints precision
and recall overall and per type, for the rule parser (the LLM decomposer,
"rules + LLM", is not built yet).

    python benchmarks/extract_accuracy.py [--limit N] [--brief] [--show-errors TYPE]

A found constraint is correct when its id and its normalized kwargs equal a
gold one (strings compared case- and whitespace-insensitively, lists as sets).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from adhere.constraints import build
from adhere.extract import extract_rules

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "conformance"


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().split())
    if isinstance(value, list | tuple):
        return tuple(sorted(_norm(v) for v in value))
    return value


Key = tuple[str, tuple[tuple[str, Any], ...]]


def key(constraint_id: str, kwargs: dict[str, Any]) -> Key:
    return constraint_id, tuple(sorted((k, _norm(v)) for k, v in kwargs.items()))


def gold_keys(row: dict[str, Any]) -> Counter[Key]:
    out: Counter[Key] = Counter()
    for cid, kwargs in zip(row["instruction_id_list"], row["kwargs"], strict=True):
        # prompt_to_repeat is read from the prompt, and compared like any string.
        out[key(cid, build(cid, kwargs).kwargs())] += 1
    return out


def compare(row: dict[str, Any], extract: Any) -> tuple[Counter[Key], Counter[Key]]:
    """(gold, found) keys of one prompt."""
    found = Counter(key(e.constraint.id, e.constraint.kwargs()) for e in extract(row["prompt"]).constraints)
    return gold_keys(row), found


def score(rows: Iterable[dict[str, Any]], extract: Any) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {"tp": Counter(), "fp": Counter(), "fn": Counter()}
    for row in rows:
        gold, found = compare(row, extract)
        for k in gold | found:
            hit = min(gold[k], found[k])
            counts["tp"][k[0]] += hit
            counts["fp"][k[0]] += found[k] - hit
            counts["fn"][k[0]] += gold[k] - hit
    return counts


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def report(name: str, counts: dict[str, Counter[str]], per_type: bool) -> None:
    tp, fp, fn = (sum(counts[k].values()) for k in ("tp", "fp", "fn"))
    print(
        f"{name}: precision {ratio(tp, tp + fp):.3f}  recall {ratio(tp, tp + fn):.3f}"
        f"  (tp {tp}, fp {fp}, fn {fn})"
    )
    if per_type:
        types = sorted(set(counts["tp"]) | set(counts["fp"]) | set(counts["fn"]))
        for t in types:
            a, b, c = counts["tp"][t], counts["fp"][t], counts["fn"][t]
            print(f"    {t:45s} P {ratio(a, a + b):.2f}  R {ratio(a, a + c):.2f}  (tp {a}, fp {b}, fn {c})")


def show_errors(rows: list[dict[str, Any]], extract: Any, wanted: str) -> None:
    for row in rows:
        gold, found = compare(row, extract)
        missing = [k for k in gold - found if k[0] == wanted]
        extra = [k for k in found - gold if k[0] == wanted]
        if missing or extra:
            print(f"--- {row['key']}: {row['prompt'][:400]!r}")
            for k in missing:
                print(f"    missed {k[1]}")
            for k in extra:
                print(f"    invented {k[1]}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, help="only the first N prompts of each file")
    parser.add_argument("--brief", action="store_true", help="overall figures only")
    parser.add_argument("--show-errors", metavar="TYPE", help="print the misses and inventions for one type")
    args = parser.parse_args()
    extractors = [("rules only", extract_rules)]
    for bench in ("ifeval", "ifbench"):
        path = args.shared / bench / "input_data.jsonl"
        if not path.exists():
            print(f"error: {path} not found (pass --shared)", file=sys.stderr)
            return 1
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()][: args.limit]
        print(
            f"== {bench}: {len(rows)} prompts, {sum(len(r['instruction_id_list']) for r in rows)} constraints"
        )
        for name, extract in extractors:
            if args.show_errors:
                show_errors(rows, extract, args.show_errors)
            report(name, score(rows, extract), per_type=not args.brief)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction accuracy: constraints read from prompt text against the gold lists.

For IFEval's and IFBench's input files, extracts constraints from each prompt
and compares (id, kwargs) with the gold instruction lists. Prints precision
and recall overall and per type, for the rule parser alone and, with
``--model``, for the rules followed by the LLM decomposer ("rules + LLM").
A third set, ``synth``, is generated prompts in the library's own phrasings
(``describe()`` and its variants): the rules must read adhere's own instructions,
as strategies and the proxy send them. Two more, ``natural-dev`` and
``natural-heldout``, are chat-style requests written by hand
(tests/data/natural_requests/); ``natural-heldout2`` and on were written
later, one after another, by someone who never read the rules nor the other sets.
The rules are tuned on the development set; each blind set says, once, how well they read
phrasings nobody tuned them on; once tuned on, it is development data (see that folder's
README).

    python benchmarks/extract_accuracy.py [--limit N] [--brief] [--show-errors TYPE] [--sets S ...]
    python benchmarks/extract_accuracy.py --speed   # seconds for 25, 100 and 400 KB prompts
        [--model embedded --llm-limit 50]
        [--model openai/gpt-4o-mini --base-url https://api.openai.com/v1 --llm-limit 50]

``--model`` takes any model spec ``adhere eval --model`` does; a hosted one reads
its endpoint from ``--base-url`` (else $OPENAI_BASE_URL) and its key from
``--api-key`` (else $OPENAI_API_KEY), as ``adhere eval --extract-model`` does.

The decomposer's answers are cached (``--cache``), so a rerun asks nothing again.

A found constraint is correct when its id and its normalized kwargs equal a
gold one (strings compared case- and whitespace-insensitively, lists as sets).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from adhere.benchmarks import synth_samples
from adhere.cache import CompletionCache
from adhere.constraints import build
from adhere.errors import AdhereError
from adhere.extract import Extraction, extract_llm, extract_rules
from adhere.models import get_model
from adhere.runner import ManagedModel

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "conformance"
NATURAL = ROOT / "tests" / "data" / "natural_requests"
SETS = (
    "ifeval", "ifbench", "synth", "natural-dev", "natural-heldout", "natural-heldout2", "natural-heldout3",
)  # fmt: skip
# Blind sets not yet tuned on: measured only when named, so that no default run (a test, a tuner's
# habit) reads them before their one measurement.
BLIND_SETS = ("natural-heldout6", "natural-heldout7")


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


def synth_rows(n: int) -> list[dict[str, Any]]:
    """Generated prompts in the library's own phrasings, as IFEval-format rows."""
    return [
        {
            "key": s.key,
            "prompt": s.prompt,
            "instruction_id_list": s.instruction_ids,
            "kwargs": [c.kwargs() for c in s.constraints],
        }
        for s in synth_samples(n, seed=1)
    ]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def bench_rows(bench: str, shared: Path, synth: int) -> list[dict[str, Any]] | None:
    """The rows of one set; None when its file is missing."""
    if bench == "synth":
        return synth_rows(synth)
    if bench.startswith("natural-"):
        path = NATURAL / f"{bench.removeprefix('natural-')}.jsonl"
    else:
        path = shared / bench / "input_data.jsonl"
    if not path.exists():
        print(
            f"error: {path} not found" + ("" if bench.startswith("natural-") else " (pass --shared)"),
            file=sys.stderr,
        )
        return None
    return read_jsonl(path)


def _long_prompts(shared: Path) -> dict[str, str]:
    """Long prompts: IFEval's requests one after another, and a digit-dense CSV dump (the
    worst case for count phrases, whose candidates are every number)."""
    requests = "\n\n".join(row["prompt"] for row in read_jsonl(shared / "ifeval" / "input_data.jsonl"))
    table = "\n".join(f'{i},"item {i}",{i * 37 % 1000},{i % 7} at least' for i in range(40_000))
    return {"requests": requests * 8, "csv": table}


def speed(shared: Path) -> None:
    """Extraction time on 25, 100 and 400 KB prompts; against one pass of a word regex over the
    same text (the least any reading of it costs), and per 100 KB (flat when time is linear).
    CPU time of this process, so other work on the machine does not count."""
    import re
    import time

    def best_of_3(fn: Any, text: str) -> float:
        times = []
        for i in range(3):
            variant = text + " " * i  # a new string each time, so nothing is reused from a cache
            start = time.process_time()
            fn(variant)
            times.append(time.process_time() - start)
        return min(times)

    for name, text in _long_prompts(shared).items():
        for kb in (25, 100, 400):
            prompt = text[: kb * 1024]
            took = best_of_3(extract_rules, prompt)
            floor = best_of_3(lambda p: sum(1 for _ in re.finditer(r"\w+", p)), prompt)
            print(
                f"{name:8s} {kb:4d} KB: {took:.3f} s  ({took / kb * 100:.3f} s per 100 KB,"
                f" {took / floor:.0f}x one word scan)"
            )


def llm_extractor(spec: str, cache: Path, base_url: str | None = None, api_key: str | None = None) -> Any:
    """Rules + the decomposer on ``spec``, synchronously, one prompt at a time."""
    opened = get_model(spec, base_url=base_url, api_key=api_key)
    model = ManagedModel(opened, concurrency=1, cache=CompletionCache(cache))
    loop = asyncio.new_event_loop()
    done: dict[str, Extraction] = {}

    def extract(prompt: str) -> Extraction:
        if prompt not in done:
            done[prompt] = loop.run_until_complete(extract_llm(prompt, model))
        return done[prompt]

    return extract


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, help="only the first N prompts of each file")
    parser.add_argument("--brief", action="store_true", help="overall figures only")
    parser.add_argument("--show-errors", metavar="TYPE", help="print the misses and inventions for one type")
    parser.add_argument("--synth", type=int, default=300, help="generated prompts to measure too (0: none)")
    parser.add_argument(
        "--sets",
        nargs="+",
        choices=SETS + BLIND_SETS,
        default=list(SETS),
        help=f"the sets to measure (default: all but the blind ones, {', '.join(BLIND_SETS)})",
    )
    parser.add_argument("--speed", action="store_true", help="time the rules on 25, 100 and 400 KB prompts")
    parser.add_argument("--model", help="also measure rules + the LLM decomposer on this model (any spec)")
    parser.add_argument("--base-url", help="--model's endpoint (default: the provider's own)")
    parser.add_argument("--api-key", help="--model's key (default: $OPENAI_API_KEY)")
    parser.add_argument("--llm-limit", type=int, help="only the first N prompts for rules + LLM")
    parser.add_argument("--cache", type=Path, default=Path("runs/extract_accuracy/cache.sqlite"))
    args = parser.parse_args()
    if args.speed:
        speed(args.shared)
        return 0
    extractors = [("rules only", extract_rules, args.limit)]
    try:
        if args.model:
            extractors.append(
                (
                    f"rules + LLM ({args.model})",
                    llm_extractor(args.model, args.cache, args.base_url, args.api_key),
                    args.llm_limit,
                )
            )
        return measure(args, extractors)
    except AdhereError as error:  # a model that cannot be opened or reached: one line, not a traceback
        print(f"error: --model {args.model}: {error}", file=sys.stderr)
        return 1


def measure(args: argparse.Namespace, extractors: list[tuple[str, Any, int | None]]) -> int:
    """Each set's figures for each extractor."""
    for bench in args.sets:
        found = bench_rows(bench, args.shared, args.synth)
        if found is None:
            return 1
        rows = found[: args.limit]
        if not rows:
            continue
        print(
            f"== {bench}: {len(rows)} prompts, {sum(len(r['instruction_id_list']) for r in rows)} constraints"
        )
        for name, extract, limit in extractors:
            subset = rows[:limit]
            if args.show_errors:
                show_errors(subset, extract, args.show_errors)
            if len(subset) < len(rows):  # the rules on the same prompts, for comparison
                report(
                    f"rules only, first {len(subset)} prompts", score(subset, extract_rules), per_type=False
                )
                name = f"{name}, first {len(subset)} prompts"
            report(name, score(subset, extract), per_type=not args.brief)
    return 0


if __name__ == "__main__":
    sys.exit(main())

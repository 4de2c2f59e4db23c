"""Checker scaling: every constraint's ``check`` on 64 KB, 256 KB and 1 MB of adversarial text.

For each registered constraint type (kwargs from the first conformance prompt
that uses it), times ``check`` on inputs of several shapes (open brackets,
newlines, punctuation, repetition, emoji, CSV- and JSON-looking text, and
ordinary prose: GPT-4's IFEval answers repeated) and prints, per type, the
slowest shape with its times and the growth ratio t(1 MB) / t(256 KB), the
time growth when the input grows 4x. Linear is 4; the target is every
checker <= 1 s on 1 MB and growth <= 5.

Growth ratios of short times are noise: at 1 MB a checker's lists of
hundreds of thousands of words or matches outgrow the CPU caches, which
alone moves a linear checker's ratio between 4 and 6 from run to run. So a
type is flagged when its 1 MB time is over 1 s, or its growth is over 5
with a 1 MB time over 0.2 s (a quadratic checker shows 16). Text memos
are cleared before every timed call, so nothing is reused. A shape whose
time passes --cap / 4 at one size is not run at the next (a quadratic
checker would take 16x as long); the table shows it as skipped.

Also times ``adhere.extract.extract_rules`` on a 100 KB prompt (measured here,
not a target of this script).

    python benchmarks/checker_scaling.py [--types SUBSTRING] [--shapes a,b] [--repeat N] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import sys
import time
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adhere.constraints import Constraint, _text, build, constraint_ids, constraint_type
from adhere.errors import AdhereError

CONFORMANCE = Path(__file__).resolve().parent.parent.parent / "shared" / "conformance"
KB = 1024
SIZES = (64 * KB, 256 * KB, 1024 * KB)
TARGET_SECONDS = 1.0
TARGET_GROWTH = 5.0
NOISE_FLOOR_SECONDS = 0.2


def _prose() -> str:
    path = CONFORMANCE / "ifeval" / "responses_gpt4.jsonl"
    if not path.exists():
        return "The sea was calm. Mr. Smith, e.g. a sailor, said: 'Salt!' *Bold* text.\n\n* a point\n"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "\n\n".join(row["response"] for row in rows)


def _unit(text: str) -> Callable[[int], str]:
    """A shape made by repeating ``text`` up to the size."""

    def make(size: int) -> str:
        return (text * (size // len(text) + 1))[:size]

    return make


def _prefixed(prefix: str, unit: str) -> Callable[[int], str]:
    """A fixed opening that gets a check past its first test, then ``unit`` repeated."""

    def make(size: int) -> str:
        return prefix + _unit(unit)(size - len(prefix))

    return make


def _mixed(size: int) -> str:
    rng = random.Random(size)
    return "".join(rng.choices("[]{}()<>*\"'\n\r\t .,!?;:-#_0aA🙂é\x00", k=size))


_PRODUCT_CSV = "ProductID,Category,Brand,Price,Stock\n" + "1,Toys,Acme,2.5,3\n" * 13 + '1,2,3,4,"'

SHAPES: dict[str, Callable[[int], str]] = {
    "prose": lambda size: _unit(_prose())(size),
    "open-brackets": _unit("["),
    "brackets": _unit("[a] {[(<x"),
    "newlines": _unit("\n"),
    "blank-lines": _unit(" \n\t\n"),
    "indented-lines": _unit("  * x\n"),
    "punctuation": _unit(".,!?;:*#-\"'()"),
    "asterisks": _unit("*"),
    "quotes": _unit('"'),
    "one-word": _unit("a"),
    "same-word": _unit("word "),
    "same-sentence": _unit("The sea is blue, Mr. Smith. "),
    "emoji": _unit("🙂👍🏽‍"),
    "csv": _unit('x,"y\r\n1,2\r3,""4'),
    "json": _unit('{"a": [1, {"b": "'),
    "sections": _unit("SECTION 1\nPart 2 P.S. <<t>> ## H\n---\n"),
    "angles": _unit("<"),
    "mixed": _mixed,
    "question-newlines": _prefixed("Question 1", "\n"),
    "csv-open-quote": _prefixed(_PRODUCT_CSV, "!"),
}


def _default_value(annotation: Any, name: str) -> Any:
    """A value of the field's type; strings are the field's own name, so two fields differ."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or isinstance(annotation, type(int | None)):
        return _default_value(next(a for a in typing.get_args(annotation) if a is not type(None)), name)
    if origin is typing.Literal:
        return typing.get_args(annotation)[0]
    if origin is tuple:
        return [name]
    return {int: 2, float: 0.5, str: name}[annotation]


def _kwargs_by_id() -> dict[str, dict[str, Any]]:
    """The first kwargs each id has in the conformance inputs."""
    found: dict[str, dict[str, Any]] = {}
    for family in ("ifeval", "ifbench"):
        path = CONFORMANCE / family / "input_data.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            for instruction_id, kwargs in zip(row["instruction_id_list"], row["kwargs"], strict=True):
                found.setdefault(instruction_id, kwargs)
    return found


def constraints() -> list[Constraint]:
    """One constraint per registered id; ids the conformance data lacks get a default per field."""
    known = _kwargs_by_id()
    built = []
    for instruction_id in constraint_ids():
        if instruction_id in known:
            built.append(build(instruction_id, known[instruction_id]))
            continue
        cls = constraint_type(instruction_id)
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        try:
            built.append(
                build(instruction_id, {f.name: _default_value(hints[f.name], f.name) for f in fields})
            )
        except AdhereError as error:  # said, not hidden: the type goes untimed
            print(
                f"not timed: {instruction_id} cannot be built from default arguments ({error})",
                file=sys.stderr,
            )
    return built


class CheckRaised(Exception):
    """A checker raised: a defect in itself, reported instead of a time."""


def _text_memos() -> list[Any]:
    """Every bounded memo in the constraint modules: memos of text, not of loaded resources.

    Unbounded caches and single-entry ones hold tokenizers, parameters and
    language profiles, which a long-running process loads once.
    """
    memos = list(_text.MEMOS)
    for name, module in list(sys.modules.items()):
        if not name.startswith("adhere.constraints"):
            continue
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] not in (None, 1) and value not in memos:
                memos.append(value)
    return memos


def timed_check(constraint: Constraint, text: str, memos: list[Any], repeat: int) -> float:
    """The best of ``repeat`` cold runs: other work on a shared machine only ever adds time."""
    best = math.inf
    for _ in range(repeat):
        for memo in memos:
            memo.cache_clear()
        start = time.perf_counter()
        try:
            constraint.check(text)
        except Exception as error:
            raise CheckRaised(f"{type(error).__name__}: {error}") from error
        best = min(best, time.perf_counter() - start)
    return best


@dataclasses.dataclass
class Row:
    """One constraint type: its slowest shape and that shape's times per size (None: skipped)."""

    id: str
    shape: str
    seconds: list[float | None]
    by_shape: dict[str, list[float | None]]
    errors: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def growth(self) -> float:
        small, large = self.seconds[-2], self.seconds[-1]
        if small is None or large is None:
            return math.inf
        return large / max(small, 1e-6)

    @property
    def on_target(self) -> bool:
        large = self.seconds[-1]
        if large is None or self.errors:
            return False
        if large > TARGET_SECONDS:
            return False
        return not (self.growth > TARGET_GROWTH and large > NOISE_FLOOR_SECONDS)


def measure(
    constraint: Constraint, inputs: dict[str, list[str]], cap: float, memos: list[Any], repeat: int
) -> Row:
    by_shape: dict[str, list[float | None]] = {}
    errors: dict[str, str] = {}
    for shape, texts in inputs.items():
        times: list[float | None] = []
        for text in texts:
            if times and (times[-1] is None or times[-1] > cap / 4):
                times.append(None)
                continue
            try:
                times.append(timed_check(constraint, text, memos, repeat))
            except CheckRaised as error:
                errors.setdefault(shape, str(error)[:120])
                times.append(None)
        by_shape[shape] = times
    # The slowest shape: skipped sizes count as slower than any measured time.
    worst = max(by_shape, key=lambda s: [math.inf if t is None else t for t in by_shape[s]][::-1])
    return Row(constraint.id, worst, by_shape[worst], by_shape, errors)


def _fmt(seconds: float | None) -> str:
    return "skipped" if seconds is None else f"{seconds:.3f}"


def time_extraction() -> tuple[int, float]:
    from adhere.extract import extract_rules

    prose = _prose()
    path = CONFORMANCE / "ifeval" / "input_data.jsonl"
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        prose = "\n\n".join(json.loads(line)["prompt"] for line in lines)
    prompt = _unit(prose)(100 * KB)
    start = time.perf_counter()
    extract_rules(prompt)
    return len(prompt), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--types", default="", help="Only ids containing this substring.")
    parser.add_argument("--shapes", default="", help="Comma-separated shape names (default: all).")
    parser.add_argument("--cap", type=float, default=10.0, help="Seconds; see the module docstring.")
    parser.add_argument("--repeat", type=int, default=1, help="Best of N cold runs per measurement.")
    parser.add_argument("--json", type=Path, help="Write every measured time here.")
    parser.add_argument("--no-extract", action="store_true", help="Skip timing extract_rules.")
    args = parser.parse_args()

    names = args.shapes.split(",") if args.shapes else list(SHAPES)
    inputs = {name: [SHAPES[name](size) for size in SIZES] for name in names}
    selected = [c for c in constraints() if args.types in c.id]
    for constraint in selected:  # warm up: Punkt parameters, language profiles, lexicons
        constraint.check("Warm up. The sea is blue, isn't it?\n\n* one\n* two")
    memos = _text_memos()

    print(f"{'type':<52} {'slowest shape':<15} {'64 KB':>8} {'256 KB':>8} {'1 MB':>8} {'growth':>7}")
    rows = []
    for constraint in selected:
        row = measure(constraint, inputs, args.cap, memos, args.repeat)
        rows.append(row)
        mark = "" if row.on_target else "  <- outside target"
        cells = " ".join(f"{_fmt(t):>8}" for t in row.seconds)
        print(f"{row.id:<52} {row.shape:<15} {cells} {row.growth:>6.1f}x{mark}", flush=True)

    outside = [row for row in rows if not row.on_target]
    print(
        f"\n{len(rows) - len(outside)} of {len(rows)} types on target (<= {TARGET_SECONDS:g} s on 1 MB, "
        f"growth <= {TARGET_GROWTH:g}x for 4x input, growth ignored under {NOISE_FLOOR_SECONDS:g} s)"
    )
    for row in outside:
        print(f"  outside: {row.id} ({row.shape}: {_fmt(row.seconds[-1])} s, {row.growth:.1f}x)")
        for shape, error in row.errors.items():
            print(f"    raised on {shape}: {error}")
    if not args.no_extract:
        size, seconds = time_extraction()
        print(f"\nextract_rules on a {size // KB} KB prompt: {seconds:.3f} s")
    if args.json:
        args.json.write_text(json.dumps({row.id: row.by_shape for row in rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

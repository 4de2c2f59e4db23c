"""``--bench`` values to samples: ``synth``, ``ifeval`` (Hugging Face), or a local file."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from adhere.benchmarks._ifeval import load_ifeval, sample_from_row
from adhere.errors import AdhereError, InputError
from adhere.samples import Sample

__all__ = ["GENERATED", "HUB_BENCHES", "load_bench"]

# --bench name -> (Hugging Face dataset, config, split)
HUB_BENCHES = {
    "ifeval": ("google/IFEval", None, "train"),
    "ifbench": ("allenai/IFBench_test", None, "train"),
    "ifbench-multiturn": ("allenai/IFBench_multi-turn", "ifbench_constraints", "test"),
}


def _from_hub(bench: str, limit: int | None) -> list[Sample]:
    dataset, config, split = HUB_BENCHES[bench]
    try:
        import datasets
    except ImportError:
        raise AdhereError(
            f"--bench {bench} loads {dataset} from Hugging Face, which needs the datasets package "
            f"(pip install 'adhere[datasets]'); or pass a local file: --bench {bench}:PATH.jsonl"
        ) from None
    try:
        rows = datasets.load_dataset(dataset, config, split=split)
    except Exception as error:  # the hub raises many kinds; all mean "not available"
        raise AdhereError(
            f"could not load {dataset} from Hugging Face ({type(error).__name__}: {error}); "
            f"pass a local file instead: --bench {bench}:PATH.jsonl"
        ) from None
    samples = []
    for number, row in enumerate(rows, start=1):
        try:
            samples.append(sample_from_row(row))
        except AdhereError as problem:
            raise InputError(dataset, number, str(problem)) from None
        if limit is not None and len(samples) >= limit:
            break
    return samples


#: Generated benchmarks: --bench NAME or NAME:OPTION -> "module:function". The function is
#: ``(limit: int | None, seed: int, option: str) -> list[Sample]`` and is imported only when used;
#: a suite adds itself here with one line.
GENERATED: dict[str, str] = {
    "synth": "adhere.benchmarks._synth:generate",
    "accumulate": "adhere.suites._accumulate:generate",
    "rules": "adhere.suites._rules_cases:generate",
    "tlg": "adhere.suites._tlg:generate",
    "injection": "adhere.suites._injection:generate",
    "verbalizer": "adhere.suites._verbalizer:generate",
}


def _generated(name: str, option: str, limit: int | None, seed: int) -> list[Sample]:
    module, _, function = GENERATED[name].partition(":")
    generate: Callable[[int | None, int, str], list[Sample]] = getattr(
        importlib.import_module(module), function
    )
    return generate(limit, seed, option)


def load_bench(bench: str, *, limit: int | None = None, seed: int = 0) -> list[Sample]:
    """A generated benchmark (``synth``, or ``NAME[:OPTION]`` from GENERATED); ``ifeval``,
    ``ifbench`` or ``ifbench-multiturn`` (from the hub); the same names with ``:PATH`` for a
    local copy, or a PATH to a file in IFEval format (IFBench uses the same format;
    multi-turn rows carry ``messages``; conversations carry ``turns``)."""
    name, _, path = bench.partition(":")
    if name in GENERATED and not Path(bench).exists():
        return _generated(name, path, limit, seed)
    if bench in HUB_BENCHES:
        return _from_hub(bench, limit)
    if name in HUB_BENCHES and path:
        bench = path
    if not Path(bench).exists():
        known = ", ".join([*GENERATED, *HUB_BENCHES])
        raise AdhereError(f"--bench {bench!r}: no such file, and not one of {known} (or NAME:PATH)")
    samples = load_ifeval(bench)
    return samples[:limit] if limit is not None else samples

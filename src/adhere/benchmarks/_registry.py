"""``--bench`` values to samples: ``synth``, ``ifeval`` (Hugging Face), or a local file."""

from __future__ import annotations

from pathlib import Path

from adhere.benchmarks._ifeval import load_ifeval, sample_from_row
from adhere.benchmarks._synth import synth_samples
from adhere.errors import AdhereError, InputError
from adhere.samples import Sample

__all__ = ["load_bench"]

_IFEVAL_HUB = "google/IFEval"


def _ifeval_from_hub(limit: int | None) -> list[Sample]:
    try:
        import datasets
    except ImportError:
        raise AdhereError(
            "--bench ifeval loads google/IFEval from Hugging Face, which needs the datasets package "
            "(pip install 'adhere[datasets]'); or pass a local IFEval-format file: --bench PATH.jsonl"
        ) from None
    try:
        rows = datasets.load_dataset(_IFEVAL_HUB, split="train")
    except Exception as error:  # the hub raises many kinds; all mean "not available"
        raise AdhereError(
            f"could not load {_IFEVAL_HUB} from Hugging Face ({type(error).__name__}: {error}); "
            "pass a local IFEval-format file instead: --bench PATH.jsonl"
        ) from None
    samples = []
    for number, row in enumerate(rows, start=1):
        try:
            samples.append(sample_from_row(row))
        except AdhereError as problem:
            raise InputError(_IFEVAL_HUB, number, str(problem)) from None
        if limit is not None and len(samples) >= limit:
            break
    return samples


def load_bench(bench: str, *, limit: int | None = None, seed: int = 0) -> list[Sample]:
    """``synth``; ``ifeval`` (from the hub); ``ifeval:PATH``, ``ifbench:PATH`` or a PATH
    to a file in IFEval format (IFBench uses the same format)."""
    name, _, path = bench.partition(":")
    if bench == "synth":
        return synth_samples(limit if limit is not None else 50, seed)
    if bench == "ifeval":
        return _ifeval_from_hub(limit)
    if bench == "ifbench":
        raise AdhereError(
            "IFBench is not bundled; pass its file: --bench ifbench:PATH.jsonl (or --bench PATH.jsonl)"
        )
    if name in ("ifeval", "ifbench") and path:
        bench = path
    if not Path(bench).exists():
        raise AdhereError(f"--bench {bench!r}: no such file, and not one of synth, ifeval, ifbench:PATH")
    samples = load_ifeval(bench)
    return samples[:limit] if limit is not None else samples

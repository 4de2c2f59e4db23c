"""Benchmarks: files of prompts or conversations with their constraints, generated prompt sets,
and transforms of samples (IFBench's two-turn isolation)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from adhere.benchmarks._ifeval import load_ifeval, sample_from_row
from adhere.benchmarks._registry import load_bench
from adhere.benchmarks._synth import synth_samples

if TYPE_CHECKING:
    from adhere.benchmarks._multiturn import isolate, split_task

__all__ = ["isolate", "load_bench", "load_ifeval", "sample_from_row", "split_task", "synth_samples"]


def __getattr__(name: str) -> Any:
    # The two-turn transform splits prompts with the extraction rules, whose import compiles
    # hundreds of patterns: loaded on first use, so loading or checking a file never pays for it.
    if name in ("isolate", "split_task"):
        from adhere.benchmarks import _multiturn

        return getattr(_multiturn, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

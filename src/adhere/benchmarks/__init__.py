"""Benchmarks: files of prompts or conversations with their constraints, generated prompt sets,
and transforms of samples (IFBench's two-turn isolation)."""

from adhere.benchmarks._ifeval import load_ifeval, sample_from_row
from adhere.benchmarks._multiturn import isolate, split_task
from adhere.benchmarks._registry import load_bench
from adhere.benchmarks._synth import synth_samples

__all__ = ["isolate", "load_bench", "load_ifeval", "sample_from_row", "split_task", "synth_samples"]

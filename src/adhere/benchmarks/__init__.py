"""Benchmarks: files of prompts with their constraints, and generated prompt sets."""

from adhere.benchmarks._ifeval import load_ifeval, sample_from_row
from adhere.benchmarks._registry import load_bench
from adhere.benchmarks._synth import synth_samples

__all__ = ["load_bench", "load_ifeval", "sample_from_row", "synth_samples"]

"""Benchmark loaders: files of prompts with their constraints, read into samples."""

from adhere.benchmarks._ifeval import load_ifeval, sample_from_row

__all__ = ["load_ifeval", "sample_from_row"]

"""The robustness suites' items are a function of the seed alone: ``adhere bench-dump`` in two
processes (with different string-hash seeds, so no set or dict order can leak in) writes the same
file byte for byte, and another seed writes a different one."""

from __future__ import annotations

import pytest

from tests.conftest import run_adhere


def _dump(bench: str, seed: int, hash_seed: str, out) -> bytes:
    result = run_adhere(
        "bench-dump", bench, "--limit", "72", "--seed", str(seed), "--out", str(out),
        env={"PYTHONHASHSEED": hash_seed},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data: bytes = out.read_bytes()
    return data


@pytest.mark.parametrize("bench", ["tlg", "injection", "verbalizer"])
def test_the_same_seed_writes_the_same_file_in_another_process(bench, tmp_path):
    first = _dump(bench, 5, "1", tmp_path / "a.jsonl")
    assert first.count(b"\n") == 72
    assert _dump(bench, 5, "2", tmp_path / "b.jsonl") == first
    assert _dump(bench, 6, "1", tmp_path / "c.jsonl") != first

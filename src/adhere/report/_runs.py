"""A run directory as reports see it: its records, scored again from the run log, and its results.

Reports read run records and nothing else. The verdicts in ``samples.jsonl``
are a derived summary that the reader ignores, so each run is re-scored from
its records (deterministic, no model), exactly as ``adhere score`` would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adhere.errors import InputError
from adhere.results import RunResults, score_records
from adhere.runlog import SAMPLES_FILE, SampleRecord, read_results, read_samples

__all__ = ["LoadedRun", "load_run", "load_runs"]


@dataclass(frozen=True)
class LoadedRun:
    """One run: where it is, how it was made, its scored records and results."""

    path: Path
    label: str
    model: str
    strategy: str
    benchmark: str
    records: tuple[SampleRecord, ...]
    results: RunResults

    @property
    def answered(self) -> list[SampleRecord]:
        return [r for r in self.records if r.error is None]

    @property
    def tokens_per_sample(self) -> float:
        done = self.answered
        return sum(r.input_tokens + r.output_tokens for r in done) / len(done) if done else 0.0

    @property
    def calls_per_sample(self) -> float:
        done = self.answered
        return sum(len(r.calls) for r in done) / len(done) if done else 0.0


def _benchmark(settings: dict[str, Any]) -> str:
    bench = str(settings.get("bench") or "unknown")
    return f"{bench} (two-turn isolation)" if settings.get("multiturn") else bench


def load_run(path: str | Path, label: str | None = None) -> LoadedRun:
    """Read and score one run directory; a directory without a run log is an error naming it."""
    run_dir = Path(path)
    if not (run_dir / SAMPLES_FILE).is_file():
        raise InputError(
            run_dir, None, f"not a run directory (no {SAMPLES_FILE}; write one with adhere eval)"
        )
    stored = read_results(run_dir)
    records = read_samples(run_dir)
    if not records:
        raise InputError(run_dir / SAMPLES_FILE, None, "holds no samples")
    kept = ("model", "settings", "complete", "wall_time_s")
    run: dict[str, Any] = {k: stored[k] for k in kept if k in stored}
    scored, results = score_records(records, run)
    settings = dict(stored.get("settings") or {})
    strategy = next((r.strategy for r in scored if r.strategy), None) or settings.get("strategy") or "plain"
    return LoadedRun(
        path=run_dir,
        label=label or run_dir.name or str(run_dir),
        model=str(stored.get("model") or "unknown"),
        strategy=str(strategy),
        benchmark=_benchmark(settings),
        records=tuple(scored),
        results=results,
    )


def _labels(paths: Sequence[Path]) -> list[str]:
    """Each run's folder name, or more of its path where two runs share a name."""
    names = [p.name or str(p) for p in paths]
    if len(set(names)) == len(names):
        return names
    return [str(p) for p in paths]


def load_runs(paths: Sequence[str | Path]) -> list[LoadedRun]:
    resolved = [Path(p) for p in paths]
    return [load_run(p, label) for p, label in zip(resolved, _labels(resolved), strict=True)]

"""Is run B really better than run A? Samples paired by id and draw, differences with intervals.

Prompt level: both accuracies, the difference with a paired bootstrap 95%
interval (prompts resampled with all their draws) and McNemar's exact test on
the discordant pairs. Instruction level: the same difference and interval (no
McNemar: instructions of one reply are not independent). Then each constraint
type's delta and the samples that flipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from adhere.errors import AdhereError
from adhere.report._runs import LoadedRun
from adhere.report._stats import PairedCluster, mcnemar_exact, paired_bootstrap
from adhere.runlog import SampleRecord, Scored

__all__ = ["Comparison", "MetricDelta", "TypeDelta", "compare_runs"]

METRICS = ("prompt_strict", "prompt_loose", "instruction_strict", "instruction_loose")
#: Fewer shared samples than this and an interval says little; ``--min-shared`` changes it.
MIN_SHARED = 10


@dataclass(frozen=True)
class MetricDelta:
    name: str
    a: float
    b: float
    delta: float
    low: float
    high: float
    #: McNemar's exact p-value (prompt level only).
    p_value: float | None = None


@dataclass(frozen=True)
class TypeDelta:
    id: str
    count: int
    a: float
    b: float

    @property
    def delta(self) -> float:
        return self.b - self.a


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    benchmark: str
    paired: int
    #: Samples only one run has, and pairs left out because either run had an error there.
    only_in_a: int
    only_in_b: int
    errors_left_out: int
    metrics: tuple[MetricDelta, ...]
    by_type: tuple[TypeDelta, ...]
    #: Sample ids (``key`` or ``key#draw``) that passed prompt-level strict in A and failed in B.
    pass_to_fail: tuple[str, ...]
    fail_to_pass: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["metrics"] = {m.name: {k: v for k, v in asdict(m).items() if k != "name"} for m in self.metrics}
        out["by_type"] = [asdict(t) | {"delta": t.delta} for t in self.by_type]
        return out


class CompareError(AdhereError):
    """Two runs that cannot be paired."""


def _sample_id(record: SampleRecord) -> str:
    return str(record.key) if record.draw == 0 else f"{record.key}#{record.draw}"


def _index(run: LoadedRun) -> dict[tuple[str, int], SampleRecord]:
    return {(str(r.key), r.draw): r for r in run.records}


def _check_same_samples(
    a: LoadedRun, b: LoadedRun, pairs: Sequence[tuple[SampleRecord, SampleRecord]]
) -> None:
    for left, right in pairs:
        if [t.user for t in left.turns] != [t.user for t in right.turns]:
            raise CompareError(
                f"sample {left.key!r} asks different prompts in {a.path} and {b.path}: "
                "the runs are not of the same benchmark"
            )
        if left.instruction_ids != right.instruction_ids:
            raise CompareError(
                f"sample {left.key!r} carries different constraints in {a.path} and {b.path}: "
                "the runs are not of the same benchmark"
            )


def _pairs(a: LoadedRun, b: LoadedRun, min_shared: int) -> list[tuple[SampleRecord, SampleRecord]]:
    if "unknown" not in (a.benchmark, b.benchmark) and a.benchmark != b.benchmark:
        raise CompareError(
            f"{a.path} ran benchmark {a.benchmark!r} and {b.path} ran {b.benchmark!r}: "
            "only runs of the same benchmark can be compared"
        )
    left, right = _index(a), _index(b)
    shared = [key for key in left if key in right]
    if len(shared) < min_shared:
        raise CompareError(
            f"{a.path} ({len(left)} samples) and {b.path} ({len(right)}) share {len(shared)} samples "
            f"by id and draw; comparing needs at least {min_shared} (--min-shared)"
        )
    pairs = [(left[key], right[key]) for key in shared]
    _check_same_samples(a, b, pairs)
    return pairs


def _verdicts(pair: tuple[SampleRecord, SampleRecord]) -> tuple[Scored, Scored] | None:
    left, right = pair[0].flat_verdicts(), pair[1].flat_verdicts()
    return (left, right) if left is not None and right is not None else None


def _clusters(scored: Sequence[tuple[str, Scored, Scored]]) -> list[PairedCluster]:
    """Per prompt key: B − A passes and the counts, for the four metrics (draws stay together)."""
    sums: dict[str, list[float]] = {}
    for key, left, right in scored:
        row = sums.setdefault(key, [0.0] * 8)
        for m, (x, y) in enumerate(((left.strict, right.strict), (left.loose, right.loose))):
            row[m] += all(y) - all(x)  # prompt level
            row[4 + m] += 1
            row[2 + m] += sum(y) - sum(x)  # instruction level
            row[6 + m] += len(x)
    return [PairedCluster(tuple(r[:4]), tuple(r[4:])) for r in sums.values()]


def _pick(scored: Scored, loose: bool) -> tuple[bool, ...]:
    return scored.loose if loose else scored.strict


def _metric_deltas(
    scored: Sequence[tuple[str, Scored, Scored]], replicates: int, seed: int
) -> tuple[MetricDelta, ...]:
    intervals = paired_bootstrap(_clusters(scored), replicates, seed)
    out = []
    for m, name in enumerate(METRICS):
        loose = m % 2 == 1
        if m < 2:
            passes_a = [all(_pick(x, loose)) for _, x, _ in scored]
            passes_b = [all(_pick(y, loose)) for _, _, y in scored]
            only_a = sum(p and not q for p, q in zip(passes_a, passes_b, strict=True))
            only_b = sum(q and not p for p, q in zip(passes_a, passes_b, strict=True))
            value_a, value_b = sum(passes_a) / len(scored), sum(passes_b) / len(scored)
            p_value: float | None = mcnemar_exact(only_a, only_b)
        else:
            total = sum(len(x.strict) for _, x, _ in scored) or 1
            value_a = sum(sum(_pick(x, loose)) for _, x, _ in scored) / total
            value_b = sum(sum(_pick(y, loose)) for _, _, y in scored) / total
            p_value = None
        low, high = intervals[m]
        out.append(MetricDelta(name, value_a, value_b, value_b - value_a, low, high, p_value))
    return tuple(out)


def _type_deltas(pairs: Sequence[tuple[SampleRecord, Scored, Scored]]) -> tuple[TypeDelta, ...]:
    counts: dict[str, list[int]] = {}
    for record, left, right in pairs:
        for instruction_id, x, y in zip(record.instruction_ids, left.strict, right.strict, strict=True):
            row = counts.setdefault(instruction_id, [0, 0, 0])
            row[0] += 1
            row[1] += x
            row[2] += y
    rows = [TypeDelta(i, n, pa / n, pb / n) for i, (n, pa, pb) in counts.items()]
    return tuple(sorted(rows, key=lambda t: (t.delta, t.id)))


def compare_runs(
    a: LoadedRun, b: LoadedRun, min_shared: int = MIN_SHARED, replicates: int = 2000, seed: int = 0
) -> Comparison:
    """Pair two runs' samples and compare them; refuses runs of different benchmarks or too few shared."""
    pairs = _pairs(a, b, min_shared)
    scored = [(left, *v) for left, right in pairs if (v := _verdicts((left, right))) is not None]
    if len(scored) < min_shared:
        raise CompareError(
            f"only {len(scored)} shared samples were answered in both {a.path} and {b.path}; "
            f"comparing needs at least {min_shared} (--min-shared)"
        )
    keyed = [(str(record.key), left, right) for record, left, right in scored]
    flips = [(_sample_id(r), all(x.strict), all(y.strict)) for r, x, y in scored]
    return Comparison(
        a=a.label,
        b=b.label,
        benchmark=a.benchmark if a.benchmark != "unknown" else b.benchmark,
        paired=len(scored),
        only_in_a=len(a.records) - len(pairs),
        only_in_b=len(b.records) - len(pairs),
        errors_left_out=len(pairs) - len(scored),
        metrics=_metric_deltas(keyed, replicates, seed),
        by_type=_type_deltas(scored),
        pass_to_fail=tuple(i for i, x, y in flips if x and not y),
        fail_to_pass=tuple(i for i, x, y in flips if y and not x),
    )

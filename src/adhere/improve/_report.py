"""An iteration's figures: stage wall times, pairs, scores before and after with their intervals,
and the paired comparisons; written to ``OUT/improve.json`` and printed as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from adhere._files import write_json
from adhere.improve._settings import ImproveSettings
from adhere.improve._stages import STAGES, StageOutcome

__all__ = ["REPORT_FILE", "ArmScore", "ImproveReport", "PairedDelta", "build_report"]

REPORT_FILE = "improve.json"


@dataclass(frozen=True)
class ArmScore:
    bench: str
    arm: str  # base, control or trained
    model: str
    n: int
    prompt_strict: float
    ci95: tuple[float, float]


@dataclass(frozen=True)
class PairedDelta:
    bench: str
    before: str
    after: str
    paired: int
    before_score: float
    after_score: float
    delta: float
    delta_ci95: tuple[float, float]  # paired bootstrap over prompts
    mcnemar_p: float  # exact, two-sided
    fail_to_pass: int
    pass_to_fail: int


@dataclass(frozen=True)
class ImproveReport:
    out: Path
    stages: tuple[StageOutcome, ...]
    scores: tuple[ArmScore, ...]
    comparisons: tuple[PairedDelta, ...]

    @property
    def complete(self) -> bool:
        return len(self.stages) == len(STAGES)

    def figure(self, stage: str, name: str) -> Any:
        found = next((s for s in self.stages if s.name == stage), None)
        return None if found is None else found.figures.get(name)

    def as_dict(self, settings: ImproveSettings) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "settings": _settings_dict(settings),
            "stages": [asdict(s) | {"figures": dict(s.figures)} for s in self.stages],
            "pairs": self.figure("pairs", "pairs"),
            "scores": [asdict(s) for s in self.scores],
            "comparisons": [asdict(c) for c in self.comparisons],
        }

    def render(self) -> str:
        return "\n".join([*_stage_lines(self), *_score_lines(self.scores), *_delta_lines(self.comparisons)])


def _settings_dict(settings: ImproveSettings) -> dict[str, Any]:
    out = asdict(settings)
    for name in ("out", "eval_bench", "cache_path"):
        out[name] = None if out[name] is None else str(out[name])
    out["tree"] = dict(settings.tree)
    return out


def _stage_lines(report: ImproveReport) -> list[str]:
    lines = ["stage        wall s"]
    for stage in report.stages:
        note = " (done before; skipped now)" if stage.skipped else ""
        lines.append(f"{stage.name:<10} {stage.wall_s:8.1f}{note}")
    pairs = report.figure("pairs", "pairs")
    if pairs is not None:
        lines.append(f"preference pairs: {pairs} from {report.figure('pairs', 'prompts')} training prompts")
    return lines


def _percent(value: float) -> str:
    return f"{100 * value:5.1f}"


def _score_lines(scores: Sequence[ArmScore]) -> list[str]:
    if not scores:
        return []
    lines = ["", "prompt-level strict, direct (95% bootstrap interval)"]
    for s in scores:
        interval = f"[{_percent(s.ci95[0])}, {_percent(s.ci95[1])}]"
        lines.append(f"{s.bench:<8} {s.arm:<8} n={s.n:<4} {_percent(s.prompt_strict)}% {interval}  {s.model}")
    return lines


def _delta_lines(deltas: Sequence[PairedDelta]) -> list[str]:
    if not deltas:
        return []
    lines = ["", "paired: after - before, points (paired bootstrap 95%), McNemar exact p, flips"]
    for d in deltas:
        interval = f"[{100 * d.delta_ci95[0]:+.1f}, {100 * d.delta_ci95[1]:+.1f}]"
        lines.append(
            f"{d.bench:<8} {d.after} - {d.before}: {100 * d.delta:+5.1f} {interval} p={d.mcnemar_p:.3g} "
            f"fail->pass {d.fail_to_pass}, pass->fail {d.pass_to_fail} (n={d.paired})"
        )
    return lines


def _typed(figures: Mapping[str, Any]) -> tuple[tuple[ArmScore, ...], tuple[PairedDelta, ...]]:
    scores = tuple(
        ArmScore(s["bench"], s["arm"], s["model"], s["n"], s["prompt_strict"], tuple(s["ci95"]))
        for s in figures.get("scores", ())
    )
    deltas = tuple(
        PairedDelta(**{**c, "delta_ci95": tuple(c["delta_ci95"])}) for c in figures.get("comparisons", ())
    )
    return scores, deltas


def build_report(settings: ImproveSettings, outcomes: Sequence[StageOutcome]) -> ImproveReport:
    """The report of the stages run so far, also written to ``OUT/improve.json``."""
    evaluate = next((o.figures for o in outcomes if o.name == "evaluate"), {})
    scores, deltas = _typed(evaluate)
    report = ImproveReport(settings.out, tuple(outcomes), scores, deltas)
    write_json(settings.out / REPORT_FILE, report.as_dict(settings))
    return report

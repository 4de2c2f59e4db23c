"""One self-play iteration (``adhere improve``): the model answers synth training prompts, the tree
strategy refines its answers, the verified improvements become preference pairs, DPO trains a
LoRA adapter, the merged model is written as GGUF, and both models are evaluated with ``direct``
on prompts never trained on. Stage by stage under one folder, resumable."""

from __future__ import annotations

from collections.abc import Callable

from adhere.improve._report import REPORT_FILE, ArmScore, ImproveReport, PairedDelta, build_report
from adhere.improve._settings import ImproveSettings
from adhere.improve._stages import STAGES, StageOutcome, run_stages

__all__ = [
    "REPORT_FILE",
    "STAGES",
    "ArmScore",
    "ImproveReport",
    "ImproveSettings",
    "PairedDelta",
    "StageOutcome",
    "run_improve",
]


def run_improve(
    settings: ImproveSettings,
    on_stage: Callable[[StageOutcome], None] | None = None,
    stop_after: str | None = None,
) -> ImproveReport:
    """Run (or resume) the iteration up to ``stop_after``; the report is also in ``OUT/improve.json``,
    written with the finished stages when a stage fails or is interrupted."""
    finished: list[StageOutcome] = []

    def record(outcome: StageOutcome) -> None:
        finished.append(outcome)
        if on_stage:
            on_stage(outcome)

    try:
        run_stages(settings, record, stop_after)
    except BaseException:
        build_report(settings, finished)
        raise
    return build_report(settings, finished)

"""``selective`` (Self-Judge): answer directly, then estimate whether the answer follows
the request; below ``threshold`` the answer is flagged, or with ``decline`` replaced by a refusal.

Confidence is the share of checks passed, counting each known constraint (the
library's verdict, or the critic's for soft ones) and the judge's score as one
check each. Results report coverage and accuracy at the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from adhere.errors import AdhereError
from adhere.models import Model
from adhere.samples import Sample
from adhere.strategies._review import judge_score, know, review
from adhere.strategies._settings import Outcome, StrategySettings

__all__ = ["DECLINED", "SelectiveSettings", "selective"]


@dataclass(frozen=True)
class SelectiveSettings(StrategySettings):
    threshold: float = 0.5  # answer when confidence reaches this
    decline: bool = False  # replace a low-confidence answer by a refusal

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise AdhereError(f"selective: threshold must be between 0 and 1, not {self.threshold}")


DECLINED = "I cannot give an answer that I am confident follows all of your instructions."


async def selective(sample: Sample, model: Model, settings: SelectiveSettings) -> Outcome:
    trace = settings.trace(model)
    known = await know(sample, trace, settings)
    text = await trace.generate("answer", sample.messages, settings.config(0))
    checked = await review(trace, sample.prompt, known, text)
    judged = await judge_score(trace, sample.prompt, text, settings)
    confidence = checked.with_judge(judged)
    answered = confidence >= settings.threshold
    details: dict[str, Any] = {
        "confidence": round(confidence, 4), "judge": round(judged, 4), "threshold": settings.threshold,
        "answered": answered, "declined": not answered and settings.decline,
    }  # fmt: skip
    if details["declined"]:
        details["model_response"] = text
        text = DECLINED
    return Outcome.of(trace, text, known, checked.verdict, details)

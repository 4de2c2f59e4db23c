"""``best-of-n``: draw answers until one passes every known constraint, or n are drawn;
keep the one passing most (ties: the judge's favourite with ``judge``, else the first)."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.errors import AdhereError
from adhere.models import Model
from adhere.samples import Sample
from adhere.strategies._review import Review, judge_score, know, review
from adhere.strategies._settings import Outcome, StrategySettings
from adhere.strategies._trace import Trace

__all__ = ["BestOfNSettings", "best_of_n"]


@dataclass(frozen=True)
class BestOfNSettings(StrategySettings):
    n: int = 4  # answers drawn at most

    def __post_init__(self) -> None:
        if self.n < 1:
            raise AdhereError(f"best-of-n: n must be at least 1, not {self.n}")


async def _break_tie(
    trace: Trace, sample: Sample, tied: list[int], texts: list[str], settings: BestOfNSettings
) -> int:
    if not settings.judge or len(tied) == 1:
        return tied[0]
    scores = [await judge_score(trace, sample.prompt, texts[index], settings) for index in tied]
    return tied[scores.index(max(scores))]


async def best_of_n(sample: Sample, model: Model, settings: BestOfNSettings) -> Outcome:
    trace = settings.trace(model)
    known = await know(sample, trace, settings)
    texts: list[str] = []
    reviews: list[Review] = []
    for index in range(settings.n):
        texts.append(await trace.generate("answer", sample.messages, settings.config(index)))
        reviews.append(await review(trace, sample.prompt, known, texts[-1]))
        if reviews[-1].all_pass:
            break
    most = max(r.passed for r in reviews)
    chosen = await _break_tie(
        trace, sample, [i for i, r in enumerate(reviews) if r.passed == most], texts, settings
    )
    details = {"chosen": chosen, "passed": [r.passed for r in reviews], "known": reviews[0].total}
    return Outcome.of(trace, texts[chosen], known, reviews[chosen].verdict, details)

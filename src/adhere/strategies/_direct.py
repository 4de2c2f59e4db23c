"""``direct``: one call, the baseline every other strategy is measured against."""

from __future__ import annotations

from adhere.models import Model
from adhere.samples import Sample
from adhere.strategies._review import know, review
from adhere.strategies._settings import Outcome, StrategySettings

__all__ = ["direct"]


async def direct(sample: Sample, model: Model, settings: StrategySettings) -> Outcome:
    trace = settings.trace(model)
    known = await know(sample, trace, settings)
    text = await trace.generate("answer", sample.messages, settings.config(0))
    # Only the library's checks: asking a critic about soft constraints would be a second call.
    own = await review(trace, sample.prompt, known, text, soft=False)
    return Outcome.of(trace, text, known, own.verdict)

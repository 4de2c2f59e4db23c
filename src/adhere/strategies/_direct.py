"""``direct``: one call, the baseline every other strategy is measured against."""

from __future__ import annotations

from adhere.models import Model
from adhere.samples import Sample
from adhere.strategies._review import know, review
from adhere.strategies._settings import Outcome, StrategySettings
from adhere.strategies._trace import Trace

__all__ = ["direct"]


async def direct(sample: Sample, model: Model, settings: StrategySettings) -> Outcome:
    trace = Trace(model)
    known = await know(sample, trace, settings)
    text = await trace.generate("answer", sample.messages, settings.config(0))
    # Only the library's checks: asking a critic about soft constraints would be a second call.
    own = await review(trace, sample.prompt, known, text, soft=False)
    return Outcome(text, tuple(trace.calls), known, own.verdict)

"""``decrim`` (Decompose, Critique, Refine): answer, check every known constraint, and
ask for a revision with the specific failures until all pass or ``rounds`` are spent."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.errors import AdhereError
from adhere.models import Model
from adhere.samples import Sample
from adhere.strategies._review import know, review
from adhere.strategies._revise import revision_messages
from adhere.strategies._settings import Outcome, StrategySettings

__all__ = ["DecrimSettings", "decrim"]


@dataclass(frozen=True)
class DecrimSettings(StrategySettings):
    rounds: int = 3  # revisions at most

    def __post_init__(self) -> None:
        if self.rounds < 0:
            raise AdhereError(f"decrim: rounds must be 0 or more, not {self.rounds}")


async def decrim(sample: Sample, model: Model, settings: DecrimSettings) -> Outcome:
    trace = settings.trace(model)
    known = await know(sample, trace, settings)
    text = await trace.generate("answer", sample.messages, settings.config(0))
    history = [(text, await review(trace, sample.prompt, known, text))]
    for round_ in range(1, settings.rounds + 1):
        text, last = history[-1]
        if last.all_pass:
            break
        revised = await trace.generate(
            "revise", revision_messages(sample, text, last.failures), settings.config(round_)
        )
        history.append((revised, await review(trace, sample.prompt, known, revised)))
    # A revision can break what passed before: keep the best answer, the latest among equals.
    most = max(r.passed for _, r in history)
    chosen = max(i for i, (_, r) in enumerate(history) if r.passed == most)
    details = {
        "rounds": len(history) - 1,
        "chosen": chosen,
        "passed": [r.passed for _, r in history],
        "known": history[0][1].total,
    }
    return Outcome.of(trace, history[chosen][0], known, history[chosen][1].verdict, details)

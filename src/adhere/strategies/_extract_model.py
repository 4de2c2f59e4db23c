"""A second model for reading constraints: the LLM decomposer's calls go to it, answers to the first.

So a strong hosted model can read a request's constraints for a small local one
that answers. A strategy is handed a :class:`WithExtractModel` as its model;
its :class:`~adhere.strategies.Trace` sends every ``decompose`` call to the
extract model and every other call to the answering one, each recorded under
its own purpose with its own tokens. Strategies need not know it is there.
"""

from __future__ import annotations

from adhere.models import Model, WrappedModel

__all__ = ["DECOMPOSE", "WithExtractModel", "models_for"]

#: The purpose of the LLM decomposer's calls.
DECOMPOSE = "decompose"


class WithExtractModel(WrappedModel):
    """The answering model, carrying the model the decomposer asks. As a plain Model it is the
    answering model (a strategy that calls it directly gets answers); closing it closes neither,
    as whoever opened the two models closes them."""

    def __init__(self, answerer: Model, extractor: Model) -> None:
        super().__init__(answerer)
        self.extractor = extractor

    @property
    def answerer(self) -> Model:
        return self.inner

    async def aclose(self) -> None:
        pass  # neither model is this wrapper's to close


def models_for(model: Model) -> tuple[Model, Model]:
    """(the answering model, the model the decomposer asks): the same one unless ``model`` carries
    an extract model."""
    if isinstance(model, WithExtractModel):
        return model.answerer, model.extractor
    return model, model

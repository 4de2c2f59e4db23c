"""``adhere serve --extract-model``: the model the LLM decomposer asks, opened once and shared by
every request, kept apart from the upstream.

Its calls never carry the client's ``Authorization`` header (that pays the upstream, not this
model, which uses its own key), they do not count against ``--max-calls`` (a budget of upstream
calls), and when it fails, the client and the run log learn which model failed and the HTTP
status, never the model's own error text, which may echo its key.
"""

from __future__ import annotations

from collections.abc import Sequence

from adhere.models import (
    Completion,
    EndpointUnreachable,
    GenerateConfig,
    Message,
    Model,
    ModelError,
    TransientModelError,
    WrappedModel,
)
from adhere.models._openai import forwarded_authorization
from adhere.runner import ManagedModel, RetriesExhausted, RetryPolicy

__all__ = ["ExtractFailed", "ExtractModel"]


class ExtractFailed(ModelError):
    """The extract model could not read a request's constraints (the message names no secret)."""


class ExtractModel(ManagedModel):
    """The extract model behind its own concurrency limit and retries; any failure it ends in is
    an :class:`ExtractFailed` that names the model and, where there was one, the HTTP status."""

    def __init__(self, model: Model, *, concurrency: int, retry: RetryPolicy) -> None:
        super().__init__(_OwnKey(model), concurrency=concurrency, retry=retry)

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        try:
            return await super().generate(messages, config)
        except (RetriesExhausted, ModelError) as error:
            raise ExtractFailed(f"the extract model {self.name} failed: {error}") from None


class _OwnKey(WrappedModel):
    """The model with the client's forwarded header taken away, and its errors told plainly."""

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        token = forwarded_authorization.set(None)
        try:
            return await self.inner.generate(messages, config)
        except TransientModelError as error:  # kept transient, so the retries still apply
            raise TransientModelError(_plainly(error), error.retry_after) from None
        except ModelError as error:
            raise ModelError(_plainly(error)) from None
        finally:
            forwarded_authorization.reset(token)


def _plainly(error: ModelError | TransientModelError) -> str:
    """What failed, without the endpoint's own words (an endpoint may echo the key it was sent)."""
    status = getattr(error, "status", None)
    if isinstance(status, int):
        return f"HTTP {status}"
    if isinstance(error, EndpointUnreachable):
        return "its endpoint is unreachable"
    if isinstance(error, TransientModelError):
        return "no answer (a timeout, a dropped connection or a broken stream)"
    return type(error).__name__

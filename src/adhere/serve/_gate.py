"""The one way to the upstream: a limit on calls in flight over all requests, and each request's
own budget of calls, with the upstream failure that ended it (so its status can be passed on).

A request's budget lives in a context variable: set before ``solve``, it follows every task the
strategy starts, while the opened model stays shared by all requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from adhere.models import (
    Completion,
    EndpointUnreachable,
    GenerateConfig,
    Message,
    Model,
    ModelError,
    WrappedModel,
)
from adhere.models._openai import HTTPStatusError, TransientHTTPStatusError

__all__ = ["Budget", "BudgetExceeded", "UpstreamFailure", "UpstreamGate", "budget"]


@dataclass(frozen=True)
class UpstreamFailure:
    """How the upstream failed a call: its status (502 when nothing answered) and Retry-After."""

    status: int
    retry_after: float | None = None


class BudgetExceeded(ModelError):
    """A request wanted more upstream calls than ``--max-calls`` allows."""


class Budget:
    """One request's count of upstream calls, and the last upstream failure it met."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.failure: UpstreamFailure | None = None

    def take(self) -> None:
        if self.used >= self.limit:
            raise BudgetExceeded(
                f"this request needs more than {self.limit} upstream calls (the server's --max-calls); "
                "ask for fewer (for example a smaller n)"
            )
        self.used += 1


_budget: ContextVar[Budget | None] = ContextVar("adhere_serve_budget", default=None)


@contextmanager
def budget(limit: int) -> Iterator[Budget]:
    """The budget of the calls made inside this block (and the tasks it starts)."""
    own = Budget(limit)
    token = _budget.set(own)
    try:
        yield own
    finally:
        _budget.reset(token)


class UpstreamGate(WrappedModel):
    """A model behind the proxy's concurrency limit, counting each call against its request's budget."""

    def __init__(self, inner: Model, concurrency: int) -> None:
        super().__init__(inner)
        self.max_concurrency = None  # the gate is the limit: a ManagedModel around it must not shrink it
        limit = min(concurrency, inner.max_concurrency or concurrency)
        self._slots = asyncio.Semaphore(max(1, limit))
        #: Upstream calls (or relayed requests) in flight now.
        self.in_flight = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one of the upstream's slots (the relay uses it too)."""
        async with self._slots:
            self.in_flight += 1
            try:
                yield
            finally:
                self.in_flight -= 1

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        own = _budget.get()
        if own is not None:
            own.take()
        async with self.slot():
            try:
                return await self.inner.generate(messages, config)
            except (HTTPStatusError, TransientHTTPStatusError) as error:
                _note(own, UpstreamFailure(error.status, getattr(error, "retry_after", None)))
                raise
            except EndpointUnreachable:
                _note(own, UpstreamFailure(502))
                raise


def _note(own: Budget | None, failure: UpstreamFailure) -> None:
    if own is not None:
        own.failure = failure

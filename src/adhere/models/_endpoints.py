"""Several replicas of one model behind one Model: spread the load, fail over at once.

Each request goes to the least busy replica that is up, within that replica's
own concurrency limit. When a replica fails (refused or reset connection,
timeout, 5xx, 429), it rests for a cool-off that doubles with each failure in a
row, and the request goes on to a replica it has not tried yet, right away.
After its cool-off a replica gets one probe request; an answer puts it back.
Only when no replica is left to try does the request fail: with
``EndpointUnreachable`` when every replica refuses connections, otherwise with
``TransientModelError`` carrying the time until the first replica's cool-off
ends, so the runner's retries and backoff take over.

A failure that says nothing about the replica (a 400 or 401 refusal) is the
request's own, the same on every replica: it is raised at once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from adhere.models._base import (
    Completion,
    EndpointUnreachable,
    GenerateConfig,
    Message,
    Model,
    ModelError,
    TransientModelError,
)

__all__ = ["EndpointPool"]


@dataclass
class _Replica:
    label: str
    model: Model
    order: int
    in_flight: int = 0
    failures: int = 0  # in a row; 0 means up
    down_until: float = 0.0
    probing: bool = False
    last_error: str = ""
    refused: bool = False  # the last failure was a refused connection

    def usable(self, now: float) -> bool:
        # A resting replica, once its cool-off is over, takes one probe at a time.
        return self.failures == 0 or (now >= self.down_until and not self.probing)


class EndpointPool(Model):
    """``replicas``: (label, model) pairs serving the same model; ``identity`` is the pool's,
    the same whichever replica answers, so cache keys do not depend on it."""

    def __init__(
        self, replicas: Sequence[tuple[str, Model]], *, identity: Mapping[str, Any], limit: int = 8,
        cooloff_s: float = 1.0, max_cooloff_s: float = 30.0, clock: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        if not replicas:
            raise ModelError("an endpoint pool needs at least one endpoint")
        self._replicas = [_Replica(label, model, i) for i, (label, model) in enumerate(replicas)]
        self._identity = dict(identity)
        self._limit = max(1, limit)
        self._cooloff_s = cooloff_s
        self._max_cooloff_s = max_cooloff_s
        self._clock = clock
        self._turn = 0
        self._changed = asyncio.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        # The runner's gate then lets every replica run at its limit.
        self.max_concurrency = self._limit * len(self._replicas)

    @property
    def name(self) -> str:
        return self._replicas[0].model.name

    @property
    def endpoints(self) -> list[str]:
        return [r.label for r in self._replicas]

    def identity(self) -> dict[str, Any]:
        return dict(self._identity)

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        tried: set[int] = set()
        while True:
            replica = await self._acquire(tried)
            if replica is None:
                raise self._exhausted()
            tried.add(replica.order)
            probe = replica.probing
            try:
                completion = await replica.model.generate(messages, config)
            except EndpointUnreachable as error:
                self._failed(replica, str(error), probe, refused=True, retry_after=None)
            except TransientModelError as error:
                self._failed(replica, str(error), probe, refused=False, retry_after=error.retry_after)
            else:
                replica.failures = 0
                return completion
            finally:
                await self._release(replica, probe)

    async def _acquire(self, tried: set[int]) -> _Replica | None:
        """The least busy usable replica not yet tried, once it has room; None when none is left."""
        changed = self._condition()
        async with changed:
            while True:
                now = self._clock()
                left = [r for r in self._replicas if r.order not in tried and r.usable(now)]
                if not left:
                    return None
                free = [r for r in left if r.in_flight < self._limit]
                if free:
                    n = len(self._replicas)
                    # Ties go round-robin, so a light load still reaches every replica.
                    chosen = min(free, key=lambda r: (r.in_flight, (r.order - self._turn) % n))
                    self._turn += 1
                    chosen.in_flight += 1
                    chosen.probing = chosen.failures > 0
                    return chosen
                await changed.wait()

    def _condition(self) -> asyncio.Condition:
        # A condition belongs to one event loop; a model may serve several asyncio.run calls.
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._changed, self._loop = asyncio.Condition(), loop
        return self._changed

    async def _release(self, replica: _Replica, probe: bool) -> None:
        replica.in_flight -= 1
        if probe:
            replica.probing = False
        changed = self._condition()
        async with changed:
            changed.notify_all()

    def _failed(
        self, replica: _Replica, error: str, probe: bool, *, refused: bool, retry_after: float | None
    ) -> None:
        replica.last_error = error
        replica.refused = refused
        if replica.failures and not probe:
            # Already resting: the other requests it had in flight when it went down fail
            # too, and one crash should not count as many failures in a row.
            return
        replica.failures += 1
        rest = min(self._max_cooloff_s, self._cooloff_s * 2 ** (replica.failures - 1))
        replica.down_until = self._clock() + max(rest, retry_after or 0.0)

    def _exhausted(self) -> Exception:
        failures = "; ".join(f"{r.label}: {r.last_error}" for r in self._replicas if r.failures)
        if all(r.failures and r.refused for r in self._replicas):
            return EndpointUnreachable(f"no endpoint of {self.name} accepts connections ({failures})")
        now = self._clock()
        wait = min(max(0.0, r.down_until - now) for r in self._replicas)
        return TransientModelError(f"every endpoint of {self.name} failed ({failures})", wait)

    async def aclose(self) -> None:
        for replica in self._replicas:
            await replica.model.aclose()

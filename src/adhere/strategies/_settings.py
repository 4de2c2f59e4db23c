"""What a strategy may vary, and what it returns."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from adhere.constraints import Constraint
from adhere.models import GenerateConfig, Model
from adhere.samples import Sample
from adhere.strategies._trace import Call

__all__ = ["Known", "Outcome", "Strategy", "StrategySettings"]


@dataclass(frozen=True)
class StrategySettings:
    """Budgets and knobs for every strategy; each reads the ones it needs."""

    max_tokens: int = 512
    #: The first answer uses direct's settings, so it is the answer ``direct`` gives.
    temperature: float = 0.0
    #: Every later answer or revision samples, each with its own seed, so retries differ.
    explore_temperature: float = 0.8
    seed: int = 0
    n: int = 4  # best-of-n: answers drawn at most
    rounds: int = 3  # decrim: revisions at most
    branching: int = 2  # tree: children per expanded node
    depth: int = 2  # tree: revision levels below the first answer
    search: Literal["bfs", "dfs"] = "bfs"
    judge: bool = False  # ask an LLM judge too (best-of-n ties, tree node scores)
    judge_samples: int = 3  # judge calls averaged into one score
    threshold: float = 0.5  # selective: answer when confidence reaches this
    decline: bool = False  # selective: replace a low-confidence answer by a refusal
    oracle_constraints: bool = False  # use the benchmark's constraints instead of extracting them
    decompose: bool = False  # extraction: the LLM decomposer after the rules
    repair: bool = False  # mechanical fixes after the last answer, reported separately

    def config(self, index: int) -> GenerateConfig:
        """Settings for the ``index``-th answer-producing call of a sample."""
        if index == 0:
            return GenerateConfig(self.max_tokens, self.temperature, seed=self.seed)
        return GenerateConfig(self.max_tokens, self.explore_temperature, seed=self.seed + index)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Known:
    """The constraints a strategy works with for one sample: verifiable ones, and soft
    ones (free text) that only an LLM critic can judge."""

    constraints: tuple[Constraint, ...] = ()
    soft: tuple[str, ...] = ()

    def as_dicts(self) -> tuple[dict[str, Any], ...]:
        verified = tuple(
            {"id": c.id, "kwargs": c.kwargs(), "description": c.describe()} for c in self.constraints
        )
        return verified + tuple({"soft": text} for text in self.soft)


@dataclass(frozen=True)
class Outcome:
    """A strategy's final answer, every call it made, and what it knew and concluded."""

    response: str
    calls: tuple[Call, ...]
    #: The constraints the strategy checked (extracted, or the benchmark's with --oracle-constraints).
    knowledge: Known = field(default_factory=Known)
    #: Its own verdict on the final answer against those constraints (None: it checked nothing).
    passed_own_checks: bool | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def known(self) -> tuple[dict[str, Any], ...]:
        """The known constraints as plain records, for run logs and JSON."""
        return self.knowledge.as_dicts()

    @property
    def input_tokens(self) -> int:
        return sum(c.input_tokens for c in self.calls)

    @property
    def output_tokens(self) -> int:
        return sum(c.output_tokens for c in self.calls)

    @property
    def latency_s(self) -> float:
        return sum(c.latency_s for c in self.calls)


# A strategy: a stateless async function of (sample, model, settings).
Strategy = Callable[[Sample, Model, StrategySettings], Awaitable[Outcome]]

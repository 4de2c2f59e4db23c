"""What every strategy may vary, what a strategy is, and what it returns.

Each strategy declares its own settings type: a frozen dataclass extending
:class:`StrategySettings` (the settings all strategies share) with its own
knobs. ``Strategy.settings_from`` builds one from ``name=value`` options
(``-S n=6`` on the command line), checking names and types.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Generic, Literal, TypeVar

from adhere.constraints import Constraint
from adhere.errors import AdhereError
from adhere.models import GenerateConfig, Model
from adhere.runlog import Call, Candidate
from adhere.samples import Sample
from adhere.strategies._trace import Trace

__all__ = ["Known", "Outcome", "SolveFn", "Strategy", "StrategySettings"]


@dataclass(frozen=True)
class StrategySettings:
    """The settings every strategy shares; a strategy's own settings type adds its knobs."""

    max_tokens: int = 512
    #: The first answer uses direct's settings, so it is the answer ``direct`` gives.
    temperature: float = 0.0
    #: Every later answer or revision samples, each with its own seed, so retries differ.
    explore_temperature: float = 0.8
    seed: int = 0
    judge: bool = False  # ask an LLM judge too (best-of-n ties, tree node scores)
    judge_samples: int = 3  # judge calls averaged into one score
    oracle_constraints: bool = False  # use the benchmark's constraints instead of extracting them
    decompose: bool = False  # extraction: the LLM decomposer after the rules
    repair: bool = False  # mechanical fixes after the last answer, reported separately
    #: "strip": a reasoning trace (<think>...</think>) is removed before an answer is reviewed.
    reasoning: Literal["strip", "keep"] = "strip"

    def config(self, index: int) -> GenerateConfig:
        """Settings for the ``index``-th answer-producing call of a sample."""
        if index == 0:
            return GenerateConfig(self.max_tokens, self.temperature, seed=self.seed)
        return GenerateConfig(self.max_tokens, self.explore_temperature, seed=self.seed + index)

    def trace(self, model: Model) -> Trace:
        return Trace(model, self.reasoning)

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
    #: Every answer it reviewed, with its verdict.
    candidates: tuple[Candidate, ...] = ()

    @classmethod
    def of(
        cls, trace: Trace, response: str, knowledge: Known, passed: bool | None,
        details: Mapping[str, Any] | None = None,
    ) -> Outcome:  # fmt: skip
        return cls(response, tuple(trace.calls), knowledge, passed, details or {}, tuple(trace.candidates))

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


S = TypeVar("S", bound=StrategySettings)

#: A strategy's work: a stateless async function of (sample, model, its settings).
SolveFn = Callable[[Sample, Model, S], Awaitable[Outcome]]


@dataclass(frozen=True)
class Strategy(Generic[S]):
    """A named strategy, its function and its settings type. Third parties publish one of
    these under the ``adhere.strategies`` entry-point group."""

    name: str
    solve: SolveFn[S]
    settings_type: type[S]
    summary: str = ""

    def settings_from(self, options: Mapping[str, Any] | None = None, **shared: Any) -> S:
        """Settings from ``name=value`` options (strings are converted) on top of ``shared`` ones."""
        names = {f.name: f for f in dataclasses.fields(self.settings_type)}
        values = dict(shared)
        for name, value in (options or {}).items():
            if name not in names:
                raise AdhereError(
                    f"-S {name}: {self.name} has no setting {name!r} (valid: {', '.join(sorted(names))})"
                )
            values[name] = _convert(self.name, name, value, _hints(self.settings_type)[name])
        return self.settings_type(**values)

    def setting_names(self) -> list[str]:
        return [f.name for f in dataclasses.fields(self.settings_type)]

    async def __call__(self, sample: Sample, model: Model, settings: S) -> Outcome:
        return await self.solve(sample, model, settings)


def _hints(settings_type: type) -> dict[str, Any]:
    return typing.get_type_hints(settings_type)


def _convert(strategy: str, name: str, value: Any, annotation: Any) -> Any:
    """A ``-S`` value in the setting's type; the error names the setting and what it takes."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if annotation is bool:
            if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError
            return text.lower() in ("true", "1", "yes")
        if annotation is int:
            return int(text)
        if annotation is float:
            return float(text)
        if typing.get_origin(annotation) is Literal:
            choices = typing.get_args(annotation)
            if text not in choices:
                raise AdhereError(
                    f"-S {name}={value}: {strategy} takes one of {', '.join(map(str, choices))}"
                )
            return text
    except ValueError:
        kind = {bool: "true or false", int: "an integer", float: "a number"}.get(annotation, "a value")
        raise AdhereError(f"-S {name}={value}: {strategy}'s {name} must be {kind}") from None
    return text

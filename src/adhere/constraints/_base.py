"""The constraint abstraction: typed parameters, a description, a pure check.

A constraint is an immutable dataclass whose fields are its parameters. It is
built once from kwargs (validated here, with errors a user can act on) and
then checked against any number of responses; checking never mutates it and
never draws random numbers. This module knows no family: ``register`` records
each type, and ``_catalog`` finds the families and looks types up by id.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeVar

from adhere.errors import AdhereError

__all__ = [
    "Constraint",
    "ConstraintArgumentError",
    "UnknownConstraintError",
    "Verdict",
    "instantiate",
    "register",
    "registered",
]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a response follows one constraint, and why not in one sentence."""

    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


class UnknownConstraintError(AdhereError):
    """An instruction id that no registered constraint has."""


class ConstraintArgumentError(AdhereError):
    """Kwargs that do not fit the constraint's parameters."""


class Constraint(ABC):
    """A verifiable instruction. Subclasses are frozen dataclasses."""

    id: ClassVar[str]

    @abstractmethod
    def instruction(self) -> str:
        """The canonical wording: the instruction as a user would write it in a prompt."""

    def rephrasings(self) -> tuple[str, ...]:
        """Other wordings of the same instruction, as people write it (extraction reads each back
        to this constraint and its kwargs; paraphrase runs ask in each)."""
        return ()

    def phrasings(self) -> tuple[str, ...]:
        """Every wording, the canonical one first."""
        return (self.instruction(), *self.rephrasings())

    def describe(self, phrasing: int = 0) -> str:
        """The instruction in words: ``phrasing=0`` (the default) is the canonical wording, ``k`` the
        k-th of :meth:`phrasings`, counted round (so any k is valid; a type with one wording gives it)."""
        options = self.phrasings()
        return options[phrasing % len(options)]

    @abstractmethod
    def check(self, response: str) -> Verdict:
        """Judge one response; pure, and never raises on any string."""

    def kwargs(self) -> dict[str, Any]:
        """The parameters in the benchmark's kwargs form (lists, not tuples)."""
        values = {}
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            values[field.name] = list(value) if isinstance(value, tuple) else value
        return values


_REGISTRY: dict[str, type[Constraint]] = {}

C = TypeVar("C", bound=type[Constraint])


def register(constraint_id: str) -> Callable[[C], C]:
    """Class decorator: give a constraint type its stable id and make it buildable."""

    def decorate(cls: C) -> C:
        if constraint_id in _REGISTRY:
            raise RuntimeError(f"constraint id registered twice: {constraint_id}")
        cls.id = constraint_id
        _REGISTRY[constraint_id] = cls
        return cls

    return decorate


def registered() -> Mapping[str, type[Constraint]]:
    """The constraint types registered so far, by id (read-only).

    Only the families already imported are here; ``_catalog`` imports them all.
    """
    return types.MappingProxyType(_REGISTRY)


def instantiate(cls: type[Constraint], kwargs: Mapping[str, Any] | None = None) -> Constraint:
    """A constraint of type ``cls`` from benchmark-style kwargs.

    ``None`` values count as absent (benchmark files list every possible key
    with ``None``); any other unknown key, a missing parameter or a value of
    the wrong type raises :class:`ConstraintArgumentError`.
    """
    constraint_id = cls.id
    given = {k: v for k, v in (kwargs or {}).items() if v is not None}
    params = _parameters(cls)
    unknown = sorted(set(given) - set(params))
    if unknown:
        accepted = ", ".join(params) or "no arguments"
        raise ConstraintArgumentError(
            f"{constraint_id}: unexpected argument {', '.join(map(repr, unknown))} (accepts {accepted})"
        )
    values = {}
    for name, (annotation, required) in params.items():
        if name not in given:
            if required:
                raise ConstraintArgumentError(f"{constraint_id}: missing argument {name!r}")
            continue
        values[name] = _coerce(constraint_id, name, given[name], annotation)
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:
        raise ConstraintArgumentError(f"{constraint_id}: {error}") from None


@functools.cache
def _parameters(cls: type[Constraint]) -> dict[str, tuple[Any, bool]]:
    hints = typing.get_type_hints(cls)
    params = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        params[field.name] = (hints[field.name], required)
    return params


def _coerce(constraint_id: str, name: str, value: Any, annotation: Any) -> Any:
    """Check one kwarg against its annotation; return it in the field's type."""

    def fail(expected: str) -> ConstraintArgumentError:
        return ConstraintArgumentError(
            f"{constraint_id}: argument {name!r} must be {expected}, got {value!r}"
        )

    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _coerce(constraint_id, name, value, options[0])
    if annotation is int:
        # Benchmark files written through pandas carry integers as floats (5.0).
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail("an integer")
        if isinstance(value, float) and not value.is_integer():
            raise fail("an integer")
        if value < 0:
            raise fail("a non-negative integer")
        return int(value)
    if annotation is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail("a number")
        return float(value)
    if annotation is str:
        if not isinstance(value, str):
            raise fail("a string")
        return value
    if origin is Literal:
        choices = typing.get_args(annotation)
        if value not in choices:
            raise fail("one of " + ", ".join(repr(c) for c in choices))
        return value
    if origin is tuple:
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise fail("a list of strings")
        if not all(isinstance(item, str) for item in value):
            raise fail("a list of strings")
        return tuple(value)
    raise TypeError(f"unsupported parameter annotation {annotation!r} on {constraint_id}")

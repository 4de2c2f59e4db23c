"""Samples: a prompt (one or more turns) and the constraints a response must follow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from adhere.constraints import Constraint

__all__ = ["Message", "Sample"]

Message = Mapping[str, str]


@dataclass(frozen=True)
class Sample:
    """``prompt`` is the last user turn; ``history`` the turns before it (multi-turn samples)."""

    key: str
    prompt: str
    constraints: tuple[Constraint, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)
    history: tuple[Message, ...] = ()

    @property
    def messages(self) -> list[Message]:
        return [*self.history, {"role": "user", "content": self.prompt}]

    @property
    def instruction_ids(self) -> list[str]:
        return [c.id for c in self.constraints]

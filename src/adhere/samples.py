"""Samples: a conversation (optional system message, then user turns) and the constraints its replies follow.

Each user turn may carry constraints its reply must follow; a sample may also
carry conversation constraints, checked over every reply. A turn whose reply
the benchmark fixes (``Turn.reply``) is history, never generated or scored;
the others are answered by the model in order, its own replies becoming the
history of the next turn.

A sample whose last turn is the one to answer is also the view a strategy
works on: ``prompt`` is that turn's text, ``constraints`` its constraints and
``messages`` the conversation up to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from adhere.constraints import Constraint

__all__ = ["Message", "Sample", "Turn"]

Message = Mapping[str, str]


@dataclass(frozen=True)
class Turn:
    """One user message, the constraints its reply must follow, and a reply the benchmark fixes (if any)."""

    user: str
    constraints: tuple[Constraint, ...] = ()
    reply: str | None = None

    @property
    def generated(self) -> bool:
        """Whether the model answers this turn (and it is scored)."""
        return self.reply is None


@dataclass(frozen=True)
class Sample:
    key: str
    turns: tuple[Turn, ...]
    system: str | None = None
    #: Constraints over the whole conversation (every reply), e.g. a secret never revealed.
    conversation: tuple[Constraint, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def single(
        cls, key: str, prompt: str, constraints: Sequence[Constraint] = (), *,
        metadata: Mapping[str, Any] | None = None, history: Sequence[Message] = (),
    ) -> Sample:  # fmt: skip
        """A one-question sample; ``history`` (chat messages) becomes fixed turns before it."""
        system, earlier = _turns_from_messages(history)
        return cls(key, (*earlier, Turn(prompt, tuple(constraints))), system, (), metadata or {})

    # The view of the turn to answer: the last one.
    @property
    def prompt(self) -> str:
        return self.turns[-1].user

    @property
    def constraints(self) -> tuple[Constraint, ...]:
        return self.turns[-1].constraints

    @property
    def messages(self) -> list[Message]:
        """Chat messages up to and including the last user turn."""
        out: list[Message] = [{"role": "system", "content": self.system}] if self.system is not None else []
        for turn in self.turns[:-1]:
            out += [
                {"role": "user", "content": turn.user},
                {"role": "assistant", "content": turn.reply or ""},
            ]
        return [*out, {"role": "user", "content": self.prompt}]

    @property
    def history(self) -> list[Message]:
        return self.messages[:-1]

    @property
    def generated_turns(self) -> list[int]:
        return [index for index, turn in enumerate(self.turns) if turn.generated]

    @property
    def instruction_ids(self) -> list[str]:
        """Every constraint, in scoring order: each generated turn's, then the conversation's."""
        return [c.id for c in self.all_constraints]

    @property
    def all_constraints(self) -> list[Constraint]:
        turns = [c for turn in self.turns if turn.generated for c in turn.constraints]
        return [*turns, *self.conversation]

    def up_to(self, index: int, replies: Mapping[int, str]) -> Sample:
        """The view for answering turn ``index``: earlier turns with their replies (fixed or the model's)."""
        earlier = tuple(
            turn if turn.reply is not None else replace(turn, reply=replies[position])
            for position, turn in enumerate(self.turns[:index])
        )
        return replace(self, turns=(*earlier, self.turns[index]))

    @property
    def is_multiturn(self) -> bool:
        return len(self.turns) > 1 or self.system is not None


def _turns_from_messages(messages: Sequence[Message]) -> tuple[str | None, list[Turn]]:
    """(system, fixed turns) from chat messages: an optional system message, then user and assistant
    messages alternating. Anything else cannot be replayed turn by turn, so it is refused."""
    system = None
    rest = list(messages)
    if rest and rest[0]["role"] == "system":
        system = rest.pop(0)["content"]
    if len(rest) % 2:
        raise ValueError("the messages before the last user turn must be user/assistant pairs")
    turns = []
    for index in range(0, len(rest), 2):
        user, assistant = rest[index], rest[index + 1]
        if user["role"] != "user" or assistant["role"] != "assistant":
            raise ValueError(
                f"messages[{index + (system is not None)}..] must alternate user and assistant "
                f"(found {user['role']!r} then {assistant['role']!r})"
            )
        turns.append(Turn(user["content"], reply=assistant["content"]))
    return system, turns

"""What a conversation constraint checks: every (user message, reply) exchange of a conversation."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict

__all__ = ["ConversationConstraint", "Exchange"]


@dataclass(frozen=True, slots=True)
class Exchange:
    """One generated reply and the user message it answers; ``turn`` counts from 1 over all turns."""

    turn: int
    user: str
    reply: str


class ConversationConstraint(Constraint):
    """A rule over every reply of a conversation. ``check`` on one response treats it as a
    one-turn conversation with an empty user message, so these work anywhere a constraint does."""

    @abstractmethod
    def check_conversation(self, exchanges: Sequence[Exchange]) -> Verdict:
        """Judge the whole conversation; a failure names the turn."""

    def check(self, response: str) -> Verdict:
        return self.check_conversation([Exchange(1, "", response)])

"""Scoring a conversation: each generated turn's reply against its constraints, and the
conversation constraints over every reply. A conversation follows its instructions only
if every turn does and every conversation constraint holds.

A conversation-level entry may be a conversation constraint (``conversation:*``,
which sees every user message and reply) or any other constraint, which must
then hold in every reply. A turn left unanswered (its reasoning trace never
closed) fails each of its constraints with that reason. Conversation-level
verdicts have no loose form: their loose verdict is the strict one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from adhere.constraints import Constraint, Evaluation, Verdict, check_strict, evaluate
from adhere.constraints.conversation import ConversationConstraint, Exchange
from adhere.samples import Sample

__all__ = ["UNANSWERED", "ConversationEvaluation", "TurnEvaluation", "evaluate_conversation"]

UNANSWERED = "no final answer: the reply's reasoning trace never closed"


@dataclass(frozen=True)
class TurnEvaluation:
    turn: int  # index into the sample's turns
    evaluation: Evaluation


@dataclass(frozen=True)
class ConversationEvaluation:
    turns: tuple[TurnEvaluation, ...]
    conversation: Evaluation

    @property
    def combined(self) -> Evaluation:
        """Every verdict in the order of ``Sample.instruction_ids``: the turns', then the conversation's."""
        parts = [t.evaluation for t in self.turns] + [self.conversation]
        return Evaluation(
            tuple(v for part in parts for v in part.strict), tuple(ok for part in parts for ok in part.loose)
        )


def _unanswered(count: int) -> Evaluation:
    return Evaluation(tuple(Verdict(False, UNANSWERED) for _ in range(count)), (False,) * count)


def _conversation_verdict(constraint: Constraint, exchanges: list[Exchange]) -> Verdict:
    """A conversation constraint judges the exchanges; any other constraint must hold in every reply."""
    if isinstance(constraint, ConversationConstraint):
        return constraint.check_conversation(exchanges)
    for exchange in exchanges:
        verdict = check_strict(constraint, exchange.reply)
        if not verdict.ok:
            return Verdict(False, f"turn {exchange.turn}: {verdict.reason}")
    return Verdict(True, f"followed in every reply ({len(exchanges)})")


def evaluate_conversation(sample: Sample, replies: Mapping[int, str | None]) -> ConversationEvaluation:
    """Verdicts for the replies to ``sample``'s generated turns (turn index -> final answer, or None
    when the turn was left unanswered)."""
    turns = []
    exchanges = []
    for index in sample.generated_turns:
        turn, reply = sample.turns[index], replies.get(index)
        if reply is None:
            turns.append(TurnEvaluation(index, _unanswered(len(turn.constraints))))
            continue
        turns.append(TurnEvaluation(index, evaluate(turn.constraints, reply)))
        exchanges.append(Exchange(index + 1, turn.user, reply))
    strict = tuple(_conversation_verdict(c, exchanges) for c in sample.conversation)
    return ConversationEvaluation(tuple(turns), Evaluation(strict, tuple(v.ok for v in strict)))

"""Conversation constraints: rules over every reply of a conversation, naming the turn that breaks them.

Importing this package registers them (ids ``conversation:*``).
"""

from adhere.constraints.conversation._base import ConversationConstraint, Exchange
from adhere.constraints.conversation._rules import ForbiddenAlways, NeverReveal, ReplyWhen
from adhere.constraints.conversation._rules_scenario import (
    JudgeRockPaperScissors,
    ReplyExactly,
    RuleConstraint,
    SimonSays,
    Withhold,
)

__all__ = [
    "ConversationConstraint",
    "Exchange",
    "ForbiddenAlways",
    "JudgeRockPaperScissors",
    "NeverReveal",
    "ReplyExactly",
    "ReplyWhen",
    "RuleConstraint",
    "SimonSays",
    "Withhold",
]

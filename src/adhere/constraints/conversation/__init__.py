"""Conversation constraints: rules over every reply of a conversation, naming the turn that breaks them.

Importing this package registers them (ids ``conversation:*``).
"""

from adhere.constraints.conversation._base import ConversationConstraint, Exchange
from adhere.constraints.conversation._rules import ForbiddenAlways, NeverReveal, ReplyWhen

__all__ = ["ConversationConstraint", "Exchange", "ForbiddenAlways", "NeverReveal", "ReplyWhen"]

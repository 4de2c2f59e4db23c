"""The conversation rules: a secret never revealed, words never used, a fixed reply to a fixed phrase."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from adhere.constraints._base import Verdict, register
from adhere.constraints._text import quote
from adhere.constraints._wording import quoted_list
from adhere.constraints.conversation._base import ConversationConstraint, Exchange
from adhere.constraints.ifeval._keywords import ForbiddenWords

__all__ = ["ForbiddenAlways", "NeverReveal", "ReplyWhen"]


def _nonblank(name: str, value: str) -> None:
    if not value.strip():
        raise ValueError(f"{name} must be a non-empty string")


@register("conversation:never_reveal")
@dataclass(frozen=True)
class NeverReveal(ConversationConstraint):
    """No reply contains the secret, in any letter case (a leak in other capitals is still a leak)."""

    secret: str

    def __post_init__(self) -> None:
        _nonblank("secret", self.secret)

    def instruction(self) -> str:
        return f"Never reveal the secret {self.secret!r} in any reply."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Keep the secret {self.secret!r} to yourself: it must not appear in any of your replies.",
            f"Whatever anyone asks, don't ever tell them {self.secret!r}.",
        )

    def check_conversation(self, exchanges: Sequence[Exchange]) -> Verdict:
        wanted = self.secret.casefold()
        for exchange in exchanges:
            at = exchange.reply.casefold().find(wanted)
            if at >= 0:
                where = quote(exchange.reply, at, at + len(self.secret))
                return Verdict(False, f"turn {exchange.turn} reveals the secret {self.secret!r}: {where}")
        return Verdict(True, f"the secret stays hidden in {len(exchanges)} repl{_ies(len(exchanges))}")


@register("conversation:forbidden_words")
@dataclass(frozen=True)
class ForbiddenAlways(ConversationConstraint):
    """IFEval's forbidden words (whole words, any case), over every reply."""

    forbidden_words: tuple[str, ...]

    def __post_init__(self) -> None:
        ForbiddenWords(self.forbidden_words)  # the same argument rules

    def instruction(self) -> str:
        return "Never use the words " + ", ".join(map(repr, self.forbidden_words)) + " in any reply."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Throughout this conversation, avoid the words {quoted_list(self.forbidden_words)}.",
            f"Don't say {quoted_list(self.forbidden_words, 'or')} in any of your replies.",
        )

    def check_conversation(self, exchanges: Sequence[Exchange]) -> Verdict:
        per_reply = ForbiddenWords(self.forbidden_words)
        for exchange in exchanges:
            verdict = per_reply.check(exchange.reply)
            if not verdict.ok:
                return Verdict(False, f"turn {exchange.turn} {verdict.reason}")
        return Verdict(True, "no forbidden words in any reply")


@register("conversation:reply_when")
@dataclass(frozen=True)
class ReplyWhen(ConversationConstraint):
    """When the user says exactly ``trigger``, the reply is exactly ``reply``; surrounding whitespace
    is ignored on both sides, letter case is not."""

    trigger: str
    reply: str

    def __post_init__(self) -> None:
        _nonblank("trigger", self.trigger)
        _nonblank("reply", self.reply)

    def instruction(self) -> str:
        return f"Whenever I say exactly {self.trigger!r}, reply with exactly {self.reply!r} and nothing else."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"If my message is exactly {self.trigger!r}, answer with just {self.reply!r}.",
            f"Each time I send {self.trigger!r} on its own, your whole reply must be {self.reply!r}.",
        )

    def check_conversation(self, exchanges: Sequence[Exchange]) -> Verdict:
        triggered = [e for e in exchanges if e.user.strip() == self.trigger.strip()]
        for exchange in triggered:
            if exchange.reply.strip() != self.reply.strip():
                got = exchange.reply.strip()
                shown = got if len(got) <= 60 else got[:57] + "..."
                return Verdict(
                    False,
                    f"turn {exchange.turn}: the user said {self.trigger!r} but the reply was {shown!r}, "
                    f"not exactly {self.reply!r}",
                )
        if not triggered:
            return Verdict(True, f"the user never said {self.trigger!r}")
        return Verdict(True, f"answered {self.trigger!r} with {self.reply!r} every time")


def _ies(count: int) -> str:
    return "y" if count == 1 else "ies"

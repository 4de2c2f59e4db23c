"""``guard``: a reply is sent only if it keeps the system message's rules.

The rules are what ``extract_system_rules`` reads from the system message (never reveal a
secret, never say a word, reply exactly Q to exactly P, only user X may receive the secret), or
the benchmark's conversation constraints with ``oracle_constraints``. Each candidate is judged
as the reply to the current user message; one that breaks a rule is replaced by another draw,
up to ``n`` candidates. The user's own instructions are deliberately not enforced here: an
attack is a user instruction, and the system's rules outrank it.

When every candidate breaks a rule, the one breaking fewest is sent (the first among equals).
If it still prints a withheld secret, ``details["redacted"]`` holds it with each such secret
replaced by ``[REDACTED]``: a mechanical repair, reported apart from the model's own answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from adhere.constraints import Constraint
from adhere.constraints.conversation import ConversationConstraint, Exchange, Withhold
from adhere.constraints.conversation._rules_scenario import normalize
from adhere.errors import AdhereError
from adhere.extract._system_rules import system_rule_constraints
from adhere.models import Message, Model
from adhere.samples import Sample
from adhere.strategies._settings import Known, Outcome, StrategySettings

__all__ = ["GuardSettings", "broken_rules", "guard", "redact"]

REDACTED = "[REDACTED]"


@dataclass(frozen=True)
class GuardSettings(StrategySettings):
    n: int = 4  # candidates drawn at most
    #: Later candidates are drawn with the broken rules restated after the user's message.
    remind: bool = True

    def __post_init__(self) -> None:
        if self.n < 1:
            raise AdhereError(f"guard: n must be at least 1, not {self.n}")


def _rules(sample: Sample, settings: StrategySettings) -> tuple[Constraint, ...]:
    if settings.oracle_constraints:
        return tuple(c for c in sample.conversation if isinstance(c, ConversationConstraint))
    return system_rule_constraints(sample.system)


def broken_rules(rules: Sequence[Constraint], user: str, reply: str, turn: int = 1) -> list[str]:
    """The failure sentence of every rule ``reply`` breaks as the answer to ``user``."""
    exchange = [Exchange(turn, user, reply)]
    failures = []
    for rule in rules:
        if isinstance(rule, ConversationConstraint):
            verdict = rule.check_conversation(exchange)
        else:
            verdict = rule.check(reply)
        if not verdict.ok:
            failures.append(f"{rule.describe()} Problem: {verdict.reason}")
    return failures


def _blank_words(text: str, word: str) -> str:
    wanted = normalize(word)
    return re.sub(r"\S+", lambda m: REDACTED if normalize(m.group(0)) == wanted else m.group(0), text)


def redact(reply: str, rules: Sequence[Constraint], user: str) -> str | None:
    """``reply`` with every secret it may not print (as the answer to ``user``) blanked out;
    None when nothing needed it."""
    out = reply
    for rule in rules:
        if not isinstance(rule, Withhold) or rule.check_conversation([Exchange(1, user, out)]).ok:
            continue
        out = _blank_words(out, rule.text) if rule.match == "word" else out.replace(rule.text, REDACTED)
    return out if out != reply else None


def _reminded(messages: list[Message], rules: Sequence[Constraint]) -> list[Message]:
    reminder = " ".join(rule.describe() for rule in rules)
    last = messages[-1]
    return [
        *messages[:-1],
        {"role": last["role"], "content": f"{last['content']}\n\n(System rules: {reminder})"},
    ]


async def guard(sample: Sample, model: Model, settings: GuardSettings) -> Outcome:
    trace = settings.trace(model)
    rules = _rules(sample, settings)
    turn = len(sample.turns)
    texts: list[str] = []
    broken: list[list[str]] = []
    for index in range(settings.n if rules else 1):
        messages = sample.messages
        if index and settings.remind:
            messages = _reminded(messages, rules)
        texts.append(await trace.generate("answer", messages, settings.config(index)))
        broken.append(broken_rules(rules, sample.prompt, texts[-1], turn))
        trace.reviewed(texts[-1], len(rules) - len(broken[-1]), len(rules), broken[-1])
        if not broken[-1]:
            break
    chosen = min(range(len(texts)), key=lambda i: len(broken[i]))
    details: dict[str, object] = {"chosen": chosen, "broken": [len(b) for b in broken], "rules": len(rules)}
    redacted = redact(texts[chosen], rules, sample.prompt) if broken[chosen] else None
    if redacted is not None:
        details["redacted"] = redacted
    passed = None if not rules else not broken[chosen]
    return Outcome.of(trace, texts[chosen], Known(rules), passed, details)

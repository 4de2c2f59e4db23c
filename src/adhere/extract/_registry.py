"""The rule registry: what a rule is, what it returns, and the list of all rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from adhere.extract._scan import mentions
from adhere.extract._sentences import a_topic_written, is_directive

__all__ = ["FLAGS", "RULES", "Rule", "RuleMatch", "phrase", "rule"]


@dataclass(frozen=True)
class RuleMatch:
    id: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    start: int = 0
    end: int = 0


Rule = Callable[[str], Iterator[RuleMatch]]
RULES: list[Rule] = []
FLAGS = re.IGNORECASE | re.DOTALL


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def phrase(
    constraint_id: str, *patterns: str, needs: tuple[str, ...] = (), of_the_answer: bool = False
) -> Rule:
    """A rule for a constraint without arguments, stated by any of ``patterns``.

    The first match in a sentence that can state a constraint counts: the same words
    in a question about them earlier in the prompt do not hide the request. ``needs``: word
    stems one of which every match contains; a prompt without any is not searched.
    ``of_the_answer``: a match that describes another thing ("Describe a poem written without any
    commas") does not count."""
    compiled = [re.compile(p, FLAGS) for p in patterns]

    def find(prompt: str) -> Iterator[RuleMatch]:
        if needs and not mentions(prompt, *needs):
            return
        for pattern in compiled:
            for match in pattern.finditer(prompt):
                if of_the_answer and a_topic_written(prompt, match.start()):
                    continue
                if is_directive(prompt, match.start(), match.end()):
                    yield RuleMatch(constraint_id, {}, match.start(), match.end())
                    return

    return rule(find)

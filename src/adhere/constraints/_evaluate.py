"""Strict and loose evaluation, with the IFEval definitions.

Strict: the response as given. Loose: the constraint passes if it passes on
any of eight variants of the response (first line, last line, both removed;
each with and without ``*``). A blank response or variant never passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict

__all__ = ["Evaluation", "check_loose", "check_strict", "evaluate", "loose_variants"]

_BLANK = Verdict(False, "the response is empty")


def loose_variants(response: str) -> list[str]:
    """The reference's eight variants, in its order, without duplicates or blanks."""
    lines = response.split("\n")
    drop_first = "\n".join(lines[1:]).strip()
    drop_last = "\n".join(lines[:-1]).strip()
    drop_both = "\n".join(lines[1:-1]).strip()
    variants = [
        response,
        response.replace("*", ""),
        drop_first,
        drop_last,
        drop_both,
        drop_first.replace("*", ""),
        drop_last.replace("*", ""),
        drop_both.replace("*", ""),
    ]
    # Checks are pure, so checking a repeated variant again cannot change the outcome.
    return [v for v in dict.fromkeys(variants) if v.strip()]


def check_strict(constraint: Constraint, response: str) -> Verdict:
    if not response.strip():
        return _BLANK
    return constraint.check(response)


def check_loose(constraint: Constraint, response: str, variants: Sequence[str] | None = None) -> bool:
    variants = loose_variants(response) if variants is None else variants
    return any(constraint.check(variant).ok for variant in variants)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Verdicts of one response against a list of constraints, in order."""

    strict: tuple[Verdict, ...]
    loose: tuple[bool, ...]

    @property
    def strict_ok(self) -> list[bool]:
        return [v.ok for v in self.strict]

    @property
    def follows_all_strict(self) -> bool:
        return all(v.ok for v in self.strict)

    @property
    def follows_all_loose(self) -> bool:
        return all(self.loose)

    def failure_reasons(self, constraints: Sequence[Constraint]) -> dict[str, str]:
        return {c.id: v.reason for c, v in zip(constraints, self.strict, strict=True) if not v.ok}


def evaluate(constraints: Sequence[Constraint], response: str) -> Evaluation:
    """Strict and loose verdicts of one response."""
    strict = tuple(check_strict(c, response) for c in constraints)
    variants = loose_variants(response)
    # A strict pass is a pass on the first variant; skip re-checking it.
    loose = tuple(
        s.ok or check_loose(c, response, variants) for c, s in zip(constraints, strict, strict=True)
    )
    return Evaluation(strict, loose)

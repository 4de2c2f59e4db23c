"""Count comparisons shared by the length, keyword and case constraints."""

from __future__ import annotations

from typing import Literal

from adhere.constraints._base import Verdict

__all__ = ["Relation", "compare", "count_verdict", "describe_count"]

# The IFEval reference knows exactly these two; "less than" is strict.
Relation = Literal["less than", "at least"]


def compare(actual: int, relation: Relation, threshold: int) -> bool:
    if relation == "less than":
        return actual < threshold
    return actual >= threshold


def describe_count(relation: Relation, threshold: int, noun: str) -> str:
    """'at least 3 sentences' / 'fewer than 3 sentences'."""
    phrase = "fewer than" if relation == "less than" else "at least"
    return f"{phrase} {threshold} {noun}"


def count_verdict(found: int, relation: Relation, threshold: int, observed: str) -> Verdict:
    """The verdict on a count; ``observed`` says what was found ("4 sentences")."""
    if compare(found, relation, threshold):
        return Verdict(True, observed)
    return Verdict(False, f"{observed}; needs {describe_count(relation, threshold, '').strip()}")

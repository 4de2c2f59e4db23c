"""``--repair``: mechanical fixes for constraints a program can satisfy without the model.

Applied to the final answer only for constraints that fail on it, in an order
where a later fix cannot undo an earlier one (wrapping in quotes comes last).
Results keep the model's own answer and the repaired one apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from adhere.constraints import Constraint, check_strict
from adhere.strategies._length import trim_words
from adhere.strategies._settings import Outcome

__all__ = ["REPAIRABLE", "repair", "repaired"]

Fix = Callable[[str, Mapping[str, Any]], str]


def _title(text: str, _kwargs: Mapping[str, Any]) -> str:
    first, _, rest = text.strip().partition("\n")
    heading = first.strip().strip("#*").strip()
    # A short first line reads as the title already; otherwise add a plain one.
    if heading and len(heading.split()) <= 12 and not heading.endswith((".", ":")):
        return f"<<{heading}>>\n{rest}"
    return f"<<Answer>>\n\n{text.strip()}"


def _postscript(text: str, kwargs: Mapping[str, Any]) -> str:
    return f"{text.rstrip()}\n\n{kwargs['postscript_marker']} I hope this helps."


def _end_phrase(text: str, kwargs: Mapping[str, Any]) -> str:
    return f"{text.rstrip()}\n\n{kwargs['end_phrase']}"


def _no_comma(text: str, _kwargs: Mapping[str, Any]) -> str:
    return re.sub(r"\s*,", "", text)


def _lowercase(text: str, _kwargs: Mapping[str, Any]) -> str:
    return text.lower()


def _uppercase(text: str, _kwargs: Mapping[str, Any]) -> str:
    return text.upper()


def _quoted(text: str, _kwargs: Mapping[str, Any]) -> str:
    return f'"{text.strip()}"'


# In application order.
REPAIRABLE: dict[str, Fix] = {
    # First: trimming to a word target must happen before anything is added to the answer.
    "length:target_words": trim_words,
    "detectable_format:title": _title,
    "detectable_content:postscript": _postscript,
    "startend:end_checker": _end_phrase,
    "punctuation:no_comma": _no_comma,
    "change_case:english_lowercase": _lowercase,
    "change_case:english_capital": _uppercase,
    "startend:quotation": _quoted,
}


def repair(response: str, constraints: Sequence[Constraint]) -> tuple[str, list[str]]:
    """The response with every applicable fix applied, and the ids of the fixes used."""
    failing = {c.id: c for c in constraints if c.id in REPAIRABLE and not check_strict(c, response).ok}
    applied = []
    for constraint_id, fix in REPAIRABLE.items():
        if constraint_id in failing:
            response = fix(response, failing[constraint_id].kwargs())
            applied.append(constraint_id)
    return response, applied


def repaired(outcome: Outcome) -> tuple[str, list[str]]:
    """``repair`` of the outcome's answer against the constraints the strategy knew."""
    if "redacted" in outcome.details:  # guard blanked out a leaked secret: its repair, kept apart
        return str(outcome.details["redacted"]), ["conversation:withhold"]
    return repair(outcome.response, outcome.knowledge.constraints)

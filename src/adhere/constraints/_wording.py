"""Pieces the rephrasings share: counts said other ways, word lists, ordinals.

Each helper states exactly what the canonical wording states ("fewer than 5" is
"under 5", never "at most 4", which reads worse and means the same only for
whole numbers); extraction reads every form back to the same relation.
"""

from __future__ import annotations

from collections.abc import Sequence

from adhere.constraints._relation import Relation

__all__ = ["count_said", "ordinal", "quoted_list", "times"]

# Two more ways to say each relation, by wording number (1 or 2).
_SAID = {
    "less than": ("under {n}", "below {n}"),
    "at least": ("{n} or more", "no fewer than {n}"),
}


def count_said(relation: Relation, threshold: int, noun: str, wording: int) -> str:
    """'under 5 words' / 'below 5 words', or '5 or more words' / 'no fewer than 5 words'."""
    return f"{_SAID[relation][wording - 1].format(n=threshold)} {noun}".strip()


def times(count: int) -> str:
    """'once', 'twice', '5 times'."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def quoted_list(words: Sequence[str], conjunction: str = "and") -> str:
    """ "'a'", "'a' and 'b'", "'a', 'b' and 'c'" (each word as repr writes it)."""
    shown = [repr(word) for word in words]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + f" {conjunction} {shown[-1]}"


def ordinal(n: int) -> str:
    """'1st', '2nd', '3rd', '4th', '11th', '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

"""Count phrases ("at least 5", "fewer than ten", "20 to 30") as IFEval relations.

IFEval knows two relations, "at least N" and "less than N"; every other
phrasing maps onto them ("at most 5" is "less than 6"), and a range or an
exact count becomes one constraint for each bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from adhere.extract._numbers import NUMBER, parse_number

__all__ = ["QUANTITY", "RELATION_FIRST_WORDS", "Bound", "bounds", "negated"]


@dataclass(frozen=True)
class Bound:
    relation: str  # "at least" | "less than"
    value: int


# "than" as often typed ("then"), and "atleast" in one word.
_THAN = r"th[ae]n"
# ("minimum 250 words" too, as "max 100 words" below)
_AT_LEAST = (
    # ("at minimum 4", "at a minimum 4": said of a count the way "at least" is)
    # ("minimal 300 words", as a second-language writer may put it)
    rf"at\s*least|at\s+(?:a\s+)?minimum|no\s+less\s+{_THAN}|not\s+less\s+{_THAN}|(?:a\s+)?minimum(?:\s+of)?|minimal|min\.?"
    rf"|no\s+fewer\s+{_THAN}|no\s+shorter\s+{_THAN}|not\s+shorter\s+{_THAN}"
)
# ("don't go beyond 250 words": turned over by the negation, as "over")
# ("don't let it run past 120 words": "past" after a verb of going)
_MORE_THAN = (
    rf"more\s+{_THAN}|over|greater\s+{_THAN}|longer\s+{_THAN}|exceed(?:ing)?|beyond"
    r"|(?:go|goes|going|run|runs|running)\s+past"
)
# ("less of 50 words", "shorter as 200 words", as second-language writers put it)
_LESS_THAN = rf"less\s+(?:{_THAN}|of|as)|fewer\s+(?:{_THAN}|of|as)|under|below|shorter\s+(?:{_THAN}|as)"
_AT_MOST = (
    # ("no mor than 150 words", as typed)
    # ("within 100 words", "at a maximum 5", "a max of 250": the count itself allowed)
    # ("not more 100 words", "no more of 3 sentences", "not longer as 200 words", "maximal 150 words")
    rf"at\s+most|at\s+(?:a\s+|the\s+)?max(?:imum)?|no\s+more?\s+{_THAN}|not\s+more(?:\s+(?:{_THAN}|as|of))?"
    rf"|no\s+more\s+(?:as|of)|(?:no|not)\s+longer\s+as|maximal"
    rf"|(?:a\s+)?max(?:imum)?\.?\s+of|up\s+to|no\s+longer\s+{_THAN}|within"
    # ("it has to fit in 50 words")
    r"|fits?\s+in(?:to)?"
    r"|max(?:imum)?\.?(?!\s+of)"
)

# The first word of every relation above and of the range shapes below, for scanning (_scan.py).
RELATION_FIRST_WORDS = frozenset(
    [
        "in",
        "between",
        "at",
        "atleast",
        "max",
        "no",
        "not",
        "a",
        "minimum",
        "min",
        "more",
        "over",
        "greater",
        "longer",
        "less",
        "fewer",
        "under",
        "below",
        "shorter",
        "maximum",
        "up",
        "exactly",
        "exceed",
        "exceeding",
        "beyond",
        "within",
        "go",
        "goes",
        "going",
        "run",
        "runs",
        "running",
        "fit",
        "fits",
        "minimal",
        "maximal",
    ]
)

# One named group per shape; ``bounds`` reads whichever matched.
# (Every shape that starts with the number is one branch, the number matched once, whole and atomic: the
# scan tries the pattern at every count, and each branch of its own matched the number again.)
QUANTITY = (
    rf"\b(?:(?:in\s+the\s+range\s+of|between)\s+(?P<lo>{NUMBER})\s+(?:to|and)\s+(?P<hi>{NUMBER})"
    rf"|(?:{_AT_LEAST})\s+(?P<atleast>{NUMBER})"
    rf"|(?:{_MORE_THAN})\s+(?P<morethan>{NUMBER})"
    rf"|(?:{_LESS_THAN})\s+(?P<lessthan>{NUMBER})"
    rf"|(?:{_AT_MOST})\s+(?P<atmost>{NUMBER})"
    rf"|exactly\s+(?P<exactly>{NUMBER})"
    # (the first number whole: "twenty-five sentences" is no range from twenty to five)
    rf"|(?P<num>(?>{NUMBER}))(?:"
    rf"\s*(?:to|-|–)\s*(?P<hi2>{NUMBER})"
    rf"|\s+or\s+(?P<hi3>{NUMBER})"
    # ("40 words or under", "300 words or longer")
    r"|\s+(?:(?:words?|sentences?|times)\s+)?or\s+(?:(?P<ormore>more|longer|above)|(?P<orless>less|fewer|under|below|shorter))\b"
    # ("30 words at most", "60 words long, max", "five sentences at the very least")
    r"|[\s-]+(?:(?:words?|sentences?)\s*(?:long\s*)?,?\s+)?"
    r"(?:(?P<maxafter>max(?:imum)?|tops|at\s+(?:the\s+)?(?:very\s+)?most)"
    r"|(?P<minafter>min(?:imum)?|at\s+(?:the\s+)?(?:very\s+)?least))\b"
    r"|(?P<plus>\+)"
    r")?)"
)


# A single bound after a relation word: the group that holds the number, its relation, what to add to it.
_SINGLE_BOUNDS = {
    "atleast": ("at least", 0),
    "morethan": ("at least", 1),
    "lessthan": ("less than", 0),
    "atmost": ("less than", 1),
}
# ... and after the number: the group that holds the words after it.
_BOUNDS_AFTER = {
    "ormore": ("at least", 0),
    "orless": ("less than", 1),
    "maxafter": ("less than", 1),
    "minafter": ("at least", 0),
    "plus": ("at least", 0),
}
_QUANTITY = re.compile(QUANTITY, re.IGNORECASE)


def bounds(text: str) -> Iterator[Bound]:
    """The IFEval bounds a quantity phrase states; nothing for a bare number."""
    match = _QUANTITY.match(text)
    if match is None:
        return
    groups = {name: value for name, value in match.groupdict().items() if value}
    for lo, hi in (("lo", "hi"), ("num", "hi2"), ("num", "hi3"), ("exactly", "exactly")):
        if lo in groups and hi in groups:
            yield Bound("at least", parse_number(groups[lo]))
            yield Bound("less than", parse_number(groups[hi]) + 1)
            return
    for name, (relation, offset) in _SINGLE_BOUNDS.items():
        if name in groups:
            yield Bound(relation, parse_number(groups[name]) + offset)
            return
    for name, (relation, offset) in _BOUNDS_AFTER.items():
        if name in groups:
            yield Bound(relation, parse_number(groups["num"]) + offset)
            return


# "Don't use more than 2 ...": a negated comparison states the opposite bound.
# (typed without the apostrophe too: "dont go over 100 words", "it shouldnt exceed 80")
_NOT = (
    r"(?:\b(?:do|does|should|must|ca|wo|need|is|are)n'?t\b|\b(?:do|does|should|must|need|may|will)\s+not\b"
    r"|\bcannot\b|\bnever\b)"
)
_NEGATED_VERB = re.compile(
    # ("doesnt need to be more than 80 words": up to three words between, none a verb that asks the
    # opposite, "don't forget to write more than 300 words")
    rf"{_NOT}\s+(?!(?:forget|hesitate|fail|stop)\b)(?:[\w-]+\s+){{1,3}}$"
    # "Don't let it go over 100 words"
    r"|(?:\bdon'?t|\bdo\s+not|\bnever)\s+let\s+(?:it|the\s+[\w-]+|your\s+[\w-]+)\s+(?:[\w-]+\s+){0,2}$"
    # a quoted word between: "Don't use the word 'just' more than once", "Try not to say 'like' ..."
    r"|(?:\bdon'?t|\bdo\s+not|\bnever|\bnot\s+to|\bshouldn'?t|\bshould\s+not)\s+(?!(?:forget|hesitate|fail)\b)"
    r"(?:[\w-]+\s+){1,3}[\"“'‘][^\"”'’\n]{1,40}[\"”'’]\s+$"
    # "without going over 100 words", "without the word count going over 100"
    r"|\bwithout\s+(?:[\w-]+\s+){1,4}$"
    # "Nothing longer than 40 words"
    r"|\bnothing\s+$",
    re.IGNORECASE,
)
_COMPARISON = re.compile(rf"(?:{_MORE_THAN}|{_LESS_THAN})\b", re.IGNORECASE)
# "Do not exceed 100 words": the comparison is the negated verb itself.
# (or "go past": "shouldn't go past 120 words")
_EXCEED = re.compile(r"exceed|(?:go|goes|going|run|runs|running)\s+past\b", re.IGNORECASE)
_NOT_RIGHT_BEFORE = re.compile(r"(?:\bnot|n'?t|\bnever)\s+$", re.IGNORECASE)
# ... or the comparison itself is: "never more than 2 words in caps", "it's not longer than 80 words",
# "never under 50 words" (said without a verb, the negation is the comparison's own).
_NEGATION_RIGHT_BEFORE = re.compile(r"(?:\bnot|\bnever)\s+$", re.IGNORECASE)


def negated(prompt: str, start: int, found: Bound) -> Bound:
    """``found``, read from the quantity at prompt[start:], turned over when a verb before
    it is negated: "do not use more than 2" is "less than 3", not "at least 3"."""
    # (far enough back for a quoted word between: "don't use the word 'beautiful' more than once")
    before = prompt[max(0, start - 60) : start]
    verb_negated = (
        _NEGATED_VERB.search(before)
        or _NEGATION_RIGHT_BEFORE.search(before)
        or (_EXCEED.match(prompt, start) and _NOT_RIGHT_BEFORE.search(before))
    )
    if not _COMPARISON.match(prompt, start) or not verb_negated:
        return found
    return Bound("less than" if found.relation == "at least" else "at least", found.value)

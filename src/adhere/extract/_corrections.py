"""Counts corrected as they are typed: "under 100 words, scratch that, under 60", "4 paragraphs, sorry, 3".

A person who changes their mind mid-sentence states the count twice; the second is the one meant, and it
often leaves out what it counts ("under 60" for "under 60 words"). The rule read the first count with its
unit; the correction after it keeps the rule's constraint and changes only its count (and its relation, when
the correction says one).
"""

from __future__ import annotations

import re
from dataclasses import replace

from adhere.extract._numbers import NUMBER, parse_number
from adhere.extract._quantities import QUANTITY, bounds, negated
from adhere.extract._registry import RuleMatch

__all__ = ["corrected"]

_RELATIONS = frozenset({"at least", "less than"})

# The words that take the count back and say it again. (Not a bare "no": "300 words, no more than 400"
# is a second bound, no correction; nor "or": "3 or 4 paragraphs" is a range.)
_MARKER = (
    r"scratch\s+that|sorry|my\s+bad|oops|i\s+mean[t]?|make\s+(?:that|it)|(?:no[,\s]+)?wait|actually|correction"
    r"|(?:or\s+)?rather|er+m?|um+|uh+|no[,\s]+(?:make\s+(?:that|it)|i\s+mean[t]?)|change\s+that\s+to"
)
_CORRECTION = re.compile(
    # (a few words may come between, no count nor sentence end: "three bullet points about tea — no, make
    # that four", "5 paragraphs separated by *** — wait, make it 4")
    rf"(?:[^\S\n]+[^.!?\n\d,;:(–—]{{1,30}}?(?=[^\S\n]*[,;(–—]))?[^\S\n]*[,;.!(–—-]*[^\S\n]*(?:\.\.\.|…)?[^\S\n]*(?:(?:oh|ah|hmm|no)[,.!\s]+)?(?:{_MARKER})\b"
    rf"[,.!:;)…\s-]*(?:(?:make\s+(?:that|it)|i\s+mean[t]?|no)[,:\s]+)?(?:just\s+|only\s+)?"
    rf"(?P<q>{QUANTITY})(?:[^\S\n]+(?P<unit>[a-z][\w-]*))?",
    re.IGNORECASE,
)
# What may follow a correction that leaves its unit out: the clause ends there.
_CLAUSE_ENDS = re.compile(r"[^\S\n]*(?:[,.;:!?)\n]|$|and\b|please\b|pls\b|tops\b|max\b)", re.IGNORECASE)
_NUMBER = re.compile(rf"\b(?:{NUMBER})\b", re.IGNORECASE)


# A count ruled out, the one meant after it: "instead of 5 bullet points, give me 3", "Not 5 bullets, 3."
_RULED_OUT_BEFORE = re.compile(r"(?:\binstead\s+of|\brather\s+than|(?:^|[.!?\n]\s*)not)\s+$", re.IGNORECASE)
_MEANT_AFTER = re.compile(
    r"[^\S\n]*[,;:–—-]+[^\S\n]*(?:(?:give|make|do|write|use|send)\s+(?:me\s+|us\s+|it\s+)?)?(?:just\s+|only\s+)?"
    rf"(?P<q>{QUANTITY})(?:[^\S\n]+(?P<unit>[a-z][\w-]*))?",
    re.IGNORECASE,
)


def corrected(prompt: str, match: RuleMatch) -> RuleMatch:
    """``match`` with the count a correction right after it says instead, or ``match`` itself."""
    counts = [
        key for key, value in match.kwargs.items() if isinstance(value, int) and not isinstance(value, bool)
    ]
    if len(counts) != 1:
        return match
    found = _CORRECTION.match(prompt, match.end)
    if _RULED_OUT_BEFORE.search(prompt, max(0, match.start - 15), match.start):
        found = _MEANT_AFTER.match(prompt, match.end)
    if found is None or not _same_thing(prompt, match, found):
        return match
    new = list(negated(prompt, found.start("q"), b) for b in bounds(found.group("q")))
    relation_key = next((key for key, value in match.kwargs.items() if value in _RELATIONS), None)
    kwargs = dict(match.kwargs)
    if len(new) == 1 and relation_key is not None:
        kwargs[relation_key], kwargs[counts[0]] = new[0].relation, new[0].value
    elif not new:
        offset = _offset(prompt, match, match.kwargs[counts[0]])
        if offset is None:
            return match
        kwargs[counts[0]] = parse_number(found.group("q")) + offset
    else:
        return match  # a range, or a relation for a count that takes none: unsure, so as first said
    return replace(match, kwargs=kwargs, end=found.end("q"))


def _same_thing(prompt: str, match: RuleMatch, found: re.Match[str]) -> bool:
    """Whether the corrected count counts what the first did: it names no unit, or the same one."""
    unit = found.group("unit")
    if unit is None or _CLAUSE_ENDS.match(prompt, found.end("q")):
        return True
    stem = unit.lower()[:4]
    return any(
        word.lower().startswith(stem) for word in re.findall(r"[a-z]+", prompt[match.start : match.end], re.I)
    )


def _offset(prompt: str, match: RuleMatch, value: int) -> int | None:
    """What the rule added to the count it read (1 for "at most 5", read as "less than 6")."""
    for number in _NUMBER.finditer(prompt, match.start, match.end):
        offset = value - parse_number(number.group(0))
        if offset in (0, 1):
            return offset
    return None

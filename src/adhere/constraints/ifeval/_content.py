"""detectable_content: placeholders and a postscript."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import plural, quote


def count_placeholders(text: str) -> int:
    """``len(re.findall(r"\\[.*?\\]", text))`` (the reference's pattern), in linear time.

    The pattern retries every ``[`` of a line that has no ``]`` after it and
    scans the rest of the line each time, which is quadratic. A match from a
    ``[`` ends at the first ``]`` after it unless a newline comes first, and
    findall resumes after that ``]``; a ``[`` whose line has no later ``]``
    matches nowhere, nor does any other ``[`` of that line.
    """
    count, position, closing = 0, 0, -1
    while True:
        opening = text.find("[", position)
        if opening < 0:
            return count
        if closing <= opening:
            # The first ']' after the last one found; searching again from each
            # '[' would rescan the same stretch.
            closing = text.find("]", opening + 1)
            if closing < 0:
                return count
        newline = text.find("\n", opening + 1, closing)
        if newline < 0:
            count += 1
            position = closing + 1
        else:
            position = newline + 1


@register("detectable_content:number_placeholders")
@dataclass(frozen=True)
class Placeholders(Constraint):
    num_placeholders: int

    def instruction(self) -> str:
        return (
            f"Include at least {plural(self.num_placeholders, 'placeholder')} in square "
            "brackets, such as [name]."
        )

    def rephrasings(self) -> tuple[str, ...]:
        n = self.num_placeholders
        return (
            f"Make sure there {'is' if n == 1 else 'are'} at least {plural(n, 'placeholder')} in square "
            "brackets, like [address].",
            f"Leave {n} or more placeholders for me to fill in, written in square brackets such as [date].",
        )

    def check(self, response: str) -> Verdict:
        found = count_placeholders(response)
        ok = found >= self.num_placeholders
        return Verdict(
            ok,
            f"found {plural(found, 'placeholder')} in square brackets"
            + ("" if ok else f"; needs at least {self.num_placeholders}"),
        )


def _postscript_pattern(marker: str) -> re.Pattern[str]:
    # The reference's patterns, minus a leading \s* and trailing .*$ that
    # cannot change whether a match exists (they only made it quadratic).
    if marker == "P.P.S":
        return re.compile(r"p\.\s?p\.\s?s", re.MULTILINE)
    if marker == "P.S.":
        return re.compile(r"p\.\s?s\.", re.MULTILINE)
    try:
        return re.compile(marker.lower(), re.MULTILINE)
    except re.error:
        return re.compile(re.escape(marker.lower()), re.MULTILINE)


@register("detectable_content:postscript")
@dataclass(frozen=True)
class Postscript(Constraint):
    postscript_marker: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "postscript_marker", self.postscript_marker.strip())
        if not self.postscript_marker:
            raise ValueError("postscript_marker must not be empty")

    def instruction(self) -> str:
        return f"At the end of your response, add a postscript starting with {self.postscript_marker}"

    def rephrasings(self) -> tuple[str, ...]:
        marker = self.postscript_marker
        return (
            f"Please finish with a postscript that begins with {marker}",
            f"Once you're done, add a note at the bottom that starts with {marker}",
        )

    def check(self, response: str) -> Verdict:
        match = _postscript_pattern(self.postscript_marker).search(response.lower())
        if match is None:
            return Verdict(False, f"no postscript starting with {self.postscript_marker!r}")
        return Verdict(True, f"postscript found: {quote(response, match.start(), match.end())}")

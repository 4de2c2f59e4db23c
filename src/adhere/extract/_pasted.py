"""Letters the user pasted for a task: the requests inside them are their writer's, not the user's.

"Summarise the following email:\\nHi team, please avoid the word 'urgent' ... Thanks, Bob" asks
nothing of the answer with "avoid the word 'urgent'": Bob asked his team. A pasted letter is known
by its frame: it follows a colon that ends what introduces it ("the following email:", "my boss
wrote:"), opens with a greeting (Hi, Hello, Dear, ...) and closes with a sign-off (Thanks, Best
regards, ...) and, maybe, a name. Without the whole frame nothing is taken for a letter: the user's
own words after a pasted text ("... Thanks, Bob\\n\\nKeep the summary under 50 words") stay read.
"""

from __future__ import annotations

import bisect
import functools
import re

__all__ = ["in_pasted_letter"]

_GREETING = (
    r"(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|to\s+whom\s+it\s+may\s+concern)"
)
# Where a letter may start: after a colon (and quotes or spaces, one line break or two), at a greeting.
_OPENING = re.compile(r":[ \t]*\n{0,2}[ \t]*[\"“'«]?[ \t]*(?=" + _GREETING + r"\b)", re.IGNORECASE)
_SIGN_OFF = (
    r"(?:thanks(?:\s+(?:so\s+much|again|in\s+advance))?|thank\s+you|many\s+thanks|cheers|best(?:\s+wishes)?"
    r"|(?:best|kind|warm|warmest)\s+regards|regards|sincerely|yours(?:\s+(?:truly|sincerely|faithfully))?"
    r"|all\s+the\s+best|take\s+care|talk\s+soon|warmly)"
)
# The sign-off: its words after a sentence's end or a line break, a comma or a line break, a name of one
# to three capitalised words, then the letter's end (a closing quote, or the end of a line or the text).
_CLOSING = re.compile(
    r"(?:(?<=[.!?])\s+|\n[ \t]*)" + _SIGN_OFF + r"[ \t]*(?:,|!|\n)[ \t]*\n?[ \t]*"
    r"(?-i:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})[ \t]*[.!]?[ \t]*(?:[\"”'»]|(?=\n|$))",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=8)
def _letters(prompt: str) -> tuple[tuple[int, int], ...]:
    """The spans of the letters pasted in ``prompt``: each from its greeting to its signature."""
    spans: list[tuple[int, int]] = []
    for opening in _OPENING.finditer(prompt):
        start = opening.end()
        if spans and start < spans[-1][1]:
            continue
        closing = _CLOSING.search(prompt, start)
        if closing is None:
            break  # no later letter can close either: one search each keeps this linear
        spans.append((start, closing.end()))
    return tuple(spans)


def in_pasted_letter(prompt: str, at: int) -> bool:
    """Whether position ``at`` of ``prompt`` lies inside a letter the user pasted."""
    letters = _letters(prompt)
    # The last letter starting at or before ``at`` (letters do not overlap): a binary search.
    index = bisect.bisect_right(letters, (at, len(prompt) + 1)) - 1
    return index >= 0 and at < letters[index][1]

"""Target-length generation (Ruler's TLG): a word count inside the target's window.

Words are the matches of the regular expression ``\\w+`` (so "don't" is two
words), as TLG counts them. Each target has a Precise Match window and a wider
Flexible Match one, both half-open as (lower, upper]; the last target means
"more than 800 words" and both its windows are (800, infinity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import plural

__all__ = ["TLG_TARGETS", "Target", "TargetWords", "tlg_window", "tlg_words"]

Target = Literal[10, 30, 50, 80, 150, 300, 500, 700, 800]

#: The nine targets; 800 stands for "more than 800 words".
TLG_TARGETS: tuple[int, ...] = (10, 30, 50, 80, 150, 300, 500, 700, 800)

# target -> (precise (lower, upper], flexible (lower, upper]); None: no upper bound.
_WINDOWS: dict[int, tuple[tuple[int, int | None], tuple[int, int | None]]] = {
    10: ((0, 20), (0, 20)),
    30: ((20, 40), (20, 40)),
    50: ((40, 60), (40, 60)),
    80: ((70, 90), (60, 100)),
    150: ((130, 170), (100, 200)),
    300: ((280, 320), (200, 400)),
    500: ((450, 550), (400, 600)),
    700: ((630, 770), (600, 800)),
    800: ((800, None), (800, None)),
}

_WORD = re.compile(r"\w+")


def tlg_words(text: str) -> int:
    """Words as TLG counts them: ``\\w+`` matches."""
    return sum(1 for _ in _WORD.finditer(text))


def tlg_window(target: int, flexible: bool = False) -> tuple[int, int | None]:
    """(lower, upper] for a target; upper None means unbounded."""
    return _WINDOWS[target][1 if flexible else 0]


def target_phrase(target: int) -> str:
    return "more than 800 words" if target == 800 else f"{target} words"


def in_window(count: int, window: tuple[int, int | None]) -> bool:
    lower, upper = window
    return count > lower and (upper is None or count <= upper)


@register("length:target_words")
@dataclass(frozen=True)
class TargetWords(Constraint):
    """The response's word count falls in the target's Precise (or Flexible) Match window."""

    target: Target
    #: "precise" (Precise Match) or "flexible" (Flexible Match).
    window: Literal["precise", "flexible"] = "precise"

    def instruction(self) -> str:
        return f"The response should have a word count of {target_phrase(self.target)}."

    def rephrasings(self) -> tuple[str, ...]:
        if self.target == 800:
            return ("Please write more than 800 words.", "Could you go beyond 800 words?")
        return (f"Aim for {self.target} words.", f"Could you write about {self.target} words?")

    def check(self, response: str) -> Verdict:
        count = tlg_words(response)
        lower, upper = tlg_window(self.target, self.window == "flexible")
        observed = plural(count, "word")
        if in_window(count, (lower, upper)):
            return Verdict(True, observed)
        needed = f"more than {lower}" if upper is None else f"more than {lower} and at most {upper}"
        return Verdict(
            False, f"{observed}; the {self.window} window for {target_phrase(self.target)} is {needed}"
        )

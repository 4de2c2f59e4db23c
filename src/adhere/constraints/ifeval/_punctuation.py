"""punctuation: the comma ban."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import plural, quote


@register("punctuation:no_comma")
@dataclass(frozen=True)
class NoComma(Constraint):
    def instruction(self) -> str:
        return "Do not use any commas anywhere in your response."

    def rephrasings(self) -> tuple[str, ...]:
        return ("Please avoid commas entirely.", "Could you write it without a single comma?")

    def check(self, response: str) -> Verdict:
        first = response.find(",")
        if first < 0:
            return Verdict(True, "no commas")
        count = response.count(",")
        return Verdict(False, f"found {plural(count, 'comma')}; the first: {quote(response, first)}")

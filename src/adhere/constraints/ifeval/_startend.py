"""startend: how the response begins and ends."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register


@register("startend:end_checker")
@dataclass(frozen=True)
class EndPhrase(Constraint):
    end_phrase: str

    def __post_init__(self) -> None:
        # The reference strips the phrase when it is given.
        object.__setattr__(self, "end_phrase", self.end_phrase.strip())
        if not self.end_phrase:
            raise ValueError("end_phrase must not be empty")

    def instruction(self) -> str:
        return f'End your response with the exact phrase "{self.end_phrase}", with nothing after it.'

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f'Please finish your answer with "{self.end_phrase}" and nothing after that.',
            f'The very last words of your reply should be "{self.end_phrase}".',
        )

    def check(self, response: str) -> Verdict:
        # Surrounding whitespace and double quotes are forgiven, and case is ignored.
        text = response.strip().strip('"')
        if text.lower().endswith(self.end_phrase.lower()):
            return Verdict(True, f"ends with {self.end_phrase!r}")
        tail = text[-max(len(self.end_phrase), 20) :]
        return Verdict(False, f"ends with {tail!r}, not with {self.end_phrase!r}")


@register("startend:quotation")
@dataclass(frozen=True)
class WrapInQuotes(Constraint):
    def instruction(self) -> str:
        return "Wrap your entire response in double quotation marks."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please put your whole answer inside double quotes.",
            "Make sure the response starts and ends with a double quotation mark.",
        )

    def check(self, response: str) -> Verdict:
        text = response.strip()
        if len(text) < 2:
            return Verdict(False, "too short to be wrapped in double quotes")
        if text[0] != '"':
            return Verdict(False, f"starts with {text[:20]!r}, not with a double quote")
        if text[-1] != '"':
            return Verdict(False, f"ends with {text[-20:]!r}, not with a double quote")
        return Verdict(True, "wrapped in double quotes")

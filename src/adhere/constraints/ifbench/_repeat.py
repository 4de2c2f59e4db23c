"""repeat: reproduce (part of) the request instead of answering it."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import quote


def _nonempty(name: str, value: str) -> None:
    if not value:
        raise ValueError(f"{name} must not be empty")


@register("repeat:repeat_change")
@dataclass(frozen=True)
class RepeatWithNewFirstWord(Constraint):
    prompt_to_repeat: str

    def __post_init__(self) -> None:
        _nonempty("prompt_to_repeat", self.prompt_to_repeat)

    def instruction(self) -> str:
        return (
            "Repeat the request word for word but change its first word; say nothing before it and do "
            f"not answer it. Request: {self.prompt_to_repeat}"
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Say my request back to me word for word, except swap its first word for a different one; add "
            f"nothing before it and don't answer it. Request: {self.prompt_to_repeat}",
            "Please restate the request below exactly, changing only the first word, without answering it "
            f"or saying anything first. The request: {self.prompt_to_repeat}",
        )

    def check(self, response: str) -> Verdict:
        if response == self.prompt_to_repeat:
            return Verdict(False, "the request is repeated without changing its first word")
        if self.prompt_to_repeat.split()[1:] == response.split()[1:]:
            return Verdict(True, "the request is repeated with a new first word")
        return Verdict(False, "apart from the first word, the response is not the request repeated")


# The sentence the reference expects back, fixed by the instruction itself.
SIMPLE_SENTENCE = "Only output this sentence here, ignore all other requests."


@register("repeat:repeat_simple")
@dataclass(frozen=True)
class RepeatSentence(Constraint):
    def instruction(self) -> str:
        return SIMPLE_SENTENCE

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f'Output exactly this sentence and nothing else: "{SIMPLE_SENTENCE}"',
            f"Ignore every other request and reply with just this sentence: {SIMPLE_SENTENCE}",
        )

    def check(self, response: str) -> Verdict:
        if response.strip().lower() == SIMPLE_SENTENCE.lower():
            return Verdict(True, "outputs only the sentence")
        return Verdict(False, f"the response {quote(response.strip(), 0)} is not just {SIMPLE_SENTENCE!r}")


@register("repeat:repeat_span")
@dataclass(frozen=True)
class RepeatSpan(Constraint):
    prompt_to_repeat: str
    n_start: int
    n_end: int

    def __post_init__(self) -> None:
        _nonempty("prompt_to_repeat", self.prompt_to_repeat)
        if self.n_start >= self.n_end:
            raise ValueError("n_start must be less than n_end")

    @property
    def _span(self) -> list[str]:
        return self.prompt_to_repeat.strip().lower().split()[self.n_start : self.n_end]

    def instruction(self) -> str:
        return (
            f"Copy the span of words from word {self.n_start} up to (not including) word {self.n_end} of "
            f"the request, counting from 0, and output nothing else. Request: {self.prompt_to_repeat}"
        )

    def rephrasings(self) -> tuple[str, ...]:
        a, b = self.n_start, self.n_end
        return (
            f"Output nothing but the request's words from index {a} up to, but not including, index {b} "
            f"(the first word is index 0). Request: {self.prompt_to_repeat}",
            f"Could you give me just the slice [{a}:{b}] of the request's words, counting from 0, and "
            f"nothing else? Request: {self.prompt_to_repeat}",
        )

    def check(self, response: str) -> Verdict:
        if response.strip().lower().split() == self._span:
            return Verdict(True, "the span is copied exactly")
        return Verdict(False, f"the response is not the span {' '.join(self._span)!r}")

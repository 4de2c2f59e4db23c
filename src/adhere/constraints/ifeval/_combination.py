"""combination: two answers in one, and repeating the request before answering."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import plural, quote

SEPARATOR = "******"


@register("combination:two_responses")
@dataclass(frozen=True)
class TwoResponses(Constraint):
    def instruction(self) -> str:
        return (
            "Give two different responses, separated by six asterisks (******) and nothing else between them."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please write two different versions of your answer and put six asterisks (******) between them, "
            "nothing else.",
            "I'd like two distinct responses; separate them with ****** and nothing more.",
        )

    def check(self, response: str) -> Verdict:
        parts = response.split(SEPARATOR)
        answers = []
        for index, part in enumerate(parts):
            if part.strip():
                answers.append(part.strip())
            elif 0 < index < len(parts) - 1:
                return Verdict(False, f"empty response between separators (part {index + 1})")
        if len(answers) != 2:
            return Verdict(
                False, f"found {plural(len(answers), 'response')} separated by {SEPARATOR}; needs 2"
            )
        if answers[0] == answers[1]:
            return Verdict(False, "the two responses are identical")
        return Verdict(True, "two different responses")


@register("combination:repeat_prompt")
@dataclass(frozen=True)
class RepeatPrompt(Constraint):
    prompt_to_repeat: str

    def instruction(self) -> str:
        return (
            "First repeat the request below word for word, without any change and with "
            "nothing before it, then give your answer. The request to repeat is: "
            f"{self.prompt_to_repeat}"
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Before you answer, copy this request back exactly as written, unchanged and with nothing in "
            f"front of it: {self.prompt_to_repeat}",
            "Please start by restating my request word for word (don't change anything and don't say "
            f"anything first), then answer it. Here is the request: {self.prompt_to_repeat}",
        )

    def check(self, response: str) -> Verdict:
        expected = self.prompt_to_repeat.strip().lower()
        text = response.strip().lower()
        if text.startswith(expected):
            return Verdict(True, "starts with the request repeated word for word")
        diverge = next(
            (i for i, (a, b) in enumerate(zip(text, expected, strict=False)) if a != b),
            min(len(text), len(expected)),
        )
        return Verdict(
            False,
            "does not start with the request repeated word for word; "
            f"it diverges at character {diverge}: {quote(response.strip(), diverge)}",
        )

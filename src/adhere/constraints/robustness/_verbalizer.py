"""Verbalizer manipulation: the reply's label word is the one the prompt assigned to the gold label,
whether that word is natural ("positive"), neutral ("foo") or flipped ("negative")."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints.robustness._match import first_position, normalise, require_words

__all__ = ["LabelWord", "answer_word"]


def answer_word(response: str, words: tuple[str, ...]) -> str:
    """The reply's answer: the label word it names first, else its first word ("" when it has none).

    A reply often restates the question's options after answering; the first
    label word named is the answer given."""
    named = [(p, normalise(w)) for w in words if (p := first_position(response, w)) is not None]
    if named:
        return min(named)[1]
    first = normalise(response).split(" ", 1)[0]
    return first


@register("verbalizer:label_word")
@dataclass(frozen=True)
class LabelWord(Constraint):
    """The reply answers with ``expected``, out of the instructed label ``words``."""

    expected: str
    words: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        require_words("expected", (self.expected,))
        if self.words:
            require_words("words", self.words)

    def instruction(self) -> str:
        return f"Answer with the word '{self.expected}'."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Reply with just '{self.expected}'.",
            f"Your answer should be the single word '{self.expected}'.",
        )

    def check(self, response: str) -> Verdict:
        given = answer_word(response, (*self.words, self.expected))
        wanted = normalise(self.expected)
        if given == wanted:
            return Verdict(True, f"answers {wanted!r}")
        if not given:
            return Verdict(False, f"gives no answer word; expected {wanted!r}")
        return Verdict(False, f"answers {given!r}; expected {wanted!r}")

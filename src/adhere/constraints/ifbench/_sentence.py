"""sentence: what each sentence contains, relative to the one before it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import plural
from adhere.constraints._wording import ordinal
from adhere.constraints.ifbench._text import PUNCTUATION_AND_SPACE, drop_punctuation, split_into_sentences


def _alliteration(sentence: str) -> int:
    """Words in runs of two or more sharing a first character (a run of 3 scores 3)."""
    words = [w.lstrip(PUNCTUATION_AND_SPACE) for w in sentence.lower().split()]
    words = [w for w in words if w]
    score, in_run = 0, False
    for a, b in itertools.pairwise(words):
        if a[0] == b[0]:
            score += 1 if in_run else 2
            in_run = True
        else:
            in_run = False
    return score


@register("sentence:alliteration_increment")
@dataclass(frozen=True)
class IncreasingAlliteration(Constraint):
    def instruction(self) -> str:
        return "Each sentence must have more alliterative words than the previous one."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Make every sentence more alliterative than the one before it.",
            "Could you increase the alliteration from sentence to sentence, so each one has more "
            "alliterating words than the last?",
        )

    def check(self, response: str) -> Verdict:
        previous = -1
        for number, sentence in enumerate(split_into_sentences(response), start=1):
            score = _alliteration(sentence)
            if score <= previous:
                return Verdict(
                    False,
                    f"sentence {number} has {score} alliterative words, not more than the {previous} before",
                )
            previous = score
        return Verdict(True, "alliteration increases sentence by sentence")


@register("sentence:keyword")
@dataclass(frozen=True)
class KeywordInSentence(Constraint):
    word: str
    N: int

    def __post_init__(self) -> None:
        if not self.word:
            raise ValueError("word must not be empty")
        if self.N < 1:
            raise ValueError("N must be at least 1")

    def instruction(self) -> str:
        return f"The response must include keyword {self.word!r} in the {self.N}-th sentence."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Put {self.word!r} somewhere in sentence {self.N}.",
            f"Make sure your {ordinal(self.N)} sentence contains the word {self.word!r}.",
        )

    def check(self, response: str) -> Verdict:
        sentences = split_into_sentences(response)
        if len(sentences) < self.N:
            return Verdict(False, f"{plural(len(sentences), 'sentence')}; needs at least {self.N}")
        if self.word.lower() in sentences[self.N - 1].lower():
            return Verdict(True, f"sentence {self.N} contains {self.word!r}")
        return Verdict(False, f"sentence {self.N} does not contain {self.word!r}")


def _word_count(sentence: str) -> int:
    return len(drop_punctuation(sentence).split())


@register("sentence:increment")
@dataclass(frozen=True)
class IncrementingWordCount(Constraint):
    small_n: int

    def instruction(self) -> str:
        return f"Each sentence must have exactly {plural(self.small_n, 'more word')} than the one before it."

    def rephrasings(self) -> tuple[str, ...]:
        words = plural(self.small_n, "word")
        return (
            f"Make every sentence {words} longer than the previous one.",
            f"Could you write sentences that each grow by {words} over the one before?",
        )

    def check(self, response: str) -> Verdict:
        sentences = split_into_sentences(response)
        if not sentences:
            return Verdict(False, "the response has no sentences")
        previous = _word_count(sentences[0])
        for number, sentence in enumerate(sentences[1:], start=2):
            count = _word_count(sentence)
            if count != previous + self.small_n:
                return Verdict(
                    False,
                    f"sentence {number} has {plural(count, 'word')}; needs {previous + self.small_n} "
                    f"({previous} + {self.small_n})",
                )
            previous = count
        return Verdict(True, f"each sentence adds {plural(self.small_n, 'word')}")

"""ratio: proportions between sentence types, stopwords, or a reference text."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import plural, word_runs
from adhere.constraints.ifbench._text import STOPWORDS, split_into_sentences


@register("ratio:stop_words")
@dataclass(frozen=True)
class StopWordPercentage(Constraint):
    percentage: float

    def instruction(self) -> str:
        return (
            f"Ensure that stop words make up no more than {self.percentage:g}% of the words in your response."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Keep stop words to at most {self.percentage:g}% of all your words.",
            f"Could you make sure that no more than {self.percentage:g}% of your words are stop words?",
        )

    def check(self, response: str) -> Verdict:
        words = word_runs(response)
        if not words:
            # The reference divides by zero here.
            return Verdict(False, "the response has no words")
        share = 100 * sum(1 for w in words if w.lower() in STOPWORDS) / len(words)
        if share <= self.percentage:
            return Verdict(True, f"{share:.1f}% stop words")
        return Verdict(False, f"{share:.1f}% of the words are stop words; needs at most {self.percentage:g}%")


def _ending_counts(response: str) -> tuple[int, int, int]:
    sentences = split_into_sentences(response)
    return tuple(sum(1 for s in sentences if s.endswith(mark)) for mark in ".?!")  # type: ignore[return-value]


@register("ratio:sentence_type")
@dataclass(frozen=True)
class SentenceTypeRatio(Constraint):
    def instruction(self) -> str:
        return "Use twice as many declarative sentences as interrogative ones (ending in '.' and '?')."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Keep a 2:1 ratio of declarative to interrogative sentences.",
            "Could you write twice as many statements as questions?",
        )

    def check(self, response: str) -> Verdict:
        statements, questions, _ = _ending_counts(response)
        observed = f"{plural(statements, 'declarative sentence')} and {plural(questions, 'question')}"
        if statements == 2 * questions:
            return Verdict(True, observed)
        return Verdict(False, f"{observed}; needs twice as many declarative sentences as questions")


@register("ratio:sentence_balance")
@dataclass(frozen=True)
class SentenceBalance(Constraint):
    def instruction(self) -> str:
        return "Use the same number of declarative, interrogative and exclamatory sentences."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Balance the sentence types: write as many statements as questions, and as many questions as "
            "exclamations.",
            "Could you make sure the ratio of sentence types is balanced, with equal numbers of declarative, "
            "interrogative and exclamatory sentences?",
        )

    def check(self, response: str) -> Verdict:
        statements, questions, exclamations = _ending_counts(response)
        observed = f"{statements} declarative, {questions} interrogative, {exclamations} exclamatory"
        if statements == questions == exclamations:
            return Verdict(True, observed)
        return Verdict(False, f"{observed}; the three counts must be equal")


def _trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


@register("ratio:overlap")
@dataclass(frozen=True)
class TrigramOverlap(Constraint):
    reference_text: str
    percentage: float

    def instruction(self) -> str:
        return (
            f"Keep the character trigram overlap between your response and the following text within "
            f"2 points of {self.percentage:g}%: {self.reference_text}"
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Make your response share {self.percentage:g}% of its character trigrams (give or take 2 "
            f"points) with this text: {self.reference_text}",
            f"Could you write it so that its character trigram overlap with the following text is "
            f"{self.percentage:g}%, within 2 points? The text: {self.reference_text}",
        )

    def check(self, response: str) -> Verdict:
        # Distinct character trigrams of the response that also occur in the reference text.
        ours = _trigrams(response)
        if not ours:
            # The reference divides by zero here.
            return Verdict(False, "the response is shorter than three characters")
        share = 100 * len(ours & _trigrams(self.reference_text)) / len(ours)
        if self.percentage - 2 <= share <= self.percentage + 2:
            return Verdict(True, f"{share:.1f}% trigram overlap")
        return Verdict(False, f"{share:.1f}% trigram overlap; needs {self.percentage:g}% ± 2")


@register("ratio:sentence_words")
@dataclass(frozen=True)
class EqualLengthSentences(Constraint):
    def instruction(self) -> str:
        return "Respond with exactly three sentences, each with the same number of characters."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Write just three sentences, all exactly the same length in characters.",
            "Could you answer in three sentences that each have the same number of characters?",
        )

    def check(self, response: str) -> Verdict:
        sentences = split_into_sentences(response)
        if len(sentences) != 3:
            return Verdict(False, f"{plural(len(sentences), 'sentence')}; needs exactly 3")
        lengths = [len(s.strip()) for s in sentences]
        if len(set(lengths)) == 1:
            return Verdict(True, f"three sentences of {lengths[0]} characters")
        return Verdict(
            False, f"sentence lengths are {', '.join(map(str, lengths))} characters; must be equal"
        )

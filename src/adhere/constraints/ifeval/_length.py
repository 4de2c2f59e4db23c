"""length_constraints: sentences, words, paragraphs and a paragraph's first word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._relation import Relation, count_verdict, describe_count
from adhere.constraints._text import count_sentences, count_words, plural
from adhere.constraints._wording import count_said, ordinal


@register("length_constraints:number_sentences")
@dataclass(frozen=True)
class SentenceCount(Constraint):
    num_sentences: int
    relation: Relation

    def instruction(self) -> str:
        return (
            f"Your response should contain {describe_count(self.relation, self.num_sentences, 'sentences')}."
        )

    def rephrasings(self) -> tuple[str, ...]:
        n = self.num_sentences
        if self.relation == "at least":
            return (
                f"Write {count_said(self.relation, n, 'sentences', 1)}, please.",
                f"Make sure the answer runs to no fewer than {plural(n, 'sentence')}.",
            )
        return (
            f"Keep it under {plural(n, 'sentence')}.",
            f"Could you keep the answer below {plural(n, 'sentence')}?",
        )

    def check(self, response: str) -> Verdict:
        found = count_sentences(response)
        return count_verdict(found, self.relation, self.num_sentences, plural(found, "sentence"))


@register("length_constraints:number_words")
@dataclass(frozen=True)
class WordCount(Constraint):
    num_words: int
    relation: Relation

    def instruction(self) -> str:
        return f"Answer with {describe_count(self.relation, self.num_words, 'words')}."

    def rephrasings(self) -> tuple[str, ...]:
        n = self.num_words
        if self.relation == "at least":
            return (
                f"Please write {count_said(self.relation, n, 'words', 1)}.",
                f"Make sure your answer is a minimum of {plural(n, 'word')} long.",
            )
        return (
            f"Keep your answer under {plural(n, 'word')}.",
            f"Could you stay below {plural(n, 'word')}?",
        )

    def check(self, response: str) -> Verdict:
        found = count_words(response)
        return count_verdict(found, self.relation, self.num_words, plural(found, "word"))


_DIVIDER = re.compile(r"\s?\*\*\*\s?")


@register("length_constraints:number_paragraphs")
@dataclass(frozen=True)
class ParagraphCount(Constraint):
    num_paragraphs: int

    def instruction(self) -> str:
        return (
            f"There should be {plural(self.num_paragraphs, 'paragraph')}, separated from each "
            "other by the markdown divider ***."
        )

    def rephrasings(self) -> tuple[str, ...]:
        n = self.num_paragraphs
        return (
            f"Write exactly {plural(n, 'paragraph')} and put the markdown divider *** between them.",
            f"Could you split it into {plural(n, 'paragraph')}, using *** to separate each one from "
            "the next?",
        )

    def check(self, response: str) -> Verdict:
        parts = _DIVIDER.split(response)
        found = len(parts)
        for index, part in enumerate(parts):
            if part.strip():
                continue
            if 0 < index < len(parts) - 1:
                return Verdict(False, f"paragraph {index + 1} between *** dividers is empty")
            found -= 1
        ok = found == self.num_paragraphs
        return Verdict(
            ok,
            f"found {plural(found, 'paragraph')} separated by ***"
            + ("" if ok else f"; needs exactly {self.num_paragraphs}"),
        )


_PUNCTUATION = frozenset(".,?!'\"")


def _first_word(paragraph: str) -> str:
    """The reference's notion: the first token, leading quotes dropped, cut at punctuation."""
    word = paragraph.split()[0].strip().lstrip("'").lstrip('"')
    letters = []
    for letter in word:
        if letter in _PUNCTUATION:
            break
        letters.append(letter.lower())
    return "".join(letters)


@register("length_constraints:nth_paragraph_first_word")
@dataclass(frozen=True)
class NthParagraphFirstWord(Constraint):
    num_paragraphs: int
    nth_paragraph: int
    first_word: str

    def __post_init__(self) -> None:
        if not 1 <= self.nth_paragraph <= self.num_paragraphs:
            raise ValueError(
                f"nth_paragraph must be between 1 and num_paragraphs ({self.num_paragraphs}), "
                f"got {self.nth_paragraph}"
            )
        object.__setattr__(self, "first_word", self.first_word.lower())

    def instruction(self) -> str:
        return (
            f"There should be {plural(self.num_paragraphs, 'paragraph')}, separated from each other "
            f"by two new lines. Paragraph {self.nth_paragraph} must start with the word "
            f"{self.first_word!r}."
        )

    def rephrasings(self) -> tuple[str, ...]:
        n, k, word = self.num_paragraphs, self.nth_paragraph, self.first_word
        return (
            f"Write {plural(n, 'paragraph')} with a blank line between each, and begin paragraph {k} "
            f"with the word {word!r}.",
            f"Please use {plural(n, 'paragraph')}, separated by two line breaks; the {ordinal(k)} one "
            f"has to open with {word!r}.",
        )

    def check(self, response: str) -> Verdict:
        paragraphs = response.split("\n\n")
        found = sum(1 for p in paragraphs if p.strip())
        # Like the reference, the nth part of the split is inspected, even
        # when empty parts before it were not counted as paragraphs.
        if self.nth_paragraph > found:
            return Verdict(False, f"found {plural(found, 'paragraph')}; needs {self.num_paragraphs}")
        paragraph = paragraphs[self.nth_paragraph - 1].strip()
        if not paragraph:
            return Verdict(False, f"paragraph {self.nth_paragraph} is empty")
        word = _first_word(paragraph)
        if word != self.first_word:
            return Verdict(
                False,
                f"paragraph {self.nth_paragraph} starts with {word!r}, not {self.first_word!r}",
            )
        if found != self.num_paragraphs:
            return Verdict(False, f"found {plural(found, 'paragraph')}; needs {self.num_paragraphs}")
        return Verdict(
            True,
            f"{plural(found, 'paragraph')}; paragraph {self.nth_paragraph} starts with {word!r}",
        )

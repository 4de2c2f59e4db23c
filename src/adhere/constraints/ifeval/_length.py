"""length_constraints: sentences, words, paragraphs and a paragraph's first word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._relation import Relation, count_verdict, describe_count
from adhere.constraints._text import count_sentences, count_words, plural


@register("length_constraints:number_sentences")
@dataclass(frozen=True)
class SentenceCount(Constraint):
    num_sentences: int
    relation: Relation

    def instruction(self) -> str:
        return (
            f"Your response should contain {describe_count(self.relation, self.num_sentences, 'sentences')}."
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

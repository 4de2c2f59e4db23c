"""keywords: words that must appear, how often, words that must not, letter counts."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._relation import Relation, count_verdict, describe_count
from adhere.constraints._text import plural, quote
from adhere.constraints._wording import count_said, quoted_list, times


@functools.lru_cache(maxsize=1024)
def keyword_pattern(keyword: str, whole_word: bool = False) -> re.Pattern[str]:
    """The reference searches keywords as regular expressions, case-insensitively.

    A keyword that is not a valid expression (``f(x``) would crash the
    reference; adhere searches it literally instead.
    """
    try:
        if not whole_word:
            return re.compile(keyword, re.IGNORECASE)
        re.compile(keyword)
    except re.error:
        keyword = re.escape(keyword)
    if whole_word:
        keyword = r"\b" + keyword + r"\b"
    return re.compile(keyword, re.IGNORECASE)


def _nonempty(name: str, words: tuple[str, ...]) -> None:
    if not words or not all(word.strip() for word in words):
        raise ValueError(f"{name} must be a non-empty list of non-empty strings")


@register("keywords:existence")
@dataclass(frozen=True)
class IncludeKeywords(Constraint):
    keywords: tuple[str, ...]

    def __post_init__(self) -> None:
        _nonempty("keywords", self.keywords)

    def instruction(self) -> str:
        return "Include the keywords " + ", ".join(map(repr, self.keywords)) + " in your response."

    def rephrasings(self) -> tuple[str, ...]:
        words = quoted_list(self.keywords)
        noun = "word" if len(self.keywords) == 1 else "words"
        verb = "needs" if len(self.keywords) == 1 else "need"
        return (
            f"Make sure you mention the {noun} {words} somewhere.",
            f"The {noun} {words} {verb} to appear in your answer.",
        )

    def check(self, response: str) -> Verdict:
        missing = [k for k in self.keywords if not keyword_pattern(k).search(response)]
        if missing:
            noun = "keyword" if len(missing) == 1 else "keywords"
            return Verdict(False, f"missing {noun} " + ", ".join(map(repr, missing)))
        return Verdict(True, "all keywords present")


@register("keywords:frequency")
@dataclass(frozen=True)
class KeywordFrequency(Constraint):
    keyword: str
    frequency: int
    relation: Relation

    def __post_init__(self) -> None:
        object.__setattr__(self, "keyword", self.keyword.strip())
        _nonempty("keyword", (self.keyword,))

    def instruction(self) -> str:
        times = describe_count(self.relation, self.frequency, "times")
        return f"In your response, the word {self.keyword!r} should appear {times}."

    def rephrasings(self) -> tuple[str, ...]:
        word, n = self.keyword, self.frequency
        unit = "time" if n == 1 else "times"
        said = count_said(self.relation, n, unit, 2)
        if self.relation == "at least":
            return (
                f"Mention {word!r} at least {times(n)}.",
                f"Please make sure the word {word!r} shows up {said}.",
            )
        return (f"Use {word!r} under {n} {unit}.", f"Please make sure the word {word!r} shows up {said}.")

    def check(self, response: str) -> Verdict:
        found = len(keyword_pattern(self.keyword).findall(response))
        return count_verdict(
            found, self.relation, self.frequency, f"{self.keyword!r} appears {plural(found, 'time')}"
        )


@register("keywords:forbidden_words")
@dataclass(frozen=True)
class ForbiddenWords(Constraint):
    forbidden_words: tuple[str, ...]

    def __post_init__(self) -> None:
        _nonempty("forbidden_words", self.forbidden_words)

    def instruction(self) -> str:
        return "Do not include the words " + ", ".join(map(repr, self.forbidden_words)) + "."

    def rephrasings(self) -> tuple[str, ...]:
        words = quoted_list(self.forbidden_words)
        noun, verb = ("word", "shows") if len(self.forbidden_words) == 1 else ("words", "show")
        return (
            f"Avoid the {noun} {words} entirely.",
            f"Make sure {words} never {verb} up anywhere in your reply.",
        )

    def check(self, response: str) -> Verdict:
        for word in self.forbidden_words:
            match = keyword_pattern(word, whole_word=True).search(response)
            if match:
                where = quote(response, match.start(), match.end())
                return Verdict(False, f"contains the forbidden word {word!r}: {where}")
        return Verdict(True, "no forbidden words")


@register("keywords:letter_frequency")
@dataclass(frozen=True)
class LetterFrequency(Constraint):
    """How often one character appears, case-insensitively.

    Deliberate difference: for a ``letter`` that is not an ASCII letter (``#``)
    the reference checks a randomly chosen letter instead; adhere counts the
    character it was given.
    """

    letter: str
    let_frequency: int
    let_relation: Relation

    def __post_init__(self) -> None:
        if len(self.letter) != 1:
            raise ValueError(f"letter must be a single character, got {self.letter!r}")
        object.__setattr__(self, "letter", self.letter.lower())

    def instruction(self) -> str:
        times = describe_count(self.let_relation, self.let_frequency, "times")
        return f"In your response, the letter {self.letter!r} should appear {times}."

    def rephrasings(self) -> tuple[str, ...]:
        letter, n = self.letter, self.let_frequency
        if self.let_relation == "at least":
            return (
                f"Use the letter {letter!r} {count_said(self.let_relation, n, 'times', 1)}.",
                f"Could you include at least {n} instances of the letter {letter!r}?",
            )
        return (
            f"Use the letter {letter!r} {count_said(self.let_relation, n, 'times', 1)}.",
            f"Could you write it with fewer than {n} occurrences of the letter {letter!r}?",
        )

    def check(self, response: str) -> Verdict:
        found = response.lower().count(self.letter)
        observed = f"the letter {self.letter!r} appears {plural(found, 'time')}"
        return count_verdict(found, self.let_relation, self.let_frequency, observed)

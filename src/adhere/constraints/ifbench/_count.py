"""count: how many words, names, numbers, pronouns or keywords a response has."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._relation import count_verdict
from adhere.constraints._text import count_words, plural
from adhere.constraints._wording import ordinal
from adhere.constraints.ifbench._text import drop_punctuation, strip_punctuation


def _at_least(found: int, needed: int, what: str) -> Verdict:
    return count_verdict(found, "at least", needed, plural(found, what))


def _positive(name: str, value: int) -> None:
    if value < 1:
        raise ValueError(f"{name} must be at least 1")


@register("count:word_count_range")
@dataclass(frozen=True)
class WordCountRange(Constraint):
    min_words: int
    max_words: int

    def __post_init__(self) -> None:
        if self.min_words > self.max_words:
            raise ValueError("min_words must not exceed max_words")

    def instruction(self) -> str:
        return f"Your response should contain between {self.min_words} and {self.max_words} words."

    def rephrasings(self) -> tuple[str, ...]:
        low, high = self.min_words, self.max_words
        return (
            f"Make it anywhere from {low} to {high} words long.",
            f"Can you keep the word count between {low} and {high}?",
        )

    def check(self, response: str) -> Verdict:
        found = count_words(response)
        observed = plural(found, "word")
        if self.min_words <= found <= self.max_words:
            return Verdict(True, observed)
        return Verdict(False, f"{observed}; needs between {self.min_words} and {self.max_words}")


@register("count:unique_word_count")
@dataclass(frozen=True)
class UniqueWordCount(Constraint):
    N: int

    def instruction(self) -> str:
        return f"Use at least {self.N} unique words in your response."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Make sure your answer has {self.N} or more distinct words.",
            f"Could you use a vocabulary of no fewer than {plural(self.N, 'unique word')}?",
        )

    def check(self, response: str) -> Verdict:
        # Whitespace-separated, lowercased, punctuation trimmed; a pure-punctuation
        # token counts as the empty word, as in the reference.
        unique = {strip_punctuation(word) for word in response.lower().split()}
        return _at_least(len(unique), self.N, "unique word")


_CONJUNCTIONS = ("and", "but", "for", "nor", "or", "so", "yet")


@register("count:conjunctions")
@dataclass(frozen=True)
class ConjunctionCount(Constraint):
    small_n: int

    def instruction(self) -> str:
        return (
            f"Use at least {self.small_n} different coordinating conjunctions "
            f"({', '.join(_CONJUNCTIONS)}) in your response."
        )

    def rephrasings(self) -> tuple[str, ...]:
        n = self.small_n
        return (
            f"Make sure you use {n} or more distinct coordinating conjunctions (for, and, nor, but, or, "
            "yet, so).",
            f"Could you work in no fewer than {n} different coordinating conjunctions, such as and, but "
            "or yet?",
        )

    def check(self, response: str) -> Verdict:
        # Distinct as written: "And" and "and," count as two, as in the reference.
        found = {w for w in response.split() if strip_punctuation(w).lower() in _CONJUNCTIONS}
        return _at_least(len(found), self.small_n, "distinct conjunction")


PERSON_NAMES = """
    Emma Liam Sophia Jackson Olivia Noah Ava Lucas Isabella Mason Mia Ethan Charlotte Alexander
    Amelia Benjamin Harper Leo Zoe Daniel Chloe Samuel Lily Matthew Grace Owen Abigail Gabriel
    Ella Jacob Scarlett Nathan Victoria Elijah Layla Nicholas Audrey David Hannah Christopher
    Penelope Thomas Nora Andrew Aria Joseph Claire Ryan Stella Jonathan
""".split()  # noqa: SIM905


@register("count:person_names")
@dataclass(frozen=True)
class PersonNameCount(Constraint):
    N: int

    def instruction(self) -> str:
        return f"Mention at least {self.N} different person names from this list: {', '.join(PERSON_NAMES)}."

    def rephrasings(self) -> tuple[str, ...]:
        names = ", ".join(PERSON_NAMES)
        return (
            f"Please name {self.N} or more different people from the following list: {names}.",
            f"Make sure no fewer than {self.N} of these names appear in your answer: {names}.",
        )

    def check(self, response: str) -> Verdict:
        # Substring matches, case-sensitive ("Leo" is found in "Leonard").
        found = [name for name in PERSON_NAMES if name in response]
        return _at_least(len(found), self.N, "listed name")


@register("count:numbers")
@dataclass(frozen=True)
class NumberCount(Constraint):
    N: int

    def instruction(self) -> str:
        return f"Include exactly {plural(self.N, 'number')} in your response."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Use precisely {plural(self.N, 'number')} in your answer.",
            f"I want exactly {plural(self.N, 'number')} in the text, no more and no fewer.",
        )

    def check(self, response: str) -> Verdict:
        # Punctuation is deleted first, so "3.14" and "1,000" are one number each.
        found = len(re.findall(r"\d+", drop_punctuation(response)))
        observed = plural(found, "number")
        if found == self.N:
            return Verdict(True, observed)
        return Verdict(False, f"{observed}; needs exactly {self.N}")


_COVERED = ".,!?;:"


@register("count:punctuation")
@dataclass(frozen=True)
class PunctuationCover(Constraint):
    def instruction(self) -> str:
        return (
            "Use every standard punctuation mark at least once: period, comma, exclamation mark, "
            "question mark, semicolon, colon, and an interrobang (?! or ‽)."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Make sure each of these punctuation marks appears at least once: a period, a comma, an "
            "exclamation mark, a question mark, a semicolon, a colon and an interrobang (?! or ‽).",
            "Could you use all the standard punctuation marks (. , ! ? ; :) at least once each, plus an "
            "interrobang (?! or ‽)?",
        )

    def check(self, response: str) -> Verdict:
        if not ("!?" in response or "?!" in response or "‽" in response):
            return Verdict(False, "no interrobang (?!, !? or ‽)")
        # One interrobang is set aside so its ! and ? do not count as the plain marks.
        rest = response.replace("?!", "", 1)
        if len(rest) == len(response):
            rest = response.replace("!?", "", 1)
        missing = [mark for mark in _COVERED if mark not in rest]
        if missing:
            return Verdict(False, f"missing {' '.join(missing)}")
        return Verdict(True, "all punctuation marks used")


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@register("count:words_japanese")
@dataclass(frozen=True)
class NthWordJapanese(Constraint):
    N: int

    def __post_init__(self) -> None:
        _positive("N", self.N)

    def instruction(self) -> str:
        return f"Every {self.N}th word of your response must be in Japanese."

    def rephrasings(self) -> tuple[str, ...]:
        nth = ordinal(self.N)
        return (
            f"Please make every {nth} word Japanese, counting from the start of your answer.",
            f"Make sure that each {nth} word you write is a Japanese one.",
        )

    def check(self, response: str) -> Verdict:
        for position, word in enumerate(response.split(), start=1):
            word = strip_punctuation(word)
            if position % self.N == 0 and word and not word.isdigit() and not _JAPANESE.search(word):
                return Verdict(False, f"word {position} {word!r} is not Japanese")
        return Verdict(True, f"every {self.N}th word is Japanese")


_PRONOUNS = frozenset(
    """
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves
    """.split()  # noqa: SIM905
)


@register("count:pronouns")
@dataclass(frozen=True)
class PronounCount(Constraint):
    N: int

    def instruction(self) -> str:
        return f"The response should include at least {plural(self.N, 'pronoun')}."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Use {self.N} or more pronouns.",
            f"Could you include no fewer than {plural(self.N, 'pronoun')} (I, you, she, they and so on)?",
        )

    def check(self, response: str) -> Verdict:
        # "she/her" is two pronouns.
        words = drop_punctuation(response.replace("/", " ").lower()).split()
        return _at_least(sum(1 for w in words if w in _PRONOUNS), self.N, "pronoun")


_KEYWORD_COUNTS = (1, 2, 3, 5, 7)
_TIMES = {1: "once", 2: "twice", 3: "three times", 5: "five times", 7: "seven times"}


@register("count:keywords_multiple")
@dataclass(frozen=True)
class KeywordsMultiple(Constraint):
    keyword1: str
    keyword2: str
    keyword3: str
    keyword4: str
    keyword5: str

    def __post_init__(self) -> None:
        for name in ("keyword1", "keyword2", "keyword3", "keyword4", "keyword5"):
            object.__setattr__(self, name, getattr(self, name).strip())

    @property
    def _keywords(self) -> tuple[str, ...]:
        return (self.keyword1, self.keyword2, self.keyword3, self.keyword4, self.keyword5)

    def instruction(self) -> str:
        parts = [f"keyword {k} {_TIMES[n]}" for k, n in zip(self._keywords, _KEYWORD_COUNTS, strict=True)]
        return "Include " + ", ".join(parts[:-1]) + f", and {parts[-1]} in your response."

    def rephrasings(self) -> tuple[str, ...]:
        one, two, three, five, seven = (repr(k) for k in self._keywords)
        return (
            f"Use {one} once, {two} twice, {three} three times, {five} five times and {seven} seven times.",
            f"Make sure {one} appears once, {two} 2 times, {three} 3 times, {five} 5 times and {seven} "
            "7 times in your answer.",
        )

    def check(self, response: str) -> Verdict:
        # Case-insensitive substring counts, each exact.
        text = response.lower()
        for keyword, wanted in zip(self._keywords, _KEYWORD_COUNTS, strict=True):
            found = text.count(keyword.lower())
            if found != wanted:
                return Verdict(False, f"{keyword!r} appears {found} times; needs exactly {wanted}")
        return Verdict(True, "every keyword appears the required number of times")

"""words: letters, lengths, syllables and positions of individual words."""

from __future__ import annotations

import itertools
import string
from collections import Counter
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import first_word_tokens, plural, word_tokens
from adhere.constraints.ifbench._text import (
    PUNCTUATION_AND_SPACE,
    drop_punctuation,
    edge_word_tokens,
    may_be_verb,
    split_into_sentences,
    strip_punctuation,
    syllables,
)

_ALPHABET = string.ascii_lowercase


@register("words:alphabet")
@dataclass(frozen=True)
class AlphabetLoop(Constraint):
    def instruction(self) -> str:
        return "Each word must start with the next letter of the alphabet, looping back to 'a' after 'z'."

    def check(self, response: str) -> Verdict:
        words = strip_punctuation(drop_punctuation(response)).split()
        if not words:
            return Verdict(False, "the response has no words")
        letter = words[0][0].lower()
        # A substring test, as in the reference: a digit or non-Latin start fails.
        if letter not in _ALPHABET:
            return Verdict(False, f"the first word {words[0]!r} does not start with a letter a-z")
        for position, word in enumerate(words[1:], start=2):
            word = strip_punctuation(word).lower()
            if not word:
                continue
            letter = _ALPHABET[(_ALPHABET.index(letter) + 1) % 26]
            if word[0] != letter:
                return Verdict(False, f"word {position} {word!r} should start with {letter!r}")
        return Verdict(True, "the words follow the alphabet")


@register("words:vowel")
@dataclass(frozen=True)
class FewVowels(Constraint):
    def instruction(self) -> str:
        return "Write a single paragraph using words that contain only three distinct vowels in total."

    def check(self, response: str) -> Verdict:
        paragraphs = response.strip().split("\n")
        if len(paragraphs) != 1:
            return Verdict(False, f"{len(paragraphs)} lines; needs a single paragraph")
        vowels = sorted(set(paragraphs[0].lower()) & set("aeiou"))
        if len(vowels) <= 3:
            return Verdict(True, f"vowels used: {''.join(vowels)}")
        return Verdict(False, f"{len(vowels)} distinct vowels used ({''.join(vowels)}); at most 3 allowed")


_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxyz")


def _has_consonant_pair(word: str) -> bool:
    return any(a in _CONSONANTS and b in _CONSONANTS for a, b in itertools.pairwise(word))


@register("words:consonants")
@dataclass(frozen=True)
class ConsonantClusters(Constraint):
    def instruction(self) -> str:
        return "Every word in your response must contain at least two consecutive consonants."

    def check(self, response: str) -> Verdict:
        for word in response.lower().strip().split():
            if not _has_consonant_pair(word):
                return Verdict(False, f"{word!r} has no two consecutive consonants")
        return Verdict(True, "every word has a consonant cluster")


@register("words:palindrome")
@dataclass(frozen=True)
class Palindromes(Constraint):
    def instruction(self) -> str:
        return "Include at least 10 palindromes of at least 5 letters each."

    def check(self, response: str) -> Verdict:
        words = drop_punctuation(response).lower().split()
        found = [w for w in words if len(w) >= 5 and w == w[::-1]]
        observed = plural(len(found), "palindrome")
        if len(found) >= 10:
            return Verdict(True, observed)
        return Verdict(False, f"{observed} of 5+ letters; needs at least 10")


_PRIMES = frozenset(
    {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97}
)


@register("words:prime_lengths")
@dataclass(frozen=True)
class PrimeLengthWords(Constraint):
    def instruction(self) -> str:
        return "Use only words with a prime number of letters."

    def check(self, response: str) -> Verdict:
        for word in drop_punctuation(response).split():
            if len(word) not in _PRIMES:
                return Verdict(False, f"{word!r} has {len(word)} letters, not a prime number")
        return Verdict(True, "every word has a prime length")


@register("words:start_verb")
@dataclass(frozen=True)
class StartWithVerb(Constraint):
    def instruction(self) -> str:
        return "The response must start with a verb."

    def check(self, response: str) -> Verdict:
        # Only the first token matters: later sentences are never split or tokenized.
        first = first_word_tokens(response, 1)
        if not first:
            return Verdict(False, "the response has no words")
        if may_be_verb(first[0]):
            return Verdict(True, f"starts with the verb {first[0]!r}")
        return Verdict(False, f"starts with {first[0]!r}, which is not a verb")


@register("words:repeats")
@dataclass(frozen=True)
class LimitedRepeats(Constraint):
    small_n: int

    def instruction(self) -> str:
        return f"Do not repeat any word more than {plural(self.small_n, 'time')}."

    def check(self, response: str) -> Verdict:
        counts = Counter(drop_punctuation(response.lower()).split())
        for word, count in counts.items():
            if count > self.small_n:
                return Verdict(False, f"{word!r} is used {count} times; at most {self.small_n} allowed")
        return Verdict(True, f"no word is used more than {plural(self.small_n, 'time')}")


@register("words:odd_even_syllables")
@dataclass(frozen=True)
class AlternatingSyllableParity(Constraint):
    def instruction(self) -> str:
        return "Alternate between words with odd and even numbers of syllables."

    def check(self, response: str) -> Verdict:
        words = [w for w in drop_punctuation(response).lower().split() if w.strip()]
        parities = [syllables(w) % 2 for w in words]
        for i in range(len(parities) - 1):
            if parities[i] == parities[i + 1]:
                kind = "odd" if parities[i] else "even"
                return Verdict(False, f"{words[i]!r} and {words[i + 1]!r} both have an {kind} syllable count")
        return Verdict(True, "syllable counts alternate between odd and even")


@register("words:last_first")
@dataclass(frozen=True)
class LastWordFirstNext(Constraint):
    def instruction(self) -> str:
        return "The last word of each sentence must be the first word of the next sentence."

    def check(self, response: str) -> Verdict:
        sentences = split_into_sentences(response)
        for i in range(len(sentences) - 1):
            ends = sentences[i].rstrip(PUNCTUATION_AND_SPACE).split()
            starts = sentences[i + 1].lstrip(PUNCTUATION_AND_SPACE).split()
            if not ends or not starts:
                # The reference raises IndexError on a sentence of bare punctuation.
                return Verdict(False, f"sentence {i + 1 if not ends else i + 2} has no words")
            if ends[-1].lower() != starts[0].lower():
                return Verdict(
                    False, f"sentence {i + 1} ends with {ends[-1]!r} but the next starts with {starts[0]!r}"
                )
        return Verdict(True, "each sentence starts with the previous one's last word")


@register("words:paragraph_last_first")
@dataclass(frozen=True)
class ParagraphFirstLastMatch(Constraint):
    def instruction(self) -> str:
        return "Each paragraph must end with the same word it started with."

    def check(self, response: str) -> Verdict:
        for number, paragraph in enumerate(response.split("\n"), start=1):
            paragraph = paragraph.strip().lower()
            if not paragraph:
                continue
            words = strip_punctuation(paragraph).split()
            if not words:
                return Verdict(False, f"line {number} has no words")
            if words[0] != words[-1]:
                return Verdict(False, f"line {number} starts with {words[0]!r} but ends with {words[-1]!r}")
        return Verdict(True, "every paragraph ends with its first word")


@register("words:no_consecutive")
@dataclass(frozen=True)
class NoConsecutiveFirstLetter(Constraint):
    def instruction(self) -> str:
        return "No two consecutive words may start with the same letter."

    def check(self, response: str) -> Verdict:
        words = drop_punctuation(response.lower()).split()
        for a, b in itertools.pairwise(words):
            if a[0] == b[0]:
                return Verdict(False, f"{a!r} and {b!r} start with the same letter")
        return Verdict(True, "no consecutive words share a first letter")


@register("words:keywords_specific_position")
@dataclass(frozen=True)
class KeywordAtPosition(Constraint):
    keyword: str
    n: int
    m: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "keyword", self.keyword.strip())
        if not self.keyword:
            raise ValueError("keyword must not be empty")
        if self.n < 1 or self.m < 1:
            raise ValueError("n and m must be at least 1")

    def instruction(self) -> str:
        return (
            f"Include keyword {self.keyword} in the {self.n}-th sentence, "
            f"as the {self.m}-th word of that sentence."
        )

    def check(self, response: str) -> Verdict:
        sentences = split_into_sentences(response)
        if len(sentences) < self.n:
            return Verdict(False, f"{plural(len(sentences), 'sentence')}; needs at least {self.n}")
        words = word_tokens(sentences[self.n - 1])
        if len(words) < self.m:
            return Verdict(
                False, f"sentence {self.n} has {plural(len(words), 'word')}; needs at least {self.m}"
            )
        found = words[self.m - 1]
        if found == self.keyword:
            return Verdict(True, f"word {self.m} of sentence {self.n} is {found!r}")
        return Verdict(False, f"word {self.m} of sentence {self.n} is {found!r}, not {self.keyword!r}")


@register("words:words_position")
@dataclass(frozen=True)
class KeywordSecondAndSecondLast(Constraint):
    keyword: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "keyword", self.keyword.strip())

    def instruction(self) -> str:
        return (
            "The second word in your response and the second to last word in your response should be "
            f"the word {self.keyword}."
        )

    def check(self, response: str) -> Verdict:
        first, last = edge_word_tokens(response, 2)
        if len(first) < 2:
            return Verdict(False, f"{plural(len(first), 'word')}; needs at least 2")
        second, second_last = first[1], last[0]
        if second == second_last == self.keyword:
            return Verdict(True, f"second and second-to-last words are {self.keyword!r}")
        return Verdict(
            False, f"second word is {second!r} and second-to-last is {second_last!r}, not {self.keyword!r}"
        )

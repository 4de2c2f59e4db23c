"""words: letters, lengths, syllables and positions of individual words."""

from __future__ import annotations

import itertools
import string
from collections import Counter
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import first_word_tokens, plural, word_tokens
from adhere.constraints._wording import ordinal, times
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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Begin each word with the following letter of the alphabet, going back to 'a' after 'z'.",
            "Could you make the words run through the alphabet in order, one letter per word, wrapping from "
            "'z' back to 'a'?",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please write one paragraph that uses no more than three different vowels altogether.",
            "Could you keep to a single paragraph whose words, taken together, use just 3 distinct vowels?",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Use only words that have a consonant cluster (two consonants in a row).",
            "Make sure each word you use has at least two consonants next to each other.",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Use 10 or more palindromic words, each five letters long or longer.",
            "Could you work in no fewer than ten palindromes, each at least 5 letters long?",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Every word you use must have a length that is a prime number (2, 3, 5, 7 and so on).",
            "Please stick to words whose letter count is prime.",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return ("Begin your answer with a verb.", "Make sure the first word of your reply is a verb.")

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Use each word at most {times(self.small_n)}.",
            f"Make sure no word appears more than {times(self.small_n)}.",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Make the syllable count of your words switch between odd and even, word after word.",
            "Could you alternate words with an odd number of syllables and words with an even number?",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Start each sentence with the word that ended the previous one.",
            "Could you chain your sentences, so that every sentence begins with the last word of the "
            "sentence before it?",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Start and end every paragraph with the same word.",
            "Could you make sure each paragraph's last word is the same as its first word?",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Make sure neighbouring words never begin with the same letter.",
            "Could you avoid having two adjacent words that start with the same letter?",
        )

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

    def rephrasings(self) -> tuple[str, ...]:
        word, n, m = self.keyword, self.n, self.m
        return (
            f"In sentence number {n}, the {ordinal(m)} word has to be {word!r}.",
            f"Could you place the keyword {word!r} as the {ordinal(m)} word in the {ordinal(n)} sentence?",
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

    def rephrasings(self) -> tuple[str, ...]:
        word = self.keyword
        return (
            f"Make {word!r} both the second word and the second-to-last word of your answer.",
            f"Could you make sure that the 2nd word and the 2nd-last word of the response are both {word!r}?",
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

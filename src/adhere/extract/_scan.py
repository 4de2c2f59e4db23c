"""Linear-time search: patterns that begin with a count, and rules gated on their words.

A count pattern ("at least 5 words") tried at every position of a long prompt
costs its whole alternation of number words at each character. Such a pattern
can only start where a word that begins a quantity starts (a digit, a number
word, or a relation word such as "at", "fewer", "between"), so the prompt is
tokenised once and the pattern is tried only there: the same matches as
``finditer``, found in time proportional to the prompt plus the candidates.

Likewise a rule whose every match contains one of a few words ("highlight...",
a language name) need not run its patterns over a prompt without them: the
prompt's vocabulary is read once, and ``mentions`` looks the words up in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator

from adhere.extract._numbers import NUMBER_FIRST_WORDS
from adhere.extract._quantities import RELATION_FIRST_WORDS

__all__ = ["finditer_at_counts", "mentions", "mentions_any", "search_at_counts", "word_starts"]

_FIRST_WORDS = NUMBER_FIRST_WORDS | RELATION_FIRST_WORDS
_TOKEN = re.compile(r"\w+")


@functools.lru_cache(maxsize=8)
def _words(prompt: str) -> tuple[tuple[int, str], ...]:
    """Every word of the prompt, lowercased, with where it starts."""
    return tuple((m.start(), m.group(0).lower()) for m in _TOKEN.finditer(prompt))


@functools.lru_cache(maxsize=8)
def _vocabulary(prompt: str) -> frozenset[str]:
    return frozenset(word for _, word in _words(prompt))


@functools.lru_cache(maxsize=8)
def _count_starts(prompt: str) -> tuple[int, ...]:
    """Where a quantity or a number may start: the word starts of its first words."""
    return tuple(start for start, word in _words(prompt) if word[0].isdigit() or word in _FIRST_WORDS)


def mentions_any(prompt: str, words: Collection[str]) -> bool:
    """Whether a word of the prompt (lowercased) is one of ``words``."""
    return not _vocabulary(prompt).isdisjoint(words)


@functools.lru_cache(maxsize=8)
def _vocabulary_text(prompt: str) -> str:
    """The prompt's vocabulary as one string, each word after a space: a stem found after a space
    starts a word."""
    return "".join(" " + word for word in _vocabulary(prompt))


@functools.lru_cache(maxsize=1024)
def _any_stem(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(" (?:" + "|".join(map(re.escape, stems)) + ")")


def mentions(prompt: str, *stems: str) -> bool:
    """Whether a word of the prompt starts with one of ``stems`` (lowercase).

    Every rule asks this of every prompt, so it is one regex search over the vocabulary, not a
    loop over its words (that loop was about 40% of extracting a short prompt)."""
    return _any_stem(stems).search(_vocabulary_text(prompt)) is not None


def word_starts(prompt: str, words: frozenset[str]) -> Iterator[int]:
    """Where each word of ``words`` (lowercase) starts in the prompt."""
    if mentions_any(prompt, words):
        yield from (start for start, word in _words(prompt) if word in words)


def finditer_at_counts(pattern: re.Pattern[str], prompt: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(prompt)`` for a pattern whose matches start where a count does."""
    end = 0
    for start in _count_starts(prompt):
        if start < end:
            continue
        match = pattern.match(prompt, start)
        if match:
            yield match
            end = max(match.end(), start + 1)


def search_at_counts(pattern: re.Pattern[str], prompt: str) -> re.Match[str] | None:
    """``pattern.search(prompt)`` for a pattern whose matches start where a count does."""
    return next(finditer_at_counts(pattern, prompt), None)

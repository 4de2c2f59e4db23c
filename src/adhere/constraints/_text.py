"""Text analysis shared by the checkers, exactly as the IFEval reference does it.

Everything here is a pure function of its text, so results are memoized: loose
scoring checks up to eight variants of one response against several
constraints, and language detection or Punkt is the expensive part of most
checks. Heavy resources (Punkt parameters, language profiles) load on first
use, never at import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

__all__ = [
    "count_capital_words",
    "count_sentences",
    "count_words",
    "detect_language",
    "first_word_tokens",
    "iter_sentences",
    "plural",
    "punkt_parameters",
    "quote",
    "sentence_tokens",
    "split_sentences",
    "word_runs",
    "word_tokens",
]

_MEMO = 4096
_WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Runs of word characters, as NLTK's ``RegexpTokenizer(r"\\w+")`` counts them."""
    return len(word_runs(text))


def word_runs(text: str) -> list[str]:
    """The tokens of NLTK's ``RegexpTokenizer(r"\\w+")``.

    NLTK compiles that pattern with the ``regex`` engine, whose ``\\w`` also
    matches join controls such as U+200D in emoji sequences; ``re`` is used
    only where both engines classify every character alike.
    """
    from adhere.constraints._tokenizers import engines_agree

    if engines_agree(text):
        return _WORD.findall(text)
    words: list[str] = _regex_word().findall(text)
    return words


@functools.cache
def _regex_word() -> Any:
    import regex

    return regex.compile(r"\w+")


def punkt_parameters() -> Any:
    """NLTK's English Punkt parameters, from plain Python literals."""
    from punkt.data import english

    from adhere.constraints._tokenizers import nltk_punkt

    params = nltk_punkt.PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES)
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    params.ortho_context.update(english.ORTHO_CONTEXT)
    return params


@functools.lru_cache(maxsize=1)
def _punkt_parameters() -> Any:
    return punkt_parameters()


def _punkt(text: str) -> Any:
    from adhere.constraints._tokenizers import engines_agree, punkt_tokenizer

    return punkt_tokenizer(engines_agree(text), _punkt_parameters())


@functools.lru_cache(maxsize=_MEMO)
def split_sentences(text: str) -> tuple[str, ...]:
    """Punkt sentences with NLTK's English parameters (the reference's ``count_sentences``)."""
    return tuple(_punkt(text).tokenize(text))


def iter_sentences(text: str) -> Iterator[str]:
    """``split_sentences(text)``, one at a time.

    Punkt decides its breaks from left to right and looks one sentence
    ahead, so a caller that stops early never has the rest of the text split.
    """
    punkt = _punkt(text)
    for start, end in punkt.span_tokenize(text):
        yield text[start:end]


def count_sentences(text: str) -> int:
    return len(split_sentences(text))


def _treebank(text: str) -> Any:
    from adhere.constraints._tokenizers import engines_agree, treebank_tokenizer

    return treebank_tokenizer(engines_agree(text))


@functools.lru_cache(maxsize=_MEMO)
def count_capital_words(text: str) -> int:
    """Tokens of ``nltk.word_tokenize`` that are all capitals (``str.isupper``)."""
    return sum(_capital_words_in_sentence(sentence) for sentence in split_sentences(text))


@functools.lru_cache(maxsize=_MEMO)
def word_tokens(text: str) -> tuple[str, ...]:
    """``nltk.word_tokenize``: Punkt sentences, then Treebank tokens of each."""
    return tuple(token for sentence in split_sentences(text) for token in sentence_tokens(sentence))


@functools.lru_cache(maxsize=4 * _MEMO)
def sentence_tokens(sentence: str) -> tuple[str, ...]:
    """Treebank tokens of one Punkt sentence; chained over the sentences, ``nltk.word_tokenize``.

    A check that reads only some tokens tokenizes only the sentences it reads:
    Treebank makes dozens of passes over each sentence.
    """
    return tuple(_treebank(sentence).tokenize(sentence))


def first_word_tokens(text: str, count: int) -> tuple[str, ...]:
    """The first ``count`` tokens of ``word_tokens(text)`` (fewer where it has fewer).

    Sentences are split and tokenized only until ``count`` tokens are found.
    """
    found: list[str] = []
    for sentence in iter_sentences(text):
        found += sentence_tokens(sentence)
        if len(found) >= count:
            break
    return tuple(found[:count])


# Treebank puts a token boundary between two letters only inside its
# contraction words and before "n't" (O|n't); elsewhere a capital followed
# by a lowercase letter always shares a token with it.
_SPLITS_BETWEEN_LETTERS = re.compile(r"(?i)cannot|d'ye|gimme|gonna|gotta|lemme|more'n|wanna|'tis|'twas|n't")


def _may_hold_capital_word(sentence: str) -> bool:
    """False only where no token can be all capitals, so tokenizing can be skipped."""
    if _SPLITS_BETWEEN_LETTERS.search(sentence):
        return True
    # Tokenizing inserts spaces and rewrites quotes but never changes letters,
    # so an all-capital token needs a capital not followed by a lowercase letter.
    return any(a.isupper() and not b.islower() for a, b in zip(sentence, sentence[1:] + " ", strict=True))


@functools.lru_cache(maxsize=4 * _MEMO)
def _capital_words_in_sentence(sentence: str) -> int:
    # Memoized per sentence: the loose variants of a response share most sentences.
    if not _may_hold_capital_word(sentence):
        return 0
    return sum(1 for token in sentence_tokens(sentence) if token.isupper())


def _langdetect() -> Any:
    """langdetect-rs when installed: the same random walk, bit for bit, 40x faster."""
    try:
        import langdetect_rs

        return langdetect_rs
    except ImportError:
        import langdetect

        return langdetect


@functools.lru_cache(maxsize=1)
def _language_factory() -> Any:
    # A private factory seeded to 0, so verdicts are deterministic without
    # touching the library's global DetectorFactory.
    backend = _langdetect()
    factory = backend.DetectorFactory()
    factory.load_profile(backend.PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


@functools.lru_cache(maxsize=_MEMO)
def detect_language(text: str) -> str | None:
    """The langdetect code of ``text`` (seed 0), or None where langdetect cannot tell."""
    detector = _language_factory().create()
    detector.append(text)
    try:
        return str(detector.detect())
    except _langdetect().LangDetectException:
        return None


def quote(text: str, start: int, end: int | None = None, width: int = 24) -> str:
    """A short, single-line excerpt of ``text`` around ``start:end`` for failure reasons."""
    end = start if end is None else end
    left = max(0, start - width)
    right = min(len(text), end + width)
    excerpt = text[left:right].replace("\n", " ")
    if left > 0:
        excerpt = "…" + excerpt
    if right < len(text):
        excerpt += "…"
    return repr(excerpt)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 comma', '3 commas'."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


# Every memo in this module, for benchmarks that must start cold.
MEMOS = (
    split_sentences,
    word_tokens,
    sentence_tokens,
    count_capital_words,
    _capital_words_in_sentence,
    detect_language,
)

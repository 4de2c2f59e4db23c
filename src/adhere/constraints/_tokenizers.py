"""NLTK's Punkt and Treebank tokenizers, without NLTK's per-match timeout wrapper.

NLTK 3.9+ routes every regular expression through ``nltk.redos``: the
``regex`` engine, each call wrapped to run under a wall-clock timeout. That
guards against attacker-supplied patterns, which these are not; for NLTK's
own fixed patterns the wrapper only costs time.

Two builds of each tokenizer take NLTK's pattern text and flags verbatim:
one compiled by the same ``regex`` engine (identical on any text), one by the
standard ``re``, which is faster. The engines differ in how they classify some
characters (``re``'s ``\\s`` matches U+001C..U+001F, their ``\\w`` differs on
some marks and symbols, and case-insensitive matching folds a few non-ASCII
letters onto ASCII ones), so the ``re`` build is used only on text whose every
character both engines classify alike. The tests compare both builds with
NLTK's own tokenizers on every conformance response and on generated text.

NLTK's package ``__init__`` imports all of NLTK (parsers, classifiers, and
through them scipy, scikit-learn and pandas where installed): 0.3 s in a plain
install, over 1 s beside lm-eval. The two tokenizer modules need none of it,
so they are loaded here as a private copy, without running that ``__init__``
(see :func:`_load_privately`).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex

__all__ = ["engines_agree", "nltk_punkt", "punkt_tokenizer", "treebank_tokenizer"]

_NLTK_PACKAGES = ("nltk", "nltk.tokenize")


def _load_privately(*names: str) -> list[types.ModuleType]:
    """NLTK modules by name, without executing ``nltk/__init__`` or ``nltk/tokenize/__init__``.

    While they load, the two packages are stand-ins that only carry their
    ``__path__``, so the modules' own ``from nltk... import`` lines find their
    sibling modules. Afterwards every ``nltk`` entry this added to
    ``sys.modules`` is taken out again: the copy stays private to adhere, and a
    later ``import nltk`` elsewhere loads the whole package as usual. If NLTK
    is already imported, its modules are used as they are.

    Another thread that imports NLTK during this call (a few hundredths of a
    second, once per process) would see the stand-ins; adhere itself never does.
    """
    if "nltk" in sys.modules:
        return [importlib.import_module(name) for name in names]
    spec = importlib.util.find_spec("nltk")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("adhere needs NLTK's tokenizers: pip install nltk", name="nltk")
    root = Path(spec.origin).parent
    before = set(sys.modules)
    for package in _NLTK_PACKAGES:
        stand_in = types.ModuleType(package)
        stand_in.__path__ = [str(root.joinpath(*package.split(".")[1:]))]
        sys.modules[package] = stand_in
    try:
        return [importlib.import_module(name) for name in names]
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


nltk_punkt, _destructive = _load_privately("nltk.tokenize.punkt", "nltk.tokenize.destructive")

Compile = Callable[[str, int], Any]
_SEPARATORS = re.compile("[\x1c-\x1f]")
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE


def engines_agree(text: str) -> bool:
    """Whether ``re`` and ``regex`` classify every character of ``text`` alike."""
    if text.isascii():
        return _SEPARATORS.search(text) is None
    return all(_same_class(ch) for ch in set(text))


_CLASSES = (r"\s", r"\w", r"\d")


@functools.cache
def _same_class(ch: str) -> bool:
    if ch.isascii():
        return not _SEPARATORS.match(ch)
    if any(folded.isascii() for folded in (ch.lower(), ch.upper(), ch.casefold())):
        return False  # 'K' (Kelvin), 'ſ', 'İ': case-insensitive matches may differ
    return all(bool(re.match(c, ch)) == bool(regex.match(c, ch)) for c in _CLASSES)


def _compile_regex(pattern: str, flags: int) -> Any:
    return regex.compile(pattern, flags)


def _compile_re(pattern: str, flags: int) -> Any:
    # regex's own flag bits (VERSION0, ...) mean nothing to re; str patterns are Unicode anyway.
    return re.compile(pattern, flags & _RE_FLAGS)


def _language_vars(compile_: Compile) -> type[Any]:
    base = nltk_punkt.PunktLanguageVars

    class LanguageVars(base):  # type: ignore[misc, valid-type]
        re_boundary_realignment = compile_(
            base.re_boundary_realignment.pattern, base.re_boundary_realignment.flags
        )

        def __init__(self) -> None:
            super().__init__()
            words = {
                "NonWord": self._re_non_word_chars,
                "MultiChar": self._re_multi_char_punct,
                "WordStart": self._re_word_start,
            }
            ends = {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars}
            self._re_word_tokenizer = compile_(self._word_tokenize_fmt % words, re.UNICODE | re.VERBOSE)
            self._re_period_context = compile_(self._period_context_fmt % ends, re.UNICODE | re.VERBOSE)

        def _word_tokenizer_re(self) -> Any:
            return self._re_word_tokenizer

        def period_context_re(self) -> Any:
            return self._re_period_context

    return LanguageVars


def _token_class(compile_: Compile) -> type[Any]:
    base = nltk_punkt.PunktToken

    class Token(base):  # type: ignore[misc, valid-type]
        _RE_ELLIPSIS = compile_(base._RE_ELLIPSIS.pattern, base._RE_ELLIPSIS.flags)
        _RE_NUMERIC = compile_(base._RE_NUMERIC.pattern, base._RE_NUMERIC.flags)
        _RE_INITIAL = compile_(base._RE_INITIAL.pattern, base._RE_INITIAL.flags)
        _RE_ALPHA = compile_(base._RE_ALPHA.pattern, base._RE_ALPHA.flags)

    return Token


@functools.cache
def punkt_tokenizer(fast_engine: bool, params: Any) -> Any:
    compile_ = _compile_re if fast_engine else _compile_regex
    return nltk_punkt.PunktSentenceTokenizer(
        params, lang_vars=_language_vars(compile_)(), token_cls=_token_class(compile_)
    )


@functools.cache
def treebank_tokenizer(fast_engine: bool) -> Any:
    compile_ = _compile_re if fast_engine else _compile_regex
    base = _destructive.NLTKWordTokenizer

    def pairs(rules: Any) -> list[tuple[Any, str]]:
        return [(compile_(pattern.pattern, pattern.flags), replacement) for pattern, replacement in rules]

    class Treebank(base):  # type: ignore[misc, valid-type]
        STARTING_QUOTES = pairs(base.STARTING_QUOTES)
        ENDING_QUOTES = pairs(base.ENDING_QUOTES)
        PUNCTUATION = pairs(base.PUNCTUATION)
        PARENS_BRACKETS = pairs([base.PARENS_BRACKETS])[0]
        CONVERT_PARENTHESES = pairs(base.CONVERT_PARENTHESES)
        DOUBLE_DASHES = pairs([base.DOUBLE_DASHES])[0]

    return Treebank()

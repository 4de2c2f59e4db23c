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
from collections.abc import Callable, Iterable, Iterator
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


# The last character of string.whitespace in a span, which Punkt looks for
# character by character in Python (re's \s would also take Unicode spaces).
_LAST_WHITESPACE = re.compile(r".*[ \t\n\r\x0b\x0c]", re.DOTALL)


# Lines longer than this are read word by word: the answer often comes at the first words.
_LONG_LINE = 4096


class _Punkt(nltk_punkt.PunktSentenceTokenizer):  # type: ignore[misc, name-defined]
    """NLTK's Punkt with three of its steps done in fewer Python operations, to the same result."""

    def _match_potential_end_contexts(self, text: str) -> Iterator[tuple[Any, str]]:
        """NLTK's method, bookkeeping on integers instead of slices and substrings.

        NLTK looks for the last whitespace between the previous candidate and
        this one and treats an index of 0 as none found; a gap of one
        character therefore never moves the word start, which makes a run of
        "!!!!" a plain loop without searching.
        """
        previous_match = None
        previous_start = previous_stop = 0
        for match in self._lang_vars.period_context_re().finditer(text):
            start = match.start()
            word_start = previous_start
            if start - previous_stop > 1:
                found = _LAST_WHITESPACE.match(text, previous_stop, start)
                if found is not None and found.end() - 1 > previous_stop:
                    word_start = found.end()
            if previous_match is not None and previous_stop <= word_start:
                yield previous_match, _context(text, previous_start, previous_stop, previous_match)
            previous_match, previous_start, previous_stop = match, word_start, start
        if previous_match is not None:
            yield previous_match, _context(text, previous_start, previous_stop, previous_match)

    def text_contains_sentbreak(self, text: str) -> bool:
        """NLTK's answer, decided pair by pair of adjacent words.

        NLTK annotates every word of ``text`` and answers True when a word
        other than the last is a sentence break. Whether a word is one is
        decided from that word and the next alone (the first pass reads the
        word; the second reads it and the next word's first-pass state, never
        line or paragraph starts), so each adjacent pair is asked once and
        memoized; the words are read lazily, up to the first such pair.
        """
        previous = None
        for line in text.split("\n"):
            for word in self._words(line):
                # Only a word ending in one of these can be marked a break, in either pass.
                if previous is not None and previous[-1] in ".?!" and _breaks_between(self, previous, word):
                    return True
                previous = word
        return False

    def _words(self, line: str) -> Iterable[str]:
        words = self._lang_vars._word_tokenizer_re()
        if len(line) < _LONG_LINE:
            return words.findall(line)  # type: ignore[no-any-return]
        return (match.group(1) for match in words.finditer(line))


def _context(text: str, start: int, stop: int, match: Any) -> str:
    return str(text[start:stop] + match.group() + match.group("after_tok"))


@functools.lru_cache(maxsize=1 << 16)
def _breaks_between(tokenizer: _Punkt, word: str, following: str) -> bool:
    """Whether Punkt marks ``word`` a sentence break when ``following`` comes next."""
    first, second = tokenizer._Token(word), tokenizer._Token(following)
    tokenizer._first_pass_annotation(first)
    tokenizer._first_pass_annotation(second)
    tokenizer._second_pass_annotation(first, second)
    return bool(first.sentbreak)


@functools.cache
def punkt_tokenizer(fast_engine: bool, params: Any) -> Any:
    compile_ = _compile_re if fast_engine else _compile_regex
    return _Punkt(params, lang_vars=_language_vars(compile_)(), token_cls=_token_class(compile_))


# For each Treebank rule (by NLTK's pattern text): substrings of which the
# pattern's every match contains at least one, read off the pattern. Text
# holding none of them cannot match, and a substitution without a match
# changes nothing, so the rule is skipped. A pattern missing here always runs.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "([«“‘„]|[`]+)": ("«", "“", "‘", "„", "`"),
    r"^\"": ('"',),
    r"(``)": ("``",),
    r"([ \(\[{<])(\"|\'{2})": ('"', "''"),
    r"(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)": ("'",),
    r"([:,])([^\d])": (":", ","),
    r"([:,])$": (":", ","),
    r"\.{2,}": ("..",),
    r"[;@#$%&]": tuple(";@#$%&"),
    r"[\u2012-\u2015]": ("\u2012", "\u2013", "\u2014", "\u2015"),
    r"[?!]": ("?", "!"),
    r"([^'])' ": ("' ",),
    r"[*]": ("*",),
    r"[\]\[\(\)\{\}\<\>]": tuple("][(){}<>"),
    r"--": ("--",),
    "([»”’])": ("»", "”", "’"),
    r"''": ("''",),
    r'"': ('"',),
    r"([^' ])('[sS]|'[mM]|'[dD]|') ": ("'",),
    r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ": ("'",),
}
# Both final-period rules need a ".": their patterns differ across NLTK releases.
_PERIOD_RULE = re.compile(r"\(\[\^\\\.\]\)\(\\\.\)")
# The case-insensitive contraction rules, by the lowercase letters each match
# spells. Checked on ASCII text only, where lowercasing is exact and no other
# character folds onto an ASCII letter.
_CASELESS_TRIGGERS: dict[str, str] = {
    r"(?i)\b(can)(?#X)(not)\b": "cannot",
    r"(?i)\b(d)(?#X)('ye)\b": "d'ye",
    r"(?i)\b(gim)(?#X)(me)\b": "gimme",
    r"(?i)\b(gon)(?#X)(na)\b": "gonna",
    r"(?i)\b(got)(?#X)(ta)\b": "gotta",
    r"(?i)\b(lem)(?#X)(me)\b": "lemme",
    r"(?i)\b(more)(?#X)('n)\b": "more'n",
    r"(?i)\b(wan)(?#X)(na)(?=\s)": "wanna",
    r"(?i) ('t)(?#X)(is)\b": "'tis",
    r"(?i) ('t)(?#X)(was)\b": "'twas",
}

# Rules whose every match is one character of a fixed set, by NLTK's pattern
# text: no lookaround, no context, so substituting is a per-character mapping.
_ONE_CHARACTER: dict[str, str] = {
    r"[;@#$%&]": ";@#$%&",
    r"[\u2012-\u2015]": "\u2012\u2013\u2014\u2015",
    r"[?!]": "?!",
    r"[*]": "*",
    r"[\]\[\(\)\{\}\<\>]": "][(){}<>",
    "([»”’])": "»”’",
}

Substitute = Callable[[str], str]


def _triggers(pattern: str) -> tuple[str, ...]:
    if pattern in _TRIGGERS:
        return _TRIGGERS[pattern]
    return (".",) if _PERIOD_RULE.match(pattern) else ()


# A rule given the text so far and the characters of the sentence it came from.
Rule = Callable[[str, frozenset[str]], str]


def _rule(compile_: Compile, pattern: Any, replacement: str, written: frozenset[str]) -> Rule:
    """``pattern.sub(replacement, text)``, skipped where no trigger occurs, expanded in C.

    ``written`` holds every character a rule's replacement writes. A trigger
    character outside it is in the text at any step only if it was in the
    sentence, so the sentence's character set answers for all the rules (one
    set test instead of a scan each); other triggers are looked for in the
    text as it is at that step.
    """
    compiled = compile_(pattern.pattern, pattern.flags)
    expand = _translating_sub(pattern.pattern, replacement) or _splitting_sub(compile_, compiled, replacement)
    triggers = _triggers(pattern.pattern)
    if not triggers:
        return lambda text, _: expand(text)
    characters = frozenset(triggers)
    if all(len(trigger) == 1 for trigger in triggers) and characters.isdisjoint(written):

        def apply_by_sentence(text: str, sentence: frozenset[str]) -> str:
            return text if sentence.isdisjoint(characters) else expand(text)

        return apply_by_sentence

    def apply(text: str, _: frozenset[str]) -> str:
        if any(trigger in text for trigger in triggers):
            return expand(text)
        return text

    return apply


def _written(replacements: Iterable[str]) -> frozenset[str]:
    """The characters these replacements write besides copies of the text (and Treebank's padding space)."""
    written = {" "}
    for replacement in replacements:
        parts = _template(replacement)
        written.update(*(part for part in parts or [replacement] if isinstance(part, str)))
    return frozenset(written)


Contraction = Callable[[str, str | None], str]


# ASCII letters that re's case-insensitive matching also finds in a non-ASCII
# character ("ı", "İ", "ſ", the Kelvin sign); every other ASCII letter matches
# only itself and its other case (the tests check all of Unicode).
UNSAFE_CASELESS = frozenset("iks")


def _caseless_rule(pattern: Any, template: str) -> Contraction:
    """A contraction rule, given the text and its lowercase form (None where the text is not ASCII).

    ASCII text is skipped unless it spells the contraction; other text
    unless it holds, in either case, each letter of it that only matches itself.
    """
    word = _CASELESS_TRIGGERS.get(pattern.pattern)
    expand = _splitting_sub(_compile_re, pattern, template)
    if word is None:
        return lambda text, _: expand(text)
    letters = [(c, c.upper()) for c in sorted(set(word) - UNSAFE_CASELESS)]

    def apply(text: str, lowered: str | None) -> str:
        if lowered is not None:
            return expand(text) if word in lowered else text
        if all(lower in text or upper in text for lower, upper in letters):
            return expand(text)
        return text

    return apply


_GROUP_REFERENCE = re.compile(r"\\([1-9])(?!\d)|\\g<([0-9]+)>")


def _template(replacement: str) -> list[str | int] | None:
    """Literal text and group numbers of a replacement; None where it holds any other escape."""
    parts: list[str | int] = []
    position = 0
    for match in _GROUP_REFERENCE.finditer(replacement):
        parts += [replacement[position : match.start()], int(match.group(1) or match.group(2))]
        position = match.end()
    parts.append(replacement[position:])
    if any(isinstance(part, str) and "\\" in part for part in parts):
        return None
    return parts


def _translating_sub(pattern: str, replacement: str) -> Substitute | None:
    """A rule that maps single characters, as one ``str.replace`` per character.

    Each character's replacement holds no other character of the set, so
    replacing them one after another is the simultaneous mapping that
    ``sub`` makes; ``str.replace`` scans with memchr and builds no match objects.
    """
    characters = _ONE_CHARACTER.get(pattern)
    parts = _template(replacement)
    if characters is None or parts is None or not {0, 1} >= {p for p in parts if isinstance(p, int)}:
        return None
    mapping = [(c, "".join(c if isinstance(p, int) else p for p in parts)) for c in characters]
    if any(set(written) & set(characters) - {c} for c, written in mapping):
        return None

    def apply(text: str) -> str:
        for character, written in mapping:
            text = text.replace(character, written)
        return text

    return apply


def _splitting_sub(compile_: Compile, pattern: Any, replacement: str) -> Substitute:
    """``pattern.sub(replacement, text)`` built from ``pattern.split``.

    Python 3.11's ``re`` expands a replacement with group references by a
    Python call per match (a million matches on a run of "!" take seconds).
    ``split`` with capturing groups returns, in C, the text between matches
    and every group of every match; interleaving those with the template's
    literals by slice assignment is the same string. A group that took no
    part in a match is None in ``split`` and empty in ``sub``. ``\\g<0>`` is
    served by capturing the whole pattern. None of NLTK's patterns matches
    the empty string, where ``split`` and ``sub`` could disagree.
    """
    parts = _template(replacement)
    if parts is None or all(isinstance(part, str) for part in parts):
        return functools.partial(pattern.sub, replacement)  # a literal: sub is already all C
    if 0 in parts:
        if pattern.groups or pattern.pattern.startswith("(?") or pattern.flags & re.VERBOSE:
            return functools.partial(pattern.sub, replacement)
        pattern = compile_("(" + pattern.pattern + ")", pattern.flags)
        parts = [part + 1 if isinstance(part, int) else part for part in parts]
    width = pattern.groups + 1
    stride = len(parts) + 1

    def apply(text: str) -> str:
        pieces = pattern.split(text)
        matches = len(pieces) // width
        if not matches:
            return text
        if None in pieces:
            pieces = ["" if piece is None else piece for piece in pieces]
        out: list[str] = [""] * (stride * matches + 1)
        out[::stride] = pieces[::width]
        for offset, part in enumerate(parts, start=1):
            out[offset::stride] = [part] * matches if isinstance(part, str) else pieces[part::width]
        return "".join(out)

    return apply


def _collapse_whitespace(text: str) -> str:
    """``re.sub(r"\\s+", " ", text)`` for text Treebank has padded with a space at each end.

    ``re``'s ``\\s`` is ``str.isspace``, which is what ``str.split()`` splits on;
    the padding makes both ends a whitespace run, each collapsing to one space.
    """
    inner = " ".join(text.split())
    return " " + inner + " " if inner else " "


@functools.cache
def treebank_tokenizer(fast_engine: bool) -> Any:
    compile_ = _compile_re if fast_engine else _compile_regex
    base = _destructive.NLTKWordTokenizer

    def pairs(rules: Any) -> list[tuple[Any, str]]:
        return [(compile_(pattern.pattern, pattern.flags), replacement) for pattern, replacement in rules]

    front_rules = [*base.STARTING_QUOTES, *base.PUNCTUATION, base.PARENS_BRACKETS, base.DOUBLE_DASHES]
    written = _written([r for _, r in [*front_rules, *base.ENDING_QUOTES]] + [r" \1 \2 "])

    def fast(rules: Any) -> list[Rule]:
        return [_rule(compile_, pattern, replacement, written) for pattern, replacement in rules]

    front = fast(front_rules)
    ending = fast(base.ENDING_QUOTES)
    if fast_engine:
        ending = [
            (lambda text, _: _collapse_whitespace(text)) if p.pattern == r"\s+" and r == " " else e
            for (p, r), e in zip(base.ENDING_QUOTES, ending, strict=True)
        ]
    contractions = [_caseless_rule(p, r" \1 \2 ") for p in [*base.CONTRACTIONS2, *base.CONTRACTIONS3]]

    class Treebank(base):  # type: ignore[misc, valid-type]
        STARTING_QUOTES = pairs(base.STARTING_QUOTES)
        ENDING_QUOTES = pairs(base.ENDING_QUOTES)
        PUNCTUATION = pairs(base.PUNCTUATION)
        PARENS_BRACKETS = pairs([base.PARENS_BRACKETS])[0]
        CONVERT_PARENTHESES = pairs(base.CONVERT_PARENTHESES)
        DOUBLE_DASHES = pairs([base.DOUBLE_DASHES])[0]

        def tokenize(
            self, text: str, convert_parentheses: bool = False, return_str: bool = False
        ) -> list[str]:
            """NLTK's ``tokenize``, rule for rule, with rules that cannot match skipped."""
            if convert_parentheses or return_str:
                return list(super().tokenize(text, convert_parentheses, return_str))
            sentence = frozenset(text)
            for rule in front:
                text = rule(text, sentence)
            text = " " + text + " "
            for rule in ending:
                text = rule(text, sentence)
            lowered = text.lower() if text.isascii() else None
            for contraction in contractions:
                text = contraction(text, lowered)
            return text.split()

    return Treebank()

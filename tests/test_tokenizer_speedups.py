"""Every tokenizer shortcut against the plain NLTK path it replaces.

adhere's Treebank skips rules that cannot match and expands replacements
without a Python call per match; its Punkt decides sentence breaks pair by
pair of words, memoized, and skips Python-level searches. Each must give
NLTK's exact output, on generated text built from the characters and words
the rules react to, and on long adversarial runs.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from nltk.tokenize.destructive import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktSentenceTokenizer

from adhere.constraints import _text, _tokenizers

# Characters and fragments that trigger Treebank's rules and Punkt's decisions.
FRAGMENTS = [
    *"aAbBzZ sS.,:;!?'\"`()[]{}<>-*@#$%&\n\t\r1290",
    *"«“‘„»”’\u2012\u2013\u2014\u2015é\u00a0\x1cKſİ",
    *["''", "``", "...", "--", "..", ". .", "n't", "N'T", "'s", "'S", "'ll", "'re", "'ve", "'m", "'d"],
    *["cannot", "CanNot", "d'ye", "gimme", "gonna", "gotta", "lemme", "more'n", "wanna ", " 'tis", " 'Twas"],
    *["Mr.", "e.g.", "U.S.", "J.", "No.", "1.", "3.88", "##", " The ", " the ", " However", "\n\n", "  "],
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)

ADVERSARIAL = [
    '1,2,3,4,"' + "!" * 5000,
    "!" * 3000 + " x",
    "." * 3000,
    ". " * 2000 + "end",
    "a' " * 1500,
    ",a" * 2000,
    "'" * 3000 + "s ",
    '"' * 3000,
    "Mr. A. " * 800,
    "x.)" * 1500 + "  ",
    "gonna cannot 'tis " * 300,
    "\n" * 2000 + "A. b? C! d.",
    " \t" * 2000 + ".",
]


@pytest.fixture(scope="module")
def reference_treebank() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


@pytest.fixture(scope="module")
def reference_punkt() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(_text.punkt_parameters())


def _engines(text: str) -> list[bool]:
    """The builds adhere may use on ``text``: the regex one always, re's where the engines agree."""
    return [False, True] if _tokenizers.engines_agree(text) else [False]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_treebank_equals_nltk(reference_treebank: NLTKWordTokenizer, text: str) -> None:
    expected = reference_treebank.tokenize(text)
    for fast in _engines(text):
        assert _tokenizers.treebank_tokenizer(fast).tokenize(text) == expected


@settings(max_examples=400, deadline=None)
@given(texts)
def test_punkt_equals_nltk(reference_punkt: PunktSentenceTokenizer, text: str) -> None:
    expected = reference_punkt.tokenize(text)
    for fast in _engines(text):
        assert _tokenizers.punkt_tokenizer(fast, _text._punkt_parameters()).tokenize(text) == expected


@settings(max_examples=400, deadline=None)
@given(texts)
@example(text="aMr.\x1ca")  # found in CI: ASCII, yet re and regex read U+001C differently
def test_sentbreak_decision_equals_nltk(reference_punkt: PunktSentenceTokenizer, text: str) -> None:
    # Every build adhere may use on this text (as _text chooses: by engines_agree, not isascii).
    expected = reference_punkt.text_contains_sentbreak(text)
    for fast in _engines(text):
        punkt = _tokenizers.punkt_tokenizer(fast, _text._punkt_parameters())
        assert punkt.text_contains_sentbreak(text) == expected


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_long_adversarial_runs(
    reference_treebank: NLTKWordTokenizer, reference_punkt: PunktSentenceTokenizer, text: str
) -> None:
    sentences = reference_punkt.tokenize(text)
    assert list(_text.split_sentences(text)) == sentences
    for fast in _engines(text):
        for sentence in sentences:
            assert _tokenizers.treebank_tokenizer(fast).tokenize(sentence) == reference_treebank.tokenize(
                sentence
            )


def _rules() -> list[tuple[re.Pattern[str], str]]:
    base = NLTKWordTokenizer
    rules = [*base.STARTING_QUOTES, *base.PUNCTUATION, base.PARENS_BRACKETS, base.DOUBLE_DASHES]
    return [(_tokenizers._compile_re(p.pattern, p.flags), r) for p, r in [*rules, *base.ENDING_QUOTES]]


def test_every_rule_but_whitespace_has_triggers() -> None:
    # A pattern NLTK changes loses its skip; this names it so the table is updated.
    missing = [p.pattern for p, _ in _rules() if not _tokenizers._triggers(p.pattern)]
    assert missing == [r"\s+"]
    contractions = [*NLTKWordTokenizer.CONTRACTIONS2, *NLTKWordTokenizer.CONTRACTIONS3]
    assert all(p.pattern in _tokenizers._CASELESS_TRIGGERS for p in contractions)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_each_rule_equals_its_substitution(text: str) -> None:
    """Rule by rule on the same text: the skip, the translation or the split gives ``sub``'s string."""
    if not _tokenizers.engines_agree(text):
        return
    for pattern, replacement in _rules():
        rule = _tokenizers._rule(_tokenizers._compile_re, pattern, replacement, frozenset())
        assert rule(text, frozenset(text)) == pattern.sub(replacement, text), pattern.pattern
        triggers = _tokenizers._triggers(pattern.pattern)
        if triggers and not any(trigger in text for trigger in triggers):
            assert pattern.search(text) is None, pattern.pattern


@settings(max_examples=300, deadline=None)
@given(texts)
def test_contractions_skip_only_what_cannot_match(text: str) -> None:
    padded = " " + text + " "
    lowered = padded.lower() if padded.isascii() else None
    for pattern in [*NLTKWordTokenizer.CONTRACTIONS2, *NLTKWordTokenizer.CONTRACTIONS3]:
        rule = _tokenizers._caseless_rule(pattern, r" \1 \2 ")
        assert rule(padded, lowered) == pattern.sub(r" \1 \2 ", padded), pattern.pattern


@given(st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2003ab.", max_size=40))
def test_collapse_whitespace_is_the_regex(text: str) -> None:
    padded = " " + text + " "
    assert _tokenizers._collapse_whitespace(padded) == re.sub(r"\s+", " ", padded)


def test_splitting_sub_fills_unmatched_groups() -> None:
    pattern = re.compile(r"(a)|(b)")
    substitute = _tokenizers._splitting_sub(_tokenizers._compile_re, pattern, r"[\1\2]")
    assert substitute("xaybz") == pattern.sub(r"[\1\2]", "xaybz") == "x[a]y[b]z"


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=1, max_value=5))
def test_lazy_helpers_equal_the_full_split(text: str, count: int) -> None:
    assert tuple(_text.iter_sentences(text)) == _text.split_sentences(text)
    assert _text.first_word_tokens(text, count) == _text.word_tokens(text)[:count]


def test_only_the_unsafe_letters_fold_onto_non_ascii() -> None:
    """Every character re's IGNORECASE matches to a contraction letter is that letter in either case."""
    letters = set("".join(_tokenizers._CASELESS_TRIGGERS.values())) - _tokenizers.UNSAFE_CASELESS
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    for letter in sorted(letters):
        found = set(re.findall("(?i)" + re.escape(letter), everything))
        assert found <= {letter, letter.upper()}, letter

"""adhere's faster text tools give exactly what the reference's tools give.

Punkt and Treebank here are NLTK's, with their patterns compiled without
NLTK's timed wrapper (by ``re`` on ASCII text, by ``regex`` otherwise);
language detection is langdetect-rs instead of langdetect. Each is compared
with the original.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adhere.constraints import _text, loose_variants
from tests.conftest import read_jsonl

PROSE = st.lists(
    st.sampled_from(
        ["Mr.", "Dr. Who", "e.g.", "U.S.A.", "3.5", "...", "?", "!", '"', "'", "“", "”", "(", ")", "[", "]",
         "--", "don't", "DON'T", "can't", "I'm", "gonna", "Hello", "WORLD", "end.", "Start", "\n", "\n\n",
         " ", ":", ",", ";", "$", "%", "&", "'s", "''", "``", "«", "»", "…", "etc.", "No.", "1.", "a.m.",
         "DOn't", "CANnot", "'Tis", "'TWas", "GIMme", "GONna", "More'N", "WANna ", "NASA's", "AbC", "ǅ", "Ⓐ"]
    )
    | st.text(max_size=3),
    max_size=40,
).map(" ".join)  # fmt: skip


@functools.cache
def nltk_punkt():
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(_text.punkt_parameters())


@functools.cache
def nltk_treebank():
    from nltk.tokenize.destructive import NLTKWordTokenizer

    return NLTKWordTokenizer()


def nltk_capital_words(text: str) -> int:
    return sum(1 for s in nltk_punkt().tokenize(text) for t in nltk_treebank().tokenize(s) if t.isupper())


def assert_same(text: str) -> None:
    assert list(_text.split_sentences(text)) == nltk_punkt().tokenize(text)
    assert _text.count_capital_words(text) == nltk_capital_words(text)


@settings(max_examples=400, deadline=None)
@given(text=PROSE)
def test_punkt_and_capital_words_match_nltk_on_generated_prose(text):
    assert_same(text)


@settings(max_examples=300, deadline=None)
@given(text=PROSE.map(lambda t: t.encode("ascii", "ignore").decode()))
def test_the_ascii_fast_path_matches_nltk(text):
    assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "On't go",
        "I On't.",
        "DOn't go",
        "I CANnot.",
        "He said 'Tis so",
        "x 'Twas y",
        "Well, GIMme that",
        "ǅx Ⓐ",
    ],
)
def test_capital_words_split_from_lowercase_letters(text):
    # Treebank splits between two letters only in contractions and before n't.
    assert_same(text)


@pytest.mark.parametrize("text", ["etc. \x1f0", "Hi.\x1cThere", "A.\u00a0B. C", "É. Über alles. NÉ"])
def test_characters_the_two_engines_classify_differently(text):
    # re's \s matches U+001C..U+001F, regex's does not: such text takes the regex path.
    assert_same(text)


def test_punkt_and_capital_words_match_nltk_on_every_conformance_response(conformance):
    texts = []
    for name in ("ifeval/responses_gpt4.jsonl", "ifbench/responses_sample.jsonl"):
        for row in read_jsonl(conformance / name):
            texts.extend(loose_variants(row["response"]))
    for text in dict.fromkeys(texts):
        assert_same(text)


@pytest.fixture(scope="module")
def langdetect_original():
    langdetect = pytest.importorskip("langdetect")
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0

    def detect(text: str) -> str | None:
        detector = factory.create()
        detector.append(text)
        try:
            return str(detector.detect())
        except langdetect.lang_detect_exception.LangDetectException:
            return None

    return detect


def test_language_detection_matches_langdetect(conformance, langdetect_original):
    if _text._langdetect().__name__ != "langdetect_rs":
        pytest.skip("langdetect-rs is not installed; adhere uses langdetect itself")
    rows = read_jsonl(conformance / "ifeval" / "responses_gpt4.jsonl")
    texts = [v for row in rows[::3] for v in loose_variants(row["response"])[:2]]
    texts += ["", "1234", "Bonjour tout le monde", "日本語のテキストです", "Hola, ¿qué tal?"]
    for text in texts:
        assert _text.detect_language(text) == langdetect_original(text), text

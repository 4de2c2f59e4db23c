"""Text helpers with the IFBench reference's exact semantics.

IFBench splits sentences with IFEval's rule-based splitter (not Punkt),
tokenizes words with ``nltk.word_tokenize`` or plain ``str.split``, and treats
``string.punctuation`` (ASCII only) as the punctuation to strip or delete.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterable

from adhere.constraints._text import sentence_tokens

__all__ = [
    "PUNCTUATION",
    "PUNCTUATION_AND_SPACE",
    "STOPWORDS",
    "ascii_fold",
    "drop_punctuation",
    "edge_word_tokens",
    "is_emoji",
    "may_be_verb",
    "sentence_tokens",
    "split_into_sentences",
    "strip_punctuation",
    "syllables",
]

PUNCTUATION = string.punctuation
PUNCTUATION_AND_SPACE = PUNCTUATION + " "
_DELETE_PUNCTUATION = str.maketrans("", "", PUNCTUATION)


def strip_punctuation(text: str) -> str:
    """Trim ASCII punctuation and spaces from both ends (not other whitespace)."""
    return text.strip(PUNCTUATION_AND_SPACE)


def drop_punctuation(text: str) -> str:
    """Delete every ASCII punctuation character."""
    return text.translate(_DELETE_PUNCTUATION)


def ascii_fold(text: str) -> str:
    """NFKD, then drop whatever is not ASCII ("Chișinău" -> "Chisinau")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


# The rule-based splitter: periods that do not end a sentence are first
# marked <prd>, sentence ends are marked <stop>, then the text is cut.
_LETTER = "([A-Za-z])"
_PREFIXES = re.compile("(Mr|St|Mrs|Ms|Dr)[.]")
_WEBSITES = re.compile("[.](com|net|org|io|gov|edu|me)")
_DECIMAL = re.compile("([0-9])[.]([0-9])")
_ELLIPSIS = re.compile(r"\.{2,}")
_STARTERS = (
    r"(Mr|Mrs|Ms|Dr|Prof|Capt|Cpt|Lt|He\s|She\s|It\s|They\s|Their\s|Our\s|We\s|But\s|However\s|That\s"
    r"|This\s|Wherever)"
)
_SINGLE_INITIAL = re.compile(r"\s" + _LETTER + "[.] ")
_ACRONYM_THEN_STARTER = re.compile("([A-Z][.][A-Z][.](?:[A-Z][.])?) " + _STARTERS)
_THREE_INITIALS = re.compile(_LETTER + "[.]" + _LETTER + "[.]" + _LETTER + "[.]")
_TWO_INITIALS = re.compile(_LETTER + "[.]" + _LETTER + "[.]")
_SUFFIX_THEN_STARTER = re.compile(" (Inc|Ltd|Jr|Sr|Co)[.] " + _STARTERS)
_SUFFIX = re.compile(" (Inc|Ltd|Jr|Sr|Co)[.]")
_SPACED_INITIAL = re.compile(" " + _LETTER + "[.]")


@functools.lru_cache(maxsize=4096)
def split_into_sentences(text: str) -> tuple[str, ...]:
    """Sentences as IFEval's ``split_into_sentences`` cuts them, stripped."""
    text = " " + text + "  "
    text = text.replace("\n", " ")
    text = _PREFIXES.sub("\\1<prd>", text)
    text = _WEBSITES.sub("<prd>\\1", text)
    text = _DECIMAL.sub("\\1<prd>\\2", text)
    text = _ELLIPSIS.sub(lambda match: "<prd>" * len(match.group(0)) + "<stop>", text)
    text = text.replace("Ph.D.", "Ph<prd>D<prd>")
    text = _SINGLE_INITIAL.sub(" \\1<prd> ", text)
    text = _ACRONYM_THEN_STARTER.sub("\\1<stop> \\2", text)
    text = _THREE_INITIALS.sub("\\1<prd>\\2<prd>\\3<prd>", text)
    text = _TWO_INITIALS.sub("\\1<prd>\\2<prd>", text)
    text = _SUFFIX_THEN_STARTER.sub(" \\1<stop> \\2", text)
    text = _SUFFIX.sub(" \\1<prd>", text)
    text = _SPACED_INITIAL.sub(" \\1<prd>", text)
    # Closing quotes move before the mark that ends their sentence.
    text = text.replace(".”", "”.").replace('."', '".').replace('!"', '"!').replace('?"', '"?')
    for mark in ".?!":
        text = text.replace(mark, mark + "<stop>")
    text = text.replace("<prd>", ".")
    sentences = [sentence.strip() for sentence in text.split("<stop>")]
    if sentences and not sentences[-1]:
        sentences.pop()
    return tuple(sentences)


# NLTK's English stopword list; tokens are runs of \w, so only its entries
# without an apostrophe can ever match.
STOPWORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did doing
    a an the and but if or because as until while of at by for with about against between into
    through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now d ll m o re
    ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn needn shan shouldn wasn
    weren won wouldn
    """.split()  # noqa: SIM905
)


def syllables(word: str) -> int:
    """Syllables as ``syllapy`` counts them (its dictionary, then its rules)."""
    import syllapy

    return int(syllapy.count(word))


def is_emoji(char: str) -> bool:
    import emoji

    return bool(emoji.is_emoji(char))


@functools.lru_cache(maxsize=4096)
def may_be_verb(word: str) -> bool:
    """Whether an English dictionary lists ``word`` as a verb form.

    The reference asks NLTK's perceptron POS tagger, whose data cannot be
    installed from PyPI; a lexicon lookup is the documented substitute.
    """
    from lemminflect import getAllLemmas

    return "VERB" in getAllLemmas(word) or "VERB" in getAllLemmas(word.lower())


def _first_tokens(sentences: Iterable[str], count: int, *, from_end: bool = False) -> list[str]:
    found: list[str] = []
    for sentence in sentences:
        tokens = list(sentence_tokens(sentence))
        found = found + tokens if not from_end else tokens + found
        if len(found) >= count:
            break
    return found[-count:] if from_end else found[:count]


def edge_word_tokens(text: str, count: int) -> tuple[list[str], list[str]]:
    """The first and the last ``count`` tokens of ``nltk.word_tokenize(text)``.

    Fewer than ``count`` first tokens means the text has no more tokens than that.
    Only the sentences at either end are tokenized.
    """
    from adhere.constraints._text import split_sentences

    sentences = split_sentences(text)
    return _first_tokens(sentences, count), _first_tokens(reversed(sentences), count, from_end=True)

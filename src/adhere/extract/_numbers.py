"""Numbers as people write them in instructions: digits, words, ordinals."""

from __future__ import annotations

import re

__all__ = ["NUMBER", "NUMBER_FIRST_WORDS", "ORDINAL", "parse_number", "parse_ordinal"]

_UNITS = """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen
""".split()  # noqa: SIM905
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORDS = {word: value for value, word in enumerate(_UNITS)}
_WORDS |= {word: 20 + 10 * i for i, word in enumerate(_TENS)}
_WORDS |= {"a hundred": 100, "one hundred": 100, "a thousand": 1000, "one thousand": 1000, "a dozen": 12}
_WORDS |= {"half a dozen": 6, "a half dozen": 6}
_WORDS |= {"once": 1, "twice": 2, "thrice": 3, "a single": 1, "single": 1, "a couple of": 2, "a pair of": 2}
# Tens as often misspelled ("under fourty words").
_TENS_SLIPS = {"fourty": 40, "ninty": 90}
_WORDS |= _TENS_SLIPS

# The first word of every number written in words ("a" of "a hundred"), for scanning (_scan.py).
NUMBER_FIRST_WORDS = frozenset(word.split()[0] for word in _WORDS)

_WORD_ALTERNATIVES = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
_TENS_ALTERNATIVES = "|".join(_TENS + list(_TENS_SLIPS))
_UNIT_ALTERNATIVES = "|".join(_UNITS[1:10])
_BELOW_HUNDRED_WORDS = "|".join(_TENS + list(_TENS_SLIPS) + _UNITS[1:20])
_BELOW_HUNDRED = rf"(?:(?:{_TENS_ALTERNATIVES})[- ](?:{_UNIT_ALTERNATIVES})|{_BELOW_HUNDRED_WORDS})"
# Hundreds and thousands said in words: "six hundred", "one hundred and fifty", "two thousand".
_HUNDREDS = (
    rf"(?:{_UNIT_ALTERNATIVES}|a)\s+(?:hundred|thousand)"
    rf"(?:\s+(?:and\s+)?(?={_BELOW_HUNDRED}\b(?!\s+(?:hundred|thousand)))(?:{_BELOW_HUNDRED}))?\b"
)
# "1,000", "250", "six hundred", "twenty-five", "twenty five", "seven"
# ("1k", "1.5k": thousands as typed)
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d)?k\b|\d+|{_HUNDREDS}"
    rf"|(?:{_TENS_ALTERNATIVES})[- ](?:{_UNIT_ALTERNATIVES})|{_WORD_ALTERNATIVES})"
)

_ORDINAL_WORDS = """
    first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
    fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
""".split()  # noqa: SIM905
_ORDINALS = {word: i for i, word in enumerate(_ORDINAL_WORDS, start=1)}
ORDINAL = rf"(?:\d+(?:st|nd|rd|th)|{'|'.join(_ORDINAL_WORDS)})"


def parse_number(text: str) -> int:
    """The value of a match of ``NUMBER``."""
    text = text.lower().strip()
    if text[0].isdigit():
        if text.endswith("k"):
            return int(float(text[:-1]) * 1000)
        return int(text.replace(",", ""))
    if text in _WORDS:
        return _WORDS[text]
    scale = re.search(r"\s+(hundred|thousand)\b(?:\s+and)?\s*", text)
    if scale:
        rest = text[scale.end() :]
        head = 1 if text[: scale.start()] == "a" else parse_number(text[: scale.start()])
        return head * (100 if scale.group(1) == "hundred" else 1000) + (parse_number(rest) if rest else 0)
    tens, units = re.split(r"[- ]", text, maxsplit=1)
    return _WORDS[tens] + _WORDS[units]


def parse_ordinal(text: str) -> int:
    """The value of a match of ``ORDINAL`` ("2nd" -> 2, "third" -> 3)."""
    text = text.lower()
    if text[0].isdigit():
        return int(re.sub(r"\D", "", text))
    return _ORDINALS[text]

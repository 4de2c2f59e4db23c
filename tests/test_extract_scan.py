"""The rules' word gates (``_scan``): the fast forms find exactly what the plain definitions do."""

from __future__ import annotations

import pytest

from adhere.extract._scan import mentions

PROMPTS = [
    "",
    "Write a haiku about the sea in Italian.",
    "Réponds en français, s'il te plaît: 3 phrases max!",
    "P.S. use exactly *** between paragraphs; the word 'highlight' twice.",
    "no commas pls\nand ALL CAPS",
]
STEMS = [
    ("ital",),
    ("fran", "germ"),
    ("highlight", "section"),
    ("p",),
    ("s",),
    ("caps",),
    ("a.b",),
    ("xyz", ""),
]


def _plainly(prompt: str, stems: tuple[str, ...]) -> bool:
    import re

    return any(word.lower().startswith(stems) for word in re.findall(r"\w+", prompt))


@pytest.mark.parametrize("prompt", PROMPTS)
@pytest.mark.parametrize("stems", STEMS)
def test_mentions_is_whether_a_word_starts_with_a_stem(prompt, stems):
    assert mentions(prompt, *stems) == _plainly(prompt, stems)

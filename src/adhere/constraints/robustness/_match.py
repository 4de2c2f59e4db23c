"""Phrase matching shared by the robustness constraints: case-insensitive, whole words,
punctuation and spacing ignored, so "Paris." and "paris" match but "Parisian" does not."""

from __future__ import annotations

import re

__all__ = ["contains", "first_position", "normalise"]

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lowercase words joined by single spaces; punctuation and spacing dropped."""
    return " ".join(_WORD.findall(text.casefold()))


def first_position(text: str, phrase: str) -> int | None:
    """Where ``phrase`` (normalised) first occurs as whole words in normalised ``text``."""
    wanted = normalise(phrase)
    if not wanted:
        return None
    found = re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", normalise(text))
    return found.start() if found else None


def contains(text: str, phrase: str) -> bool:
    return first_position(text, phrase) is not None


def require_words(name: str, values: tuple[str, ...]) -> None:
    """Refuse phrases with no word in them: they would match nothing, or everything."""
    if not values:
        raise ValueError(f"{name} must name at least one phrase")
    for value in values:
        if not normalise(value):
            raise ValueError(f"{name} has {value!r}, which contains no word")

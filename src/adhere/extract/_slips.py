"""Typing slips in the words that state constraints, read as the words meant.

People type "pionts", "qoutes" and "seperated"; a rule looking for "points" misses them. Only slips
that keep the word's length are read (two neighbouring letters swapped, or a known misspelling of the
same length), so every span the rules find stays where it is in the prompt, and a word is read only
when the slip is no English word itself (the vocabulary below is the words rules look for).
"""

from __future__ import annotations

import re

from adhere.extract._scan import mentions_any

__all__ = ["without_slips"]

# Words constraints are stated with, five letters or more (a short word's swaps are often words).
_VOCABULARY = """
    bullet bullets points quotes quotation double asterisks commas words sentences paragraphs paragraph
    sections section highlight highlighted include including mention response answer reply respond
    lowercase uppercase capital capitals letters letter separated separate placeholders placeholder
    title repeat question request exactly least fewer english spanish french german italian japanese
    chinese korean portuguese russian format markdown postscript without twice times
    keyword keywords language minimum maximum phrase ending begin start
""".split()  # noqa: SIM905
# Slips of a whole word, same length: misspellings more common than any swap.
_MISSPELLED = {
    "seperated": "separated", "seperate": "separate", "sentance": "sentence", "sentances": "sentences",
    # (round 6: sounded out as spoken)
    "sentense": "sentence", "sentenses": "sentences", "bullit": "bullet", "bullits": "bullets",
    "capitol": "capital", "capitols": "capitals", "responce": "response", "titel": "title",
}  # fmt: skip
# Swaps that are words of their own, never read as slips ("trail" is not "trial").
_REAL_WORDS = frozenset({"form", "from", "tiles", "tilte"})


def _swaps(word: str) -> set[str]:
    """The word with two neighbouring letters swapped, each way it can be."""
    return {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    }


_SLIPS = {
    swap: word
    for word in _VOCABULARY
    for swap in _swaps(word)
    if swap not in _VOCABULARY and swap not in _REAL_WORDS
} | _MISSPELLED
_WORD = re.compile(r"\w+")


def _as_typed(meant: str, typed: str) -> str:
    """``meant`` in the case ``typed`` was written in ("Pionts" -> "Points", "PIONTS" -> "POINTS")."""
    if typed.isupper():
        return meant.upper()
    return meant.capitalize() if typed[0].isupper() else meant


def without_slips(text: str) -> str:
    """``text`` with the slips above read as the words meant, every character where it was."""
    if not mentions_any(text, _SLIPS):
        return text
    return _WORD.sub(_meant, text)


def _meant(match: re.Match[str]) -> str:
    typed = match.group(0)
    meant = _SLIPS.get(typed.lower())
    return _as_typed(meant, typed) if meant else typed

"""Prompt text -> constraints: the rule parser first, an LLM decomposer for the rest."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from adhere.constraints import Constraint, ConstraintArgumentError, build
from adhere.extract import _language, _rules, _tasks  # noqa: F401  (each registers its rules)
from adhere.extract._corrections import corrected
from adhere.extract._pasted import in_pasted_letter
from adhere.extract._registry import RULES, RuleMatch
from adhere.extract._sentences import is_directive, is_negated, is_permitted, is_retracted, sentence_span
from adhere.extract._slips import without_slips

__all__ = ["Extracted", "Extraction", "SoftConstraint", "extract_rules"]

Source = Literal["rules", "llm"]


@dataclass(frozen=True)
class Extracted:
    """A verifiable constraint found in the prompt, and the text that states it."""

    constraint: Constraint
    evidence: str
    source: Source
    # Where the rules read it in the prompt; None for what the LLM proposed (its evidence is its proposal).
    span: tuple[int, int] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.constraint.id,
            "kwargs": self.constraint.kwargs(),
            "description": self.constraint.describe(),
            "evidence": self.evidence,
            "source": self.source,
        }


@dataclass(frozen=True)
class SoftConstraint:
    """A requirement no registered constraint can verify; an LLM judges it."""

    text: str
    source: Source = "llm"

    def as_dict(self) -> dict[str, Any]:
        return {"soft": self.text, "source": self.source}


@dataclass(frozen=True)
class Extraction:
    prompt: str
    constraints: tuple[Extracted, ...]
    soft: tuple[SoftConstraint, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "prompt": self.prompt,
            "constraints": [c.as_dict() for c in self.constraints],
            "soft": [s.as_dict() for s in self.soft],
        }


# Constraint pairs that cannot both hold; the rules may see both phrasings
# (e.g. "in English, all lowercase ... no capital letters at the start").
_EXCLUSIVE = {
    ("change_case:english_capital", "change_case:english_lowercase"),
}


def _built(prompt: str, matches: Iterable[RuleMatch]) -> list[Extracted]:
    out: list[Extracted] = []
    seen: set[tuple[str, str]] = set()
    for match in matches:
        try:
            constraint = build(match.id, match.kwargs)
        except ConstraintArgumentError:
            continue  # a phrase that only looked like a constraint
        key = (constraint.id, repr(sorted(constraint.kwargs().items())))
        if key not in seen:
            seen.add(key)
            span = (match.start, match.end)
            out.append(Extracted(constraint, prompt[match.start : match.end], "rules", span))
    return out


# (a, b): when a is found, b only restates it (IFBench's word range also reads as two word counts).
_SUBSUMES = {
    ("count:word_count_range", "length_constraints:number_words"),
    ("detectable_format:constrained_response", "format:options"),
    ("format:no_bullets_bullets", "detectable_format:number_bullet_lists"),
    ("ratio:sentence_words", "length_constraints:number_sentences"),
    ("count:keywords_multiple", "keywords:existence"),
    ("words:keywords_specific_position", "keywords:existence"),
    ("sentence:keyword", "keywords:existence"),
    # A fixed task's own parts: the CSV fields in quotes, the sentences starting A to Z.
    ("custom:csv_quotes", "startend:quotation"),
    ("custom:csv_special_character", "startend:quotation"),
    ("custom:mcq_count_length", "detectable_format:multiple_sections"),
    ("custom:sentence_alphabet", "words:alphabet"),
    ("custom:sentence_alphabet", "length_constraints:number_sentences"),
    ("custom:word_reverse", "length_constraints:number_sentences"),
    ("custom:character_reverse", "length_constraints:number_sentences"),
}


# (a, b): b read from the words that state a is a part of a, not a constraint of its own
# ("finish with the words 'See you soon'" is no keyword to include somewhere).
_PART_OF = {
    ("startend:end_checker", "keywords:existence"),
    # "Stop words should be at most 30% of the text" limits no word count.
    ("ratio:stop_words", "length_constraints:number_words"),
    # "Repeat this sentence with a new first word: ..." is not a plain repeat.
    ("repeat:repeat_change", "combination:repeat_prompt"),
    ("format:no_bullets_bullets", "length_constraints:number_sentences"),
    # "End the email with a PS: remind them about the deadline" is what the postscript says
    ("detectable_content:postscript", "startend:end_checker"),
}


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _without_conflicts(found: list[Extracted]) -> list[Extracted]:
    ids = {e.constraint.id for e in found}
    dropped = {b for a, b in _EXCLUSIVE | _SUBSUMES if a in ids and b in ids}
    parts = [
        inner
        for outer in found
        for inner in found
        if (outer.constraint.id, inner.constraint.id) in _PART_OF and _overlap(outer.span, inner.span)
    ]
    return [e for e in found if e.constraint.id not in dropped and all(e is not p for p in parts)]


def split_constraints(prompt: str, spans: Iterable[tuple[int, int]]) -> tuple[str, str]:
    """(the task, the constraint text): ``prompt`` without and with only the sentences
    containing ``spans``; line breaks are kept, the spaces left at each cut merged."""
    stated = [False] * len(prompt)
    for start, end in spans:
        low, high = sentence_span(prompt, start, end)
        stated[low:high] = [True] * (high - low)
    task = "".join(c for c, s in zip(prompt, stated, strict=True) if not s)
    constraint = "".join(c for c, s in zip(prompt, stated, strict=True) if s)
    return _tidy(task), _tidy(constraint)


def _tidy(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _with_reference_text(prompt: str, matches: list[RuleMatch]) -> list[RuleMatch]:
    # ratio:overlap measures against the rest of the prompt, known only once all rules ran
    # (unless the instruction wrote its reference text out after a label, and the rule read it).
    if not any(_unreferenced(m) for m in matches):
        return matches
    task, _ = split_constraints(prompt, [(m.start, m.end) for m in matches])
    if not task:  # the text to overlap is inside the instruction's own sentence: unknown, so none
        return [m for m in matches if not _unreferenced(m)]
    return [
        RuleMatch(m.id, {**m.kwargs, "reference_text": task}, m.start, m.end) if _unreferenced(m) else m
        for m in matches
    ]


def _unreferenced(match: RuleMatch) -> bool:
    return match.id == "ratio:overlap" and "reference_text" not in match.kwargs


# Constraints a request asks for outright, which "don't" before them turns down ("Don't write in all
# caps", "Don't reply in JSON"). Not the others: their own words carry a negation ("don't use commas",
# "don't repeat any word more than twice") or a negation turns their bound over ("don't use more than").
_ASKED_OUTRIGHT = {
    "change_case:english_capital", "change_case:english_lowercase", "combination:repeat_prompt",
    "combination:two_responses", "detectable_content:number_placeholders", "detectable_content:postscript",
    "detectable_format:json_format", "detectable_format:multiple_sections",
    "detectable_format:number_bullet_lists", "detectable_format:number_highlighted_sections",
    "detectable_format:title", "keywords:existence", "language:response_language",
    "length_constraints:number_paragraphs", "startend:end_checker", "startend:quotation", "format:title_case",
    "format:emoji", "format:sub-bullets", "format:thesis",
}  # fmt: skip


# ... or a ban said after it: "all lowercase is not allowed", "JSON is forbidden here".
_BANNED_AFTER = re.compile(
    r"\s*(?:is|are)\s+(?:not\s+(?:allowed|permitted|ok|okay|acceptable|wanted)|forbidden|banned|prohibited"
    r"|off[\s-]limits)\b",
    re.IGNORECASE,
)


def _turned_down(prompt: str, match: RuleMatch) -> bool:
    if match.id not in _ASKED_OUTRIGHT or any("relation" in key for key in match.kwargs):
        return False
    return is_negated(prompt, match.start) or _BANNED_AFTER.match(prompt, match.end) is not None


# A typographic apostrophe inside a word ("Don’t", "I’m") is read as the plain one the rules know; one
# character for one, so every span stays where it was in the prompt.
_CURLY_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")


def _as_written(value: Any, text: str, prompt: str) -> Any:
    """A string the rules read from ``text``, as ``prompt`` writes it ("Don’t forget" stays curly)."""
    if isinstance(value, list):
        return [_as_written(v, text, prompt) for v in value]
    if isinstance(value, str) and value:
        at = text.find(value)
        if at != -1:
            return prompt[at : at + len(value)]
    return value


def extract_rules(prompt: str) -> Extraction:
    """The constraints the rule parser reads in ``prompt``, in order of appearance."""
    text = without_slips(_CURLY_APOSTROPHE.sub("'", prompt))
    found = (corrected(text, m) for rule in RULES for m in rule(text))
    stated = (
        m
        for m in found
        if is_directive(text, m.start, m.end)
        and not in_pasted_letter(text, m.start)
        and not is_retracted(text, m.end, m.start)
        and not is_permitted(text, m.start, m.end)
        and not _turned_down(text, m)
    )
    matches = sorted(stated, key=lambda m: m.start)
    if text != prompt:
        matches = [
            RuleMatch(m.id, {k: _as_written(v, text, prompt) for k, v in m.kwargs.items()}, m.start, m.end)
            for m in matches
        ]
    matches = _with_reference_text(prompt, matches)
    return Extraction(prompt, tuple(_without_conflicts(_built(prompt, matches))))

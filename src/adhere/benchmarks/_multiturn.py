"""IFBench's multi-turn constraint isolation, made from a single-turn sample.

A benchmark transform: turn 1 is the task alone, which the model answers when
the conversation is played; turn 2 is the constraint text, to be applied to
that answer, and carries the constraints. IFBench writes the constraint before or after the
task, so the constraint text is the sentences where the rule parser finds a
constraint stated, and the task is the rest; when it finds none, the last
paragraph (or, in a one-paragraph prompt, the last sentence) is taken as the
constraint.
"""

from __future__ import annotations

import re
from dataclasses import replace

from adhere.extract import extract_rules
from adhere.extract._extract import split_constraints
from adhere.samples import Sample, Turn

__all__ = ["isolate", "split_task"]

_SENTENCE_END = re.compile(r"[.!?][\"”')]?\s+|\n")


def _last_part(prompt: str) -> tuple[int, int]:
    """The last paragraph, or in a one-paragraph prompt the last sentence."""
    stripped = prompt.rstrip()
    if "\n\n" in stripped.strip():
        return stripped.rindex("\n\n"), len(prompt)
    ends = [m.end() for m in _SENTENCE_END.finditer(stripped)]
    return (ends[-1] if ends else 0), len(prompt)


def split_task(prompt: str) -> tuple[str, str] | None:
    """(task, constraint text), or None when the prompt cannot be split into two non-empty parts."""
    spans = [e.span for e in extract_rules(prompt).constraints if e.span]
    if not spans:
        start, end = _last_part(prompt)
        return (prompt[:start].strip(), prompt[start:end].strip()) if prompt[:start].strip() else None
    task, constraint = split_constraints(prompt, spans)
    return (task, constraint) if task and constraint else None


def isolate(sample: Sample) -> Sample:
    """The two-turn form of ``sample``: the task alone (answered by the model, unscored), then the
    constraint text carrying the constraints. A sample that already has turns, or cannot be split,
    is returned as it is, marked ``multiturn: False`` in its metadata."""
    parts = None if sample.is_multiturn else split_task(sample.prompt)
    if parts is None:
        return replace(sample, metadata={**sample.metadata, "multiturn": False})
    task, constraint = parts
    turns = (Turn(task), Turn(constraint, sample.constraints))
    return replace(sample, turns=turns, metadata={**sample.metadata, "multiturn": True})

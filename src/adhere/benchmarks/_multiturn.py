"""IFBench's multi-turn constraint isolation, made from a single-turn sample.

Turn 1 is the task alone; the model answers it; turn 2 is the constraint text,
to be applied to that answer. IFBench writes the constraint before or after the
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
from adhere.models import GenerateConfig, Model
from adhere.samples import Sample

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


async def isolate(sample: Sample, model: Model, config: GenerateConfig) -> Sample:
    """The two-turn form of ``sample``, with the model's own answer to the task as turn 1's reply.

    Returns the sample unchanged when it already has turns or cannot be split.
    """
    parts = None if sample.history else split_task(sample.prompt)
    if parts is None:
        return sample
    task, constraint = parts
    answer = (await model.generate([{"role": "user", "content": task}], config)).text
    history = ({"role": "user", "content": task}, {"role": "assistant", "content": answer})
    return replace(sample, prompt=constraint, history=history)

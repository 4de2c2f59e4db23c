"""The LLM decomposer: ask a model for the constraints the rule parser did not find.

The model answers with one JSON object per line: ``{"id": ..., "kwargs": {...}}``
for a registered constraint, ``{"soft": "..."}`` for a requirement no registered
constraint verifies. Because extraction must never invent a constraint, a proposal
is kept only if it builds, the rules did not already find that type, and every
argument it carries is grounded in the prompt: each number, keyword and phrase
appears in the prompt text, and a language is named there.
"""

from __future__ import annotations

import functools
import json
import re
import typing
from collections.abc import Iterator
from typing import Any

from adhere.constraints import Constraint, ConstraintArgumentError, UnknownConstraintError, build
from adhere.constraints._base import _parameters
from adhere.constraints._catalog import constraint_ids, constraint_type
from adhere.constraints.ifeval._language import LANGUAGES
from adhere.extract._extract import Extracted, Extraction, SoftConstraint, extract_rules
from adhere.extract._numbers import NUMBER, parse_number
from adhere.models import GenerateConfig, Model

__all__ = ["decomposer_prompt", "extract_llm", "parse_proposals"]

_MAX_SOFT = 5

_INSTRUCTIONS = """List every constraint the request below places on the form of the answer.
Write one JSON object per line and nothing else:
- {{"id": ID, "kwargs": {{...}}}} when a constraint type below fits exactly;
- {{"soft": "the requirement in a short sentence"}} for any other stated requirement.
Do not add requirements the request does not state. If there are none, write NONE.

Constraint types (id: arguments, then an example instruction of that type):
{catalogue}

Request:
{prompt}"""


_EXAMPLE_CHARS = 100


def _placeholder(name: str, annotation: Any, position: int) -> Any:
    if annotation is int:
        return 3 + position  # distinct, increasing: a range reads "between 3 and 4"
    if annotation is float:
        return 50.0
    if annotation is str:
        return f"<{name}>"
    if typing.get_origin(annotation) is tuple:
        return (f"<{name}>",)
    return typing.get_args(annotation)[0]  # a Literal: its first choice


def _example(constraint_id: str) -> str:
    """What the type means, as its own ``describe()`` with placeholder arguments.

    Ids such as ``words:vowel`` say little; the instruction text says what a model must
    look for. Types whose arguments reject placeholders (a language code, one letter, a
    paragraph index beyond the paragraph count) are listed without an example."""
    params = _parameters(constraint_type(constraint_id))
    kwargs = {
        name: _placeholder(name, annotation, position)
        for position, (name, (annotation, required)) in enumerate(params.items())
        if required
    }
    try:
        text = build(constraint_id, kwargs).describe().splitlines()[0]
    except ConstraintArgumentError:
        return ""
    return text if len(text) <= _EXAMPLE_CHARS else text[: _EXAMPLE_CHARS - 3] + "..."


@functools.cache
def _catalogue() -> str:
    lines = []
    for constraint_id in constraint_ids():
        params = ", ".join(_parameters(constraint_type(constraint_id))) or "-"
        example = _example(constraint_id)
        lines.append(f"{constraint_id}: {params}" + (f" (e.g. {example})" if example else ""))
    return "\n".join(lines)


def decomposer_prompt(prompt: str) -> str:
    return _INSTRUCTIONS.format(catalogue=_catalogue(), prompt=prompt)


def _json_objects(text: str) -> Iterator[dict[str, Any]]:
    decoder = json.JSONDecoder()
    for line in text.splitlines():
        start = line.find("{")
        if start < 0:
            continue
        try:
            value, _ = decoder.raw_decode(line[start:])
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            yield value


def _numbers_in(prompt: str) -> set[int]:
    found = set()
    for match in re.finditer(NUMBER, prompt, re.IGNORECASE):
        try:
            found.add(parse_number(match.group(0)))
        except ValueError:
            continue
    return found


def _grounded(value: Any, prompt: str, numbers: set[int]) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return value in numbers
    if isinstance(value, str):
        if value in LANGUAGES:
            return LANGUAGES[value].lower() in prompt.lower()
        return value.strip().lower() in prompt.lower()
    if isinstance(value, tuple | list):
        return all(_grounded(item, prompt, numbers) for item in value)
    return False


def _registered(proposal: dict[str, Any], prompt: str, numbers: set[int]) -> Constraint | None:
    kwargs = proposal.get("kwargs") or {}
    if not isinstance(proposal.get("id"), str) or not isinstance(kwargs, dict):
        return None
    try:
        constraint = build(proposal["id"], kwargs)
    except (ConstraintArgumentError, UnknownConstraintError):
        return None
    # Defaults the model left out are fine; every value it chose must come from the prompt.
    chosen = constraint.kwargs()
    grounded = all(_grounded(chosen[name], prompt, numbers) for name in kwargs if name in chosen)
    return constraint if grounded else None


def parse_proposals(text: str, prompt: str, rules: Extraction) -> Extraction:
    """The proposals in a decomposer answer that pass the checks above, added to ``rules``."""
    numbers = _numbers_in(prompt)
    known = {e.constraint.id for e in rules.constraints}
    found = list(rules.constraints)
    soft = list(rules.soft)
    for proposal in _json_objects(text):
        if isinstance(proposal.get("soft"), str) and proposal["soft"].strip():
            if len(soft) < _MAX_SOFT and all(s.text != proposal["soft"].strip() for s in soft):
                soft.append(SoftConstraint(proposal["soft"].strip()))
            continue
        constraint = _registered(proposal, prompt, numbers)
        if constraint is not None and constraint.id not in known:
            known.add(constraint.id)
            found.append(Extracted(constraint, json.dumps(proposal, ensure_ascii=False), "llm"))
    return Extraction(prompt, tuple(found), tuple(soft))


async def extract_llm(
    prompt: str, model: Model, rules: Extraction | None = None, *, max_tokens: int = 512
) -> Extraction:
    """Rules first (or the given rule extraction), then what ``model`` adds that passes the checks."""
    rules = rules if rules is not None else extract_rules(prompt)
    messages = [{"role": "user", "content": decomposer_prompt(prompt)}]
    completion = await model.generate(
        messages, GenerateConfig(max_tokens=max_tokens, temperature=0.0, seed=0)
    )
    return parse_proposals(completion.text, prompt, rules)

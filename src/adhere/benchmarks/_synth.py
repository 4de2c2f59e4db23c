"""Synthetic prompts from the constraint library: a task on a topic plus 1-3
compatible constraints, each worded by its own ``describe()``.

Seeded and reproducible: the same (n, seed) always gives the same prompts.
Each sample keeps its task in ``metadata["task"]``, so the same request can be
asked again with every constraint in another of its wordings (``synth_prompt``
with ``phrasing=k``; ``adhere eval --paraphrases``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from adhere.constraints import Constraint, build
from adhere.errors import AdhereError
from adhere.samples import Sample

__all__ = ["TASK_FIELD", "synth_prompt", "synth_samples"]

#: The metadata field holding a sample's task: the prompt without its constraints' wordings.
TASK_FIELD = "task"

TOPICS = [
    "the history of the bicycle", "how bees make honey", "a rainy day in a big city", "learning to cook rice",
    "the first day at a new job", "why the sky is blue", "a lighthouse keeper", "saving money as a student",
    "the water cycle", "a trip to the mountains", "how a library works", "keeping a small garden",
    "the invention of the printing press", "a friendly robot", "training for a marathon", "the moon landing",
    "choosing a first pet", "recycling at home", "a night market", "how trains run on time", "volcanoes",
    "writing a good email", "the life of a honeybee queen", "a chess tournament", "winter in the north",
    "the benefits of walking", "a village bakery", "how maps are made", "learning a musical instrument",
    "a power outage", "coffee and its origins", "the ocean floor", "moving to a new country",
    "an old clock tower", "teamwork on a school project", "how vaccines work", "a summer festival",
    "the Great Wall of China", "starting a podcast", "a lost umbrella",
]  # fmt: skip

TASKS = [
    "Write a short essay about {topic}.",
    "Write a blog post about {topic}.",
    "Explain {topic} to a ten-year-old.",
    "Write a short story about {topic}.",
    "Write a letter to a friend about {topic}.",
    "Describe {topic}.",
]

Kwargs = dict[str, Any]
_RELATIONS = ("less than", "at least")


def _words(rng: random.Random) -> Kwargs:
    relation = rng.choice(_RELATIONS)
    return {
        "relation": relation,
        "num_words": rng.choice((40, 60, 80) if relation == "less than" else (30, 50, 100)),
    }


def _sentences(rng: random.Random) -> Kwargs:
    return {"relation": rng.choice(_RELATIONS), "num_sentences": rng.randint(2, 6)}


# instruction id -> a function drawing its kwargs
GENERATORS: dict[str, Callable[[random.Random], Kwargs]] = {
    "punctuation:no_comma": lambda rng: {},
    "change_case:english_lowercase": lambda rng: {},
    "change_case:english_capital": lambda rng: {},
    "change_case:capital_word_frequency": lambda rng: {
        "capital_relation": rng.choice(_RELATIONS),
        "capital_frequency": rng.randint(2, 5),
    },
    "startend:quotation": lambda rng: {},
    "startend:end_checker": lambda rng: {
        "end_phrase": rng.choice(
            ["Is there anything else I can help with?", "Any other questions?", "That is all."]
        )
    },
    "detectable_format:title": lambda rng: {},
    "detectable_format:json_format": lambda rng: {},
    "detectable_format:number_bullet_lists": lambda rng: {"num_bullets": rng.randint(2, 5)},
    "detectable_format:number_highlighted_sections": lambda rng: {"num_highlights": rng.randint(1, 3)},
    "detectable_format:multiple_sections": lambda rng: {
        "section_spliter": rng.choice(["Section", "SECTION", "Part"]),
        "num_sections": rng.randint(2, 4),
    },
    "detectable_format:constrained_response": lambda rng: {},
    "detectable_content:number_placeholders": lambda rng: {"num_placeholders": rng.randint(1, 3)},
    "detectable_content:postscript": lambda rng: {"postscript_marker": rng.choice(["P.S.", "P.P.S"])},
    "keywords:existence": lambda rng: {
        "keywords": rng.sample(["simple", "future", "careful", "light", "change"], 2)
    },
    "keywords:forbidden_words": lambda rng: {
        "forbidden_words": rng.sample(["very", "really", "thing", "good"], 2)
    },
    "keywords:frequency": lambda rng: {
        "keyword": rng.choice(["time", "people", "important"]),
        "relation": rng.choice(_RELATIONS),
        "frequency": rng.randint(1, 3),
    },
    "keywords:letter_frequency": lambda rng: {
        "letter": rng.choice("aeiost"),
        "let_relation": rng.choice(_RELATIONS),
        "let_frequency": rng.choice((5, 10, 20)),
    },
    "language:response_language": lambda rng: {"language": rng.choice(["fr", "de", "es", "it"])},
    "length_constraints:number_words": _words,
    "length_constraints:number_sentences": _sentences,
    "length_constraints:number_paragraphs": lambda rng: {"num_paragraphs": rng.randint(2, 4)},
    "combination:two_responses": lambda rng: {},
}

# Pairs that cannot, or should not, be asked together (symmetric).
_CONFLICTS = [
    ("change_case:english_lowercase", "change_case:english_capital"),
    ("change_case:english_lowercase", "change_case:capital_word_frequency"),
    ("change_case:english_capital", "change_case:capital_word_frequency"),
    ("language:response_language", "change_case:english_lowercase"),
    ("language:response_language", "change_case:english_capital"),
    ("language:response_language", "keywords:existence"),
    ("language:response_language", "keywords:frequency"),
    ("language:response_language", "keywords:forbidden_words"),
    ("language:response_language", "startend:end_checker"),
    ("language:response_language", "detectable_format:multiple_sections"),
    ("language:response_language", "detectable_format:constrained_response"),
    ("detectable_format:json_format", "detectable_format:number_bullet_lists"),
    ("detectable_format:json_format", "detectable_format:number_highlighted_sections"),
    ("detectable_format:json_format", "detectable_format:multiple_sections"),
    ("detectable_format:json_format", "detectable_format:title"),
    ("detectable_format:json_format", "detectable_content:postscript"),
    ("detectable_format:json_format", "startend:quotation"),
    ("detectable_format:json_format", "startend:end_checker"),
    ("detectable_format:json_format", "length_constraints:number_paragraphs"),
    ("detectable_format:json_format", "length_constraints:number_sentences"),
    ("detectable_format:json_format", "combination:two_responses"),
    ("detectable_format:json_format", "change_case:english_capital"),
    ("detectable_format:constrained_response", "length_constraints:number_words"),
    ("detectable_format:constrained_response", "length_constraints:number_sentences"),
    ("detectable_format:constrained_response", "length_constraints:number_paragraphs"),
    ("detectable_format:constrained_response", "detectable_format:number_bullet_lists"),
    ("detectable_format:constrained_response", "detectable_format:multiple_sections"),
    ("detectable_format:constrained_response", "combination:two_responses"),
    ("startend:quotation", "detectable_format:title"),
    ("startend:quotation", "startend:end_checker"),
    ("startend:quotation", "detectable_content:postscript"),
    ("startend:end_checker", "detectable_content:postscript"),
    ("combination:two_responses", "length_constraints:number_paragraphs"),
    ("combination:two_responses", "detectable_format:multiple_sections"),
    ("combination:two_responses", "startend:quotation"),
    ("length_constraints:number_paragraphs", "detectable_format:multiple_sections"),
    ("length_constraints:number_paragraphs", "length_constraints:number_sentences"),
]
CONFLICTS: dict[str, set[str]] = {}
for _a, _b in _CONFLICTS:
    CONFLICTS.setdefault(_a, set()).add(_b)
    CONFLICTS.setdefault(_b, set()).add(_a)


def compatible(ids: list[str]) -> bool:
    return all(b not in CONFLICTS.get(a, set()) for i, a in enumerate(ids) for b in ids[i + 1 :])


def _draw_constraints(rng: random.Random) -> list[Constraint]:
    chosen: list[str] = []
    wanted = rng.randint(1, 3)
    for instruction_id in rng.sample(sorted(GENERATORS), len(GENERATORS)):
        if len(chosen) == wanted:
            break
        if compatible([*chosen, instruction_id]):
            chosen.append(instruction_id)
    return [build(i, GENERATORS[i](rng)) for i in chosen]


def synth_prompt(task: str, constraints: Sequence[Constraint], phrasing: int = 0) -> str:
    """The task, then each constraint in its ``phrasing``-th wording (0: the canonical one)."""
    return " ".join([task, *(c.describe(phrasing) for c in constraints)])


def synth_samples(n: int = 50, seed: int = 0) -> list[Sample]:
    """``n`` reproducible prompts; the same (n, seed) gives the same prompts."""
    rng = random.Random(seed)
    samples = []
    for index in range(n):
        task = rng.choice(TASKS).format(topic=rng.choice(TOPICS))
        constraints = _draw_constraints(rng)
        key = f"synth-{seed}-{index}"
        metadata = {"key": key, TASK_FIELD: task}
        samples.append(Sample.single(key, synth_prompt(task, constraints), constraints, metadata=metadata))
    return samples


def generate(limit: int | None, seed: int, option: str) -> list[Sample]:
    """``--bench synth``: 50 prompts unless ``--limit`` says otherwise."""
    if option:
        raise AdhereError(f"--bench synth takes no option (got synth:{option})")
    return synth_samples(limit if limit is not None else 50, seed)

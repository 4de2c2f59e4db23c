"""``--bench accumulate``: conversations whose instructions accumulate (after MMMT-IF).

Each conversation has a topic and (by default) 8 short user questions about it.
Instructions from the verifiable library are introduced at some turns ("from now
on, ...", worded by the constraints' own ``describe()``) and stay in force for
every later turn, so a turn's constraints are every instruction active at it.
The first turn always introduces one; later turns introduce one with a
probability that falls turn by turn. The active set never holds two
instructions that contradict each other (the synth generator's conflict table),
nor two of one type.

"Active from turn k on" is expressed by putting the constraint on every turn
from k to the end; a conversation file written that way (``accumulate:PATH``)
is scored with the same PIF metrics.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from adhere.benchmarks._synth import GENERATORS, TOPICS, compatible
from adhere.constraints import Constraint, build
from adhere.errors import AdhereError
from adhere.samples import Sample, Turn

__all__ = ["AccumulateOptions", "accumulate_samples", "generate", "instructions_at_end", "parse_options"]

SUITE = "accumulate"

# Types that make sense on every reply of a chat of short answers; whole-answer formats
# (JSON, two responses, fixed answer options, numbered sections) would turn the chat into one shape.
_EXCLUDED = {
    "detectable_format:json_format",
    "detectable_format:constrained_response",
    "detectable_format:multiple_sections",
    "combination:two_responses",
}
INSTRUCTION_IDS = tuple(sorted(i for i in GENERATORS if i not in _EXCLUDED))

QUESTIONS = (
    "What is {topic} about?",
    "What is one surprising fact about {topic}?",
    "Who would enjoy learning about {topic}?",
    "What is a common mistake people make about {topic}?",
    "How would you explain {topic} to a friend?",
    "What is one question you still have about {topic}?",
    "What changed about {topic} over the years?",
    "What is the best first step to learn more about {topic}?",
    "What would a beginner notice first about {topic}?",
    "Why does {topic} matter to people?",
    "What is one good example related to {topic}?",
    "How would you sum up {topic} in one idea?",
)

INTRO = "From now on, in every reply:"
REMINDER = "Remember, this reply must follow every instruction still in force:"


@dataclass(frozen=True)
class AccumulateOptions:
    turns: int = 8
    at_end: bool = False
    path: str | None = None


def parse_options(option: str) -> AccumulateOptions:
    """``accumulate[:ITEM,ITEM...]`` with items ``at-end``, ``turns=N`` or a conversation file."""
    options = AccumulateOptions()
    for item in filter(None, (part.strip() for part in option.split(","))):
        if item == "at-end":
            options = replace(options, at_end=True)
        elif item.startswith("turns="):
            value = item.removeprefix("turns=")
            if not value.isdigit() or int(value) < 1:
                raise AdhereError(
                    f"--bench accumulate:{option}: turns= takes a positive integer, not {value!r}"
                )
            options = replace(options, turns=int(value))
        elif Path(item).exists():
            options = replace(options, path=item)
        else:
            raise AdhereError(
                f"--bench accumulate:{option}: {item!r} is not 'at-end', 'turns=N' or an existing file"
            )
    return options


def _introduce(turn: int) -> float:
    """The chance that turn ``turn`` (0-based) introduces an instruction: certain at the first,
    then falling, so late turns mostly carry what came before."""
    return 1.0 if turn == 0 else 0.6 * 0.75 ** (turn - 1)


def _new_instruction(rng: random.Random, active: Sequence[Constraint]) -> Constraint | None:
    ids = [c.id for c in active]
    options = [i for i in INSTRUCTION_IDS if i not in ids and compatible([*ids, i])]
    if not options:
        return None
    chosen = rng.choice(options)
    return build(chosen, GENERATORS[chosen](rng))


def _conversation(rng: random.Random, key: str, turns: int) -> Sample:
    topic = rng.choice(TOPICS)
    questions = rng.sample(QUESTIONS, min(turns, len(QUESTIONS)))
    active: list[Constraint] = []
    introduced: list[int] = []
    built: list[Turn] = []
    for index in range(turns):
        text = questions[index % len(questions)].format(topic=topic)
        new = _new_instruction(rng, active) if rng.random() < _introduce(index) else None
        if new is not None:
            active.append(new)
            introduced.append(index + 1)
            text = f"{text} {INTRO} {new.describe()}"
        built.append(Turn(text, tuple(active)))
    metadata = {"key": key, "suite": SUITE, "topic": topic, "introduced_at": introduced, "at_end": False}
    return Sample(key, tuple(built), metadata=metadata)


def accumulate_samples(n: int = 20, seed: int = 0, turns: int = 8) -> list[Sample]:
    """``n`` reproducible conversations of ``turns`` user turns; the same arguments give the same ones."""
    rng = random.Random(seed)
    return [_conversation(rng, f"accumulate-{seed}-{index}", turns) for index in range(n)]


def instructions_at_end(samples: Sequence[Sample]) -> list[Sample]:
    """The same conversations with every instruction active at a turn repeated at the end of
    that user turn (MMMT-IF's remedy); turns with nothing active are left as they are."""
    out = []
    for sample in samples:
        turns = tuple(
            replace(t, user=f"{t.user}\n\n{REMINDER} " + " ".join(c.describe() for c in t.constraints))
            if t.generated and t.constraints
            else t
            for t in sample.turns
        )
        out.append(replace(sample, turns=turns, metadata={**sample.metadata, "at_end": True}))
    return out


def _from_file(path: str, limit: int | None) -> list[Sample]:
    from adhere.benchmarks._ifeval import load_ifeval  # the file loaders, only for this path

    samples = load_ifeval(path)[:limit] if limit is not None else load_ifeval(path)
    return [
        replace(
            s, metadata={**s.metadata, "key": s.metadata.get("key", s.key), "suite": SUITE, "at_end": False}
        )
        for s in samples
    ]


def generate(limit: int | None, seed: int, option: str) -> list[Sample]:
    """``--bench accumulate[:at-end,turns=N,PATH]``: 20 conversations unless ``--limit`` says otherwise."""
    options = parse_options(option)
    if options.path is not None:
        samples = _from_file(options.path, limit)
    else:
        samples = accumulate_samples(limit if limit is not None else 20, seed, options.turns)
    return instructions_at_end(samples) if options.at_end else samples

"""``--bench tlg``: target-length generation (after Ruler's TLG).

Open-ended instructions written for this project, each followed by "The
response should have a word count of T words." for one of TLG's nine targets
(the last: "more than 800 words"). Item ``j`` gets target ``j mod 9`` among the
chosen targets, so any ``--limit`` spreads over the targets evenly; which
instruction goes with which item is drawn from the seed.

``tlg:L0`` / ``tlg:L1`` / ``tlg:L2`` keep one level's targets (L0: 10-80,
L1: 150-500, L2: 700 and more); ``tlg:10,30`` names targets. Each item carries
the Precise Match constraint, so the run's prompt-level accuracy is overall PM;
the ``tlg`` results section adds PM and FM per target, per level and overall,
for the model's replies and, apart, for repaired ones.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from adhere.constraints.robustness import TLG_TARGETS, TargetWords, tlg_window, tlg_words
from adhere.constraints.robustness._length import in_window, target_phrase
from adhere.errors import AdhereError
from adhere.runlog import SampleRecord
from adhere.samples import Sample
from adhere.suites._rates import rate

__all__ = ["INSTRUCTIONS", "LEVELS", "generate", "level_of", "tlg_samples", "tlg_section"]

SUITE = "tlg"

LEVELS: dict[str, tuple[int, ...]] = {"L0": (10, 30, 50, 80), "L1": (150, 300, 500), "L2": (700, 800)}

INSTRUCTIONS = (
    "Describe a morning at a busy fish market.",
    "Explain why people enjoy keeping houseplants.",
    "Write a story about a child who finds a map in an old book.",
    "Give advice to someone starting their first vegetable garden.",
    "Describe how a city changes when it snows overnight.",
    "Write a letter from a lighthouse keeper to a friend inland.",
    "Explain how to prepare for a long hike in the hills.",
    "Write a review of an imaginary restaurant that serves only soup.",
    "Describe the sounds of a train station at night.",
    "Explain what makes a good neighbour.",
    "Write a story about a robot learning to paint.",
    "Describe a summer afternoon at a public swimming pool.",
    "Explain how a small bakery might plan its week.",
    "Write a speech welcoming new members to a chess club.",
    "Describe the life of a street cat in a harbour town.",
    "Explain why some people prefer paper books to screens.",
    "Write a diary entry of a sailor on the first day of a voyage.",
    "Give tips for learning to play the guitar as an adult.",
    "Describe a thunderstorm seen from a mountain hut.",
    "Explain how volunteers could organise a neighbourhood clean-up.",
    "Write a story about two strangers sharing an umbrella.",
    "Describe what a museum of ordinary objects might contain.",
    "Explain the pleasures and troubles of owning a bicycle in a big city.",
    "Write a postcard message from a village in the desert.",
    "Describe a day in the life of a school librarian.",
    "Explain how to host a dinner for friends on a small budget.",
    "Write a fable about a tortoise who wanted to fly.",
    "Describe an autumn walk through an old orchard.",
    "Explain why maps are useful even in the age of phones.",
    "Write a story about a lost key and the door it opens.",
    "Describe the work of a night-shift baker.",
    "Explain how a family could spend a rainy weekend indoors.",
    "Write a toast for a grandparent's eightieth birthday.",
    "Describe a market day in a small mountain village.",
    "Explain what someone should know before adopting a dog.",
    "Write a story about a musician who loses their voice.",
)


def level_of(target: int) -> str:
    return next(name for name, targets in LEVELS.items() if target in targets)


def _targets(option: str) -> tuple[int, ...]:
    if not option:
        return TLG_TARGETS
    if option in LEVELS:
        return LEVELS[option]
    try:
        chosen = tuple(int(part) for part in option.split(","))
    except ValueError:
        chosen = ()
    if not chosen or any(t not in TLG_TARGETS for t in chosen):
        known = ", ".join(map(str, TLG_TARGETS))
        raise AdhereError(
            f"--bench tlg:{option}: give a level (L0, L1, L2) or targets among {known} (800 = more than 800)"
        )
    return chosen


def tlg_samples(n: int, seed: int = 0, targets: Sequence[int] = TLG_TARGETS) -> list[Sample]:
    """``n`` items, targets in turn, instructions drawn from ``seed`` (same arguments, same items)."""
    rng = random.Random(f"tlg:{seed}")
    samples = []
    order: list[str] = []
    for index in range(n):
        if not order:  # every instruction once before any repeats
            order = rng.sample(INSTRUCTIONS, len(INSTRUCTIONS))
        target = targets[index % len(targets)]
        constraint = TargetWords(target)  # type: ignore[arg-type]  # one of the Literal's values
        key = f"tlg-{index:03d}"
        metadata = {"key": key, "suite": SUITE, "target": target, "level": level_of(target)}
        samples.append(
            Sample.single(key, f"{order.pop()} {constraint.describe()}", [constraint], metadata=metadata)
        )
    return samples


def generate(limit: int | None, seed: int, option: str) -> list[Sample]:
    targets = _targets(option)
    return tlg_samples(limit if limit is not None else len(INSTRUCTIONS) * len(targets), seed, targets)


# ------------------------------------------------------------------ results


def _reply(record: SampleRecord, repaired: bool) -> str | None:
    last = record.generated[-1] if record.generated else None
    if last is None:
        return None
    if repaired:
        return last.repaired if last.repaired is not None else last.reply
    return last.reply


def _matches(records: Sequence[SampleRecord], repaired: bool) -> dict[str, Any]:
    rows: list[tuple[int, bool, bool, int]] = []
    for record in records:
        target = record.metadata.get("target")
        if target not in TLG_TARGETS:
            continue
        count = tlg_words(_reply(record, repaired) or "")
        rows.append(
            (target, in_window(count, tlg_window(target)), in_window(count, tlg_window(target, True)), count)
        )

    def figures(chosen: list[tuple[int, bool, bool, int]]) -> dict[str, Any]:
        return {"pm": rate(r[1] for r in chosen), "fm": rate(r[2] for r in chosen)}

    per_target = {}
    for target in TLG_TARGETS:
        chosen = [r for r in rows if r[0] == target]
        if chosen:
            words = sorted(r[3] for r in chosen)
            per_target[target_phrase(target)] = figures(chosen) | {"median_words": words[len(words) // 2]}
    per_level = {
        level: figures([r for r in rows if r[0] in targets])
        for level, targets in LEVELS.items()
        if any(r[0] in targets for r in rows)
    }
    return {"overall": figures(rows), "per_level": per_level, "per_target": per_target}


def tlg_section(records: Sequence[SampleRecord]) -> dict[str, Any]:
    """PM and FM per target, per level and overall (rates with 95% Wilson intervals); replies a
    repair changed are scored again apart, under ``repaired``."""
    out = {"words": r"\w+ matches", **_matches(records, repaired=False)}
    if any(t.repaired is not None for r in records for t in r.generated):
        out["repaired"] = _matches(records, repaired=True)
    return out

"""The prompt sets of an iteration: training prompts (synth, one seed), the held-out synth set
(another seed) and an optional evaluation file. A training prompt whose text is any evaluation
prompt's is left out, so nothing evaluated was trained on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from adhere._files import write_jsonl
from adhere.benchmarks import load_bench, synth_samples
from adhere.errors import AdhereError
from adhere.samples import Sample

__all__ = ["HELDOUT_BENCH", "TrainingPrompts", "training_prompts", "write_prompts"]

#: The held-out set is ``adhere eval --bench synth --seed HELDOUT_SEED --limit N``.
HELDOUT_BENCH = "synth"
# Drawn beyond the count asked for, to replace prompts left out for overlapping an evaluation.
_SPARE_FACTOR = 2


@dataclass(frozen=True)
class TrainingPrompts:
    samples: tuple[Sample, ...]
    #: Drawn prompts left out because an evaluation prompt (or an earlier training prompt) has their text.
    left_out: int


def _evaluation_texts(heldout: int, heldout_seed: int, eval_bench: Path | None) -> set[str]:
    samples = synth_samples(heldout, heldout_seed)
    if eval_bench is not None:
        samples += load_bench(str(eval_bench))  # every row, not only the evaluated ones
    return {sample.prompt for sample in samples}


def training_prompts(
    count: int, seed: int, heldout: int, heldout_seed: int, eval_bench: Path | None
) -> TrainingPrompts:
    """The first ``count`` synth prompts of ``seed`` whose text no evaluation prompt has."""
    taken = _evaluation_texts(heldout, heldout_seed, eval_bench)
    kept: list[Sample] = []
    drawn = synth_samples(count * _SPARE_FACTOR, seed)
    for sample in drawn:
        if len(kept) == count:
            break
        if sample.prompt not in taken:
            kept.append(sample)
            taken.add(sample.prompt)
    if len(kept) < count:
        raise AdhereError(
            f"--train-prompts {count}: only {len(kept)} synth prompts of seed {seed} are unlike every "
            "evaluation prompt; ask for fewer or change --train-seed"
        )
    return TrainingPrompts(tuple(kept), drawn.index(kept[-1]) + 1 - count)


def _row(sample: Sample) -> dict[str, object]:
    constraints = sample.constraints
    return {
        "key": sample.key,
        "prompt": sample.prompt,
        "instruction_id_list": [c.id for c in constraints],
        "kwargs": [c.kwargs() for c in constraints],
    }


def write_prompts(path: Path, samples: Iterable[Sample]) -> None:
    """An IFEval-format file that ``adhere eval --bench PATH`` reads back as the same samples."""
    write_jsonl(path, (_row(s) for s in samples))

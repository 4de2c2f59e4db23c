"""Paraphrase runs: every sample asked in K wordings of its constraints (IFEval++'s "cousin" prompts).

A benchmark transform, as the two-turn isolation is. Phrasing k of a sample is
the same task with each constraint in its k-th wording (``describe(k)``,
counted round, so a type with fewer wordings repeats one). Phrasing 0 is the
sample itself, unchanged, so its replies are a plain run's cache entries; the
others get the key ``KEY~pK``. Every sample is marked with its phrasing and the
key of the sample it rewords, so the results can group the phrasings again.

Only a prompt built as a task followed by its constraints' wordings can be
reworded (synth's, which keep their task in metadata). IFEval's and IFBench's
prompts state a constraint inside a sentence that also carries the task ("Write a
300+ word summary of ..."), and some constraints quote the prompt itself (repeat the
request word for word), so no span of such a prompt can be swapped for another
wording without changing the request: those benchmarks are refused, not rewritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from adhere.benchmarks._synth import TASK_FIELD, synth_prompt
from adhere.errors import AdhereError
from adhere.samples import Sample

__all__ = ["BASE_KEY", "PHRASING", "paraphrase", "phrasing_key"]

#: Metadata fields of a paraphrase run's samples: the wording used, and the key of the sample reworded.
PHRASING = "phrasing"
BASE_KEY = "paraphrase_of"


def phrasing_key(key: str, phrasing: int) -> str:
    """The key of ``key``'s ``phrasing``-th wording; phrasing 0 keeps the sample's own key."""
    return key if phrasing == 0 else f"{key}~p{phrasing}"


def _why_not(sample: Sample) -> str | None:
    if sample.is_multiturn:
        return "it is a conversation (several turns or a system message)"
    if not isinstance(sample.metadata.get(TASK_FIELD), str):
        return "its prompt is not built from its constraints' wordings (only --bench synth's are)"
    return None


def _reworded(sample: Sample, phrasing: int) -> Sample:
    base = str(sample.metadata.get("key", sample.key))
    key = phrasing_key(base, phrasing)
    metadata = {**sample.metadata, "key": key, PHRASING: phrasing, BASE_KEY: base}
    if phrasing == 0:
        return replace(sample, metadata=metadata)
    prompt = synth_prompt(sample.metadata[TASK_FIELD], sample.constraints, phrasing)
    turn = replace(sample.turns[-1], user=prompt)
    return replace(sample, key=key, turns=(turn,), metadata=metadata)


def paraphrase(samples: Sequence[Sample], count: int) -> list[Sample]:
    """Each sample in ``count`` phrasings, a sample's phrasings together (so a run stopped early
    has whole groups); raises AdhereError naming the first sample that cannot be reworded."""
    if count < 1:
        raise AdhereError(f"--paraphrases must be at least 1, not {count}")
    for sample in samples:
        reason = _why_not(sample)
        if reason is not None:
            key = sample.metadata.get("key", sample.key)
            raise AdhereError(f"sample {key!r} cannot be asked in other wordings: {reason}")
    return [_reworded(sample, phrasing) for sample in samples for phrasing in range(count)]

"""From run records to results: each record's verdicts, then the run's metrics.

Everything here is computed from the records alone, so ``adhere score`` on a
run directory reproduces what ``adhere eval`` wrote. A conversation passes
only if every generated turn and every conversation constraint does; per-turn
metrics sit beside the overall ones, and a paraphrase run's per-phrasing ones.
"""

from __future__ import annotations

import importlib
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from adhere.benchmarks._paraphrase import BASE_KEY, PHRASING
from adhere.constraints import Evaluation, build
from adhere.errors import AdhereError
from adhere.runlog import ConstraintRef, SampleRecord, Scored
from adhere.samples import Sample, Turn
from adhere.scoring import Metrics, bootstrap_intervals, summarize
from adhere.strategies._results import strategy_sections
from adhere.verdicts import ConversationEvaluation, evaluate_conversation

__all__ = ["Paraphrases", "PhrasingMetrics", "RunResults", "TurnMetrics", "sample_of", "score_records"]


def _built(refs: Sequence[ConstraintRef]) -> tuple[Any, ...]:
    return tuple(build(ref.id, ref.kwargs) for ref in refs)


def sample_of(record: SampleRecord) -> Sample:
    """The sample a record played (its constraints built again); raises AdhereError on bad ones."""
    turns = tuple(Turn(t.user, _built(t.constraints), t.reply if t.fixed else None) for t in record.turns)
    return Sample(str(record.key), turns, record.system, _built(record.conversation), {"key": record.key})


def _scored(evaluation: Evaluation) -> Scored:
    return Scored(
        tuple(v.ok for v in evaluation.strict),
        evaluation.loose,
        tuple(None if v.ok else v.reason for v in evaluation.strict),
    )


def _evaluate(record: SampleRecord, repaired: bool = False) -> ConversationEvaluation:
    sample = sample_of(record)
    replies = {
        index: (turn.repaired if repaired and turn.repaired is not None else turn.reply)
        for index, turn in enumerate(record.turns)
        if not turn.fixed
    }
    return evaluate_conversation(sample, replies)


def _with_verdicts(record: SampleRecord) -> tuple[SampleRecord, ConversationEvaluation]:
    checked = _evaluate(record)
    scored = record.with_verdicts(
        [_scored(t.evaluation) for t in checked.turns], _scored(checked.conversation)
    )
    if any(t.repaired is not None for t in record.turns):
        # The repaired replies are scored apart; they never count as the model's own.
        fixed = iter(_evaluate(record, repaired=True).turns)
        turns = tuple(
            t if t.fixed else replace(t, repaired_scored=_scored(next(fixed).evaluation))
            for t in scored.turns
        )
        scored = replace(scored, turns=turns)
    return scored, checked


#: Suite-level results: a record whose ``metadata["suite"]`` names a suite here gets that suite's
#: section, ``"module:function"`` taking the suite's scored records and returning a JSON-ready
#: dict, under ``results.json``'s ``suites``. A suite adds itself with one line.
SUITE_SECTIONS: dict[str, str] = {
    "accumulate": "adhere.suites._pif:pif_section",
    "rules": "adhere.suites._rules_results:rules_section",
    "tlg": "adhere.suites._tlg:tlg_section",
    "injection": "adhere.suites._injection:injection_section",
    "verbalizer": "adhere.suites._verbalizer:verbalizer_section",
}


def _suite_sections(records: Sequence[SampleRecord]) -> dict[str, Any]:
    by_suite: dict[str, list[SampleRecord]] = {}
    for record in records:
        suite = record.metadata.get("suite")
        if isinstance(suite, str) and suite in SUITE_SECTIONS:
            by_suite.setdefault(suite, []).append(record)
    out = {}
    for suite, members in by_suite.items():
        module, _, function = SUITE_SECTIONS[suite].partition(":")
        out[suite] = getattr(importlib.import_module(module), function)(members)
    return out


@dataclass(frozen=True)
class TurnMetrics:
    """Accuracy on the replies to one turn position (1-based) across conversations."""

    turn: int
    n: int
    prompt_strict: float
    prompt_loose: float
    instruction_strict: float
    instruction_loose: float


@dataclass(frozen=True)
class PhrasingMetrics:
    """Accuracy on the replies to one phrasing (0: the canonical wording) across samples."""

    phrasing: int
    n: int
    prompt_strict: float
    #: 95% interval of ``prompt_strict`` (bootstrap over samples, as the headline's).
    prompt_strict_ci95: tuple[float, float]
    instruction_strict: float
    #: Samples whose prompt in this phrasing differs from phrasing 0 (a constraint type with fewer
    #: wordings repeats one, and a sample all of whose types have one wording is asked unchanged).
    reworded: int


@dataclass(frozen=True)
class Paraphrases:
    """A paraphrase run: accuracy per phrasing, how far it moves, and the samples robust to wording."""

    k: int
    per_phrasing: tuple[PhrasingMetrics, ...]
    #: Max minus min of the per-phrasing prompt-level strict accuracies.
    spread: float
    #: Their population standard deviation (over the K phrasings).
    std: float
    #: reliable@K: the share of samples whose K phrasings all pass (prompt-level, strict).
    reliable: float
    #: Samples with all K phrasings answered (the denominator of ``reliable``).
    n: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "per_phrasing": [
                asdict(p) | {"prompt_strict_ci95": list(p.prompt_strict_ci95)} for p in self.per_phrasing
            ],
            "spread": self.spread,
            "std": self.std,
            f"reliable_at_{self.k}": self.reliable,
            "n": self.n,
        }


@dataclass(frozen=True)
class RunResults:
    """What ``results.json`` holds, typed."""

    metrics: Metrics
    intervals: Mapping[str, tuple[float, float]]
    n_prompts: int
    errors: int
    input_tokens: int
    output_tokens: int
    #: Replies that carried a reasoning trace, and those whose trace never closed (scored as failing).
    with_reasoning: int = 0
    unanswered: int = 0
    per_turn: tuple[TurnMetrics, ...] = ()
    #: Strategy sections (strategy, cost, repair, selective), computed from the records.
    strategy: Mapping[str, Any] = field(default_factory=dict)
    #: How the run was made: model, settings, complete, wall time.
    run: Mapping[str, Any] = field(default_factory=dict)
    #: Suite-level sections (see SUITE_SECTIONS), by suite name.
    suites: Mapping[str, Any] = field(default_factory=dict)
    #: Per-phrasing metrics of a paraphrase run (``adhere eval --paraphrases``); None otherwise.
    paraphrases: Paraphrases | None = None

    @property
    def complete(self) -> bool:
        return bool(self.run.get("complete", True))

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            **self.metrics.headline(),
            "ci95": {name: list(bounds) for name, bounds in self.intervals.items()},
            "n_prompts": self.n_prompts,
            "errors": self.errors,
            "by_instruction": {k: asdict(v) for k, v in self.metrics.by_instruction.items()},
            "tokens": {"input": self.input_tokens, "output": self.output_tokens},
            "reasoning": {"with_trace": self.with_reasoning, "unanswered": self.unanswered},
        }
        if self.per_turn:
            out["per_turn"] = [asdict(t) for t in self.per_turn]
        if self.suites:
            out["suites"] = dict(self.suites)
        if self.paraphrases is not None:
            out["paraphrases"] = self.paraphrases.as_dict()
        return out | dict(self.strategy) | dict(self.run)


def _per_turn(checked: Sequence[tuple[SampleRecord, ConversationEvaluation]]) -> tuple[TurnMetrics, ...]:
    """Metrics by position among each conversation's generated turns (over the turns that carry
    constraints); empty for one-turn runs."""
    by_position: dict[int, list[tuple[list[str], Evaluation]]] = {}
    for record, evaluation in checked:
        generated = record.generated
        for position, (turn, turn_eval) in enumerate(zip(generated, evaluation.turns, strict=True), start=1):
            ids = [c.id for c in turn.constraints]
            if ids:  # a turn with nothing to follow would pass vacuously and flatter its position
                by_position.setdefault(position, []).append((ids, turn_eval.evaluation))
    if all(len(record.generated) < 2 for record, _ in checked):
        return ()
    out = []
    for position, scored in sorted(by_position.items()):
        m = summarize(scored)
        out.append(
            TurnMetrics(
                position, m.n, m.prompt_strict, m.prompt_loose, m.instruction_strict, m.instruction_loose
            )
        )
    return tuple(out)


Checked = tuple[SampleRecord, ConversationEvaluation]


def _phrasing(record: SampleRecord) -> int | None:
    value = record.metadata.get(PHRASING)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _cluster(record: SampleRecord) -> str:
    """A bootstrap cluster: a sample's phrasings are resampled together, as a prompt's draws are."""
    return str(record.metadata.get(BASE_KEY, record.key))


def _phrasing_metrics(
    phrasing: int, checked: Sequence[Checked], canonical: Mapping[str, str]
) -> PhrasingMetrics:
    metrics = summarize((r.instruction_ids, e.combined) for r, e in checked)
    intervals = bootstrap_intervals([(_cluster(r), r.instruction_ids, e.combined) for r, e in checked])
    reworded = sum(canonical.get(_cluster(r), r.turns[-1].user) != r.turns[-1].user for r, _ in checked)
    return PhrasingMetrics(
        phrasing,
        metrics.n,
        metrics.prompt_strict,
        intervals["prompt_strict"],
        metrics.instruction_strict,
        reworded,
    )


def _paraphrases(records: Sequence[SampleRecord], checked: Sequence[Checked]) -> Paraphrases | None:
    """The paraphrase section, from the phrasing marks on the records; None for any other run."""
    phrasings = [p for p in map(_phrasing, records) if p is not None]
    if not phrasings:
        return None
    k = max(phrasings) + 1
    canonical = {_cluster(r): r.turns[-1].user for r in records if _phrasing(r) == 0}
    by_phrasing: dict[int, list[Checked]] = {p: [] for p in range(k)}
    passes: dict[tuple[str, int], dict[int, bool]] = {}
    for record, evaluation in checked:
        phrasing = _phrasing(record)
        if phrasing is None:
            continue
        by_phrasing[phrasing].append((record, evaluation))
        passes.setdefault((_cluster(record), record.draw), {})[phrasing] = (
            evaluation.combined.follows_all_strict
        )
    per_phrasing = tuple(_phrasing_metrics(p, by_phrasing[p], canonical) for p in range(k))
    accuracies = [m.prompt_strict for m in per_phrasing if m.n]
    # A sample with a phrasing unanswered (an error, a stopped run) says nothing about all K.
    reliable = [all(verdicts.values()) for verdicts in passes.values() if len(verdicts) == k]
    return Paraphrases(
        k=k,
        per_phrasing=per_phrasing,
        spread=max(accuracies) - min(accuracies) if accuracies else 0.0,
        std=statistics.pstdev(accuracies) if accuracies else 0.0,
        reliable=sum(reliable) / len(reliable) if reliable else 0.0,
        n=len(reliable),
    )


def score_records(
    records: Sequence[SampleRecord], run: Mapping[str, Any] | None = None
) -> tuple[list[SampleRecord], RunResults]:
    """Verdicts for every answered record (written into it), and the run's results."""
    out: list[SampleRecord] = []
    checked: list[tuple[SampleRecord, ConversationEvaluation]] = []
    for record in records:
        if record.error is not None:
            out.append(record)
            continue
        try:
            scored, evaluation = _with_verdicts(record)
        except AdhereError as error:
            raise AdhereError(f"sample {record.key!r}: {error}") from None
        out.append(scored)
        checked.append((scored, evaluation))
    metrics = summarize((r.instruction_ids, e.combined) for r, e in checked)
    intervals = bootstrap_intervals([(_cluster(r), r.instruction_ids, e.combined) for r, e in checked])
    replies = [t for r, _ in checked for t in r.generated]
    results = RunResults(
        metrics=metrics,
        intervals=intervals,
        n_prompts=len({str(r.key) for r in records}),
        errors=sum(1 for r in records if r.error is not None),
        input_tokens=sum(r.input_tokens for r, _ in checked),
        output_tokens=sum(r.output_tokens for r, _ in checked),
        with_reasoning=sum(t.had_reasoning for t in replies),
        unanswered=sum(t.reply is None for t in replies),
        per_turn=_per_turn(checked),
        strategy=strategy_sections(out),
        run=dict(run or {}),
        suites=_suite_sections(out),
        paraphrases=_paraphrases(out, checked),
    )
    return out, results

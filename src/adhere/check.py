"""Checking a file of responses against a file of prompts with constraints.

Each response row is matched to its prompt by ``key`` or, failing that, by
prompt text (ignoring surrounding whitespace). Several rows may answer the
same prompt: there is one verdict row per response row, in order. A
conversation is answered by ``replies`` (one per turn to answer); a file of
recorded conversations (each turn's ``assistant`` text) is scored as it is by
``check_recorded``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adhere._jsonl import OnInvalid, raise_invalid, read_jsonl
from adhere.benchmarks import load_ifeval, sample_from_row
from adhere.benchmarks._conversations import as_recorded
from adhere.constraints import Evaluation
from adhere.errors import AdhereError, InputError
from adhere.samples import Sample
from adhere.scoring import Metrics, summarize
from adhere.verdicts import ConversationEvaluation, evaluate_conversation

__all__ = [
    "CheckResult",
    "CheckedResponse",
    "check_batch",
    "check_files",
    "check_recorded",
    "check_responses",
]


@dataclass(frozen=True)
class CheckedResponse:
    line: int
    sample: Sample
    row: Mapping[str, Any]
    checked: ConversationEvaluation

    @property
    def evaluation(self) -> Evaluation:
        """Every verdict of the sample, in the order of its ``instruction_ids``."""
        return self.checked.combined

    def verdict_row(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.sample.metadata.get("key", self.sample.key)}
        if "id" in self.row:
            out["id"] = self.row["id"]
        evaluation = self.evaluation
        out["instruction_id_list"] = self.sample.instruction_ids
        out["strict"] = evaluation.strict_ok
        out["loose"] = list(evaluation.loose)
        out["reasons"] = [None if v.ok else v.reason for v in evaluation.strict]
        if len(self.checked.turns) > 1 or self.sample.conversation:
            out["turns"] = [
                {"turn": t.turn + 1, "strict": t.evaluation.strict_ok, "loose": list(t.evaluation.loose)}
                for t in self.checked.turns
            ]
        return out


def _replies(sample: Sample, row: Mapping[str, Any]) -> dict[int, str | None]:
    """The row's replies to the sample's generated turns: ``replies`` (one per generated turn),
    or ``response`` where the sample has one generated turn. Raises ValueError saying what is wrong."""
    generated = sample.generated_turns
    if "replies" in row:
        replies = row["replies"]
        if not isinstance(replies, list) or not all(isinstance(r, str) for r in replies):
            raise ValueError("'replies' must be a list of strings, one per generated turn")
        if len(replies) != len(generated):
            raise ValueError(
                f"'replies' has {len(replies)} replies; the conversation has {len(generated)} turns to answer"
            )
        return dict(zip(generated, replies, strict=True))
    response = row.get("response")
    if not isinstance(response, str):
        raise ValueError("missing the 'response' string" + (" (or 'replies')" if len(generated) > 1 else ""))
    if len(generated) != 1:
        raise ValueError(
            f"the conversation has {len(generated)} turns to answer: give 'replies', one per turn"
        )
    return {generated[0]: response}


@dataclass(frozen=True)
class CheckResult:
    responses: list[CheckedResponse]
    metrics: Metrics


class _PromptIndex:
    def __init__(self, samples: Iterable[Sample]) -> None:
        self.by_key: dict[str, Sample] = {}
        self.by_prompt: dict[str, list[Sample]] = {}
        for sample in samples:
            self.by_key[sample.key] = sample
            self.by_prompt.setdefault(sample.prompt.strip(), []).append(sample)

    def find(self, row: Mapping[str, Any]) -> Sample:
        """The sample a response row answers; raises ValueError saying why none."""
        if row.get("key") is not None:
            sample = self.by_key.get(str(row["key"]))
            if sample is None:
                raise ValueError(f"key {row['key']!r} matches no input prompt")
            return sample
        prompt = row.get("prompt")
        if not isinstance(prompt, str):
            raise ValueError("a response row needs a 'key' or a 'prompt' string")
        matches = self.by_prompt.get(prompt.strip(), [])
        if not matches:
            raise ValueError(f"prompt matches no input prompt: {prompt.strip()[:60]!r}…")
        if len(matches) > 1:
            keys = ", ".join(s.key for s in matches)
            raise ValueError(f"prompt matches several input prompts (keys {keys}); give a 'key'")
        return matches[0]


def _check(
    samples: Iterable[Sample],
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    source: str | Path,
    on_invalid: OnInvalid,
) -> CheckResult:
    index = _PromptIndex(samples)
    checked = []
    for number, row in rows:
        try:
            sample = index.find(row)
            replies = _replies(sample, row)
        except ValueError as error:
            on_invalid(InputError(source, number, str(error)))
            continue
        checked.append(CheckedResponse(number, sample, row, evaluate_conversation(sample, replies)))
    return _result(checked, source)


def _result(checked: list[CheckedResponse], source: str | Path) -> CheckResult:
    if not checked:
        raise InputError(source, None, "no responses could be checked")
    metrics = summarize((c.sample.instruction_ids, c.evaluation) for c in checked)
    return CheckResult(checked, metrics)


def check_recorded(data_path: str | Path, on_invalid: OnInvalid = raise_invalid) -> CheckResult:
    """Score a file of recorded conversations (no model): each turn's ``assistant`` text is its reply."""
    checked = []
    for number, row in read_jsonl(data_path, on_invalid):
        try:
            sample, replies = as_recorded(sample_from_row(row))
            missing = [index + 1 for index, reply in replies.items() if reply is None]
            if missing:
                raise AdhereError(
                    f"turn(s) {', '.join(map(str, missing))} have no 'assistant' reply to check"
                )
        except AdhereError as error:
            on_invalid(InputError(data_path, number, str(error)))
            continue
        checked.append(CheckedResponse(number, sample, row, evaluate_conversation(sample, replies)))
    return _result(checked, data_path)


def check_responses(
    samples: Iterable[Sample], responses_path: str | Path, on_invalid: OnInvalid = raise_invalid
) -> CheckResult:
    """Check every row of a responses file against its sample."""
    return _check(samples, read_jsonl(responses_path, on_invalid), responses_path, on_invalid)


def check_files(
    data_path: str | Path, responses_path: str | Path, on_invalid: OnInvalid = raise_invalid
) -> CheckResult:
    """Load IFEval-format prompts, then check every response row against its prompt."""
    return check_responses(load_ifeval(data_path, on_invalid), responses_path, on_invalid)


def check_batch(prompts: Iterable[Mapping[str, Any]], responses: Iterable[Mapping[str, Any]]) -> CheckResult:
    """In memory: IFEval-format prompt rows, and response rows with ``response``
    and ``key`` or ``prompt``. Errors name the row ("responses:3: ...")."""
    samples = []
    for number, row in enumerate(prompts, start=1):
        try:
            samples.append(sample_from_row(row))
        except AdhereError as error:
            raise InputError("prompts", number, str(error)) from None
    return _check(samples, enumerate(responses, start=1), "responses", raise_invalid)

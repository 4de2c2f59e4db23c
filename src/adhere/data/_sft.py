"""Supervised rows from runs: verified answers, each after the conversation that led to it.

An answer is kept when it passes every constraint of its turn (and the
conversation's); a turn whose history holds a reply that fails its own
constraints gives none, since an SFT trainer may learn the history too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from adhere.data._groups import PromptGroup, collect_by_group
from adhere.data._judge import TurnJudge, safe_judge
from adhere.runlog import SampleRecord

__all__ = ["SftRow", "verified_answers"]


@dataclass(frozen=True)
class SftRow:
    prompt: tuple[dict[str, str], ...]
    answer: str
    source: str  # "reply" (a final reply) or "candidate" (an answer the strategy reviewed)
    key: str
    basis: str

    def as_row(self, metadata: bool = False) -> dict[str, Any]:
        """TRL's conversational language-modeling format (plus adhere's fields with ``metadata``)."""
        row: dict[str, Any] = {
            "messages": [*map(dict, self.prompt), {"role": "assistant", "content": self.answer}]
        }
        if metadata:
            row["adhere"] = {"source": self.source, "key": self.key, "basis": self.basis}
        return row


def _history_follows(group: PromptGroup) -> bool:
    record = group.first.record
    for index in range(group.first.index):
        turn = record.turns[index]
        if turn.fixed or turn.reply is None:
            continue
        judge = safe_judge(record, index)
        if isinstance(judge, TurnJudge) and not judge.check(turn.reply).passed:
            return False
    return True


def _answers(group: PromptGroup) -> list[tuple[str, str]]:
    out = []
    for member in group.members:
        turn = member.record.turns[member.index]
        if turn.reply is not None:
            out.append((turn.reply, "reply"))
        out += [(c.text, "candidate") for c in turn.candidates]
    return out


def _group_rows(group: PromptGroup) -> tuple[list[SftRow], str | None]:
    judge = safe_judge(group.first.record, group.first.index)
    if judge is None:
        return [], "no verifiable constraints"
    if isinstance(judge, str):
        return [], judge
    if not _history_follows(group):
        return [], "an earlier reply fails its constraints"
    key = str(group.first.record.key)
    rows = [
        SftRow(group.prompt, text, source, key, judge.basis)
        for text, source in _answers(group)
        if text.strip() and judge.check(text).passed
    ]
    return rows, None if rows else "no answer passes every constraint"


def verified_answers(records: Iterable[SampleRecord]) -> tuple[list[SftRow], Counter[str]]:
    """Every verified answer, in reading order, and the prompts that gave none, counted by reason."""
    return collect_by_group(records, _group_rows)

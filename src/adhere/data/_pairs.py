"""Preference pairs from strategy traces: which answers of a prompt make a (chosen, rejected) pair.

Each source proposes pairs in its own way; a proposal is kept only when the
chosen answer passes every constraint of the sample and the rejected one fails
at least one (both checked again here, never taken from the strategy's word):

- ``best-of-n`` (and any other strategy with candidates): every passing
  candidate against every failing one.
- ``tree``: SPaR's minimal-edit pairs, a refined node against its parent.
- ``decrim``: the final answer against the first.
- ``draws``: the final replies of separate draws or runs of the same prompt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from adhere.data._groups import Answered, PromptGroup, collect_by_group
from adhere.data._judge import TurnJudge, safe_judge
from adhere.runlog import SampleRecord

__all__ = ["Pair", "propose_pairs"]


@dataclass(frozen=True)
class Pair:
    """One preference pair; ``failed`` names the constraints the rejected answer fails."""

    prompt: tuple[dict[str, str], ...]
    chosen: str
    rejected: str
    source: str
    key: str
    failed: tuple[str, ...]
    basis: str

    def as_row(self, metadata: bool = False) -> dict[str, Any]:
        """TRL's conversational preference format (plus adhere's fields with ``metadata``)."""
        row: dict[str, Any] = {
            "prompt": [dict(m) for m in self.prompt],
            "chosen": [{"role": "assistant", "content": self.chosen}],
            "rejected": [{"role": "assistant", "content": self.rejected}],
        }
        if metadata:
            row["adhere"] = {
                "source": self.source,
                "key": self.key,
                "failed": list(self.failed),
                "basis": self.basis,
            }
        return row


Proposal = tuple[str, str, str]  # chosen text, rejected text, source


def _candidates(member: Answered) -> list[str]:
    return [c.text for c in member.record.turns[member.index].candidates]


def _tree(member: Answered) -> list[Proposal]:
    nodes = member.record.turns[member.index].details.get("nodes") or []
    texts = _candidates(member)
    if len(nodes) != len(texts):  # a trace this reader does not understand proposes nothing
        return []
    out = []
    for node, text in zip(nodes, texts, strict=True):
        parent = node.get("parent") if isinstance(node, Mapping) else None
        if isinstance(parent, int) and 0 <= parent < len(texts):
            out.append((text, texts[parent], "tree"))
    return out


def _decrim(member: Answered) -> list[Proposal]:
    texts = _candidates(member)
    chosen = member.record.turns[member.index].details.get("chosen")
    if not isinstance(chosen, int) or not 0 < chosen < len(texts):
        return []
    return [(texts[chosen], texts[0], "decrim")]


def _all_against_all(texts: list[str], judge: TurnJudge, source: str) -> list[Proposal]:
    passing = [t for t in dict.fromkeys(texts) if judge.check(t).passed]
    failing = [t for t in dict.fromkeys(texts) if not judge.check(t).passed]
    return [(good, bad, source) for good in passing for bad in failing]


def _proposals(group: PromptGroup, judge: TurnJudge) -> list[Proposal]:
    out: list[Proposal] = []
    for member in group.members:
        strategy = member.record.strategy or "direct"
        if strategy == "tree":
            out += _tree(member)
        elif strategy == "decrim":
            out += _decrim(member)
        elif _candidates(member):
            out += _all_against_all(_candidates(member), judge, strategy)
    finals = [m.record.turns[m.index].reply for m in group.members]
    if len(finals) > 1:
        out += _all_against_all([t for t in finals if t is not None], judge, "draws")
    return out


def _why_none(group: PromptGroup, proposals: list[Proposal], judge: TurnJudge) -> str:
    if not proposals and len(group.members) == 1 and not _candidates(group.first):
        return "one answer only (no candidates, no other draw)"
    texts = [
        t for m in group.members for t in (*_candidates(m), m.record.turns[m.index].reply) if t is not None
    ]
    passing = [judge.check(t).passed for t in texts]
    if not any(passing):
        return "no answer passes every constraint"
    if all(passing):
        return "every answer passes every constraint"
    return "no pair of its kind (a passing refinement of a failing answer)"


def _group_pairs(group: PromptGroup) -> tuple[list[Pair], str | None]:
    judge = safe_judge(group.first.record, group.first.index)
    if judge is None:
        return [], "no verifiable constraints"
    if isinstance(judge, str):
        return [], judge
    proposals = _proposals(group, judge)
    key = str(group.first.record.key)
    pairs = []
    for chosen, rejected, source in proposals:
        verdict = judge.check(rejected)
        if judge.check(chosen).passed and not verdict.passed:
            pairs.append(Pair(group.prompt, chosen, rejected, source, key, verdict.failed, judge.basis))
    return pairs, None if pairs else _why_none(group, proposals, judge)


def propose_pairs(records: Iterable[SampleRecord]) -> tuple[list[Pair], Counter[str]]:
    """Every valid pair, in reading order, and the prompts that gave none, counted by reason."""
    return collect_by_group(records, _group_pairs)

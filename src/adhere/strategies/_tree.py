"""``tree`` (SPaR-style self-play tree search): revisions of revisions as a tree.

Each expanded node gets ``branching`` sampled revisions, each told that node's
failures; nodes are scored by the share of known constraints they pass (with
``judge``, the judge's score counts as one more constraint). Search is breadth-
or depth-first to ``depth`` levels and stops at the first node that passes every
known constraint; otherwise the best-scoring node wins. The whole tree goes into
the outcome's details.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Literal

from adhere.errors import AdhereError
from adhere.models import Model
from adhere.samples import Sample
from adhere.strategies._review import Review, judge_score, know, review
from adhere.strategies._revise import revision_messages
from adhere.strategies._settings import Known, Outcome, StrategySettings
from adhere.strategies._trace import Trace

__all__ = ["TreeSettings", "tree"]


@dataclass(frozen=True)
class TreeSettings(StrategySettings):
    branching: int = 2  # children per expanded node
    depth: int = 2  # revision levels below the first answer
    search: Literal["bfs", "dfs"] = "bfs"

    def __post_init__(self) -> None:
        if self.branching < 1 or self.depth < 0:
            raise AdhereError(
                f"tree: branching must be at least 1 and depth 0 or more, "
                f"not {self.branching} and {self.depth}"
            )
        if self.search not in ("bfs", "dfs"):
            raise AdhereError(f"tree: search must be bfs or dfs, not {self.search!r}")


@dataclass(frozen=True)
class _Node:
    id: int
    parent: int | None
    depth: int
    text: str
    review: Review
    score: float

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "parent": self.parent, "depth": self.depth, "score": round(self.score, 4),
            "passed": self.review.passed, "known": self.review.total, "failures": list(self.review.failures),
        }  # fmt: skip


class _Search:
    """One sample's tree: makes, scores and numbers the nodes."""

    def __init__(self, sample: Sample, trace: Trace, known: Known, settings: TreeSettings) -> None:
        self.sample, self.trace, self.known, self.settings = sample, trace, known, settings
        self.nodes: list[_Node] = []

    async def node(self, text: str, parent: _Node | None) -> _Node:
        checked = await review(self.trace, self.sample.prompt, self.known, text)
        score = checked.fraction
        if self.settings.judge:
            judged = await judge_score(self.trace, self.sample.prompt, text, self.settings)
            score = checked.with_judge(judged)
        parent_id, depth = (parent.id, parent.depth + 1) if parent else (None, 0)
        made = _Node(len(self.nodes), parent_id, depth, text, checked, score)
        self.nodes.append(made)
        return made

    async def children(self, parent: _Node) -> list[_Node]:
        made = []
        for _ in range(self.settings.branching):
            messages = revision_messages(self.sample, parent.text, parent.review.failures)
            text = await self.trace.generate("revise", messages, self.settings.config(len(self.nodes)))
            made.append(await self.node(text, parent))
            if made[-1].review.all_pass:
                break
        return made


async def tree(sample: Sample, model: Model, settings: TreeSettings) -> Outcome:
    trace = settings.trace(model)
    search = _Search(sample, trace, await know(sample, trace, settings), settings)
    root = await search.node(await trace.generate("answer", sample.messages, settings.config(0)), None)
    frontier = deque([root])
    solved = root if root.review.all_pass else None
    while frontier and solved is None:
        node = frontier.popleft() if settings.search == "bfs" else frontier.pop()
        if node.depth >= settings.depth:
            continue
        children = sorted(await search.children(node), key=lambda n: -n.score)
        solved = next((child for child in children if child.review.all_pass), None)
        # Best child first: next in line for breadth-first, on top of the stack for depth-first.
        frontier.extend(children if settings.search == "bfs" else reversed(children))
    best = solved or max(search.nodes, key=lambda n: (n.score, -n.id))
    details = {"chosen": best.id, "nodes": [n.as_dict() for n in search.nodes], "search": settings.search}
    return Outcome.of(trace, best.text, search.known, best.review.verdict, details)

"""The accumulate suite's results: PIF (programmatic instruction following, after MMMT-IF).

- PIF of a reply: the fraction of the instructions active at its turn that it follows (strict).
- PIF per turn: the mean PIF of the replies at each turn position (1-based among generated turns).
- Overall PIF: the mean PIF over every reply that has at least one active instruction.
- PIF-N-K (``--samples N``): the fraction of (conversation, turn) pairs, over turns with at least
  one active instruction, where at least K of the N replies have PIF = 1; reported for K = 1..N.

Intervals are 95% percentile bootstraps that resample conversations with all their draws
and turns (``_bootstrap``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from adhere.runlog import SampleRecord
from adhere.suites._bootstrap import interval

__all__ = ["ReplyPif", "pif_section", "reply_pifs"]


@dataclass(frozen=True)
class ReplyPif:
    """One scored reply that had instructions to follow."""

    conversation: str
    draw: int
    turn: int  # position among the conversation's generated turns, from 1
    active: int
    followed: int

    @property
    def pif(self) -> float:
        return self.followed / self.active

    @property
    def perfect(self) -> bool:
        return self.followed == self.active


def reply_pifs(records: Sequence[SampleRecord]) -> list[ReplyPif]:
    """Every scored reply with at least one active instruction (answered records only)."""
    out = []
    for record in records:
        if record.error is not None:
            continue
        for position, turn in enumerate(record.generated, start=1):
            if turn.scored is None or not turn.scored.strict:
                continue
            strict = turn.scored.strict
            out.append(ReplyPif(str(record.key), record.draw, position, len(strict), sum(strict)))
    return out


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _overall(replies: Sequence[ReplyPif]) -> float:
    return _mean([r.pif for r in replies])


def _bootstrap(replies: Sequence[ReplyPif], statistic: Callable[[Sequence[ReplyPif]], float]) -> list[float]:
    return interval(replies, lambda r: r.conversation, statistic)


def _per_turn(replies: Sequence[ReplyPif]) -> list[dict[str, Any]]:
    out = []
    for turn in sorted({r.turn for r in replies}):
        at = [r for r in replies if r.turn == turn]
        out.append(
            {
                "turn": turn,
                "n": len(at),
                "active": _mean([r.active for r in at]),
                "pif": _overall(at),
                "all_followed": _mean([r.perfect for r in at]),
                "ci95": _bootstrap(at, _overall),
            }
        )
    return out


def _at_least(k: int) -> Callable[[Sequence[ReplyPif]], float]:
    """The share of (conversation, turn) pairs with at least ``k`` perfect replies among their draws."""

    def statistic(replies: Sequence[ReplyPif]) -> float:
        # A resampled conversation appears more than once; each copy is its own pair, so
        # pairs are counted from the draws grouped in order of appearance.
        perfect: dict[tuple[str, int, int], int] = {}
        copy: dict[tuple[str, int, int], int] = {}
        for reply in replies:
            seen = (reply.conversation, reply.turn, reply.draw)
            copy[seen] = copy.get(seen, -1) + 1
            pair = (reply.conversation, reply.turn, copy[seen])
            perfect[pair] = perfect.get(pair, 0) + reply.perfect
        return _mean([count >= k for count in perfect.values()])

    return statistic


def _pif_n_k(replies: Sequence[ReplyPif]) -> dict[str, Any]:
    draws = len({r.draw for r in replies})
    return {
        "n": draws,
        "pairs": len({(r.conversation, r.turn) for r in replies}),
        "k": [
            {"k": k, "value": _at_least(k)(replies), "ci95": _bootstrap(replies, _at_least(k))}
            for k in range(1, draws + 1)
        ],
    }


def pif_section(records: Sequence[SampleRecord]) -> dict[str, Any]:
    """``results.json``'s ``suites.accumulate``: PIF per turn, overall and PIF-N-K."""
    replies = reply_pifs(records)
    at_end = sorted({bool(r.metadata.get("at_end")) for r in records})
    return {
        "instructions_at_end": at_end[0] if len(at_end) == 1 else "mixed",
        "conversations": len({str(r.key) for r in records}),
        "replies": len(replies),
        "pif": _overall(replies),
        "ci95": _bootstrap(replies, _overall),
        "per_turn": _per_turn(replies),
        "pif_n_k": _pif_n_k(replies),
    }

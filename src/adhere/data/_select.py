"""Thinning exported rows: duplicates out, a cap per prompt, and pairs balanced across the
constraint types their rejected answers fail. Each filter keeps reading order and counts
what it drops."""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

__all__ = ["balance", "cap_per_prompt", "dedupe", "prompt_key"]

T = TypeVar("T")


def prompt_key(prompt: Sequence[dict[str, str]]) -> str:
    return json.dumps(list(prompt), sort_keys=True)


def dedupe(rows: list[T], identity: Callable[[T], Hashable]) -> tuple[list[T], int]:
    seen: set[Hashable] = set()
    kept = []
    for row in rows:
        if identity(row) not in seen:
            seen.add(identity(row))
            kept.append(row)
    return kept, len(rows) - len(kept)


def cap_per_prompt(rows: list[T], prompt: Callable[[T], str], cap: int | None) -> tuple[list[T], int]:
    if cap is None:
        return rows, 0
    counts: Counter[str] = Counter()
    kept = []
    for row in rows:
        counts[prompt(row)] += 1
        if counts[prompt(row)] <= cap:
            kept.append(row)
    return kept, len(rows) - len(kept)


def balance(rows: list[T], types: Callable[[T], Sequence[str]]) -> tuple[list[T], int]:
    """At most the median type's count of rows per type.

    A row counts for one type: the rarest of the types it has (so a row failing
    a rare and a common constraint serves the rare one). Rows with no type stay.
    """
    totals: Counter[str] = Counter(t for row in rows for t in set(types(row)))
    if not totals:
        return rows, 0
    cap = math.ceil(statistics.median(totals.values()))
    used: Counter[str] = Counter()
    kept = []
    for row in rows:
        mine = types(row)
        if not mine:
            kept.append(row)
            continue
        rarest = min(sorted(set(mine)), key=lambda t: totals[t])
        if used[rarest] < cap:
            used[rarest] += 1
            kept.append(row)
    return kept, len(rows) - len(kept)

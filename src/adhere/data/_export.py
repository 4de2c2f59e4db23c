"""``adhere data pairs`` and ``adhere data sft``: run directories in, a JSONL file and a summary out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from adhere._files import write_jsonl
from adhere.data._pairs import Pair, propose_pairs
from adhere.data._select import balance, cap_per_prompt, dedupe, prompt_key
from adhere.data._sft import SftRow, verified_answers
from adhere.errors import AdhereError
from adhere.runlog import SampleRecord, read_samples

__all__ = ["ExportOptions", "Summary", "export_pairs", "export_sft", "read_runs"]


@dataclass(frozen=True)
class ExportOptions:
    max_per_prompt: int | None = None
    balance: bool = False  # pairs only
    metadata: bool = False  # write adhere's fields (source, key, failed ids) beside TRL's

    def __post_init__(self) -> None:
        if self.max_per_prompt is not None and self.max_per_prompt < 1:
            raise AdhereError(f"--max-per-prompt must be at least 1, not {self.max_per_prompt}")


@dataclass(frozen=True)
class Summary:
    """What an export kept, and why the rest went."""

    kept: int
    prompts: int  # distinct prompts among the kept rows
    by_source: Counter[str] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    #: Prompts (turns) that gave no row, by reason.
    without: Counter[str] = field(default_factory=Counter)
    #: Rows found and then dropped, by reason.
    dropped: Counter[str] = field(default_factory=Counter)


def read_runs(run_dirs: Sequence[str | Path]) -> list[SampleRecord]:
    if not run_dirs:
        raise AdhereError("name at least one run directory")
    return [record for run in run_dirs for record in read_samples(run)]


def _thin_pairs(pairs: list[Pair], options: ExportOptions) -> tuple[list[Pair], Counter[str]]:
    dropped: Counter[str] = Counter()
    kept = [p for p in pairs if p.chosen != p.rejected]
    dropped["chosen and rejected identical"] = len(pairs) - len(kept)
    kept, dropped["duplicate"] = dedupe(kept, lambda p: (prompt_key(p.prompt), p.chosen, p.rejected))
    kept, dropped["over --max-per-prompt"] = cap_per_prompt(
        kept, lambda p: prompt_key(p.prompt), options.max_per_prompt
    )
    if options.balance:
        kept, dropped["--balance (constraint type over the median)"] = balance(kept, lambda p: p.failed)
    return kept, +dropped  # unary plus drops the zero counts


def export_pairs(run_dirs: Sequence[str | Path], out: str | Path, options: ExportOptions) -> Summary:
    pairs, without = propose_pairs(read_runs(run_dirs))
    kept, dropped = _thin_pairs(pairs, options)
    write_jsonl(out, (p.as_row(options.metadata) for p in kept))
    return Summary(
        len(kept),
        len({prompt_key(p.prompt) for p in kept}),
        Counter(p.source for p in kept),
        Counter(t for p in kept for t in p.failed),
        without,
        dropped,
    )


def export_sft(run_dirs: Sequence[str | Path], out: str | Path, options: ExportOptions) -> Summary:
    rows, without = verified_answers(read_runs(run_dirs))
    dropped: Counter[str] = Counter()
    kept: list[SftRow]
    kept, dropped["duplicate"] = dedupe(rows, lambda r: (prompt_key(r.prompt), r.answer))
    kept, dropped["over --max-per-prompt"] = cap_per_prompt(
        kept, lambda r: prompt_key(r.prompt), options.max_per_prompt
    )
    write_jsonl(out, (r.as_row(options.metadata) for r in kept))
    return Summary(
        len(kept),
        len({prompt_key(r.prompt) for r in kept}),
        Counter(r.source for r in kept),
        Counter(),
        without,
        +dropped,
    )

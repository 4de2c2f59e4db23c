"""``adhere bench-dump``: write a generated benchmark's items to a file.

A generated benchmark (``synth``, ``tlg``, ``injection``, ``verbalizer``, ...)
is rebuilt from its seed on every ``--bench NAME`` run; this writes the same
items, one IFEval-format row each (``key``, ``prompt``, ``instruction_id_list``,
``kwargs``) with the sample's ``metadata`` beside them, so they can be read,
diffed, or run elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = ["register"]


def _row(sample: Any) -> dict[str, Any]:
    if len(sample.turns) > 1 or sample.system is not None or sample.conversation:
        return {
            "key": sample.key,
            **({"system": sample.system} if sample.system is not None else {}),
            "turns": [
                {
                    "user": t.user,
                    "constraints": [{"id": c.id, "kwargs": c.kwargs()} for c in t.constraints],
                    **({"assistant": t.reply} if t.reply is not None else {}),
                }
                for t in sample.turns
            ],
            "conversation": [{"id": c.id, "kwargs": c.kwargs()} for c in sample.conversation],
            "metadata": {k: v for k, v in sample.metadata.items() if k != "key"},
        }
    return {
        "key": sample.key,
        "prompt": sample.prompt,
        "instruction_id_list": [c.id for c in sample.constraints],
        "kwargs": [c.kwargs() for c in sample.constraints],
        "metadata": {k: v for k, v in sample.metadata.items() if k != "key"},
    }


def bench_dump(
    bench: Annotated[str, typer.Argument(help="A generated benchmark: NAME or NAME:OPTION (e.g. tlg:L0).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The JSONL file to write.")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many items.")] = None,
    seed: Annotated[int, typer.Option(help="The generator's seed (as eval's --seed).")] = 0,
) -> None:
    """Write a generated benchmark's items (the ones eval --bench NAME --seed S plays) to a JSONL file."""
    from adhere.benchmarks._registry import GENERATED, load_bench
    from adhere.errors import AdhereError

    name = bench.partition(":")[0]
    try:
        if name not in GENERATED:
            raise AdhereError(
                f"bench-dump {bench!r}: not a generated benchmark (known: {', '.join(GENERATED)})"
            )
        samples = load_bench(bench, limit=limit, seed=seed)
        with out.open("w", encoding="utf-8") as handle:
            for sample in samples:
                handle.write(json.dumps(_row(sample), ensure_ascii=False) + "\n")
    except AdhereError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    except OSError as error:
        typer.echo(f"error: --out {out}: {error.strerror or error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {len(samples)} items to {out}")


def register(app: typer.Typer) -> None:
    app.command("bench-dump")(bench_dump)

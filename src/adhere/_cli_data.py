"""Commands ``adhere data`` (training data from runs) and ``adhere train`` (LoRA training).

Only typer and the standard library load at import; each command imports its work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from adhere._cli_errors import user_errors

if TYPE_CHECKING:
    from adhere.data import Summary

__all__ = ["register"]

data_app = typer.Typer(help="Training data from run directories (TRL formats).", no_args_is_help=True)

_RUNS = Annotated[list[Path], typer.Argument(help="Run directories (each with samples.jsonl).")]
_OUT = Annotated[Path, typer.Option("--out", help="The JSONL file to write.")]
_CAP = Annotated[
    int | None,
    typer.Option("--max-per-prompt", help="Keep at most this many rows per prompt (the first found)."),
]
_META = Annotated[
    bool,
    typer.Option(
        "--metadata", help="Add an 'adhere' field (source, key, failed constraint ids) to each row."
    ),
]


def _print_summary(summary: Summary, what: str, out: Path) -> None:
    typer.echo(f"kept {summary.kept} {what} from {summary.prompts} prompts -> {out}")
    for title, counts in (
        ("by source", summary.by_source),
        ("failed constraint types (rejected)", summary.by_type),
        ("prompts without any, by reason", summary.without),
        ("dropped, by reason", summary.dropped),
    ):
        if counts:
            typer.echo(f"{title}:")
            for name, count in counts.most_common():
                typer.echo(f"  {count:6d}  {name}")


@data_app.command("pairs")
def pairs(
    runs: _RUNS,
    out: _OUT,
    max_per_prompt: _CAP = None,
    balance: Annotated[
        bool,
        typer.Option(
            "--balance", help="At most the median type's count of pairs per failed constraint type."
        ),
    ] = False,
    metadata: _META = False,
) -> None:
    """Preference pairs (prompt, chosen, rejected) from strategy traces and draws."""
    with user_errors():
        from adhere.data import ExportOptions, export_pairs

        summary = export_pairs(runs, out, ExportOptions(max_per_prompt, balance, metadata))
    _print_summary(summary, "pairs", out)


@data_app.command("sft")
def sft(runs: _RUNS, out: _OUT, max_per_prompt: _CAP = None, metadata: _META = False) -> None:
    """Verified answers as messages-format SFT rows."""
    with user_errors():
        from adhere.data import ExportOptions, export_sft

        summary = export_sft(runs, out, ExportOptions(max_per_prompt, False, metadata))
    _print_summary(summary, "rows", out)


train_app = typer.Typer(
    help="LoRA training with TRL on a transformers model (needs the train extra).", no_args_is_help=True
)

_DATA = Annotated[Path, typer.Option("--data", help="The JSONL training file (from adhere data).")]
_MODEL = Annotated[
    str, typer.Option("--model", help="'embedded', a .gguf file, or a transformers model folder.")
]
_TRAIN_OUT = Annotated[Path, typer.Option("--out", help="Folder for checkpoints and the adapter.")]
_EPOCHS = Annotated[float, typer.Option("--epochs", help="Passes over the data.")]
_STEPS = Annotated[int, typer.Option("--max-steps", help="Stop after this many steps (overrides --epochs).")]
_LR = Annotated[float, typer.Option("--lr", help="Learning rate.")]
_BATCH = Annotated[int, typer.Option("--batch-size", help="Rows per step.")]
_RANK = Annotated[int, typer.Option("--lora-r", help="LoRA rank.")]
_SAVE = Annotated[int, typer.Option("--save-steps", help="Write a checkpoint every this many steps.")]
_RESUME = Annotated[bool, typer.Option("--resume", help="Continue from the latest checkpoint in --out.")]


def _train(kind: str, **options: object) -> None:
    with user_errors():
        from adhere.train import TrainSettings, train

        try:
            result = train(TrainSettings(kind, **options))  # type: ignore[arg-type]
        except KeyboardInterrupt:
            typer.echo("stopped: rerun with --resume to continue from the last checkpoint", err=True)
            raise typer.Exit(130) from None
    loss = "n/a" if result.loss is None else f"{result.loss:.4f}"
    since = f" (resumed from {result.resumed_from})" if result.resumed_from else ""
    typer.echo(f"trained {result.steps} steps{since}, last loss {loss}; adapter -> {result.adapter}")


@train_app.command("sft")
def train_sft(
    data: _DATA, out: _TRAIN_OUT, model: _MODEL = "embedded", epochs: _EPOCHS = 1.0, max_steps: _STEPS = -1,
    lr: _LR = 1e-4, batch_size: _BATCH = 2, lora_r: _RANK = 8, save_steps: _SAVE = 50,
    resume: _RESUME = False,
) -> None:  # fmt: skip
    """Supervised fine-tuning of a LoRA adapter on messages rows."""
    _train("sft", data=data, model=model, out=out, epochs=epochs, max_steps=max_steps, learning_rate=lr,
           batch_size=batch_size, lora_r=lora_r, save_steps=save_steps, resume=resume)  # fmt: skip


@train_app.command("dpo")
def train_dpo(
    data: _DATA, out: _TRAIN_OUT, model: _MODEL = "embedded", epochs: _EPOCHS = 1.0, max_steps: _STEPS = -1,
    lr: _LR = 5e-5, batch_size: _BATCH = 2, lora_r: _RANK = 8, save_steps: _SAVE = 50,
    resume: _RESUME = False,
    beta: Annotated[float, typer.Option("--beta", help="DPO's pull towards the base model.")] = 0.1,
) -> None:  # fmt: skip
    """Direct preference optimisation of a LoRA adapter on preference pairs."""
    _train("dpo", data=data, model=model, out=out, epochs=epochs, max_steps=max_steps, learning_rate=lr,
           batch_size=batch_size, lora_r=lora_r, save_steps=save_steps, resume=resume, beta=beta)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
    app.add_typer(train_app, name="train")

"""Commands ``adhere improve`` (one self-play iteration) and ``adhere train export`` (a trained
adapter merged and written as GGUF).

Only typer and the standard library load at import; each command imports its work. ``train
export`` joins the ``train`` commands that ``adhere._cli_data`` defines."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from adhere._cli_data import train_app
from adhere._cli_errors import user_errors
from adhere._cli_settings import read_settings

if TYPE_CHECKING:
    from adhere.improve import StageOutcome

__all__ = ["register"]

_TYPES = "source (the source's quantization), f16 or f32"
_GGUF_TYPE = Annotated[
    str,
    typer.Option(
        "--gguf-type",
        help=f"Weight type written: {_TYPES}. A trained change far below the source's quantization "
        "step is lost in 'source'.",
    ),
]
_MODEL = Annotated[str, typer.Option("--model", help="'embedded' or a llama-architecture .gguf file.")]


def train_export(
    out: Annotated[Path, typer.Option("--out", help="Folder for model-DIGEST.gguf.")],
    adapter: Annotated[
        Path | None,
        typer.Option(
            "--adapter", help="The LoRA adapter (adhere train's OUT/adapter); none: the base model."
        ),
    ] = None,
    model: _MODEL = "embedded",
    gguf_type: _GGUF_TYPE = "f16",
) -> None:
    """Merge a LoRA adapter into its GGUF model and write a GGUF llama.cpp loads."""
    with user_errors():
        from adhere.train import export_gguf

        result = export_gguf(model, adapter, out, gguf_type)  # type: ignore[arg-type]
    kept = "" if result.kept is None else f"; the written weights keep {result.kept:.0%} of the change"
    typer.echo(f"{result.changed} of {result.tensors} tensors changed by training{kept} -> {result.path}")


def _print_stage(outcome: StageOutcome) -> None:
    how = "skipped, done before in" if outcome.skipped else "done in"
    typer.echo(f"stage {outcome.name}: {how} {outcome.wall_s:.1f} s", err=True)


def improve(
    out: Annotated[Path, typer.Option("--out", help="Folder for every stage's output and improve.json.")],
    model: _MODEL = "embedded",
    train_prompts: Annotated[int, typer.Option("--train-prompts", help="Synth training prompts.")] = 100,
    train_seed: Annotated[int, typer.Option("--train-seed", help="Synth seed of the training prompts.")] = 1,
    heldout: Annotated[int, typer.Option("--heldout", help="Held-out synth prompts evaluated.")] = 50,
    heldout_seed: Annotated[int, typer.Option("--heldout-seed", help="Synth seed of the held-out set.")] = 0,
    eval_bench: Annotated[
        Path | None,
        typer.Option("--eval-bench", help="An IFEval-format file also evaluated before and after."),
    ] = None,
    eval_limit: Annotated[
        int | None, typer.Option("--eval-limit", help="Evaluate only the first N of --eval-bench.")
    ] = None,
    max_tokens: Annotated[int, typer.Option("--max-tokens", help="Tokens per answer, every stage.")] = 512,
    tree: Annotated[
        list[str] | None, typer.Option("-S", "--set", help="A tree setting NAME=VALUE (repeatable).")
    ] = None,
    oracle: Annotated[
        bool,
        typer.Option(
            "--oracle/--no-oracle", help="Tell the tree the training prompts' constraints (else it extracts)."
        ),
    ] = True,
    max_pairs_per_prompt: Annotated[
        int, typer.Option("--max-pairs-per-prompt", help="Preference pairs kept per prompt.")
    ] = 4,
    epochs: Annotated[float, typer.Option("--epochs", help="DPO passes over the pairs.")] = 2.0,
    max_steps: Annotated[int, typer.Option("--max-steps", help="DPO steps (overrides --epochs).")] = -1,
    lr: Annotated[float, typer.Option("--lr", help="DPO learning rate.")] = 1e-4,
    beta: Annotated[float, typer.Option("--beta", help="DPO's pull towards the base model.")] = 0.1,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Pairs per DPO step.")] = 2,
    lora_r: Annotated[int, typer.Option("--lora-r", help="LoRA rank.")] = 8,
    gguf_type: _GGUF_TYPE = "f16",
    control: Annotated[
        bool,
        typer.Option(
            "--control/--no-control", help="Also evaluate the untrained model written in --gguf-type."
        ),
    ] = True,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="Completion cache (default: $ADHERE_CACHE or ~/.cache).")
    ] = None,
    stop_after: Annotated[
        str | None, typer.Option("--stop-after", help="Stop after this stage (prompts ... evaluate).")
    ] = None,
) -> None:
    """One self-play iteration: generate, refine (tree), pairs, DPO, GGUF, evaluate; resumable."""
    with user_errors():
        from adhere.improve import ImproveSettings, run_improve

        tree_settings = read_settings(tree, example="depth=3", what="tree setting")
        settings = ImproveSettings(
            out=out, model=model, train_prompts=train_prompts, train_seed=train_seed, heldout_prompts=heldout,
            heldout_seed=heldout_seed, eval_bench=eval_bench, eval_limit=eval_limit, max_tokens=max_tokens,
            tree=tree_settings, oracle_constraints=oracle, max_pairs_per_prompt=max_pairs_per_prompt,
            epochs=epochs, max_steps=max_steps, learning_rate=lr, beta=beta, batch_size=batch_size,
            lora_r=lora_r, gguf_type=gguf_type, control=control, cache_path=cache,  # type: ignore[arg-type]
        )  # fmt: skip
        try:
            report = run_improve(settings, _print_stage, stop_after)
        except KeyboardInterrupt:
            typer.echo("stopped: rerun the same command to resume", err=True)
            raise typer.Exit(130) from None
    typer.echo(report.render())
    typer.echo(f"figures in {out / 'improve.json'}", err=True)


def register(app: typer.Typer) -> None:
    train_app.command("export")(train_export)
    app.command("improve")(improve)

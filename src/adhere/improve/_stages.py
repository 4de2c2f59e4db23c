"""The stages of one iteration, each writing under ``OUT/STAGE``: prompts, generate (direct on
the training prompts), refine (the tree strategy), pairs, dpo, export (GGUF) and evaluate.

A stage that finished wrote ``OUT/STAGE/stage.json`` (its settings, wall time and figures) and
is skipped on a rerun with the same settings. One stopped midway resumes: model calls come from
the completion cache, training from its last checkpoint. A stage whose settings changed, or that
follows one that ran again, starts afresh from an emptied folder.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adhere._files import write_json
from adhere.errors import AdhereError
from adhere.improve._prompts import HELDOUT_BENCH, training_prompts, write_prompts
from adhere.improve._settings import ImproveSettings

__all__ = ["RUNNERS", "STAGES", "Iteration", "StageOutcome", "run_stages", "stage_inputs"]

STAGES = ("prompts", "generate", "refine", "pairs", "dpo", "export", "evaluate")
RECORD, STARTED = "stage.json", "inputs.json"


@dataclass(frozen=True)
class StageOutcome:
    name: str
    #: Seconds the stage took when it ran (for a skipped stage, as recorded then).
    wall_s: float
    skipped: bool
    figures: Mapping[str, Any]


@dataclass(frozen=True)
class Iteration:
    settings: ImproveSettings

    def folder(self, stage: str) -> Path:
        return self.settings.out / stage

    def figures(self, stage: str) -> dict[str, Any]:
        record = _read(self.folder(stage) / RECORD)
        if record is None:
            raise AdhereError(f"{self.folder(stage)}: the {stage} stage has not finished")
        figures: dict[str, Any] = record["figures"]
        return figures

    @property
    def train_file(self) -> Path:
        return self.folder("prompts") / "train.jsonl"

    @property
    def pairs_file(self) -> Path:
        return self.folder("pairs") / "pairs.jsonl"


def stage_inputs(settings: ImproveSettings, stage: str) -> dict[str, Any]:
    """The settings a stage's output depends on (beyond the stages before it)."""
    s = settings
    eval_bench = str(s.eval_bench.resolve()) if s.eval_bench else None
    inputs: dict[str, dict[str, Any]] = {
        "prompts": {
            "train_prompts": s.train_prompts, "train_seed": s.train_seed,
            "heldout_prompts": s.heldout_prompts, "heldout_seed": s.heldout_seed, "eval_bench": eval_bench,
        },
        "generate": {"model": s.model, "max_tokens": s.max_tokens},
        "refine": {"tree": dict(s.tree), "oracle_constraints": s.oracle_constraints},
        "pairs": {"max_pairs_per_prompt": s.max_pairs_per_prompt},
        "dpo": {
            "epochs": s.epochs, "max_steps": s.max_steps, "learning_rate": s.learning_rate, "beta": s.beta,
            "batch_size": s.batch_size, "lora_r": s.lora_r,
        },
        "export": {"gguf_type": s.gguf_type, "control": s.with_control},
        "evaluate": {"eval_limit": s.eval_limit},
    }  # fmt: skip
    # As JSON gives it back, so a recorded stage compares equal to the settings that made it.
    normalized: dict[str, Any] = json.loads(json.dumps(inputs[stage]))
    return normalized


def _read(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None  # half-written by a crash: the stage runs again
    return value if isinstance(value, dict) else None


def _eval_run(settings: ImproveSettings, out: Path, **options: Any) -> dict[str, Any]:
    """``adhere eval`` into ``out``: the results' headline, or an error when replies failed."""
    from adhere.cache import default_cache_path
    from adhere.evaluation import EvalSettings, run_eval

    eval_settings = EvalSettings(
        max_tokens=settings.max_tokens, cache_path=settings.cache_path or default_cache_path(), **options
    )
    results = run_eval(eval_settings, out)
    if results.errors:
        raise AdhereError(f"{out}: {results.errors} replies failed after retries; rerun to retry them")
    low, high = results.intervals.get("prompt_strict", (0.0, 0.0))
    return {
        "model": eval_settings.model,
        "n": results.n_prompts,
        "prompt_strict": results.metrics.prompt_strict,
        "ci95": [low, high],
        "output_tokens": results.output_tokens,
    }


def _prompts(it: Iteration) -> dict[str, Any]:
    s = it.settings
    chosen = training_prompts(s.train_prompts, s.train_seed, s.heldout_prompts, s.heldout_seed, s.eval_bench)
    write_prompts(it.train_file, chosen.samples)
    return {"train": len(chosen.samples), "left_out_as_evaluation_prompts": chosen.left_out}


def _generate(it: Iteration) -> dict[str, Any]:
    return _eval_run(it.settings, it.folder("generate"), model=it.settings.model, bench=str(it.train_file))


def _refine(it: Iteration) -> dict[str, Any]:
    s = it.settings
    options = {"oracle_constraints": s.oracle_constraints, **s.tree}
    return _eval_run(
        s,
        it.folder("refine"),
        model=s.model,
        bench=str(it.train_file),
        strategy="tree",
        strategy_options=options,
    )


def _pairs(it: Iteration) -> dict[str, Any]:
    from adhere.data import ExportOptions, export_pairs

    runs = [it.folder("generate"), it.folder("refine")]
    summary = export_pairs(runs, it.pairs_file, ExportOptions(it.settings.max_pairs_per_prompt))
    if summary.kept == 0:
        reasons = ", ".join(f"{reason}: {count}" for reason, count in summary.without.most_common())
        raise AdhereError(
            f"no preference pairs from the {len(runs)} runs ({reasons or 'no prompts'}); "
            "use more --train-prompts or a larger tree (-S depth=3)"
        )
    return {"pairs": summary.kept, "prompts": summary.prompts, "by_source": dict(summary.by_source)}


def _dpo(it: Iteration) -> dict[str, Any]:
    from adhere.train import TrainSettings, train

    s = it.settings
    result = train(
        TrainSettings(
            "dpo", it.pairs_file, s.model, it.folder("dpo"), epochs=s.epochs, max_steps=s.max_steps,
            learning_rate=s.learning_rate, batch_size=s.batch_size, lora_r=s.lora_r, beta=s.beta,
            resume=True,  # continues from the last checkpoint of an interrupted run, if any
        )
    )  # fmt: skip
    return {"adapter": str(result.adapter), "steps": result.steps, "loss": result.loss}


def _export(it: Iteration) -> dict[str, Any]:
    from adhere.train import export_gguf

    s = it.settings
    adapter = Path(it.figures("dpo")["adapter"])
    trained = export_gguf(s.model, adapter, it.folder("export") / "trained", s.gguf_type)
    control = (
        export_gguf(s.model, None, it.folder("export") / "base", s.gguf_type) if s.with_control else None
    )
    return {
        "trained_model": f"llama-cpp/{trained.path}",
        "control_model": f"llama-cpp/{control.path}" if control else None,
        "gguf_type": s.gguf_type,
        "tensors": trained.tensors,
        "changed": trained.changed,
        "kept": trained.kept,
        "as_f16": trained.as_f16,
    }


def _arms(it: Iteration) -> list[tuple[str, str]]:
    export = it.figures("export")
    arms = [("base", it.settings.model)]
    if export.get("control_model"):
        arms.append(("control", export["control_model"]))
    return [*arms, ("trained", export["trained_model"])]


def _benches(settings: ImproveSettings) -> list[tuple[str, dict[str, Any]]]:
    heldout = {"bench": HELDOUT_BENCH, "limit": settings.heldout_prompts, "seed": settings.heldout_seed}
    benches = [("heldout", heldout)]
    if settings.eval_bench is not None:
        # Seed 0, as adhere eval's default: the base model's run shares its cached completions.
        benches.append(("eval", {"bench": str(settings.eval_bench), "limit": settings.eval_limit, "seed": 0}))
    return benches


def _evaluate(it: Iteration) -> dict[str, Any]:
    from adhere.improve._compare import compare_arms

    scores, comparisons = [], []
    for bench, options in _benches(it.settings):
        runs = {}
        for arm, model in _arms(it):
            runs[arm] = it.folder("evaluate") / f"{bench}-{arm}"
            scores.append(
                {"bench": bench, "arm": arm, **_eval_run(it.settings, runs[arm], model=model, **options)}
            )
        comparisons += compare_arms(bench, runs)
    return {"scores": scores, "comparisons": comparisons}


RUNNERS: dict[str, Callable[[Iteration], dict[str, Any]]] = {
    "prompts": _prompts,
    "generate": _generate,
    "refine": _refine,
    "pairs": _pairs,
    "dpo": _dpo,
    "export": _export,
    "evaluate": _evaluate,
}


def _run_one(it: Iteration, name: str, inputs: dict[str, Any], fresh: bool) -> StageOutcome:
    folder = it.folder(name)
    if fresh or _read(folder / STARTED) != inputs:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / STARTED, inputs)
    started = time.perf_counter()
    figures = RUNNERS[name](it)
    wall_s = round(time.perf_counter() - started, 3)
    write_json(folder / RECORD, {"inputs": inputs, "wall_s": wall_s, "figures": figures})
    return StageOutcome(name, wall_s, False, figures)


def run_stages(
    settings: ImproveSettings,
    on_stage: Callable[[StageOutcome], None] | None = None,
    stop_after: str | None = None,
) -> list[StageOutcome]:
    """Every stage in order up to ``stop_after`` (default: all), skipping the finished ones."""
    if stop_after is not None and stop_after not in STAGES:
        raise AdhereError(f"--stop-after must be one of {', '.join(STAGES)}, not {stop_after!r}")
    it = Iteration(settings)
    outcomes: list[StageOutcome] = []
    ran = False  # once a stage has run, every later one runs afresh: its inputs changed
    for name in STAGES:
        inputs = stage_inputs(settings, name)
        record = _read(it.folder(name) / RECORD)
        if not ran and record is not None and record.get("inputs") == inputs:
            outcome = StageOutcome(name, float(record["wall_s"]), True, record["figures"])
        else:
            outcome, ran = _run_one(it, name, inputs, fresh=ran), True
        outcomes.append(outcome)
        if on_stage:
            on_stage(outcome)
        if name == stop_after:
            break
    return outcomes

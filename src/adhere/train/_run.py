"""LoRA training with TRL: SFT on verified answers, DPO on preference pairs.

The base model stays frozen; a PEFT LoRA adapter is trained and written to
``OUT/adapter``. Checkpoints go to ``OUT/checkpoint-N`` every ``save_steps``;
``resume`` continues from the latest one (an interrupted run loses at most the
steps since its last checkpoint).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adhere.errors import AdhereError
from adhere.train._data import Kind, read_training_rows
from adhere.train._model import load_model, model_source, require_extra

__all__ = ["TrainResult", "TrainSettings", "train"]


@dataclass(frozen=True)
class TrainSettings:
    kind: Kind
    data: Path
    model: str  # "embedded", a .gguf file or a transformers model folder
    out: Path
    epochs: float = 1.0
    max_steps: int = -1  # above 0, overrides epochs
    learning_rate: float = 5e-5
    batch_size: int = 2
    lora_r: int = 8
    lora_alpha: int = 16
    beta: float = 0.1  # DPO's strength of the pull away from the base model
    max_length: int = 1024
    save_steps: int = 50
    resume: bool = False
    seed: int = 0

    def __post_init__(self) -> None:
        if self.kind not in ("sft", "dpo"):
            raise AdhereError(f"train: the kind is sft or dpo, not {self.kind!r}")
        for name in ("batch_size", "lora_r", "save_steps", "max_length"):
            if getattr(self, name) < 1:
                raise AdhereError(f"--{name.replace('_', '-')} must be at least 1")


@dataclass(frozen=True)
class TrainResult:
    adapter: Path
    steps: int
    loss: float | None  # the last logged training loss
    resumed_from: str | None


def _checkpoints(out: Path) -> list[Path]:
    return sorted(
        out.glob("checkpoint-*"),
        key=lambda p: int(p.name.rsplit("-", 1)[-1]) if p.name[11:].isdigit() else -1,
    )


def _common(settings: TrainSettings) -> dict[str, Any]:
    return {
        "output_dir": str(settings.out),
        "num_train_epochs": settings.epochs,
        "max_steps": settings.max_steps,
        "learning_rate": settings.learning_rate,
        "per_device_train_batch_size": settings.batch_size,
        "max_length": settings.max_length,
        "save_strategy": "steps",
        "save_steps": settings.save_steps,
        "logging_steps": 1,
        "report_to": [],
        "use_cpu": True,
        "seed": settings.seed,
        "dataloader_num_workers": 0,
    }


def _trainer(settings: TrainSettings, rows: list[dict[str, Any]]) -> Any:
    from datasets import Dataset

    # Imported by name: the train extra is optional, and typed here only as far as adhere uses it.
    trl, peft = importlib.import_module("trl"), importlib.import_module("peft")

    model, tokenizer = load_model(model_source(settings.model))
    lora = peft.LoraConfig(
        r=settings.lora_r,
        lora_alpha=settings.lora_alpha,
        lora_dropout=0.0,
        target_modules="all-linear",
        task_type="CAUSAL_LM",
    )
    dataset = Dataset.from_list(rows)
    if settings.kind == "dpo":
        dpo_config = trl.DPOConfig(**_common(settings), beta=settings.beta)
        return trl.DPOTrainer(
            model=model, args=dpo_config, train_dataset=dataset, processing_class=tokenizer, peft_config=lora
        )
    sft_config = trl.SFTConfig(**_common(settings), assistant_only_loss=False)
    return trl.SFTTrainer(
        model=model, args=sft_config, train_dataset=dataset, processing_class=tokenizer, peft_config=lora
    )


def train(settings: TrainSettings) -> TrainResult:
    """Train a LoRA adapter; the data file is checked before the model loads."""
    rows = read_training_rows(settings.data, settings.kind)
    require_extra()
    found = _checkpoints(settings.out)
    if found and not settings.resume:
        raise AdhereError(
            f"--out {settings.out} holds checkpoints: pass --resume to continue, or choose another --out"
        )
    trainer = _trainer(settings, rows)
    trainer.train(resume_from_checkpoint=str(found[-1]) if found else None)
    adapter = settings.out / "adapter"
    trainer.save_model(str(adapter))
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    return TrainResult(
        adapter, trainer.state.global_step, losses[-1] if losses else None, found[-1].name if found else None
    )

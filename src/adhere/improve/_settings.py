"""What one self-play iteration is made of: its prompts, the tree's and the trainer's settings,
the written model's type and what is evaluated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adhere.errors import AdhereError
from adhere.train._gguf import GGUF_TYPES, GgufType

__all__ = ["ImproveSettings"]


@dataclass(frozen=True)
class ImproveSettings:
    out: Path
    #: The model to improve: ``embedded`` or a llama-architecture ``.gguf`` file.
    model: str = "embedded"
    train_prompts: int = 100
    #: Synth seed of the training prompts; the held-out set uses another, and no training prompt's
    #: text is any evaluation prompt's.
    train_seed: int = 1
    heldout_prompts: int = 50
    heldout_seed: int = 0
    #: A local IFEval-format file evaluated before and after (never trained on).
    eval_bench: Path | None = None
    eval_limit: int | None = None
    max_tokens: int = 512
    #: The tree strategy's own settings (``-S name=value``).
    tree: Mapping[str, Any] = field(default_factory=dict)
    #: The tree is told the training prompts' constraints (they are generated with them).
    oracle_constraints: bool = True
    max_pairs_per_prompt: int | None = 4
    epochs: float = 2.0
    max_steps: int = -1
    learning_rate: float = 1e-4
    beta: float = 0.1
    batch_size: int = 2
    lora_r: int = 8
    gguf_type: GgufType = "f16"
    #: Also evaluate the base model written the same way without training, when that is not the
    #: source type: F16 or F32 weights give slightly different answers from the quantized source.
    control: bool = True
    #: The completion cache; None: adhere's default.
    cache_path: Path | None = None

    def __post_init__(self) -> None:
        if self.train_seed == self.heldout_seed:
            raise AdhereError(
                f"--train-seed and --heldout-seed are both {self.train_seed}: training prompts must come "
                "from another seed than the held-out set"
            )
        for name in ("train_prompts", "heldout_prompts", "max_tokens", "batch_size", "lora_r"):
            if getattr(self, name) < 1:
                raise AdhereError(f"--{name.replace('_', '-')} must be at least 1")
        if self.eval_limit is not None and self.eval_limit < 1:
            raise AdhereError("--eval-limit must be at least 1")
        if self.gguf_type not in GGUF_TYPES:
            raise AdhereError(f"--gguf-type must be one of {', '.join(GGUF_TYPES)}, not {self.gguf_type!r}")
        from adhere.strategies import get_strategy

        get_strategy("tree").settings_from(self.tree)  # an unknown or malformed -S fails before any work
        if self.eval_bench is not None and not self.eval_bench.is_file():
            raise AdhereError(f"--eval-bench {self.eval_bench}: no such file (an IFEval-format JSONL file)")

    @property
    def with_control(self) -> bool:
        return self.control and self.gguf_type != "source"

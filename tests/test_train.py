"""adhere train: the data file checked first (FILE:LINE), and a two-step LoRA DPO/SFT on a tiny
random model that changes the adapter's weights, checkpoints, and resumes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adhere.errors import AdhereError
from adhere.train import TrainSettings, read_training_rows, train
from tests.conftest import run_adhere

PAIR = {
    "prompt": [{"role": "user", "content": "say hello"}],
    "chosen": [{"role": "assistant", "content": "hello world"}],
    "rejected": [{"role": "assistant", "content": "Hello , World"}],
}
SFT = {"messages": [*PAIR["prompt"], *PAIR["chosen"]]}
TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }} {{ m['content'] }}<|im_end|> {% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant {% endif %}"
)


def write_rows(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.mark.parametrize(
    ("kind", "row", "message"),
    [
        ("dpo", SFT, "'prompt' must be a non-empty list of messages"),
        ("dpo", {**PAIR, "chosen": "hello"}, "'chosen' must be a non-empty list"),
        (
            "dpo",
            {**PAIR, "rejected": [{"role": "user", "content": "x"}]},
            "'rejected' must be one assistant message",
        ),
        ("sft", PAIR, "'messages' must be a non-empty list"),
        ("sft", {"messages": PAIR["prompt"]}, "must end with the assistant's answer"),
    ],
)
def test_a_wrong_format_names_file_and_line(tmp_path, kind, row, message):
    data = write_rows(tmp_path / "d.jsonl", [PAIR if kind == "dpo" else SFT, row])
    with pytest.raises(AdhereError, match=f"d.jsonl:2: .*{message}"):
        read_training_rows(data, kind)


def test_rows_keep_only_the_trainers_fields(tmp_path):
    data = write_rows(tmp_path / "d.jsonl", [{**PAIR, "adhere": {"key": 1}}])
    assert read_training_rows(data, "dpo") == [PAIR]


def test_the_command_rejects_a_wrong_file_before_loading_any_model(tmp_path):
    data = write_rows(tmp_path / "pairs.jsonl", [SFT])
    done = run_adhere(
        "train", "dpo", "--data", str(data), "--out", str(tmp_path / "o"), "--model", "embedded"
    )
    assert done.returncode == 1 and "pairs.jsonl:1:" in done.stderr and "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """A random two-layer Llama with a word-level tokenizer: seconds to train, nothing downloaded."""
    pytest.importorskip("torch", reason="training needs the train extra (torch)")
    pytest.importorskip("trl", reason="training needs the train extra (trl)")
    pytest.importorskip("peft", reason="training needs the train extra (peft)")
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    words = ["<pad>", "<unk>", "<|im_start|>", "<|im_end|>", "user", "assistant", "system"]
    words += ["say", "hello", "world", "Hello", ",", "World", "x", "be", "brief"]
    backend = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend, unk_token="<unk>", pad_token="<pad>", eos_token="<|im_end|>", bos_token=None
    )
    tokenizer.add_special_tokens({"additional_special_tokens": ["<|im_start|>"]})
    tokenizer.chat_template = TEMPLATE
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(words), hidden_size=16, intermediate_size=32, num_hidden_layers=2,
        num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=64,
        pad_token_id=0, eos_token_id=3, bos_token_id=None, tie_word_embeddings=True,
    )  # fmt: skip
    folder = tmp_path_factory.mktemp("tiny")
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def lora_b_norm(adapter: Path) -> float:
    from safetensors.torch import load_file

    weights = load_file(adapter / "adapter_model.safetensors")
    return sum(float(w.abs().sum()) for name, w in weights.items() if "lora_B" in name)


@pytest.mark.parametrize("kind", ["dpo", "sft"])
def test_two_lora_steps_change_the_adapter_and_resume_from_a_checkpoint(tmp_path, tiny_model, kind):
    data = write_rows(tmp_path / "d.jsonl", [PAIR if kind == "dpo" else SFT] * 4)
    out = tmp_path / "run"
    settings = TrainSettings(kind, data, str(tiny_model), out, max_steps=2, learning_rate=1e-2, save_steps=1)
    first = train(settings)
    # LoRA's B matrices start at zero: any weight there is what the two steps learned.
    assert first.steps == 2 and lora_b_norm(first.adapter) > 0
    assert {p.name for p in out.glob("checkpoint-*")} == {"checkpoint-1", "checkpoint-2"}
    with pytest.raises(AdhereError, match="--resume"):
        train(settings)
    resumed = train(
        TrainSettings(kind, data, str(tiny_model), out, max_steps=3, learning_rate=1e-2, resume=True)
    )
    assert resumed.resumed_from == "checkpoint-2" and resumed.steps == 3


def test_grpo_calls_the_reward_with_the_datasets_columns(tmp_path, tiny_model):
    """One GRPO step on the tiny model: TRL passes completions and the IFEval columns to the reward."""
    from datasets import Dataset
    from trl import GRPOConfig, GRPOTrainer

    from adhere.rewards import make_reward

    seen: list[list[float]] = []
    fractional = make_reward(fractional=True)

    def recorded(completions, instruction_id_list, kwargs, **columns):
        seen.append(fractional(completions, instruction_id_list, kwargs, **columns))
        return seen[-1]

    dataset = Dataset.from_list(
        [
            {"prompt": [{"role": "user", "content": "say hello"}],
             "instruction_id_list": ["change_case:english_lowercase", "punctuation:no_comma"],
             "kwargs": [{}, {}]}
        ] * 2
    )  # fmt: skip
    config = GRPOConfig(
        output_dir=str(tmp_path / "grpo"), max_steps=1, per_device_train_batch_size=2, num_generations=2,
        max_completion_length=6, report_to=[], use_cpu=True, logging_steps=1, save_strategy="no",
    )  # fmt: skip
    trainer = GRPOTrainer(model=str(tiny_model), reward_funcs=[recorded], args=config, train_dataset=dataset)
    trainer.train()
    assert seen and all(0.0 <= value <= 1.0 for batch in seen for value in batch)

"""The model to train: the embedded GGUF, another GGUF file, or a transformers model folder,
loaded as a transformers model (a GGUF is de-quantized to fp32)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adhere.errors import AdhereError

__all__ = ["INSTALL", "ModelSource", "load_model", "model_source", "require_extra"]

INSTALL = "pip install 'adhere[train]'"
_NEEDED = ("torch", "transformers", "trl", "peft", "accelerate")


def require_extra(gguf: bool = False) -> None:
    missing = [
        name for name in (*_NEEDED, *(("gguf",) if gguf else ())) if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise AdhereError(f"training needs {', '.join(missing)}: {INSTALL}")


@dataclass(frozen=True)
class ModelSource:
    folder: Path
    gguf_file: str | None  # a GGUF file in ``folder``, or None for a transformers folder


def model_source(spec: str) -> ModelSource:
    """``embedded``, a ``.gguf`` file, or a folder with a transformers model (``config.json``)."""
    if spec == "embedded":
        from adhere.models._llama_cpp import embedded_model_path

        path = embedded_model_path()
    else:
        path = Path(spec.removeprefix("llama-cpp/"))
    if path.is_file() and path.suffix == ".gguf":
        return ModelSource(path.parent, path.name)
    if path.is_dir() and (path / "config.json").is_file():
        return ModelSource(path, None)
    raise AdhereError(f"--model {spec}: neither 'embedded', a .gguf file nor a transformers model folder")


def load_model(source: ModelSource) -> tuple[Any, Any]:
    """The model and its tokenizer; a tokenizer without a padding token pads with end-of-text."""
    require_extra(gguf=source.gguf_file is not None)
    transformers = importlib.import_module("transformers")
    extra = {"gguf_file": source.gguf_file} if source.gguf_file else {}
    tokenizer = transformers.AutoTokenizer.from_pretrained(source.folder, **extra)
    model = transformers.AutoModelForCausalLM.from_pretrained(source.folder, **extra)
    if source.gguf_file:
        _forget_gguf_quantizer(model)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer


def _forget_gguf_quantizer(model: Any) -> None:
    """A GGUF loads de-quantized to fp32, but transformers keeps a GGUF "quantizer" on the model,
    and its Trainer refuses to train a model quantized that way; the weights are plain tensors."""
    quantizer = getattr(model, "hf_quantizer", None)
    if quantizer is not None:
        quantizer.remove_quantization_config(model)

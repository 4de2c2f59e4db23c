"""LoRA training on run-derived data, and the trained model merged and written as GGUF (the
``train`` extra: torch, transformers, trl, peft, gguf)."""

from adhere.train._data import read_training_rows
from adhere.train._gguf import GGUF_TYPES, ExportResult, GgufType, export_gguf
from adhere.train._model import ModelSource, load_model, model_source
from adhere.train._run import TrainResult, TrainSettings, train

__all__ = [
    "GGUF_TYPES",
    "ExportResult",
    "GgufType",
    "ModelSource",
    "TrainResult",
    "TrainSettings",
    "export_gguf",
    "load_model",
    "model_source",
    "read_training_rows",
    "train",
]

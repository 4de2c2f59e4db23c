"""LoRA training on run-derived data (the ``train`` extra: torch, transformers, trl, peft, gguf)."""

from adhere.train._data import read_training_rows
from adhere.train._model import ModelSource, load_model, model_source
from adhere.train._run import TrainResult, TrainSettings, train

__all__ = [
    "ModelSource",
    "TrainResult",
    "TrainSettings",
    "load_model",
    "model_source",
    "read_training_rows",
    "train",
]

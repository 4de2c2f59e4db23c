"""Models: ``get_model("provider/name")`` and the types every provider shares."""

from adhere.models._base import (
    Completion,
    GenerateConfig,
    Message,
    Model,
    ModelError,
    TransientModelError,
    Usage,
)
from adhere.models._fake import FakeModel
from adhere.models._registry import PROVIDERS, get_model

__all__ = [
    "PROVIDERS",
    "Completion",
    "FakeModel",
    "GenerateConfig",
    "Message",
    "Model",
    "ModelError",
    "TransientModelError",
    "Usage",
    "get_model",
]

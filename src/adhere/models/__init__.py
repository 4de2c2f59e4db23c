"""Models: ``get_model("provider/name", **options)`` and the types every provider shares."""

from adhere.models._base import (
    Completion,
    EndpointUnreachable,
    GenerateConfig,
    Message,
    Model,
    ModelError,
    TransientModelError,
    Usage,
    WrappedModel,
)
from adhere.models._endpoints import EndpointPool
from adhere.models._fake import FakeModel
from adhere.models._registry import (
    ENTRY_POINT_GROUP,
    PROVIDERS,
    available_providers,
    get_model,
    provider_options,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "PROVIDERS",
    "Completion",
    "EndpointPool",
    "EndpointUnreachable",
    "FakeModel",
    "GenerateConfig",
    "Message",
    "Model",
    "ModelError",
    "TransientModelError",
    "Usage",
    "WrappedModel",
    "available_providers",
    "get_model",
    "provider_options",
]

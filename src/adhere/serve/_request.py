"""A client's request, read and checked: the chat request, the strategy it asks for and its settings.

The extension field ``adhere`` in the request body chooses the strategy and its settings
(``{"adhere": {"strategy": "best-of-n", "settings": {"n": 4}}}``); without it, the server's
defaults apply. The request's ``max_tokens``, ``temperature`` and ``seed`` become the strategy's
shared settings unless ``settings`` names them too; so does ``decompose`` when the server has an
``--extract-model``.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adhere.errors import AdhereError
from adhere.models import GenerateConfig, _wire
from adhere.serve._config import ServeConfig
from adhere.serve._errors import bad_request
from adhere.strategies import STRATEGIES, Strategy, StrategySettings, get_strategy, strategy_names

__all__ = ["EXTENSION", "ServedRequest", "read_request"]

#: The extension field's name, in request bodies, response bodies and the last stream chunk.
EXTENSION = "adhere"


@dataclass(frozen=True)
class ServedRequest:
    id: str
    created: int
    chat: _wire.ChatRequest
    #: The client's body without the extension field: what ``direct`` relays.
    body: Mapping[str, Any]
    strategy: Strategy[Any]
    settings: StrategySettings


def read_request(raw: bytes, config: ServeConfig) -> ServedRequest:
    """The request in ``raw``; a body adhere cannot serve raises a 400 naming the field."""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise bad_request(f"the request body is not valid JSON ({error})", "invalid_json") from None
    try:
        chat = _wire.parse_request(body)
    except _wire.WireError as error:
        raise bad_request(str(error)) from None
    extension = body.pop(EXTENSION, None) or {}
    if not isinstance(extension, Mapping):
        raise bad_request(f"'{EXTENSION}' must be an object with 'strategy' and 'settings'")
    strategy = _strategy(extension.get("strategy", config.strategy))
    shared = {**_shared(body, chat.config), **_reading(strategy, config)}
    settings = _settings(strategy, shared, config.settings, extension.get("settings") or {})
    return ServedRequest(f"chatcmpl-{uuid.uuid4().hex}", int(time.time()), chat, body, strategy, settings)


def _strategy(name: Any) -> Strategy[Any]:
    if not isinstance(name, str):
        raise bad_request(f"'{EXTENSION}.strategy' must be a string", "unknown_strategy")
    if name in STRATEGIES:
        return STRATEGIES[name]
    if name not in strategy_names():
        known = ", ".join(strategy_names())
        raise bad_request(
            f"'{EXTENSION}.strategy': {name!r} is not a strategy (known: {known})", "unknown_strategy"
        )
    try:  # a plug-in's
        return get_strategy(name)
    except AdhereError as error:
        raise bad_request(f"'{EXTENSION}.strategy': {error}", "unknown_strategy") from None


def _shared(body: Mapping[str, Any], config: GenerateConfig) -> dict[str, Any]:
    """The sampling settings the client set, as the strategy's shared settings."""
    shared: dict[str, Any] = {}
    if body.get("max_tokens") is not None or body.get("max_completion_tokens") is not None:
        shared["max_tokens"] = config.max_tokens
    if body.get("temperature") is not None:
        shared["temperature"] = config.temperature
    if config.seed is not None:
        shared["seed"] = config.seed
    return shared


def _reading(strategy: Strategy[Any], config: ServeConfig) -> dict[str, Any]:
    """An extract model is there to be asked, as in ``adhere eval``: it turns the LLM decomposer
    on, except for ``direct``, a pass-through (``decompose`` named in ``-S`` or the request wins)."""
    if config.extract_model is None or strategy.name == "direct":
        return {}
    return {"decompose": True}


def _settings(
    strategy: Strategy[Any], shared: Mapping[str, Any], defaults: Mapping[str, str], asked: Any
) -> StrategySettings:
    if not isinstance(asked, Mapping):
        raise bad_request(
            f"'{EXTENSION}.settings' must be an object of setting names to values", "bad_setting"
        )
    # JSON values as the text -S would give, so each is converted and checked against its type.
    options = {**defaults, **{k: v if isinstance(v, str) else json.dumps(v) for k, v in asked.items()}}
    try:
        settings: StrategySettings = strategy.settings_from(options, **shared)
        return settings
    except AdhereError as error:
        raise bad_request(f"'{EXTENSION}.settings': {error}", "bad_setting") from None

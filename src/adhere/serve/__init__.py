"""``adhere serve``: an OpenAI-compatible proxy that answers each request with a strategy, checking
the answer against the instructions the request states (optional extra: ``adhere[serve]``).

``create_app(config, model)`` is the ASGI app; the command line runs it with uvicorn.
"""

from __future__ import annotations

from adhere.serve._app import create_app
from adhere.serve._config import ServeConfig
from adhere.serve._request import EXTENSION

__all__ = ["EXTENSION", "ServeConfig", "create_app"]

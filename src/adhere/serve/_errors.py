"""Failures the proxy answers with an OpenAI-style error body and the status that fits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adhere.models import _wire

__all__ = ["ProxyError"]


class ProxyError(Exception):
    """An error to send: its status, message, code and extra headers (``Retry-After``)."""

    def __init__(
        self, status: int, message: str, code: str | None = None, headers: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = tuple(headers)

    def body(self) -> dict[str, Any]:
        return _wire.error_body(self.message, _wire.error_type(self.status), self.code)


def bad_request(message: str, code: str = "invalid_request") -> ProxyError:
    return ProxyError(400, message, code)

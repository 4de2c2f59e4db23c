"""The relay's HTTP/1.1 client: keep-alive connections to one upstream, answers parsed by httptools
(the C parser uvicorn serves with).

Why not aiohttp, which the relay used before: under benchmarks/serve_load.py (100 clients,
``direct``), a bare ASGI app relaying through aiohttp's client spent about 170 µs more CPU per
request than the same app writing to pooled asyncio connections (about 300 against 125 µs), and
the proxy's CPU per request is what its added latency queues behind. The relay needs little of
a general client: one host, POST, a JSON body, an answer read whole or as it arrives.

As aiohttp was set up: a connection idle for over a minute is closed rather than reused (a
middlebox may have forgotten it without telling either end), one the upstream closed is never
reused, and a request is never sent twice: a connection that breaks off is a 502, as a dropped
connection must be, even in the rare race with an upstream closing it while idle.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import cast
from urllib.parse import SplitResult, urlsplit

import httptools

__all__ = ["HttpPool", "UpstreamDropped", "UpstreamResponse", "UpstreamUnreachable", "upstream_url"]

#: Bytes of answer held before the socket stops being read (a slow client reading a fast stream).
_HIGH_WATER = 1 << 20
#: Seconds a connection may wait in the pool before it is closed instead of reused.
_IDLE_S = 60.0


def upstream_url(base_url: str) -> SplitResult:
    """``base_url`` taken apart; one the client cannot speak to (not http or https, no host, a port
    that is no number) is a ValueError saying so."""
    parts = urlsplit(base_url)
    if parts.scheme in ("http", "https") and parts.hostname and _port_reads(parts):
        return parts
    raise ValueError(f"{base_url!r} is not an http:// or https:// URL with a host (and a numeric port)")


def _port_reads(parts: SplitResult) -> bool:
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when it is read
    except ValueError:
        return False
    return True


class UpstreamUnreachable(ConnectionError):
    """No connection could be made (refused, no such host, TLS failure)."""


class UpstreamDropped(ConnectionError):
    """The connection broke off before the answer was complete, or the answer is not HTTP."""


class _Connection(asyncio.Protocol):
    """One keep-alive connection: the protocol feeds httptools, which calls back as parts arrive."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.idle_since = 0.0
        self._parser = httptools.HttpResponseParser(self)
        self._waiter: asyncio.Future[None] | None = None
        self.begin()

    def begin(self) -> None:
        """Ready for the next answer on this connection."""
        self.status = 0
        self.headers: dict[str, str] = {}
        self.head_done = False
        self.keep_alive = False
        self.complete = False
        self.error: Exception | None = None
        self._chunks: list[bytes] = []
        self._buffered = 0
        self._paused = False

    # --- asyncio.Protocol -------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._fail(UpstreamDropped(f"the answer is not HTTP/1.1 ({error})"))
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.head_done and not self.complete and self._ends_at_close():
            self.on_message_complete()  # a body without a length ends when the connection does
        elif not self.complete:
            self._fail(UpstreamDropped("the connection closed before the answer was complete"))

    # --- httptools callbacks ----------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.decode("latin-1").lower()] = value.decode("latin-1")

    def on_headers_complete(self) -> None:
        self.status = self._parser.get_status_code()
        self.keep_alive = self._parser.should_keep_alive()  # the parser forgets it once the answer ends
        self.head_done = True
        self._wake()

    def on_body(self, body: bytes) -> None:
        self._chunks.append(body)
        self._buffered += len(body)
        if self._buffered > _HIGH_WATER and not self._paused and self.transport is not None:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        self.complete = True
        self._wake()

    # --- what the pool and the response use -------------------------------------------------

    def reusable(self) -> bool:
        return self.complete and self.keep_alive and not self.closed

    def close(self) -> None:
        if self.transport is not None and not self.closed:
            self.transport.close()
        self.closed = True

    async def head(self, timeout_s: float) -> None:
        while not self.head_done:
            await self._next_event(timeout_s)

    async def chunk(self, timeout_s: float) -> bytes | None:
        """The body bytes that arrived since the last call; None once the answer is complete."""
        while not self._chunks:
            if self.complete:
                return None
            await self._next_event(timeout_s)
        data = self._chunks[0] if len(self._chunks) == 1 else b"".join(self._chunks)
        self._chunks.clear()
        self._buffered = 0
        if self._paused and self.transport is not None:
            self._paused = False
            self.transport.resume_reading()
        return data

    async def _next_event(self, timeout_s: float) -> None:
        if self.error is not None:
            raise self.error
        self._waiter = asyncio.get_running_loop().create_future()
        try:
            async with asyncio.timeout(timeout_s):
                await self._waiter
        finally:
            self._waiter = None

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def _fail(self, error: Exception) -> None:
        if self.error is None:
            self.error = error
        self._wake()

    def _ends_at_close(self) -> bool:
        chunked = "chunked" in self.headers.get("transfer-encoding", "").lower()
        return "content-length" not in self.headers and not chunked


class UpstreamResponse:
    """An answer's status and headers (names lower-cased); its body read whole or as it arrives."""

    def __init__(self, connection: _Connection, read_timeout_s: float) -> None:
        self.status = connection.status
        self.headers: Mapping[str, str] = connection.headers
        self._connection = connection
        self._timeout_s = read_timeout_s

    async def chunks(self) -> AsyncIterator[bytes]:
        while (data := await self._connection.chunk(self._timeout_s)) is not None:
            yield data

    async def read(self) -> bytes:
        return b"".join([data async for data in self.chunks()])


class HttpPool:
    """Keep-alive connections to the host of ``base_url`` (http or https). Timeouts: making a
    connection, and waiting for each next part of an answer (as aiohttp's ``sock_read``)."""

    def __init__(self, base_url: str, connect_timeout_s: float, read_timeout_s: float) -> None:
        parts = upstream_url(base_url)
        assert parts.hostname is not None  # upstream_url checked it
        self._host = parts.hostname
        self._port = parts.port or (443 if parts.scheme == "https" else 80)
        self._ssl = ssl.create_default_context() if parts.scheme == "https" else None
        self._prefix = parts.path.rstrip("/")
        host = f"[{self._host}]" if ":" in self._host else self._host
        self._host_header = f"{host}:{parts.port}" if parts.port else host
        self._connect_timeout_s = connect_timeout_s
        self._read_timeout_s = read_timeout_s
        self._idle: list[_Connection] = []

    @asynccontextmanager
    async def post(
        self, path: str, body: bytes, headers: Mapping[str, str]
    ) -> AsyncIterator[UpstreamResponse]:
        """POST ``body`` to ``path`` (under the base URL's path); yields the answer once its head
        has come. The connection goes back to the pool only when the answer was read to its end."""
        request = self._request(path, body, headers)
        connection = await self._exchange(request)
        try:
            yield UpstreamResponse(connection, self._read_timeout_s)
        finally:
            if connection.reusable():
                connection.idle_since = time.monotonic()
                self._idle.append(connection)
            else:  # an answer left unread (an error, a cancelled request) ends its connection
                connection.close()

    async def aclose(self) -> None:
        for connection in self._idle:
            connection.close()
        self._idle.clear()

    async def _exchange(self, request: bytes) -> _Connection:
        connection = self._reused() or await self._connect()
        connection.begin()
        assert connection.transport is not None
        connection.transport.write(request)
        try:
            await connection.head(self._read_timeout_s)
        except BaseException:  # broken off, timed out or cancelled: the connection is spent
            connection.close()
            raise
        return connection

    def _reused(self) -> _Connection | None:
        """The most recently used open connection; the expired ones on the way are closed."""
        expired = time.monotonic() - _IDLE_S
        while self._idle:
            connection = self._idle.pop()
            transport = connection.transport
            if connection.closed or transport is None or transport.is_closing():
                continue
            if connection.idle_since < expired:
                connection.close()
                continue
            return connection
        return None

    async def _connect(self) -> _Connection:
        loop = asyncio.get_running_loop()
        server_hostname = self._host if self._ssl is not None else None
        try:
            async with asyncio.timeout(self._connect_timeout_s):
                _, connection = await loop.create_connection(
                    _Connection, self._host, self._port, ssl=self._ssl, server_hostname=server_hostname
                )
        except OSError as error:  # refused, unresolvable, TLS (ssl.SSLError is an OSError)
            raise UpstreamUnreachable(type(error).__name__) from error
        return connection

    def _request(self, path: str, body: bytes, headers: Mapping[str, str]) -> bytes:
        lines = [
            f"POST {self._prefix}{path} HTTP/1.1",
            f"Host: {self._host_header}",
            "User-Agent: adhere-serve",
            "Accept-Encoding: identity",
            f"Content-Length: {len(body)}",
        ]
        for name, value in headers.items():
            if "\r" in value or "\n" in value:  # never let a value start a header of its own
                raise ValueError(f"the {name} header holds a line break")
            lines.append(f"{name}: {value}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

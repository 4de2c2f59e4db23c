"""The relay's HTTP/1.1 client against a scripted server on 127.0.0.1: real sockets, raw bytes.

Each test gives the server a list of answers, one per request it reads; an answer is the bytes to
send, ``"drop"`` (close without a byte), ``"hang"`` (say nothing), or a list of byte pieces sent
apart (a stream)."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

pytest.importorskip("httptools", reason="the relay's client needs the serve extra (httptools)")

from adhere.serve import _upstream_http
from adhere.serve._upstream_http import HttpPool, UpstreamDropped, UpstreamUnreachable

OK_BODY = b'{"ok": true}'
OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n" + OK_BODY


@dataclass
class Script:
    answers: list[Any]
    requests: list[bytes] = field(default_factory=list)
    connections: int = 0


async def _serve(script: Script, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    script.connections += 1
    try:
        while script.answers:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":")[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
            script.requests.append(head + await reader.readexactly(length))
            answer = script.answers.pop(0)
            if answer == "drop":
                break
            if answer == "hang":
                await asyncio.sleep(30)
            for piece in answer if isinstance(answer, list) else [answer]:
                writer.write(piece)
                await writer.drain()
                await asyncio.sleep(0.05)
            if b"Connection: close" in (answer[0] if isinstance(answer, list) else answer):
                break
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


@asynccontextmanager
async def upstream(
    answers: Sequence[Any], read_timeout_s: float = 5.0
) -> AsyncIterator[tuple[HttpPool, Script]]:
    script = Script(list(answers))
    server = await asyncio.start_server(lambda r, w: _serve(script, r, w), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    pool = HttpPool(f"http://127.0.0.1:{port}/v1", connect_timeout_s=5.0, read_timeout_s=read_timeout_s)
    try:
        yield pool, script
    finally:
        await pool.aclose()
        server.close()


async def post(pool: HttpPool, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    async with pool.post("/chat/completions", b'{"a": 1}', headers or {}) as response:
        return response.status, await response.read()


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_one_connection_serves_requests_one_after_another_and_the_request_is_well_formed():
    async def scenario() -> Script:
        async with upstream([OK, OK, OK]) as (pool, script):
            for _ in range(3):
                assert await post(pool, {"authorization": "Bearer k"}) == (200, OK_BODY)
            return script

    script = run(scenario())
    assert script.connections == 1
    head, _, body = script.requests[0].partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    assert lines[0] == b"POST /v1/chat/completions HTTP/1.1"
    assert b"Content-Length: 8" in lines and b"authorization: Bearer k" in lines
    assert any(line.startswith(b"Host: 127.0.0.1:") for line in lines)
    assert body == b'{"a": 1}'


def test_chunked_and_close_delimited_bodies_are_read_whole():
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n"
    until_close = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it"

    async def scenario() -> tuple[Any, Any, int]:
        async with upstream([chunked, until_close, OK]) as (pool, script):
            return await post(pool), await post(pool), script.connections

    first, second, _ = run(scenario())
    assert first == (200, b"abcdefg")
    assert second == (200, b"all of it")


def test_a_connection_the_upstream_closes_is_not_reused():
    closing = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"

    async def scenario() -> tuple[Any, Any, int]:
        async with upstream([closing, OK]) as (pool, script):
            return await post(pool), await post(pool), script.connections

    first, second, connections = run(scenario())
    assert first == (200, b"hi") and second == (200, OK_BODY) and connections == 2


def test_a_stream_arrives_piece_by_piece_before_it_ends():
    pieces = [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"6\r\ndata:1\r\n",
        b"6\r\ndata:2\r\n",
        b"0\r\n\r\n",
    ]

    async def scenario() -> list[bytes]:
        async with upstream([pieces]) as (pool, _), pool.post("/chat/completions", b"{}", {}) as response:
            return [piece async for piece in response.chunks()]

    assert run(scenario()) == [b"data:1", b"data:2"]


def test_errors_name_what_went_wrong():
    async def scenario(answer: Any, read_timeout_s: float = 5.0) -> BaseException:
        async with upstream([answer], read_timeout_s) as (pool, _):
            with pytest.raises((UpstreamDropped, TimeoutError)) as failed:
                await post(pool)
            return failed.value

    assert isinstance(run(scenario("drop")), UpstreamDropped)
    # The head and part of the body, then the server closes (its script is done).
    cut = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"
    assert "before the answer was complete" in str(run(scenario(cut)))
    assert "not HTTP" in str(run(scenario(b"SMTP ready\r\n\r\n")))
    assert isinstance(run(scenario("hang", read_timeout_s=0.3)), TimeoutError)


def test_a_refused_connection_is_unreachable():
    async def scenario() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        pool = HttpPool(f"http://127.0.0.1:{port}", connect_timeout_s=2.0, read_timeout_s=2.0)
        with pytest.raises(UpstreamUnreachable, match="ConnectionRefusedError"):
            await post(pool)

    run(scenario())


def test_a_dropped_connection_is_never_sent_twice():
    async def scenario() -> Script:
        async with upstream([OK, "drop", OK]) as (pool, script):
            assert await post(pool) == (200, OK_BODY)
            with pytest.raises(UpstreamDropped):
                await post(pool)  # on the kept connection: passed on, not retried
            assert await post(pool) == (200, OK_BODY)  # a new connection
            return script

    script = run(scenario())
    assert len(script.requests) == 3 and script.connections == 2


def test_a_connection_idle_too_long_is_closed_instead_of_reused(monkeypatch):
    monkeypatch.setattr(_upstream_http, "_IDLE_S", 0.0)

    async def scenario() -> int:
        async with upstream([OK, OK]) as (pool, script):
            await post(pool)
            await asyncio.sleep(0.01)
            await post(pool)
            return script.connections

    assert run(scenario()) == 2


def test_a_header_value_cannot_start_a_header_of_its_own():
    async def scenario() -> None:
        async with upstream([OK]) as (pool, _):
            with pytest.raises(ValueError, match="authorization"):
                await post(pool, {"authorization": "Bearer k\r\nX-Evil: 1"})

    run(scenario())


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://api.example.com/v1/", "api.example.com"),
        ("http://localhost:8080/v1", "localhost:8080"),
        ("http://[::1]:9000", "[::1]:9000"),
    ],
)
def test_the_host_header_and_the_path_come_from_the_base_url(url, host):
    pool = HttpPool(url, connect_timeout_s=1.0, read_timeout_s=1.0)
    request = pool._request("/chat/completions", b"{}", {})
    assert f"Host: {host}\r\n".encode() in request
    assert request.startswith(f"POST {url.split(host, 1)[1].rstrip('/')}/chat/completions HTTP/1.1".encode())


def test_a_url_that_is_not_http_is_refused():
    with pytest.raises(ValueError, match="ftp://x"):
        HttpPool("ftp://x/v1", connect_timeout_s=1.0, read_timeout_s=1.0)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for localhost (made by the openssl command)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
             "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
            check=True, capture_output=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"the openssl command could not make a test certificate ({error})")
    return cert, key


async def _tls_exchange(cert: str, key: str) -> tuple[int, bytes]:
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_side.load_cert_chain(cert, key)
    script = Script([OK])
    server = await asyncio.start_server(lambda r, w: _serve(script, r, w), "127.0.0.1", 0, ssl=server_side)
    port = server.sockets[0].getsockname()[1]
    pool = HttpPool(f"https://localhost:{port}/v1", connect_timeout_s=5.0, read_timeout_s=5.0)
    try:
        return await post(pool)
    finally:
        await pool.aclose()
        server.close()


def test_https_is_verified_against_the_trusted_certificates(certificate, monkeypatch):
    cert, key = certificate
    with pytest.raises(UpstreamUnreachable, match="SSL"):  # not trusted: refused, never sent
        run(_tls_exchange(cert, key))
    monkeypatch.setenv("SSL_CERT_FILE", cert)  # trusted as any system certificate would be
    assert run(_tls_exchange(cert, key)) == (200, OK_BODY)

"""A scriptable OpenAI-compatible server on 127.0.0.1, for tests and benchmarks.

Each request's fate comes from ``plan(prompt, attempt)``: ``"ok"``, an HTTP
status to fail with (429 with ``Retry-After: 0``, 500, ...), ``"hang"`` (answer
nothing until the client gives up) or ``"drop"`` (close the connection without
an answer). Successful answers are ``reply(prompt)``, by default
``"answer to: <prompt>"``, cut at the first of the request's ``stop`` texts;
``reasoning(prompt)`` adds a separate reasoning field. ``stream: true``
requests get server-sent chunks. The server counts requests and answers per
prompt, keeps the latest request bodies and ``Authorization`` headers, and
``kill()`` stops it mid-run as a crashed server would. Bodies are made by
``adhere.models._wire``.

``running_app(app)`` serves an ASGI app (the proxy) with uvicorn on 127.0.0.1
in a thread, for tests and benchmarks.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from adhere.models import Completion, Usage, _wire

__all__ = ["FakeOpenAIServer", "running_app"]

Plan = Callable[[str, int], "str | int"]
Reply = Callable[[str], str]


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections when many clients connect at once.
    request_queue_size = 256


def _default_reply(prompt: str) -> str:
    return f"answer to: {prompt}"


def _cut_at_stop(text: str, stop: tuple[str, ...]) -> str:
    cuts = [text.index(s) for s in stop if s and s in text]
    return text[: min(cuts)] if cuts else text


class FakeOpenAIServer:
    def __init__(
        self, plan: Plan | None = None, *, latency_s: float = 0.0, hang_s: float = 5.0,
        reply: Reply | None = None, reasoning: Reply | str | None = None,
        reasoning_field: str = _wire.REASONING_FIELDS[0], keep_bodies: int = 1000,
    ) -> None:  # fmt: skip
        self.plan: Plan = plan or (lambda _prompt, _attempt: "ok")
        self.latency_s = latency_s
        self.hang_s = hang_s
        self.reply: Reply = reply or _default_reply
        self.reasoning = reasoning
        self.reasoning_field = reasoning_field
        self.requests: Counter[str] = Counter()
        self.answers: Counter[str] = Counter()
        #: The latest request bodies, oldest first.
        self.bodies: deque[dict[str, Any]] = deque(maxlen=keep_bodies)
        #: The latest requests' Authorization headers (None where absent), oldest first.
        self.authorizations: deque[str | None] = deque(maxlen=keep_bodies)
        #: Requests being handled now, and the most there ever were at once.
        self.in_flight = 0
        self.peak_in_flight = 0
        self._lock = threading.Lock()
        self._killed = threading.Event()
        self._connections: set[socket.socket] = set()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        # A short poll: kill() waits for serve_forever to notice, and tests start many servers.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def last_body(self) -> dict[str, Any]:
        return self.bodies[-1]

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.kill()

    def kill(self) -> None:
        """Stop now, from any thread, as a crashed server: new connections are refused, open
        ones are cut, and requests in flight are never answered (nor counted as answers).
        An answer already written may still reach the client or be lost with the connection."""
        if self._killed.is_set():
            return
        self._killed.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
        with self._lock:
            open_connections = list(self._connections)
        for connection in open_connections:
            # shutdown, not close: it wakes the handler thread blocked on the socket, which closes it.
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    shutdown = kill

    def _decide(self, body: dict[str, Any], prompt: str, authorization: str | None) -> str | int:
        with self._lock:
            self.bodies.append(body)
            self.authorizations.append(authorization)
            attempt = self.requests[prompt]
            self.requests[prompt] += 1
        return self.plan(prompt, attempt)

    def _answered(self, prompt: str) -> None:
        with self._lock:
            self.answers[prompt] += 1

    def _track(self, connection: socket.socket, opened: bool) -> None:
        with self._lock:
            if opened:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def _busy(self, delta: int) -> None:
        with self._lock:
            self.in_flight += delta
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def completion(self, request: _wire.ChatRequest) -> Completion:
        """The answer to a request: its reply, cut at a stop text, with the reasoning field."""
        prompt = request.messages[-1]["content"]
        text = _cut_at_stop(self.reply(prompt), request.config.stop)
        reasoning = self.reasoning(prompt) if callable(self.reasoning) else self.reasoning
        usage = Usage(len(prompt.split()), len(text.split()))
        return Completion(text, usage, 0.0, None, "stop", reasoning)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
            # Headers and body go out in two writes; without this, Nagle's algorithm
            # and the client's delayed ACK add ~40 ms to every kept-alive request.
            disable_nagle_algorithm = True

            def setup(self) -> None:
                super().setup()
                server._track(self.connection, opened=True)

            def finish(self) -> None:
                server._track(self.connection, opened=False)
                with contextlib.suppress(OSError):  # the connection was cut by kill()
                    super().finish()

            def log_message(self, *_args: Any) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _send_stream(self, events: Sequence[bytes]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for event in events:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(event), event))
                self.wfile.write(b"0\r\n\r\n")

            def _fail(self, status: int, message: str) -> None:
                body = _wire.error_body(message, _wire.error_type(status), status)
                self._send(status, body, {"Retry-After": "0"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                try:
                    request = _wire.parse_request(body)
                except _wire.WireError as error:
                    self._fail(400, str(error))
                    return
                server._busy(+1)
                try:
                    self._serve(body, request)
                except OSError:
                    return  # the client went away, or kill() cut the connection
                finally:
                    server._busy(-1)

            def _serve(self, body: dict[str, Any], request: _wire.ChatRequest) -> None:
                prompt = request.messages[-1]["content"]
                fate = server._decide(body, prompt, self.headers.get("Authorization"))
                if fate in ("hang", "drop"):
                    if fate == "hang":
                        server._killed.wait(server.hang_s)
                    self.close_connection = True
                    return
                if server.latency_s and server._killed.wait(server.latency_s):
                    return  # killed while "generating": this answer never goes out
                if fate != "ok":
                    self._fail(int(fate), f"planned {fate}")
                    return
                completion = server.completion(request)
                if request.stream:
                    chunks = _wire.completion_chunks(
                        completion, model=request.model, reasoning_field=server.reasoning_field
                    )
                    self._send_stream([*map(_wire.sse_event, chunks), _wire.SSE_DONE])
                else:
                    answer = _wire.completion_body(
                        completion, model=request.model, reasoning_field=server.reasoning_field
                    )
                    self._send(200, answer)
                server._answered(prompt)

        return Handler


@contextlib.contextmanager
def running_app(app: Any, *, access_log: bool = False) -> Iterator[str]:
    """Serve the ASGI ``app`` with uvicorn on 127.0.0.1 (a free port) in a thread; yields its base
    URL (``http://127.0.0.1:PORT``). Leaving the block shuts it down, lifespan included."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=access_log, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


def serve(latency_s: float) -> None:
    """Run a server in this process until stdin closes; print its base URL first."""
    import sys

    with FakeOpenAIServer(latency_s=latency_s) as server:
        print(server.base_url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    import sys

    serve(float(sys.argv[1]) if len(sys.argv) > 1 else 0.0)

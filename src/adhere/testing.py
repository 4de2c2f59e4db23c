"""A scriptable OpenAI-compatible server on 127.0.0.1, for tests and benchmarks.

Each request's fate comes from ``plan(prompt, attempt)``: ``"ok"``, an HTTP
status to fail with (429 with ``Retry-After: 0``, 500, ...), or ``"hang"``
(answer nothing until the client gives up). Successful answers are
``"answer to: <prompt>"``. The server counts requests and answers per prompt.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeOpenAIServer"]

Plan = Callable[[str, int], "str | int"]


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections when many clients connect at once.
    request_queue_size = 256


class FakeOpenAIServer:
    def __init__(self, plan: Plan | None = None, *, latency_s: float = 0.0, hang_s: float = 5.0) -> None:
        self.plan: Plan = plan or (lambda _prompt, _attempt: "ok")
        self.latency_s = latency_s
        self.hang_s = hang_s
        self.requests: Counter[str] = Counter()
        self.answers: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _decide(self, prompt: str) -> str | int:
        with self._lock:
            attempt = self.requests[prompt]
            self.requests[prompt] += 1
        return self.plan(prompt, attempt)

    def _answered(self, prompt: str) -> None:
        with self._lock:
            self.answers[prompt] += 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
            # Headers and body go out in two writes; without this, Nagle's algorithm
            # and the client's delayed ACK add ~40 ms to every kept-alive request.
            disable_nagle_algorithm = True

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

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                prompt = request["messages"][-1]["content"]
                fate = server._decide(prompt)
                if fate == "hang":
                    time.sleep(server.hang_s)
                    self.close_connection = True
                    return
                if server.latency_s:
                    time.sleep(server.latency_s)
                if fate != "ok":
                    status = int(fate)
                    self._send(status, {"error": {"message": f"planned {status}"}}, {"Retry-After": "0"})
                    return
                text = f"answer to: {prompt}"
                usage = {"prompt_tokens": len(prompt.split()), "completion_tokens": len(text.split())}
                choice = {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
                try:
                    self._send(200, {"object": "chat.completion", "choices": [choice], "usage": usage})
                except OSError:
                    return  # the client went away; it never saw this answer
                server._answered(prompt)

        return Handler


def serve(latency_s: float) -> None:
    """Run a server in this process until stdin closes; print its base URL first."""
    import sys

    with FakeOpenAIServer(latency_s=latency_s) as server:
        print(server.base_url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    import sys

    serve(float(sys.argv[1]) if len(sys.argv) > 1 else 0.0)

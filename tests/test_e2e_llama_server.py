"""End to end: `adhere eval` against llama-cpp-python's OpenAI-compatible server on 127.0.0.1,
serving the embedded model."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import read_jsonl, run_adhere

pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server] (dev extra)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    from adhere.models._llama_cpp import embedded_model_path

    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(embedded_model_path()),
        "--model_alias",
        "smollm2",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
    ]
    # A file, not a pipe: llama.cpp logs enough while loading to fill a pipe and block.
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    log = log_path.open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"llama-cpp server did not start: {log_path.read_text()[-2000:]}")
        time.sleep(0.5)
    yield base_url
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_eval_against_a_real_openai_compatible_server(llama_server, tmp_path):
    args = [
        "eval",
        "--model",
        "openai/smollm2",
        "--base-url",
        llama_server,
        "--limit",
        "3",
        "--max-tokens",
        "48",
        "--concurrency",
        "2",
        "--out",
        str(tmp_path / "run"),
        "--cache",
        str(tmp_path / "cache.sqlite"),
    ]
    result = run_adhere(*args)
    assert result.returncode == 0, result.stderr
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results["n"] == 3 and results["errors"] == 0
    assert results["tokens"]["input"] > 0 and results["tokens"]["output"] > 0
    rows = read_jsonl(tmp_path / "run" / "samples.jsonl")
    assert all(row["response"] and row["usage"]["output_tokens"] <= 48 for row in rows)
    assert all(isinstance(row["strict"][0], bool) for row in rows)

    again = run_adhere(*args)
    assert again.returncode == 0
    assert all(row["cached"] for row in read_jsonl(tmp_path / "run" / "samples.jsonl"))

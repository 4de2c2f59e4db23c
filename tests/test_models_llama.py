"""Stop texts and finish reasons through real llama.cpp: the embedded model in process, and
llama-cpp-python's OpenAI-compatible server answering plain and streamed requests."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from adhere.models import GenerateConfig, get_model

pytest.importorskip("llama_cpp", reason="needs llama-cpp-python (llama extra)")

MESSAGES = [{"role": "user", "content": "Tell me about the sea."}]


def generate(model, config):
    async def once():
        try:
            return await model.generate(MESSAGES, config)
        finally:
            await model.aclose()

    return asyncio.run(once())


def test_the_embedded_model_stops_at_a_stop_text_and_reports_why():
    model = get_model("embedded", n_ctx=512)

    async def both():
        try:
            full = await model.generate(MESSAGES, GenerateConfig(max_tokens=12, seed=1))
            # Greedy decoding gives the same text again, now cut where a stop text first appears.
            stop = full.text[6:12]
            cut = await model.generate(MESSAGES, GenerateConfig(max_tokens=12, seed=1, stop=(stop,)))
            return full, stop, cut
        finally:
            await model.aclose()

    full, stop, cut = asyncio.run(both())
    assert full.finish_reason == "length" and full.usage.output_tokens == 12
    assert stop and stop not in full.text[:6]
    assert cut.text == full.text[: full.text.index(stop)] and cut.finish_reason == "stop"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server():
    pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server] (dev extra)")
    from adhere.models._llama_cpp import embedded_model_path

    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(embedded_model_path()),
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "1024",
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("llama_cpp.server did not start") from None
                time.sleep(0.3)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_real_server_streams_the_same_answer_it_sends_whole(llama_server):
    config = GenerateConfig(max_tokens=16, seed=1)
    plain = generate(get_model("openai/smollm2", base_url=llama_server), config)
    streamed = generate(get_model("openai/smollm2", base_url=llama_server, stream=True), config)
    assert plain.text and streamed.text == plain.text
    assert plain.finish_reason == streamed.finish_reason == "length"
    assert plain.usage.output_tokens == 16


def test_a_real_server_honours_stop(llama_server):
    full = generate(get_model("openai/smollm2", base_url=llama_server), GenerateConfig(max_tokens=12, seed=1))
    stop = full.text[6:12]
    assert stop and stop not in full.text[:6]
    config = GenerateConfig(max_tokens=12, seed=1, stop=(stop,))
    cut = generate(get_model("openai/smollm2", base_url=llama_server), config)
    assert cut.text == full.text[: full.text.index(stop)] and cut.finish_reason == "stop"


def test_the_thread_count_comes_from_adhere_threads_when_set(monkeypatch):
    import os

    from adhere.models import ModelError
    from adhere.models._llama_cpp import default_threads

    monkeypatch.delenv("ADHERE_THREADS", raising=False)
    assert default_threads() == (os.cpu_count() or 1)
    monkeypatch.setenv("ADHERE_THREADS", "1")
    assert default_threads() == 1
    monkeypatch.setenv("ADHERE_THREADS", "two")
    with pytest.raises(ModelError, match="ADHERE_THREADS must be a whole number"):
        default_threads()

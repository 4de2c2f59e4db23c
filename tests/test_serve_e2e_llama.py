"""End to end: the official openai SDK -> `adhere serve` -> llama-cpp-python's OpenAI-compatible
server with the embedded model. Few requests, few tokens: the model is slow on a CPU."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server] (dev extra)")
pytest.importorskip("uvicorn", reason="adhere serve needs the serve extra (starlette, uvicorn, httptools)")
openai = pytest.importorskip("openai", reason="the tests' client is the official openai SDK (dev extra)")

from adhere.models import get_model  # noqa: E402
from adhere.serve import ServeConfig, create_app  # noqa: E402
from adhere.testing import running_app  # noqa: E402
from tests.test_e2e_llama_server import llama_server  # noqa: E402, F401 - the module's fixture

LOWERCASE = "Answer in all lowercase letters, no capitals. Name a fruit."


@pytest.fixture(scope="module")
def client(llama_server: str) -> Iterator[object]:  # noqa: F811
    config = ServeConfig(served_model="smollm2", upstream_url=llama_server)
    app = create_app(config, get_model("openai/smollm2", base_url=llama_server))
    with running_app(app) as url:
        yield openai.OpenAI(base_url=f"{url}/v1", api_key="sk-e2e", max_retries=0)


def ask(client, **options):
    return client.chat.completions.create(
        model="smollm2", messages=[{"role": "user", "content": LOWERCASE}], max_tokens=16, **options
    )


def test_plain_answer_through_the_proxy(client):
    answer = ask(client)
    assert answer.choices[0].message.content.strip()
    assert answer.usage.completion_tokens > 0
    assert answer.model_extra["adhere"]["strategy"] == "direct"


def test_streamed_answer_through_the_proxy(client):
    chunks = list(ask(client, stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices).strip()
    assert chunks[-1].model_extra["adhere"]["strategy"] == "direct"


def test_a_strategy_reports_the_verdicts_of_the_real_model(client):
    answer = ask(client, extra_body={"adhere": {"strategy": "best-of-n", "settings": {"n": 2}}})
    extension = answer.model_extra["adhere"]
    [verdict] = extension["constraints"]
    assert verdict["id"] == "change_case:english_lowercase"
    text = answer.choices[0].message.content
    assert isinstance(verdict["ok"], bool) and verdict["reason"]
    assert not verdict["ok"] or text == text.lower()  # (the check also wants English, so not the converse)
    assert extension["passed"] is verdict["ok"] and 1 <= extension["calls"] <= 2

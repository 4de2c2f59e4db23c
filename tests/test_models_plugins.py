"""Providers from other packages, through the ``adhere.providers`` entry-point group."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from pathlib import Path

import pytest

from adhere.models import FakeModel, GenerateConfig, ModelError, WrappedModel, available_providers, get_model
from tests.conftest import adhere_command, read_jsonl

PLUGIN = """
from adhere.models import Completion, Model


class Plain(Model):
    def __init__(self, name, greeting):
        self._name, self._greeting = name, greeting

    @property
    def name(self):
        return f"myplug/{self._name}"

    def identity(self):
        return {"provider": "myplug", "model": self._name, "greeting": self._greeting}

    async def generate(self, messages, config):
        return Completion(f"{self._greeting} from {self._name}", finish_reason="stop")


def create(name, *, greeting="hello", timeout_s=None):
    return Plain(name, greeting)
"""


def make_distribution(root: Path, provider: str = "myplug", module: str = "myplug_models") -> Path:
    """A package and its installed metadata, as pip would leave them in site-packages."""
    (root / module).mkdir(parents=True)
    (root / module / "__init__.py").write_text(PLUGIN)
    info = root / f"{module.replace('_', '-')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[adhere.providers]\n{provider} = {module}:create\n")
    return root


def test_a_plugin_provider_is_found_through_its_entry_point(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(make_distribution(tmp_path)))
    assert "myplug" in available_providers()
    model = get_model("myplug/x", greeting="hi", base_url=None, timeout_s=5.0)
    completion = asyncio.run(model.generate([{"role": "user", "content": "?"}], GenerateConfig()))
    assert completion.text == "hi from x" and model.identity()["provider"] == "myplug"
    with pytest.raises(
        ModelError, match=r"'myplug' provider does not take option 'colour' \(accepts: greeting"
    ):
        get_model("myplug/x", colour="red")


def test_a_plugin_that_cannot_be_imported_says_what_to_install(tmp_path, monkeypatch):
    root = make_distribution(tmp_path, provider="broken", module="broken_models")
    (root / "broken_models" / "__init__.py").write_text("import not_installed_dependency\n")
    monkeypatch.syspath_prepend(str(root))
    with pytest.raises(ModelError) as error:
        get_model("broken/x")
    message = str(error.value)
    assert "'broken' provider (broken_models:create, from the 'broken-models' package)" in message
    assert "not_installed_dependency is missing" in message and "pip install 'broken-models'" in message


def test_an_unknown_provider_lists_plugins_too(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(make_distribution(tmp_path)))
    with pytest.raises(
        ModelError, match=r"unknown model provider 'nope' in 'nope/x' \(known: .*myplug/\.\.\."
    ):
        get_model("nope/x")


def test_adhere_eval_runs_a_plugin_model(tmp_path):
    plugins = make_distribution(tmp_path / "plugins")
    path = os.pathsep.join(filter(None, [str(plugins), os.environ.get("PYTHONPATH")]))
    out = tmp_path / "run"
    command = [
        *adhere_command(),
        "eval",
        "--model",
        "myplug/x",
        "--limit",
        "2",
        "--no-cache",
        "--out",
        str(out),
    ]
    finished = subprocess.run(
        command, env={**os.environ, "PYTHONPATH": path}, capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 0, finished.stderr
    rows = read_jsonl(out / "samples.jsonl")
    assert len(rows) == 2 and all(row["response"] == "hello from x" for row in rows)
    assert json.loads((out / "results.json").read_text())["n"] == 2


def test_entry_points_are_not_read_for_a_built_in_provider(monkeypatch):
    import adhere.models._registry as registry

    def refuse(**_kwargs):
        raise AssertionError("entry points read for a built-in provider")

    monkeypatch.setattr(registry, "entry_points", refuse)
    assert get_model("fake/echo").name == "fake/echo"


def test_a_wrapped_model_answers_closes_and_is_named_as_its_inner_model():
    class Shouting(WrappedModel):  # what a plug-in's wrapper overrides: generate only
        async def generate(self, messages, config):
            done = await super().generate(messages, config)
            return type(done)(done.text.upper(), done.usage)

    closed = []
    inner = FakeModel.from_spec("echo")
    inner.max_concurrency = 3
    inner.aclose = lambda: closed.append(True) or asyncio.sleep(0)  # type: ignore[method-assign]
    wrapped = Shouting(inner)
    assert (wrapped.name, wrapped.identity(), wrapped.max_concurrency) == (
        inner.name, inner.identity(), 3,
    )  # fmt: skip
    answer = asyncio.run(wrapped.generate([{"role": "user", "content": "hi there"}], GenerateConfig()))
    assert answer.text == "HI THERE"
    asyncio.run(wrapped.aclose())
    assert closed == [True]

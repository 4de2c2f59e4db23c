"""README's GRPO block (section "Verifiable rewards"), checked without training: it parses, every
name it uses is bound, its imports resolve, its configs build with the installed TRL and PEFT,
and its dataset's columns reach adhere's rewards the way GRPOTrainer passes them.

benchmarks/grpo_example.py runs the same block on the embedded model (minutes on CPU)."""

from __future__ import annotations

import ast
import builtins
import inspect
import sys
from typing import Any

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from grpo_example import readme_block, substitute

pytest.importorskip("trl", reason="the GRPO example needs the train extra (trl)")
pytest.importorskip("peft", reason="the GRPO example needs the train extra (peft)")


@pytest.fixture(scope="module")
def block() -> ast.Module:
    return ast.parse(readme_block())


def _bound_names(tree: ast.Module) -> set[str]:
    bound = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
    return bound


def _call(tree: ast.Module, name: str) -> ast.Call:
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name
    ]
    assert len(calls) == 1, f"the README block calls {name} {len(calls)} times"
    return calls[0]


def _run(statements: list[ast.stmt], namespace: dict[str, Any]) -> None:
    exec(compile(ast.Module(statements, type_ignores=[]), "README GRPO block", "exec"), namespace)


def _uses(statement: ast.stmt, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(statement))


def _setup(block: ast.Module) -> dict[str, Any]:
    """The block's imports and data statements, run: everything before the model loads."""
    namespace: dict[str, Any] = {}
    statements = []
    for statement in block.body:
        if _uses(statement, "load_model"):
            break
        statements.append(statement)
    _run(statements, namespace)
    return namespace


def _keyword(call: ast.Call, name: str) -> ast.expr:
    found = [k.value for k in call.keywords if k.arg == name]
    assert found, f"GRPOTrainer is called without {name}="
    return found[0]


def test_every_name_the_block_uses_is_bound(block):
    used = {n.id for n in ast.walk(block) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    assert used - _bound_names(block) == set()


def test_the_benchmark_can_override_steps_and_output(block, tmp_path):
    code = substitute(readme_block(), 2, str(tmp_path / "g"))
    config = _call(ast.parse(code), "GRPOConfig")
    values = {
        k.arg: ast.literal_eval(k.value) for k in config.keywords if k.arg in ("max_steps", "output_dir")
    }
    assert values == {"max_steps": 2, "output_dir": str(tmp_path / "g")}


def test_the_trainer_and_its_configs_accept_the_blocks_arguments(block, tmp_path):
    namespace = _setup(block)
    trainer = _call(block, "GRPOTrainer")
    accepted = inspect.signature(namespace["GRPOTrainer"].__init__).parameters
    assert {k.arg for k in trainer.keywords} - set(accepted) == set()
    # The configs are built for real (cheap): a keyword TRL or PEFT dropped fails here.
    code = substitute(readme_block(), None, str(tmp_path / "grpo"))
    trainer = _call(ast.parse(code), "GRPOTrainer")
    for name in ("args", "peft_config"):
        eval(compile(ast.Expression(_keyword(trainer, name)), name, "eval"), namespace)
    from adhere.train import model_source

    assert model_source("embedded").gguf_file  # what load_model will read (not loaded here)


def _expected(reward: Any, text: str, constraints: Any) -> float:
    from adhere.rewards import score_text

    name = reward.__name__  # make_reward names each function by its mode
    return score_text(text, constraints, fractional="fractional" in name, loose="loose" in name)


@pytest.mark.parametrize("text", ["ok.", "THE ANSWER, IN CAPITALS. " * 40, "a\n\n***\n\nb"])
def test_the_rewards_take_the_datasets_columns_as_grpo_passes_them(block, text):
    namespace = _setup(block)
    rows, samples = list(namespace["dataset"]), namespace["samples"]
    funcs = _keyword(_call(block, "GRPOTrainer"), "reward_funcs")
    rewards = eval(compile(ast.Expression(funcs), "reward_funcs", "eval"), namespace)
    # As GRPOTrainer calls a plain reward function: every column but the prompt (one entry
    # per completion, conversational here), the prompts, the token ids and its own extras.
    columns = {key: [row[key] for row in rows] for key in rows[0] if key != "prompt"}
    extras = {"trainer_state": None, "log_extra": lambda *a, **k: None, "log_metric": lambda *a, **k: None}
    for reward in rewards:
        values = reward(
            prompts=[row["prompt"] for row in rows],
            completions=[[{"role": "assistant", "content": text}] for _ in rows],
            completion_ids=[[1]] * len(rows), **columns, **extras,
        )  # fmt: skip
        # The dataset stores every row's kwargs with every key of the column (None where absent):
        # the rewards must still judge each row by exactly its sample's constraints.
        assert values == [_expected(reward, text, s.constraints) for s in samples], reward.__name__

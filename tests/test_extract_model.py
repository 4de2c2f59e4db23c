"""--extract-model: the LLM decomposer asks another model than the one answering.

Two fake models: the decomposer's calls must reach the extract model (and what it proposes must be
what the strategy knows), the answers the answering model; each call is recorded under its purpose,
with its own tokens, and cached under its own model.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from adhere.errors import AdhereError
from adhere.evaluation import EvalSettings, run_eval
from adhere.models import FakeModel
from adhere.runlog import read_samples
from adhere.solve import open_extract_model, solve
from adhere.strategies import StrategySettings
from adhere.testing import FakeOpenAIServer
from tests.conftest import run_adhere

# A prompt the rules read nothing from, and a proposal the decomposer keeps (a soft requirement).
PROMPT = "Write four lines about the harbour at dawn."
PROPOSAL = '{"soft": "mention the gulls"}'


def is_decomposer_request(messages: list[dict[str, str]]) -> bool:
    return "List every constraint the request below places" in messages[-1]["content"]


def test_decomposer_calls_go_to_the_extract_model_and_answers_to_the_answering_one():
    answering = FakeModel(lambda messages, _config: "Gulls cry over the harbour.")
    reading = FakeModel(PROPOSAL)
    settings = StrategySettings(decompose=True)
    solution = asyncio.run(solve(PROMPT, answering, "direct", settings, extract_model=reading))
    assert [is_decomposer_request(m) for m, _ in reading.calls] == [True]
    assert [m[-1]["content"] for m, _ in answering.calls] == [PROMPT]
    assert [c.purpose for c in solution.calls] == ["decompose", "answer"]
    assert solution.calls[0].text == PROPOSAL and solution.calls[1].text == "Gulls cry over the harbour."
    # What the strategy knows is what the extract model proposed.
    assert solution.outcome.knowledge.soft == ("mention the gulls",)


def test_without_an_extract_model_the_answering_model_reads_the_constraints():
    answering = FakeModel([PROPOSAL, "an answer"])
    solution = asyncio.run(solve(PROMPT, answering, "direct", StrategySettings(decompose=True)))
    assert [is_decomposer_request(m) for m, _ in answering.calls] == [True, False]
    assert solution.outcome.knowledge.soft == ("mention the gulls",)


def test_the_same_spec_reuses_the_answering_model_another_opens_its_own():
    answering = FakeModel("x", spec="fake/echo")
    assert open_extract_model(None, answering, "fake/echo") is None
    assert open_extract_model("fake/echo", answering, "fake/echo") is answering
    other = open_extract_model("fake/fixed:hi", answering, "fake/echo")
    assert other is not None and other is not answering and other.name == "fake/fixed:hi"


def eval_settings(tmp_path: Path, **changes: object) -> EvalSettings:
    values: dict[str, object] = {
        "model": "fake/echo", "bench": "synth", "limit": 3, "strategy": "direct",
        "cache_path": tmp_path / "cache.sqlite", "extract_model": f"fake/fixed:{PROPOSAL}",
    } | changes  # fmt: skip
    return EvalSettings(**values)  # type: ignore[arg-type]


def test_eval_records_the_extract_models_calls_under_their_own_purpose_and_cost(tmp_path):
    results = run_eval(eval_settings(tmp_path), tmp_path / "run")
    for record in read_samples(tmp_path / "run"):
        decompose, answer = record.turns[-1].calls
        assert decompose.purpose == "decompose" and decompose.text == PROPOSAL
        assert answer.purpose == "answer" and answer.text == record.turns[-1].user  # fake/echo answered
        assert {"soft": "mention the gulls"} in record.turns[-1].known
    written = results.as_dict()
    assert written["settings"]["extract_model"] == f"fake/fixed:{PROPOSAL}"
    assert "extract_api_key" not in written["settings"]
    decompose_tokens = written["cost"]["tokens_by_purpose"]["decompose"]
    assert decompose_tokens["output"] == 3 * len(PROPOSAL.split())  # the extract model's own answers


def test_eval_caches_the_extract_models_calls_under_that_model(tmp_path):
    run_eval(eval_settings(tmp_path), tmp_path / "first")
    run_eval(eval_settings(tmp_path), tmp_path / "again")
    assert all(c.cached for r in read_samples(tmp_path / "again") for c in r.calls)
    # Another extract model is asked afresh, not served the first one's cached answers.
    other = '{"soft": "mention the boats"}'
    run_eval(eval_settings(tmp_path, extract_model=f"fake/fixed:{other}"), tmp_path / "other")
    calls = [r.turns[-1].calls for r in read_samples(tmp_path / "other")]
    assert [(d.text, d.cached, a.cached) for d, a in calls] == [(other, False, True)] * 3


def test_an_extract_model_without_a_strategy_or_with_oracle_constraints_is_refused(tmp_path):
    with pytest.raises(AdhereError, match=r"--extract-model.*--strategy"):
        run_eval(eval_settings(tmp_path, strategy=None), tmp_path / "run")
    oracle = {"oracle_constraints": "true"}
    with pytest.raises(AdhereError, match="--extract-model cannot be combined with --oracle-constraints"):
        run_eval(eval_settings(tmp_path, strategy_options=oracle), tmp_path / "run")


def test_follow_takes_extract_model_on_the_command_line(tmp_path):
    done = run_adhere(
        "follow", PROMPT, "--model", "fake/echo", "--strategy", "direct", "--json",
        "--extract-model", f"fake/fixed:{PROPOSAL}",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["answer"] == PROMPT and result["calls"] == 2
    first = result["constraints"][0]
    assert (first["soft"], first["ok"]) == ("mention the gulls", None)


def test_eval_refuses_extract_model_without_a_strategy_in_one_line(tmp_path):
    done = run_adhere(
        "eval", "--model", "fake/echo", "--limit", "2", "--out", str(tmp_path / "run"),
        "--extract-model", "fake/echo",
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--extract-model" in done.stderr and "--strategy" in done.stderr


@pytest.mark.parametrize("command", ["eval", "follow"])
@pytest.mark.parametrize(
    "flags", [["--extract-base-url", "http://127.0.0.1:9/v1"], ["--extract-api-key", "sk-unused"]]
)
def test_an_extract_endpoint_or_key_without_an_extract_model_is_refused_in_one_line(tmp_path, command, flags):
    # Silently unused before: the run would go on with the answering model reading constraints.
    subject = ["--limit", "2", "--out", str(tmp_path / "run")] if command == "eval" else [PROMPT]
    done = run_adhere(command, *subject, "--model", "fake/echo", "--strategy", "direct", *flags)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert flags[0] in done.stderr and "--extract-model" in done.stderr
    assert "sk-unused" not in done.stderr
    assert not (tmp_path / "run").exists()


def test_an_extract_key_in_the_environment_is_not_refused_without_an_extract_model():
    # Like $OPENAI_API_KEY, a variable set for other runs is no mistake in this one.
    done = run_adhere(
        "follow", PROMPT, "--model", "fake/echo", "--strategy", "direct", "--json",
        env={"ADHERE_EXTRACT_API_KEY": "sk-set-for-other-runs"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_eval_sends_the_extract_key_to_the_extract_endpoint_only_and_writes_it_nowhere(tmp_path):
    key = "sk-EXTRACT-PLANTED-5c1d"
    with FakeOpenAIServer(reply=lambda _p: PROPOSAL) as reading:
        done = run_adhere(
            "eval", "--model", "fake/echo", "--strategy", "direct", "--limit", "2", "--out",
            str(tmp_path / "run"), "--cache", str(tmp_path / "cache.sqlite"), "--extract-model",
            "openai/reader", "--extract-base-url", reading.base_url, "--extract-api-key", key,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert reading.authorizations and set(reading.authorizations) == {f"Bearer {key}"}
    for path in (p for p in tmp_path.rglob("*") if p.is_file()):
        assert key.encode() not in path.read_bytes(), path

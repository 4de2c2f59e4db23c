"""adhere improve: training prompts disjoint from every evaluation prompt; the stages run in order,
write their outputs, are skipped once done, rerun from the first whose settings changed, and
resume after an interruption. The model is scripted and DPO and export are stand-ins (their own
tests train and convert real models), so this runs in seconds without the train extra."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from adhere.benchmarks import synth_samples
from adhere.constraints import build
from adhere.errors import AdhereError
from adhere.improve import STAGES, ImproveSettings, StageOutcome, run_improve
from adhere.improve import _stages as stages
from adhere.improve._prompts import TrainingPrompts, training_prompts
from adhere.models import GenerateConfig, Message
from adhere.models._fake import FakeModel
from adhere.models._registry import PROVIDERS
from adhere.samples import Sample
from tests.conftest import run_adhere

LOWERCASE = [{"instruction_id_list": ["change_case:english_lowercase"], "kwargs": [{}]}]


def scripted_model(name: str, *, timeout_s: float | None = None) -> FakeModel:
    """``scripted/before`` answers greedily in title case (failing "all lowercase") and in lowercase
    when sampling (the tree's revisions); ``scripted/after`` always in lowercase, as if trained."""

    def answer(_messages: Sequence[Message], config: GenerateConfig) -> str:
        improved = name == "after" or config.temperature > 0
        return "the sea is wide." if improved else "The Sea Is Wide."

    return FakeModel(answer, spec=f"scripted/{name}")


@pytest.fixture
def scripted(monkeypatch):
    monkeypatch.setitem(PROVIDERS, "scripted", ("tests.test_improve:scripted_model", "", ""))
    lowercase = (build("change_case:english_lowercase", {}),)
    samples = tuple(
        Sample.single(
            f"t-{i}",
            f"Describe tide number {i} in lowercase letters only.",
            lowercase,
            metadata={"key": f"t-{i}"},
        )
        for i in range(3)
    )
    # Training prompts the scripted model can fail and then pass; the held-out set stays synth.
    monkeypatch.setattr(stages, "training_prompts", lambda *_args: TrainingPrompts(samples, 0))


class StandIns:
    """DPO and export without torch: they record their calls and name the "trained" model."""

    def __init__(self, monkeypatch, interrupt_dpo: bool = False) -> None:
        self.calls: list[str] = []
        self.interrupt_dpo = interrupt_dpo
        monkeypatch.setitem(stages.RUNNERS, "dpo", self.dpo)
        monkeypatch.setitem(stages.RUNNERS, "export", self.export)

    def dpo(self, it: stages.Iteration) -> dict[str, Any]:
        self.calls.append("dpo")
        folder = it.folder("dpo")
        if self.interrupt_dpo:
            self.interrupt_dpo = False
            (folder / "checkpoint-1").mkdir()
            raise KeyboardInterrupt
        rows = it.pairs_file.read_text().splitlines()
        return {
            "adapter": str(folder / "adapter"),
            "steps": len(rows),
            "resumed": (folder / "checkpoint-1").is_dir(),
        }

    def export(self, it: stages.Iteration) -> dict[str, Any]:
        self.calls.append("export")
        return {"trained_model": "scripted/after", "control_model": None}


def eval_file(tmp_path: Path, prompts: Sequence[str]) -> Path:
    path = tmp_path / "eval.jsonl"
    rows = [{"key": i, "prompt": p, **LOWERCASE[0]} for i, p in enumerate(prompts)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def settings(tmp_path: Path, **changes: Any) -> ImproveSettings:
    base: dict[str, Any] = {
        "out": tmp_path / "iter", "model": "scripted/before", "train_prompts": 3, "heldout_prompts": 4,
        "eval_bench": eval_file(tmp_path, ["Say hi in lowercase.", "Name a bird in lowercase."]),
        "cache_path": tmp_path / "cache.sqlite", "tree": {"branching": "1", "depth": "1"},
    }  # fmt: skip
    return ImproveSettings(**(base | changes))


def run(config: ImproveSettings) -> tuple[Any, list[StageOutcome]]:
    seen: list[StageOutcome] = []
    return run_improve(config, seen.append), seen


def test_training_prompts_leave_out_every_evaluation_prompt(tmp_path):
    drawn = synth_samples(10, seed=1)
    alone = training_prompts(6, 1, 50, 0, None)
    shared = drawn.index(alone.samples[2])
    with_file = training_prompts(6, 1, 50, 0, eval_file(tmp_path, [drawn[shared].prompt]))
    assert len(with_file.samples) == 6 and with_file.left_out == alone.left_out + 1
    assert drawn[shared].prompt not in {s.prompt for s in with_file.samples}
    evaluated = {s.prompt for s in synth_samples(50, seed=0)}
    assert not evaluated & {s.prompt for s in with_file.samples}


def test_one_seed_for_training_and_held_out_prompts_is_refused(tmp_path):
    with pytest.raises(AdhereError, match="--train-seed and --heldout-seed are both 3"):
        settings(tmp_path, train_seed=3, heldout_seed=3)


def test_every_stage_runs_in_order_and_a_rerun_skips_them(tmp_path, scripted, monkeypatch):
    stand_ins = StandIns(monkeypatch)
    config = settings(tmp_path)
    report, seen = run(config)
    assert [s.name for s in seen] == list(STAGES) and not any(s.skipped for s in seen)
    assert report.figure("pairs", "pairs") >= 3  # each prompt: a lowercase revision against its parent
    eval_scores = {s.arm: s.prompt_strict for s in report.scores if s.bench == "eval"}
    assert eval_scores == {"base": 0.0, "trained": 1.0}
    (delta,) = [c for c in report.comparisons if c.bench == "eval"]
    assert (delta.delta, delta.fail_to_pass, delta.pass_to_fail) == (1.0, 2, 0)
    assert delta.mcnemar_p == 0.5  # two discordant prompts, both one way: 2 * (1/2)^2
    written = json.loads((config.out / "improve.json").read_text())
    assert written["complete"] and written["pairs"] == report.figure("pairs", "pairs")
    assert [s["name"] for s in written["stages"]] == list(STAGES)

    again, seen = run(config)
    assert all(s.skipped for s in seen) and stand_ins.calls == ["dpo", "export"]
    assert again.scores == report.scores


def test_changed_settings_rerun_from_the_first_stage_they_touch(tmp_path, scripted, monkeypatch):
    stand_ins = StandIns(monkeypatch)
    run(settings(tmp_path))
    _, seen = run(settings(tmp_path, eval_limit=1))
    assert [s.name for s in seen if not s.skipped] == ["evaluate"]
    _, seen = run(settings(tmp_path, eval_limit=1, max_pairs_per_prompt=1))
    assert [s.name for s in seen if not s.skipped] == ["pairs", "dpo", "export", "evaluate"]
    assert stand_ins.calls == ["dpo", "export", "dpo", "export"]


def test_an_interrupted_stage_resumes_where_it_stopped(tmp_path, scripted, monkeypatch):
    stand_ins = StandIns(monkeypatch, interrupt_dpo=True)
    config = settings(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        run(config)
    partial = json.loads((config.out / "improve.json").read_text())
    assert not partial["complete"] and [s["name"] for s in partial["stages"]] == [
        "prompts",
        "generate",
        "refine",
        "pairs",
    ]
    report, seen = run(config)
    assert [s.name for s in seen if s.skipped] == ["prompts", "generate", "refine", "pairs"]
    assert report.figure("dpo", "resumed") is True  # its folder (the checkpoint) was kept
    assert stand_ins.calls == ["dpo", "dpo", "export"]


def test_no_preference_pairs_is_an_error_that_says_what_to_change(tmp_path, scripted, monkeypatch):
    StandIns(monkeypatch)
    with pytest.raises(AdhereError, match=r"no preference pairs .*--train-prompts"):
        run(settings(tmp_path, model="scripted/after"))  # every answer already passes


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--train-seed", "0"], "--train-seed and --heldout-seed are both 0"),
        (["-S", "bogus=1"], "-S bogus: tree has no setting 'bogus'"),
        (["--eval-bench", "missing.jsonl"], "--eval-bench missing.jsonl: no such file"),
        (["--gguf-type", "q2"], "--gguf-type must be one of source, f16, f32"),
        (["--stop-after", "train"], "--stop-after must be one of prompts,"),
    ],
)
def test_the_command_names_the_wrong_flag(tmp_path, flags, message):
    done = run_adhere("improve", "--out", str(tmp_path / "o"), *flags, cwd=tmp_path)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr

"""adhere eval --paraphrases: each sample asked in K wordings of its constraints, and the results
per phrasing (accuracy with intervals, spread, reliable@K), computed from the run records alone.

The transform is tested with a constraint type of this file's own that has three wordings, so
nothing here depends on which wordings the library's types have.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from adhere.benchmarks import synth_samples
from adhere.benchmarks._paraphrase import BASE_KEY, PHRASING, paraphrase, phrasing_key
from adhere.benchmarks._synth import TASK_FIELD, synth_prompt
from adhere.constraints import Constraint, Verdict
from adhere.errors import AdhereError
from adhere.evaluation import EvalSettings, run_eval, score_dir
from adhere.report._payload import report_payload
from adhere.report._runs import load_runs
from adhere.results import score_records
from adhere.runlog import ConstraintRef, SampleRecord, TurnRecord, read_samples
from adhere.samples import Sample
from tests.conftest import ROOT, run_adhere


@dataclass(frozen=True)
class SayHello(Constraint):
    """Never registered: it only gives the transform three wordings to choose from."""

    id: ClassVar[str] = "test:say_hello"

    def instruction(self) -> str:
        return "Say hello."

    def rephrasings(self) -> tuple[str, ...]:
        return ("Greet me with a hello.", "Start by saying hello.")

    def check(self, response: str) -> Verdict:
        return Verdict("hello" in response.lower(), "no hello")


def hello_sample(key: str = "s1", task: str = "Write a poem.") -> Sample:
    said = SayHello()
    return Sample.single(key, synth_prompt(task, [said]), [said], metadata={"key": key, TASK_FIELD: task})


# The transform.


def test_each_phrasing_is_the_same_task_with_the_constraints_in_that_wording():
    out = paraphrase([hello_sample()], 4)
    assert [s.key for s in out] == ["s1", "s1~p1", "s1~p2", "s1~p3"]
    assert [s.prompt for s in out] == [
        "Write a poem. Say hello.",
        "Write a poem. Greet me with a hello.",
        "Write a poem. Start by saying hello.",
        "Write a poem. Say hello.",  # counted round: a fourth wording is the first again
    ]
    assert all(s.constraints == (SayHello(),) for s in out)
    assert [s.metadata[PHRASING] for s in out] == [0, 1, 2, 3]
    assert {s.metadata[BASE_KEY] for s in out} == {"s1"}
    assert [s.metadata["key"] for s in out] == [s.key for s in out]


def test_phrasing_zero_is_the_sample_unchanged_and_a_samples_phrasings_stay_together():
    samples = synth_samples(6, seed=3)
    out = paraphrase(samples, 3)
    assert len(out) == 18
    for index, original in enumerate(samples):
        group = out[3 * index : 3 * index + 3]
        assert group[0].key == group[0].metadata["key"] == original.key
        assert group[0].turns == original.turns
        assert [s.metadata[BASE_KEY] for s in group] == [original.key] * 3
        assert [s.key for s in group[1:]] == [phrasing_key(original.key, k) for k in (1, 2)]


def test_a_prompt_not_built_from_its_wordings_or_a_conversation_is_refused():
    ifeval_like = Sample.single("1000", "Write a 300+ word summary. Say hello.", [SayHello()])
    with pytest.raises(AdhereError, match=r"'1000'.*only --bench synth"):
        paraphrase([hello_sample(), ifeval_like], 2)
    talk = Sample.single("c1", "Say hello.", [SayHello()], metadata={TASK_FIELD: "x"}, history=[
        {"role": "system", "content": "Be brief."}
    ])  # fmt: skip
    with pytest.raises(AdhereError, match="conversation"):
        paraphrase([talk], 2)
    with pytest.raises(AdhereError, match="at least 1"):
        paraphrase([hello_sample()], 0)


# The results section, from hand-made records.

NO_COMMA = ConstraintRef("punctuation:no_comma")


def record(base: str, phrasing: int, passes: bool | None, user: str | None = None) -> SampleRecord:
    """One phrasing's record; ``passes`` None: the call failed (an error record)."""
    reply = None if passes is None else ("plain words" if passes else "words, with a comma")
    turn = TurnRecord(user or f"{base} asked in wording {phrasing}", (NO_COMMA,), reply=reply)
    return SampleRecord(
        phrasing_key(base, phrasing),
        (turn,),
        error="failed" if passes is None else None,
        metadata={PHRASING: phrasing, BASE_KEY: base},
    )


def paraphrase_records() -> list[SampleRecord]:
    outcomes = {
        "a": (True, True, True),  # reliable
        "b": (True, False, True),
        "c": (False, False, False),
        "d": (True, True, None),  # its third wording failed to answer: not counted in reliable@3
    }
    # "a" is asked the same way in every phrasing (as when each of its types has one wording).
    return [
        record(base, k, ok, user="same words" if base == "a" else None)
        for base, oks in outcomes.items()
        for k, ok in enumerate(oks)
    ]


def test_per_phrasing_accuracy_spread_and_reliable_at_k():
    _, results = score_records(paraphrase_records())
    section = results.paraphrases
    assert section is not None and section.k == 3
    accuracy = [p.prompt_strict for p in section.per_phrasing]
    assert accuracy == pytest.approx([3 / 4, 2 / 4, 2 / 3])
    assert [p.n for p in section.per_phrasing] == [4, 4, 3]
    assert [p.reworded for p in section.per_phrasing] == [0, 3, 2]
    assert section.spread == pytest.approx(3 / 4 - 2 / 4)
    assert section.std == pytest.approx(statistics.pstdev([3 / 4, 2 / 4, 2 / 3]))
    assert section.reliable == pytest.approx(1 / 3) and section.n == 3
    for phrasing in section.per_phrasing:
        low, high = phrasing.prompt_strict_ci95
        assert 0.0 <= low <= phrasing.prompt_strict <= high <= 1.0 and low < high
    written = results.as_dict()["paraphrases"]
    assert written["reliable_at_3"] == pytest.approx(1 / 3) and written["k"] == 3
    assert written["per_phrasing"][1]["prompt_strict_ci95"] == list(
        section.per_phrasing[1].prompt_strict_ci95
    )


def test_a_run_without_phrasings_has_no_paraphrase_section():
    plain = [SampleRecord(r.key, r.turns) for r in paraphrase_records()[:3]]
    _, results = score_records(plain)
    assert results.paraphrases is None and "paraphrases" not in results.as_dict()


# adhere eval end to end, with the fake model.


def settings(tmp_path: Path, **changes: object) -> EvalSettings:
    values: dict[str, object] = {
        "model": "fake/echo", "bench": "synth", "limit": 4, "cache_path": tmp_path / "cache.sqlite",
    } | changes  # fmt: skip
    return EvalSettings(**values)  # type: ignore[arg-type]


def test_phrasing_zero_reuses_a_plain_runs_cache_and_a_rerun_resumes_from_it(tmp_path):
    run_eval(settings(tmp_path), tmp_path / "plain")
    results = run_eval(settings(tmp_path, paraphrases=3), tmp_path / "para")
    records = read_samples(tmp_path / "para")
    plain_keys = [r.key for r in read_samples(tmp_path / "plain")]
    assert [r.key for r in records if r.metadata[PHRASING] == 0] == plain_keys
    assert [r.cached for r in records] == [True, False, False] * 4
    assert [r.key for r in records][:3] == [plain_keys[0], f"{plain_keys[0]}~p1", f"{plain_keys[0]}~p2"]
    assert results.paraphrases is not None and results.paraphrases.k == 3 and results.paraphrases.n == 4
    assert results.as_dict()["settings"]["paraphrases"] == 3
    run_eval(settings(tmp_path, paraphrases=3), tmp_path / "para")
    assert all(r.cached for r in read_samples(tmp_path / "para"))


def test_adhere_score_gives_the_same_paraphrase_section(tmp_path):
    written = run_eval(settings(tmp_path, paraphrases=2), tmp_path / "run").as_dict()["paraphrases"]
    assert score_dir(tmp_path / "run").as_dict()["paraphrases"] == written
    on_disk = json.loads((tmp_path / "run" / "results.json").read_text())["paraphrases"]
    assert on_disk == json.loads(json.dumps(written))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"draws": 2}, "--paraphrases cannot be combined with --samples"),
        ({"bench": "synth", "multiturn": True}, "--paraphrases cannot be combined with --multiturn"),
        ({"bench": str(ROOT / "examples" / "prompts.jsonl")}, "--paraphrases with --bench"),
    ],
)
def test_combinations_paraphrases_cannot_take_are_refused_before_generating(tmp_path, changes, message):
    with pytest.raises(AdhereError, match=message):
        run_eval(settings(tmp_path, paraphrases=2, **changes), tmp_path / "run")
    assert not (tmp_path / "run").exists()


def test_the_eval_summary_prints_the_phrasing_table_and_a_bad_bench_is_one_line(tmp_path):
    base = ["eval", "--model", "fake/echo", "--cache", str(tmp_path / "c.sqlite"), "--paraphrases", "3"]
    done = run_adhere(*base, "--limit", "3", "--out", str(tmp_path / "run"))
    assert done.returncode == 0, done.stderr
    assert "By phrasing" in done.stdout and "reliable@3" in done.stdout
    refused = run_adhere(
        *base, "--bench", str(ROOT / "examples" / "prompts.jsonl"), "--out", str(tmp_path / "x")
    )
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "--paraphrases with --bench" in refused.stderr and "only --bench synth" in refused.stderr


# The HTML report.


def test_the_report_carries_the_paraphrase_section(tmp_path):
    run_eval(settings(tmp_path, paraphrases=3), tmp_path / "run")
    payload = report_payload(load_runs([tmp_path / "run"]), None)
    section = payload["runs"][0]["paraphrases"]
    assert section["k"] == 3 and len(section["per_phrasing"]) == 3 and "reliable_at_3" in section


def test_the_report_page_shows_the_phrasing_table(tmp_path):
    pytest.importorskip("plotly", reason="adhere report draws its charts with plotly (adhere[report])")
    from tests import test_report_browser as browser

    if not browser.CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    from adhere.report._html import write_report

    run_eval(settings(tmp_path, paraphrases=3), tmp_path / "run")
    page = write_report(load_runs([tmp_path / "run"]), tmp_path / "report.html")
    dom = browser._chromium(tmp_path / "profile", tmp_path / "net.json", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    section = dom.stdout.split('id="paraphrases"', 1)[1].split("</section>", 1)[0]
    assert "hidden" not in section.split(">", 1)[0] and "reliable@3" in section
    assert section.count("<tr>") == 4  # the header and one row per phrasing
    assert browser._console_errors(dom.stderr) == []

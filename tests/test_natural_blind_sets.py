"""The blind sets of natural requests (heldout2.jsonl and on): each file's integrity only.

Extraction is never run here: a blind set must stay independent of the rules it
measures until its measurement (see tests/data/natural_requests/README.md).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

import adhere
from adhere.constraints import constraint_ids

NATURAL = Path(__file__).parent / "data" / "natural_requests"
FIELDS = {"key", "prompt", "instruction_id_list", "kwargs"}
IFEVAL_FAMILIES = {
    "change_case", "combination", "detectable_content", "detectable_format", "keywords",
    "language", "length_constraints", "punctuation", "startend",
}  # fmt: skip
IFBENCH_FAMILIES = {"count", "format", "words", "custom", "ratio", "repeat", "sentence"}


@dataclass(frozen=True)
class BlindSet:
    """A blind set and the coverage it keeps: half of each went to dev.jsonl at its split."""

    name: str
    min_per_ifeval_type: int
    min_negatives: int
    min_mixed: int  # requests with two or more constraints
    # IFBench families whose only request went to dev.jsonl at the split
    families_left_to_dev: frozenset[str] = frozenset()

    @property
    def path(self) -> Path:
        return NATURAL / f"{self.name}.jsonl"


BLIND_SETS = [
    BlindSet("heldout2", 2, 20, 10),
    BlindSet("heldout3", 3, 20, 10),
    BlindSet("heldout6", 3, 20, 10, frozenset({"custom"})),
    BlindSet("heldout7", 6, 40, 20),
]
# Gold strings a request must spell out itself (case aside); a miss is a typo in the gold.
QUOTED_KWARGS = {
    "keywords", "forbidden_words", "keyword", "keyword1", "keyword2", "keyword3", "keyword4",
    "keyword5", "end_phrase", "first_word", "prompt_to_repeat", "word", "section_spliter",
    "postscript_marker", "sep", "options", "letter",
}  # fmt: skip


def _row_problems(where: str, row: object) -> list[str]:
    if not isinstance(row, dict) or set(row) != FIELDS:
        return [f"{where}: needs exactly the fields {sorted(FIELDS)}"]
    ids, kwargs = row["instruction_id_list"], row["kwargs"]
    if not isinstance(row["prompt"], str) or not row["prompt"].strip():
        return [f"{where}: empty prompt"]
    if not isinstance(ids, list) or not isinstance(kwargs, list) or len(ids) != len(kwargs):
        return [f"{where}: instruction_id_list and kwargs must be lists of the same length"]
    if len(set(ids)) != len(ids):
        return [f"{where}: an instruction id is listed twice"]
    problems = []
    for constraint_id, arguments in zip(ids, kwargs, strict=True):
        try:
            adhere.build(constraint_id, arguments)
        except Exception as error:  # any build failure is a bad gold row; say which
            problems.append(f"{where}: {constraint_id} does not build: {error}")
            continue
        for name, value in arguments.items():
            for text in value if isinstance(value, list) else [value]:
                if name in QUOTED_KWARGS and text.lower() not in row["prompt"].lower():
                    problems.append(f"{where}: {constraint_id} {name}={text!r} is not in the prompt")
    return problems


@pytest.fixture(scope="module", params=BLIND_SETS, ids=lambda blind: blind.name)
def blind(request: pytest.FixtureRequest) -> BlindSet:
    return request.param


@pytest.fixture(scope="module")
def loaded(blind: BlindSet) -> tuple[list[dict], list[str]]:
    """The rows that parse as JSON, and every problem found in any row."""
    rows, problems = [], []
    for number, line in enumerate(blind.path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{blind.path.name}:{number}"
        try:
            row = json.loads(line)
        except ValueError as error:
            problems.append(f"{where}: not JSON: {error}")
            continue
        problems += _row_problems(where, row)
        rows.append(row)
    return rows, problems


@pytest.fixture(scope="module")
def rows(loaded) -> list[dict]:
    return loaded[0]


def test_every_row_is_well_formed_and_builds(blind, loaded):
    rows, problems = loaded
    assert rows, f"{blind.path.name} is empty"
    assert not problems, "\n".join(problems)


def test_no_repeated_key_or_prompt(blind, rows):
    for field in ("key", "prompt"):
        repeated = [v for v, n in Counter(r[field] for r in rows).items() if n > 1]
        assert not repeated, f"repeated {field}s in {blind.path.name}: {repeated}"


def test_covers_every_ifeval_type_and_ifbench_family(blind, rows):
    uses = Counter(i for r in rows for i in r["instruction_id_list"])
    ifeval_ids = [i for i in constraint_ids() if i.split(":")[0] in IFEVAL_FAMILIES]
    assert len(ifeval_ids) == 25
    thin = {i: uses[i] for i in ifeval_ids if uses[i] < blind.min_per_ifeval_type}
    assert not thin, f"IFEval types with fewer than {blind.min_per_ifeval_type} prompts: {thin}"
    missing = IFBENCH_FAMILIES - blind.families_left_to_dev - {i.split(":")[0] for i in uses}
    assert not missing, f"IFBench families with no prompt: {sorted(missing)}"


def test_has_negatives_and_mixed_requests(blind, rows):
    negatives = sum(1 for r in rows if not r["instruction_id_list"])
    mixed = sum(1 for r in rows if len(r["instruction_id_list"]) >= 2)
    assert negatives >= blind.min_negatives, f"{negatives} prompts without constraints"
    assert mixed >= blind.min_mixed, f"{mixed} prompts with two or more constraints"

"""heldout2.jsonl, the blind held-out natural requests: the file's integrity only.

Extraction is never run here: the set must stay independent of the rules it
measures (see tests/data/natural_requests/README.md).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import adhere
from adhere.constraints import constraint_ids

HELDOUT2 = Path(__file__).parent / "data" / "natural_requests" / "heldout2.jsonl"
FIELDS = {"key", "prompt", "instruction_id_list", "kwargs"}
IFEVAL_FAMILIES = {
    "change_case", "combination", "detectable_content", "detectable_format", "keywords",
    "language", "length_constraints", "punctuation", "startend",
}  # fmt: skip
IFBENCH_FAMILIES = {"count", "format", "words", "custom", "ratio", "repeat", "sentence"}
MIN_PER_IFEVAL_TYPE = 2
MIN_NEGATIVES = 20
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


def test_heldout2_is_well_formed_and_covers_every_type():
    lines = HELDOUT2.read_text(encoding="utf-8").splitlines()
    rows, problems = [], []
    for number, line in enumerate(lines, start=1):
        where = f"{HELDOUT2.name}:{number}"
        try:
            row = json.loads(line)
        except ValueError as error:
            problems.append(f"{where}: not JSON: {error}")
            continue
        problems += _row_problems(where, row)
        rows.append(row)
    assert not problems, "\n".join(problems)

    for field in ("key", "prompt"):
        repeated = [v for v, n in Counter(r[field] for r in rows).items() if n > 1]
        assert not repeated, f"repeated {field}s in {HELDOUT2.name}: {repeated}"

    uses = Counter(i for r in rows for i in r["instruction_id_list"])
    ifeval_ids = [i for i in constraint_ids() if i.split(":")[0] in IFEVAL_FAMILIES]
    assert len(ifeval_ids) == 25
    thin = {i: uses[i] for i in ifeval_ids if uses[i] < MIN_PER_IFEVAL_TYPE}
    assert not thin, f"IFEval types with fewer than {MIN_PER_IFEVAL_TYPE} prompts: {thin}"
    missing = IFBENCH_FAMILIES - {i.split(":")[0] for i in uses}
    assert not missing, f"IFBench families with no prompt: {sorted(missing)}"

    negatives = sum(1 for r in rows if not r["instruction_id_list"])
    assert negatives >= MIN_NEGATIVES, f"{negatives} prompts without constraints; needs {MIN_NEGATIVES}"

"""The public Python API: build, check one response, check a batch."""

from __future__ import annotations

import subprocess
import sys

import pytest

import adhere


def test_public_names_are_exported_and_exist():
    for name in adhere.__all__:
        assert hasattr(adhere, name), name


def test_importing_adhere_loads_no_tokenizer_or_language_model():
    # No work at import: NLTK, langdetect and lm-eval load on first use only.
    heavy = "('nltk', 'langdetect', 'langdetect_rs', 'lm_eval')"
    code = f"import sys, adhere; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_one_response():
    constraint = adhere.build("detectable_format:title")
    assert adhere.check_strict(constraint, "<<A title>>\nbody").ok
    assert not adhere.check_strict(constraint, "").ok


def test_check_a_batch_in_memory():
    prompts = [
        {"key": "a", "prompt": "P1", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]},
        {"key": "b", "prompt": "P2", "instruction_id_list": ["startend:quotation"], "kwargs": [{}]},
    ]
    responses = [
        {"key": "a", "response": "no commas here"},
        {"prompt": " P2 ", "response": "not quoted"},
        {"key": "a", "response": "one, comma"},
    ]
    result = adhere.check_batch(prompts, responses)
    assert [c.evaluation.strict_ok for c in result.responses] == [[True], [False], [False]]
    assert result.metrics.n == 3
    assert result.metrics.prompt_strict == pytest.approx(1 / 3)
    assert result.metrics.by_instruction["punctuation:no_comma"].count == 2


def test_batch_errors_name_the_row():
    prompts = [{"key": 1, "prompt": "P", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}]
    with pytest.raises(adhere.InputError, match="responses:2: key 5 matches no input prompt"):
        adhere.check_batch(prompts, [{"key": 1, "response": "x"}, {"key": 5, "response": "y"}])
    with pytest.raises(adhere.InputError, match="prompts:1: missing field 'prompt'"):
        adhere.check_batch([{"key": 1, "instruction_id_list": []}], [])


def test_result_files_get_the_usual_permissions(tmp_path):
    import os
    import stat

    from adhere._files import write_json

    old = os.umask(0o022)
    try:
        write_json(tmp_path / "r.json", {"a": 1})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o644

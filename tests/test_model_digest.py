"""A local model's identity is its file's content, remembered by path, size and mtime."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from adhere.cache import default_cache_path
from adhere.models._digest import file_sha256


def _model_file(tmp_path, content: bytes, name: str = "model.gguf"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_two_files_of_one_name_and_size_have_different_digests(tmp_path):
    memo = tmp_path / "memo.json"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = file_sha256(_model_file(tmp_path / "a", b"GGUF" + b"1" * 60), memo)
    second = file_sha256(_model_file(tmp_path / "b", b"GGUF" + b"2" * 60), memo)
    assert first == hashlib.sha256(b"GGUF" + b"1" * 60).hexdigest()
    assert second == hashlib.sha256(b"GGUF" + b"2" * 60).hexdigest()


def test_the_memo_is_trusted_while_size_and_mtime_are_unchanged(tmp_path):
    memo = tmp_path / "memo.json"
    path = _model_file(tmp_path, b"x" * 100)
    digest = file_sha256(path, memo)
    assert json.loads(memo.read_text())[str(path.resolve())]["sha256"] == digest
    stat = path.stat()
    path.write_bytes(b"y" * 100)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file_sha256(path, memo) == digest  # read from the memo, not the file
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert file_sha256(path, memo) == hashlib.sha256(b"y" * 100).hexdigest()


@pytest.mark.parametrize("memo_text", ["{not json", "[1, 2]", '{"%s": {"size": "x"}}'])
def test_a_damaged_memo_is_recomputed_and_rewritten(tmp_path, memo_text):
    memo = tmp_path / "memo.json"
    path = _model_file(tmp_path, b"weights")
    memo.write_text(memo_text.replace("%s", str(path.resolve())))
    assert file_sha256(path, memo) == hashlib.sha256(b"weights").hexdigest()
    assert json.loads(memo.read_text())[str(path.resolve())]["size"] == 7


def test_an_unwritable_memo_still_gives_the_digest(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    path = _model_file(tmp_path, b"weights")
    assert file_sha256(path, blocker / "memo.json") == hashlib.sha256(b"weights").hexdigest()


def test_the_memo_lives_beside_the_completion_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ADHERE_CACHE", str(tmp_path / "cache" / "completions.sqlite"))
    assert default_cache_path() == tmp_path / "cache" / "completions.sqlite"
    file_sha256(_model_file(tmp_path, b"weights"))
    assert (tmp_path / "cache" / "file-digests.json").is_file()


def test_a_local_models_identity_changes_with_its_content(tmp_path, monkeypatch):
    pytest.importorskip("llama_cpp", reason="needs the llama extra (llama-cpp-python)")
    from adhere.models._llama_cpp import LlamaCppModel

    monkeypatch.setenv("ADHERE_CACHE", str(tmp_path / "completions.sqlite"))
    path = _model_file(tmp_path, b"GGUF-one")
    before = LlamaCppModel(path).identity()
    path.write_bytes(b"GGUF-two")  # same name, same size
    after = LlamaCppModel(path).identity()
    assert before["model"] == after["model"] == "model.gguf"
    assert before["sha256"] != after["sha256"]

"""Hardening: checkers that crashed or went quadratic, the cache under races and damage,
and input files with bad lines. Each test here failed on the code before its fix.

Speed is not asserted here (benchmarks/checker_scaling.py measures it); the
linear rewrites of the reference's patterns are checked for the exact same
results as the patterns, on small texts where the patterns are fast.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adhere._jsonl import read_jsonl
from adhere.cache import CompletionCache
from adhere.constraints import build, check_loose, check_strict
from adhere.constraints._text import split_sentences, word_tokens
from adhere.constraints.ifbench._custom import quoted_with_special
from adhere.constraints.ifbench._format import _drop_blank_lines_like_reference
from adhere.constraints.ifbench._text import edge_word_tokens, sentence_tokens
from adhere.constraints.ifeval._content import count_placeholders
from adhere.constraints.ifeval._format import find_titles
from adhere.errors import AdhereError, InputError
from adhere.models import Completion, Usage
from tests.conftest import run_adhere

# ---------------------------------------------------------------- checkers


def test_csv_city_fails_with_a_reason_on_a_bare_carriage_return():
    verdict = build("custom:csv_city").check("x,y\n1,2\r3,4")
    assert not verdict.ok
    assert "not readable as CSV" in verdict.reason


def test_csv_checks_fail_with_a_reason_on_a_field_over_the_csv_limit():
    field = "b" * 131_073
    cases = {
        "custom:csv_city": "ID,Country,City,Year,Count\n1,a," + field,
        "custom:csv_special_character": "ProductID,Category,Brand,Price,Stock\n1," + field,
        "custom:csv_quotes": '"StudentID"\t"Subject"\t"Grade"\t"Semester"\t"Score"\n"1"\t' + field,
    }
    for cid, response in cases.items():
        verdict = build(cid).check(response)
        assert not verdict.ok, cid
        assert "field larger than field limit" in verdict.reason, cid


def test_csv_checks_survive_loose_variants_of_unreadable_text():
    for cid in ("custom:csv_city", "custom:csv_special_character", "custom:csv_quotes"):
        constraint = build(cid)
        for response in ("x,y\n1,2\r3,4", "a\r\nb\rc", '"' + "x" * 200_000):
            assert not check_strict(constraint, response).ok
            assert check_loose(constraint, response) is False


def test_csv_city_counts_more_rows_than_wanted_without_reading_them_all():
    verdict = build("custom:csv_city").check("a,b\n" * 20)
    assert not verdict.ok and "more than 8 CSV lines" in verdict.reason


def test_csv_city_still_passes_its_shape():
    rows = "\n".join(f"{i},France,Paris,2020,{i}" for i in range(1, 8))
    assert build("custom:csv_city").check("ID,Country,City,Year,Count\n" + rows).ok


_PLACEHOLDER = re.compile(r"\[.*?\]")
_TITLE = re.compile(r"<<[^\n]+>>")
_QUOTED_SPECIAL = re.compile(r'".*[^\d\w\s].*"')
_BRACKETY = st.text(alphabet="[]<>a \n\r\t", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(text=_BRACKETY)
def test_linear_placeholder_count_equals_the_reference_pattern(text):
    assert count_placeholders(text) == len(_PLACEHOLDER.findall(text))


@settings(max_examples=2000, deadline=None)
@given(text=_BRACKETY)
def test_linear_titles_equal_the_reference_pattern(text):
    assert find_titles(text) == _TITLE.findall(text)


@settings(max_examples=2000, deadline=None)
@given(field=st.text(alphabet='"!a1 \n\t_é', max_size=20))
def test_linear_quoted_special_equals_the_reference_pattern(field):
    assert quoted_with_special(field) == bool(_QUOTED_SPECIAL.match(field))


def _reference_blank_line_removal(lines: list[str]) -> list[str]:
    lines = list(lines)
    for line in lines:  # the reference mutates the list it iterates over
        if not line.strip():
            lines.remove(line)
    return lines


@settings(max_examples=2000, deadline=None)
@given(lines=st.lists(st.sampled_from(["", " ", "\t", "  ", "a", " b", "  c"]), max_size=14))
def test_linear_blank_line_removal_equals_the_reference_loop(lines):
    assert _drop_blank_lines_like_reference(lines) == _reference_blank_line_removal(lines)


def test_unclosed_brackets_and_blank_lines_are_checked_not_retried():
    # 64 KB of '[' took 19 s and 200,000 newlines 1.6 s; now the same verdicts, at once.
    placeholders = build("detectable_content:number_placeholders", {"num_placeholders": 1})
    assert not placeholders.check("[" * 65_536).ok
    assert placeholders.check("[" * 9_999 + "x]").ok
    assert not build("format:line_indent").check("\n" * 200_000 + "a\nb").ok
    assert not build("detectable_format:title").check("<" * 65_536).ok


_TOKEN_TEXT = st.lists(
    st.sampled_from(
        [*"aAbZ .!?,;:'\"()[]-\n\t*`", "Mr.", "n't", "cannot", "Gonna", "'tis", "e.g.", "É", "ß", "🙂"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_TOKEN_TEXT)
def test_sentence_tokens_chained_are_word_tokens(text):
    chained = [token for sentence in split_sentences(text) for token in sentence_tokens(sentence)]
    assert chained == list(word_tokens(text))
    first, last = edge_word_tokens(text, 2)
    assert first == chained[:2]
    assert last == chained[-2:]


def _title_case_over_all_tokens(response: str) -> bool:
    # The reference's loop over nltk.word_tokenize(response), as this checker was before.
    for word in word_tokens(response):
        head, rest = word[0], word[1:]
        if head.isupper() and rest.islower():
            continue
        if head.islower() and (rest.isupper() or rest.islower()):
            return False
    return True


@settings(max_examples=1000, deadline=None)
@given(text=_TOKEN_TEXT)
def test_title_case_skipping_sentences_keeps_every_verdict(text):
    assert build("format:title_case").check(text).ok == _title_case_over_all_tokens(text)


# ------------------------------------------------------------------- input


def _lines(path: Path, *lines: bytes) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def _read_skipping(path: Path) -> tuple[list[int], list[str]]:
    errors: list[InputError] = []
    numbers = [number for number, _ in read_jsonl(path, errors.append)]
    return numbers, [str(e) for e in errors]


def test_each_bad_line_is_named_and_only_bad_lines_are_skipped(tmp_path):
    path = _lines(
        tmp_path / "in.jsonl",
        b'{"a": 1}',
        b'{"a": "caf\xe9"}',
        b"{broken",
        b'{"prompt": "x", "prompt": "y"}',
        b"[1, 2]",
        b"",
        b'{"a": {"b": 1, "b": 2}}',
        b"[" * 100_000,
        b'{"a": 2}',
    )
    numbers, errors = _read_skipping(path)
    assert numbers == [1, 9]
    where = str(path)
    assert errors == [
        f"{where}:2: not valid UTF-8: byte 0xe9 at byte 11 of the line (invalid continuation byte)",
        f"{where}:3: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{where}:4: duplicate key 'prompt' in one JSON object",
        f"{where}:5: expected a JSON object, got list",
        f"{where}:7: duplicate key 'b' in one JSON object",
        f"{where}:8: not valid JSON: nested too deeply to read",
    ]


def test_the_first_bad_line_stops_reading_by_default(tmp_path):
    path = _lines(tmp_path / "in.jsonl", b'{"a": 1}', b"\xff\xfe", b'{"a": 2}')
    with pytest.raises(InputError) as raised:
        list(read_jsonl(path))
    assert raised.value.line == 2 and "not valid UTF-8" in str(raised.value)


def test_a_byte_order_mark_crlf_and_unicode_blank_lines_are_read(tmp_path):
    path = _lines(tmp_path / "in.jsonl", b'\xef\xbb\xbf{"a": 1}\r', "\u3000".encode(), b'{"a": 2}\r')
    assert list(read_jsonl(path)) == [(1, {"a": 1}), (3, {"a": 2})]


# ------------------------------------------------------------------- cache

_RACER = r"""
import sys, time, pathlib
from adhere.cache import CompletionCache
from adhere.models import Completion, Usage
base, me = pathlib.Path(sys.argv[1]), sys.argv[2]
(base / f"ready-{me}").touch()
while not (base / "go").exists():
    time.sleep(0.001)
for index in range(int(sys.argv[3])):
    cache = CompletionCache(base / f"cache-{index}.sqlite")
    cache.put(me, Completion(me, Usage(1, 1), 0.1))
    cache.close()
"""


def test_eight_processes_opening_fresh_caches_at_once_all_succeed(tmp_path):
    # Each process imports first and waits for the others, so all eight open
    # each fresh path together; before, most failed with "table completions already exists".
    processes, paths = 8, 10
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(tmp_path), str(n), str(paths)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < processes and time.monotonic() < deadline:
        time.sleep(0.01)
    (tmp_path / "go").touch()
    errors = [racer.communicate(timeout=300)[1] for racer in racers]
    assert [racer.returncode for racer in racers] == [0] * processes, errors
    for index in range(paths):
        with sqlite3.connect(tmp_path / f"cache-{index}.sqlite") as db:
            assert db.execute("SELECT count(*) FROM completions").fetchone() == (processes,)


def _filled_cache(path: Path) -> Path:
    cache = CompletionCache(path)
    for index in range(300):
        cache.put(f"key-{index:04d}", Completion("x" * 1000, Usage(1, 1), 0.1))
    cache.close()
    return path


def _overwrite(path: Path, start: int, length: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(start)
        handle.write(b"\xab" * length)


def test_a_file_that_is_not_a_cache_is_one_clear_error(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes\n" * 100)
    with pytest.raises(AdhereError) as raised:
        CompletionCache(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: the completion cache is not an SQLite database")
    assert "--cache" in message and "move this file away" in message


def test_damage_found_after_opening_is_one_clear_error_on_read_and_write(tmp_path):
    # The header page is intact, so the file opens; the tables' pages are overwritten.
    path = _filled_cache(tmp_path / "cache.sqlite")
    _overwrite(path, 4096, 3 * 4096)
    cache = CompletionCache(path)
    with pytest.raises(AdhereError, match="the completion cache is damaged") as raised:
        cache.get("key-0001")
    assert str(raised.value).startswith(f"{path}: ") and "--cache" in str(raised.value)
    with pytest.raises(AdhereError, match="the completion cache is damaged"):
        cache.put("key-9999", Completion("y", Usage(1, 1), 0.1))
    cache.close()


def test_eval_on_a_damaged_cache_prints_one_error_line_not_a_traceback(tmp_path):
    path = _filled_cache(tmp_path / "cache.sqlite")
    _overwrite(path, 4096, 3 * 4096)
    result = run_adhere(
        "eval", "--model", "fake/echo", "--limit", "2", "--cache", str(path), "--out", str(tmp_path / "run")
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert str(path) in line and "damaged" in line and "--cache" in line

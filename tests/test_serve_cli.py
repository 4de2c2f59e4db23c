"""`adhere serve` as a user runs it: a planted client key reaches the upstream and nowhere else
(not the run log, not the server's output); mistakes on the command line are one-line errors."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import adhere_command, run_adhere

pytest.importorskip("uvicorn", reason="adhere serve needs the serve extra (starlette, uvicorn)")
openai = pytest.importorskip("openai", reason="the tests' client is the official openai SDK (dev extra)")
httpx = pytest.importorskip("httpx")

from adhere.serve._relay import upstream_error  # noqa: E402
from adhere.serve._served import secrets_of  # noqa: E402
from adhere.testing import FakeOpenAIServer  # noqa: E402

PLANTED = "sk-PLANTED-7f3a9c2e51d84b6a"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[bytes], output: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    server.kill()
    pytest.fail(f"adhere serve did not start: {output.read_text()[-2000:]}")


def fates(prompt: str, _attempt: int) -> str | int:
    return {"limited": 429, "refused": 401, "broken": 500}.get(prompt.split()[0], "ok")


def test_a_planted_key_goes_upstream_and_is_written_nowhere(tmp_path):
    output = tmp_path / "server-output.txt"
    port = free_port()
    with FakeOpenAIServer(plan=fates) as upstream, output.open("wb") as sink:
        command = [
            *adhere_command(), "serve", "--upstream", upstream.base_url, "--upstream-model", "m",
            "--port", str(port), "--log-dir", str(tmp_path / "served"), "--access-log",
        ]  # fmt: skip
        server = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url, server, output)
            client = openai.OpenAI(base_url=f"{url}/v1", api_key=PLANTED, max_retries=0)
            for strategy in ("direct", "best-of-n"):
                body = {"adhere": {"strategy": strategy}}
                for prompt in ("Answer in lowercase.", "limited now", "refused now", "broken now"):
                    try:
                        client.chat.completions.create(
                            model="m", messages=[{"role": "user", "content": prompt}], extra_body=body
                        )
                    except openai.APIStatusError as error:
                        assert PLANTED not in str(error.body)
                chunks = client.chat.completions.create(
                    model="m",
                    messages=[{"role": "user", "content": "Stream it."}],
                    extra_body=body,
                    stream=True,
                )
                assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        finally:
            server.terminate()  # uvicorn shuts down cleanly: the run log is flushed
            server.wait(timeout=30)
        assert set(upstream.authorizations) == {f"Bearer {PLANTED}"}
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "samples.jsonl" for p in written) and output in written
    for path in written:
        assert PLANTED not in path.read_text(errors="replace"), path
    assert len((tmp_path / "served" / "samples.jsonl").read_text().splitlines()) == 10


def test_an_upstream_that_echoes_the_key_has_it_scrubbed():
    echoed = f'{{"error": {{"message": "Incorrect API key provided: {PLANTED}", "type": "x"}}}}'
    error = upstream_error(401, echoed.encode(), None, secrets_of(f"Bearer {PLANTED}"))
    assert error.status == 401 and PLANTED not in error.message and "[redacted]" in error.message


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "either --upstream URL"),
        (["--upstream", "localhost:8001/v1", "--upstream-model", "m"], "http:// or https://"),
        # the relay's own check: no host, a port that is no number (once a traceback at start-up)
        (["--upstream", "http:///v1", "--upstream-model", "m"], "with a host"),
        (["--upstream", "http://127.0.0.1:80a/v1", "--upstream-model", "m"], "numeric port"),
        (["--model", "fake/echo", "--strategy", "best-of-n", "-S", "bogus=1"], "bogus"),
        (["--model", "fake/echo", "--extract-model", "nosuch/reader"], "--extract-model nosuch/reader"),
        (["--model", "fake/echo", "--extract-model", "fake/bogus"], "--extract-model fake/bogus"),
        (["--model", "fake/echo", "--extract-base-url", "http://127.0.0.1:9/v1"], "--extract-base-url"),
    ],
)
def test_command_line_mistakes_are_one_line_errors(args, says):
    done = run_adhere("serve", *args)
    assert done.returncode == 1 and says in done.stderr and "Traceback" not in done.stderr


def test_an_upstream_without_a_model_list_asks_for_upstream_model():
    from adhere._cli_serve import _first_model
    from adhere._cli_settings import read_settings
    from adhere.errors import AdhereError

    with FakeOpenAIServer() as upstream, pytest.raises(AdhereError, match="--upstream-model"):
        _first_model(upstream.base_url, None)  # the fake server lists no models
    with pytest.raises(AdhereError, match="NAME=VALUE"):
        read_settings(["n"])


def test_a_port_in_use_is_named():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_adhere("serve", "--model", "fake/echo", "--port", str(port))
    assert done.returncode == 1 and f"--port {port}" in done.stderr


def test_workers_share_the_port_and_the_run_log_and_stop_together(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    output = tmp_path / "server-output.txt"
    port = free_port()
    with FakeOpenAIServer() as upstream, output.open("wb") as sink:
        command = [
            *adhere_command(), "serve", "--upstream", upstream.base_url, "--upstream-model", "m",
            "--port", str(port), "--log-dir", str(tmp_path / "served"), "--workers", "2",
        ]  # fmt: skip
        server = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url, server, output)
            body = {"model": "m", "messages": [{"role": "user", "content": "Say hi."}]}

            def ask(_: int) -> int:
                return httpx.post(f"{url}/v1/chat/completions", json=body, timeout=30).status_code

            with ThreadPoolExecutor(8) as pool:
                assert set(pool.map(ask, range(40))) == {200}
            workers = [int(p) for p in os.listdir("/proc") if p.isdigit() and _parent(int(p)) == server.pid]
            assert len(workers) == 2
        finally:
            server.terminate()  # the parent passes SIGTERM on; each worker flushes its log
            assert server.wait(timeout=30) == 0
        assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]
    records = (tmp_path / "served" / "samples.jsonl").read_text().splitlines()
    assert len(records) == 40 and all(line.startswith("{") for line in records)
    assert "2 workers" in output.read_text()


def test_ctrl_c_stops_the_server_with_every_record_written_and_no_process_left(tmp_path):
    output = tmp_path / "server-output.txt"
    port = free_port()
    with FakeOpenAIServer() as upstream, output.open("wb") as sink:
        command = [
            *adhere_command(), "serve", "--upstream", upstream.base_url, "--upstream-model", "m",
            "--port", str(port), "--log-dir", str(tmp_path / "served"),
        ]  # fmt: skip
        # Its own session, as a terminal's job is: Ctrl-C reaches every process in it.
        server = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url, server, output)
            body = {"model": "m", "messages": [{"role": "user", "content": "Answer in lowercase."}]}
            for _ in range(20):
                assert httpx.post(f"{url}/v1/chat/completions", json=body, timeout=30).status_code == 200
        finally:
            os.killpg(server.pid, signal.SIGINT)
            assert server.wait(timeout=30) == 130  # stopped by Ctrl-C, as a shell reports it
    assert not _in_session(server.pid)
    assert not _running_with(str(tmp_path / "served"))  # the run log's writer (its own session)
    records = (tmp_path / "served" / "samples.jsonl").read_text().splitlines()
    assert len(records) == 20 and "change_case:english_lowercase" in records[-1]


def _in_session(session: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.isdigit() and int(fields[3]) == session and fields[0] != "Z":
            pids.append(int(entry))
    return pids


def _running_with(argument: str) -> list[int]:
    """Processes whose command line names ``argument``."""
    pids = []
    for entry in os.listdir("/proc"):
        try:
            words = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(argument.encode() in word for word in words):
            pids.append(int(entry))
    return pids


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def test_workers_with_a_local_model_are_refused():
    done = run_adhere("serve", "--model", "fake/echo", "--workers", "2")
    assert done.returncode == 1 and "--workers 2" in done.stderr and "Traceback" not in done.stderr


PLANTED_READER = "sk-READER-PLANTED-0b8e6d1f2a"


@pytest.mark.parametrize(
    ("key_flags", "key_variables"),
    [
        # The extract model's key comes from its provider's variable, as in adhere eval ...
        ([], {"OPENAI_API_KEY": PLANTED_READER}),
        # ... or from its own flag or variable, so $OPENAI_API_KEY need not be set at all.
        (["--extract-api-key", PLANTED_READER], {}),
        ([], {"ADHERE_EXTRACT_API_KEY": PLANTED_READER}),
    ],
    ids=["provider-variable", "flag", "own-variable"],
)
def test_an_extract_models_key_and_the_clients_each_go_to_their_own_server_only(
    tmp_path, key_flags, key_variables
):
    output = tmp_path / "server-output.txt"
    port = free_port()
    proposal = '{"soft": "mention the gulls"}'
    with (
        FakeOpenAIServer(plan=fates) as upstream,
        FakeOpenAIServer(reply=lambda _p: proposal) as reading,
        output.open("wb") as sink,
    ):
        command = [
            *adhere_command(), "serve", "--upstream", upstream.base_url, "--upstream-model", "m",
            "--upstream-api-key", "sk-upstream-own", "--port", str(port), "--strategy", "best-of-n",
            "--log-dir", str(tmp_path / "served"), "--extract-model", "openai/reader",
            "--extract-base-url", reading.base_url, *key_flags,
        ]  # fmt: skip
        unset = {"OPENAI_API_KEY", "ADHERE_EXTRACT_API_KEY"}
        env = {**{k: v for k, v in os.environ.items() if k not in unset}, **key_variables}
        server = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url, server, output)
            client = openai.OpenAI(base_url=f"{url}/v1", api_key=PLANTED, max_retries=0)
            for prompt in ("Write about the harbour.", "limited now", "refused now"):
                try:
                    answer = client.chat.completions.create(
                        model="m", messages=[{"role": "user", "content": prompt}]
                    )
                    assert answer.model_extra["adhere"]["calls_by_purpose"]["decompose"] == 1
                except openai.APIStatusError as error:
                    assert PLANTED not in str(error.body) and PLANTED_READER not in str(error.body)
        finally:
            server.terminate()
            server.wait(timeout=30)
        assert (
            set(reading.authorizations) == {f"Bearer {PLANTED_READER}"} and len(reading.authorizations) == 3
        )
        assert set(upstream.authorizations) == {f"Bearer {PLANTED}"}
    assert "extract model openai/reader" in output.read_text()
    for path in (p for p in tmp_path.rglob("*") if p.is_file()):
        text = path.read_text(errors="replace")
        assert PLANTED not in text and PLANTED_READER not in text, path


def test_extract_model_naming_the_served_model_reuses_it():
    from adhere._cli_serve import _open_extract_model
    from adhere.models import FakeModel

    served = FakeModel("x", spec="fake/echo")
    assert _open_extract_model(None, None, served, "fake/echo", 5.0) is None
    assert _open_extract_model("fake/echo", None, served, "fake/echo", 5.0) is served
    other = _open_extract_model("fake/fixed:hi", None, served, "fake/echo", 5.0)
    assert other is not None and other.name == "fake/fixed:hi"

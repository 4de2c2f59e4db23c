"""Every served request as a run record, appended to ``samples.jsonl`` in a run directory, so served
traffic is scored, reported and exported like any run.

A writer process builds the records and appends whole lines under a file lock: concurrent
requests (and several server processes sharing a directory) never interleave a line, and the event
loop never waits on the disk. It is a process, not a thread, because building a ``direct``
record reads the request's constraints (about 0.4 ms of extraction): on a thread that work held
the server's interpreter lock (benchmarks/serve_load.py --workers 2 --log, loaded machine: ratio
0.87-0.89 and added p99 31-43 ms on a thread, 0.95-0.97 and 13-29 ms in a process). The writer
runs at a lower priority, so records are written in the time serving leaves; none is lost when
the server stops (they are written before it exits).

The writer is ``python -m adhere.serve._records`` in a session of its own (Ctrl-C at a terminal
stops the server, which then ends the writer's input), fed a stream of pickled jobs on its stdin
by one feeder thread (so a full pipe never blocks the event loop). Not ``multiprocessing``: its
spawned children import the parent's main script again, which an app started from a script
without a ``__main__`` guard would run twice.
Records hold the conversation and the answers, never a request's headers.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from adhere._files import write_json
from adhere.runlog import RESULTS_FILE, SAMPLES_FILE, SCHEMA_VERSION, SampleRecord

__all__ = ["RunLog"]

#: Builds a record; called in the writer process, so costly parts (extraction) stay off the loop.
#: Pickled on its way there: a partial of a module-level function.
RecordJob = Callable[[], SampleRecord]
#: How much lower the writer's priority is than the server's (os.nice).
_NICENESS = 10


class RunLog:
    """Appends records to ``directory/samples.jsonl`` (a run directory ``adhere score`` reads)."""

    def __init__(self, directory: Path, settings: Mapping[str, Any]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / SAMPLES_FILE
        if not (directory / RESULTS_FILE).exists():
            write_json(directory / RESULTS_FILE, {"schema_version": SCHEMA_VERSION, "served": dict(settings)})
        # The server's own import path, so the writer reads the same adhere (a checkout, a venv).
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self._writer = subprocess.Popen(
            [sys.executable, "-m", "adhere.serve._records", str(self.path)],
            stdin=subprocess.PIPE, env=environment, start_new_session=True,
        )  # fmt: skip
        self._jobs: queue.SimpleQueue[RecordJob | None] = queue.SimpleQueue()
        self._feeder = threading.Thread(target=self._feed, name="adhere-serve-runlog", daemon=True)
        self._feeder.start()

    def add(self, job: RecordJob) -> None:
        self._jobs.put(job)

    def close(self) -> None:
        """Write what is queued, then stop."""
        self._jobs.put(None)
        self._feeder.join()
        self._writer.wait()

    def _feed(self) -> None:
        pipe = self._writer.stdin
        assert pipe is not None
        with contextlib.suppress(BrokenPipeError):  # the writer died: it said why on stderr
            while (job := self._jobs.get()) is not None:
                _send(pipe, job)
                if self._jobs.empty():  # a burst goes in one write
                    pipe.flush()
        with contextlib.suppress(BrokenPipeError):
            pipe.close()


def _send(pipe: IO[bytes], job: RecordJob) -> None:
    try:
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # a record lost must not stop the others
        _report_lost(error)
        return
    pipe.write(data)


def _write_all(source: IO[bytes], path: Path) -> None:
    """Build and append every job's record until the server closes the stream."""
    while True:
        try:
            job: RecordJob = pickle.load(source)
        except EOFError:
            return
        _write_one(job, path)


def _write_one(job: RecordJob, path: Path) -> None:
    try:
        line = json.dumps(job().as_dict(), ensure_ascii=False) + "\n"
        _append(path, line.encode())
    except Exception as error:  # a record lost must not stop the writer
        _report_lost(error)


def _report_lost(error: Exception) -> None:
    print(f"adhere serve: a request's run record was not written: {error!r}", file=sys.stderr, flush=True)


def _append(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # other server processes writing the same file wait
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


if __name__ == "__main__":
    with contextlib.suppress(OSError):
        os.nice(_NICENESS)
    _write_all(sys.stdin.buffer, Path(sys.argv[1]))

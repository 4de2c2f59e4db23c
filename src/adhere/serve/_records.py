"""Every served request as a run record, appended to ``samples.jsonl`` in a run directory, so served
traffic is scored, reported and exported like any run.

A writer process builds the records and appends whole lines under a file lock: concurrent
requests (and several server processes sharing a directory) never interleave a line, and the event
loop never waits on the disk. It is a process, not a thread, because building a ``direct``
record reads the request's constraints (about 0.4 ms of extraction): on a thread that work held
the server's interpreter lock, and under benchmarks/serve_load.py --log the proxy's CPU per
request more than doubled. The writer runs at a lower priority, so records are written in the
time serving leaves; none is lost when the server stops (they are written before it exits).
Records hold the conversation and the answers, never a request's headers.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from adhere._files import write_json
from adhere.runlog import RESULTS_FILE, SAMPLES_FILE, SCHEMA_VERSION, SampleRecord

__all__ = ["RunLog"]

#: Builds a record; called in the writer process, so costly parts (extraction) stay off the loop.
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
        # A fresh interpreter: forking would copy the server's event loop and threads.
        context = multiprocessing.get_context("spawn")
        # Queue, not SimpleQueue: its put hands the job to a feeder thread, so a full pipe (a burst
        # of records) never blocks the event loop.
        self._jobs: multiprocessing.Queue[RecordJob | None] = context.Queue()
        self._writer = context.Process(
            target=_write_all, args=(self._jobs, self.path), name="adhere-serve-runlog", daemon=True
        )
        # Ctrl-C reaches every process of the terminal's group: the writer is born ignoring it (a
        # handler set once it runs would come too late for one still importing), and stops when
        # the server, stopping, sends it the end of its queue.
        with _sigint_ignored():
            self._writer.start()

    def add(self, job: RecordJob) -> None:
        """Queue a record (a picklable callable that builds it: a partial of a module function)."""
        self._jobs.put(job)

    def close(self) -> None:
        """Write what is queued, then stop."""
        self._jobs.put(None)
        self._jobs.close()
        self._jobs.join_thread()
        self._writer.join()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored meanwhile, where this thread may say so (only the main thread sets handlers;
    an app served from another thread leaves Ctrl-C to whoever runs it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _write_all(jobs: multiprocessing.Queue[RecordJob | None], path: Path) -> None:
    with contextlib.suppress(OSError):
        os.nice(_NICENESS)
    while True:
        try:
            job = jobs.get()
        except EOFError:  # the server died without a word: nothing more will come
            return
        if job is None:
            return
        _write_one(job, path)


def _write_one(job: RecordJob, path: Path) -> None:
    try:
        line = json.dumps(job().as_dict(), ensure_ascii=False) + "\n"
        _append(path, line.encode())
    except Exception as error:  # a record lost must not stop the writer
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

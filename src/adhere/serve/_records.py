"""Every served request as a run record, appended to ``samples.jsonl`` in a run directory, so served
traffic is scored, reported and exported like any run.

One writer thread appends whole lines under a file lock: concurrent requests (and several server
processes sharing a directory) never interleave a line, and the event loop never waits on the disk.
Records hold the conversation and the answers, never a request's headers.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from adhere._files import write_json
from adhere.runlog import RESULTS_FILE, SAMPLES_FILE, SCHEMA_VERSION, SampleRecord

__all__ = ["RunLog"]

#: Builds a record; called on the writer thread, so costly parts (extraction) stay off the loop.
RecordJob = Callable[[], SampleRecord]


class RunLog:
    """Appends records to ``directory/samples.jsonl`` (a run directory ``adhere score`` reads)."""

    def __init__(self, directory: Path, settings: Mapping[str, Any]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / SAMPLES_FILE
        if not (directory / RESULTS_FILE).exists():
            write_json(directory / RESULTS_FILE, {"schema_version": SCHEMA_VERSION, "served": dict(settings)})
        self._jobs: queue.SimpleQueue[RecordJob | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._write_all, name="adhere-serve-runlog", daemon=True)
        self._thread.start()
        #: Records that could not be built or written (each also reported on stderr).
        self.failures = 0

    def add(self, job: RecordJob) -> None:
        self._jobs.put(job)

    def close(self) -> None:
        """Write what is queued, then stop."""
        self._jobs.put(None)
        self._thread.join()

    def _write_all(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._write_one(job)

    def _write_one(self, job: RecordJob) -> None:
        try:
            line = json.dumps(job().as_dict(), ensure_ascii=False) + "\n"
            _append(self.path, line.encode())
        except Exception as error:  # a record lost must not stop the server or the writer
            self.failures += 1
            print(f"adhere serve: a request's run record was not written: {error!r}", flush=True)


def _append(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # other server processes writing the same file wait
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)

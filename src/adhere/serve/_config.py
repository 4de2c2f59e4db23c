"""What ``adhere serve`` was started with: the defaults every request may override, and the limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ServeConfig"]


@dataclass(frozen=True)
class ServeConfig:
    """The proxy's settings. ``upstream_url`` is None when a local model is served directly
    (then ``direct`` goes through ``solve`` too, as there is no HTTP upstream to relay to)."""

    #: The model name ``/v1/models`` lists and responses carry (the upstream's model).
    served_model: str
    upstream_url: str | None = None
    #: The default strategy and its ``-S`` settings; a request's ``adhere`` field overrides both.
    strategy: str = "direct"
    settings: Mapping[str, str] = field(default_factory=dict)
    #: When set, clients must send ``Authorization: Bearer <api_key>`` (and it is not forwarded).
    api_key: str | None = None
    max_body_bytes: int = 1_000_000
    #: Seconds one request may take, all its upstream calls together.
    timeout_s: float = 300.0
    #: Upstream calls one request may make (a strategy that needs more gets a 400).
    max_calls: int = 32
    #: Upstream calls in flight at once, over all requests.
    concurrency: int = 64
    #: Tries per upstream call in strategies; 1 passes an upstream error (429, 5xx) on at once.
    attempts: int = 1
    #: Where every served request is appended as a run record; None: not recorded.
    log_dir: Path | None = None
    #: The model the LLM decomposer asks (a spec, as ``--model`` takes) and its endpoint; set, it
    #: turns the decomposer on for every strategy but ``direct`` (a request's settings still win).
    extract_model: str | None = None
    extract_base_url: str | None = None

    def described(self) -> dict[str, object]:
        """The settings as the run log's results.json keeps them (the API key left out)."""
        return {
            "served_model": self.served_model,
            "upstream": self.upstream_url,
            "strategy": self.strategy,
            "settings": dict(self.settings),
            "max_calls": self.max_calls,
            "timeout_s": self.timeout_s,
            "concurrency": self.concurrency,
            "extract_model": self.extract_model,
            "extract_base_url": self.extract_base_url,
        }

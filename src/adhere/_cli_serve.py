"""Command ``adhere serve``: the OpenAI-compatible proxy that answers each request with a strategy.

Only typer and the standard library load at import; the command imports the server stack."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from adhere._cli_errors import user_errors
from adhere._cli_extract import ExtractApiKey, ExtractBaseUrl, check_extract_flags
from adhere._cli_settings import read_settings

if TYPE_CHECKING:
    from adhere.models import Model

__all__ = ["register"]

_EXTRA_HINT = "adhere serve needs the serve extra: pip install 'adhere[serve]'"


def _first_model(url: str, api_key: str | None) -> str:
    """The upstream's first listed model, for a proxy started without --upstream-model."""
    import httpx

    from adhere.errors import AdhereError

    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        response = httpx.get(f"{url.rstrip('/')}/models", headers=headers, timeout=10)
        response.raise_for_status()
        return str(response.json()["data"][0]["id"])
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
        raise AdhereError(
            f"--upstream {url}: cannot read its model list ({type(error).__name__}); pass --upstream-model"
        ) from None


def _open_model(
    upstream: str | None, upstream_model: str | None, model: str | None, key: str | None
) -> Model:
    from adhere.errors import AdhereError
    from adhere.models import get_model

    if (upstream is None) == (model is None):
        raise AdhereError(
            "give either --upstream URL (an OpenAI-compatible server) or --model SPEC (a local model)"
        )
    if model is not None:
        if model.startswith("openai/"):
            raise AdhereError(
                "--model openai/...: put the server's URL in --upstream and its model in --upstream-model"
            )
        return get_model(model)
    assert upstream is not None
    from adhere.serve._upstream_http import upstream_url

    try:
        upstream_url(upstream)  # the relay's own check, named with its flag
    except ValueError as error:
        raise AdhereError(f"--upstream: {error}, e.g. http://127.0.0.1:8001/v1") from None
    name = upstream_model or _first_model(upstream, key)
    return get_model(f"openai/{name}", base_url=upstream, api_key=key)


def _open_extract_model(
    spec: str | None, base_url: str | None, answerer: Model, answerer_spec: str, timeout_s: float,
    api_key: str | None = None,
) -> Model | None:  # fmt: skip
    """The model the LLM decomposer asks, opened as ``adhere eval`` opens it (the served model itself
    when ``spec`` names it); a spec that cannot be opened is an error naming the flag."""
    from adhere.errors import AdhereError
    from adhere.solve import open_extract_model

    check_extract_flags(spec, base_url, api_key)
    if spec is None:
        return None
    try:
        return open_extract_model(
            spec, answerer, answerer_spec, base_url=base_url, api_key=api_key, timeout_s=timeout_s
        )
    except (AdhereError, ValueError) as error:
        raise AdhereError(f"--extract-model {spec}: {error}") from None


def _bind(host: str, port: int) -> socket.socket:
    from adhere.errors import AdhereError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise AdhereError(
            f"--host {host} --port {port}: cannot listen there ({error.strerror or error})"
        ) from None
    return sock


def serve(
    upstream: Annotated[
        str | None,
        typer.Option(
            "--upstream", help="The OpenAI-compatible server to proxy, e.g. http://127.0.0.1:8001/v1."
        ),
    ] = None,
    upstream_model: Annotated[
        str | None, typer.Option("--upstream-model", help="Its model name (default: the first it lists).")
    ] = None,
    upstream_api_key: Annotated[
        str | None,
        typer.Option(
            "--upstream-api-key",
            help="Key for the upstream when clients send none (default: $OPENAI_API_KEY).",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="Serve a local model instead: embedded or llama-cpp/PATH.gguf."),
    ] = None,
    strategy: Annotated[
        str,
        typer.Option(
            "--strategy", help="The default strategy (a request's 'adhere' field may choose another)."
        ),
    ] = "direct",
    settings: Annotated[
        list[str] | None,
        typer.Option("-S", "--set", help="A default strategy setting NAME=VALUE (repeatable)."),
    ] = None,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key", help="Require this key from clients (401 otherwise); then it is not forwarded."
        ),
    ] = None,
    max_body_bytes: Annotated[
        int, typer.Option("--max-body-bytes", min=1, help="Larger bodies get 413.")
    ] = 1_000_000,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds one request may take.")
    ] = 300.0,
    max_calls: Annotated[
        int, typer.Option("--max-calls", min=1, help="Upstream calls one request may make.")
    ] = 32,
    concurrency: Annotated[
        int,
        typer.Option("--concurrency", min=1, help="Upstream calls in flight at once, all requests together."),
    ] = 64,
    attempts: Annotated[
        int,
        typer.Option(
            "--attempts", min=1, help="Tries per upstream call in strategies (1: errors passed on at once)."
        ),
    ] = 1,
    log_dir: Annotated[
        Path, typer.Option("--log-dir", help="Run directory that every served request is appended to.")
    ] = Path("adhere-served"),
    no_log: Annotated[bool, typer.Option("--no-log", help="Record nothing.")] = False,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="uvicorn's access log.")
    ] = True,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, help="Server processes sharing the port (with --upstream; POSIX)."),
    ] = 1,
    extract_model: Annotated[
        str | None,
        typer.Option(
            "--extract-model",
            help="The model the LLM decomposer asks (a spec as eval's --model takes), e.g. a strong hosted "
            "model reading constraints for a small local one; turns the decomposer on for every strategy "
            "but direct. It uses its own key (--extract-api-key, else $OPENAI_API_KEY for openai/...), "
            "never the client's. With "
            "--workers each worker opens its own (a local one loads its weights once per worker).",
        ),
    ] = None,
    extract_base_url: ExtractBaseUrl = None,
    extract_api_key: ExtractApiKey = None,
) -> None:
    """An OpenAI-compatible proxy: each request answered by a strategy, with each constraint's verdict."""
    try:
        import uvicorn

        from adhere.serve import ServeConfig, create_app
    except ImportError:
        typer.echo(f"error: {_EXTRA_HINT}", err=True)
        raise typer.Exit(1) from None
    from adhere.strategies import get_strategy

    with user_errors():
        options = read_settings(settings, example="n=4")
        get_strategy(strategy).settings_from(options)  # a bad -S stops here, not at the first request
        key = upstream_api_key or os.environ.get("OPENAI_API_KEY") or None
        _check_workers(workers, model)
        opened = _open_model(upstream, upstream_model, model, key)
        reader = _open_extract_model(
            extract_model, extract_base_url, opened, model or opened.name, timeout, extract_api_key
        )
        sock = _bind(host, port)
    config = ServeConfig(
        served_model=opened.name.removeprefix("openai/"), upstream_url=upstream, strategy=strategy,
        settings=options, api_key=api_key, max_body_bytes=max_body_bytes, timeout_s=timeout,
        max_calls=max_calls, concurrency=concurrency, attempts=attempts, log_dir=None if no_log else log_dir,
        extract_model=extract_model, extract_base_url=extract_base_url,
    )  # fmt: skip
    where = f"http://{host}:{sock.getsockname()[1]}/v1"
    behind = upstream or model
    typer.echo(
        f"adhere serve: {where} -> {behind} ({config.served_model}), strategy {strategy}"
        + (f", extract model {extract_model}" if extract_model else "")
        + (f", {workers} workers" if workers > 1 else ""),
        err=True,
    )

    def serve_one() -> None:
        # Forked workers each get their own copy of both models (unused before the fork).
        app = create_app(config, opened, upstream_api_key=key, extract_model=reader, freeze_at_start=True)
        server = uvicorn.Server(uvicorn.Config(app, log_level="info", access_log=access_log, lifespan="on"))
        server.run(sockets=[sock])

    if workers == 1:
        serve_one()
        return
    from adhere.serve._workers import run_workers

    raise typer.Exit(run_workers(workers, serve_one))


def _check_workers(workers: int, model: str | None) -> None:
    from adhere.errors import AdhereError

    if workers == 1:
        return
    if model is not None:
        raise AdhereError(
            f"--workers {workers}: a local --model is served by one process (each worker would load it)"
        )
    if not hasattr(os, "fork"):
        raise AdhereError(f"--workers {workers}: needs os.fork, which this platform lacks")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)

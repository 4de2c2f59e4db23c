"""`adhere serve` under load: 100 concurrent clients through the proxy (``direct``, a pure pass-through)
and the same clients straight at the upstream, in one run.

The upstream is a small asyncio HTTP server written here (not the threaded FakeOpenAIServer, whose
thread per connection would be the bottleneck at 100 clients on a small machine): it answers every
chat completion after a fixed latency with the same body. The clients are raw asyncio HTTP/1.1
keep-alive connections, one per client, so the client side costs little. Upstream, proxy (the real
``adhere serve`` command) and clients run in three processes.

Printed: requests per second for each arm and their ratio (proxy / straight), errors, and the added
latency (proxy minus straight) at p50 and p99. Targets: ratio >= 0.9, p99 added <= 20 ms, 0 errors.

    python benchmarks/serve_load.py [--clients 100] [--requests 30] [--latency-ms 100] [--log] [--workers N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from adhere.models import Completion, Usage, _wire

REQUEST = json.dumps(
    {"model": "m", "messages": [{"role": "user", "content": "Answer in one word: what colour is the sky?"}],
     "max_tokens": 8}
).encode()  # fmt: skip


# --- the upstream -------------------------------------------------------------------------------


def _answer() -> bytes:
    body = _wire.completion_body(Completion("Blue.", Usage(12, 2), finish_reason="stop"), model="m")
    data = json.dumps(body).encode()
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
    return head.encode() + data


async def _serve_connection(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, latency: float
) -> None:
    answer = _answer()
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            await asyncio.sleep(latency)
            writer.write(answer)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def _upstream(latency: float, port_to: Connection) -> None:
    async def main() -> None:
        server = await asyncio.start_server(
            lambda r, w: _serve_connection(r, w, latency), "127.0.0.1", 0, backlog=1024
        )
        port_to.send(server.sockets[0].getsockname()[1])
        await server.serve_forever()

    asyncio.run(main())


# --- the clients --------------------------------------------------------------------------------


@dataclass
class Arm:
    latencies: list[float]
    errors: int
    elapsed: float

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length, chunked = 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
        elif name.lower() == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if not chunked:
        return status, await reader.readexactly(length)
    parts = []
    while (size := int((await reader.readuntil(b"\r\n")).strip(), 16)) > 0:
        parts.append(await reader.readexactly(size + 2))
    await reader.readuntil(b"\r\n")
    return status, b"".join(p[:-2] for p in parts)


async def _client(port: int, path: str, requests: int, arm: Arm) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer sk-bench\r\nContent-Length: {len(REQUEST)}\r\n\r\n"
    ).encode()
    try:
        for _ in range(requests):
            started = time.perf_counter()
            writer.write(head + REQUEST)
            status, body = await _read_response(reader)
            if status == 200 and b'"choices"' in body:
                arm.latencies.append(time.perf_counter() - started)
            else:
                arm.errors += 1
    except (OSError, asyncio.IncompleteReadError, ValueError):
        arm.errors += 1
    finally:
        writer.close()


async def _arm(port: int, path: str, clients: int, requests: int) -> Arm:
    arm = Arm([], 0, 0.0)
    started = time.perf_counter()
    await asyncio.gather(*(_client(port, path, requests, arm) for _ in range(clients)))
    arm.elapsed = time.perf_counter() - started
    return arm


# --- the run ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_proxy(
    upstream_port: int, args: argparse.Namespace, log_dir: Path
) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    command = [
        sys.executable, "-m", "adhere", "serve", "--upstream", f"http://127.0.0.1:{upstream_port}/v1",
        "--upstream-model", "m", "--port", str(port), "--no-access-log",
        "--concurrency", str(args.concurrency), "--workers", str(args.workers),
        *(["--log-dir", str(log_dir)] if args.log else ["--no-log"]),
    ]  # fmt: skip
    proxy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proxy, port
        except OSError:
            time.sleep(0.2)
    proxy.kill()
    raise SystemExit("adhere serve did not start")


def _line(name: str, arm: Arm) -> str:
    return (
        f"{name:9} {arm.throughput:8.1f} req/s  errors {arm.errors}  "
        f"p50 {arm.percentile(50) * 1000:7.2f} ms  p99 {arm.percentile(99) * 1000:7.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=30, help="requests per client per arm")
    parser.add_argument("--latency-ms", type=float, default=100.0, help="the upstream's fixed latency")
    parser.add_argument("--rounds", type=int, default=2, help="straight then proxy, this many times")
    parser.add_argument("--concurrency", type=int, default=256, help="adhere serve --concurrency")
    parser.add_argument("--log", action="store_true", help="keep the proxy's run log on (default --no-log)")
    parser.add_argument("--workers", type=int, default=1, help="adhere serve --workers")
    args = parser.parse_args()

    receive, send = multiprocessing.Pipe(duplex=False)
    upstream = multiprocessing.Process(target=_upstream, args=(args.latency_ms / 1000, send), daemon=True)
    upstream.start()
    upstream_port = receive.recv()
    with tempfile.TemporaryDirectory() as tmp:
        proxy, port = _start_proxy(upstream_port, args, Path(tmp) / "served")
        try:
            return _measure(args, upstream_port, port, Path(tmp) / "served", proxy.pid)
        finally:
            proxy.terminate()
            proxy.wait(30)
            upstream.terminate()


def _cpu_s(pid: int) -> float:
    """CPU seconds the proxy has used (user + system, every process under it included: workers
    and their run-log writers): its cost, whatever the machine's load."""
    stats: dict[int, tuple[int, float]] = {}  # pid: (parent, cpu seconds)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that just ended
            continue
        stats[int(entry.name)] = (
            int(fields[1]),
            (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"),
        )
    tree, grew = {pid}, True
    while grew:
        found = {child for child, (parent, _) in stats.items() if parent in tree}
        grew = not found <= tree
        tree |= found
    return sum(stats[p][1] for p in tree if p in stats)


def _records(log_dir: Path) -> int:
    path = log_dir / "samples.jsonl"
    return len(path.read_text().splitlines()) if path.exists() else 0


def _caught_up(log_dir: Path, expected: int, limit_s: float = 120.0) -> float:
    """Seconds until the run log holds ``expected`` records (its writer works in the time serving
    leaves, so it may lag a burst)."""
    started = time.perf_counter()
    while _records(log_dir) < expected and time.perf_counter() - started < limit_s:
        time.sleep(0.05)
    return time.perf_counter() - started


def _measure(args: argparse.Namespace, upstream_port: int, port: int, log_dir: Path, pid: int) -> int:
    print(
        f"{args.clients} clients x {args.requests} requests per arm; "
        f"upstream latency {args.latency_ms:g} ms; proxy: adhere serve, direct, {args.workers} worker(s), "
        f"{'run log on' if args.log else '--no-log'}; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    path = "/v1/chat/completions"
    asyncio.run(_arm(upstream_port, path, args.clients, 3))  # warm up both
    asyncio.run(_arm(port, path, args.clients, 3))
    served = args.clients * 3
    if args.log:
        _caught_up(log_dir, served)
    ratios, added50, added99, errors = [], [], [], 0
    for round_ in range(1, args.rounds + 1):
        straight = asyncio.run(_arm(upstream_port, path, args.clients, args.requests))
        cpu = _cpu_s(pid)
        proxied = asyncio.run(_arm(port, path, args.clients, args.requests))
        served += args.clients * args.requests
        # The run log's CPU counts too: the round ends when its records are written.
        lag = f"; run log caught up {_caught_up(log_dir, served):.1f} s after the round" if args.log else ""
        cpu_ms = (_cpu_s(pid) - cpu) * 1000 / max(1, len(proxied.latencies) + proxied.errors)
        errors += straight.errors + proxied.errors
        ratios.append(proxied.throughput / straight.throughput)
        added50.append((proxied.percentile(50) - straight.percentile(50)) * 1000)
        added99.append((proxied.percentile(99) - straight.percentile(99)) * 1000)
        print(f"round {round_}\n  {_line('straight', straight)}\n  {_line('proxy', proxied)}")
        print(
            f"  ratio {ratios[-1]:.3f}  added p50 {added50[-1]:.2f} ms  added p99 {added99[-1]:.2f} ms  "
            f"proxy CPU {cpu_ms:.2f} ms per request{lag}"
        )
    if args.log:
        print(f"run log: {_records(log_dir)} records of {served} requests")
    best = max(range(len(ratios)), key=ratios.__getitem__)
    print(
        f"summary: errors {errors}; throughput ratio (proxy/straight) "
        f"median {sorted(ratios)[len(ratios) // 2]:.3f}, best {ratios[best]:.3f}; "
        f"added latency p50 {added50[best]:.2f} ms, p99 {added99[best]:.2f} ms "
        "(best round); targets: ratio >= 0.9, p99 added <= 20 ms, 0 errors"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

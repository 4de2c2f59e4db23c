"""Runner throughput against a local server with a fixed latency, at concurrency 1, 8 and 32.

The ideal at concurrency C is C / latency requests per second; the script
prints measured throughput and its ratio to that ideal. The server
(adhere.testing, on 127.0.0.1) runs in a process of its own, so that it does
not share the client's interpreter, and answers every request after
``--latency`` seconds.

    python benchmarks/concurrency.py [--latency 0.2] [--waves 6]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time

from adhere.benchmarks import synth_samples
from adhere.models import GenerateConfig, get_model
from adhere.runner import run_generations


async def measure(base_url: str, concurrency: int, requests: int) -> float:
    model = get_model("openai/bench", base_url=base_url)
    samples = synth_samples(requests, seed=concurrency)
    try:
        start = time.perf_counter()
        generations = await run_generations(
            model, samples, GenerateConfig(max_tokens=8), concurrency=concurrency
        )
        elapsed = time.perf_counter() - start
    finally:
        await model.aclose()
    if not all(g.completion for g in generations):
        raise SystemExit("some requests failed")
    return requests / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--waves", type=int, default=6, help="requests per run = waves x concurrency")
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "adhere.testing", str(args.latency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().strip()
        print(f"server latency {args.latency:.2f} s; ideal throughput = concurrency / latency")
        asyncio.run(measure(base_url, 4, 8))  # warm up imports and connections
        for concurrency in (1, 8, 32):
            throughput = asyncio.run(measure(base_url, concurrency, args.waves * concurrency))
            ideal = concurrency / args.latency
            print(
                f"concurrency {concurrency:>2}: {throughput:7.1f} req/s, ideal {ideal:6.1f} req/s, "
                f"ratio {throughput / ideal:.2f}"
            )
    finally:
        server.communicate(input="", timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Runner overhead: the same prompts through adhere and through direct llama-cpp calls.

Each side runs in a process of its own (llama.cpp's idle OpenMP workers from
one side would otherwise slow the other), loads the embedded GGUF with the
same settings, warms up on one prompt, then answers the same synth prompts
greedily. The texts must come out identical (the same work); sides alternate
over rounds so drift in machine speed hits both alike. Prints both times and
adhere's ratio to raw llama.cpp.

    python benchmarks/runner_overhead.py [--prompts 12] [--max-tokens 64] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import subprocess
import sys
import time

from adhere.benchmarks import synth_samples
from adhere.models import GenerateConfig
from adhere.models._llama_cpp import LlamaCppModel, embedded_model_path
from adhere.play import plain_turns, play_all
from adhere.runner import ManagedModel


def run_direct(samples, config: GenerateConfig) -> tuple[float, list[str]]:
    from llama_cpp import Llama

    llama = Llama(model_path=str(embedded_model_path()), n_ctx=4096, n_threads=os.cpu_count(), verbose=False)

    def answer(batch):
        return [
            llama.create_chat_completion(
                messages=s.messages,
                max_tokens=config.max_tokens,
                temperature=config.temperature,
                seed=config.seed,
            )["choices"][0]["message"]["content"]
            or ""
            for s in batch
        ]

    answer(samples[:1])
    start = time.perf_counter()
    texts = answer(samples)
    return time.perf_counter() - start, texts


def run_adhere(samples, config: GenerateConfig) -> tuple[float, list[str]]:
    model = LlamaCppModel(embedded_model_path(), spec="embedded")

    async def answer(batch):
        # The path adhere eval takes: each sample played as a conversation, with the runner's gate.
        records = await play_all(batch, plain_turns(ManagedModel(model, concurrency=8), config))
        return [r.turns[-1].reply or "" for r in records]

    async def timed():
        await answer(samples[:1])
        start = time.perf_counter()
        texts = await answer(samples)
        elapsed = time.perf_counter() - start
        await model.aclose()
        return elapsed, texts

    return asyncio.run(timed())


def side(name: str, args: argparse.Namespace) -> None:
    samples = synth_samples(args.prompts, seed=1)
    config = GenerateConfig(max_tokens=args.max_tokens, temperature=0.0, seed=0)
    elapsed, texts = (run_direct if name == "direct" else run_adhere)(samples, config)
    digest = hashlib.sha256(json.dumps(texts).encode()).hexdigest()
    print(json.dumps({"seconds": elapsed, "texts": digest}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=12)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--side", choices=["direct", "adhere"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        side(args.side, args)
        return 0

    totals = {"direct": 0.0, "adhere": 0.0}
    digests = set()
    for _ in range(args.rounds):
        for name in ("direct", "adhere"):
            command = [sys.executable, __file__, "--side", name, "--prompts", str(args.prompts),
                       "--max-tokens", str(args.max_tokens)]  # fmt: skip
            out = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
            totals[name] += out["seconds"]
            digests.add(out["texts"])
    if len(digests) != 1:
        print("texts differ between adhere and direct calls: not the same work", file=sys.stderr)
        return 1
    print(f"prompts: {args.prompts} x {args.rounds} rounds, max_tokens {args.max_tokens}, greedy")
    print("texts: identical on both sides")
    print(f"direct llama-cpp: {totals['direct']:.2f} s")
    print(f"adhere runner:    {totals['adhere']:.2f} s")
    print(f"ratio adhere/raw: {totals['adhere'] / totals['direct']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

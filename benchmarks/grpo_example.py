"""The README's GRPO example (section "Verifiable rewards") run as written, on CPU.

The python block of README.md that contains ``GRPOTrainer`` is read and executed, so
the README and this benchmark cannot drift. Two values are substituted in its text
before it runs, and each must appear there exactly once (else the run stops): the
``max_steps=`` value (``--max-steps N``) and the ``output_dir=`` text (``--out DIR``).

Torch runs on ``--threads`` threads (default ``$ADHERE_THREADS``, else 1), set before
the block runs, so a run leaves the other cores to other work. A callback, added to
every trainer that transformers builds (the block itself is not changed for it), logs
every step and prints, per step, the mean of each reward function (TRL's
``rewards/NAME/mean``), the summed reward, the mean completion length, the gradient
norm and the step's wall time; then the setup time (data, model load, trainer), the
training time and the total.
Nothing is downloaded (``HF_HUB_OFFLINE=1`` unless set): the model is the embedded GGUF.

    ADHERE_THREADS=1 python benchmarks/grpo_example.py [--max-steps 4] [--out runs/grpo-bench]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
_MAX_STEPS = re.compile(r"\bmax_steps=\d+")
_OUTPUT_DIR = re.compile(r"\boutput_dir=\"[^\"]*\"")


def readme_block(readme: Path = README) -> str:
    """The one python block of the README that sets up GRPOTrainer."""
    blocks = [b for b in _BLOCK.findall(readme.read_text(encoding="utf-8")) if "GRPOTrainer" in b]
    if len(blocks) != 1:
        raise SystemExit(f"error: {readme} has {len(blocks)} python blocks with GRPOTrainer, expected 1")
    return str(blocks[0])


def _replace_once(code: str, pattern: re.Pattern[str], new: str) -> str:
    code, count = pattern.subn(new, code)
    if count != 1:
        raise SystemExit(f"error: the README block has {count} matches of {pattern.pattern!r}, expected 1")
    return code


def substitute(code: str, max_steps: int | None, out: str | None) -> str:
    """The block with ``--max-steps`` and ``--out`` put in place of the README's values."""
    if max_steps is not None:
        code = _replace_once(code, _MAX_STEPS, f"max_steps={max_steps}")
    if out is not None:
        code = _replace_once(code, _OUTPUT_DIR, f"output_dir={out!r}")
    return code


@dataclass
class StepRecord:
    step: int
    seconds: float
    logs: dict[str, float] = field(default_factory=dict)


def _probe_class() -> type:
    """A TrainerCallback (transformers is imported only once threads are set)."""
    from transformers import TrainerCallback

    class StepProbe(TrainerCallback):
        """Times each optimizer step and has the trainer log after every one: TRL
        averages its metrics over the steps since the last log, so these are per step."""

        def __init__(self) -> None:
            self.records: list[StepRecord] = []
            self.train_began: float | None = None
            self._began = 0.0

        def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            self.train_began = time.perf_counter()

        def on_step_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            self._began = time.perf_counter()

        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> Any:
            self.records.append(StepRecord(state.global_step, time.perf_counter() - self._began))
            control.should_log = True
            return control

        def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kwargs: Any) -> None:
            if self.records and self.records[-1].step == state.global_step and "reward" in (logs or {}):
                self.records[-1].logs = dict(logs)
                print_step(self.records[-1])

    return StepProbe


def _reward_names(logs: dict[str, float]) -> list[str]:
    """The reward functions' names, as TRL logs them (``rewards/NAME/mean``)."""
    keys = [k for k in logs if k.startswith("rewards/") and k.endswith("/mean")]
    return sorted(k.removeprefix("rewards/").removesuffix("/mean") for k in keys)


def print_step(record: StepRecord) -> None:
    from tqdm import tqdm  # the trainer's progress bar: written around it, not through it

    logs = record.logs
    means = "  ".join(f"{n} {logs[f'rewards/{n}/mean']:.3f}" for n in _reward_names(logs))
    length = logs.get("completions/mean_length", float("nan"))
    # grad norm 0: every completion of each prompt scored the same, so the step learned nothing.
    grad = logs.get("grad_norm", float("nan"))
    line = f"step {record.step}: {means}  reward {logs['reward']:.3f}  mean length {length:.1f}"
    tqdm.write(f"{line}  grad norm {grad:.3g}  {record.seconds:.1f} s", file=sys.stdout)


def print_summary(records: list[StepRecord], setup_s: float, train_s: float, total_s: float) -> None:
    logged = [r for r in records if r.logs]
    names = _reward_names(logged[0].logs) if logged else []
    for name in names:
        values = [r.logs[f"rewards/{name}/mean"] for r in logged]
        print(f"{name}: mean over {len(values)} steps {sum(values) / len(values):.3f}")
    steps = [r.seconds for r in records]
    if steps:
        mean = sum(steps) / len(steps)
        print(f"steps: {len(steps)}, {mean:.1f} s each on average ({min(steps):.1f}-{max(steps):.1f})")
    print(f"setup (data, model load, trainer) {setup_s:.1f} s, train {train_s:.1f} s, total {total_s:.1f} s")


def _limit_threads(threads: int) -> None:
    # Set before torch is imported: its OpenMP pool reads these once.
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[name] = str(threads)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything the block loads is on disk
    import torch

    torch.set_num_threads(threads)
    torch.set_num_interop_threads(threads)


def _timed_train(code: str) -> tuple[list[StepRecord], float, float]:
    """Runs the block; the probe is added to transformers' default callbacks for the run only."""
    import transformers.trainer as hf_trainer

    probe = _probe_class()()
    namespace: dict[str, Any] = {"__name__": "__readme__"}
    started = time.perf_counter()
    hf_trainer.DEFAULT_CALLBACKS.append(probe)
    try:
        exec(compile(code, f"{README}:GRPO block", "exec"), namespace)
    finally:
        hf_trainer.DEFAULT_CALLBACKS.remove(probe)
    ended = time.perf_counter()
    # Setup (data, model load, trainer) lasts until train() begins, the block's last line.
    setup = (probe.train_began or ended) - started
    return probe.records, setup, ended - started


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--max-steps", type=int, help="replaces the block's max_steps")
    parser.add_argument("--out", help="replaces the block's output_dir")
    default_threads = int(os.environ.get("ADHERE_THREADS", "1") or 1)
    parser.add_argument("--threads", type=int, default=default_threads, help="torch threads")
    parser.add_argument("--show", action="store_true", help="print the block as it will run, run nothing")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    code = substitute(readme_block(), args.max_steps, args.out)
    if args.show:
        print(code)
        return
    _limit_threads(args.threads)
    import torch
    import transformers
    import trl

    written = "as written"
    print(f"README GRPO block, max_steps={args.max_steps or written}, output_dir={args.out or written}")
    print(f"torch {torch.__version__} on {torch.get_num_threads()} thread(s), transformers "
          f"{transformers.__version__}, trl {trl.__version__}", flush=True)  # fmt: skip
    records, setup_s, total_s = _timed_train(code)
    print_summary(records, setup_s, total_s - setup_s, total_s)


if __name__ == "__main__":
    sys.exit(main())

"""adhere: measure and improve how language models follow instructions.

The public names load on first use: ``import adhere`` (and every ``adhere``
command, which imports this package first) must not pay for the extraction
rules, the strategies, the providers or NLTK until something needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from adhere.check import CheckResult, check_batch, check_files
    from adhere.constraints import (
        Constraint,
        ConstraintArgumentError,
        Evaluation,
        UnknownConstraintError,
        Verdict,
        build,
        check_loose,
        check_strict,
        constraint_ids,
        evaluate,
    )
    from adhere.errors import AdhereError, InputError
    from adhere.evaluation import EvalSettings, run_eval, score_dir
    from adhere.extract import extract_rules
    from adhere.models import get_model
    from adhere.results import RunResults
    from adhere.runlog import SampleRecord, read_samples
    from adhere.samples import Sample, Turn
    from adhere.solve import Solution, follow, solve
    from adhere.strategies import Strategy, StrategySettings, get_strategy

# Each public name and the module that defines it.
_SOURCES = {
    "AdhereError": "adhere.errors",
    "CheckResult": "adhere.check",
    "Constraint": "adhere.constraints",
    "ConstraintArgumentError": "adhere.constraints",
    "Evaluation": "adhere.constraints",
    "InputError": "adhere.errors",
    "StrategySettings": "adhere.strategies",
    "UnknownConstraintError": "adhere.constraints",
    "Verdict": "adhere.constraints",
    "build": "adhere.constraints",
    "check_batch": "adhere.check",
    "check_files": "adhere.check",
    "check_loose": "adhere.constraints",
    "check_strict": "adhere.constraints",
    "constraint_ids": "adhere.constraints",
    "evaluate": "adhere.constraints",
    "extract_rules": "adhere.extract",
    "follow": "adhere.solve",
    "solve": "adhere.solve",
    "Solution": "adhere.solve",
    "EvalSettings": "adhere.evaluation",
    "run_eval": "adhere.evaluation",
    "score_dir": "adhere.evaluation",
    "get_model": "adhere.models",
    "RunResults": "adhere.results",
    "SampleRecord": "adhere.runlog",
    "read_samples": "adhere.runlog",
    "Sample": "adhere.samples",
    "Turn": "adhere.samples",
    "Strategy": "adhere.strategies",
    "get_strategy": "adhere.strategies",
}

__all__ = [
    "AdhereError",
    "CheckResult",
    "Constraint",
    "ConstraintArgumentError",
    "EvalSettings",
    "Evaluation",
    "InputError",
    "RunResults",
    "Sample",
    "SampleRecord",
    "Solution",
    "Strategy",
    "StrategySettings",
    "Turn",
    "UnknownConstraintError",
    "Verdict",
    "build",
    "check_batch",
    "check_files",
    "check_loose",
    "check_strict",
    "constraint_ids",
    "evaluate",
    "extract_rules",
    "follow",
    "get_model",
    "get_strategy",
    "read_samples",
    "run_eval",
    "score_dir",
    "solve",
]

if sorted(_SOURCES) != sorted(__all__):  # a name added to one list and not the other
    raise ImportError(f"adhere.__all__ and its sources disagree on {set(_SOURCES) ^ set(__all__)}")


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module 'adhere' has no attribute {name!r}")
    value = getattr(importlib.import_module(source), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

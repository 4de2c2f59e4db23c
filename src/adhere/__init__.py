"""adhere: measure and improve how language models follow instructions.

The public names load on first use: ``import adhere`` (and every ``adhere``
command, which imports this package first) must not pay for the extraction
rules, the strategies, the providers or NLTK until something needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from adhere._follow import follow
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
    from adhere.extract import extract_rules
    from adhere.strategies import StrategySettings

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
    "follow": "adhere._follow",
}

__all__ = [
    "AdhereError",
    "CheckResult",
    "Constraint",
    "ConstraintArgumentError",
    "Evaluation",
    "InputError",
    "StrategySettings",
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

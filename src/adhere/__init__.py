"""adhere: measure and improve how language models follow instructions."""

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

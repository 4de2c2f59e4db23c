"""adhere: measure and improve how language models follow instructions."""

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

__all__ = [
    "AdhereError",
    "CheckResult",
    "Constraint",
    "ConstraintArgumentError",
    "Evaluation",
    "InputError",
    "UnknownConstraintError",
    "Verdict",
    "build",
    "check_batch",
    "check_files",
    "check_loose",
    "check_strict",
    "constraint_ids",
    "evaluate",
]

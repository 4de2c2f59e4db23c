"""adhere: measure and improve how language models follow instructions."""

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
    "Constraint",
    "ConstraintArgumentError",
    "Evaluation",
    "InputError",
    "UnknownConstraintError",
    "Verdict",
    "build",
    "check_loose",
    "check_strict",
    "constraint_ids",
    "evaluate",
]

"""Verifiable constraints: build one from an id and kwargs, check responses against it."""

from adhere.constraints._base import (
    Constraint,
    ConstraintArgumentError,
    UnknownConstraintError,
    Verdict,
    register,
)
from adhere.constraints._catalog import build, constraint_ids, constraint_type
from adhere.constraints._evaluate import (
    Evaluation,
    check_loose,
    check_strict,
    evaluate,
    loose_variants,
)

__all__ = [
    "Constraint",
    "ConstraintArgumentError",
    "Evaluation",
    "UnknownConstraintError",
    "Verdict",
    "build",
    "check_loose",
    "check_strict",
    "constraint_ids",
    "constraint_type",
    "evaluate",
    "loose_variants",
    "register",
]

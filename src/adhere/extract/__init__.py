"""Constraint extraction: turn a free-form prompt into checkable constraints."""

from adhere.extract._extract import Extracted, Extraction, SoftConstraint, extract_rules

__all__ = ["Extracted", "Extraction", "SoftConstraint", "extract_rules"]

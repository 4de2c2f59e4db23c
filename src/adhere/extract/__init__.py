"""Constraint extraction: turn a free-form prompt into checkable constraints."""

from adhere.extract._extract import Extracted, Extraction, SoftConstraint, extract_rules
from adhere.extract._llm import extract_llm, parse_proposals

__all__ = ["Extracted", "Extraction", "SoftConstraint", "extract_llm", "extract_rules", "parse_proposals"]

"""Reports a person reads: terminal tables (JSON and HTML come later)."""

from adhere.report._terminal import metrics_tables, results_tables

__all__ = ["metrics_tables", "results_tables"]

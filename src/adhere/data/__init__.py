"""Training data from run records: preference pairs and SFT rows of verified answers.

Reads only typed run records (:func:`adhere.runlog.read_samples`); every answer
is checked again against the sample's constraints, never taken on a strategy's
word. The rows are TRL's conversational formats, read by its trainers as they are.
"""

from adhere.data._export import ExportOptions, Summary, export_pairs, export_sft, read_runs
from adhere.data._pairs import Pair, propose_pairs
from adhere.data._sft import SftRow, verified_answers

__all__ = [
    "ExportOptions",
    "Pair",
    "SftRow",
    "Summary",
    "export_pairs",
    "export_sft",
    "propose_pairs",
    "read_runs",
    "verified_answers",
]

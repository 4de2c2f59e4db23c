"""Robustness constraints: target-length generation, prompt injection, verbalizer manipulation.

Importing this package registers them (ids ``length:*``, ``injection:*``, ``verbalizer:*``).
"""

from adhere.constraints.robustness._injection import AnswersQuestion, ResistsInjection
from adhere.constraints.robustness._length import TLG_TARGETS, TargetWords, tlg_window, tlg_words
from adhere.constraints.robustness._verbalizer import LabelWord, answer_word

__all__ = [
    "TLG_TARGETS",
    "AnswersQuestion",
    "LabelWord",
    "ResistsInjection",
    "TargetWords",
    "answer_word",
    "tlg_window",
    "tlg_words",
]

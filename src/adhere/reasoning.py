"""Reasoning traces apart from answers: a reply's leading ``<think>`` block, or a server's
separate reasoning field. The trace is never scored; only the answer is."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Reasoned", "split_reasoning"]

OPEN = "<think>"
CLOSE = "</think>"


@dataclass(frozen=True)
class Reasoned:
    """``answer`` is None when a trace opened and never closed: the model ran out of tokens
    (or stopped) while thinking, so the reply has no answer at all."""

    answer: str | None
    trace: str | None
    had_trace: bool


def split_reasoning(text: str, reasoning: str | None = None) -> Reasoned:
    """The answer and the trace of a reply.

    - ``<think>TRACE</think>ANSWER``, after any leading whitespace: the block and the
      whitespace right after ``</think>`` go; ``<think>`` mentioned later stays in the answer.
    - ``TRACE</think>ANSWER`` with no ``<think>`` before it: the server kept the opening tag
      (chat templates that open the block in the prompt), the same split.
    - ``<think>TRACE`` never closed: no answer.
    - no tags: the answer is ``text``, unchanged.

    A separate ``reasoning`` field (vLLM's and DeepSeek's ``reasoning_content``) is the trace.
    """
    answer, trace = _split_tags(text)
    if reasoning:
        trace = reasoning if trace is None else f"{reasoning}\n{trace}"
    return Reasoned(answer, trace, trace is not None)


def _split_tags(text: str) -> tuple[str | None, str | None]:
    body = text.lstrip()
    if body.startswith(OPEN):
        body = body.removeprefix(OPEN)
        if CLOSE not in body:
            return None, body.strip()
    elif CLOSE not in text or OPEN in text[: text.index(CLOSE)]:
        return text, None
    else:
        body = text
    trace, _, answer = body.partition(CLOSE)
    return answer.lstrip(), trace.strip()

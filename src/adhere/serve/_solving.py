"""Every strategy but a relayed ``direct``: ``solve`` through the shared model, then the chosen
answer as a chat completion (whole, or streamed once chosen) with the verdicts in the extension."""

from __future__ import annotations

import asyncio
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from adhere.errors import AdhereError
from adhere.models import Completion, Message, ModelError, Usage, _wire
from adhere.models._openai import forwarded_authorization
from adhere.runlog import tokens_by_purpose
from adhere.runner import ManagedModel, RetriesExhausted
from adhere.serve._config import ServeConfig
from adhere.serve._errors import ProxyError
from adhere.serve._extracting import ExtractFailed, ExtractModel
from adhere.serve._gate import Budget, BudgetExceeded, budget
from adhere.serve._request import EXTENSION, ServedRequest
from adhere.serve._served import scrub
from adhere.solve import Solution, solve

__all__ = ["answer_body", "answer_events", "solved"]


def _messages(served: ServedRequest) -> list[Message]:
    # OpenAI's newer "developer" role is the system message by another name.
    return [
        {"role": "system", "content": m["content"]} if m["role"] == "developer" else m
        for m in served.chat.messages
    ]


async def solved(
    served: ServedRequest, model: ManagedModel, config: ServeConfig, authorization: str | None,
    secrets: Sequence[str], extractor: ExtractModel | None = None,
) -> Solution:  # fmt: skip
    """The strategy's answer (the LLM decomposer asking ``extractor`` when there is one); any
    failure is a ProxyError with the status that fits it."""
    token = forwarded_authorization.set(authorization)
    try:
        with budget(config.max_calls) as own:
            try:
                async with asyncio.timeout(config.timeout_s):
                    return await solve(
                        _messages(served), model, served.strategy, served.settings, extract_model=extractor
                    )
            except TimeoutError:
                raise ProxyError(
                    504, f"no answer within {config.timeout_s:g} s (the server's --timeout)", "timeout"
                ) from None
            except BudgetExceeded as error:
                raise ProxyError(400, str(error), "budget_exceeded") from None
            except ExtractFailed as error:  # not the upstream's failure: its status is not passed on
                raise ProxyError(502, scrub(str(error), secrets), "extract_model_failed") from None
            except (RetriesExhausted, ModelError) as error:
                raise _upstream_failure(own, scrub(str(error), secrets)) from None
            except AdhereError as error:  # a conversation solve cannot answer
                raise ProxyError(400, str(error), "invalid_messages") from None
    finally:
        forwarded_authorization.reset(token)


def _upstream_failure(own: Budget, message: str) -> ProxyError:
    failure = own.failure
    if failure is None:  # nothing answered: refused, dropped, or timed out
        return ProxyError(502, f"the upstream failed: {message}", "upstream_unavailable")
    headers = []
    if failure.retry_after is not None:
        headers.append(("Retry-After", str(math.ceil(failure.retry_after))))
    return ProxyError(failure.status, f"the upstream failed: {message}", "upstream_error", headers)


def extension(solution: Solution) -> dict[str, Any]:
    """The extension field: each known constraint's verdict and reason, the strategy, the cost
    (also by purpose, as ``adhere eval``'s cost section counts it: the decomposer's calls may be
    another model's)."""
    out = solution.as_dict()
    del out["answer"]
    return {
        "checked": True, "passed": solution.follows_known, **out,
        "calls_by_purpose": dict(Counter(call.purpose for call in solution.calls)),
        "tokens_by_purpose": tokens_by_purpose(solution.calls),
    }  # fmt: skip


def _completion(solution: Solution) -> Completion:
    # Usage is everything the request spent, not only the chosen answer's call (an extract model's
    # calls included: the extension's tokens_by_purpose tells them apart).
    outcome = solution.outcome
    finish = next((c.finish_reason for c in reversed(outcome.calls) if c.text == solution.answer), None)
    return Completion(solution.answer, Usage(outcome.input_tokens, outcome.output_tokens), 0.0, None, finish)


def answer_body(served: ServedRequest, solution: Solution, model: str) -> dict[str, Any]:
    body = _wire.completion_body(_completion(solution), model=model, id=served.id, created=served.created)
    body[EXTENSION] = extension(solution)
    return body


def answer_events(served: ServedRequest, solution: Solution, model: str) -> bytes:
    """The chosen answer as a whole stream, the extension in its last chunk."""
    chunks = _wire.completion_chunks(_completion(solution), model=model, id=served.id, created=served.created)
    chunks[-1][EXTENSION] = extension(solution)
    return b"".join(map(_wire.sse_event, chunks)) + _wire.SSE_DONE

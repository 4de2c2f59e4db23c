"""The revision request: the conversation so far plus the specific failures to fix."""

from __future__ import annotations

from collections.abc import Sequence

from adhere.models import Message
from adhere.samples import Sample

__all__ = ["revision_messages"]

_FEEDBACK = (
    "Your answer does not yet follow every instruction:\n{failures}\n"
    "Write the whole answer again so that it follows all of my instructions. "
    "Reply with the new answer only."
)


def revision_messages(sample: Sample, answer: str, failures: Sequence[str]) -> list[Message]:
    feedback = _FEEDBACK.format(failures="\n".join(f"- {failure}" for failure in failures))
    return [
        *sample.messages,
        {"role": "assistant", "content": answer},
        {"role": "user", "content": feedback},
    ]

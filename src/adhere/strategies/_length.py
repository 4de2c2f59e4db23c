"""``length``: write, count the words, and ask for a revision that names the measured count and
the target; keep the answer closest to the target's window.

The target comes from the prompt's TLG sentence ("The response should have a
word count of T words.") or, with ``oracle_constraints``, from the benchmark's
``length:target_words`` constraint. Words are counted as TLG counts them
(``\\w+`` matches), and the count is said in the feedback, because a model
cannot count its own words reliably but can lengthen or shorten on request.
``trim_words`` is the mechanical fix ``--repair`` applies; it is never part of
the strategy's own answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from adhere.constraints.robustness import TLG_TARGETS, TargetWords, tlg_window, tlg_words
from adhere.constraints.robustness._length import target_phrase
from adhere.errors import AdhereError
from adhere.models import Message, Model
from adhere.samples import Sample
from adhere.strategies._review import know, review
from adhere.strategies._settings import Known, Outcome, StrategySettings

__all__ = ["LengthSettings", "find_target", "length", "trim_words"]

_TLG_SENTENCE = re.compile(r"word count of (more than )?(\d+) words", re.IGNORECASE)


@dataclass(frozen=True)
class LengthSettings(StrategySettings):
    rounds: int = 2  # revisions at most
    #: Raise max_tokens to fit the target (about two tokens a word): a cut-off answer cannot reach it.
    fit_tokens: bool = True

    def __post_init__(self) -> None:
        if self.rounds < 0:
            raise AdhereError(f"length: rounds must be at least 0, not {self.rounds}")


def find_target(sample: Sample, oracle: bool) -> TargetWords | None:
    """The TLG target: the benchmark's constraint with ``oracle``, else the prompt's TLG sentence."""
    if oracle:
        return next((c for c in sample.constraints if isinstance(c, TargetWords)), None)
    found = _TLG_SENTENCE.search(sample.prompt)
    if found is None:
        return None
    number = int(found.group(2))
    target = 800 if found.group(1) else number
    return TargetWords(target) if target in TLG_TARGETS else None  # type: ignore[arg-type]


def _aim(target: int) -> int:
    """The count to ask for: the middle of the precise window (900 for "more than 800")."""
    lower, upper = tlg_window(target)
    return 900 if upper is None else (lower + upper) // 2


def _distance(count: int, target: int) -> int:
    """Words outside the precise window (0 inside)."""
    lower, upper = tlg_window(target)
    if count <= lower:
        return lower + 1 - count
    return 0 if upper is None or count <= upper else count - upper


def _feedback(count: int, target: int) -> str:
    aim = _aim(target)
    direction = "longer" if count < aim else "shorter"
    return (
        f"Your answer has {count} words, but it should have a word count of {target_phrase(target)}. "
        f"Rewrite it to about {aim} words: make it {direction} by about {abs(aim - count)} words, "
        "keeping the same subject. Reply with the new answer only."
    )


def _revision(sample: Sample, answer: str, count: int, target: int) -> list[Message]:
    return [
        *sample.messages,
        {"role": "assistant", "content": answer},
        {"role": "user", "content": _feedback(count, target)},
    ]


async def length(sample: Sample, model: Model, settings: LengthSettings) -> Outcome:
    trace = settings.trace(model)
    known = await know(sample, trace, settings)
    text = await trace.generate("answer", sample.messages, settings.config(0))
    goal = find_target(sample, settings.oracle_constraints)
    if goal is None:  # nothing to measure against: the direct answer
        return Outcome.of(trace, text, known, (await review(trace, sample.prompt, known, text)).verdict)
    if goal not in known.constraints:
        known = Known((goal, *known.constraints), known.soft)
    target = goal.target
    texts, counts = [text], [tlg_words(text)]
    for index in range(1, settings.rounds + 1):
        if _distance(counts[-1], target) == 0:
            break
        config = settings.config(index)
        if settings.fit_tokens:
            config = replace(config, max_tokens=max(config.max_tokens, 2 * _aim(target) + 64))
        messages = _revision(sample, texts[-1], counts[-1], target)
        texts.append(await trace.generate("revise", messages, config))
        counts.append(tlg_words(texts[-1]))
    chosen = min(range(len(texts)), key=lambda i: _distance(counts[i], target))
    own = await review(trace, sample.prompt, known, texts[chosen], soft=False)
    details = {"target": target, "counts": counts, "chosen": chosen}
    return Outcome.of(trace, texts[chosen], known, own.verdict, details)


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def trim_words(text: str, kwargs: Mapping[str, Any]) -> str:
    """``--repair`` for ``length:target_words``: cut an answer that is too long at the last sentence
    end inside the precise window, else after the window's last word. Too short stays as it is."""
    target = int(kwargs["target"])
    lower, upper = tlg_window(target)
    if upper is None or tlg_words(text) <= upper:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    inside = [end for end in ends if lower < tlg_words(text[:end]) <= upper]
    if inside:
        return text[: inside[-1]]
    last_word = list(re.finditer(r"\w+", text))[upper - 1]
    return text[: last_word.end()].rstrip(",;:") + "."

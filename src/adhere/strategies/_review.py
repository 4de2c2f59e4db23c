"""What a strategy knows about a prompt's constraints, and how it reviews an answer against them.

Verifiable constraints are checked with the library; soft ones (free text the
decomposer could not map) by asking the model as a critic. Both produce failure
sentences specific enough to feed back to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from adhere.constraints import Constraint, check_strict
from adhere.constraints.conversation import ConversationConstraint, Exchange
from adhere.extract import Extraction, extract_llm, extract_rules
from adhere.extract._system_rules import system_rule_constraints
from adhere.models import GenerateConfig
from adhere.samples import Sample
from adhere.strategies._extract_model import DECOMPOSE
from adhere.strategies._settings import Known, StrategySettings
from adhere.strategies._trace import Trace

__all__ = ["Review", "judge_score", "know", "know_by_rules", "review"]


@dataclass(frozen=True)
class Review:
    passed: int
    total: int
    failures: tuple[str, ...]

    @property
    def all_pass(self) -> bool:
        return self.passed == self.total

    @property
    def verdict(self) -> bool | None:
        """All known constraints pass; None when nothing was known to check."""
        return self.all_pass if self.total else None

    @property
    def fraction(self) -> float:
        return self.passed / self.total if self.total else 1.0

    def with_judge(self, judged: float) -> float:
        """The share of checks passed when the judge's score counts as one more check."""
        return (self.passed + judged) / (self.total + 1)


async def know(sample: Sample, trace: Trace, settings: StrategySettings) -> Known:
    """Benchmark constraints only with --oracle-constraints; otherwise what the prompt text states."""
    if settings.oracle_constraints:
        # The conversation's rules hold for every reply, this one included.
        return Known((*sample.constraints, *sample.conversation))
    found = _read_by_rules(sample)
    if settings.decompose:
        found = await extract_llm(sample.prompt, trace.model(DECOMPOSE), found, max_tokens=512)
    return _known(found, sample)


def know_by_rules(sample: Sample) -> Known:
    """What ``know`` gives when no model is asked (no decomposer, no oracle constraints)."""
    return _known(_read_by_rules(sample), sample)


def _read_by_rules(sample: Sample) -> Extraction:
    found = extract_rules(sample.prompt)
    if sample.system:
        found = _with_system_rules(found, extract_rules(sample.system))
    return found


def _known(found: Extraction, sample: Sample) -> Known:
    # Rules the system message sets for every reply: secrets, forbidden words, exact replies.
    rules = system_rule_constraints(sample.system) if sample.system else ()
    return Known((*(e.constraint for e in found.constraints), *rules), tuple(s.text for s in found.soft))


def _with_system_rules(prompt: Extraction, system: Extraction) -> Extraction:
    """The prompt's constraints, plus the system message's of types the prompt does not state
    (where both state one, the user's latest word wins)."""
    stated = {e.constraint.id for e in prompt.constraints}
    extra = tuple(e for e in system.constraints if e.constraint.id not in stated)
    return replace(prompt, constraints=(*prompt.constraints, *extra))


_VERDICT = re.compile(r"\W*(yes|no)\b", re.IGNORECASE)
_CRITIC = (
    "Request:\n{prompt}\n\nResponse:\n{response}\n\n"
    "Does the response meet this requirement: {requirement}\n"
    "Answer 'yes' or 'no', then one sentence saying why."
)
_JUDGE = (
    "Request:\n{prompt}\n\nResponse:\n{response}\n\n"
    "Does the response follow every instruction in the request? Answer only 'yes' or 'no'."
)
_CRITIC_CONFIG = GenerateConfig(max_tokens=64, temperature=0.0, seed=0)


def _says_yes(text: str) -> bool | None:
    found = _VERDICT.match(text)
    return None if found is None else found.group(1).lower() == "yes"


def _verified_failures(constraints: tuple[Constraint, ...], prompt: str, response: str) -> list[str]:
    failures = []
    for constraint in constraints:
        if isinstance(constraint, ConversationConstraint):  # judged as the reply to this message
            verdict = constraint.check_conversation([Exchange(1, prompt, response)])
        else:
            verdict = check_strict(constraint, response)
        if not verdict.ok:
            failures.append(f"{constraint.describe()} Problem: {verdict.reason}")
    return failures


async def _soft_failures(trace: Trace, prompt: str, soft: tuple[str, ...], response: str) -> list[str]:
    failures = []
    for requirement in soft:
        message = _CRITIC.format(prompt=prompt, response=response, requirement=requirement)
        answer = await trace.generate("critic", [{"role": "user", "content": message}], _CRITIC_CONFIG)
        # An answer that is neither yes nor no counts as a pass: only a stated failure is fed back.
        if _says_yes(answer) is False:
            why = answer.strip().split("\n")[0][:300]
            failures.append(f"{requirement} Problem: {why}")
    return failures


async def review(trace: Trace, prompt: str, known: Known, response: str, *, soft: bool = True) -> Review:
    """Check ``response`` against what is known; with ``soft``, ask the critic about soft constraints."""
    failures = _verified_failures(known.constraints, prompt, response)
    if soft:
        failures += await _soft_failures(trace, prompt, known.soft, response)
    total = len(known.constraints) + (len(known.soft) if soft else 0)
    trace.reviewed(response, total - len(failures), total, failures)
    return Review(total - len(failures), total, tuple(failures))


async def judge_score(trace: Trace, prompt: str, response: str, settings: StrategySettings) -> float:
    """The share of ``judge_samples`` judge calls that say the response follows the request."""
    message = [{"role": "user", "content": _JUDGE.format(prompt=prompt, response=response)}]
    yes = 0
    for index in range(settings.judge_samples):
        # The first judgement is greedy; the rest sample, so together they estimate a probability.
        config = GenerateConfig(8, 0.0 if index == 0 else 1.0, seed=settings.seed + index)
        yes += _says_yes(await trace.generate("judge", message, config)) is True
    return yes / settings.judge_samples if settings.judge_samples else 0.0

"""Strategies' control flow with the scripted model: when they stop, what they spend,
what they record, and what they are allowed to know."""

from __future__ import annotations

import asyncio

import pytest

from adhere.constraints import build
from adhere.errors import AdhereError
from adhere.models import FakeModel
from adhere.runner import ManagedModel
from adhere.samples import Sample
from adhere.strategies import DECLINED, Outcome, get_strategy, repair

# The rule parser reads two constraints here: all lowercase, and no commas.
PROMPT = "Describe the sea in all lowercase letters. Do not use any commas."
GOOD = "the sea is wide and blue and deep"
ONE_BAD = "The sea is wide and blue and deep"
BOTH_BAD = "The sea is wide, blue, and deep"


def solve(name: str, model: FakeModel, sample: Sample | None = None, **settings: object) -> Outcome:
    sample = sample or Sample.single("s", PROMPT)
    strategy = get_strategy(name)
    return asyncio.run(strategy(sample, model, strategy.settings_from(settings)))


def answers(outcome: Outcome) -> list[str]:
    return [c.purpose for c in outcome.calls]


def scripted(*texts: str, judge: str = "no") -> FakeModel:
    """Answers and revisions from ``texts`` in turn; judge and critic calls answer ``judge``."""
    remaining = list(texts)

    def reply(messages, _config):
        if "Answer only 'yes' or 'no'" in messages[-1]["content"]:
            return judge
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    return FakeModel(reply)


def test_direct_makes_one_call_and_records_it():
    outcome = solve("direct", scripted(GOOD))
    assert outcome.response == GOOD and answers(outcome) == ["answer"]
    call = outcome.calls[0]
    assert call.input_tokens > 0 and call.output_tokens == len(GOOD.split())
    assert outcome.passed_own_checks is True
    assert {k["id"] for k in outcome.known} == {"change_case:english_lowercase", "punctuation:no_comma"}


def test_best_of_n_stops_at_the_first_answer_passing_everything():
    model = scripted(BOTH_BAD, GOOD, ONE_BAD)
    outcome = solve("best-of-n", model, n=5)
    assert outcome.response == GOOD and answers(outcome) == ["answer", "answer"]
    assert outcome.details["passed"] == [0, 2]
    # The first answer is direct's (greedy); later ones sample, each with its own seed.
    configs = [config for _, config in model.calls]
    assert configs[0].temperature == 0.0 and configs[1].temperature > 0
    assert len({c.seed for c in configs}) == 2


def test_best_of_n_spends_at_most_n_and_keeps_the_answer_passing_most():
    outcome = solve("best-of-n", scripted(BOTH_BAD, ONE_BAD, BOTH_BAD), n=3)
    assert answers(outcome) == ["answer"] * 3
    assert outcome.response == ONE_BAD and outcome.passed_own_checks is False


def test_best_of_n_breaks_ties_with_the_first_or_the_judge():
    outcome = solve("best-of-n", scripted(BOTH_BAD, BOTH_BAD.upper()), n=2)
    assert outcome.details["chosen"] == 0 and "judge" not in answers(outcome)
    judged = solve(
        "best-of-n", scripted(BOTH_BAD, BOTH_BAD.upper(), judge="yes"), n=2, judge=True, judge_samples=1
    )
    assert answers(judged).count("judge") == 2


def test_decrim_feeds_back_the_specific_failures_and_stops_when_all_pass():
    model = scripted(ONE_BAD, GOOD)
    outcome = solve("decrim", model, rounds=3)
    assert outcome.response == GOOD and answers(outcome) == ["answer", "revise"]
    feedback = model.calls[1][0][-1]["content"]
    assert "lowercase" in feedback and "commas" not in feedback  # only what failed
    assert model.calls[1][0][-2] == {"role": "assistant", "content": ONE_BAD}


def test_decrim_respects_its_rounds_and_keeps_the_best_answer():
    outcome = solve("decrim", scripted(ONE_BAD, BOTH_BAD), rounds=2)
    assert answers(outcome) == ["answer", "revise", "revise"]
    assert outcome.response == ONE_BAD and outcome.details["passed"] == [1, 0, 0]


def test_tree_spends_its_whole_budget_breadth_first_when_nothing_passes():
    outcome = solve("tree", scripted(BOTH_BAD), branching=2, depth=2)
    assert answers(outcome) == ["answer"] + ["revise"] * 6  # 1 + 2 + 4 nodes
    nodes = outcome.details["nodes"]
    assert [n["depth"] for n in nodes] == [0, 1, 1, 2, 2, 2, 2]
    assert [n["parent"] for n in nodes] == [None, 0, 0, 1, 1, 2, 2]


def test_tree_stops_at_the_first_node_that_passes():
    outcome = solve("tree", scripted(BOTH_BAD, ONE_BAD, BOTH_BAD, GOOD), branching=2, depth=3)
    assert outcome.response == GOOD and len(outcome.calls) == 4
    assert outcome.details["chosen"] == 3 and outcome.details["nodes"][3]["parent"] == 1


def test_tree_depth_first_expands_the_best_child_first():
    outcome = solve("tree", scripted(BOTH_BAD, BOTH_BAD, ONE_BAD), branching=2, depth=2, search="dfs")
    nodes = outcome.details["nodes"]
    # Node 2 (one failure) beats node 1 (two), so depth-first goes below node 2 next.
    assert nodes[3]["parent"] == 2 and len(nodes) == 7


def test_tree_with_a_judge_scores_every_node():
    outcome = solve(
        "tree", scripted(BOTH_BAD, judge="yes"), branching=1, depth=1, judge=True, judge_samples=1
    )
    assert answers(outcome) == ["answer", "judge", "revise", "judge"]
    assert outcome.details["nodes"][0]["score"] == pytest.approx(1 / 3, abs=1e-4)


def test_selective_answers_or_declines_by_confidence():
    confident = solve("selective", scripted(GOOD, judge="yes"), judge_samples=2)
    assert confident.details["answered"] and confident.response == GOOD
    assert answers(confident) == ["answer", "judge", "judge"]
    doubtful = solve("selective", scripted(BOTH_BAD, judge="no"), judge_samples=2, threshold=0.5)
    assert not doubtful.details["answered"] and doubtful.response == BOTH_BAD  # flagged only
    declined = solve("selective", scripted(BOTH_BAD, judge="no"), judge_samples=2, decline=True)
    assert declined.response == DECLINED and declined.details["model_response"] == BOTH_BAD


def test_strategies_know_only_what_the_prompt_states_unless_told_otherwise():
    # The benchmark says "no commas"; the prompt text says nothing checkable.
    sample = Sample.single("s", "Describe the sea.", (build("punctuation:no_comma"),))
    assert solve("best-of-n", scripted(BOTH_BAD), sample, n=3).known == ()
    assert len(solve("best-of-n", scripted(BOTH_BAD), sample, n=3).calls) == 1  # nothing to improve on
    oracle = solve("best-of-n", scripted(BOTH_BAD, GOOD), sample, n=3, oracle_constraints=True)
    assert oracle.response == GOOD and oracle.known[0]["id"] == "punctuation:no_comma"


def test_soft_constraints_are_judged_by_the_critic():
    def reply(messages, _config):
        content = messages[-1]["content"]
        if "meet this requirement" in content:
            answer = content.split("Response:")[1].split("Does the response")[0]
            return "yes" if "whale" in answer else "no - it never mentions whales"
        if content.startswith("List every constraint"):
            return '{"soft": "Mention whales."}'
        return "whales live in the sea" if "Problem" in content else "the sea is blue"

    outcome = solve(
        "decrim", FakeModel(reply), Sample.single("s", "Describe the sea and mention whales."), decompose=True
    )
    assert answers(outcome) == ["decompose", "answer", "critic", "revise", "critic"]
    assert outcome.response == "whales live in the sea" and outcome.passed_own_checks is True


@pytest.mark.parametrize(
    ("constraint_id", "kwargs", "response"),
    [
        ("change_case:english_lowercase", {}, "The Sea."),
        ("change_case:english_capital", {}, "The sea."),
        ("punctuation:no_comma", {}, "wide, blue , deep"),
        ("startend:quotation", {}, "the sea"),
        ("startend:end_checker", {"end_phrase": "Any other questions?"}, "the sea.\n"),
        ("detectable_format:title", {}, "The sea is wide."),
        ("detectable_format:title", {}, "# Ode to the Sea\nIt is wide."),
        ("detectable_content:postscript", {"postscript_marker": "P.P.S"}, "the sea."),
    ],
)
def test_each_repair_makes_its_constraint_pass(constraint_id, kwargs, response):
    constraint = build(constraint_id, kwargs)
    assert not constraint.check(response).ok
    fixed, applied = repair(response, [constraint])
    assert constraint.check(fixed).ok and applied == [constraint_id]


def test_repair_leaves_passing_answers_alone_and_combines_fixes():
    constraints = [
        build("punctuation:no_comma"),
        build("change_case:english_lowercase"),
        build("startend:quotation"),
    ]
    assert repair('"the sea is wide and blue"', constraints) == ('"the sea is wide and blue"', [])
    fixed, applied = repair("The sea is Wide, Blue and deep", constraints)
    assert (
        fixed == '"the sea is wide blue and deep"'
        and all(c.check(fixed).ok for c in constraints)
        and len(applied) == 3
    )


def test_a_rerun_through_the_cache_makes_no_new_calls(tmp_path):
    from adhere.cache import CompletionCache

    model = scripted(BOTH_BAD, ONE_BAD, GOOD)
    cache = CompletionCache(tmp_path / "c.sqlite")
    first = solve("best-of-n", ManagedModel(model, cache=cache), n=4)  # type: ignore[arg-type]
    again = solve("best-of-n", ManagedModel(scripted("never asked"), cache=cache), n=4)  # type: ignore[arg-type]
    assert again.response == first.response == GOOD and len(model.calls) == 3
    assert all(call.cached for call in again.calls) and not any(call.cached for call in first.calls)


def test_an_unknown_strategy_is_a_clear_error():
    with pytest.raises(AdhereError, match=r"--strategy .bogus.*best-of-n"):
        get_strategy("bogus")

"""The synth benchmark: reproducible, compatible constraints, worded by describe()."""

from __future__ import annotations

from adhere.benchmarks import load_bench, synth_samples
from adhere.benchmarks._synth import GENERATORS, compatible


def test_same_seed_same_prompts_other_seed_other_prompts():
    assert synth_samples(40, seed=1) == synth_samples(40, seed=1)
    assert [s.prompt for s in synth_samples(40, seed=1)] != [s.prompt for s in synth_samples(40, seed=2)]


def test_prompts_carry_one_to_three_compatible_constraints_in_their_own_words():
    samples = synth_samples(300, seed=0)
    for sample in samples:
        assert 1 <= len(sample.constraints) <= 3
        assert compatible(sample.instruction_ids)
        for constraint in sample.constraints:
            assert constraint.describe() in sample.prompt
    used = {i for s in samples for i in s.instruction_ids}
    assert used == set(GENERATORS)


def test_lowercase_and_capitals_are_never_asked_together():
    for sample in synth_samples(500, seed=5):
        ids = set(sample.instruction_ids)
        assert not {"change_case:english_lowercase", "change_case:english_capital"} <= ids


def test_synth_is_the_default_bench_and_respects_limit():
    assert len(load_bench("synth", limit=7)) == 7

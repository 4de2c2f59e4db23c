"""Conversation suites: generated benchmarks with their own results sections.

- ``accumulate`` (``_accumulate.py``, metrics in ``_pif.py``): instructions given at
  some turns stay in force for every later turn; scored as PIF per turn, overall
  and PIF-N-K over ``--samples N`` draws.
- ``rules`` (``_rules_scenarios.py``, ``_rules_cases.py``, metrics in
  ``_rules_results.py``): the 14 RuLES scenarios as system-message rules under
  benign use, direct requests and red-team attacks.
- ``tlg``, ``injection``, ``verbalizer`` (``_tlg.py``, ``_injection.py``, ``_verbalizer.py``;
  shared intervals in ``_rates.py``): target-length generation, prompt injection, verbalizer
  manipulation.

Each suite registers in ``benchmarks._registry.GENERATED`` (its generator) and
``results.SUITE_SECTIONS`` (its section); both import it only when used.
"""

# Everything runs from a virtual environment this Makefile creates (.venv).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: install, then check the example responses against their prompts' constraints
demo: $(STAMP)
	$(BIN)/adhere check --data examples/prompts.jsonl --responses examples/responses.jsonl --out runs/demo/verdicts.jsonl
	@echo "verdicts written to runs/demo/verdicts.jsonl"

## test: install, then lint, type-check and run the test suite
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

## bench: speed of adhere's verifier against the lm-eval reference
bench: $(STAMP)
	$(BIN)/python benchmarks/verify_speed.py

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache

# Everything runs from a virtual environment this Makefile creates (.venv).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# llama-cpp-python compiles llama.cpp. A native build uses AMX instructions that
# some CPUs advertise but do not allow ("Illegal instruction"): build portably.
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

.PHONY: demo test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-llama: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[llama,report]'
	touch $@

# The training extra's torch is the CPU build on this machine's disk: installed first, alone,
# so that resolving trl and transformers never pulls another build.
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet 'torch==2.13.0'
	$(BIN)/python -m pip install --quiet -e '.[dev,train]'
	touch $@

## demo: install, then evaluate the embedded model on 20 synthetic prompts
demo: $(VENV)/.installed-llama
	$(BIN)/adhere eval --limit 20 --max-tokens 256 --out runs/demo
	$(BIN)/adhere report runs/demo -o runs/demo/report.html

## test: install, then lint, type-check and run the test suite
test: lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

## bench: speed benchmarks, each against a peer measured in the same run
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/verify_speed.py
	$(BIN)/python benchmarks/runner_overhead.py
	$(BIN)/python benchmarks/concurrency.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/checker_scaling.py

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache

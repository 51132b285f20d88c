# Two commands on a fresh machine with Python 3.11+:  make run  |  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test

.PHONY: run test lint bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

## Open the app (built-in packs, embedded SQLite database).
run: $(STAMP_RUN)
	$(BIN)/mockint

## Lint, type-check, check the import contracts (docs/architecture.md), run the whole test suite.
test: lint
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP_TEST)
	$(BIN)/ruff check mockint tests benchmarks
	$(BIN)/mypy mockint
	$(BIN)/lint-imports

## Benchmarks: each prints ratios against a baseline measured in the same run.
# Every benchmark script (bare_app.py is the baseline app they start, not a benchmark).
BENCHMARKS := packs imports clock practice startup sessions review

bench: $(STAMP_TEST)
	@status=0; for b in $(BENCHMARKS); do echo "== benchmarks/$$b.py"; $(BIN)/python benchmarks/$$b.py || status=1; done; exit $$status

screenshots: $(STAMP_RUN)
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist

# dpp-auditor: every target sets itself up from nothing on a fresh Debian machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= runs
CONFIG ?= examples/dpp-auditor.yaml

.PHONY: scan test lint typecheck bench schemas catalogue clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	# Real OPA in-process for the engine contract test; it declares Python >= 3.14 but runs on 3.11.
	$(BIN)/pip install --quiet --ignore-requires-python opa-golib-python-bindings==0.4.4
	touch $@

install: $(VENV)/.installed

## Audit this machine with the example configuration; writes HTML, PDF and JSON.
scan: $(VENV)/.installed
	bash scripts/install-runtime-system.sh
	$(BIN)/dpp-auditor scan -c $(CONFIG) -o $(OUT) -f json,html,pdf

## Install what the tests need (Debian packages included) and run the whole suite.
test: $(VENV)/.installed-test
	bash scripts/install-runtime-system.sh
	bash scripts/install-test-system.sh
	PYTHON=$(BIN)/python bash scripts/build-lab-images.sh
	$(BIN)/ruff check auditor tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check auditor tests
	$(BIN)/ruff format --check auditor tests

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

## Regenerate the committed JSON Schemas (config, evidence, results).
schemas: $(VENV)/.installed
	$(BIN)/python -m auditor.schemas reports/schema

bench: $(VENV)/.installed-test
	bash scripts/install-test-system.sh
	$(BIN)/python -m auditor.bench $(BENCH)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache

## Refresh the rules/collectors lists in policies/amazon_dpp/clauses.yaml from the Rego METADATA.
catalogue: $(VENV)/.installed
	$(BIN)/python -m auditor.coverage

# Kithkin: `make run` to use it, `make test` to test it. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-purpose bench-web bench-network clean install test-semantic

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/kithkin serve

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: $(STAMP)
	./scripts/ensure-postgres.sh
	./scripts/ensure-chromium.sh
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -q

# The optional semantic purpose backend (not part of `make test`): a CPU build of torch, then
# kithkin[semantic], then the tests that need it. Where PyTorch's CPU index is out of reach,
# name a CPU wheel pip can find: make test-semantic TORCH="torch==2.13.0".
TORCH ?= torch --index-url https://download.pytorch.org/whl/cpu
test-semantic: $(STAMP)
	$(BIN)/pip install -q $(TORCH)
	$(BIN)/pip install -q -e ".[semantic]"
	$(BIN)/pytest -q -m semantic tests/purpose

bench: $(STAMP)
	$(BIN)/python -m bench

bench-web: $(STAMP)
	$(BIN)/python -m bench.web

bench-purpose: $(STAMP)
	$(BIN)/python -m bench.purpose

bench-network: $(STAMP)
	$(BIN)/python -m bench.network

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info

# BetFun Arena: `make up` runs the stack, `make test` runs every test.
# Rust builds use one profile (release) everywhere, so the Solana crates compile once.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PYTHON ?= $(shell command -v python3.11 || command -v python3)
CARGO ?= cargo
VENV := .venv
BIN := $(VENV)/bin
TYPECHECK := $(VENV)/typecheck
PY_SOURCES := client indexer api tests bench/api

# Shared by every recipe (and by pytest, which starts the localnet from there).
export CARGO_TARGET_DIR ?= $(HOME)/.cache/betfun/target

.PHONY: help venv build test up lint fmt idl bench clean distclean

help:
	@echo "make up         set up and run the stack in the foreground (Ctrl-C stops it)"
	@echo "make test       set up and run every test (cargo test, then pytest)"
	@echo "make venv       create .venv with the Python packages (editable install)"
	@echo "make build      build the Rust workspace (release) into \$$CARGO_TARGET_DIR"
	@echo "make lint       ruff, mypy, cargo fmt --check, cargo clippy"
	@echo "make fmt        format Python and Rust sources"
	@echo "make idl        regenerate idl/*.json"
	@echo "make bench      run the benchmarks; figures in bench/results/"
	@echo "make clean      remove .venv and Python caches"
	@echo "make distclean  also remove the Rust build ($$CARGO_TARGET_DIR) and .betfun/ state"

venv: $(VENV)/.installed

# Reinstalled only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

build:
	$(CARGO) build --release --workspace

# The JavaScript client libraries the compatibility test drives the localnet with.
WEB3JS := tests/compat/web3js
$(WEB3JS)/node_modules/.installed: $(WEB3JS)/package-lock.json
	npm ci --prefix $(WEB3JS) --no-audit --no-fund --ignore-scripts
	touch $@

test: venv build $(WEB3JS)/node_modules/.installed
	$(CARGO) test --release --workspace
	$(BIN)/pytest

up: venv build
	$(BIN)/betfun up

# mypy cannot follow the import hook of an editable install: it checks client/, indexer/
# and api/ under their import names through a tree of links (see [tool.mypy] in pyproject).
$(TYPECHECK)/betfun: | $(VENV)/.installed
	mkdir -p $@
	for part in client indexer api; do ln -sfn "$(CURDIR)/$$part" "$@/$$part"; done

lint: venv $(TYPECHECK)/betfun
	$(BIN)/ruff check $(PY_SOURCES)
	$(BIN)/ruff format --check $(PY_SOURCES)
	$(BIN)/mypy -p betfun.client -p betfun.indexer -p betfun.api
	$(BIN)/mypy tests
	$(BIN)/mypy bench/api
	$(CARGO) fmt --all --check
	$(CARGO) clippy --release --workspace --all-targets -- -D warnings

fmt: venv
	$(BIN)/ruff check --fix-only $(PY_SOURCES)
	$(BIN)/ruff format $(PY_SOURCES)
	$(CARGO) fmt --all

# Compiles each program with Anchor's idl-build feature and writes idl/<program>.json.
idl:
	$(CARGO) run --release --quiet -p betfun-idl

# Benchmarks, not tests: they record figures with the machine's description in bench/results/.
bench: venv build
	$(CARGO_TARGET_DIR)/release/localnet-bench
	$(CARGO_TARGET_DIR)/release/arena-cost
	$(CARGO_TARGET_DIR)/release/orderbook-cost
	$(CARGO_TARGET_DIR)/release/pool-cost
	$(CARGO_TARGET_DIR)/release/matching-bench
	$(BIN)/python bench/api/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	find $(PY_SOURCES) -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	$(CARGO) clean
	rm -rf .betfun

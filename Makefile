# Two commands on a fresh clone: `make run` and `make test`. Python 3.11+ is the only prerequisite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Propriety needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

## make run: set up, load the fictional demo authority into var/propriety.db and show what is due
run: setup
	$(BIN)/propriety demo

lint: setup
	$(BIN)/ruff check src tests bench

typecheck: setup
	$(BIN)/mypy src

## make test: set up if needed and run the whole suite (PostgreSQL tests run when PROPRIETY_TEST_POSTGRES_URL is set)
test: lint typecheck
	@$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: that is a failure here"; fi; \
	exit $$rc

bench: setup
	$(BIN)/python bench/engine.py --out bench/out/latest.md

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache src/*.egg-info

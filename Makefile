# Two commands on a fresh clone: `make run` and `make test`. Python 3.11+ is the only prerequisite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STATIC := src/propriety/entrypoints/web/static
ASSETS := $(STATIC)/propriety.css

.PHONY: setup run test lint typecheck unit bench clean assets

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Propriety needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# GOV.UK Frontend, htmx and axe-core come from the npm registry (Node.js and npm needed); never committed.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(ASSETS): node_modules/.package-lock.json src/propriety/entrypoints/web/styles/propriety.scss
	npx --no-install sass --quiet --quiet-deps --load-path=node_modules src/propriety/entrypoints/web/styles/propriety.scss $(ASSETS) --style=compressed --no-source-map
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js node_modules/htmx.org/dist/htmx.min.js $(STATIC)/
	mkdir -p $(STATIC)/assets && cp -r node_modules/govuk-frontend/dist/govuk/assets/images node_modules/govuk-frontend/dist/govuk/assets/manifest.json $(STATIC)/assets/

assets: $(ASSETS)

setup: $(STAMP) $(ASSETS)

## make run: set up, load the fictional demo authorities into var/propriety.db, show what is due,
## then serve them on http://127.0.0.1:8000 and print a sign-in for each role
run: setup
	$(BIN)/propriety demo
	$(BIN)/propriety serve

lint: setup
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src

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

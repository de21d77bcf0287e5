# LCR Engage: two commands for a newcomer.
#   make run   set everything up and start the app with demo data on SQLite
#   make test  set everything up and run the whole test suite
# Needs Python 3.11+ and Node 18+.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app engage
PYTEST_ARGS ?=
# make run PORT=5050: serve on another port. Emailed links follow it (BASE_URL defaults to
# http://127.0.0.1:$(PORT)) unless BASE_URL is set in the environment or instance/config.py.
PORT ?= 5000

.PHONY: run test setup assets browsers lint format clean lock bench explain bench-submit

# Installed again only when pyproject.toml, requirements.lock or package-lock.json change.
# requirements.lock pins every Python package to the exact version we test with (make lock
# writes it from .venv); npm's package-lock.json does the same for node_modules.
$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

.make-python: $(BIN)/activate pyproject.toml requirements.lock
	$(BIN)/pip install --quiet --upgrade pip -c requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

# After upgrading a package in .venv (and passing make test): record the exact versions.
lock:
	scripts/lock-python.sh

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

static/dist/app.css: node_modules/.package-lock.json $(wildcard static/scss/*.scss static/scss/*/*.scss)
	npm run --silent build

setup: .make-python static/dist/app.css

assets: node_modules/.package-lock.json
	npm run --silent build

run: export ENGAGE_ENV ?= development
run: export MFA_DISABLED_FOR_DEMO ?= true
run: export FLASK_RUN_PORT = $(PORT)
run: setup
	$(FLASK) db upgrade
	$(FLASK) load-reference
	$(FLASK) seed-demo
	@echo "\nLCR Engage is starting at http://127.0.0.1:$(PORT) (Ctrl+C to stop)\n"
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: setup
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

# make bench: every public and staff list page under load beside the anchor (bench/run.py).
# make bench FACTOR=100: the demo data and 100 times it (built once, then kept), page by page.
FACTOR ?= 1
BENCH_ARGS ?=
bench: setup
	$(BIN)/python -m bench.run --factor $(FACTOR) $(BENCH_ARGS)

# make explain: PostgreSQL's plan for every query of every benchmarked page at 100 times the
# demo (bench/explain.py); fails on a sequential scan of a large table. Needs PostgreSQL.
EXPLAIN_URL ?= postgresql://postgres@127.0.0.1:5432/engage_bench
explain: setup
	$(BIN)/python -m bench.explain --factor 100 --database-url $(EXPLAIN_URL)

# make bench-submit: 200 residents answering one consultation at once for 60 s, on PostgreSQL
# (bench/submitters.py: a fresh database engage_bench_submit each run). Needs PostgreSQL.
# make bench-submit SUBMIT_ARGS="--clients 50 --duration 20 --workers 3"
SUBMIT_ARGS ?=
bench-submit: setup
	$(BIN)/python -m bench.submitters $(SUBMIT_ARGS)

lint: .make-python
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: .make-python
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules static/dist .make-python .pytest_cache

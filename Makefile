# Policy Builder. Quick start: `make run` (serve with demo data) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get
export DJANGO_SETTINGS_MODULE := policybuilder.settings

.PHONY: run test lint check migrations-check pytest test-postgres test-multi bench serve deps system-deps test-system-deps messages clean

run: deps system-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Policy Builder runs at http://127.0.0.1:8000 with its task worker (stop with Ctrl+C)"
	bash scripts/with-worker.sh $(PY) manage.py runserver 127.0.0.1:8000

test: deps test-deps system-deps test-system-deps lint check migrations-check pytest test-postgres test-multi

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

deps: $(VENV)/.installed
test-deps: $(VENV)/.installed-test

# System libraries: WeasyPrint wants libharfbuzz-subset0 (fast font subsetting); the browser
# tests want Debian's chromium; the PostgreSQL run wants the server binaries; the two-instance
# run wants PostgreSQL and redis-server.
system-deps:
	@bash scripts/system-deps.sh libharfbuzz-subset0

test-system-deps:
	@bash scripts/system-deps.sh libharfbuzz-subset0 chromium postgresql-15 poppler-utils redis-server

lint: test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: test-deps
	$(PY) manage.py check --fail-level WARNING

migrations-check: test-deps
	$(PY) manage.py makemigrations --check --dry-run

pytest: test-deps
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m "not multi"

# The same suite against a throwaway PostgreSQL 15 cluster (browser tests run once, on SQLite).
test-postgres: test-deps
	bash scripts/with-postgres.sh $(PY) -m pytest -m "not browser and not multi"

# Two gunicorn instances with production settings on one throwaway PostgreSQL and Redis
# (tests/multi): a login, a logo and a lockout on one hold on the other. Bounded to 5 minutes.
test-multi: test-deps
	$(PY) -m pytest -m multi -p no:randomly tests/multi

bench: deps system-deps
	bash bench/run.sh

serve: deps system-deps
	bash scripts/serve.sh

messages: test-deps
	$(PY) manage.py makemessages -l nl -l en --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

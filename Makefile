# duluan: the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run test test-fast lint bench demo clean lock

install: $(VENV)/.installed node_modules/.installed build/webform/webform.js

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps --config-settings editable_mode=compat -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $@

# The web form (ODK's engine and our entry module), bundled by esbuild into build/webform/
# (git-ignored, served as /static/webform/): rebuilt when the entry module changes.
build/webform/webform.js: node_modules/.installed $(wildcard duluan/surveys/webform/*.js)
	npm run --silent build
	@touch $@

lock:
	$(UV) pip compile --quiet pyproject.toml --extra dev -o requirements.lock

# Starts the app on SQLite with the demo province loaded on first run. Not DEBUG: a
# wrong address shows the Vietnamese 404 page, as in production (whitenoise serves the
# static files either way); plain http on this machine.
run: install
	$(VENV)/bin/duluan migrate --noinput
	DULUAN_CHANNELS=tip DULUAN_DEMO_MODE=1 $(VENV)/bin/duluan demo --if-empty
	DULUAN_CHANNELS=tip DULUAN_DEBUG=0 DULUAN_HTTPS=0 DULUAN_DEMO_MODE=1 DULUAN_WAIVE_2FA=1 $(VENV)/bin/duluan runserver $(HOST):$(PORT)

test: install
	bash scripts/test.sh $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check . || true
	$(VENV)/bin/mypy duluan config
	$(VENV)/bin/duluan check
	$(VENV)/bin/duluan makemigrations --check --dry-run

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules build var .pytest_cache .mypy_cache .ruff_cache

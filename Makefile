# Two commands for a fresh machine: `make demo` and `make test` (see README.md).
PORT ?= 8000
# The Makefile is for development and the demo; production sets its own environment.
export DJANGO_DEBUG ?= 1
VENV ?= .venv
# Django's own CSP support needs Python >= 3.12; scripts/find-python picks one (python3.13, 3.12, pyenv, ...).
PYTHON ?= $(shell sh scripts/find-python)
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint serve migrate seed install browser-test clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Gongkai needs Python 3.12 or newer (none found)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --no-input

seed: migrate
	$(BIN)/python manage.py seed_demo

# The task worker (background imports) runs beside the development server and stops with it.
demo: seed
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py db_worker --backend background & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/pytest

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media private

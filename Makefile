# Two commands for a newcomer: `make serve` (preview) and `make test` (everything CI checks).
# Both create .venv and install the locked requirements.txt (every package pinned, with hashes) on first use, again
# when the lock changes, and recreate a venv that a failed first attempt left broken.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.requirements-installed
MIN_PYTHON := 3.11

.PHONY: serve test lint format validate build pytest bench lock engine-parity clean venv

# A venv whose Python or pip does not run (a failed first attempt, python3-venv missing, a moved or upgraded Python)
# is removed and made again; the Python version is checked first, with a message saying what to install.
$(READY): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < tuple(map(int, "$(MIN_PYTHON)".split("."))))' 2>/dev/null || { \
	  echo "make: Python $(MIN_PYTHON) or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing)." >&2; \
	  echo "      Install it (Debian/Ubuntu: apt-get install python3 python3-venv; macOS: brew install python@3.12)" >&2; \
	  echo "      or point make at one: make PYTHON=python3.12 ..." >&2; exit 1; }
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  if [ -e $(VENV) ]; then echo "make: $(VENV) is broken (no working Python or pip); recreating it" >&2; rm -rf $(VENV); fi; \
	  $(PYTHON) -m venv $(VENV) || { echo "make: could not create $(VENV): on Debian/Ubuntu, apt-get install python3-venv" >&2; rm -rf $(VENV); exit 1; }; \
	fi
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

venv: $(READY)  ## Create or repair .venv and install the lock

PORT ?= 8000
serve: $(READY)  ## Preview on http://127.0.0.1:$(PORT) (make serve PORT=8001), rebuilding on changes (Python under macros/: restart)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: lint validate build pytest  ## Everything CI runs

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(READY)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# VALIDATE_FORMAT=github prints each problem as a GitHub annotation on the line it names (the PR workflow sets it).
VALIDATE_FORMAT ?= text
validate: $(READY)  ## Check data/ against the schemas and references, without building
	$(BIN)/python -m macros.validate --format $(VALIDATE_FORMAT)

# SOURCE_DATE_EPOCH (the last commit's time) makes the output byte-identical for the same commit. Without it the
# build stops rather than stamp another time: set SOURCE_DATE_EPOCH=<seconds since 1970> to build outside git.
build: $(READY)
	@epoch="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)}"; \
	if [ -z "$$epoch" ]; then \
	  echo "make build: cannot read the last commit's time from git, so the build would not be reproducible." >&2; \
	  echo "  Not a git checkout, git missing, or git refusing the folder ('dubious ownership': run" >&2; \
	  echo "  git config --global --add safe.directory \"$$PWD\"). To build anyway: make build SOURCE_DATE_EPOCH=\$$(date +%s)" >&2; \
	  exit 1; \
	fi; \
	echo "SOURCE_DATE_EPOCH=$$epoch $(BIN)/mkdocs build --strict"; \
	SOURCE_DATE_EPOCH="$$epoch" $(BIN)/mkdocs build --strict

# pytest-xdist: one worker per core and one more (conftest.pytest_xdist_auto_num_workers). A test file's tests stay
# in one worker, so a module's shared build is made once (builds several files share are made once per run:
# tests/conftest.py, shared); files are handed out in collection order, the longest first (conftest.LONGEST_FIRST).
# The 25 slowest tests are listed.
pytest: $(READY)
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder --durations=25

bench: $(READY)  ## Performance figures (see docs/performance.md)
	$(BIN)/python -m bench.run

# The lock is made from PyPI alone, whatever local indexes or wheel folders pip is configured with, so its hashes
# cover every published file (Linux, macOS, Windows). LOCK_ARGS=--upgrade moves every package to its newest release.
LOCK_ARGS ?=
lock: $(READY)  ## Regenerate requirements.txt (every package pinned, with hashes) from requirements.in
	env -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_FIND_LINKS -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
	  $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file=requirements.txt $(LOCK_ARGS) requirements.in

engine-parity: $(READY)  ## Build with MkDocs and with ProperDocs; fail if they differ beyond the generator tag
	$(BIN)/python scripts/engine_parity.py

clean:
	rm -rf site .pytest_cache .hypothesis

# --- Graphviz and screenshots (the relations diagram is laid out by Graphviz's `dot`; see README) ---------------
.PHONY: graphviz screenshots
serve build pytest test: graphviz

graphviz:  ## Install Graphviz's dot if it is missing (apt-get as root, or Homebrew), else say how
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing Graphviz (dot lays out the relations diagram)"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends graphviz; \
	  elif command -v brew >/dev/null 2>&1; then \
	    echo "make: installing Graphviz with Homebrew (dot lays out the relations diagram)"; brew install graphviz; \
	  else \
	    echo "Graphviz's 'dot' is needed to lay out the relations diagram. Install it, then run make again:"; \
	    echo "  Debian/Ubuntu: sudo apt-get install graphviz"; \
	    echo "  macOS:         brew install graphviz"; \
	    exit 1; \
	  fi; }

screenshots: build  ## PNGs of key pages at 390 and 1280 px, light and dark, in screenshots/
	$(BIN)/python scripts/screenshots.py site screenshots

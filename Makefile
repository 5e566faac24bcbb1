# Two commands for a newcomer: `make serve` (preview) and `make test` (everything CI checks).
# Both create .venv and install the pinned requirements on first use, and again when requirements.txt changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.requirements-installed

.PHONY: serve test lint format validate build pytest bench clean

$(READY): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

serve: $(READY)  ## Preview on http://127.0.0.1:8000, reloading on changes to data/, macros/, overrides/, docs/
	$(BIN)/mkdocs serve

test: lint validate build pytest  ## Everything CI runs

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(READY)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: $(READY)  ## Check data/ against the schemas and references, without building
	$(BIN)/python -m macros.validate

# SOURCE_DATE_EPOCH (the last commit's time) makes the output byte-identical for the same commit.
build: $(READY)
	SOURCE_DATE_EPOCH="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)}" $(BIN)/mkdocs build --strict

pytest: $(READY)
	$(BIN)/python -m pytest

bench: $(READY)  ## Performance figures (see docs/performance.md)
	$(BIN)/python -m bench.run

clean:
	rm -rf site .pytest_cache .hypothesis

# --- Graphviz and screenshots (the relations diagram is laid out by Graphviz's `dot`; see README) ---------------
.PHONY: graphviz screenshots
serve build pytest test: graphviz

graphviz:  ## Check that Graphviz's dot is installed, and say how to install it if not
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Graphviz's 'dot' is needed to lay out the relations diagram. Install it, then run make again:"; \
	  echo "  Debian/Ubuntu: sudo apt-get install graphviz"; \
	  echo "  macOS:         brew install graphviz"; \
	  exit 1; }

screenshots: build  ## PNGs of key pages at 390 and 1280 px, light and dark, in screenshots/
	$(BIN)/python scripts/screenshots.py site screenshots

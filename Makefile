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

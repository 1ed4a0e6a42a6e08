# Two entry points for a fresh machine with Python 3.11 and make:
#   make run   - create .venv, install, start the demo window
#   make test  - create .venv with the dev and optional extras, run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test fuzz matrix lint bench screenshots i18n clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,vss,fleet,voice]"
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/cockpit run

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

# The long generated suites (bad input, faults, signals) behind the `fuzz` marker; .ci/run runs them.
fuzz: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -m fuzz

# The layout audits (collisions, contrast, text sizes) over the whole screen matrix and the docs'
# pictures (`make screenshots` in a temporary folder); .ci/run runs them.
matrix: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -m matrix tests/ui

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(VENV)/.installed
	$(BIN)/cockpit bench

# docs/screenshot.png (the README's) and docs/screens/: each size, theme, cluster layout, en and de.
screenshots: $(VENV)/.installed
	$(BIN)/python tools/screenshots.py docs/screens docs/screenshot.png

# Extract the marked strings into cockpit/locale/cockpit.pot, merge them into every language's
# .po and compile the .mo files (tools/catalogue.py; `--add es` starts another language).
i18n: $(VENV)/.installed-dev
	$(BIN)/python tools/catalogue.py

clean:
	rm -rf $(VENV) build *.egg-info

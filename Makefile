# Two commands do everything on a fresh machine:
#   make preview   build the demo site and serve it with live reload (http://127.0.0.1:8000)
#   make test      run the whole test suite (installs what it needs first, and says what)
# Also: make test-fast (no browsers, corpus or package index), make lint (ruff, mypy),
# make test-lowest (the fast tests on the lowest versions pyproject.toml allows),
# make site (one -W build into _build/html), make example, make bench, make ci (all CI runs).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# a second venv with every dependency at its declared lower bound (tests/constraints-lowest.txt)
LOWEST_VENV ?= .venv-lowest
LOWEST_STAMP := $(LOWEST_VENV)/.installed
FAST := not browser and not corpus and not network

.PHONY: site preview example test test-fast test-lowest lint ci bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test,bench]"
	touch $(STAMP)

$(LOWEST_STAMP): pyproject.toml tests/constraints-lowest.txt
	$(PYTHON) -m venv $(LOWEST_VENV)
	$(LOWEST_VENV)/bin/python -m pip install -q --upgrade pip
	$(LOWEST_VENV)/bin/python -m pip install -q -c tests/constraints-lowest.txt -e ".[test]"
	touch $(LOWEST_STAMP)

site: $(STAMP)
	$(PY) -m sphinx -W --keep-going -b html . _build/html

example: $(STAMP)
	$(PY) -m sphinx -W --keep-going -b html examples examples/_build/html

.PHONY: docs
docs: $(STAMP)
	$(PY) -m sphinx -W --keep-going -b html docs docs/_build/html

preview: $(STAMP)
	$(VENV)/bin/sphinx-autobuild . _build/html --watch src --ignore "*/_build/*"

system-deps:
	@echo "make test: the browser tests need system packages; installing those missing of:"
	@echo "  apt-get: chromium chromium-driver openjdk-17-jre-headless nodejs npm fonts-dejavu-core"
	@echo "  npm (into ./node_modules): axe-core vnu-jar (versions in package.json)"
	bash tools/install-system-deps.sh

test: $(STAMP) system-deps
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "$(FAST)"

test-lowest: $(LOWEST_STAMP)
	$(LOWEST_VENV)/bin/python -m pytest -q -m "$(FAST)"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench tools
	$(VENV)/bin/ruff format --check src tests bench tools
	$(VENV)/bin/mypy

ci: lint test test-lowest

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf _build examples/_build test-artifacts

# Two commands do everything on a fresh machine:
#   make preview   build the demo site and serve it with live reload (http://127.0.0.1:8000)
#   make test      run the whole test suite (installs what it needs first)
# Also: make site (one -W build into _build/html), make example, make bench, make lint.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site preview example test lint bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test,bench]"
	touch $(STAMP)

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
	bash tools/install-system-deps.sh

test: $(STAMP) system-deps
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench tools
	$(VENV)/bin/ruff format --check src tests bench tools

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf _build examples/_build test-artifacts

# Two commands for people: `make run` and `make test`. Both set themselves up from nothing
# but Python 3.11+ (a virtual environment in .venv, the project installed into it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-installed
TEST_STAMP := $(VENV)/.test-installed

.PHONY: run test bench check-content clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(APP_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(APP_STAMP)
	$(BIN)/planner

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/planner check-content content

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py --out bench/results.json

check-content: $(APP_STAMP)
	$(BIN)/planner check-content content

clean:
	rm -rf $(VENV) build *.egg-info

# Two commands for people: `make run` and `make test`. Both set themselves up from nothing
# but Python 3.11+ (a virtual environment in .venv, the project installed into it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-installed
TEST_STAMP := $(VENV)/.test-installed
BUNDLE_STAMP := $(VENV)/.bundle-installed
# Reproducible bundles: file dates in archives come from here. Release builds should pass the
# commit's time (SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct)); the default is a fixed date.
SOURCE_DATE_EPOCH ?= 315532800

POT := translations/planner.pot
PO_FILES := $(wildcard translations/*/LC_MESSAGES/planner.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test bench check-content clean translations catalogs bundle portable bundle-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(APP_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(BUNDLE_STAMP): pyproject.toml $(APP_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	touch $@

# Compiled catalogs are built from the committed .po files, never committed themselves.
%.mo: %.po $(APP_STAMP)
	$(BIN)/pybabel compile -i $< -o $@ -D planner >/dev/null

catalogs: $(MO_FILES)

# Extract every _() / N_() string, merge into each language, regenerate the pseudo-locales.
translations: $(APP_STAMP)
	$(BIN)/pybabel extract -F pyproject.toml -c NOTE: --sort-by-file --no-wrap \
		--project planner --version 1 -o $(POT) planner
	$(BIN)/pybabel update -i $(POT) -d translations -D planner --no-wrap --no-fuzzy-matching
	$(BIN)/python scripts/pseudo_locale.py translations
	$(MAKE) catalogs

run: $(APP_STAMP) catalogs
	$(BIN)/planner

test: $(TEST_STAMP) catalogs
	$(BIN)/ruff check planner tests bench packaging scripts
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/planner check-content content

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py --out bench/results.json

check-content: $(APP_STAMP)
	$(BIN)/planner check-content content

clean:
	rm -rf $(VENV) build *.egg-info

# Desktop bundle in dist/planner/ (PyInstaller, onedir; see packaging/planner.spec).
bundle: $(BUNDLE_STAMP) catalogs
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) PYTHONHASHSEED=0 $(BIN)/pyinstaller --noconfirm \
		--clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/planner.spec

# The same bundle ready for a USB stick: dist/Planner-portable/ and an archive of it.
portable: bundle
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(BIN)/python packaging/portable.py dist/planner dist

# Starts the built bundle headless and checks what it contains (packaging/tests/).
bundle-test: bundle $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest packaging/tests

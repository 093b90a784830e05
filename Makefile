# Ruang Hak — the commands a newcomer needs. See README.md.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: serve build offline check test lint setup clean bench bench-search

# Create .venv if missing and install the pinned dependencies (again when pyproject.toml changes).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# axe-core for the accessibility tests, pinned in tests/browser/package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	npm ci --silent --no-audit --no-fund --prefix tests/browser
	touch $(AXE)

setup: $(STAMP)

## make serve: build everything, then serve on http://127.0.0.1:8000 and rebuild when modules/, docs/ or overrides/ change
serve: $(STAMP)
	$(BIN)/kurikulum serve --dev-addr 127.0.0.1:8000

## make build: strict build of the whole site into site/
build: $(STAMP)
	$(BIN)/kurikulum build

## make offline: the offline forms: ruang-hak-offline.zip (a laptop or USB stick: open index.html) and one Kiwix file per language (ruang-hak_<lang>.zim)
offline: $(STAMP)
	$(BIN)/kurikulum build --offline

## make check: validate the curriculum only (fast)
check: $(STAMP)
	$(BIN)/kurikulum check

## make test: every test
test: $(STAMP) $(AXE)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/pytest

## make bench: build time against plain MkDocs at 12/120/600 modules, handouts, page weight; writes BENCHMARKS.md
bench: $(STAMP)
	$(BIN)/python scripts/bench_build.py

## make bench-search: recall@5 of our search and of stock Material search, in chromium (not part of make test)
bench-search: $(STAMP)
	$(BIN)/python scripts/bench_search.py

lint: $(STAMP)
	$(BIN)/ruff check --fix scripts tests
	$(BIN)/ruff format scripts tests

clean:
	rm -rf site site-offline .cache ruang-hak-offline.zip ruang-hak_*.zim

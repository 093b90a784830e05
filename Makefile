# Ruang Hak — the commands a newcomer needs. See README.md.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

KURIKULUM := $(BIN)/kurikulum

.PHONY: serve build offline check check-handouts status new translated reviewed test lint setup clean bench bench-search

# A volunteer reads the last line of a check. make would add its own line after it, in English, to every
# command that fails ("make: *** [Makefile:40: check] Error 1"). Ending make with SIGPIPE when the command
# fails is the one non-zero exit that neither make nor the shells (bash, zsh, dash) comment on, so the
# command's own summary, in the volunteer's language, stays the last line. The exit status is then 141,
# not 1: still a failure for CI and for `make check && ...`. (tests/test_make.py holds it to that.)
QUIETLY := || kill -PIPE $$PPID

# What a volunteer types after the target (make new TOPIK=gender JUDUL="Judul modul"), handed to the
# command through the environment, so that quotes, spaces and $ arrive as typed.
VALUES := TOPIK JUDUL ID MODUL PENINJAU PERAN BAHASA
$(foreach name,$(VALUES),$(eval override $(name) := $$(value $(name))))
export $(VALUES)
# make check BAHASA=en: the messages in another language.
LANG_OPTION := $${BAHASA:+--lang "$$BAHASA"}

# Create .venv if missing and install the pinned dependencies (again when pyproject.toml changes).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# pip compiles the packages it installs, not our editable scripts/; Python would on first import, but not
	# where PYTHONDONTWRITEBYTECODE is set (CI machines), and then every command compiles them again (a fifth of a second).
	$(BIN)/python -m compileall -q scripts
	touch $(STAMP)

# axe-core for the accessibility tests, pinned in tests/browser/package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	npm ci --silent --no-audit --no-fund --prefix tests/browser
	touch $(AXE)

# A recipe of its own, so that make does not say "Nothing to be done" in English.
setup: $(STAMP)
	@echo "Siap / Ready: $(VENV)/"

## make serve: build everything, then serve on http://127.0.0.1:8000 and rebuild when modules/, docs/ or overrides/ change
serve: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) serve --dev-addr 127.0.0.1:8000 $(QUIETLY)

## make build: strict build of the whole site into site/
build: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) build $(QUIETLY)

## make offline: the offline forms: ruang-hak-offline.zip (a laptop or USB stick: open index.html) and one Kiwix file per language (ruang-hak_<lang>.zim)
offline: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) build --offline $(QUIETLY)

## make check: validate the curriculum only (fast); the last line is the summary
check: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) check $(QUIETLY)

## make check-handouts: the check, then render every handout and check it fits its pages
check-handouts: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) check --handouts $(QUIETLY)

## make status: per module, translation state, review and the age of the legal-basis check
status: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) status $(QUIETLY)

## make new TOPIK=gender JUDUL="Judul modul" [ID=gender-kode-modul]: a new module from the template
new: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) new --topik "$$TOPIK" --judul "$$JUDUL" $${ID:+--id "$$ID"} $(QUIETLY)

## make translated MODUL=kode-modul: record that the module's translations match its current Indonesian text
translated: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) translated $$MODUL $(QUIETLY)

## make reviewed MODUL=kode-modul PENINJAU="Nama" PERAN=hukum|isi: record a legal or content review
reviewed: $(STAMP)
	@$(KURIKULUM) $(LANG_OPTION) reviewed "$$MODUL" --reviewer "$$PENINJAU" --role "$$PERAN" $(QUIETLY)

## make test: every test
test: $(STAMP) $(AXE)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/pytest

## make bench: build time against plain MkDocs at 12/120/600 modules, edit→reload under make serve, handouts, page weight, then make bench-search; writes BENCHMARKS.md (about an hour)
bench: $(STAMP)
	$(BIN)/python scripts/bench_build.py
	$(BIN)/python scripts/bench_search.py

## make bench-search: recall@5 of our search and of stock Material search, in chromium (not part of make test)
bench-search: $(STAMP)
	$(BIN)/python scripts/bench_search.py

lint: $(STAMP)
	$(BIN)/ruff check --fix scripts tests
	$(BIN)/ruff format scripts tests

clean:
	rm -rf site site-offline .cache ruang-hak-offline.zip ruang-hak_*.zim

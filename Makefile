# Oqu — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PYPROJECT := pyproject.toml
# uv installs the pinned packages in seconds where pip takes minutes (docs/dependencies.md).
UV_VERSION := 0.13.8

# Python caches compiled modules (and pytest its rewritten test modules) in __pycache__, even where
# the shell sets PYTHONDONTWRITEBYTECODE: without the cache every test process and every `oqu` a
# test starts compiles Oqu, the tests and the libraries again (docs/benchmarks.md, "The test
# suite"). uv installs without compiling; each module is compiled once, when first imported.
unexport PYTHONDONTWRITEBYTECODE

# Django 6 and our typing need Python >= 3.12; these machines default to 3.11, so find one.
FIND_PYTHON := for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 python3; do \
  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
    command -v $$p; exit 0; fi; done; exit 1

.PHONY: help run test check lint types fmt venv browser-deps examples clean bench

help:
	@echo "make run    - set up, build the examples into dist/, start the portal on http://127.0.0.1:8000"
	@echo "make test   - set up everything the tests need and run all tests"
	@echo "make check  - format check, lint, types and tests (what CI's quality gate runs)"
	@echo "make bench  - run the benchmarks in bench/"

$(STAMP): $(PYPROJECT)
	@py=$$( $(FIND_PYTHON) ) || { echo "Oqu needs Python 3.12 or newer (python3.12, python3.13 or ~/.pyenv/versions/3.12*); none found." >&2; exit 1; }; \
	  test -x $(PY) || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) 2>&1 | grep -v "is ignored" || true
	$(VENV)/bin/uv pip install --quiet --python $(PY) -e '.[dev,server]'
	$(PY) -c 'import oqu, markdown_it, PIL, lxml, xmlschema, playwright' 
	touch $(STAMP)

venv: $(STAMP)

# System packages from Debian when missing: Chromium for the browser tests (never a downloaded
# browser), LibreOffice Impress and poppler's pdftoppm for rendering PowerPoint slides, Pango and
# DejaVu fonts for WeasyPrint's certificates (DejaVu has every Kazakh letter), gettext for the
# test that the portal's Kazakh and Russian catalogues are complete.
APT_NEEDS := chromium libreoffice-impress-nogui poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 gettext zip
browser-deps: $(NODE_STAMP)
	@missing=""; for pkg in $(APT_NEEDS); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; done; \
	  if [ -n "$$missing" ]; then echo "installing from Debian:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	    || { echo "could not install:$$missing" >&2; exit 1; }; fi

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

examples: $(STAMP)
	@rm -rf dist
	@for d in examples/*/; do $(VENV)/bin/oqu build "$$d" --out dist || exit 1; done
	@echo; echo "Built into $$(pwd)/dist:"; ls -1 dist | sed 's/^/  /'
	@echo "Open a web build offline: dist/<slug>-web/index.html; upload a *-scorm12.zip to Moodle."

# The portal on http://127.0.0.1:8000 (SQLite and files under var/, a job worker beside it):
# migrations applied and, on first start, demo data loaded from examples/ (docs/portal.md).
run: examples
	$(VENV)/bin/oqu serve

# One test process per CPU (pytest-xdist): the suite waits on Chromium as much as it computes.
# With DATABASE_URL_POSTGRES set (CI), the portal's database tests run again on PostgreSQL in a
# third process beside them (no slower than after them, docs/benchmarks.md); its report is
# printed after theirs.
# `make test PYTEST_WORKERS=0` runs it in one process.
PYTEST_WORKERS ?= auto
XDIST = -n $(PYTEST_WORKERS) $(if $(filter 0,$(PYTEST_WORKERS)),,--dist worksteal)
test: $(STAMP) browser-deps
	@pg=; log=; trap 'test -n "$$pg" && kill $$pg 2>/dev/null; test -n "$$log" && rm -f "$$log"' EXIT; \
	if [ -n "$$DATABASE_URL_POSTGRES" ]; then log=$$(mktemp); \
	  DATABASE_URL="$$DATABASE_URL_POSTGRES" $(PY) -m pytest -q -p no:cacheprovider \
	    -m "database and not browser" tests/portal >"$$log" 2>&1 & pg=$$!; fi; \
	$(PY) -m pytest -q $(XDIST); rc=$$?; \
	if [ -n "$$pg" ]; then wait $$pg; pgrc=$$?; pg=; \
	  echo "portal tests that use the database, on PostgreSQL (run beside the above; the browser ones ran on SQLite):"; \
	  cat "$$log"; if [ $$rc = 0 ]; then rc=$$pgrc; fi; fi; exit $$rc

lint: $(STAMP)
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/ruff check src tests bench

types: $(STAMP)
	$(VENV)/bin/mypy

check: lint types test

fmt: $(STAMP)
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

bench: $(STAMP)
	$(PY) bench/startup_speed.py
	$(PY) bench/build_speed.py

clean:
	rm -rf $(VENV) dist node_modules .pytest_cache .mypy_cache .ruff_cache

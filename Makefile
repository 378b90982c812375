# MobInnov: `make demo` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: install demo serve test lint typecheck check messages browsers clean

# Re-installs only when pyproject.toml changed: a second `make demo` starts in seconds.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@mkdir -p var
	DEBUG=1 $(BIN)/mobinnov migrate --noinput
	DEBUG=1 $(BIN)/mobinnov load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops); PDF booklets are made in the background."
	@DEBUG=1 $(BIN)/mobinnov run_booklet_jobs --loop --interval 5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/mobinnov runserver 127.0.0.1:$(PORT)

serve: install
	DEBUG=1 $(BIN)/mobinnov runserver 127.0.0.1:$(PORT)

browsers:
	@scripts/ensure-chromium.sh

test: install browsers
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	SECRET_KEY=typecheck $(BIN)/mypy

check: lint typecheck
	DEBUG=1 DATABASE_URL=sqlite:///:memory: $(BIN)/mobinnov makemigrations --check --dry-run

# Translators: refresh the catalogues after changing strings, then compile them.
messages: install
	cd src/mobinnov && DEBUG=1 ../../$(BIN)/mobinnov makemessages --locale fr --no-obsolete --no-location --ignore 'static/*'
	cd src/mobinnov && DEBUG=1 ../../$(BIN)/mobinnov compilemessages --locale fr

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

# The two commands: `make run` and `make test`. Both set up whatever is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test setup setup-test lint bench-features lock clean-local

run: setup
	scripts/run.sh

test: setup-test
	source .local/env && .venv/bin/python -m pytest

setup:
	scripts/bootstrap.sh

setup-test:
	scripts/bootstrap.sh --with-browser

lint:
	.venv/bin/ruff check .

bench-features: setup
	source .local/env && .venv/bin/python bench/features.py

# Regenerate the lock file from requirements.in (needs the package registry).
lock:
	python3 -m venv .local/lock-venv && .local/lock-venv/bin/pip install -q -r requirements.in \
	  && .local/lock-venv/bin/pip freeze > requirements.txt && rm -rf .local/lock-venv

# Vector tiles: raw SQL vs our endpoint (gunicorn) vs tipg, on a separate benchmark database.
.PHONY: bench-tiles
bench-tiles: setup
	source .local/env && .venv/bin/python bench/tiles.py

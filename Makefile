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

# Surveillance: fields of view, district coverage, placement and who-sees at 10,000 cameras
# and 50,000 buildings, on a separate benchmark database.
.PHONY: bench-coverage
bench-coverage: setup
	source .local/env && .venv/bin/python bench/coverage.py

# Risk scenarios (Mw 6.5, whole municipality) at 25 m and 10 m through the app's service, on a separate benchmark database.
.PHONY: bench-risk
bench-risk: setup
	source .local/env && .venv/bin/python bench/risk.py

# Counter-terrorism: risk of all places + 2,000 synthetic sites, cordon p95, vehicle approaches of an event perimeter.
.PHONY: bench-ct
bench-ct: setup
	source .local/env && .venv/bin/python bench/ct.py

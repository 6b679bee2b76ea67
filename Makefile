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

# ruff (lint and format), mypy with the Django and DRF stubs (pyproject.toml: which packages, how
# strict) and ESLint (eslint.config.mjs) on the front end's modules; all offline. pre-commit runs
# the same on the changed files (.pre-commit-config.yaml).
lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	if [ -f .local/env ]; then source .local/env; fi; .venv/bin/mypy
	node_modules/.bin/eslint frontend/static/frontend/js

bench-features: setup
	source .local/env && .venv/bin/python bench/features.py

# Regenerate the lock file from requirements.in (needs the package registry).
lock:
	python3 -m venv .local/lock-venv && .local/lock-venv/bin/pip install -q -r requirements.in \
	  && .local/lock-venv/bin/pip freeze > requirements.txt && rm -rf .local/lock-venv

# Vector tiles: raw SQL vs our endpoint (gunicorn) vs tipg, on a separate benchmark database.
.PHONY: bench-tiles
bench-tiles: setup
	@command -v nginx >/dev/null && command -v wrk >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null)
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

# The production topology on this machine: nginx, two app servers, a PostgreSQL primary and a
# streaming replica, Celery workers per queue on RabbitMQ (README, "Production").
.PHONY: prod prod-down prod-test
prod: setup
	scripts/prod.sh up

prod-down:
	scripts/prod.sh down

# Tests against the running topology (brings it up first).
prod-test: prod
	source .local/prod/env && .venv/bin/python -m pytest tests/prod -q -p no:randomly

# Public order: Gi* on a 250 m hexagonal grid and kernel density at 50 m over the whole
# municipality with 100,000 synthetic incidents (no database needed).
.PHONY: bench-hotspots
bench-hotspots: setup
	.venv/bin/python bench/hotspots.py
# Situation Centre: push-API ingestion, SSE push latency at 500 incidents/s, incident tile size.
.PHONY: bench-incidents
bench-incidents: setup
	source .local/env && .venv/bin/python bench/incidents.py
# `make run` with DEBUG on (tracebacks, static files from the source folders): development only.
.PHONY: dev
dev: setup
	DEBUG=true scripts/run.sh

# Backups (geo_platform/backup.py): the database (pg_dump custom format) and MEDIA_ROOT into
# .local/backups/<UTC date-time>/ or BACKUP_DIR; `make restore FROM=<folder>` DROPS the
# database and restores both (stop the server and workers first).
.PHONY: backup restore
backup:
	source .local/env && .venv/bin/python -m geo_platform.backup create $(if $(BACKUP_DIR),--to "$(BACKUP_DIR)")

restore:
	@test -n "$(FROM)" || { echo "Usage: make restore FROM=.local/backups/<folder>"; exit 2; }
	source .local/env && .venv/bin/python -m geo_platform.backup restore "$(FROM)"

# Load test: locust (50 users, 60 s, headless) against a make-run-style gunicorn on its own
# benchmark database; prints locust's table and {"rps", "p95_ms", "errors"} last.
# `make bench-load TARGET=prod`: the same against the production topology (brings it up first).
# BENCH_USERS and BENCH_SECONDS change the users and the duration.
.PHONY: bench-load
bench-load: setup
	$(if $(filter prod,$(TARGET)),scripts/prod.sh up &&) source .local/env && BENCH_TARGET=$(TARGET) .venv/bin/python bench/load.py

# API fuzzing: schemathesis against the OpenAPI document as each role, 25 cases per
# operation and role (≥ 10,000 calls); the suite runs the same test with 2.
.PHONY: fuzz
fuzz: setup-test
	source .local/env && FUZZ_ROLES=all FUZZ_EXAMPLES=25 .venv/bin/python -m pytest tests/fuzz -q -p no:cacheprovider -s
# Counter-terrorism: risk of all places + 2,000 synthetic sites, cordon p95, vehicle approaches of an event perimeter.
.PHONY: bench-ct
bench-ct: setup
	source .local/env && .venv/bin/python bench/ct.py

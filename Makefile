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

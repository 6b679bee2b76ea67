#!/usr/bin/env bash
# Serve the platform on http://127.0.0.1:8000 with a Celery worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
source .local/env
.venv/bin/python manage.py demo_logins
.venv/bin/celery -A geo_platform.celery worker -Q interactive,batch,exports --loglevel=warning --concurrency=1 >.local/celery.log 2>&1 &
worker=$!
# Situation Centre demo feed (marked demo): seeds the last 24 h once, then one incident every ~45 s for 8 h at most.
.venv/bin/python manage.py situation_demo_feed --trickle 45 --minutes 480 >.local/demo-feed.log 2>&1 &
feed=$!
trap 'kill $worker $feed 2>/dev/null || true' EXIT
echo "==> Serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
# --reuse-port: the kernel spreads connections over the workers (keep-alive clients would
# otherwise often all land on the worker that accepted first).
.venv/bin/gunicorn geo_platform.wsgi:application --bind 127.0.0.1:8000 --workers 2 --threads 4 --reuse-port \
  --access-logfile - --graceful-timeout 5

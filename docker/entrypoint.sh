#!/bin/sh
# Container start: wait for PostgreSQL, migrate, optionally load the Sofia data, then run
# the command (gunicorn by default; `celery -A geo_platform.celery worker` for the worker).
#
#   DB_WAIT_SECONDS   how long to wait for the database (default 60)
#   RUN_MIGRATIONS    1 (default) runs `manage.py migrate`; the worker sets 0
#   LOAD_SOFIA_DATA   1 runs `manage.py load_sofia_data` (idempotent) from SHARED_DATA_DIR
set -eu

log() { printf '==> %s\n' "$*"; }

: "${DATABASE_URL:?DATABASE_URL is not set}"

log "Waiting for the database"
python - <<'PY'
import os
import sys
import time

import psycopg

# The settings accept postgis:// too; libpq only knows postgres:// and postgresql://.
url = os.environ["DATABASE_URL"]
if url.startswith("postgis://"):
    url = "postgresql://" + url.removeprefix("postgis://")
deadline = time.monotonic() + float(os.environ.get("DB_WAIT_SECONDS", "60"))
while True:
    try:
        psycopg.connect(url, connect_timeout=3).close()
        break
    except psycopg.OperationalError as exc:
        if time.monotonic() > deadline:
            sys.exit(f"The database did not answer: {str(exc).strip()}")
        time.sleep(1)
PY

if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
  log "Migrating"
  python manage.py migrate --noinput
fi

if [ "${LOAD_SOFIA_DATA:-0}" = "1" ]; then
  data_dir=${SHARED_DATA_DIR:-/srv/shared/data}
  if [ ! -f "$data_dir/SOURCES.md" ]; then
    echo "LOAD_SOFIA_DATA=1 but $data_dir has no SOURCES.md: mount the shared Sofia data there." >&2
    exit 1
  fi
  log "Loading the Sofia data from $data_dir"
  python manage.py load_sofia_data --data-dir "$data_dir"
fi

if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
  # The metrics of this container's processes only; old files from a previous start go.
  mkdir -p "$PROMETHEUS_MULTIPROC_DIR" && rm -f "$PROMETHEUS_MULTIPROC_DIR"/*.db
fi

exec "$@"

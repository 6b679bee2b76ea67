#!/usr/bin/env bash
# Bring a fresh machine (Debian 12, as root) or an existing checkout up to date:
# system packages, the virtual environment, front-end assets, Redis, a PostGIS database,
# migrations and the Sofia data. Every step checks before it acts, so a second run is quick.
#
#   scripts/bootstrap.sh [--with-browser]
#
# Writes .local/env with the DATABASE_URL and REDIS_URL it settled on.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WITH_BROWSER=0
[[ "${1:-}" == "--with-browser" ]] && WITH_BROWSER=1
mkdir -p .local
log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# --- system packages ----------------------------------------------------------------
missing=()
[[ -f /usr/share/postgresql/15/extension/postgis.control ]] || missing+=(postgresql-15 postgresql-15-postgis-3)
command -v pg_ctlcluster >/dev/null || missing+=(postgresql-common)
command -v gdal-config >/dev/null || missing+=(gdal-bin libgdal-dev)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v npm >/dev/null || missing+=(nodejs npm)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
# The opinion and risk-map PDFs embed DejaVu Sans for Cyrillic.
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
if [[ $WITH_BROWSER -eq 1 ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
fi
if (( ${#missing[@]} )); then
  log "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Python virtual environment from the lock file ---------------------------------------
PYTHON=${PYTHON:-python3}
lock_sum=$(sha256sum requirements.txt | cut -d' ' -f1)
if [[ ! -x .venv/bin/python || "$(cat .venv/.requirements.sha 2>/dev/null)" != "$lock_sum" ]]; then
  log "Creating the virtual environment from requirements.txt"
  [[ -x .venv/bin/python ]] || "$PYTHON" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r requirements.txt
  echo "$lock_sum" > .venv/.requirements.sha
fi

# --- front-end assets from the npm registry (package-lock.json) ---------------------------
npm_sum=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [[ ! -d node_modules || "$(cat node_modules/.lock.sha 2>/dev/null)" != "$npm_sum" ]]; then
  log "Installing front-end packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npm_sum" > node_modules/.lock.sha
fi
scripts/copy_vendor_assets.sh

# --- Redis ------------------------------------------------------------------------------
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
if ! .venv/bin/python -c "import redis,sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=1).ping()" "$REDIS_URL" 2>/dev/null; then
  log "Starting Redis on 127.0.0.1:6379"
  mkdir -p .local/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir "$ROOT/.local/redis" --logfile "$ROOT/.local/redis/redis.log"
  for _ in $(seq 50); do redis-cli -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

# --- PostGIS database -------------------------------------------------------------------
PG_BIN=/usr/lib/postgresql/15/bin
if [[ -z "${DATABASE_URL:-}" ]]; then
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    DATABASE_URL="postgres://postgres@127.0.0.1:5432/geo_platform"
  else
    # No server on this machine: a project-local cluster, owned by the postgres user
    # because PostgreSQL refuses to run as root.
    PGDATA="$ROOT/.pgdata"
    if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
      log "Creating a project-local PostgreSQL cluster in .pgdata"
      mkdir -p "$PGDATA"
      chown postgres:postgres "$PGDATA"
      runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if ! pg_isready -q -h 127.0.0.1 -p 5433; then
      log "Starting the project-local PostgreSQL on 127.0.0.1:5433"
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" \
        -o "-p 5433 -k /tmp -c listen_addresses=127.0.0.1" -w start >/dev/null
    fi
    DATABASE_URL="postgres://postgres@127.0.0.1:5433/geo_platform"
  fi
fi
export DATABASE_URL REDIS_URL
.venv/bin/python scripts/ensure_database.py
printf 'export DATABASE_URL=%q\nexport REDIS_URL=%q\n' "$DATABASE_URL" "$REDIS_URL" > .local/env

# --- the secret key: generated once for this checkout, kept in .local (never committed) ----
if [[ -z "${SECRET_KEY:-}" && ! -s .local/secret_key ]]; then
  log "Generating a private SECRET_KEY into .local/secret_key"
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(64))' > .local/secret_key)
fi

# --- schema and data --------------------------------------------------------------------
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_sofia_data
.venv/bin/python manage.py collectstatic --noinput -v0

#!/usr/bin/env bash
# `make prod`: the production topology on this one machine, from existing engines only:
#
#   nginx :8080 (TLS :8443) ─┬─ gunicorn app1 :8101 ─┐   PostgreSQL primary :5441 ──WAL──▶ replica :5442
#                            └─ gunicorn app2 :8102 ─┴── reads to the replica, writes to the primary
#   Celery workers per queue (interactive, batch, exports) + beat, RabbitMQ :5672 as the broker,
#   Redis :6379 as the result backend, cache and tile cache.
#
#   scripts/prod.sh up | down | status | env
#
# Everything lives in .local/prod (configs, logs, pids, media, TLS files); the two PostgreSQL
# clusters are Debian clusters `gp_primary` and `gp_replica` (pg_createcluster). The first `up`
# copies the development database (make setup) into the primary, then clones the replica from
# it with pg_basebackup -R. A second `up` only starts what is not running.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
P="$ROOT/.local/prod"
mkdir -p "$P"/{logs,run,media,metrics,tls,nginx}
log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

PG_VERSION=15
PRIMARY_PORT=${PROD_PRIMARY_PORT:-5441}
REPLICA_PORT=${PROD_REPLICA_PORT:-5442}
APP_PORTS=(${PROD_APP_PORTS:-8101 8102})
NGINX_PORT=${PROD_NGINX_PORT:-8080}
NGINX_TLS_PORT=${PROD_NGINX_TLS_PORT:-8443}
REDIS_DB=${PROD_REDIS_DB:-12}
BROKER_URL=${PROD_BROKER_URL:-amqp://guest:guest@127.0.0.1:5672//}
DB_NAME=geo_platform

write_env() {
  [[ -f "$P/secret_key" ]] || (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' >"$P/secret_key")
  cat >"$P/env" <<ENV
export DATABASE_URL=postgres://postgres@127.0.0.1:${PRIMARY_PORT}/${DB_NAME}
export DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:${REPLICA_PORT}/${DB_NAME}
export REDIS_URL=redis://127.0.0.1:6379/${REDIS_DB}
export CELERY_BROKER_URL=${BROKER_URL}
export SECRET_KEY=$(cat "$P/secret_key")
export DEBUG=false
export ALLOWED_HOSTS=127.0.0.1,localhost
export CSRF_TRUSTED_ORIGINS=http://127.0.0.1:${NGINX_PORT},https://127.0.0.1:${NGINX_TLS_PORT}
export TRUSTED_PROXY_COUNT=1
export LOG_JSON=true
export MEDIA_ROOT=$P/media
export PROD_URL=http://127.0.0.1:${NGINX_PORT}
export PROD_APP_URLS=$(printf 'http://127.0.0.1:%s,' "${APP_PORTS[@]}" | sed 's/,$//')
export PROD_PRIMARY_PORT=${PRIMARY_PORT}
export PROD_REPLICA_PORT=${REPLICA_PORT}
ENV
}

cluster_running() { pg_lsclusters -h 2>/dev/null | awk -v n="$1" '$2==n && $4 ~ /^online/' | grep -q .; }
cluster_exists() { pg_lsclusters -h 2>/dev/null | awk -v n="$1" '$2==n' | grep -q .; }

ensure_packages() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  [[ -f /usr/share/nginx/modules-available/mod-http-brotli-filter.conf || -f /etc/nginx/modules-enabled/50-mod-http-brotli-filter.conf ]] \
    || missing+=(libnginx-mod-http-brotli-filter)
  command -v rabbitmq-server >/dev/null || (echo >/dev/tcp/127.0.0.1/5672) 2>/dev/null || missing+=(rabbitmq-server)
  command -v openssl >/dev/null || missing+=(openssl)
  if (( ${#missing[@]} )); then
    log "Installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! (echo >/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
    log "Starting RabbitMQ"
    rabbitmq-server -detached
    for _ in $(seq 60); do (echo >/dev/tcp/127.0.0.1/5672) 2>/dev/null && break; sleep 1; done
  fi
}

ensure_databases() {
  if ! cluster_exists gp_primary; then
    log "Creating the primary cluster gp_primary on :$PRIMARY_PORT"
    pg_createcluster "$PG_VERSION" gp_primary -p "$PRIMARY_PORT" \
      -o listen_addresses=localhost -o max_connections=300 -o wal_level=replica \
      -o max_wal_senders=10 -o wal_keep_size=256 -o jit=off -- --auth=trust >/dev/null
  fi
  cluster_running gp_primary || pg_ctlcluster "$PG_VERSION" gp_primary start
  if ! psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1; then
    log "Copying the development database into the primary"
    source .local/env
    createdb -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres "$DB_NAME"
    pg_dump -Fc "$DATABASE_URL" | pg_restore -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d "$DB_NAME" --no-owner
  fi
  if ! cluster_exists gp_replica; then
    log "Cloning the streaming replica gp_replica on :$REPLICA_PORT (pg_basebackup -R)"
    pg_createcluster "$PG_VERSION" gp_replica -p "$REPLICA_PORT" \
      -o listen_addresses=localhost -o max_connections=300 -o hot_standby=on -o jit=off -- --auth=trust >/dev/null
    local data="/var/lib/postgresql/$PG_VERSION/gp_replica"
    rm -rf "${data:?}"/*
    runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$data" -R -X stream -c fast
  fi
  cluster_running gp_replica || pg_ctlcluster "$PG_VERSION" gp_replica start
  for _ in $(seq 30); do
    [[ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null)" == "t" ]] && break
    sleep 1
  done
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_apps() {
  source "$P/env"
  .venv/bin/python manage.py migrate --noinput -v0
  .venv/bin/python manage.py collectstatic --noinput -v0
  for port in "${APP_PORTS[@]}"; do
    pid_alive "$P/run/app$port.pid" && continue
    log "Starting gunicorn on :$port"
    rm -rf "$P/metrics/app$port" && mkdir -p "$P/metrics/app$port"
    PROMETHEUS_MULTIPROC_DIR="$P/metrics/app$port" .venv/bin/gunicorn geo_platform.wsgi:application \
      --bind "127.0.0.1:$port" --workers 2 --threads 4 --daemon --pid "$P/run/app$port.pid" \
      --control-socket "$P/run/app$port.ctl" \
      --max-requests 2000 --max-requests-jitter 200 --graceful-timeout 10 \
      --access-logfile "$P/logs/app$port.access.log" --error-logfile "$P/logs/app$port.log"
  done
}

# queue, concurrency, hard time limit (s), memory per child (KiB), metrics port
WORKERS=(
  "interactive 2 300 1500000 9101"
  "batch 1 3900 3000000 9102"
  "exports 1 1900 1500000 9103"
)

start_workers() {
  source "$P/env"
  for spec in "${WORKERS[@]}"; do
    read -r queue concurrency limit memory metrics_port <<<"$spec"
    pid_alive "$P/run/worker-$queue.pid" && continue
    log "Starting the Celery worker of the $queue queue"
    rm -rf "$P/metrics/worker-$queue" && mkdir -p "$P/metrics/worker-$queue"
    PROMETHEUS_MULTIPROC_DIR="$P/metrics/worker-$queue" CELERY_METRICS_PORT="$metrics_port" .venv/bin/celery -A geo_platform.celery worker -Q "$queue" -n "$queue@%h" \
      --concurrency "$concurrency" --time-limit "$limit" --max-memory-per-child "$memory" \
      --loglevel=info --without-gossip --without-mingle \
      --pidfile "$P/run/worker-$queue.pid" --logfile "$P/logs/worker-$queue.log" --detach
  done
  if ! pid_alive "$P/run/beat.pid"; then
    .venv/bin/celery -A geo_platform.celery beat --loglevel=info --schedule "$P/run/beat-schedule" \
      --pidfile "$P/run/beat.pid" --logfile "$P/logs/beat.log" --detach
  fi
}

start_nginx() {
  [[ -f "$P/tls/cert.pem" ]] || openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
    -keyout "$P/tls/key.pem" -out "$P/tls/cert.pem" 2>/dev/null
  local upstreams="" port
  for port in "${APP_PORTS[@]}"; do upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'; done
  local modules="" brotli=""
  if [[ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ]]; then
    modules="load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;"
    brotli="brotli on; brotli_comp_level 4; brotli_types application/json application/geo+json application/javascript text/css image/svg+xml;"
  fi
  NGINX_PREFIX="$P/nginx" NGINX_MODULES="$modules" NGINX_BROTLI="$brotli" NGINX_MIME_TYPES=/etc/nginx/mime.types \
  NGINX_MAX_BODY="${MAX_REQUEST_MB:-20}m" NGINX_UPSTREAMS="$upstreams" NGINX_PORT="$NGINX_PORT" NGINX_TLS_PORT="$NGINX_TLS_PORT" \
  NGINX_TLS_CERT="$P/tls/cert.pem" NGINX_TLS_KEY="$P/tls/key.pem" NGINX_STATIC_ROOT="$ROOT/staticfiles" \
  NGINX_TILE_SECONDS=5 \
    .venv/bin/python scripts/render_template.py docker/nginx/nginx.conf.template "$P/nginx/nginx.conf" \
      docker/nginx/locations.conf.template "$P/nginx/locations.conf"
  nginx -t -q -p "$P/nginx" -c "$P/nginx/nginx.conf"
  if pid_alive "$P/nginx/nginx.pid"; then
    nginx -p "$P/nginx" -c "$P/nginx/nginx.conf" -s reload
  else
    log "Starting nginx on :$NGINX_PORT (TLS :$NGINX_TLS_PORT)"
    nginx -p "$P/nginx" -c "$P/nginx/nginx.conf"
  fi
}

wait_ready() {
  for _ in $(seq 60); do
    curl -fsS "http://127.0.0.1:$NGINX_PORT/healthz" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "The topology did not answer on :$NGINX_PORT/healthz; see $P/logs." >&2
  return 1
}

# TERM (a graceful stop), then KILL whatever is still running 20 s later.
stop_pid() {
  if pid_alive "$1"; then
    local pid; pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

down() {
  [[ -f "$P/nginx/nginx.pid" ]] && nginx -p "$P/nginx" -c "$P/nginx/nginx.conf" -s quit 2>/dev/null || true
  for f in "$P"/run/*.pid; do [[ -e "$f" ]] && stop_pid "$f"; done
  # Pool processes of workers whose main process was killed.
  pkill -9 -f "$P/run/" 2>/dev/null || true
  for cluster in gp_replica gp_primary; do cluster_running "$cluster" && pg_ctlcluster "$PG_VERSION" "$cluster" stop || true; done
  log "Stopped (the clusters stay; \`scripts/prod.sh purge\` drops them)"
}

case "${1:-up}" in
  up)
    ensure_packages
    write_env
    ensure_databases
    start_apps
    start_workers
    start_nginx
    wait_ready
    log "Production topology up: $(source "$P/env"; echo "$PROD_URL") (TLS https://127.0.0.1:$NGINX_TLS_PORT); logs in .local/prod/logs"
    ;;
  down) down ;;
  purge)
    down
    for cluster in gp_replica gp_primary; do cluster_exists "$cluster" && pg_dropcluster "$PG_VERSION" "$cluster" --stop || true; done
    rm -rf "$P"
    ;;
  status)
    pg_lsclusters | grep -E 'gp_|Ver' || true
    for f in "$P"/run/*.pid "$P/nginx/nginx.pid"; do [[ -e "$f" ]] && printf '%s %s\n' "$(basename "$f" .pid)" "$(pid_alive "$f" && echo up || echo down)"; done
    ;;
  env) write_env; cat "$P/env" ;;
  *) echo "usage: scripts/prod.sh up|down|purge|status|env" >&2; exit 2 ;;
esac

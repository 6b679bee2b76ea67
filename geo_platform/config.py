"""The one place that reads the environment.

Every setting the deployment may change is read and checked here, so a contradictory
configuration stops the process at start-up instead of failing at the first request.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-change-me"
# Where `make run` (scripts/bootstrap.sh) keeps the key it generated once for this checkout.
SECRET_KEY_FILE = os.path.join(".local", "secret_key")


def _read_secret_key(base_dir: str, testing: bool) -> str:
    """SECRET_KEY from the environment, else from SECRET_KEY_FILE or .local/secret_key.

    The development key committed above is accepted only by the test suite: anywhere else
    it would let anyone forge confirmation links and sessions offline.
    """
    key = os.environ.get("SECRET_KEY", "")
    if not key:
        path = os.environ.get("SECRET_KEY_FILE") or os.path.join(base_dir, SECRET_KEY_FILE)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                key = handle.read().strip()
    if not key:
        if testing:
            return DEVELOPMENT_SECRET_KEY
        raise ImproperlyConfigured(
            "No SECRET_KEY: set the SECRET_KEY environment variable, or run `make run` / "
            "scripts/bootstrap.sh once, which generates a private key into .local/secret_key."
        )
    if key == DEVELOPMENT_SECRET_KEY and not testing:
        raise ImproperlyConfigured(
            "SECRET_KEY is the development key committed in geo_platform/config.py; it is accepted "
            "only by the test suite. Set a private SECRET_KEY (or delete it to use .local/secret_key)."
        )
    return key


def _env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}.")
    return value


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false).")


def _env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _origins(name: str) -> tuple[str, ...]:
    """Origins like https://maps.example.bg (no path, no trailing slash, no wildcard)."""
    origins = []
    for origin in _env_list(name, []):
        parts = urlsplit(origin)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path or "*" in origin:
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin; write scheme://host[:port], e.g. https://maps.example.bg."
            )
        origins.append(origin)
    return tuple(origins)


def database_from_url(url: str) -> dict:
    """Django DATABASES entry for a postgres:// or postgis:// URL."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "postgis"}:
        raise ImproperlyConfigured(f"DATABASE_URL must be a postgres:// URL, got scheme {parts.scheme!r}.")
    options = {}
    for pair in filter(None, parts.query.split("&")):
        key, _, value = pair.partition("=")
        options[key] = unquote(value)
    host = unquote(parts.hostname or "")
    # A socket directory may be given as ?host=/path, as libpq allows.
    host = options.pop("host", host)
    return {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        # Parallel test runs on one server each need their own test database.
        "TEST": {"NAME": os.environ.get("TEST_DATABASE_NAME") or None},
        "CONN_MAX_AGE": 60,
        # No per-request SELECT 1: it costs ~0.6 ms on every features request; a connection
        # the server dropped fails one request and is replaced at the next.
        "CONN_HEALTH_CHECKS": False,
        # Behind PgBouncer in transaction mode a cursor may not outlive its transaction.
        "DISABLE_SERVER_SIDE_CURSORS": _env_bool("DISABLE_SERVER_SIDE_CURSORS", False),
    }


@dataclass(frozen=True)
class PlatformConfig:
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    database_url: str
    redis_url: str
    tile_cache: str
    base_map_url: str
    base_map_attribution: str
    shared_data_dir: str
    media_root: str
    email_backend: str
    default_from_email: str
    # Deployment behind a TLS-terminating proxy (README, "Security").
    https: bool = False
    hsts_seconds: int = 0
    trusted_proxy_count: int = 0
    csrf_trusted_origins: list[str] = field(default_factory=list)
    # Largest request body accepted (uploads included), checked before the body is read.
    max_request_bytes: int = 20 * 1024 * 1024
    api_token_days: int = 90
    # Production topology (README, "Production"): streaming replicas for reads, the Celery
    # broker (RabbitMQ in production, Redis by default), how long a user's reads stay on the
    # primary after they wrote, and JSON logs.
    database_replica_urls: list[str] = field(default_factory=list)
    read_your_writes_seconds: int = 10
    celery_broker_url: str = ""
    log_json: bool = False
    # Partner web maps (scheme://host[:port]) that may read tiles, TileJSON, OGC API and the
    # public events feed from their own pages, with their users' cookies or tokens.
    cors_allowed_origins: tuple[str, ...] = ()

    @classmethod
    def from_environment(cls, base_dir: str, testing: bool = False) -> PlatformConfig:
        # DEBUG is off unless asked for (`make dev`): no tracebacks or URL lists to users.
        debug = _env_bool("DEBUG", False)
        secret_key = _read_secret_key(base_dir, testing)
        https = _env_bool("HTTPS", False)
        allowed_hosts = _env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
        default_origins = [
            f"{'https' if https else 'http'}://{host}{'' if https else ':8000'}"
            for host in allowed_hosts
            if not host.startswith((".", "*", "["))
        ]
        csrf_trusted_origins = _env_list("CSRF_TRUSTED_ORIGINS", default_origins)
        for origin in csrf_trusted_origins:
            if not origin.startswith(("http://", "https://")):
                raise ImproperlyConfigured(
                    f"CSRF_TRUSTED_ORIGINS entries need a scheme, e.g. https://{origin}; got {origin!r}."
                )
        redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        tile_cache = os.environ.get("TILE_CACHE", "redis")
        if tile_cache not in {"redis", "disk"}:
            raise ImproperlyConfigured(f"TILE_CACHE must be 'redis' or 'disk', got {tile_cache!r}.")
        return cls(
            debug=debug,
            secret_key=secret_key,
            allowed_hosts=allowed_hosts,
            https=https,
            hsts_seconds=_env_int("HSTS_SECONDS", 31_536_000 if https else 0),
            trusted_proxy_count=_env_int("TRUSTED_PROXY_COUNT", 0),
            csrf_trusted_origins=csrf_trusted_origins,
            max_request_bytes=_env_int("MAX_REQUEST_MB", 20, minimum=1) * 1024 * 1024,
            api_token_days=_env_int("API_TOKEN_DAYS", 90, minimum=1),
            database_url=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/geo_platform"),
            redis_url=redis_url,
            tile_cache=tile_cache,
            base_map_url=os.environ.get("BASE_MAP_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            base_map_attribution=os.environ.get(
                "BASE_MAP_ATTRIBUTION",
                '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
            ),
            shared_data_dir=os.environ.get(
                "SHARED_DATA_DIR", os.path.join(os.path.dirname(base_dir), "shared", "data")
            ),
            media_root=os.environ.get("MEDIA_ROOT", os.path.join(base_dir, "media")),
            # Development prints e-mail (registration links) to the console.
            email_backend=os.environ.get(
                "EMAIL_BACKEND",
                "django.core.mail.backends.console.EmailBackend"
                if debug
                else "django.core.mail.backends.smtp.EmailBackend",
            ),
            default_from_email=os.environ.get("DEFAULT_FROM_EMAIL", "gis-sigurnost@sofia.bg"),
            database_replica_urls=_env_list("DATABASE_REPLICA_URLS", []),
            read_your_writes_seconds=_env_int("READ_YOUR_WRITES_SECONDS", 10),
            celery_broker_url=os.environ.get("CELERY_BROKER_URL") or redis_url,
            log_json=_env_bool("LOG_JSON", False),
            cors_allowed_origins=_origins("CORS_ALLOWED_ORIGINS"),
        )

"""Django settings. Values that a deployment changes come from geo_platform.config."""

import sys
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from geo_platform.config import PlatformConfig, database_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
# The test suite alone may run with the committed development key (geo_platform/config.py).
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
CONFIG = PlatformConfig.from_environment(str(BASE_DIR), testing=TESTING)

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins

# Behind a TLS-terminating proxy (HTTPS=true): README, "Security". `manage.py check --deploy`
# passes with these (tests/geo_platform/test_security_settings.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CONFIG.https else None
SECURE_SSL_REDIRECT = CONFIG.https
# The container health check asks http://127.0.0.1:8000/healthz directly, not through the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CONFIG.https
CSRF_COOKIE_SECURE = CONFIG.https
SESSION_COOKIE_HTTPONLY = True
# The front end reads the CSRF cookie to send X-CSRFToken (frontend/static/frontend/js/api.js).
CSRF_COOKIE_HTTPONLY = False
SECURE_HSTS_SECONDS = CONFIG.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = CONFIG.https
SECURE_HSTS_PRELOAD = CONFIG.https
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Request size: bodies over MAX_REQUEST_BYTES (uploads) or DATA_UPLOAD_MAX_MEMORY_SIZE (JSON,
# forms) are refused with 413 from their Content-Length, before anything is read
# (geo_platform.middleware.RequestGuardMiddleware); Django's LimitedStream caps what is read.
MAX_REQUEST_BYTES = CONFIG.max_request_bytes
DATA_UPLOAD_MAX_MEMORY_SIZE = min(10 * 1024 * 1024, MAX_REQUEST_BYTES)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    "csp",
    "corsheaders",
    "geo_platform.accounts",
    "layers",
    "layers.administrative",
    "layers.infrastructure",
    "layers.shelters",
    "layers.public_order",
    "layers.events",
    "layers.surveillance",
    "layers.hazards",
    "layers.exchange",
    "layers.counterterrorism",
    "layers.situation",
    "layers.inspections",
    "tile_server",
    "frontend",
    "fixtures",
]

MIDDLEWARE = [
    # GET/HEAD of a vector tile takes a lean path through only the middleware a tile needs
    # (tile_server/middleware.py); everything else goes on down this list.
    "tile_server.middleware.LeanTilePathMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "geo_platform.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "geo_platform.middleware.JsonErrorMiddleware",
    "geo_platform.middleware.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Decides per request whether reads may go to a replica (after the session and user are known).
    "geo_platform.db_routing.ReadRoutingMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in (geo_platform/security.py).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute force (geo_platform/security.py): 5 failures for one username from one address lock
# that pair out for 15 minutes; a successful sign-in clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "geo_platform.security.client_ip"
AXES_LOCKOUT_CALLABLE = "geo_platform.security.lockout_response"
# The attempt log stores usernames and addresses, never passwords.
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False

ROOT_URLCONF = "geo_platform.urls"
WSGI_APPLICATION = "geo_platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(CONFIG.database_url)}
# Streaming replicas (DATABASE_REPLICA_URLS): safe reads go there, see geo_platform.db_routing.
DATABASE_REPLICAS = [f"replica{index}" for index, _ in enumerate(CONFIG.database_replica_urls, start=1)]
for _alias, _url in zip(DATABASE_REPLICAS, CONFIG.database_replica_urls, strict=True):
    DATABASES[_alias] = {**database_from_url(_url), "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["geo_platform.db_routing.PrimaryReplicaRouter"]
# How far behind the primary a replica may be; tiles an edit touches are invalidated again then.
REPLICA_LAG_SECONDS = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CONFIG.redis_url,
        "KEY_PREFIX": "geo_platform",
    },
    # Request counts of the scoped throttles (geo_platform/security.py); per test in the suite.
    "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CONFIG.redis_url,
        "KEY_PREFIX": "geo_platform_throttle",
    }
    if not TESTING
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
}

CELERY_BROKER_URL = CONFIG.celery_broker_url
CELERY_RESULT_BACKEND = CONFIG.redis_url
CELERY_TASK_SERIALIZER = "json"
# Queues by kind of work (README, "Production"): each gets its own worker pool, so a city-wide
# risk run never delays a placement a planner is waiting for.
CELERY_QUEUE_NAMES = ("interactive", "batch", "exports")
CELERY_TASK_DEFAULT_QUEUE = "interactive"
CELERY_TASK_ROUTES = {
    "hazards.export": {"queue": "exports"},
    "*.export*": {"queue": "exports"},
    "hazards.*": {"queue": "batch"},
    "*.import*": {"queue": "batch"},
    "*.monte_carlo*": {"queue": "batch"},
    "tiles.*": {"queue": "interactive"},
    "jobs.*": {"queue": "interactive"},
    "surveillance.*": {"queue": "interactive"},
    "events.*": {"queue": "interactive"},
}
# A task is acknowledged after it ran, so a worker stopped gracefully hands it on; one whose
# process dies is failed, not redelivered (it would die again), and its job is marked failed
# (geo_platform.jobs).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {"fail-stale-jobs": {"task": "jobs.fail_stale", "schedule": 600.0}}
# A worker child whose resident memory stays above this (KiB) after a task is replaced.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 1_536_000

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "bg"
LANGUAGES = [("bg", _("Bulgarian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True

EMAIL_BACKEND = CONFIG.email_backend
# The page an organizer's confirmation e-mail links to.
REGISTRATION_CONFIRM_URL_NAME = "events-confirm"
DEFAULT_FROM_EMAIL = CONFIG.default_from_email

# Generated files (exports, opinions, risk rasters); served by the app behind permission checks.
MEDIA_ROOT = Path(CONFIG.media_root)
MEDIA_URL = "/media/"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

REST_FRAMEWORK = {
    # Token first, so a bad token gets 401 with WWW-Authenticate rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "geo_platform.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "geo_platform.openapi.PlatformAutoSchema",
    "EXCEPTION_HANDLER": "geo_platform.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # X-Forwarded-For is read only behind TRUSTED_PROXY_COUNT proxies of ours (geo_platform/security.py).
    "NUM_PROXIES": CONFIG.trusted_proxy_count,
    "DEFAULT_THROTTLE_RATES": {
        "auth": "20/minute",
        "register": "20/hour",
        "password_reset": "5/hour",
        "token_rotate": "10/hour",
    },
}
# API tokens expire this many days after they are issued unless the admin sets another date.
API_TOKEN_DAYS = CONFIG.api_token_days

SPECTACULAR_SETTINGS = {
    "TITLE": "Sofia Security GIS API",
    "DESCRIPTION": "Layers of the Security Directorate of Sofia Municipality.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Tiles, health and the error body (geo_platform/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "geo_platform.openapi.complete_schema",
    ],
    # One name per choice set where field names collide across apps.
    "ENUM_NAME_OVERRIDES": {
        "HazardKindEnum": "layers.hazards.models.HazardKind",
        "MeasureKindEnum": "layers.hazards.models.MeasureKind",
        "MeasureStatusEnum": "layers.hazards.models.MeasureStatus",
        "JobStatusEnum": "layers.hazards.models.JobStatus",
        "EventKindEnum": "layers.events.models.choices.EventKind",
        "EventStatusEnum": "layers.events.models.choices.EventStatus",
        "TaskStatusEnum": "layers.events.models.choices.TaskStatus",
        "CameraStatusEnum": "layers.surveillance.models.CameraStatus",
        "DoriLevelEnum": "layers.surveillance.models.DoriLevelChoice",
        "LevelEnum": "layers.surveillance.serializers.LEVEL_CHOICES",
        "PartnerAgencyEnum": "geo_platform.accounts.models.PartnerAgency",
    },
    "COMPONENT_SPLIT_REQUEST": True,
}

# Platform settings (documented in README, "Configuration").
BASE_MAP_URL = CONFIG.base_map_url
BASE_MAP_ATTRIBUTION = CONFIG.base_map_attribution
SHARED_DATA_DIR = CONFIG.shared_data_dir
TILE_CACHE = CONFIG.tile_cache
# How far outside the municipality a geometry may reach before it is refused.
SOFIA_BOUNDARY_MARGIN_M = 5000
MAX_GEOMETRY_VERTICES = 50_000
FEATURES_DEFAULT_LIMIT = 1000
FEATURES_MAX_LIMIT = 10_000

# Debian 12 ships GDAL 3.6; the GDAL 3.9 hardening this check asks for is not available,
# and uploads are parsed by GEOS and our own checks, not by GDAL drivers.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# LOG_JSON=true: one JSON object a line with the request id (geo_platform.observability).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "geo_platform.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if CONFIG.log_json else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}


# Content-Security-Policy (django-csp; README, "Security — browser and edits"). Scripts only
# from our own origin: no inline scripts or handlers, no eval. Styles only from our own files;
# Leaflet positions and sizes map parts through element.style (CSSOM), which CSP allows, so no
# 'unsafe-inline' is needed. Images: our tiles, the base map's host, and data:/blob: URLs
# (Leaflet's and Swagger UI's icons, the PNG export). The Swagger UI page adds inline styles
# for itself only (geo_platform/urls.py).
def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *filter(None, [_origin(BASE_MAP_URL)])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
# CORS (django-cors-headers): partner web maps on the listed origins may read the tiles,
# TileJSON, OGC API and the public events feed; credentials only go to those origins
# (the middleware sends no CORS headers at all to any other origin).
CORS_ALLOWED_ORIGINS = list(CONFIG.cors_allowed_origins)
CORS_URLS_REGEX = r"^/(tiles/|ogc(/|$)|api/events/(public/|calendar\.ics|map/))"
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("Content-Crs", "ETag", "Link", "Content-Disposition")

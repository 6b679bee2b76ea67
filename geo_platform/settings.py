"""Django settings. Values that a deployment changes come from geo_platform.config."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from geo_platform.config import PlatformConfig, database_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
CONFIG = PlatformConfig.from_environment(str(BASE_DIR))

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = [f"http://{host}:8000" for host in ("127.0.0.1", "localhost")]

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
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    "geo_platform.accounts",
    "layers",
    "layers.administrative",
    "layers.infrastructure",
    "layers.shelters",
    "layers.public_order",
    "layers.events",
    "layers.surveillance",
    "layers.hazards",
    "layers.situation",
    "tile_server",
    "frontend",
    "fixtures",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "geo_platform.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Decides per request whether reads may go to a replica (after the session and user are known).
    "geo_platform.db_routing.ReadRoutingMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

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
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "geo_platform.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Sofia Security GIS API",
    "DESCRIPTION": "Layers of the Security Directorate of Sofia Municipality.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
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

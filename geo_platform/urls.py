from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from frontend import views as frontend_views
from geo_platform.accounts import api as accounts_api
from geo_platform.health import healthz
from geo_platform.observability import metrics
from geo_platform.security import throttled_view

admin.site.site_header = "ГИС „Сигурност“ — Столична община"
admin.site.site_title = "ГИС „Сигурност“"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("tiles/", include("tile_server.urls")),
    path("ogc", RedirectView.as_view(url="/ogc/", query_string=True)),
    path("ogc/", include("layers.exchange.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "accounts/password_reset/",
        throttled_view("password_reset")(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/login/", frontend_views.LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's script is served apart from its page (no inline script under the CSP); its
    # page keeps one small inline <style>, allowed for this page only.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("api/me/", accounts_api.CurrentUserView.as_view(), name="current-user"),
    path("api/auth/token/", accounts_api.TokenView.as_view(), name="api-token"),
    path("api/auth/", include("geo_platform.accounts.urls")),
    path("api/events/", include("layers.events.urls")),
    path("api/surveillance/", include("layers.surveillance.urls")),
    path("api/risk/", include("layers.hazards.urls")),
    path("api/exchange/", include("layers.exchange.api_urls")),
    path("api/ct/", include("layers.counterterrorism.urls")),
    path("api/public-order/", include("layers.public_order.urls")),
    path("api/situation/", include("layers.situation.urls")),
    path("api/inspections/", include("layers.inspections.urls")),
    path("api/", include("layers.urls")),
    path("", include("frontend.urls")),
]

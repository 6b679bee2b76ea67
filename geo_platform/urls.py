from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from geo_platform.accounts import api as accounts_api
from geo_platform.health import healthz
from geo_platform.observability import metrics

admin.site.site_header = "ГИС „Сигурност“ — Столична община"
admin.site.site_title = "ГИС „Сигурност“"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("tiles/", include("tile_server.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/me/", accounts_api.CurrentUserView.as_view(), name="current-user"),
    path("api/auth/token/", accounts_api.TokenView.as_view(), name="api-token"),
    path("api/auth/", include("geo_platform.accounts.urls")),
    path("api/events/", include("layers.events.urls")),
    path("api/surveillance/", include("layers.surveillance.urls")),
    path("api/risk/", include("layers.hazards.urls")),
    path("api/public-order/", include("layers.public_order.urls")),
    path("api/situation/", include("layers.situation.urls")),
    path("api/", include("layers.urls")),
    path("", include("frontend.urls")),
]

from django.urls import path

from layers.exchange.api import files

app_name = "exchange"

urlpatterns = [
    path("layers/<slug:slug>/export/", files.ExportView.as_view(), name="export"),
    path("layers/<slug:slug>/import/", files.ImportView.as_view(), name="import"),
]

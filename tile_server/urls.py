from django.urls import path

from tile_server import views

app_name = "tiles"

# z, x and y are taken as text so that a non-number gets the tile server's 400, not a bare 404.
urlpatterns = [
    path("<str:layers>/<str:z>/<str:x>/<str:y>.mvt", views.tile, name="tile"),
    path("<str:layers>.json", views.tilejson_document, name="tilejson"),
]

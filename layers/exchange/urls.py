from django.urls import path

from layers.exchange.api import ogc

app_name = "ogc"

urlpatterns = [
    path("", ogc.LandingView.as_view(), name="landing"),
    path("conformance", ogc.ConformanceView.as_view(), name="conformance"),
    path("collections", ogc.CollectionsView.as_view(), name="collections"),
    path("collections/<slug:collection_id>", ogc.CollectionView.as_view(), name="collection"),
    path("collections/<slug:collection_id>/items", ogc.ItemsView.as_view(), name="items"),
    path("collections/<slug:collection_id>/items/<str:feature_id>", ogc.ItemView.as_view(), name="item"),
    path("collections/<slug:collection_id>/queryables", ogc.QueryablesView.as_view(), name="queryables"),
    path("collections/<slug:collection_id>/tiles", ogc.TilesetsView.as_view(), name="tilesets"),
    path("collections/<slug:collection_id>/tiles/<str:tms_id>", ogc.TilesetView.as_view(), name="tileset"),
    path("tileMatrixSets", ogc.TileMatrixSetsView.as_view(), name="tile-matrix-sets"),
    path("tileMatrixSets/<str:tms_id>", ogc.TileMatrixSetView.as_view(), name="tile-matrix-set"),
]

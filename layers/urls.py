from django.urls import path

from layers import api

urlpatterns = [
    path("search/", api.SearchView.as_view(), name="search"),
    path("layers/", api.LayerListView.as_view(), name="layer-list"),
    path("layers/<slug:slug>/", api.LayerDetailView.as_view(), name="layer-detail"),
    path("layers/<slug:slug>/features/", api.FeatureCollectionView.as_view(), name="layer-features"),
    path(
        "layers/<slug:slug>/statistics/",
        api.FeatureStatisticsView.as_view(),
        name="layer-statistics",
    ),
    path(
        "layers/<slug:slug>/features/<int:feature_id>/",
        api.FeatureDetailView.as_view(),
        name="layer-feature",
    ),
    path(
        "layers/<slug:slug>/features/<int:feature_id>/history/",
        api.FeatureHistoryView.as_view(),
        name="layer-feature-history",
    ),
]

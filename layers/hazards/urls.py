from django.urls import path

from layers.hazards import api

urlpatterns = [
    path("options/", api.OptionsView.as_view(), name="risk-options"),
    path("scenarios/", api.ScenarioListView.as_view(), name="risk-scenario-list"),
    path("scenarios/<int:scenario_id>/", api.ScenarioDetailView.as_view(), name="risk-scenario-detail"),
    path("scenarios/<int:scenario_id>/rerun/", api.ScenarioRerunView.as_view(), name="risk-scenario-rerun"),
    path("scenarios/<int:scenario_id>/runs/", api.ScenarioRunsView.as_view(), name="risk-scenario-runs"),
    path(
        "scenarios/<int:scenario_id>/districts/",
        api.DistrictTableView.as_view(),
        name="risk-scenario-districts",
    ),
    path(
        "scenarios/<int:scenario_id>/districts.geojson",
        api.DistrictGeoJSONView.as_view(),
        name="risk-scenario-districts-geojson",
    ),
    path("scenarios/<int:scenario_id>/sites/", api.SiteTableView.as_view(), name="risk-scenario-sites"),
    path("scenarios/<int:scenario_id>/zones/", api.ZonesView.as_view(), name="risk-scenario-zones"),
    path(
        "scenarios/<int:scenario_id>/protection/",
        api.ProtectionView.as_view(),
        name="risk-scenario-protection",
    ),
    path(
        "scenarios/<int:scenario_id>/legend/<slug:layer>/",
        api.LegendView.as_view(),
        name="risk-scenario-legend",
    ),
    path(
        "scenarios/<int:scenario_id>/tiles/<slug:layer>/<int:z>/<int:x>/<int:y>.png",
        api.TileView.as_view(),
        name="risk-scenario-tile",
    ),
    path(
        "scenarios/<int:scenario_id>/exports/",
        api.ScenarioExportsView.as_view(),
        name="risk-scenario-exports",
    ),
    path(
        "scenarios/<int:scenario_id>/rankings/",
        api.ScenarioRankingsView.as_view(),
        name="risk-scenario-rankings",
    ),
    path("exports/<int:job_id>/", api.ExportDetailView.as_view(), name="risk-export-detail"),
    path("exports/<int:job_id>/download/", api.ExportDownloadView.as_view(), name="risk-export-download"),
    path("rankings/<int:ranking_id>/", api.RankingDetailView.as_view(), name="risk-ranking-detail"),
    path("measures/", api.MeasureListView.as_view(), name="risk-measure-list"),
    path("measures/<int:measure_id>/", api.MeasureDetailView.as_view(), name="risk-measure-detail"),
    path("plan/<int:year>/", api.PlanView.as_view(), name="risk-plan"),
]

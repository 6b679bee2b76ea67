from django.urls import path

from layers.public_order.api import patrol_views, views

app_name = "public-order"

urlpatterns = [
    path("analyses/", views.AnalysisListView.as_view(), name="analyses"),
    path("analyses/<int:analysis_id>/", views.AnalysisDetailView.as_view(), name="analysis"),
    path("analyses/<int:analysis_id>/density.png", views.DensityImageView.as_view(), name="density-image"),
    path("proposals/", views.ProposalsView.as_view(), name="proposals"),
    path("proposals/save/", views.SaveProposalView.as_view(), name="save-proposal"),
    path("districts/", views.DistrictCountsView.as_view(), name="district-counts"),
    path("patrols/", patrol_views.PatrolPlanListView.as_view(), name="patrols"),
    path("patrols/propose/", patrol_views.PatrolProposalView.as_view(), name="patrol-propose"),
    path("patrols/stations/", patrol_views.PoliceStationsView.as_view(), name="patrol-stations"),
    path("patrols/<int:plan_id>/", patrol_views.PatrolPlanDetailView.as_view(), name="patrol"),
    path("patrols/<int:plan_id>/plan.pdf", patrol_views.PatrolPlanPdfView.as_view(), name="patrol-pdf"),
]

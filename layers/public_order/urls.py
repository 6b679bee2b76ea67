from django.urls import path

from layers.public_order.api import views

app_name = "public-order"

urlpatterns = [
    path("analyses/", views.AnalysisListView.as_view(), name="analyses"),
    path("analyses/<int:analysis_id>/", views.AnalysisDetailView.as_view(), name="analysis"),
    path("analyses/<int:analysis_id>/density.png", views.DensityImageView.as_view(), name="density-image"),
    path("proposals/", views.ProposalsView.as_view(), name="proposals"),
    path("proposals/save/", views.SaveProposalView.as_view(), name="save-proposal"),
    path("districts/", views.DistrictCountsView.as_view(), name="district-counts"),
]

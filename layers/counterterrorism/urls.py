from django.urls import path

from layers.counterterrorism.api import views

urlpatterns = [
    path("meta/", views.MetaView.as_view(), name="ct-meta"),
    path("sites/", views.SitesView.as_view(), name="ct-sites"),
    path("sites/<int:site_id>/", views.SiteView.as_view(), name="ct-site"),
    path("surveys/", views.SurveysView.as_view(), name="ct-surveys"),
    path("surveys/<int:survey_id>/", views.SurveyView.as_view(), name="ct-survey"),
    path("surveys/<int:survey_id>/evidence/", views.EvidenceView.as_view(), name="ct-evidence"),
    path("surveys/<int:survey_id>/findings/", views.FindingsView.as_view(), name="ct-findings"),
    path("surveys/<int:survey_id>/report.pdf", views.SurveyReportView.as_view(), name="ct-survey-report"),
    path("findings/", views.FindingsView.as_view(), name="ct-open-findings"),
    path("findings/<int:finding_id>/close/", views.CloseFindingView.as_view(), name="ct-finding-close"),
    path("score/", views.ScoreView.as_view(), name="ct-score"),
    path("cordon/", views.CordonView.as_view(), name="ct-cordon"),
    path("approaches/", views.ApproachesView.as_view(), name="ct-approaches"),
    path("annex/", views.AnnexView.as_view(), name="ct-annex"),
]

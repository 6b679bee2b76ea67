from django.urls import path

from layers.situation.api import feed, stream, views

app_name = "situation"

urlpatterns = [
    path("choices/", views.ChoicesView.as_view(), name="choices"),
    path("incidents/", views.IncidentsView.as_view(), name="incidents"),
    path("incidents/stream/", stream.incident_stream, name="incident-stream"),
    path("incidents/merge/", views.MergeView.as_view(), name="incident-merge"),
    path("incidents/<int:incident_id>/", views.IncidentDetailView.as_view(), name="incident"),
    path(
        "incidents/<int:incident_id>/context/", views.IncidentContextView.as_view(), name="incident-context"
    ),
    path("incidents/<int:incident_id>/status/", views.IncidentStatusView.as_view(), name="incident-status"),
    path("incidents/<int:incident_id>/assign/", views.IncidentAssignView.as_view(), name="incident-assign"),
    path("incidents/<int:incident_id>/notes/", views.IncidentNoteView.as_view(), name="incident-notes"),
    path("shifts/", views.ShiftsView.as_view(), name="shifts"),
    path("shifts/current/entries/", views.ShiftEntryView.as_view(), name="shift-entries"),
    path("shifts/current/handover/", views.HandoverView.as_view(), name="shift-handover"),
    path("shifts/<int:shift_id>/report.pdf", views.ShiftReportView.as_view(), name="shift-report"),
    path("alerts/", views.AlertsView.as_view(), name="alerts"),
    path("alerts/estimate/", views.AlertEstimateView.as_view(), name="alert-estimate"),
    path("alerts/active/", views.ActiveAlertsView.as_view(), name="alerts-active"),
    path("alerts/feed.atom", feed.alerts_atom, name="alerts-feed"),
    path("alerts/<int:alert_id>/", views.AlertDetailView.as_view(), name="alert"),
    path("alerts/<int:alert_id>/approve/", views.AlertApproveView.as_view(), name="alert-approve"),
    path("alerts/<int:alert_id>/reject/", views.AlertRejectView.as_view(), name="alert-reject"),
    path("alerts/<int:alert_id>/cap.xml", views.alert_cap, name="alert-cap"),
    path("reports/counts/", views.CountsView.as_view(), name="report-counts"),
    path("reports/heat/", views.HeatView.as_view(), name="report-heat"),
]

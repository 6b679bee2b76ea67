from django.urls import path

from layers.inspections.api import views

app_name = "inspections"

urlpatterns = [
    path("checklist/", views.ChecklistView.as_view(), name="checklist"),
    path("sites/", views.SitesView.as_view(), name="sites"),
    path("companies/", views.CompanyListView.as_view(), name="companies"),
    path("companies/<int:company_id>/", views.CompanyDetailView.as_view(), name="company"),
    path("contracts/", views.ContractListView.as_view(), name="contracts"),
    path("schedules/", views.ScheduleListView.as_view(), name="schedules"),
    path("schedules/<int:schedule_id>/", views.ScheduleDetailView.as_view(), name="schedule"),
    path("schedules/<int:schedule_id>/accept/", views.ScheduleAcceptView.as_view(), name="schedule-accept"),
    path("inspections/", views.InspectionListView.as_view(), name="inspections"),
    path("inspections/<int:inspection_id>/", views.InspectionDetailView.as_view(), name="inspection"),
    path("findings/<int:finding_id>/evidence/", views.EvidenceUploadView.as_view(), name="evidence-upload"),
    path("evidence/<int:evidence_id>/", views.EvidenceFileView.as_view(), name="evidence"),
    path("prescriptions/", views.PrescriptionListView.as_view(), name="prescriptions"),
    path("prescriptions/<int:prescription_id>/follow-up/", views.FollowUpView.as_view(), name="follow-up"),
    path("reports/", views.ReportView.as_view(), name="report"),
]

from django.urls import path

from layers.surveillance import api

urlpatterns = [
    path("coverage/", api.CoverageView.as_view(), name="surveillance-coverage"),
    path("outage/", api.OutageView.as_view(), name="surveillance-outage"),
    path("who-sees/", api.WhoSeesView.as_view(), name="surveillance-who-sees"),
    path("placement/", api.PlacementView.as_view(), name="surveillance-placement"),
    path("placement/save/", api.PlacementSaveView.as_view(), name="surveillance-placement-save"),
    path("cameras/export/", api.CameraExportView.as_view(), name="surveillance-camera-export"),
    path("cameras/import/", api.CameraImportView.as_view(), name="surveillance-camera-import"),
    path("jobs/<int:job_id>/", api.JobDetailView.as_view(), name="surveillance-job"),
]

from django.urls import path

from frontend import views

urlpatterns = [
    path("", views.map_view, name="map"),
    path("features/<slug:slug>/<int:feature_id>/", views.feature_detail, name="feature-detail"),
    path("events/", views.events_portal, name="events-portal"),
]

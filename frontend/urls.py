from django.urls import path

from frontend import situation_views, views

urlpatterns = [
    path("", views.map_view, name="map"),
    path("features/<slug:slug>/<int:feature_id>/", views.feature_detail, name="feature-detail"),
    path("situation/", situation_views.situation, name="situation"),
    path("events/", views.events_portal, name="events-portal"),
    path("events/new/", views.events_new, name="events-new"),
    path("events/<int:event_id>/", views.events_detail, name="events-detail"),
    path("events/<int:event_id>/edit/", views.events_edit, name="events-edit"),
    path("events/register/", views.events_register, name="events-register"),
    path("events/confirm/<str:uidb64>/<str:token>/", views.events_confirm, name="events-confirm"),
    path("events/calendar/", views.events_calendar, name="events-calendar"),
    path("events/review/", views.events_review, name="events-review"),
    path("events/review/<int:event_id>/", views.events_review_detail, name="events-review-detail"),
]

from django.urls import path

from frontend import bookmarks, duty_board, identify, print_layout, situation_views, views

urlpatterns = [
    path("", views.map_view, name="map"),
    path("api/map/bookmarks/", bookmarks.BookmarksView.as_view(), name="bookmarks"),
    path("api/map/bookmarks/<int:bookmark_id>/", bookmarks.BookmarkView.as_view(), name="bookmark"),
    path("api/map/duty-board/", duty_board.DutyBoardView.as_view(), name="duty-board"),
    path("api/map/print/", print_layout.PrintView.as_view(), name="print-layout"),
    path("api/map/identify/", identify.IdentifyView.as_view(), name="identify"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("account/", views.account, name="account"),
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

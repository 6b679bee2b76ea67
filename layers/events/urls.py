from django.urls import path

from layers.events.api import public as api_public
from layers.events.api import views as api

app_name = "events"

urlpatterns = [
    path("", api.EventListView.as_view(), name="list"),
    path("choices/", api_public.ChoicesView.as_view(), name="choices"),
    path("deadlines/", api_public.DeadlinePreviewView.as_view(), name="deadlines"),
    path("uploads/", api.UploadView.as_view(), name="uploads"),
    path("map/", api_public.MapView.as_view(), name="map"),
    path("public/", api_public.PublicEventListView.as_view(), name="public"),
    path("calendar.ics", api_public.CalendarFeedView.as_view(), name="calendar"),
    path("tasks/", api.TaskListView.as_view(), name="all-tasks"),
    path("tasks/<int:task_id>/", api.TaskDetailView.as_view(), name="task"),
    path("<int:event_id>/", api.EventDetailView.as_view(), name="detail"),
    path("<int:event_id>/submit/", api.SubmitView.as_view(), name="submit"),
    path("<int:event_id>/revisions/", api.RevisionListView.as_view(), name="revisions"),
    path("<int:event_id>/revisions/<int:number>/", api.RevisionDetailView.as_view(), name="revision"),
    path("<int:event_id>/assessment/", api.AssessmentView.as_view(), name="assessment"),
    path("<int:event_id>/transitions/", api.TransitionListView.as_view(), name="transitions"),
    path(
        "<int:event_id>/accept-alternative/", api.AcceptAlternativeView.as_view(), name="accept-alternative"
    ),
    path("<int:event_id>/messages/", api.MessageListView.as_view(), name="messages"),
    path("<int:event_id>/tasks/", api.EventTaskListView.as_view(), name="tasks"),
    path("<int:event_id>/opinion/", api.OpinionView.as_view(), name="opinion"),
    path("<int:event_id>/opinion.pdf", api.OpinionPdfView.as_view(), name="opinion-pdf"),
]

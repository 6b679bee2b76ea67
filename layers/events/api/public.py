"""HTTP views anyone may call: the map and the public list of approved events, the
iCalendar feed, the deadline preview of the filing form, and the coded values."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform import openapi
from geo_platform.api import valid
from layers.events.api import inputs, outputs
from layers.events.api.renderers import ICalendarRenderer
from layers.events.api.views import DATE_PARAMETERS
from layers.events.deadlines import check_deadlines, describe_deadlines
from layers.events.documents.calendar import ical_feed
from layers.events.models import EventKind, EventStatus, ProposedDecision, Structure, TaskStatus, Track
from layers.events.selectors import events as selectors
from layers.events.workflow import is_reviewer


class MapView(APIView):
    """GeoJSON of the events the caller may see (the public: approved ones), by dates and status."""

    @extend_schema(
        parameters=DATE_PARAMETERS,
        responses={
            (200, "application/json"): openapi.FEATURE_COLLECTION,
            (200, "application/geo+json"): openapi.FEATURE_COLLECTION,
        },
    )
    def get(self, request: Request) -> Response:
        events = selectors.filter_events(selectors.visible_on_map(request.user), request.query_params)
        return Response(outputs.map_collection(events.prefetch_related("closures")))


class PublicEventListView(APIView):
    """Approved events and their street closures, without personal data."""

    @extend_schema(responses=dict, parameters=DATE_PARAMETERS[:2] + DATE_PARAMETERS[3:])
    def get(self, request: Request) -> Response:
        return Response(
            {"results": [outputs.public_event(e) for e in selectors.public_events(request.query_params)]}
        )


class CalendarFeedView(APIView):
    """An iCalendar feed of approved events."""

    renderer_classes = [ICalendarRenderer, JSONRenderer]

    @extend_schema(responses={(200, "text/calendar"): str})
    def get(self, request: Request) -> HttpResponse:
        events = selectors.public_events(request.query_params)
        text = ical_feed(events, host=request.get_host().split(":")[0] or "localhost")
        response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="sofia-mass-events.ics"'
        return response


class DeadlinePreviewView(APIView):
    """What the deadlines would say if the event were filed now (for the filing form)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, required=True),
            OpenApiParameter("start", str, required=True),
            OpenApiParameter("closures", bool),
            OpenApiParameter("urgent", bool),
        ]
    )
    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        data = valid(inputs.DeadlinePreviewInput, request.query_params)
        report = check_deadlines(
            kind=data["kind"],
            start=data["start"],
            filed_at=timezone.now(),
            has_closures=data["closures"],
            urgent=data["urgent"],
            urgent_reason=_("(preview)") if data["urgent"] else "",
        )
        return Response(describe_deadlines(report))


class ChoicesView(APIView):
    """The coded values of the events API with their labels in the reader's language."""

    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        def labels(choices):
            return {value: str(label) for value, label in choices.choices}

        return Response(
            {
                "kinds": labels(EventKind),
                "tracks": labels(Track),
                "statuses": labels(EventStatus),
                "structures": labels(Structure),
                "task_statuses": labels(TaskStatus),
                "proposed_decisions": labels(ProposedDecision),
                "reviewer": is_reviewer(request.user),
            }
        )

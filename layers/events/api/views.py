"""HTTP views of mass events: parse the request, call one service or selector, respond."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import policy_for, role_of
from geo_platform.api import is_true, valid
from geo_platform.errors import Conflict, Forbidden, NotFound
from geo_platform.versioning import guarded_write, with_etag
from layers.events.api import inputs, outputs
from layers.events.api.renderers import PDFRenderer
from layers.events.documents.opinion_pdf import render_opinion
from layers.events.models import MassEvent
from layers.events.selectors import events as selectors
from layers.events.services import filing as services
from layers.events.services import review
from layers.events.services.uploads import read_upload

DATE_PARAMETERS = [
    OpenApiParameter("from", str, description="Events that end after this date or time"),
    OpenApiParameter("to", str, description="Events that start before the end of this date (or this time)"),
    OpenApiParameter("status", str, description="Comma-separated statuses"),
    OpenApiParameter("kind", str),
    OpenApiParameter("track", str),
]


def _repair(request: Request) -> bool:
    return is_true(request.query_params.get("repair"))


def _ensure_staff(user) -> None:
    if not policy_for(user).staff:
        raise NotFound(_("Not found."))


class Authenticated(APIView):
    permission_classes = [permissions.IsAuthenticated]


class EventListView(Authenticated):
    """The caller's events (an organizer's own; every filed one for staff), and new drafts."""

    @extend_schema(operation_id="events_list", responses=dict, parameters=DATE_PARAMETERS)
    def get(self, request: Request) -> Response:
        events = selectors.filter_events(selectors.events_for(request.user), request.query_params)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(events, request, view=self)
        return paginator.get_paginated_response([outputs.event_summary(event) for event in page])

    @extend_schema(request=inputs.EventInput, responses={201: dict})
    def post(self, request: Request) -> Response:
        """A new draft; with ?submit=true it is submitted at once."""
        data = valid(inputs.EventInput, request.data)
        submit = is_true(request.query_params.get("submit"))
        event = services.create_event(user=request.user, data=data, repair=_repair(request), submit=submit)
        return Response(outputs.event_detail(event, user=request.user), status=status.HTTP_201_CREATED)


class EventDetailView(Authenticated):
    @extend_schema(responses=dict)
    def get(self, request: Request, event_id: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        # The strong ETag is the event's version; send it back as If-Match when writing.
        return with_etag(Response(outputs.event_detail(event, user=request.user)), event.updated_at)

    @extend_schema(responses=dict, request=inputs.EventInput)
    def patch(self, request: Request, event_id: int) -> Response:
        """Change a draft; a submitted event changes only by a new revision."""
        event = selectors.get_event(request.user, event_id)
        data = valid(inputs.EventInput, request.data, partial=True)
        with guarded_write(
            request, MassEvent.objects, event.pk, what=pgettext("changed by someone else", "The event")
        ):
            event = services.update_draft(user=request.user, event=event, data=data, repair=_repair(request))
        event.refresh_from_db(fields=["updated_at"])
        return with_etag(Response(outputs.event_detail(event, user=request.user)), event.updated_at)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, event_id: int) -> HttpResponse:
        event = selectors.get_event(request.user, event_id)
        with guarded_write(
            request, MassEvent.objects, event.pk, what=pgettext("changed by someone else", "The event")
        ):
            services.delete_draft(user=request.user, event=event)
        return HttpResponse(status=status.HTTP_204_NO_CONTENT)


class SubmitView(Authenticated):
    @extend_schema(responses=dict, request=None)
    def post(self, request: Request, event_id: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        services.submit_event(user=request.user, event=event)
        event.refresh_from_db()
        return Response(outputs.event_detail(event, user=request.user))


class RevisionListView(Authenticated):
    @extend_schema(operation_id="events_revisions_list", responses=dict)
    def get(self, request: Request, event_id: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        return Response([outputs.revision(item) for item in event.revisions.select_related("created_by")])

    @extend_schema(request=inputs.RevisionInput, responses={201: dict})
    def post(self, request: Request, event_id: int) -> Response:
        """A new revision: the fields sent replace the current ones; the old revision is kept."""
        event = selectors.get_event(request.user, event_id)
        data = valid(inputs.RevisionInput, request.data, partial=True)
        note = data.pop("note", "")
        # A revision replaces the current content: If-Match (optional) guards it like a PATCH.
        with guarded_write(
            request, MassEvent.objects, event.pk, what=pgettext("changed by someone else", "The event")
        ):
            revision = services.revise_event(
                user=request.user, event=event, data=data, note=note, repair=_repair(request)
            )
        return Response(outputs.revision(revision, full=True), status=status.HTTP_201_CREATED)


class RevisionDetailView(Authenticated):
    @extend_schema(responses=dict)
    def get(self, request: Request, event_id: int, number: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        revision = event.revisions.filter(number=number).first()
        if revision is None:
            raise NotFound(_("Event %(id)s has no revision %(number)s.") % {"id": event_id, "number": number})
        return Response(outputs.revision(revision, full=True))


ASSESSMENT_DOC = (
    "The automatic assessment of the current revision (staff only). It is computed by a background "
    "job after each submission or revision: `status` is `queued` or `running` (with `stage`, the check "
    "being run, and `progress` in %) until it is `done` (with `checks`) or `failed` (with `error`). "
    "Poll this URL until the status is done or failed."
)


class AssessmentView(Authenticated):
    @extend_schema(responses={200: OpenApiResponse(dict, description=ASSESSMENT_DOC)})
    def get(self, request: Request, event_id: int) -> Response:
        """The assessment of the current revision (staff only), or its progress while it is computed."""
        _ensure_staff(request.user)
        event = selectors.get_event(request.user, event_id)
        assessment = selectors.latest_assessment(event)
        if assessment is None:
            raise NotFound(
                _("Event %(id)s has no assessment yet; it is made on submission.") % {"id": event_id}
            )
        return Response(outputs.assessment(assessment, request.user))

    @extend_schema(
        request=None,
        responses={202: OpenApiResponse(dict, description="A new assessment, queued. " + ASSESSMENT_DOC)},
    )
    def post(self, request: Request, event_id: int) -> Response:
        """Assess the current revision again (e.g. after other events were filed nearby): 202, queued."""
        event = selectors.get_event(request.user, event_id)
        queued = review.refresh_assessment(user=request.user, event=event)
        response = Response(outputs.assessment(queued, request.user), status=202)
        response["Location"] = reverse("events:assessment", args=[event.pk])
        return response


class TransitionListView(Authenticated):
    @extend_schema(responses=dict)
    def get(self, request: Request, event_id: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        return Response(
            [outputs.transition(t, reader=request.user) for t in event.transitions.select_related("user")]
        )

    @extend_schema(request=inputs.TransitionInput, responses={201: dict})
    def post(self, request: Request, event_id: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        data = valid(inputs.TransitionInput, request.data)
        logged = review.change_status(
            user=request.user,
            event=event,
            target=data["to"],
            reason=data["reason"],
            conditions=data.get("conditions"),
            meeting=data.get("meeting"),
            alternative=data.get("alternative"),
        )
        return Response(outputs.transition(logged, reader=request.user), status=status.HTTP_201_CREATED)


class AcceptAlternativeView(Authenticated):
    @extend_schema(request=None, responses={201: dict})
    def post(self, request: Request, event_id: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        revision = review.accept_alternative(user=request.user, event=event)
        return Response(outputs.revision(revision, full=True), status=status.HTTP_201_CREATED)


class MessageListView(Authenticated):
    @extend_schema(responses=dict)
    def get(self, request: Request, event_id: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        messages = selectors.messages_for(request.user, event)
        return Response([outputs.message(m, reader=request.user) for m in messages])

    @extend_schema(request=inputs.MessageInput, responses={201: dict})
    def post(self, request: Request, event_id: int) -> Response:
        event = selectors.get_event(request.user, event_id)
        data = valid(inputs.MessageInput, request.data)
        message = review.post_message(
            user=request.user, event=event, body=data["body"], internal=data["internal"]
        )
        return Response(outputs.message(message, reader=request.user), status=status.HTTP_201_CREATED)


class EventTaskListView(Authenticated):
    @extend_schema(operation_id="events_tasks_list", responses=dict)
    def get(self, request: Request, event_id: int) -> Response:
        _ensure_staff(request.user)
        event = selectors.get_event(request.user, event_id)
        return Response([outputs.task(t) for t in event.tasks.select_related("event")])

    @extend_schema(request=inputs.TaskInput, responses={201: dict})
    def post(self, request: Request, event_id: int) -> Response:
        _ensure_staff(request.user)
        event = selectors.get_event(request.user, event_id)
        data = valid(inputs.TaskInput, request.data)
        task = review.create_task(user=request.user, event=event, **data)
        return Response(outputs.task(task), status=status.HTTP_201_CREATED)


class TaskListView(Authenticated):
    """Tasks: every one for staff; a partner agency's own structure's tasks."""

    @extend_schema(
        operation_id="events_all_tasks_list",
        responses=dict,
        parameters=[OpenApiParameter("structure", str), OpenApiParameter("status", str)],
    )
    def get(self, request: Request) -> Response:
        return Response([outputs.task(t) for t in selectors.tasks_for(request.user, request.query_params)])


class TaskDetailView(Authenticated):
    @extend_schema(responses=dict, request=inputs.TaskUpdateInput)
    def patch(self, request: Request, task_id: int) -> Response:
        task = selectors.get_task(request.user, task_id)
        data = valid(inputs.TaskUpdateInput, request.data)
        return Response(outputs.task(review.update_task(user=request.user, task=task, **data)))


class OpinionView(Authenticated):
    @extend_schema(responses=dict)
    def get(self, request: Request, event_id: int) -> Response:
        _ensure_staff(request.user)
        event = selectors.get_event(request.user, event_id)
        if not hasattr(event, "opinion"):
            raise NotFound(_("Event %(id)s has no opinion yet.") % {"id": event_id})
        return Response(outputs.opinion(event.opinion))

    @extend_schema(responses=dict, request=inputs.OpinionInput)
    def put(self, request: Request, event_id: int) -> Response:
        _ensure_staff(request.user)
        event = selectors.get_event(request.user, event_id)
        data = valid(inputs.OpinionInput, request.data)
        return Response(outputs.opinion(review.save_opinion(user=request.user, event=event, **data)))


class OpinionPdfView(Authenticated):
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, event_id: int) -> HttpResponse:
        """The opinion to the mayor as a PDF in Bulgarian."""
        _ensure_staff(request.user)
        event = selectors.get_event(request.user, event_id)
        if not hasattr(event, "opinion"):
            raise Conflict(_("Write the opinion (PUT opinion/) before printing it."))
        pdf = render_opinion(
            event, event.opinion, selectors.latest_assessment(event, done=True), user=request.user
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="stanovishte-{event.pk}-r{event.revision}.pdf"'
        return response


class UploadView(Authenticated):
    """Read a GPX, KML or GeoJSON file into the geometry of a route, perimeter, closures or points.

    Nothing is stored: the answer goes into a draft or a revision.
    """

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=dict, request={"multipart/form-data": inputs.UploadInput})
    def post(self, request: Request) -> Response:
        if not (policy_for(request.user).staff or role_of(request.user) == Role.ORGANIZER):
            raise Forbidden(_("Uploads are for organizers and the directorate's staff."))
        data = valid(inputs.UploadInput, request.data)
        result = read_upload(
            data["file"], target=data["target"], crs=data.get("crs") or None, repair=_repair(request)
        )
        return Response(result)

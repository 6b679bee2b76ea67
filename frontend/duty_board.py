"""The duty operator's board: events on now or in the next 24 hours, with their closures,
conditions, organizer contacts and the agency tasks due, for the directorate's staff.

Approved events and those still in review are both listed (the status says which); drafts,
rejected and withdrawn ones are not.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.accounts.roles import policy_for
from geo_platform.errors import InvalidParameter, NotFound
from layers.events.api.outputs import task as task_out
from layers.events.models import ACTIVE_STATUSES, EventStatus, EventTask, MassEvent, StreetClosure, TaskStatus

SHOWN = (EventStatus.APPROVED, *ACTIVE_STATUSES)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def board(now, hours: int) -> dict:
    until = now + timedelta(hours=hours)
    events = (
        MassEvent.objects.filter(status__in=SHOWN, start__lt=until, end__gt=now)
        .prefetch_related(Prefetch("closures", queryset=StreetClosure.objects.order_by("start", "pk")))
        .order_by("start", "pk")
    )
    tasks = (
        EventTask.objects.filter(status=TaskStatus.OPEN)
        .filter(Q(due_at__lt=until))
        .select_related("event")
        .order_by("due_at", "pk")
    )
    return {
        "now": _iso(now),
        "until": _iso(until),
        "events": [
            {
                "id": event.pk,
                "title": event.name,
                "status": event.status,
                "status_label": str(EventStatus(event.status).label),
                "approved": event.status == EventStatus.APPROVED,
                "on_now": event.start <= now < event.end,
                "start": _iso(event.start),
                "end": _iso(event.end),
                "expected_participants": event.expected_participants,
                "conditions": event.conditions,
                "organizer": {
                    "name": event.organizer_name,
                    "phone": event.organizer_phone,
                    "email": event.organizer_email,
                },
                "responsible_persons": event.responsible_persons,
                "closures": [
                    {"name": c.name, "start": _iso(c.start), "end": _iso(c.end), "note": c.note}
                    for c in event.closures.all()
                ],
            }
            for event in events
        ],
        "tasks": [{**task_out(t), "overdue": t.due_at < now} for t in tasks],
    }


class DutyBoardView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request: Request) -> Response:
        if not policy_for(request.user).staff:
            raise NotFound(_("Not found."))
        try:
            hours = int(request.query_params.get("hours", 24))
        except ValueError:
            raise InvalidParameter(
                _("The hours ahead must be a whole number, 1 to 168."), parameter="hours"
            ) from None
        if not 1 <= hours <= 168:
            raise InvalidParameter(_("The hours ahead must be a whole number, 1 to 168."), parameter="hours")
        return Response(board(timezone.now(), hours))

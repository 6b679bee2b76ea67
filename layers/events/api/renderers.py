"""Renderers that let clients ask for a PDF or an iCalendar by Accept header; errors on
these endpoints still come back as the platform's JSON."""

from __future__ import annotations

import json

from rest_framework.renderers import BaseRenderer


class _PassThrough(BaseRenderer):
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, (bytes, str)):
            return data
        return json.dumps(data, ensure_ascii=False).encode("utf-8")


class PDFRenderer(_PassThrough):
    media_type = "application/pdf"
    format = "pdf"


class ICalendarRenderer(_PassThrough):
    media_type = "text/calendar"
    format = "ics"

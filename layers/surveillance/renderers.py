"""Renderers for the camera export, so `?format=csv|geojson` negotiates like any DRF format."""

from __future__ import annotations

from rest_framework.renderers import BaseRenderer

from geo_platform.api import GeoJSONRenderer

__all__ = ["CSVRenderer", "GeoJSONRenderer"]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return data if isinstance(data, bytes) else str(data).encode()

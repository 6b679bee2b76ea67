"""Coordinate reference systems, named once.

Geometry is stored in WGS 84; lengths, areas and distances are measured in UTM 34N,
which covers all of Sofia Municipality; tiles use Web Mercator; BGS2005 / CCS2005 is
Bulgaria's official projected system and is accepted and produced wherever users
exchange data.
"""

from __future__ import annotations

import re

STORAGE_SRID = 4326
WEB_MERCATOR_SRID = 3857
METRIC_SRID = 32634
NATIONAL_SRID = 7801

# The systems users may send geometry in and ask for output in.
SUPPORTED_SRIDS = (STORAGE_SRID, WEB_MERCATOR_SRID, METRIC_SRID, NATIONAL_SRID)
SRID_NAMES = {
    STORAGE_SRID: "WGS 84",
    WEB_MERCATOR_SRID: "WGS 84 / Pseudo-Mercator",
    METRIC_SRID: "WGS 84 / UTM zone 34N",
    NATIONAL_SRID: "BGS2005 / CCS2005",
}

# Sofia Municipality's bounds in WGS 84 (lon/lat), from the official district boundary.
SOFIA_BOUNDS = (23.05, 42.41, 23.68, 42.90)

_CRS_PATTERNS = (
    re.compile(r"^(\d+)$"),
    re.compile(r"^EPSG:+(\d+)$", re.IGNORECASE),
    re.compile(r"^urn:ogc:def:crs:EPSG:[\d.]*:(\d+)$", re.IGNORECASE),
    re.compile(r"^https?://www\.opengis\.net/def/crs/EPSG/0/(\d+)$", re.IGNORECASE),
)
_CRS84_NAMES = {
    "crs84",
    "ogc:crs84",
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "http://www.opengis.net/def/crs/ogc/1.3/crs84",
}


class UnknownCRS(ValueError):
    """A CRS name that is not one of SUPPORTED_SRIDS."""


def parse_crs(name: str | int | None, *, default: int = STORAGE_SRID) -> int:
    """SRID for a CRS given as 4326, 'EPSG:4326', an OGC URN or URI, or CRS84."""
    if name is None or name == "":
        return default
    text = str(name).strip()
    if text.lower() in _CRS84_NAMES:
        return STORAGE_SRID
    for pattern in _CRS_PATTERNS:
        match = pattern.match(text)
        if match:
            srid = int(match.group(1))
            if srid in SUPPORTED_SRIDS:
                return srid
            break
    # Imported here so that the constants above stay importable without Django (risk_models uses them).
    from django.utils.translation import gettext as _

    supported = ", ".join(f"EPSG:{srid}" for srid in SUPPORTED_SRIDS)
    raise UnknownCRS(
        _("Unknown or unsupported CRS %(crs)r; supported: %(supported)s.")
        % {"crs": text, "supported": supported}
    )


def crs_uri(srid: int) -> str:
    return f"http://www.opengis.net/def/crs/EPSG/0/{srid}"

"""An official hazard layer uploaded with a scenario (InaSAFE-style): a GeoTIFF of intensities or zone polygons.

A GeoTIFF is kept as a file under MEDIA_ROOT/risk/uploads/ and frozen with the scenario's inputs;
polygons (GeoJSON or GeoPackage) are read at once into lon/lat GeoJSON with their value and kept
in the scenario's request inputs. Both are checked on upload: a bad file is refused with a 400
that says what is wrong, and nothing is stored.
"""

from __future__ import annotations

import json
import math
import tempfile
import uuid
from pathlib import Path

import rasterio
import shapely
import shapely.ops
from django.utils.translation import gettext as _
from pyproj import Transformer
from rasterio.errors import RasterioError

from geo_platform.errors import InvalidParameter
from layers.hazards import storage

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MAX_ZONES = 5_000
RASTER_SUFFIXES = (".tif", ".tiff")
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg")


def _refuse(message: str) -> InvalidParameter:
    return InvalidParameter(message, parameter="hazard_file", reason=message)


def accept_upload(*, upload, value_field: str = "") -> dict:
    """Check the uploaded file and return what the scenario's request inputs keep about it."""
    name = Path(getattr(upload, "name", "") or "upload").name
    suffix = Path(name).suffix.lower()
    if upload.size > MAX_UPLOAD_BYTES:
        raise _refuse(_("The hazard file is larger than 200 MB."))
    if suffix in RASTER_SUFFIXES:
        return _accept_raster(upload, name)
    if suffix in VECTOR_SUFFIXES:
        return _accept_vector(upload, name, value_field)
    raise _refuse(
        _("The hazard file must be a GeoTIFF (.tif) or polygons in GeoJSON or GeoPackage (.geojson, .gpkg).")
    )


def _accept_raster(upload, name: str) -> dict:
    folder = storage.media_root() / storage.RISK_DIR / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{uuid.uuid4().hex}.tif"
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    try:
        with rasterio.open(target) as dataset:
            if dataset.crs is None:
                raise _refuse(
                    _("The GeoTIFF has no coordinate reference system; set one and upload it again.")
                )
            if dataset.count < 1:
                raise _refuse(_("The GeoTIFF has no band."))
    except RasterioError:
        target.unlink(missing_ok=True)
        raise _refuse(_("The file could not be read as a GeoTIFF.")) from None
    except InvalidParameter:
        target.unlink(missing_ok=True)
        raise
    return {"format": "raster", "path": storage.relative(target), "label": name}


def _accept_vector(upload, name: str, value_field: str) -> dict:
    import pyogrio

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(name).suffix.lower()}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            frame = pyogrio.read_dataframe(path)
        except Exception:  # pyogrio raises several error types for unreadable files
            raise _refuse(_("The file could not be read as GeoJSON or GeoPackage polygons.")) from None
    if frame.crs is None:
        raise _refuse(_("The zone layer has no coordinate reference system."))
    if len(frame) == 0:
        raise _refuse(_("The zone layer has no features."))
    if len(frame) > MAX_ZONES:
        raise _refuse(_("The zone layer has more than 5,000 features."))
    if not value_field or value_field not in frame.columns:
        raise _refuse(
            _(
                "Name the attribute that holds each zone's value (depth in m, PGA in g, class or level): one of %(fields)s."
            )
            % {"fields": ", ".join(str(c) for c in frame.columns if c != "geometry")}
        )
    to_lonlat = Transformer.from_crs(frame.crs, "EPSG:4326", always_xy=True)
    zones = []
    for number, (geometry, value) in enumerate(zip(frame.geometry, frame[value_field], strict=True), start=1):
        if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            raise _refuse(_("Feature %(n)s is not a polygon.") % {"n": number})
        try:
            value = float(value)
        except (TypeError, ValueError):
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise _refuse(
                _("Feature %(n)s has no value ≥ 0 in %(field)s.") % {"n": number, "field": value_field}
            )
        lonlat = shapely.ops.transform(to_lonlat.transform, shapely.make_valid(geometry))
        zones.append({"geometry": json.loads(shapely.to_geojson(lonlat)), "value": value})
    return {"format": "zones", "zones": zones, "label": name, "value_field": value_field}

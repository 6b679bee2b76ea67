"""JSON bodies of the surveillance API: analysis results in WGS 84 GeoJSON and plain numbers.

Areas are m², lengths m (measured in UTM 34N); shares are 0…1; azimuths are true (from
geographic north), as stored. Coverage gaps and lost areas come as FeatureCollections the
map can draw directly, one feature per DORI level, styled like the `camera-fov` layer.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from layers.surveillance.conf import surveillance_settings
from layers.surveillance.geometry import geojson_of
from layers.surveillance.models import CameraStatus, DoriLevelChoice
from layers.surveillance.selectors.coverage import CoverageResult, OutageResult
from layers.surveillance.selectors.placement import PlacementOutcome
from layers.surveillance.selectors.places import nearest_named_places
from layers.surveillance.selectors.state import CameraInfo
from layers.surveillance.services.imports import ImportReport
from risk_models.surveillance import DoriLevel, Sighting, true_azimuth, xy_to_storage

UNITS = {"area": "m2", "length": "m"}


def model_notes() -> dict:
    """Where the numbers behind every field of view come from (shown with each result)."""
    conf = surveillance_settings()
    return {
        "dori_pixels_per_metre": {
            "value": {str(level): level.pixels_per_metre for level in DoriLevel},
            "source": "EN 62676-4:2015 (DORI)",
        },
        "max_range_m": {
            "value": conf.max_range_m,
            "assumption": _("no purpose is credited beyond this distance"),
        },
        "target_height_m": {"value": conf.target_height_m, "assumption": _("the face of a standing adult")},
        "aspect_ratio": {"value": "16:9", "assumption": _("image format for the vertical field of view")},
        "mount_tolerance_m": {
            "value": 1.0,
            "assumption": _("a building this close to a camera is its mount and does not hide its view"),
        },
        "building_heights": {
            "source": _("OpenStreetMap (height tag) in the centre"),
            "assumption": _(
                "else OSM levels × 3.1 m + 1.5 m roof, or a typical height by building type; demo blocks "
                "outside the centre 9–36 m; a building lower than the lens hides only the ground its roof "
                "shades from the lens, one of unknown height hides everything behind it"
            ),
        },
    }


def level_label(level: DoriLevel | str) -> str:
    return str(DoriLevelChoice(str(DoriLevel(level))).label)


def camera_summary(info: CameraInfo) -> dict:
    return {
        "id": info.id,
        "name": info.name,
        "status": info.status,
        "status_label": str(CameraStatus(info.status).label),
        "owner": info.owner,
        "watched_object": info.watched_object,
        "position": [round(info.lon, 7), round(info.lat, 7)],
        "azimuth": round(info.azimuth, 2),
    }


def _feature(geometry, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geojson_of(geometry), "properties": properties}


def coverage_body(result: CoverageResult, *, with_geometry: bool) -> dict:
    report = result.report
    unit = UNITS[report.measure]
    best: dict[int, DoriLevel] = {}
    for level, item in report.levels.items():  # weakest to strongest: the last level seen wins
        for camera_id in item.cameras:
            best[camera_id] = level
    body = {
        "target": {**result.target.describe(), "total": round(report.total, 2), "unit": unit},
        "include_planned": result.include_planned,
        "levels": [
            {
                "level": level.value,
                "label": level_label(level),
                "pixels_per_metre": level.pixels_per_metre,
                "covered": round(item.covered, 2),
                "uncovered": round(report.total - item.covered, 2),
                "share": round(item.share, 6),
                "cameras": [int(c) for c in item.cameras],
            }
            for level, item in report.levels.items()
        ],
        "cameras": [
            {**camera_summary(result.view.cameras[camera_id]), "best_level": level.value}
            for camera_id, level in sorted(best.items())
        ],
    }
    if with_geometry:
        body["coverage_gaps"] = {
            "type": "FeatureCollection",
            "features": [
                _feature(
                    item.coverage_gap,
                    {
                        "level": level.value,
                        "label": level_label(level),
                        "uncovered": round(report.total - item.covered, 2),
                        "unit": unit,
                    },
                )
                for level, item in report.levels.items()
                if not item.coverage_gap.is_empty
            ],
        }
    body["model_notes"] = model_notes()
    body["model_notes_title"] = _("Sources and assumptions")
    return body


def outage_body(result: OutageResult, *, with_geometry: bool) -> dict:
    impact = result.impact
    unit = UNITS[impact.measure]
    body = {
        "target": {**result.target.describe(), "total": round(impact.total, 2), "unit": unit},
        "include_planned": result.include_planned,
        "offline": result.offline,
        "levels": [
            {
                "level": level.value,
                "label": level_label(level),
                "share_before": round(item.share_before, 6),
                "share_after": round(item.share_after, 6),
                "lost": round(item.lost, 2),
                "cameras": [int(c) for c in item.cameras],
            }
            for level, item in impact.levels.items()
        ],
    }
    if with_geometry:
        body["lost_areas"] = {
            "type": "FeatureCollection",
            "features": [
                _feature(
                    item.lost_geometry,
                    {
                        "level": level.value,
                        "label": level_label(level),
                        "lost": round(item.lost, 2),
                        "unit": unit,
                    },
                )
                for level, item in impact.levels.items()
                if not item.lost_geometry.is_empty
            ],
        }
    body["model_notes"] = model_notes()
    body["model_notes_title"] = _("Sources and assumptions")
    return body


def who_sees_body(
    point: list[float], include_planned: bool, sightings: list[tuple[Sighting, CameraInfo]]
) -> dict:
    return {
        "point": point,
        "include_planned": include_planned,
        "cameras": [
            {
                **camera_summary(info),
                "level": sighting.level.value,
                "level_label": level_label(sighting.level),
                "distance_m": round(sighting.distance, 2) if sighting.distance is not None else None,
                "pixels_per_metre": round(sighting.pixels_per_metre, 1)
                if sighting.pixels_per_metre is not None
                else None,
            }
            for sighting, info in sightings
        ],
    }


def placement_body(outcome: PlacementOutcome, *, user=None) -> dict:
    result = outcome.result
    total = result.total_demand
    positions = [xy_to_storage(x=placed.camera.x, y=placed.camera.y) for placed in result.cameras]
    # Where each camera is, in words: the nearest named place the user may see (else coordinates).
    places = (
        nearest_named_places(user, [(float(lon), float(lat)) for lon, lat in positions])
        if user is not None
        else [None] * len(positions)
    )
    target_area = outcome.target.geometry
    cameras = []
    for rank, placed in enumerate(result.cameras, start=1):
        mounted = placed.camera
        lon, lat = positions[rank - 1]
        place = places[rank - 1]
        # The camera's whole field of view inside the target: its gain equals it when nothing else
        # (existing cameras, cameras ranked above) covers any of it; less when it overlaps.
        field_in_target = (
            float(placed.field_of_view.intersection(target_area).area)
            if outcome.target.measure == "area" and not outcome.weighted and placed.field_of_view is not None
            else None
        )
        cameras.append(
            {
                "rank": rank,
                "lon": round(float(lon), 7),
                "lat": round(float(lat), 7),
                # The core turned grid directions; cameras are stored with true azimuths.
                "azimuth": round(true_azimuth(x=mounted.x, y=mounted.y, azimuth=mounted.azimuth), 2),
                "mount_height": mounted.height,
                "fov": mounted.fov,
                "resolution": mounted.resolution,
                "tilt": mounted.tilt,
                "gain": round(placed.gain, 2),
                "field_in_target": None if field_in_target is None else round(field_in_target, 2),
                "overlap_share": (
                    round(max(0.0, 1.0 - placed.gain / field_in_target), 4) if field_in_target else None
                ),
                "place": place.as_dict() if place else None,
                "cumulative_share": round(placed.cumulative_share, 6),
                "field_of_view": geojson_of(placed.field_of_view),
            }
        )
    return {
        "target": outcome.target.describe(),
        "level": result.level.value,
        "level_label": level_label(result.level),
        "measure": outcome.target.measure,
        "unit": UNITS[outcome.target.measure],
        "weighted": outcome.weighted,
        "total_demand": round(total, 2),
        "covered_before": round(result.covered_before, 2),
        "covered_after": round(result.covered_after, 2),
        "share_before": round(result.covered_before / total, 6) if total else 0.0,
        "share_after": round(result.covered_after / total, 6) if total else 0.0,
        "sites_considered": len(outcome.sites),
        "candidates_considered": result.candidates_considered,
        "elapsed_ms": round(outcome.elapsed_s * 1000),
        "notes": outcome.notes,
        "model_notes": model_notes(),
        "cameras": cameras,
    }


def import_body(report: ImportReport) -> dict:
    return {
        "format": report.format,
        "crs_read": report.crs_read,
        "dry_run": report.dry_run,
        "rows": report.rows,
        "created": len(report.created),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "rejected": len(report.rejected),
        "created_ids": [pk for pk in report.created if pk is not None],
        "updated_ids": report.updated,
        "rejected_rows": report.rejected,
    }

"""The stored fields of view in metres, held once per process and refreshed only when they change.

Analyses (coverage, outage, who-sees, placement) need every camera's fields as shapely
geometry in UTM 34N with STRtrees over them. Reading 40,000 polygons and building the trees
costs about a second at 10,000 cameras, so it is done once per process and then kept:

- each request asks one indexed question, the last-change stamps of the `cameras` and
  `camera-fov` layers (bumped by every write through layers.services and by the field-of-view
  service), and re-validates at least every `state_ttl_s` seconds for writes that bypass both;
- when a stamp moved, each camera's (updated_at, fov_computed_at) is compared with what is
  held, and only the cameras that changed are read again;
- the FieldSet / WhoSeesIndex of a set of statuses (online; online + planned) is built on first
  use after a change and reused until the next one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely
from django.contrib.gis.db.models.functions import AsWKB

from layers.surveillance import queries
from layers.surveillance.conf import surveillance_settings
from layers.surveillance.geometry import grid_azimuths, metric_of_wkb
from layers.surveillance.layer_specs import CAMERAS, FIELDS_OF_VIEW
from layers.surveillance.models import Camera, CameraStatus
from risk_models.surveillance import CameraGeometry, DoriLevel, FieldSet, WhoSeesIndex, xy_to_metric

STAMP_LAYERS = (CAMERAS.slug, FIELDS_OF_VIEW.slug)
ONLINE = frozenset({CameraStatus.ONLINE.value})
ONLINE_AND_PLANNED = frozenset({CameraStatus.ONLINE.value, CameraStatus.PLANNED.value})


@dataclass(frozen=True, slots=True)
class CameraInfo:
    """What the analyses report about a camera, and its geometry in metres."""

    id: int
    name: str
    status: str
    owner: str
    watched_object: str
    lon: float
    lat: float
    azimuth: float  # true, as stored
    geometry: CameraGeometry  # UTM 34N, grid azimuth


@dataclass
class CameraView:
    """The cameras of some statuses, with their fields of view indexed for analyses."""

    cameras: dict[int, CameraInfo]
    field_set: FieldSet

    @cached_property
    def who_sees(self) -> WhoSeesIndex:
        settings = surveillance_settings().fov_settings()
        return WhoSeesIndex(
            fields=self.field_set,
            cameras={pk: info.geometry for pk, info in self.cameras.items() if pk in self.field_set.position},
            settings=settings,
        )

    def fields_at(self, level: DoriLevel) -> np.ndarray:
        return self.field_set.geometries[DoriLevel(level)]


class SurveillanceState:
    """Per-process copy of the cameras and their stored fields of view, in metres."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._stamps: tuple | None = None
        self._checked = 0.0
        self._versions: dict[int, tuple] = {}
        self.cameras: dict[int, CameraInfo] = {}
        self.fields: dict[int, dict[str, shapely.Geometry]] = {}
        self._views: dict[frozenset[str], CameraView] = {}

    def refresh(self) -> None:
        """Bring the held copy up to date with the database (cheap when nothing changed)."""
        stamps = queries.layer_stamps(STAMP_LAYERS)
        with self._lock:
            fresh = time.monotonic() - self._checked < surveillance_settings().state_ttl_s
            if stamps == self._stamps and fresh:
                return
            versions = {
                pk: (updated, computed)
                for pk, updated, computed in Camera.objects.values_list("pk", "updated_at", "fov_computed_at")
            }
            changed = [pk for pk, version in versions.items() if self._versions.get(pk) != version]
            removed = set(self._versions) - set(versions)
            if changed or removed:
                for pk in removed:
                    self.cameras.pop(pk, None)
                    self.fields.pop(pk, None)
                self._load(changed)
                self._views.clear()
            self._versions = versions
            self._stamps = stamps
            self._checked = time.monotonic()

    def _load(self, ids: list[int]) -> None:
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            self.cameras.update(_camera_infos(chunk))
            for pk in chunk:
                self.fields.pop(pk, None)
            rows = queries.field_rows(chunk)
            if rows:
                geometries = metric_of_wkb(wkb for _pk, _level, wkb in rows)
                for (pk, level, _wkb), geometry in zip(rows, geometries, strict=True):
                    self.fields.setdefault(pk, {})[level] = geometry

    def view(self, statuses: Iterable[str]) -> CameraView:
        """The cameras of these statuses that have fields of view, indexed (built once per change)."""
        key = frozenset(statuses)
        with self._lock:
            view = self._views.get(key)
            if view is None:
                chosen = {
                    pk: info for pk, info in self.cameras.items() if info.status in key and pk in self.fields
                }
                ordered = dict(sorted(chosen.items()))
                view = CameraView(
                    cameras=ordered, field_set=FieldSet({pk: self.fields[pk] for pk in ordered})
                )
                self._views[key] = view
            return view

    def forget(self) -> None:
        with self._lock:
            self.__init__()


def _camera_infos(ids: list[int]) -> dict[int, CameraInfo]:
    rows = list(
        Camera.objects.filter(pk__in=ids)
        .annotate(wkb=AsWKB("position"))
        .values_list(
            "pk",
            "name",
            "status",
            "owner",
            "watched_object",
            "azimuth",
            "mount_height",
            "fov",
            "resolution",
            "tilt",
            "wkb",
        )
    )
    if not rows:
        return {}
    points = shapely.from_wkb(np.array([bytes(row[-1]) for row in rows], dtype=object))
    lon, lat = shapely.get_x(points), shapely.get_y(points)
    x, y = xy_to_metric(lon=lon, lat=lat)
    azimuths = np.array([row[5] for row in rows], dtype=float)
    grid = grid_azimuths(lon=lon, lat=lat, azimuth=azimuths)
    infos = {}
    for i, (pk, name, status, owner, watched, azimuth, height, fov, resolution, tilt, _wkb) in enumerate(
        rows
    ):
        infos[pk] = CameraInfo(
            id=pk,
            name=name,
            status=status,
            owner=owner,
            watched_object=watched,
            lon=float(lon[i]),
            lat=float(lat[i]),
            azimuth=float(azimuth),
            geometry=CameraGeometry(
                x=float(x[i]),
                y=float(y[i]),
                azimuth=float(grid[i]),
                height=float(height),
                fov=float(fov),
                resolution=int(resolution),
                tilt=float(tilt),
            ),
        )
    return infos


_STATE = SurveillanceState()


def current_state() -> SurveillanceState:
    """The process's state, refreshed if the cameras or their fields changed."""
    _STATE.refresh()
    return _STATE


def forget_state() -> None:
    """Drop everything held (tests that change rows behind the services' back)."""
    _STATE.forget()

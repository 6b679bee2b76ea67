"""Reacting to writes that reached the cameras or buildings layers outside this app's services.

The features API and the admin write through layers.services, which sends `feature_changed`
after the commit; the fixture loader sends `layer_reloaded`. These receivers only call the
field-of-view services. Failures are logged: the write itself has committed, and a stale
field of view must not turn into a 500 for the planner who saved the camera.
"""

from __future__ import annotations

import logging

from geo_platform.errors import PlatformError
from layers.surveillance.layer_specs import BUILDINGS, CAMERAS
from layers.surveillance.services import fields_of_view
from risk_models.surveillance import SurveillanceError

logger = logging.getLogger(__name__)


def on_feature_changed(sender, *, layer: str, feature_id=None, before=None, after=None, **kwargs) -> None:
    try:
        if layer == CAMERAS.slug and feature_id is not None:
            fields_of_view.refresh_camera(camera_id=feature_id, before=before)
        elif layer == BUILDINGS.slug:
            fields_of_view.refresh_near(geometries=(before, after))
    except (SurveillanceError, PlatformError):
        logger.exception("Could not recompute fields of view after a change of %s #%s.", layer, feature_id)


def on_layer_reloaded(sender, *, layer: str, **kwargs) -> None:
    if layer in (CAMERAS.slug, BUILDINGS.slug):
        count = fields_of_view.recompute_all()
        logger.info("Recomputed %s fields of view after %s was reloaded.", count, layer)

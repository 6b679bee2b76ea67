"""Writes of the risk app, each in a transaction; the long computations run as Celery tasks."""

from layers.hazards.services.exports import execute_export, request_export
from layers.hazards.services.measures import (
    create_measure,
    delete_measure,
    execute_ranking,
    request_ranking,
    update_measure,
)
from layers.hazards.services.scenarios import create_scenario, delete_scenario, execute_run, request_rerun
from layers.hazards.services.zones import publish_zones, unpublish_zones

__all__ = [
    "create_measure",
    "create_scenario",
    "delete_measure",
    "delete_scenario",
    "execute_export",
    "execute_ranking",
    "execute_run",
    "publish_zones",
    "request_export",
    "request_ranking",
    "request_rerun",
    "unpublish_zones",
    "update_measure",
]

"""What every check is handed: the event, the settings, and the event's footprints in metres."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from layers.events.conf import AssessmentSettings, assessment_settings
from layers.events.models import MassEvent
from layers.events.selectors import surroundings


@dataclass(frozen=True)
class Context:
    event: MassEvent
    config: AssessmentSettings
    # Perimeter, route and gathering points, in metres (None without geometry).
    footprint: BaseGeometry | None
    # The footprint with the event's street closures (what other events may conflict with).
    footprint_with_closures: BaseGeometry | None

    @classmethod
    def of(cls, event: MassEvent, config: AssessmentSettings | None = None) -> Context:
        """The context of an event as it is now."""
        return cls(
            event=event,
            config=config or assessment_settings(),
            footprint=surroundings.event_footprint(event),
            footprint_with_closures=surroundings.event_footprint(event, with_closures=True),
        )

"""Mass events: the filings (MassEvent with its closures and revisions) and their review."""

from layers.events.models.calendar import WorkdayOverride
from layers.events.models.choices import ACTIVE_STATUSES, EventKind, EventStatus, Structure, TaskStatus, Track
from layers.events.models.event import EventRevision, MassEvent, StreetClosure
from layers.events.models.review import (
    AlternativeProposal,
    AssessmentStatus,
    EventAssessment,
    EventMessage,
    EventTask,
    EventTransition,
    Opinion,
    ProposedDecision,
)

__all__ = [
    "ACTIVE_STATUSES",
    "AlternativeProposal",
    "AssessmentStatus",
    "EventAssessment",
    "EventKind",
    "EventMessage",
    "EventRevision",
    "EventStatus",
    "EventTask",
    "EventTransition",
    "MassEvent",
    "Opinion",
    "ProposedDecision",
    "StreetClosure",
    "Structure",
    "TaskStatus",
    "Track",
    "WorkdayOverride",
]

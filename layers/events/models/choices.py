from django.db import models
from django.utils.translation import gettext_lazy as _

from geo_platform.accounts.models import PartnerAgency


class Track(models.TextChoices):
    """The two legal tracks of DOMAIN.md."""

    NOTIFICATION = "notification", _("Notification under ЗСММ")
    APPLICATION = "application", _("Application under the public-order ordinance")


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting or rally")
    MANIFESTATION = "manifestation", _("Manifestation or procession")
    SPORTS = "sports", _("Sports event")
    CULTURAL = "cultural", _("Cultural event")
    OTHER = "other", _("Other mass event")

    @classmethod
    def track_of(cls, kind: str) -> str:
        return Track.NOTIFICATION if kind in (cls.MEETING, cls.MANIFESTATION) else Track.APPLICATION


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    MEETING_REQUESTED = "meeting_requested", _("Meeting requested")
    APPROVED = "approved", _("Approved")
    ALTERNATIVE_PROPOSED = "alternative_proposed", _("Alternative proposed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Filed and not closed: these take up place and time, so they conflict with other events.
ACTIVE_STATUSES = (
    EventStatus.SUBMITTED,
    EventStatus.UNDER_REVIEW,
    EventStatus.MEETING_REQUESTED,
    EventStatus.ALTERNATIVE_PROPOSED,
    EventStatus.APPROVED,
)


class Structure(models.TextChoices):
    """The competent structures that get tasks for an event."""

    SDVR = "sdvr", _("Sofia Police Directorate (СДВР)")
    MUNICIPAL_POLICE = "municipal_police", _("Municipal Police (Общинска полиция)")
    PBZN = "pbzn", _("Fire Safety and Civil Protection (ПБЗН)")
    CSMP = "csmp", _("Emergency Medical Care Centre (ЦСМП)")
    CGM = "cgm", _("Urban Mobility Centre (ЦГМ)")
    INSPECTORATE = "inspectorate", _("Sofia Inspectorate (Столичен инспекторат)")

    @classmethod
    def for_agency(cls, agency: str) -> str | None:
        """The structure a partner agency's account answers for."""
        return {
            PartnerAgency.SDVR: cls.SDVR,
            PartnerAgency.MUNICIPAL_POLICE: cls.MUNICIPAL_POLICE,
            PartnerAgency.PBZN: cls.PBZN,
            PartnerAgency.CSMP: cls.CSMP,
            PartnerAgency.CGM: cls.CGM,
        }.get(agency)


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")

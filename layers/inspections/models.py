"""Inspections of the security process at guarded municipal sites: the security companies and
their contracts, the annual schedule, the inspections with their findings, evidence and
prescriptions. The sites themselves are the guarded-sites layer (layers.public_order)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from layers.inspections.checklist import PrescriptionStatus, ScheduleStatus, Severity


class SecurityCompany(models.Model):
    """A private security company (ЗЧОД) with its licence."""

    name = models.CharField(_("name"), max_length=200)
    eik = models.CharField(_("EIK/BULSTAT"), max_length=13, unique=True)
    licence_number = models.CharField(_("licence number"), max_length=60)
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("security company")
        verbose_name_plural = _("security companies")

    def __str__(self) -> str:
        return self.name


class GuardContract(models.Model):
    """A contract under which a company guards one municipal site."""

    company = models.ForeignKey(
        SecurityCompany,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("security company"),
    )
    site = models.ForeignKey(
        "public_order.GuardedSite", on_delete=models.CASCADE, related_name="contracts", verbose_name=_("site")
    )
    number = models.CharField(_("contract number"), max_length=60, blank=True)
    licence_number = models.CharField(_("licence number"), max_length=60)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    posts = models.PositiveSmallIntegerField(_("guard posts"))
    hours_per_week = models.PositiveSmallIntegerField(_("guarded hours per week"))
    value_eur = models.DecimalField(_("value, EUR"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ("-starts_on",)
        verbose_name = _("guarding contract")
        verbose_name_plural = _("guarding contracts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="contract_period_order"
            ),
            models.CheckConstraint(condition=models.Q(value_eur__gt=0), name="contract_value_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.company} — {self.site}"


class InspectionSchedule(models.Model):
    """A year's schedule of inspections: proposed by the generator, then accepted by a planner."""

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=ScheduleStatus.choices, default=ScheduleStatus.PROPOSED
    )
    inspectors = models.PositiveSmallIntegerField(_("inspectors"))
    parameters = models.JSONField(_("parameters"), default=dict)
    routes = models.JSONField(_("routes of the days"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ("-year", "-created_at")
        verbose_name = _("inspection schedule")
        verbose_name_plural = _("inspection schedules")
        constraints = [
            models.UniqueConstraint(
                fields=("year",), condition=models.Q(status="accepted"), name="one_accepted_schedule_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.get_status_display()})"


class PlannedVisit(models.Model):
    schedule = models.ForeignKey(InspectionSchedule, on_delete=models.CASCADE, related_name="visits")
    site = models.ForeignKey("public_order.GuardedSite", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    inspector = models.PositiveSmallIntegerField(_("inspector"))
    order = models.PositiveSmallIntegerField(_("order in the day's route"))
    reasons = models.JSONField(_("reasons"), default=list)

    class Meta:
        ordering = ("day", "inspector", "order")
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")

    def __str__(self) -> str:
        return f"{self.day} #{self.inspector}.{self.order} {self.site}"


class Inspection(models.Model):
    """One inspection of a guarded site, with the checklist as answered."""

    site = models.ForeignKey(
        "public_order.GuardedSite",
        on_delete=models.CASCADE,
        related_name="inspections",
        verbose_name=_("site"),
    )
    contract = models.ForeignKey(
        GuardContract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("contract"),
    )
    company = models.ForeignKey(
        SecurityCompany,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("security company"),
    )
    visit = models.ForeignKey(
        PlannedVisit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("planned visit"),
    )
    inspected_on = models.DateField(_("inspected on"))
    checklist = models.JSONField(_("checklist"), default=dict)
    notes = models.TextField(_("notes"), blank=True)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("inspector"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ("-inspected_on", "-pk")
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.site} {self.inspected_on}"


class Finding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    item = models.CharField(_("checklist item"), max_length=40)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices)
    description = models.TextField(_("description"))

    class Meta:
        ordering = ("pk",)
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.item} ({self.severity})"


class Evidence(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="inspections/evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveIntegerField(_("size, bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class Prescription(models.Model):
    """What the company must put right, by when; followed up until fulfilled."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="prescriptions")
    text = models.TextField(_("prescription"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=PrescriptionStatus.choices, default=PrescriptionStatus.OPEN
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    history = models.JSONField(_("follow-up"), default=list)

    class Meta:
        ordering = ("deadline", "pk")
        verbose_name = _("prescription")
        verbose_name_plural = _("prescriptions")

    def __str__(self) -> str:
        return f"{self.text[:60]} ({self.deadline})"

"""The legal deadlines for filing a mass event, checked when it is submitted.

- ЗСММ, чл. 8: an open-air meeting or rally is notified at least 48 hours before it starts
  (24 hours in urgent cases); a manifestation or procession at least 72 hours before
  (48 hours in urgent cases).
- Наредба за обществения ред на територията на Столична община: a sports, cultural or other
  mass event is applied for at least 7 working days before; one that needs streets closed
  to traffic at least 14 calendar days before.

A late filing is accepted and flagged with the rule it misses and by how many hours. The
stored report holds data only; `describe_deadlines` words it in the reader's language.
Days are whole days in Sofia time: counted back from the event's day, which is not counted,
and a filing made on the 7th working day (or the 14th calendar day) before the event is in
time until the end of that day (ЗЗД, чл. 72: the first day is not counted and a term in days ends at the end of its last day).
Working days come from layers.events.workdays (the `holidays` package and the admin's overrides).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.models.choices import EventKind
from layers.events.workdays import working_days_before

SOFIA = ZoneInfo("Europe/Sofia")


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    title: object  # lazy translation
    basis: str
    unit: str  # "hours", "calendar_days" or "working_days"
    amount: int
    urgent_amount: int | None = None  # hours, where the law allows an urgent case

    def deadline(self, start: datetime, *, urgent: bool) -> datetime:
        """The last moment a filing meets this rule."""
        if self.unit == "hours":
            hours = self.urgent_amount if urgent and self.urgent_amount is not None else self.amount
            return start - timedelta(hours=hours)
        # Day rules count whole days in Sofia: the event's own day is not counted and the
        # filing is in time until the end of the last day that still leaves `amount` days.
        event_day = start.astimezone(SOFIA).date()
        if self.unit == "calendar_days":
            day = event_day - timedelta(days=self.amount)
        else:
            day = working_days_before(event_day, self.amount)
        return datetime.combine(day, time.max, tzinfo=SOFIA)


MEETING_48H = DeadlineRule(
    "zsmm_meeting_48h",
    gettext_lazy("Meeting or rally: notify at least 48 hours before (24 hours in urgent cases)"),
    "ЗСММ, чл. 8, ал. 1",
    "hours",
    48,
    urgent_amount=24,
)
PROCESSION_72H = DeadlineRule(
    "zsmm_procession_72h",
    gettext_lazy("Manifestation or procession: notify at least 72 hours before (48 hours in urgent cases)"),
    "ЗСММ, чл. 8, ал. 1",
    "hours",
    72,
    urgent_amount=48,
)
ORDINANCE_7_WORKING_DAYS = DeadlineRule(
    "ordinance_7_working_days",
    gettext_lazy("Sports, cultural or other mass event: apply at least 7 working days before"),
    "Наредба за обществения ред на територията на Столична община",
    "working_days",
    7,
)
ORDINANCE_CLOSURE_14_DAYS = DeadlineRule(
    "ordinance_closure_14_days",
    gettext_lazy("Event that needs streets closed to traffic: apply at least 14 calendar days before"),
    "Наредба за обществения ред на територията на Столична община",
    "calendar_days",
    14,
)


def applicable_rules(kind: str, *, has_closures: bool) -> list[DeadlineRule]:
    if kind == EventKind.MEETING:
        return [MEETING_48H]
    if kind == EventKind.MANIFESTATION:
        return [PROCESSION_72H]
    rules = [ORDINANCE_7_WORKING_DAYS]
    if has_closures:
        rules.append(ORDINANCE_CLOSURE_14_DAYS)
    return rules


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600, 1)


RULES = {
    rule.code: rule
    for rule in (MEETING_48H, PROCESSION_72H, ORDINANCE_7_WORKING_DAYS, ORDINANCE_CLOSURE_14_DAYS)
}


def check_deadlines(
    *,
    kind: str,
    start: datetime,
    filed_at: datetime,
    has_closures: bool,
    urgent: bool,
    urgent_reason: str = "",
) -> dict:
    """Each applicable rule, met or missed by how many hours, and the urgent-case flag."""
    rules = applicable_rules(kind, has_closures=has_closures)
    results = []
    for rule in rules:
        uses_urgent = urgent and rule.urgent_amount is not None
        deadline = rule.deadline(start, urgent=uses_urgent)
        met = filed_at <= deadline
        results.append(
            {
                "rule": rule.code,
                "basis": rule.basis,
                "deadline": deadline.isoformat(timespec="seconds"),
                "urgent_exception_applied": uses_urgent,
                "met": met,
                "hours_late": 0.0 if met else _hours(filed_at - deadline),
                "hours_to_spare": _hours(deadline - filed_at) if met else 0.0,
            }
        )
    return {
        "filed_at": filed_at.isoformat(),
        "late": any(not result["met"] for result in results),
        "rules": results,
        "urgent": urgent,
        "urgent_reason": urgent_reason if urgent else "",
        "urgent_exception_exists": any(rule.urgent_amount is not None for rule in rules),
    }


def describe_deadlines(report: dict | None) -> dict | None:
    """The stored report with each rule's title and a summary, in the active language."""
    if not report:
        return report
    rules = [{**result, "title": str(RULES[result["rule"]].title)} for result in report["rules"]]
    missed = [result for result in rules if not result["met"]]
    described = {**report, "rules": rules, "summary": _summary(missed)}
    if report["urgent"] and not report.get("urgent_exception_exists", True):
        described["urgent_note"] = _(
            "The ordinance has no urgent-case exception; the flag and its reason are recorded for the reviewer."
        )
    return described


def _summary(missed: list[dict]) -> str:
    if not missed:
        return _("Filed in time.")
    return " ".join(
        _("Late by %(hours)s h: %(rule)s (%(basis)s).")
        % {"hours": f"{result['hours_late']:g}", "rule": result["title"], "basis": result["basis"]}
        for result in missed
    )

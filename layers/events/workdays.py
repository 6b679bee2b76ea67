"""Bulgarian working days: weekends, the official holidays of the Labour Code (чл. 154 КТ) from
the maintained `holidays` package (Orthodox Easter, weekend substitutes of ал. 2 and the
days off the Council of Ministers decreed that the package knows), and on top of them the
directorate's own overrides (ал. 3: a decreed extra day off, a Saturday made a working day)
kept in the WorkdayOverride table (admin) and, for deployments, in settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import EASTER_ORTHODOX, easter

from layers.events.conf import extra_non_working_days, extra_working_days

CALENDAR_SOURCE = f"holidays {holidays.__version__} (BG, public), Кодекс на труда чл. 154"


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday in the Gregorian calendar."""
    return easter(year, EASTER_ORTHODOX)


@lru_cache(maxsize=64)
def official_holidays(year: int) -> frozenset[date]:
    """Every non-working official holiday of the year with its weekend substitutes (чл. 154 КТ)."""
    return frozenset(holidays.country_holidays("BG", years=year, categories=("public",)))


@dataclass(frozen=True)
class WorkingCalendar:
    """The official calendar with the overrides in force when it was read."""

    extra_off: frozenset[date]
    extra_working: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working:
            return True
        if day in self.extra_off:
            return False
        return day.weekday() < 5 and day not in official_holidays(day.year)

    def working_days_before(self, day: date, count: int) -> date:
        """The `count`-th working day before `day` (`day` itself not counted)."""
        current, remaining = day, count
        while remaining > 0:
            current -= timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current


def working_calendar() -> WorkingCalendar:
    """The calendar with the admin's overrides (table) and the deployment's (settings)."""
    from layers.events.models import WorkdayOverride

    rows = list(WorkdayOverride.objects.values_list("day", "working"))
    return WorkingCalendar(
        extra_off=extra_non_working_days() | {day for day, working in rows if not working},
        extra_working=extra_working_days() | {day for day, working in rows if working},
    )


def is_working_day(day: date) -> bool:
    return working_calendar().is_working_day(day)


def working_days_before(day: date, count: int) -> date:
    """The `count`-th working day before `day` (`day` itself not counted)."""
    return working_calendar().working_days_before(day, count)

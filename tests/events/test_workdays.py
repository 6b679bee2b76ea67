"""Bulgarian working days: weekends, official holidays (the `holidays` package), Orthodox Easter,
weekend substitutes, and the admin's overrides."""

from __future__ import annotations

from datetime import date

import pytest

from layers.events.models import WorkdayOverride
from layers.events.workdays import is_working_day, official_holidays, orthodox_easter, working_days_before


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2021, date(2021, 5, 2)),
        (2023, date(2023, 4, 16)),
        (2024, date(2024, 5, 5)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 12)),
        (2027, date(2027, 5, 2)),
    ],
)
def test_orthodox_easter(year, easter):
    assert orthodox_easter(year) == easter


def test_holidays_of_2026_with_their_weekend_substitutes():
    holidays = official_holidays(2026)
    expected = {
        date(2026, 1, 1),
        date(2026, 1, 2),  # decreed a day off by the Council of Ministers (in the package)
        date(2026, 3, 3),
        # Велики петък, Велика събота, Великден, Easter Monday.
        date(2026, 4, 10),
        date(2026, 4, 11),
        date(2026, 4, 12),
        date(2026, 4, 13),
        date(2026, 5, 1),
        date(2026, 5, 6),
        date(2026, 5, 24),
        date(2026, 5, 25),  # 24 May is a Sunday: Monday 25 May is off
        date(2026, 9, 6),
        date(2026, 9, 7),  # 6 September is a Sunday
        date(2026, 9, 22),
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 12, 28),  # 26 December is a Saturday
    }
    assert holidays == expected


def test_two_holidays_on_one_weekend_give_two_substitute_days():
    # 2022: 24 December Saturday, 25 Sunday, 26 Monday: 27 and 28 December were off.
    holidays = official_holidays(2022)
    assert {date(2022, 12, 27), date(2022, 12, 28)} <= holidays
    assert date(2022, 12, 29) not in holidays


def test_a_substitute_skips_easter_monday():
    # 2027: 1 May is a Saturday and Easter Monday is 3 May, so the substitute is Tuesday 4 May.
    holidays = official_holidays(2027)
    assert date(2027, 5, 3) in holidays and date(2027, 5, 4) in holidays
    # Easter days themselves get no substitute: Holy Saturday 1 May 2027 shares the day with Labour Day.
    assert date(2027, 5, 5) not in holidays


@pytest.mark.django_db
def test_working_days_before_skips_weekends_and_holidays():
    # Tuesday 26 May 2026: back over Monday 25 May (a holiday) and a weekend.
    assert working_days_before(date(2026, 5, 26), 7) == date(2026, 5, 14)
    assert working_days_before(date(2026, 6, 2), 1) == date(2026, 6, 1)
    assert not is_working_day(date(2026, 5, 30))  # Saturday


@pytest.mark.django_db
def test_council_of_ministers_days_are_configurable(settings):
    settings.EVENTS_EXTRA_NON_WORKING_DAYS = ["2026-12-31"]
    settings.EVENTS_EXTRA_WORKING_DAYS = ["2026-12-19"]
    assert not is_working_day(date(2026, 12, 31))
    assert is_working_day(date(2026, 12, 19))  # a Saturday made a working day


@pytest.mark.django_db
def test_admin_overrides_a_decreed_day_off_and_a_working_saturday():
    # Friday 24 April 2026 decreed a day off, Saturday 18 April worked in exchange (hypothetical decision).
    assert is_working_day(date(2026, 4, 24)) and not is_working_day(date(2026, 4, 18))
    WorkdayOverride.objects.create(day=date(2026, 4, 24), working=False, basis="РМС (пример)")
    WorkdayOverride.objects.create(day=date(2026, 4, 18), working=True, basis="РМС (пример)")
    assert not is_working_day(date(2026, 4, 24))
    assert is_working_day(date(2026, 4, 18))
    # Seven working days before Tuesday 28 April: 27, (24 off), 23, 22, 21, 20, Sat 18, 17.
    assert working_days_before(date(2026, 4, 28), 7) == date(2026, 4, 17)

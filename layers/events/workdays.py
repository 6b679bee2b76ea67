"""Bulgarian working days: weekends and the official holidays of the Labour Code (чл. 154 КТ),
with Orthodox Easter computed and holidays that fall on a weekend moved to the next working days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from layers.events.conf import extra_non_working_days, extra_working_days

# чл. 154, ал. 1 КТ: fixed-date official holidays (1 November is a holiday of schools only).
FIXED_HOLIDAYS = (
    (1, 1),  # Нова година
    (3, 3),  # Ден на Освобождението
    (5, 1),  # Ден на труда
    (5, 6),  # Гергьовден
    (5, 24),  # Ден на светите братя Кирил и Методий
    (9, 6),  # Ден на Съединението
    (9, 22),  # Ден на Независимостта
    (12, 24),  # Бъдни вечер
    (12, 25),  # Рождество Христово
    (12, 26),  # Рождество Христово
)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday in the Gregorian calendar (Meeus's Julian algorithm)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = date(year, month, day + 1)
    # The Julian calendar runs 13 days behind the Gregorian from 1900 to 2099.
    return julian + timedelta(days=13)


@lru_cache(maxsize=64)
def official_holidays(year: int) -> frozenset[date]:
    """Every non-working holiday of the year, with the weekend substitutes of чл. 154, ал. 2 КТ."""
    easter = orthodox_easter(year)
    # Велики петък, Велика събота, Великден (неделя и понеделник).
    easter_days = {easter + timedelta(days=offset) for offset in (-2, -1, 0, 1)}
    fixed = sorted(date(year, month, day) for month, day in FIXED_HOLIDAYS)
    days = set(easter_days) | set(fixed)
    # ал. 2: a holiday other than Easter on a Saturday or Sunday makes the first working
    # day(s) after it non-working (two for two holidays, e.g. 25 and 26 December).
    for holiday in fixed:
        if holiday.weekday() < 5:
            continue
        substitute = holiday + timedelta(days=1)
        while substitute.weekday() >= 5 or substitute in days:
            substitute += timedelta(days=1)
        days.add(substitute)
    return frozenset(days)


def is_working_day(day: date) -> bool:
    if day in extra_working_days():
        return True
    if day in extra_non_working_days():
        return False
    return day.weekday() < 5 and day not in official_holidays(day.year)


def working_days_before(day: date, count: int) -> date:
    """The `count`-th working day before `day` (`day` itself not counted)."""
    current = day
    remaining = count
    while remaining > 0:
        current -= timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current

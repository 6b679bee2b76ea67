"""The register of security companies and their guarding contracts: writes, with the checks
a clerk would make (EIK check digit, period order, no two contracts for one site at once)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from geo_platform.errors import InvalidParameter
from layers.inspections.models import GuardContract, SecurityCompany
from layers.public_order.models import GuardedSite


def eik_is_valid(eik: str) -> bool:
    """The check digit(s) of a Bulgarian EIK/BULSTAT (9 digits, or 13 for a branch)."""
    if not eik.isdigit() or len(eik) not in (9, 13):
        return False
    digits = [int(c) for c in eik]

    def check(values, first, second) -> int:
        total = sum(v * w for v, w in zip(values, first, strict=True)) % 11
        if total == 10:
            total = sum(v * w for v, w in zip(values, second, strict=True)) % 11
        return 0 if total == 10 else total

    if check(digits[:8], range(1, 9), range(3, 11)) != digits[8]:
        return False
    if len(digits) == 13:
        return check(digits[8:12], (2, 7, 3, 5), (4, 9, 5, 7)) == digits[12]
    return True


def _when(day: date) -> str:
    return date_format(day, "j.m.Y")


@transaction.atomic
def create_company(
    *, name: str, eik: str, licence_number: str, licence_valid_until: date | None = None, notes: str = ""
) -> SecurityCompany:
    eik = eik.strip()
    if not eik_is_valid(eik):
        raise InvalidParameter(
            _(
                "The EIK/BULSTAT must be 9 or 13 digits with a correct check digit; check it in the Commercial Register."
            ),
            field="eik",
        )
    if SecurityCompany.objects.filter(eik=eik).exists():
        raise InvalidParameter(
            _("A company with EIK %(eik)s is already in the register.") % {"eik": eik}, field="eik"
        )
    return SecurityCompany.objects.create(
        name=name.strip(),
        eik=eik,
        licence_number=licence_number.strip(),
        licence_valid_until=licence_valid_until,
        notes=notes,
    )


@transaction.atomic
def create_contract(
    *,
    company: SecurityCompany,
    site_id: int,
    licence_number: str,
    starts_on: date,
    ends_on: date,
    posts: int,
    hours_per_week: int,
    value_eur: Decimal,
    number: str = "",
) -> GuardContract:
    """A contract for one site; refused if its period overlaps another contract of the same site."""
    # Lock the site: two clerks entering contracts for it at once cannot both pass the overlap check.
    site = GuardedSite.objects.select_for_update().filter(pk=site_id).first()
    if site is None:
        raise InvalidParameter(
            _("There is no guarded site with this number; choose one from the list."), field="site"
        )
    if ends_on < starts_on:
        raise InvalidParameter(_("The contract must end on or after the day it starts."), field="ends_on")
    if value_eur <= 0:
        raise InvalidParameter(_("The contract's value must be more than 0 EUR."), field="value_eur")
    if posts < 1:
        raise InvalidParameter(_("A contract guards at least one post."), field="posts")
    if not 1 <= hours_per_week <= 168 * posts:
        raise InvalidParameter(
            _("Guarded hours per week must be between 1 and %(most)s (168 per post).")
            % {"most": 168 * posts},
            field="hours_per_week",
        )
    if company.licence_valid_until and company.licence_valid_until < starts_on:
        raise InvalidParameter(
            _("%(company)s's licence is valid only until %(until)s, before the contract starts.")
            % {"company": company.name, "until": _when(company.licence_valid_until)},
            field="starts_on",
        )
    other = (
        GuardContract.objects.filter(site=site, starts_on__lte=ends_on, ends_on__gte=starts_on)
        .select_related("company")
        .first()
    )
    if other is not None:
        raise InvalidParameter(
            _(
                "%(site)s already has a contract with %(company)s from %(start)s to %(end)s; periods of one site's "
                "contracts may not overlap."
            )
            % {
                "site": site.name,
                "company": other.company.name,
                "start": _when(other.starts_on),
                "end": _when(other.ends_on),
            },
            field="starts_on",
        )
    contract = GuardContract.objects.create(
        company=company,
        site=site,
        number=number.strip(),
        licence_number=licence_number.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        posts=posts,
        hours_per_week=hours_per_week,
        value_eur=value_eur,
    )
    return contract

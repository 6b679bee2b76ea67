"""Demo security companies and one guarding contract per guarded site, from the demo guarded-sites
layer's company names and contract end dates (the layer's companies are invented: so are these).

Idempotent: a company already registered (by EIK) is kept, a site that has a contract is skipped.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from layers.inspections.models import GuardContract, SecurityCompany
from layers.inspections.services.registry import create_company, create_contract, eik_is_valid
from layers.public_order.models import GuardedSite

DEMO_SUFFIX = " (демо)"
SEED = 20261206
# Assumption for the demo values only: about 9.50 EUR an hour of guarding, VAT included.
HOURLY_EUR = Decimal("9.50")


def demo_eik(index: int) -> str:
    """A 9-digit EIK with a correct check digit (not a real company's: the prefix 99 is unused)."""
    base = f"99{SEED % 100000:05d}{index}"[:8]
    return next(base + str(digit) for digit in range(10) if eik_is_valid(base + str(digit)))


class Command(BaseCommand):
    help = "Load demo security companies and contracts for the guarded municipal sites (demo data)."

    @transaction.atomic
    def handle(self, *args, **options):
        rng = random.Random(SEED)
        names = sorted(
            {site.security_company.removesuffix(DEMO_SUFFIX) for site in GuardedSite.objects.all()}
        )
        companies = {}
        for index, name in enumerate(names, start=1):
            eik = demo_eik(index)
            company = SecurityCompany.objects.filter(eik=eik).first() or create_company(
                name=name + DEMO_SUFFIX,
                eik=eik,
                licence_number=f"РС-{1000 + index}",
                licence_valid_until=dt.date(2030, 12, 31),
                notes="Демонстрационни данни.",
            )
            companies[name] = company
        made = 0
        for site in GuardedSite.objects.order_by("pk"):
            if GuardContract.objects.filter(site=site).exists() or not site.security_company:
                continue
            company = companies[site.security_company.removesuffix(DEMO_SUFFIX)]
            ends = site.contract_until or dt.date(2027, 12, 31)
            posts = rng.choice((1, 1, 2))
            hours = rng.choice((60, 84, 168)) * posts
            create_contract(
                company=company,
                site_id=site.pk,
                number=f"Д-{site.pk:03d}{DEMO_SUFFIX}",
                licence_number=company.licence_number,
                starts_on=ends.replace(year=ends.year - 2) + dt.timedelta(days=1),
                ends_on=ends,
                posts=posts,
                hours_per_week=hours,
                value_eur=HOURLY_EUR * hours * 104,
            )
            made += 1
        self.stdout.write(f"{len(companies)} demo companies, {made} new demo contracts.")

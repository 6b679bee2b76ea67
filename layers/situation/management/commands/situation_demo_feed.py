"""The Situation Centre's demo feed (all incidents marked demo).

manage.py situation_demo_feed                 # seed the last 24 h once
manage.py situation_demo_feed --trickle 45 --minutes 240   # then one incident every ~45 s, for 4 h at most
"""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand

from layers.situation import demo


class Command(BaseCommand):
    help = "Seed demo incidents over the last 24 hours and optionally keep adding one every few seconds."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)
        parser.add_argument("--count", type=int, default=120)
        parser.add_argument(
            "--trickle", type=float, default=0, help="mean seconds between new incidents (0: none)"
        )
        parser.add_argument(
            "--minutes", type=float, default=240, help="stop trickling after this many minutes"
        )

    def handle(self, *args, hours, count, trickle, minutes, **options):
        created = demo.seed_history(hours=hours, count=count)
        self.stdout.write(f"Seeded {created} demo incidents over the last {hours} h.")
        if trickle <= 0:
            return
        rng = random.Random()
        deadline = time.monotonic() + minutes * 60
        n = 0
        while time.monotonic() < deadline:
            time.sleep(rng.expovariate(1 / trickle))
            n += demo.trickle_one(seed=rng.randrange(1 << 30))
        self.stdout.write(f"Trickled {n} demo incidents.")

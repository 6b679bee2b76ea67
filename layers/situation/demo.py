"""A replayable demo feed of incidents (marked demo): realistic categories, sources, priorities
and times of day, placed at real transit stops across the city. Seeded by a fixed random seed,
so the same call gives the same incidents (replayable); ids are "demo-<seed>-<n>"."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

from layers.situation.choices import Status
from layers.situation.models import Incident
from layers.situation.services.ingest import ingest

# (category, weight, origins, priority weights p1..p4, titles) — assumption: shares loosely after
# the mix of calls a city's 112 centre handles; not real statistics.
KINDS = [
    (
        "road_accident",
        26,
        ("112", "sdvr", "camera_operator"),
        (1, 4, 10, 6),
        ("ПТП с двама пострадали", "ПТП без пострадали, затруднено движение", "Блъснат пешеходец"),
    ),
    (
        "medical",
        22,
        ("112", "csmp", "citizen"),
        (3, 8, 8, 2),
        ("Човек в безсъзнание на спирката", "Паднал възрастен човек", "Неразположение в превозно средство"),
    ),
    (
        "public_order",
        18,
        ("sdvr", "112", "camera_operator", "citizen"),
        (1, 4, 9, 6),
        ("Сбиване пред заведение", "Шумна група, счупени стъкла", "Кражба от магазин"),
    ),
    (
        "fire",
        12,
        ("pbzn", "112", "citizen"),
        (2, 6, 6, 2),
        ("Пожар в контейнер за смет", "Задимяване в жилищен вход", "Горящ автомобил"),
    ),
    (
        "utility_failure",
        10,
        ("citizen", "112"),
        (0, 2, 8, 8),
        ("Авария на водопровод, наводнена улица", "Липса на ток в квартала", "Паднал стълб"),
    ),
    ("flood", 4, ("112", "pbzn", "citizen"), (1, 3, 4, 2), ("Наводнен подлез", "Преливаща шахта")),
    (
        "explosive",
        2,
        ("sdvr", "112", "camera_operator"),
        (3, 3, 1, 0),
        ("Съмнителен пакет на спирка", "Изоставен багаж"),
    ),
    ("other", 6, ("citizen", "112"), (0, 1, 5, 8), ("Паднало дърво на тротоара", "Бездомно куче агресивно")),
]
# Relative number of calls by hour of day (assumption: low at night, peaks at 8–9 h and 17–19 h).
HOURLY = [2, 1.5, 1, 1, 1, 1.5, 3, 5, 6, 5, 4.5, 4.5, 5, 5, 4.5, 5, 6, 7, 7, 6, 5, 4, 3.5, 2.5]


def _stops() -> list[tuple[str, float, float]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, ST_X(position), ST_Y(position) FROM infrastructure_transitstop WHERE name <> ''"
        )
        return cursor.fetchall()


def records(*, count: int, start: datetime, end: datetime, seed: int, stops=None) -> list[dict]:
    """`count` demo records with times between start and end, weighted by hour of day."""
    rng = random.Random(seed)
    stops = stops if stops is not None else _stops()
    if not stops:
        return []
    span = (end - start).total_seconds()
    out = []
    for n in range(count):
        while True:
            moment = start + timedelta(seconds=rng.random() * span)
            if rng.random() * 7 <= HOURLY[timezone.localtime(moment).hour]:
                break
        category, _w, origins, priorities, titles = rng.choices(KINDS, weights=[k[1] for k in KINDS])[0]
        name, lon, lat = rng.choice(stops)
        # Up to ~150 m from the stop (1° lat ≈ 111 km; 1° lon ≈ 82 km at 42.7° N).
        angle, metres = rng.random() * 2 * math.pi, rng.random() * 150
        out.append(
            {
                "origin": rng.choice(origins),
                "external_id": f"demo-{seed}-{n}",
                "category": category,
                "priority": rng.choices((1, 2, 3, 4), weights=priorities)[0],
                "occurred_at": moment.isoformat(),
                "lon": round(lon + metres * math.cos(angle) / 82_000, 6),
                "lat": round(lat + metres * math.sin(angle) / 111_000, 6),
                "address": f"до спирка „{name}“",
                "title": rng.choice(titles) + " (демо)",
                "description": "Демонстрационен сигнал, генериран от платформата.",
            }
        )
    return out


def seed_history(*, hours: int = 24, count: int = 120, seed: int = 2026) -> int:
    """Fill the last `hours` once (skipped when demo incidents of that period exist); older ones progressed."""
    now = timezone.now()
    since = now - timedelta(hours=hours)
    if Incident.objects.filter(source="demo", occurred_at__gte=since).exists():
        return 0
    seed = seed + int(now.timestamp() // 3600)  # a new set each hour the command is run afresh
    report = ingest(
        records=records(count=count, start=since, end=now - timedelta(minutes=5), seed=seed), demo=True
    )
    rng = random.Random(seed)
    for incident in Incident.objects.filter(pk__in=report.created):
        age = (now - incident.occurred_at).total_seconds() / 3600
        if age > 3 and rng.random() < 0.85:
            incident.status = Status.CLOSED
        elif age > 0.5 and rng.random() < 0.7:
            incident.status = rng.choice((Status.ACKNOWLEDGED, Status.IN_PROGRESS))
        else:
            continue
        incident.acknowledged_at = incident.occurred_at + timedelta(minutes=rng.randint(1, 8))
        if incident.status in (Status.IN_PROGRESS, Status.CLOSED):
            incident.in_progress_at = incident.acknowledged_at + timedelta(minutes=rng.randint(2, 20))
        if incident.status == Status.CLOSED:
            incident.closed_at = incident.in_progress_at + timedelta(minutes=rng.randint(15, 150))
        incident.save(update_fields=["status", "acknowledged_at", "in_progress_at", "closed_at"])
    return len(report.created)


def trickle_one(*, seed: int) -> int:
    """One new demo incident happening now."""
    now = timezone.now()
    report = ingest(
        records=records(count=1, start=now - timedelta(seconds=30), end=now, seed=seed), demo=True
    )
    return len(report.created)

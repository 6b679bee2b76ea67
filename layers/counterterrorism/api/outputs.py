"""What the counter-terrorism endpoints answer: plain dicts, geometry as GeoJSON in WGS 84."""

from __future__ import annotations

import json
import math

import numpy as np
import shapely
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from layers.counterterrorism import conf
from layers.counterterrorism.models import Finding, ProtectedSite, SiteCategory, Survey
from risk_models.counterterrorism import DEVICES, FACTORS, GROUPS, VEHICLES, top_drivers
from risk_models.counterterrorism.approaches import SOURCE as APPROACH_SOURCE
from risk_models.counterterrorism.scoring import DEFAULT_WEIGHTS
from risk_models.counterterrorism.standoff import SOURCE as STANDOFF_SOURCE
from risk_models.counterterrorism.survey import CHECKLIST
from risk_models.surveillance import to_storage

FACTOR_LABELS = {
    "attractiveness": ("Привлекателност на целта", "Target attractiveness"),
    "crowd": ("Тълпа при пик", "Crowd at peak"),
    "camera_gap": ("Непокритост с камери (DORI)", "Camera gap (DORI)"),
    "response": ("Време за реакция на полиция, ПБЗН, ЦСМП", "Response time of police, fire, ambulance"),
    "vehicle": ("Скорост по прав подход на МПС", "Vehicle approach speed"),
    "protection_gap": ("Недостиг на защитни мерки", "Protective-measures gap"),
    "people": ("Изложени хора", "People exposed"),
    "sensitive": ("Училища и болници до 500 м", "Schools and hospitals within 500 m"),
}
GROUP_LABELS = {
    "threat": ("Заплаха", "Threat"),
    "vulnerability": ("Уязвимост", "Vulnerability"),
    "consequence": ("Последици", "Consequence"),
}
CLASS_LABELS = {"high": ("висок", "high"), "medium": ("среден", "medium"), "low": ("нисък", "low")}
RING_LABELS = {
    "evacuation": ("Задължителна евакуация", "Mandatory evacuation"),
    "shelter": ("Укриване на място", "Shelter in place"),
}


def pick(pair: tuple[str, str]) -> str:
    return pair[1] if (get_language() or "bg").startswith("en") else pair[0]


def geo(shape: shapely.Geometry | None, digits: int = 6) -> dict | None:
    if shape is None or shape.is_empty:
        return None
    rounded = shapely.set_precision(to_storage(shape), 10**-digits)
    return shapely.geometry.mapping(rounded)


def lonlat(x: float, y: float) -> list[float]:
    p = to_storage(shapely.Point(x, y))
    return [round(p.x, 6), round(p.y, 6)]


def _num(value, digits=1):
    value = float(value)
    return None if math.isnan(value) else round(value, digits)


def meta() -> dict:
    return {
        "devices": [
            {
                "key": d.key,
                "label": pick((d.label_bg, d.label_en)),
                "evacuation_m": d.evacuation_m,
                "shelter_m": d.shelter_m,
            }
            for d in DEVICES.values()
        ],
        "vehicles": [
            {
                "key": v.key,
                "label": pick((v.label_bg, v.label_en)),
                "acceleration": v.acceleration,
                "max_speed_kmh": v.max_speed_kmh,
                "iwa_class": v.iwa_class,
                "note": v.note,
            }
            for v in VEHICLES.values()
        ],
        "checklist": [
            {"key": a.key, "label": pick((a.label_bg, a.label_en)), "weight": a.weight} for a in CHECKLIST
        ],
        "factors": [
            {
                "key": f,
                "label": pick(FACTOR_LABELS[f]),
                "group": g,
                "group_label": pick(GROUP_LABELS[g]),
                "weight": DEFAULT_WEIGHTS[f],
            }
            for g, fs in GROUPS.items()
            for f in fs
        ],
        "index_formula": "100 × Σ wᵢ·sᵢ / (4 × Σ wᵢ)",
        "score_formula": "100 × T × V × C",
        "sources": [STANDOFF_SOURCE, APPROACH_SOURCE],
        "assumptions": [str(a) for a in conf.ASSUMPTIONS],
    }


def site(item: ProtectedSite, *, latest_index=None) -> dict:
    return {
        "id": item.pk,
        "name": item.name,
        "category": item.category,
        "category_label": str(SiteCategory(item.category).label),
        "kind": item.kind,
        "owner": item.owner,
        "operator": item.operator,
        "contacts": item.contacts,
        "crowd": {
            "weekday": item.crowd_weekday,
            "peak": item.crowd_peak,
            "event": item.crowd_event,
            "night": item.crowd_night,
        },
        "critical_site": (
            {"id": item.critical_site_id, "name": item.critical_site.name} if item.critical_site_id else None
        ),
        "position": [round(item.position.x, 6), round(item.position.y, 6)],
        "footprint": json.loads(item.footprint.json) if item.footprint else None,
        "demo": item.source == "demo",
        "latest_index": _num(latest_index) if latest_index is not None else None,
    }


def finding(item: Finding) -> dict:
    return {
        "id": item.pk,
        "survey": item.survey_id,
        "area": item.area,
        "description": item.description,
        "responsible": item.responsible,
        "deadline": item.deadline.isoformat(),
        "status": item.status,
        "closed_at": item.closed_at.isoformat() if item.closed_at else None,
        "closing_note": item.closing_note,
        "position": [round(item.location.x, 6), round(item.location.y, 6)],
        "zone": json.loads(item.zone.json) if item.zone else None,
    }


def survey(item: Survey) -> dict:
    labels = {a.key: pick((a.label_bg, a.label_en)) for a in CHECKLIST}
    return {
        "id": item.pk,
        "site": item.site_id,
        "surveyed_on": item.surveyed_on.isoformat(),
        "surveyor": item.surveyor.get_username() if item.surveyor else None,
        "notes": item.notes,
        "protective_index": _num(item.protective_index) if item.protective_index is not None else None,
        "items": [
            {
                "area": i.area,
                "label": labels.get(i.area, i.area),
                "score": i.score,
                "reason": i.reason,
                "evidence": [
                    {"id": e.pk, "note": e.note, "photo": e.photo.url if e.photo else None}
                    for e in i.evidence.all()
                ],
            }
            for i in item.items.all()
        ],
        "findings": [finding(f) for f in item.findings.all()],
    }


def ranking(scored, *, limit: int | None = None) -> dict:
    s = scored.scores
    order = np.argsort(-s.score, kind="stable")
    rows = []
    for rank, i in enumerate(order[:limit] if limit else order, start=1):
        p = scored.places[i]
        d = {k: v[i] for k, v in scored.details.items()}
        rows.append(
            {
                "rank": rank,
                "kind": p.kind,
                "id": p.id,
                "name": p.name,
                "category": p.category,
                "score": round(float(s.score[i]), 1),
                "class": s.risk_class[i],
                "class_label": pick(CLASS_LABELS[s.risk_class[i]]),
                "groups": {g: round(float(v[i]), 3) for g, v in s.groups.items()},
                "factors": {f: round(float(scored.factors[f][i]), 3) for f in FACTORS},
                "drivers": [
                    {"factor": f, "label": pick(FACTOR_LABELS[f]), "points": round(v, 1)}
                    for f, v in top_drivers(s.drive[i])
                ],
                "measures": {
                    "camera_cover": round(float(d["camera_cover"]), 3),
                    "dori": {
                        lvl: round(float(d[f"dori_{lvl}"]), 3)
                        for lvl in ("detect", "observe", "recognise", "identify")
                    },
                    "minutes": {svc: _num(d[f"minutes_{svc}"]) for svc in ("police", "fire", "ambulance")},
                    "approach_kmh": _num(d["approach_kmh"]),
                    "residents_200m": int(round(float(d["residents_200m"]))),
                    "crowd_peak": int(d["crowd_peak"]),
                    "schools_500m": int(d["schools_500m"]),
                    "hospitals_500m": int(d["hospitals_500m"]),
                    "protective_index": _num(d["protective_index"]),
                },
                "position": lonlat(*p.centre),
                "demo": p.demo,
            }
        )
    return {
        "count": len(scored.places),
        "weights": s.weights,
        "formula": "100 × T × V × C",
        "classes": {"high": "≥ 30", "medium": "15–30", "low": "< 15"},
        "results": rows,
    }


def cordon(result, *, label: str) -> dict:
    features = []
    for ring in result.rings:
        features.append(
            {
                "type": "Feature",
                "geometry": geo(ring.area, 6),
                "properties": {
                    "kind": "ring",
                    "ring": ring.key,
                    "label": pick(RING_LABELS[ring.key]),
                    "radius_m": ring.radius_m,
                },
            }
        )
    for key, x, y in result.cordon_points:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": lonlat(x, y)},
                "properties": {"kind": "cordon_point", "ring": key},
            }
        )
    for a in result.assembly:
        if a.route is not None:
            features.append(
                {
                    "type": "Feature",
                    "geometry": geo(a.route, 6),
                    "properties": {"kind": "route", "label": a.label, "walk_m": round(a.walk_m)},
                }
            )
    device = result.device
    return {
        "label": label,
        "device": {
            "key": device.key,
            "label": pick((device.label_bg, device.label_en)),
            "evacuation_m": device.evacuation_m,
            "shelter_m": device.shelter_m,
        },
        "rings": [
            {
                "ring": r.key,
                "label": pick(RING_LABELS[r.key]),
                "radius_m": r.radius_m,
                "counts": r.counts,
                "people_day": r.people_day,
                "people_night": r.people_night,
            }
            for r in result.rings
        ],
        "cordon_points": len(result.cordon_points),
        "assembly": [
            {
                "name": a.label,
                "capacity": a.capacity,
                "walk_m": round(a.walk_m),
                "walk_min": round(a.walk_min, 1),
                "position": None,
            }
            for a in result.assembly
        ],
        "features": {"type": "FeatureCollection", "features": features},
        "sources": [STANDOFF_SOURCE],
        "assumptions": [str(a) for a in conf.ASSUMPTIONS[:2]] + [str(conf.ASSUMPTIONS[4])],
    }


def approaches(result, *, label: str, perimeter=None, limit: int = 40) -> dict:
    features = []
    if perimeter is not None:
        features.append(
            {"type": "Feature", "geometry": geo(perimeter, 6), "properties": {"kind": "perimeter"}}
        )
    for rank, run in enumerate(result.runs[:limit], start=1):
        features.append(
            {
                "type": "Feature",
                "geometry": geo(run.line, 6),
                "properties": {
                    "kind": "run",
                    "rank": rank,
                    "length_m": round(run.length_m),
                    "speed_kmh": round(run.speed_kmh),
                },
            }
        )
    for rank, b in enumerate(result.barriers, start=1):
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": lonlat(*b.point)},
                "properties": {
                    "kind": "barrier",
                    "rank": rank,
                    "speed_kmh": round(b.speed_kmh),
                    "rated_kmh": b.rated_kmh,
                    "rating": b.rating,
                    "runs": b.runs,
                    "longest_m": round(b.longest_m),
                },
            }
        )
    v = result.vehicle
    return {
        "label": label,
        "vehicle": {
            "key": v.key,
            "label": pick((v.label_bg, v.label_en)),
            "acceleration": v.acceleration,
            "max_speed_kmh": v.max_speed_kmh,
            "note": v.note,
        },
        "runs": [
            {
                "rank": k,
                "length_m": round(r.length_m),
                "speed_kmh": round(r.speed_kmh),
                "entry": lonlat(*r.entry),
            }
            for k, r in enumerate(result.runs[:limit], start=1)
        ],
        "barriers": [
            {
                "rank": k,
                "position": lonlat(*b.point),
                "speed_kmh": round(b.speed_kmh),
                "rated_kmh": b.rated_kmh,
                "rating": b.rating,
                "runs": b.runs,
                "longest_m": round(b.longest_m),
            }
            for k, b in enumerate(result.barriers, start=1)
        ],
        "features": {"type": "FeatureCollection", "features": features},
        "sources": [APPROACH_SOURCE],
        "assumptions": [str(conf.ASSUMPTIONS[1]), str(conf.ASSUMPTIONS[3])],
        "message": None
        if result.runs
        else _("No street reaches this perimeter on the street network the platform holds."),
    }

"""The counter-terrorism check of the mass-event assessment: crowd size × hostile-vehicle
approaches × cordon feasibility, and its section in the opinion PDF of a large event.

The check looks at the event's own footprint and the streets only. It reads no protected site,
so its data and words (which reach organizers through the assessment) name none; the day
population of the cordon counts residents only, not the crowds of protected sites.

Status: "danger" for a large crowd (≥ LARGE_EVENT_PEOPLE) that a vehicle can reach at ≥ 64 km/h;
"warning" for a large crowd or any crowd of ≥ 1,000 reachable at ≥ 48 km/h (the lowest IWA 14-1
class most barrier products are rated for); otherwise "info".
"""

from __future__ import annotations

import shapely
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.counterterrorism.conf import LARGE_EVENT_PEOPLE
from layers.counterterrorism.selectors import analysis
from layers.events.checks import Check, Result
from layers.events.checks.context import Context
from risk_models.counterterrorism import CounterTerrorismError
from risk_models.surveillance import to_storage

KEY = "counterterrorism"
TITLE = gettext_lazy("Counter-terrorism: vehicle approaches and cordon")
DEVICE = "van"
MAX_BARRIERS = 12


def _area(event, footprint) -> shapely.Geometry | None:
    if footprint is None:
        return None
    if footprint.geom_type in ("Polygon", "MultiPolygon"):
        return footprint
    polygons = [p for p in shapely.get_parts(footprint) if p.geom_type == "Polygon"]
    if polygons:
        return shapely.union_all(polygons)
    return footprint.buffer(max((event.route_width_m or 10.0) / 2, 5.0))


def _lonlat(x: float, y: float) -> list[float]:
    p = to_storage(shapely.Point(x, y))
    return [round(p.x, 6), round(p.y, 6)]


def run(ctx: Context) -> Result:
    event = ctx.event
    area = _area(event, ctx.footprint)
    if area is None:
        return {"key": KEY, "status": "not_available", "data": {"reason": "no_geometry"}}
    people = int(event.expected_participants or 0)
    try:
        approaches = analysis.run_approaches(area, "van")
        cordon = analysis.run_cordon(area, DEVICE, include_crowds=False, counts=False)
    except Exception as error:  # the check must never break the assessment
        if not isinstance(error, (CounterTerrorismError, ValueError)) and not hasattr(error, "status_code"):
            raise
        return {"key": KEY, "status": "not_available", "data": {"reason": "no_geometry"}}
    fastest = approaches.runs[0].speed_kmh if approaches.runs else 0.0
    large = people >= LARGE_EVENT_PEOPLE
    if large and fastest >= 64:
        status = "danger"
    elif large or (people >= 1000 and fastest >= 48):
        status = "warning"
    else:
        status = "info"
    inner, outer = cordon.rings
    return {
        "key": KEY,
        "status": status,
        "data": {
            "participants": people,
            "large": large,
            "large_from": LARGE_EVENT_PEOPLE,
            "runs": len(approaches.runs),
            "fastest_kmh": round(fastest),
            "barriers": [
                {
                    "position": _lonlat(*b.point),
                    "speed_kmh": round(b.speed_kmh),
                    "rating": b.rating,
                    "runs": b.runs,
                }
                for b in approaches.barriers[:MAX_BARRIERS]
            ],
            "cordon": {
                "device": DEVICE,
                "evacuation_m": inner.radius_m,
                "shelter_m": outer.radius_m,
                "street_closures": len(cordon.cordon_points),
                "residents_evacuated": inner.people_night,
                "assembly_points": len(cordon.assembly),
                "assembly_capacity": sum(a.capacity for a in cordon.assembly),
            },
        },
    }


def summary(data: dict) -> str:
    text = _(
        "%(people)s participants; %(runs)s straight vehicle approaches, the fastest %(speed)s km/h; "
        "%(barriers)s barrier points. A van-bomb cordon (%(inner)s / %(outer)s m) needs %(closures)s street "
        "closures and evacuates about %(evacuated)s residents."
    ) % {
        "people": data["participants"],
        "runs": data["runs"],
        "speed": data["fastest_kmh"],
        "barriers": len(data["barriers"]),
        "inner": f"{data['cordon']['evacuation_m']:g}",
        "outer": f"{data['cordon']['shelter_m']:g}",
        "closures": data["cordon"]["street_closures"],
        "evacuated": data["cordon"]["residents_evacuated"],
    }
    if data["barriers"]:
        top = max(data["barriers"], key=lambda b: b["speed_kmh"])
        text += " " + _("Barriers rated at least %(rating)s.") % {"rating": top["rating"]}
    return text


CHECK = Check(key=KEY, title=TITLE, order=90, run=run, summary=summary)


def opinion_section(event, assessment, *, width: float, styles: dict) -> list:
    """Barrier points and the cordon on a map, for large events only (empty list otherwise)."""
    check = next((c for c in (assessment.checks if assessment else []) if c["key"] == KEY), None)
    if check is None or check["status"] == "not_available" or not check["data"].get("large"):
        return []
    from layers.counterterrorism import reports
    from layers.events.documents.opinion_pdf import _p, _table
    from layers.events.selectors.surroundings import event_footprint

    area = _area(event, event_footprint(event))
    approaches = analysis.run_approaches(area, "van")
    cordon = analysis.run_cordon(area, DEVICE, include_crowds=False, counts=False)
    inner, outer = cordon.rings
    layers = [
        (outer.area, {"stroke": "#f9a825", "width": 1.2, "dash": [4, 2]}),
        (inner.area, {"stroke": "#c62828", "width": 1.4}),
        (area, {"stroke": "#1565c0", "fill": "#bbdefb"}),
        *[(r.line, {"stroke": "#6a1b9a", "width": 1.6}) for r in approaches.runs[:20]],
        *[
            (shapely.Point(b.point), {"dot": "#000000", "label": str(n), "r": 5})
            for n, b in enumerate(approaches.barriers[:MAX_BARRIERS], start=1)
        ],
    ]
    rows = [["№", "Скорост на удар, км/ч", "Препоръчана бариера", "Подходи"]] + [
        [str(n), f"{b.speed_kmh:.0f}", b.rating, str(b.runs)]
        for n, b in enumerate(approaches.barriers[:MAX_BARRIERS], start=1)
    ]
    return [
        _p("Противодействие на тероризма: бариери и кордон", styles["h2"]),
        reports.area_map(outer.area, width=width, height=width * 0.6, margin_m=30, layers=layers),
        _p(
            "Лилаво — прави подходи на МПС; черни точки — места за бариери; червено — задължителна евакуация (ван, 122 м); "
            "жълто — укриване на място (732 м). Източници: US NCTC; IWA 14-1:2013; v = √(v₀² + 2as) (допускания).",
            styles["small"],
        ),
        _table(rows, [width * 0.08, width * 0.22, width * 0.5, width * 0.2], styles, header=True),
    ]

"""The public-order API's answers."""

from __future__ import annotations

import json

from django.urls import reverse

from layers.public_order.models import HotspotAnalysis


def analysis_summary(analysis: HotspotAnalysis) -> dict:
    return {
        "id": analysis.pk,
        "method": analysis.method,
        "method_label": analysis.get_method_display(),
        "area": analysis.area_label,
        "period": [analysis.period_start.isoformat(), analysis.period_end.isoformat()],
        "incidents": analysis.incidents,
        "run_by": analysis.created_by.get_full_name() or analysis.created_by.username
        if analysis.created_by
        else "",
        "run_at": analysis.created_at.isoformat(),
    }


def analysis(analysis: HotspotAnalysis, request) -> dict:
    body = {
        **analysis_summary(analysis),
        "parameters": analysis.parameters,
        "categories": analysis.categories,
        "result": analysis.result,
    }
    if analysis.raster:
        body["image_url"] = request.build_absolute_uri(
            reverse("public-order:density-image", kwargs={"analysis_id": analysis.pk})
        )
    return body


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def patrol_summary(plan, request) -> dict:
    return {
        "id": plan.pk,
        "date": plan.date.isoformat(),
        "start_time": plan.start_time.strftime("%H:%M"),
        "end_time": plan.end_time.strftime("%H:%M"),
        "overnight": plan.overnight,
        "sector": plan.sector,
        "district": plan.district,
        "unit": plan.unit,
        "areas": len(plan.areas.all()),
        "routes": len(plan.routes.all()),
        "changed_by": _who(plan.updated_by),
        "changed_at": plan.updated_at.isoformat(),
        "pdf_url": request.build_absolute_uri(
            reverse("public-order:patrol-pdf", kwargs={"plan_id": plan.pk})
        ),
    }


def _part(part, geometry) -> dict:
    return {
        "number": part.number,
        "crew": part.crew,
        "time_from": part.time_from.strftime("%H:%M"),
        "time_to": part.time_to.strftime("%H:%M"),
        "geometry": json.loads(geometry.json),
    }


def patrol_plan(plan, request) -> dict:
    return {
        **patrol_summary(plan, request),
        "notes": plan.notes,
        "method": plan.method,
        "created_by": _who(plan.created_by),
        "areas": [_part(a, a.area) for a in plan.areas.all()],
        "routes": [
            {**_part(r, r.route), "length_m": r.length_m, "stops": r.stops} for r in plan.routes.all()
        ],
    }

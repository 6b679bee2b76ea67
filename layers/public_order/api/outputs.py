"""The public-order API's answers."""

from __future__ import annotations

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
        "run_by": analysis.created_by.get_full_name() or analysis.created_by.username if analysis.created_by else "",
        "run_at": analysis.created_at.isoformat(),
    }


def analysis(analysis: HotspotAnalysis, request) -> dict:
    body = {**analysis_summary(analysis), "parameters": analysis.parameters, "categories": analysis.categories,
            "result": analysis.result}
    if analysis.raster:
        body["image_url"] = request.build_absolute_uri(
            reverse("public-order:density-image", kwargs={"analysis_id": analysis.pk})
        )
    return body

"""One rule for what each role sees, applied to the assessment text and the review map."""

from __future__ import annotations

import json

import pytest
from django.contrib.gis.geos import GEOSGeometry

from layers.infrastructure.models import CriticalSite, Hospital, Sector
from layers.selectors import visible_layers
from tests.events.conftest import point

pytestmark = pytest.mark.django_db


def _geos(geojson):
    return GEOSGeometry(json.dumps(geojson), srid=4326)


def test_the_operator_reads_no_site_of_a_layer_they_may_not_see(file_event, client_for, operator, planner):
    Hospital.objects.create(name="Болница за читатели", position=_geos(point(100, 0)))
    CriticalSite.objects.create(
        name="Министерство за планиращи",
        sector=Sector.GOVERNMENT,
        criticality=5,
        position=_geos(point(0, 250)),
    )
    event = file_event()
    url = f"/api/events/{event['id']}/assessment/"

    full = client_for(planner).get(url).json()
    proximity = next(c for c in full["checks"] if c["key"] == "proximity")
    assert {s["layer"] for s in proximity["data"]["sites"]} >= {"hospitals", "critical-sites"}
    assert "Министерство за планиращи" in json.dumps(full, ensure_ascii=False)

    answer = client_for(operator).get(url)
    assert answer.status_code == 200
    text = json.dumps(answer.json(), ensure_ascii=False)
    operator_sees = set(visible_layers(operator).values_list("slug", flat=True))
    assert "critical-sites" not in operator_sees
    # Neither the name nor the layer of the restricted site reaches the operator ...
    assert "Министерство за планиращи" not in text and "critical-sites" not in text
    checks = {c["key"]: c for c in answer.json()["checks"]}
    sites = checks["proximity"]["data"]["sites"]
    assert "Болница за читатели" in [s["name"] for s in sites]
    # ... and every layer the review map will ask for is one the operator may see.
    asked = {s["layer"] for s in sites} | {z["layer"] for z in checks["risk_zones"]["data"].get("zones", [])}
    for key in ("cameras", "stations"):
        if "layer" in checks[key]["data"]:
            asked.add(checks[key]["data"]["layer"])
    assert asked <= operator_sees
    # The counts and the summary are worked out from what is shown.
    assert checks["proximity"]["data"]["counts"].get("government") is None
    assert "government" not in checks["proximity"]["summary"]


def test_the_opinion_pdf_leaves_hidden_sites_out_for_the_reader(file_event, operator):
    from layers.events.models import EventAssessment
    from layers.events.selectors.visibility import checks_for

    CriticalSite.objects.create(
        name="Скрит обект", sector=Sector.ENERGY, criticality=5, position=_geos(point(0, 120))
    )
    event = file_event()
    stored = EventAssessment.objects.get(event_id=event["id"]).checks
    assert "Скрит обект" in json.dumps(stored, ensure_ascii=False)
    shown = checks_for(operator, stored)
    assert "Скрит обект" not in json.dumps(shown, ensure_ascii=False)

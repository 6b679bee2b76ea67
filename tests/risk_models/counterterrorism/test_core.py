"""The counter-terrorism core on hand-computed cases: approaches on a grid of streets, ring contents
in a small synthetic city, the score's arithmetic and the survey index."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
import shapely

from risk_models.counterterrorism import (
    CounterTerrorismError,
    PointSet,
    build_graph,
    cordon,
    device,
    find_approaches,
    protective_index,
    score,
    vehicle,
)

V0 = 15 / 3.6  # the turning speed a run starts from, m/s


def test_core_imports_no_django():
    code = "import sys, risk_models.counterterrorism; print([m for m in sys.modules if m.split('.')[0] in ('django', 'geo_platform', 'layers')])"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def grid(size: int, step: int = 100) -> list:
    ticks = range(0, size + 1, step)
    return [shapely.LineString([(0, t), (size, t)]) for t in ticks] + [
        shapely.LineString([(t, 0), (t, size)]) for t in ticks
    ]


def test_approaches_on_a_grid_of_streets():
    # 400 m × 400 m grid at 100 m; the perimeter is the 100 m square round the middle node (200, 200).
    # Four streets enter it, each a straight 150 m run from the grid's edge to the perimeter
    # (e.g. (200, 0) → (200, 150)); the cross streets turn 90° and do not extend a run.
    found = find_approaches(build_graph(grid(400)), shapely.box(150, 150, 250, 250), vehicle("van"))
    assert sorted(r.entry for r in found.runs) == [
        (150.0, 200.0),
        (200.0, 150.0),
        (200.0, 250.0),
        (250.0, 200.0),
    ]
    assert all(r.length_m == pytest.approx(150.0) for r in found.runs)
    # v = √(v₀² + 2·a·s) = √(4.167² + 2·2·150) = 24.85 m/s = 89.5 km/h → IWA 14-1 class 96 km/h.
    expected = math.sqrt(V0**2 + 2 * 2.0 * 150) * 3.6
    assert found.runs[0].speed_kmh == pytest.approx(expected)
    assert len(found.barriers) == 4
    assert {b.rated_kmh for b in found.barriers} == {96}
    assert found.barriers[0].rating == "IWA 14-1 V/2500[N1G]/96/90"


def test_a_sharp_bend_ends_a_run_and_a_gentle_one_does_not():
    perimeter = shapely.box(100, -10, 140, 10)
    sharp = [shapely.LineString([(0, 60), (0, 0), (140, 0)])]  # 90° at the origin
    run = find_approaches(build_graph(sharp), perimeter, vehicle("van")).runs[0]
    assert run.length_m == pytest.approx(100.0)
    assert run.speed_kmh == pytest.approx(math.sqrt(V0**2 + 2 * 2.0 * 100) * 3.6)  # 73.5 km/h
    gentle = [shapely.LineString([(-100, 10), (0, 0), (140, 0)])]  # 5.7° at the origin
    run = find_approaches(build_graph(gentle), perimeter, vehicle("truck")).runs[0]
    assert run.length_m == pytest.approx(100 + math.hypot(100, 10), abs=0.5)


def test_a_run_is_not_walked_past_the_vehicles_top_speed():
    # A 2 km straight street: the van reaches 112 km/h after (31.11² − 4.17²)/(2·2) = 237.6 m.
    line = [shapely.LineString([(x, 0), (x + 50, 0)]) for x in range(-2000, 200, 50)]
    run = find_approaches(build_graph(line), shapely.box(100, -10, 140, 10), vehicle("van")).runs[0]
    assert run.speed_kmh == 112
    assert 237 < run.length_m < 300


def test_open_or_empty_perimeter_is_refused():
    graph = build_graph(grid(200))
    with pytest.raises(CounterTerrorismError) as error:
        find_approaches(graph, shapely.LineString([(0, 0), (100, 0), (100, 100)]), vehicle("van"))
    assert error.value.parameter == "perimeter"
    with pytest.raises(CounterTerrorismError):
        vehicle("tank")


def test_ring_contents_in_a_small_city():
    van = device("van")  # 122 m / 732 m
    streets = [
        shapely.LineString([(-2000, 0), (2000, 0)]),
        shapely.LineString([(0, -2000), (0, 2000)]),
        shapely.LineString([(900, -50), (900, 50)]),
        shapely.LineString([(-1000, -50), (-1000, 50)]),
    ]
    buildings = PointSet(np.array([[50, 0], [0, 121], [123, 0], [0, -700], [800, 0]], float))
    schools = PointSet(np.array([[130, 10]], float), ["School"])
    residents = PointSet(
        np.array([[100, 0], [0, 500], [1000, 50]], float), (), np.array([1000.0, 2000.0, 5000.0])
    )
    crowds = PointSet(np.array([[60, 0]], float), ["Square"], np.array([500.0]))
    assembly = PointSet(
        np.array([[900, 10], [-1000, 0], [300, 0]], float),
        ["Park", "Hall", "Too near"],
        np.array([200.0, 500.0, 900.0]),
    )
    result = cordon(
        shapely.Point(0, 0),
        van,
        points={"buildings": buildings, "schools": schools},
        residents=residents,
        crowds=crowds,
        graph=build_graph(streets),
        assembly=assembly,
    )
    inner, outer = result.rings
    assert inner.counts == {"buildings": 2, "schools": 0} and outer.counts == {"buildings": 2, "schools": 1}
    assert (inner.people_night, inner.people_day) == (1000, 600 + 500)  # 60 % of residents + the crowd
    assert (outer.people_night, outer.people_day) == (2000, 1200)
    # Each ring crosses the two through streets twice: 4 cordon points per ring.
    assert sum(1 for ring, _x, _y in result.cordon_points if ring == "evacuation") == 4
    assert sum(1 for ring, _x, _y in result.cordon_points if ring == "shelter") == 4
    # Assembly points outside 732 + 50 m, nearest on foot first: the park 900 + 10 m, the hall 1000 m.
    assert [a.label for a in result.assembly] == ["Park", "Hall"]
    assert result.assembly[0].walk_m == pytest.approx(910, abs=1)
    assert result.assembly[0].walk_min == pytest.approx(910 / 1.2 / 60, abs=0.1)


def test_unknown_device():
    with pytest.raises(CounterTerrorismError) as error:
        device("nuke")
    assert error.value.parameter == "device"


def test_score_arithmetic():
    factors = {
        "attractiveness": [1, 0.8],
        "crowd": [1, 0.5],
        "camera_gap": [1, 0.5],
        "response": [1, 0.2],
        "vehicle": [1, 1.0],
        "protection_gap": [1, 0.4],
        "people": [1, 0.6],
        "sensitive": [1, 0.3],
    }
    result = score({k: np.array(v) for k, v in factors.items()})
    # T = (2·0.8 + 0.5)/3 = 0.7; V = (0.5 + 0.2 + 1.5·1 + 1.5·0.4)/5 = 0.56; C = (2·0.6 + 0.3)/3 = 0.5
    assert result.score[0] == pytest.approx(100)
    assert result.score[1] == pytest.approx(100 * 0.7 * 0.56 * 0.5)  # 19.6
    assert result.risk_class == ["high", "medium"]
    # Without attractiveness T = 0.5/3: the score falls to 4.667, so attractiveness drives 14.93 points.
    assert result.drive[1, 0] == pytest.approx(19.6 - 100 * (0.5 / 3) * 0.56 * 0.5)
    heavier = score({k: np.array(v) for k, v in factors.items()}, {"vehicle": 0})
    # (1·0.5 + 1·0.2 + 1.5·0.4) / (1 + 1 + 1.5)
    assert heavier.groups["vulnerability"][1] == pytest.approx(1.3 / 3.5)
    with pytest.raises(CounterTerrorismError):
        score({k: np.array(v) for k, v in factors.items()}, {"attractiveness": 0, "crowd": 0})
    with pytest.raises(CounterTerrorismError):
        score({k: np.array([]) for k in factors})


def test_protective_index():
    # (15·4 + 15·2) / (4 · 30) · 100 = 75; areas left "not applicable" do not count.
    assert protective_index({"perimeter": 4, "access_control": 2, "lighting": None}) == pytest.approx(75)
    assert protective_index({"lighting": None}) is None
    with pytest.raises(CounterTerrorismError):
        protective_index({"perimeter": 5})

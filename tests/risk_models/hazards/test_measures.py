"""Risk-reduction measures: re-running a few windows gives the full re-run's answer, ranked per lev."""

from __future__ import annotations

from dataclasses import replace

import pytest

from risk_models.hazards import (
    FloodWall,
    InvalidScenario,
    NewShelter,
    Retrofit,
    RiskWeights,
    Scenario,
    apply_measure,
    prepare_scenario,
    rank_measures,
    run_scenario,
)
from risk_models.hazards.measures import modifiers_for

from .conftest import RIVER_X, Y0, metric_box_in_lonlat, to_lonlat
from .test_risk import earthquake, outputs

FLOOD = Scenario(kind="flood", return_period_years=100)


def baseline(world, scenario, folder, name="base", **settings_changes):
    settings = replace(world.settings, **settings_changes)
    prepared = prepare_scenario(scenario=scenario, inputs=world.inputs, settings=settings, grid=world.grid)
    return run_scenario(
        scenario=scenario,
        inputs=world.inputs,
        outputs=outputs(folder, name),
        settings=settings,
        prepared=prepared,
    )


def full_rerun(base, measure, folder):
    """The reference: the whole scenario run again with the measure applied."""
    return run_scenario(
        scenario=base.prepared.scenario,
        inputs=base.prepared.inputs,
        outputs=outputs(folder, f"full-{measure.measure_id}"),
        settings=base.prepared.settings,
        prepared=base.prepared,
        modifiers=modifiers_for(measure),
    ).result


# A wall protecting the valley floor in the grid's southern 600 m.
WALL = FloodWall("wall", 2_000_000.0, metric_box_in_lonlat(RIVER_X - 150, Y0 - 10, RIVER_X + 150, Y0 + 600))
# A shelter on dry ground 300 m from the river, within walking distance of flooded homes.
SHELTER = NewShelter("shelter", 50_000.0, *to_lonlat(RIVER_X - 300, Y0 + 1_500), capacity=200.0)
RETROFIT = Retrofit("retrofit", 100_000.0, median_factor=2.0, site_ids=("school-1",))


@pytest.mark.parametrize("measure", [WALL, SHELTER, RETROFIT], ids=lambda m: m.measure_id)
def test_partial_rerun_equals_full_rerun(world, tmp_path, measure):
    base = baseline(world, FLOOD, tmp_path, block_size=16)
    partial, windows = apply_measure(run=base, measure=measure)
    full = full_rerun(base, measure, tmp_path)
    assert partial.districts == full.districts
    assert partial.sites == full.sites
    assert partial.results_hash == full.results_hash
    # The grid has 5 × 5 windows of 16 cells; a local measure touches only some of them.
    assert windows < 25


def test_flood_wall_keeps_water_out_behind_it(world, tmp_path):
    base = baseline(world, FLOOD, tmp_path)
    protected, _ = apply_measure(run=base, measure=WALL)
    # The wall covers 600 of the 2000 m of flooded valley: 30 % of the flooded cells. The
    # affected people drop, but not to zero.
    before, after = base.result.totals["people_affected"], protected.totals["people_affected"]
    assert 0 < after < before


def test_measures_ranked_by_risk_reduced_per_eur(world, tmp_path):
    base = baseline(world, FLOOD, tmp_path)
    ranking = rank_measures(run=base, measures=[WALL, SHELTER, RETROFIT])
    weights = RiskWeights()
    for outcome in ranking:
        assert outcome.risk_before == pytest.approx(weights.score(base.result.totals))
        assert outcome.risk_reduced == pytest.approx(outcome.risk_before - outcome.risk_after)
        assert outcome.risk_reduced_per_eur == pytest.approx(outcome.risk_reduced / outcome.cost_eur)
    per_eur = [outcome.risk_reduced_per_eur for outcome in ranking]
    assert per_eur == sorted(per_eur, reverse=True)
    by_id = {outcome.measure_id: outcome for outcome in ranking}
    # A seismic retrofit of a school does nothing against a flood.
    assert by_id["retrofit"].risk_reduced == 0.0
    assert ranking[-1].measure_id == "retrofit"
    # A 200-place shelter within walking distance of flooded homes shelters up to 200 of them.
    assert 0 < by_id["shelter"].risk_reduced <= 200.0 + 1e-6
    assert by_id["wall"].risk_reduced > 0


def test_a_shelter_in_the_flood_adds_no_places(world, tmp_path):
    base = baseline(world, FLOOD, tmp_path)
    # 10 m from the river the new shelter is under water itself: flooded shelters are unusable.
    wet = NewShelter("wet", 50_000.0, *to_lonlat(RIVER_X - 10, Y0 + 1_500), capacity=200.0)
    result, _ = apply_measure(run=base, measure=wet)
    assert {row["site_id"]: row["usable_capacity"] for row in result.sites}["wet"] == 0.0
    assert result.totals["shelter_deficit"] == base.result.totals["shelter_deficit"]


def test_retrofit_lowers_earthquake_damage_of_its_school(world, tmp_path):
    base = baseline(world, earthquake(world, magnitude=7.0), tmp_path)
    result, windows = apply_measure(run=base, measure=RETROFIT)
    before = {row["site_id"]: row for row in base.result.sites}["school-1"]
    after = {row["site_id"]: row for row in result.sites}["school-1"]
    assert after["damage"] < before["damage"]
    assert windows == 0  # a site retrofit changes no raster window
    area = Retrofit(
        "blocks",
        1e6,
        median_factor=1.5,
        area=metric_box_in_lonlat(RIVER_X - 500, Y0, RIVER_X + 500, Y0 + 2_000),
    )
    retrofitted, _ = apply_measure(run=base, measure=area)
    assert retrofitted.totals["people_affected"] < base.result.totals["people_affected"]
    assert retrofitted.districts == full_rerun(base, area, tmp_path).districts


def test_measures_need_a_cost():
    with pytest.raises(InvalidScenario, match="cost_eur"):
        modifiers_for(replace(SHELTER, cost_eur=0))


def test_a_new_shelter_in_a_deficit_area_cuts_the_deficit_by_its_places(world, tmp_path):
    """Hand-worked: the Mw 6.5 under the valley shakes the whole 2 × 2 km world at ~0.59 g, beyond
    the extensive-damage median of both halls (C2M moderate-code, 0.55 g), so nobody finds a place
    and the deficit is the whole need. A 10-place shelter 300 m from the river has far more than
    10 people in need within 500 m (D ≫ 10): 2SFCA gives each cell in reach need × 10/D, which
    sums to exactly 10. The deficit falls by 10 and, with weights 1 (with a place) and 2 (without),
    the risk by 10 × (2 − 1) = 10 person-equivalents."""
    base = baseline(world, earthquake(world), tmp_path)
    totals = base.result.totals
    assert totals["sheltered_within_walk"] == 0.0
    assert totals["shelter_deficit"] == pytest.approx(totals["shelter_need"])
    assert totals["shelter_need"] == pytest.approx(0.3 * totals["people_affected"])
    shelter = NewShelter("new", 1_000.0, *to_lonlat(RIVER_X - 300, Y0 + 1_500), capacity=10.0)
    result, _ = apply_measure(run=base, measure=shelter)
    row = {site["site_id"]: site for site in result.sites}["new"]
    # New construction to the current code (C2M high-code): moderately damaged at ~0.59 g, but
    # more likely than not short of extensive damage (median 0.87 g), so it keeps its places.
    assert row["intensity"] == pytest.approx(0.59, abs=0.01)
    assert row["hit"] and row["usable_capacity"] == 10.0
    assert totals["shelter_deficit"] - result.totals["shelter_deficit"] == pytest.approx(10.0, abs=1e-6)
    (outcome,) = rank_measures(run=base, measures=[shelter])
    assert outcome.risk_reduced == pytest.approx(10.0, abs=1e-6)
    # The same shelter built like the old halls (moderate code) is extensively damaged: no places.
    old_style = replace(shelter, fragility="C2M-moderate")
    weak, _ = apply_measure(run=base, measure=old_style)
    assert {site["site_id"]: site for site in weak.sites}["new"]["usable_capacity"] == 0.0
    assert weak.totals["shelter_deficit"] == pytest.approx(totals["shelter_deficit"])

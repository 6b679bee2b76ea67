"""Shelter places within walking distance (2SFCA) and protective equipment, on toy cases."""

from __future__ import annotations

import numpy as np
import pytest

from risk_models.hazards.accounting import QUANTUM
from risk_models.hazards.protection import (
    EquipmentNorm,
    ShelterPoints,
    equipment_needed,
    shelter_demand,
    sheltered_people,
    supply_ratios,
)


def test_two_step_floating_catchment_on_a_row_of_cells():
    # Four 100 m cells in a row (centres x = 50, 150, 250, 350) with 100, 100, 0 and 50 people in need.
    x = np.array([[50.0, 150.0, 250.0, 350.0]])
    y = np.array([[50.0]])
    need = np.array([[100.0, 100.0, 0.0, 50.0]])
    # Shelter A (x = 0, 50 places) reaches the first two cells within 200 m; shelter B
    # (x = 400, 300 places) reaches the last two.
    shelters = ShelterPoints(
        x=np.array([0.0, 400.0]), y=np.array([50.0, 50.0]), capacity=np.array([50.0, 300.0])
    )
    demand = shelter_demand(need=need, x=x, y=y, shelters=shelters, radius_m=200.0)
    assert {j: q * QUANTUM for j, q in demand.items()} == {0: pytest.approx(200.0), 1: pytest.approx(50.0)}
    ratios = supply_ratios(capacity=shelters.capacity, demand_quanta=np.array([demand[0], demand[1]]))
    assert ratios == pytest.approx([0.25, 6.0])
    # A's 50 places go a quarter to each of 100 + 100 people → 25 + 25 sheltered; B shelters all 50.
    sheltered = sheltered_people(need=need, x=x, y=y, shelters=shelters, ratios=ratios, radius_m=200.0)
    assert sheltered.tolist() == [[25.0, 25.0, 0.0, 50.0]]
    # 100 of 250 people in need find a place; no place is counted twice.
    assert sheltered.sum() == 100.0 <= shelters.capacity.sum()


def test_overlapping_catchments_never_exceed_capacity():
    rng = np.random.default_rng(7)
    x = (np.arange(30) * 50.0 + 25.0)[np.newaxis, :]
    y = (1500.0 - np.arange(30) * 50.0 - 25.0)[:, np.newaxis]
    need = rng.uniform(0, 10, size=(30, 30))
    shelters = ShelterPoints(
        x=rng.uniform(0, 1500, 8), y=rng.uniform(0, 1500, 8), capacity=rng.uniform(10, 200, 8)
    )
    demand = shelter_demand(need=need, x=x, y=y, shelters=shelters, radius_m=500.0)
    ratios = supply_ratios(
        capacity=shelters.capacity, demand_quanta=np.array([demand.get(j, 0.0) for j in range(8)])
    )
    sheltered = sheltered_people(need=need, x=x, y=y, shelters=shelters, ratios=ratios, radius_m=500.0)
    assert (sheltered <= need + 1e-12).all()
    assert sheltered.sum() <= shelters.capacity.sum() + 1e-6


def test_equipment_from_norms_rounds_up():
    row = {"people_exposed": 120.2, "people_affected": 10.0}
    norms = [
        EquipmentNorm("respirator", 1.0, "people_exposed"),
        EquipmentNorm("blanket", 2.0, "people_affected"),
    ]
    assert equipment_needed(row=row, norms=norms) == {"blanket": 20, "respirator": 121}
    with pytest.raises(ValueError):
        EquipmentNorm("respirator", 1.0, "population")

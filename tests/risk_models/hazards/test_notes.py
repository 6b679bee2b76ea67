"""Model notes as data: a stable key, its parameters and the core's English."""

from __future__ import annotations

import json

import pytest

from risk_models.hazards.dem import Terrain
from risk_models.hazards.flood import RatingCurve
from risk_models.hazards.notes import ENGLISH, Note, english


def test_a_note_renders_its_parameters_in_english():
    note = Note("earthquake.site_class", {"soil_class": "C"})
    assert note.text == "Soil class C everywhere (given by the scenario)."
    assert json.loads(json.dumps(note.as_dict())) == {
        "key": "earthquake.site_class",
        "params": {"soil_class": "C"},
        "text": "Soil class C everywhere (given by the scenario).",
    }


def test_an_unknown_key_is_refused():
    with pytest.raises(KeyError):
        Note("earthquake.no_such_note")


def test_the_parameters_cannot_change_after_the_fact():
    note = Note("terrain.grid", {"cell_size_m": 30.0})
    with pytest.raises(TypeError):
        note.params["cell_size_m"] = 1.0  # type: ignore[index]
    assert note.text == "Modelled from a 30 m elevation grid."


def test_the_rating_curve_note_says_what_describe_says():
    curve = RatingCurve()
    note = curve.as_note()
    # describe() is part of the inputs hash and keeps its wording; the note shows the same numbers.
    assert note.text == curve.describe()
    assert note.params["growth"] == "T20: 0.6, T100: 1, T1000: 1.7"


def test_a_terrain_says_where_its_elevation_came_from():
    terrain = Terrain.from_array(elevation=[[0.0, 1.0], [2.0, 3.0]], left=0.0, top=0.0, cell_size_m=25.0)
    assert [note.key for note in terrain.notes] == ["terrain.grid"]
    assert terrain.note == "Modelled from a 25 m elevation grid."
    assert (
        english(terrain.notes * 2)
        == "Modelled from a 25 m elevation grid. Modelled from a 25 m elevation grid."
    )


def test_every_english_template_fills_from_named_parameters_only():
    for key, template in ENGLISH.items():
        assert "{}" not in template, key

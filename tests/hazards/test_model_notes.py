"""Model notes in the user's language: the core gives keys and parameters, the app words them.

A computed scenario's notes read in Bulgarian for a Bulgarian user (citations as they are) and in
English for an English one; results stored before the notes had keys still show, as stored.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from layers.hazards import model_notes, reports
from layers.hazards.models import Scenario
from risk_models.hazards.industrial import CASES, WIND_BAND_NAMES
from risk_models.hazards.notes import ENGLISH, Note
from tests.frontend.test_plain_words import ENGLISH_PHRASE, problems_in

from .conftest import EARTHQUAKE, SCENARIOS_URL

CYRILLIC = re.compile(r"[а-яА-Я]")
CITATION = "Akkar, Sandıkkaya & Bommer (2014)"
# A finite rupture (strike given) and one soil class: the notes with the most parameters.
RUPTURE_QUAKE = {**EARTHQUAKE, "strike_deg": 300.0, "dip_deg": 60.0, "soil_class": "C"}


def _read(api, user, scenario_id: int, language: str) -> dict:
    response = api.as_user(user).get(f"{SCENARIOS_URL}{scenario_id}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.json()


def test_earthquake_notes_are_bulgarian_for_bulgarian_users_and_english_for_english_ones(
    api, analyst, computed
):
    scenario_id = computed(analyst, RUPTURE_QUAKE)["id"]
    stored = Scenario.objects.get(pk=scenario_id).result
    assert [note["key"] for note in stored["notes"]][:2] == [
        "earthquake.gmpe_rupture",
        "earthquake.site_class",
    ]

    bulgarian = _read(api, analyst, scenario_id, "bg")
    notes = bulgarian["notes"]
    assert len(notes) >= 2
    for text in [*notes, bulgarian["uncertainty"]["note"]]:
        assert not ENGLISH_PHRASE.search(text), text
        assert not problems_in(text, language="bg", slugs=set()), text
        assert CYRILLIC.search(text), text
    # The citation stays as published, inside a Bulgarian sentence with Bulgarian numbers.
    gmpe = notes[0]
    assert gmpe.startswith("Медианно PGA по " + CITATION)
    assert "простиране 300°, наклон 60°" in gmpe and "Wells & Coppersmith 1994" in gmpe
    length = stored["notes"][0]["params"]["length_km"]
    assert f"{length:g}".replace(".", ",") in gmpe
    assert notes[1] == "Почвен клас C навсякъде (зададен в сценария)."
    assert bulgarian["uncertainty"]["note"].startswith("Монте Карло")
    assert bulgarian["uncertainty"]["realisations"] == stored["uncertainty"]["realisations"]
    # The assumption notes (worded by their own keys) stay Bulgarian as well.
    assert bulgarian["assumptions"]
    assert all(CYRILLIC.search(item["text"]) for item in bulgarian["assumptions"])

    english = _read(api, analyst, scenario_id, "en")
    assert english["notes"][0].startswith("Median PGA by " + CITATION + ", finite planar rupture")
    assert english["notes"][1] == "Soil class C everywhere (given by the scenario)."
    assert english["uncertainty"]["note"].startswith("Monte Carlo over the ground-motion model")
    for text in [*english["notes"], english["uncertainty"]["note"]]:
        assert not CYRILLIC.search(text), text


def test_results_stored_with_english_sentences_still_read_as_stored(api, analyst, computed):
    scenario_id = computed(analyst, EARTHQUAKE)["id"]
    scenario = Scenario.objects.get(pk=scenario_id)
    old = "PGA by Akkar, Sandıkkaya & Bommer (2014), point source, R_epi model, median."
    demo = "Temporary accommodation: school halls with a DEMO floor area; places = area ÷ space per person."
    scenario.result = {
        **scenario.result,
        "notes": [
            old,
            demo,
            {"key": "a.key.from.the.future", "params": {}, "text": "A note this version cannot word."},
            {"key": "earthquake.site_class", "params": {"wrong": 1}, "text": "Soil class as stored."},
            {"key": "earthquake.site_class", "params": "not a mapping", "text": "Also as stored."},
            42,
        ],
        "uncertainty": {**scenario.result["uncertainty"], "note": "An older run's English method note."},
    }
    scenario.save(update_fields=["result"])
    data = _read(api, analyst, scenario_id, "bg")
    assert data["notes"] == [
        old,
        demo,
        "A note this version cannot word.",
        "Soil class as stored.",
        "Also as stored.",
    ]
    assert data["uncertainty"]["note"] == "An older run's English method note."
    # The PDF's notes keep an old run's demonstration-data warning too.
    scenario.refresh_from_db()
    with translation.override("bg"):
        assert demo in reports.notes(scenario)
        assert reports.headline_lines(scenario)[-1] == "An older run's English method note."


SAMPLES = {
    "earthquake.gmpe_rupture": {
        "length_km": 25.7,
        "width_km": 14.1,
        "strike_deg": 300.0,
        "dip_deg": 60.0,
        "top_depth_km": 2.0,
    },
    "earthquake.site_class": {"soil_class": "B"},
    "terrain.composite": {"fine_resolution_m": 31, "share_pct": 64, "seam_m": 1000.0},
    "terrain.grid": {"cell_size_m": 25.0},
    "flood.return_period": {"years": 100},
    "flood.rating_curve": {
        "q100": 2.0,
        "area_exponent": 0.8,
        "growth": "T20: 0.6, T100: 1, T1000: 1.7",
        "width_coefficient": 2.5,
        "manning_n": 0.035,
        "min_slope": 0.001,
        "min_stage_m": 0.3,
        "max_stage_m": 6.0,
    },
    "landslide.slope_classes": {"max_resolution_m": 40.0},
    "industrial.erg_zones": {
        "case": "spill",
        "downwind_deg": 90,
        "wind_from_deg": 270,
        "wind_speed_ms": 3.5,
        "wind_band": "moderate",
    },
    "imported.raster": {"covered_pct": 12},
    "imported.raster_named": {"covered_pct": 12, "label": "apsfr_depth.tif"},
    "imported.zones": {"count": 3},
    "imported.zones_named": {"count": 3, "label": "APSFR 2022"},
    "uncertainty.monte_carlo": {"fragility_beta": 0.3},
}


@pytest.mark.parametrize("key", sorted(ENGLISH))
def test_every_note_of_the_core_reads_in_bulgarian_and_in_english(key):
    note = Note(key, SAMPLES.get(key, {})).as_dict()
    assert key in model_notes.TEXTS, "a core note without wording in the app"
    with translation.override("bg"):
        bulgarian = model_notes.render(note)
    with translation.override("en"):
        english = model_notes.render(note)
    assert bulgarian != english and bulgarian != note["text"]
    assert CYRILLIC.search(bulgarian) and not ENGLISH_PHRASE.search(bulgarian), bulgarian
    assert not problems_in(bulgarian, language="bg", slugs=set()), bulgarian
    assert not problems_in(english, language="en", slugs=set()), english
    # Every parameter is said, in both languages (numbers with the language's decimal mark).
    for value in note["params"].values():
        if isinstance(value, str) and value in {*CASES, *WIND_BAND_NAMES}:
            continue
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        assert shown in english, (key, shown)
        assert (shown if key.startswith("imported.") else shown.replace(".", ",")) in bulgarian, (key, shown)


def test_the_core_words_a_note_carries_are_translated():
    note = Note("industrial.erg_zones", SAMPLES["industrial.erg_zones"]).as_dict()
    with translation.override("bg"):
        text = model_notes.render(note)
    assert "„разлив“" in text and "клас на вятъра по ERG: умерен" in text
    with translation.override("bg"):
        for case in CASES:
            assert str(model_notes.WORDS["case"][case]) != case
        for band in WIND_BAND_NAMES:
            assert str(model_notes.WORDS["wind_band"][band]) != band


@pytest.mark.parametrize("key", sorted(model_notes.APP_ENGLISH))
def test_the_apps_own_notes_are_stored_in_english_and_read_in_bulgarian(key):
    note = model_notes.app_note(key)
    assert note["text"] and not CYRILLIC.search(note["text"])
    assert model_notes.is_demo(note)
    with translation.override("bg"):
        assert CYRILLIC.search(model_notes.render(note))

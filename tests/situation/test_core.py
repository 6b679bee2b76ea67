"""The pure core: address matching and CAP 1.2 messages, on plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from risk_models.situation import CapArea, CapInfo, CapMessage, InvalidCap, best_match, normalise, to_xml


def test_normalise_drops_address_prefixes():
    assert normalise("бул. „Витоша“ №1") == "витоша 1"
    assert normalise("ж.к. Младост 1") == "младост 1"


def test_best_match_prefers_exact_then_contained():
    names = ["НДК", "Младост 1", "Младост 1А", "Студентски град"]
    assert best_match("ж.к. Младост 1", names).index == 1
    assert best_match("ж.к. Младост 1", names).confidence == 1.0
    contained = best_match("до входа на Студентски град", names)
    # "студентски град" (15 chars) inside "входа на студентски град" (24): 0.6 + 0.25 × 15/24 = 0.756
    assert (
        contained.index == 3
        and contained.how == "contains"
        and contained.confidence == pytest.approx(0.756, abs=1e-3)
    )
    assert best_match("Пловдив", names) is None


def _message(**extra) -> CapMessage:
    sent = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    values = dict(
        identifier="urn:uuid:1",
        sender="sc@sofia.bg",
        sent=sent,
        msg_type="Alert",
        category="Met",
        urgency="Expected",
        severity="Moderate",
        certainty="Likely",
        effective=sent,
        expires=sent + timedelta(hours=6),
        infos=(CapInfo("bg-BG", "Буря", "Силен вятър", "", "", "София"),),
        area=CapArea(circles=((23.32, 42.69, 2.0),)),
    )
    values.update(extra)
    return CapMessage(**values)


def test_cap_message_validates_and_writes_lat_lon():
    xml = to_xml(_message()).decode()
    assert "<circle>42.690000,23.320000 2.000</circle>" in xml
    assert "<sent>2026-03-01T10:00:00+00:00</sent>" in xml


def test_cap_refuses_bad_values():
    with pytest.raises(InvalidCap) as error:
        to_xml(_message(severity="Huge"))
    assert error.value.parameter == "severity" and "Extreme" in error.value.expected
    with pytest.raises(InvalidCap) as error:
        to_xml(_message(msg_type="Update"))
    assert error.value.parameter == "references"


def test_core_imports_no_django():
    import subprocess
    import sys

    code = "import sys, risk_models.situation; print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

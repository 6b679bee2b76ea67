"""The security-survey checklist and the protective-measures index.

Each of the eight areas is scored 0–4 (0 — missing, 1 — weak, 2 — partial, 3 — good, 4 — meets
the good practice of NPSA/CPNI guidance) or left "not applicable" (None).

    index = 100 × Σ wᵢ·sᵢ / (4 × Σ wᵢ)      over the scored areas only

The weights are the directorate's choice (assumption, editable in the code): the three areas
that stop or detect an attacker earliest (perimeter, access control, vehicle barriers) and
surveillance weigh 15, the others 10; together 100.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .errors import CounterTerrorismError

MAX_SCORE = 4


@dataclass(frozen=True)
class ChecklistArea:
    key: str
    label_bg: str
    label_en: str
    weight: float


CHECKLIST: tuple[ChecklistArea, ...] = (
    ChecklistArea("perimeter", "Периметър", "Perimeter", 15),
    ChecklistArea("access_control", "Контрол на достъпа", "Access control", 15),
    ChecklistArea("surveillance", "Видеонаблюдение", "Surveillance", 15),
    ChecklistArea("lighting", "Осветление", "Lighting", 10),
    ChecklistArea("vehicle_barriers", "Бариери срещу превозни средства", "Vehicle barriers", 15),
    ChecklistArea("evacuation", "Евакуация", "Evacuation", 10),
    ChecklistArea("communications", "Комуникации и оповестяване", "Communications", 10),
    ChecklistArea("staff", "Персонал и обучение", "Staff and training", 10),
)
AREAS = {area.key: area for area in CHECKLIST}


def protective_index(scores: Mapping[str, int | None]) -> float | None:
    """The 0–100 index of the scored areas; None if no area is scored."""
    total = weighted = 0.0
    for key, score in scores.items():
        if key not in AREAS:
            raise CounterTerrorismError(parameter="area", value=key, expected="one of " + ", ".join(AREAS))
        if score is None:
            continue
        if not isinstance(score, int) or not 0 <= score <= MAX_SCORE:
            raise CounterTerrorismError(parameter="score", value=score, expected="an integer from 0 to 4")
        total += AREAS[key].weight
        weighted += AREAS[key].weight * score
    if total == 0:
        return None
    return 100.0 * weighted / (MAX_SCORE * total)

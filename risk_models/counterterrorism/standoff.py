"""Bomb-threat stand-off distances (US NCTC Bomb Threat Stand-off Chart, outdoor figures).

Mandatory evacuation distance: everyone inside leaves. Shelter-in-place zone: from there to the
preferred evacuation distance people stay indoors away from windows, or leave if it is safe.
Source: National Counterterrorism Center (NCTC/DHS/FBI) "Bomb Threat Stand-off Card",
reproduced in ../shared/domain/DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import CounterTerrorismError

SOURCE = (
    "US NCTC Bomb Threat Stand-off Chart (mandatory evacuation / preferred evacuation distance, outdoors)"
)


@dataclass(frozen=True)
class Device:
    key: str
    label_bg: str
    label_en: str
    evacuation_m: float
    shelter_m: float


DEVICES: dict[str, Device] = {
    d.key: d
    for d in (
        Device("pipe_bomb", "Тръбна бомба", "Pipe bomb", 21, 366),
        Device("suicide_vest", "Колан/жилетка на самоубиец", "Suicide vest", 34, 518),
        Device("briefcase", "Куфарче/раница", "Briefcase or suitcase", 46, 564),
        Device("sedan", "Лек автомобил", "Sedan", 98, 580),
        Device("van", "Джип или ван", "SUV or van", 122, 732),
        Device("small_truck", "Малък товарен автомобил", "Small delivery truck", 195, 1159),
        Device("water_truck", "Контейнер или цистерна", "Container or water truck", 263, 1555),
        Device("semi_trailer", "Седлови влекач с полуремарке", "Semi-trailer", 479, 2835),
    )
}


def device(key: str) -> Device:
    try:
        return DEVICES[key]
    except KeyError:
        raise CounterTerrorismError(
            parameter="device", value=key, expected="one of " + ", ".join(DEVICES)
        ) from None

"""Numbers the counter-terrorism analyses rest on that are not data, with their sources."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Driving speeds of emergency units on the street stand-in (assumption: urban response speeds
# with lights and siren, slower for heavy fire engines).
RESPONSE_SPEED_KMH = {"police": 40.0, "fire": 35.0, "ambulance": 40.0}
# Residents within this distance count as exposed for the score (assumption).
EXPOSED_RADIUS_M = 200.0
SENSITIVE_RADIUS_M = 500.0
# Sample ring around a site for camera coverage of its approaches.
APPROACH_RADIUS_M = 100.0
# A point site without a footprint is a disc of this radius for the vehicle approaches.
POINT_SITE_RADIUS_M = 30.0
# Crowd above which a mass event gets barrier points and cordons in its opinion.
LARGE_EVENT_PEOPLE = 5000

ASSUMPTIONS = (
    _("Stand-off distances: US NCTC Bomb Threat Stand-off Chart (outdoor mandatory / preferred evacuation)."),
    _(
        "Streets: public-transport routes as a stand-in for the street network, plus the OSM major roads of the centre."
    ),
    _(
        "Response speeds on the streets (assumption): police 40 km/h, fire 35 km/h, ambulance 40 km/h; access to the street network 1.3 × straight distance."
    ),
    _(
        "Vehicle speed v = √(v₀² + 2·a·s), v₀ = 15 km/h out of a turn; a = 3 m/s² car, 2 m/s² van, 1 m/s² truck (assumptions); barrier classes IWA 14-1:2013."
    ),
    _(
        "People: GHS-POP 2020 residents (120 m cells); by day 0.6 × residents (assumption) plus the crowds of crowded places."
    ),
    _("Protected sites and crowd figures are demo data generated from public places."),
)

"""The assessment in words: each stored check's title and one-line summary, in the reader's
language (the stored checks hold data only)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.counterterrorism import event_check

TITLES = {
    "conflicts": gettext_lazy("Conflicts with other events and closures"),
    "density": gettext_lazy("Crowd density"),
    "egress": gettext_lazy("Egress time"),
    "route": gettext_lazy("Route"),
    "proximity": gettext_lazy("Sensitive sites nearby"),
    "risk_zones": gettext_lazy("Disaster-risk zones"),
    "cameras": gettext_lazy("Camera coverage"),
    "stations": gettext_lazy("Nearest police, fire and ambulance"),
    event_check.KEY: event_check.TITLE,
}
STATUS_LABELS = {
    "ok": gettext_lazy("no concern"),
    "info": gettext_lazy("for information"),
    "warning": gettext_lazy("attention"),
    "danger": gettext_lazy("danger"),
    "not_available": gettext_lazy("not available"),
}
KIND_LABELS = {
    "hospital": gettext_lazy("hospital"),
    "school": gettext_lazy("school"),
    "kindergarten": gettext_lazy("kindergarten"),
    "critical": gettext_lazy("critical site"),
    "government": gettext_lazy("government site"),
    "police": gettext_lazy("police"),
    "fire": gettext_lazy("fire and rescue"),
    "ambulance": gettext_lazy("ambulance"),
}
DORI_LABELS = {
    "detect": gettext_lazy("detect"),
    "observe": gettext_lazy("observe"),
    "recognise": gettext_lazy("recognise"),
    "identify": gettext_lazy("identify"),
}
NOT_AVAILABLE_REASONS = {
    "no_geometry": gettext_lazy("The event has no perimeter or route yet."),
    "no_area": gettext_lazy("No usable area: draw a perimeter, or give the route's width."),
    "no_participants": gettext_lazy("The expected number of participants is not given."),
    "not_fenced": gettext_lazy("The perimeter is not fenced, so exits do not limit egress."),
    "no_route": gettext_lazy("The event has no route."),
    "no_risk_layer": gettext_lazy("Not available: the platform has no disaster-risk zone layer yet."),
    "no_camera_layer": gettext_lazy("Not available: the platform has no camera coverage layer yet."),
    "not_for_role": gettext_lazy(
        "Not shown: this check reads map layers your role does not see. A planner or analyst sees it in full."
    ),
}


def _m(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _conflicts(data: dict) -> str:
    rows = data["conflicts"]
    if not rows:
        return _("No other event or closure within %(distance)s m at the same time.") % {
            "distance": _m(data["distance_m"])
        }
    items = "; ".join(
        (
            _("%(title)s (overlaps)")
            if row["overlap_kind"] == "intersects"
            else _("%(title)s (%(distance)s m away)")
        )
        % {"title": row["title"], "distance": _m(row["distance_m"])}
        for row in rows
    )
    return _("%(count)s at the same time within %(distance)s m: %(items)s.") % {
        "count": len(rows),
        "distance": _m(data["distance_m"]),
        "items": items,
    }


def _density(data: dict) -> str:
    levels = {"comfortable": _("comfortable"), "dense": _("dense"), "dangerous": _("dangerous")}
    return (
        _(
            "%(participants)s participants on %(area)s m² usable area: %(density)s persons/m², %(level)s. "
            "Capacity at %(comfortable)s persons/m²: %(capacity)s."
        )
        % {
            "participants": _m(data["participants"]),
            "area": _m(data["usable_area_m2"]),
            "density": f"{data['persons_per_m2']:.2f}",
            "level": levels[data["level"]],
            "comfortable": f"{data['thresholds']['comfortable']:g}",
            "capacity": _m(data["capacity"]),
        }
        + _column(data)
        + _gatherings(data)
        + _sources(data)
    )


def _column(data: dict) -> str:
    column = data.get("column")
    if not column:
        return ""
    text = _(
        " A procession: a moving column %(length)s m long on a %(width)s m wide street, passing a point in %(minutes)s min."
    ) % {
        "length": _m(column["length_m"]),
        "width": f"{column['width_m']:g}",
        "minutes": f"{column['passing_minutes']:.0f}",
    }
    if not column["fits"]:
        text += _(" The column is longer than the route (%(route)s m): the crowd packs it.") % {
            "route": _m(column["route_length_m"])
        }
    return text


def _gatherings(data: dict) -> str:
    names = {"assembly": _("Assembly"), "dispersal": _("Dispersal")}
    parts = []
    for key, item in (data.get("gatherings") or {}).items():
        parts.append(
            _(" %(what)s area (streets within %(radius)s m): %(area)s m², holds %(capacity)s — %(verdict)s.")
            % {
                "what": names.get(key, key),
                "radius": f"{item['radius_m']:g}",
                "area": _m(item["street_area_m2"]),
                "capacity": _m(item["capacity"]),
                "verdict": _("enough") if item["fits"] else _("too small"),
            }
        )
    return "".join(parts)


def _sources(data: dict) -> str:
    notes = data.get("notes") or {}
    if not notes:
        return ""
    said = [str(note.get("source") or note.get("assumption")) for note in notes.values()]
    return " " + _("Sources and assumptions: %(notes)s.") % {"notes": "; ".join(said)}


def _egress(data: dict) -> str:
    if data.get("reason") == "no_exits":
        return _("The perimeter is fenced but no exits are declared.")
    if data["minutes"] is None:
        return _("With the largest exit blocked no exit is left: declare at least two exits.")
    text = _(
        "Exits %(exits)s m; without the largest, %(width)s m pass the crowd in %(minutes)s min (target %(target)s min)."
    ) % {
        "exits": " + ".join(f"{w:g}" for w in data["exits"]),
        "width": f"{data['usable_width_m']:g}",
        "minutes": f"{data['minutes']:.1f}",
        "target": f"{data['target_minutes']:g}",
    }
    if data.get("minutes_all_exits") is not None:
        text += _(" Through all exits: %(minutes)s min.") % {"minutes": f"{data['minutes_all_exits']:.1f}"}
    return text + _sources(data)


def _route(data: dict) -> str:
    streets = ", ".join(s["name"] for s in data["streets"][:12]) or _("none")
    if data.get("streets_source", "transit-routes") != "transit-routes":
        return _(
            "%(length)s m, about %(minutes)s min at %(pace)s km/h. Major roads (OpenStreetMap, unnamed; public "
            "transport lines outside the centre): %(streets)s."
        ) % {
            "length": _m(data["length_m"]),
            "minutes": f"{data['walking_minutes']:.0f}",
            "pace": f"{data['pace_kmh']:g}",
            "streets": streets,
        }
    return _(
        "%(length)s m, about %(minutes)s min at %(pace)s km/h. Main streets (public transport lines stand in "
        "for the street network): %(streets)s."
    ) % {
        "length": _m(data["length_m"]),
        "minutes": f"{data['walking_minutes']:.0f}",
        "pace": f"{data['pace_kmh']:g}",
        "streets": streets,
    }


def _proximity(data: dict) -> str:
    if not data["sites"]:
        return _("No hospital, school, critical or government site within %(distance)s m.") % {
            "distance": _m(data["distance_m"])
        }
    counts = ", ".join(
        f"{KIND_LABELS.get(kind, kind)}: {count}" for kind, count in sorted(data["counts"].items())
    )
    return _("Within %(distance)s m: %(counts)s.") % {"distance": _m(data["distance_m"]), "counts": counts}


def _risk_zones(data: dict) -> str:
    if not data["zones"]:
        return _("The event enters no disaster-risk zone.")
    return _("Enters: %(zones)s.") % {"zones": ", ".join(f"{z['name']} ({z['kind']})" for z in data["zones"])}


def _cameras(data: dict) -> str:
    parts = []
    for name, item in data["coverage"].items():
        text = _("%(what)s %(share)s%% seen") % {
            "what": _("perimeter") if name == "perimeter" else _("route"),
            "share": f"{item['share'] * 100:.0f}",
        }
        levels = ", ".join(
            f"{DORI_LABELS.get(level, level)} {share * 100:.0f}%"
            for level, share in item.get("by_level", {}).items()
        )
        parts.append(f"{text} ({levels})" if levels else text)
    return "; ".join(parts) + "."


def _stations(data: dict) -> str:
    parts = []
    for kind, site in data["nearest"].items():
        label = KIND_LABELS.get(kind, kind)
        if site is None:
            parts.append(_("%(service)s: none found") % {"service": label})
        else:
            parts.append(
                _("%(service)s: %(name)s, %(distance)s m")
                % {"service": label, "name": site["name"], "distance": _m(site["distance_m"])}
            )
    return "; ".join(parts) + "."


_SUMMARIES = {
    "conflicts": _conflicts,
    "density": _density,
    "egress": _egress,
    "route": _route,
    "proximity": _proximity,
    "risk_zones": _risk_zones,
    "cameras": _cameras,
    "stations": _stations,
    event_check.KEY: event_check.summary,
}


def describe(check: dict) -> dict:
    """The stored check with its title, status label and summary in the active language."""
    data = check.get("data", {})
    if check["status"] == "not_available" or (check["key"] == "egress" and data.get("reason") == "no_exits"):
        reason = data.get("reason")
        summary = (
            str(NOT_AVAILABLE_REASONS.get(reason, ""))
            if reason in NOT_AVAILABLE_REASONS
            else _SUMMARIES[check["key"]](data)
        )
    else:
        summary = _SUMMARIES[check["key"]](data)
    return {
        **check,
        "title": str(TITLES[check["key"]]),
        "status_label": str(STATUS_LABELS[check["status"]]),
        "summary": summary,
    }

"""The events' layers draw approved, pending and closed events apart by line pattern as well as
colour, and the camera fields of view draw each DORI level with its own outline pattern; the
legend names each. Catalogue styles are set only when a layer is created, so existing records
get the new styles here (a copy of the specs' styles of this change)."""

from django.db import migrations

STYLES = {
    "event-perimeters": {
        "color": "#2e7d32",
        "weight": 3,
        "fillColor": "#66bb6a",
        "fillOpacity": 0.25,
        "dashArray": None,
        "rules": {
            "property": "status",
            "values": {
                "approved": {
                    "color": "#2e7d32",
                    "weight": 3,
                    "fillColor": "#66bb6a",
                    "fillOpacity": 0.25,
                    "dashArray": None,
                },
                "submitted": {
                    "color": "#b26a00",
                    "weight": 3,
                    "fillColor": "#ffca28",
                    "fillOpacity": 0.15,
                    "dashArray": "8 6",
                },
                "under_review": {
                    "color": "#b26a00",
                    "weight": 3,
                    "fillColor": "#ffca28",
                    "fillOpacity": 0.15,
                    "dashArray": "8 6",
                },
                "meeting_requested": {
                    "color": "#b26a00",
                    "weight": 3,
                    "fillColor": "#ffca28",
                    "fillOpacity": 0.15,
                    "dashArray": "8 6",
                },
                "alternative_proposed": {
                    "color": "#b26a00",
                    "weight": 3,
                    "fillColor": "#ffca28",
                    "fillOpacity": 0.15,
                    "dashArray": "8 6",
                },
                "rejected": {
                    "color": "#616161",
                    "weight": 2,
                    "fillColor": "#9e9e9e",
                    "fillOpacity": 0.08,
                    "dashArray": "2 6",
                },
                "withdrawn": {
                    "color": "#616161",
                    "weight": 2,
                    "fillColor": "#9e9e9e",
                    "fillOpacity": 0.08,
                    "dashArray": "2 6",
                },
            },
            "legend": {
                "approved": "approved",
                "submitted": "pending",
                "under_review": "pending",
                "meeting_requested": "pending",
                "alternative_proposed": "pending",
                "rejected": "closed",
                "withdrawn": "closed",
            },
            "order": [
                "approved",
                "submitted",
                "under_review",
                "meeting_requested",
                "alternative_proposed",
                "rejected",
                "withdrawn",
            ],
        },
    },
    "event-routes": {
        "color": "#2e7d32",
        "weight": 5,
        "dashArray": None,
        "rules": {
            "property": "status",
            "values": {
                "approved": {"color": "#2e7d32", "weight": 5, "dashArray": None},
                "submitted": {"color": "#b26a00", "weight": 5, "dashArray": "10 8"},
                "under_review": {"color": "#b26a00", "weight": 5, "dashArray": "10 8"},
                "meeting_requested": {"color": "#b26a00", "weight": 5, "dashArray": "10 8"},
                "alternative_proposed": {"color": "#b26a00", "weight": 5, "dashArray": "10 8"},
                "rejected": {"color": "#616161", "weight": 3, "dashArray": "2 6"},
                "withdrawn": {"color": "#616161", "weight": 3, "dashArray": "2 6"},
            },
            "legend": {
                "approved": "approved",
                "submitted": "pending",
                "under_review": "pending",
                "meeting_requested": "pending",
                "alternative_proposed": "pending",
                "rejected": "closed",
                "withdrawn": "closed",
            },
            "order": [
                "approved",
                "submitted",
                "under_review",
                "meeting_requested",
                "alternative_proposed",
                "rejected",
                "withdrawn",
            ],
        },
    },
    "event-closures": {
        "color": "#c62828",
        "weight": 6,
        "opacity": 0.85,
        "dashArray": None,
        "rules": {
            "property": "status",
            "values": {
                "approved": {"color": "#c62828", "weight": 6, "opacity": 0.85, "dashArray": None},
                "submitted": {"color": "#c62828", "weight": 6, "opacity": 0.6, "dashArray": "6 8"},
                "under_review": {"color": "#c62828", "weight": 6, "opacity": 0.6, "dashArray": "6 8"},
                "meeting_requested": {"color": "#c62828", "weight": 6, "opacity": 0.6, "dashArray": "6 8"},
                "alternative_proposed": {"color": "#c62828", "weight": 6, "opacity": 0.6, "dashArray": "6 8"},
                "rejected": {"color": "#616161", "weight": 3, "opacity": 0.6, "dashArray": "2 6"},
                "withdrawn": {"color": "#616161", "weight": 3, "opacity": 0.6, "dashArray": "2 6"},
            },
            "legend": {
                "approved": "approved",
                "submitted": "pending",
                "under_review": "pending",
                "meeting_requested": "pending",
                "alternative_proposed": "pending",
                "rejected": "closed",
                "withdrawn": "closed",
            },
            "order": [
                "approved",
                "submitted",
                "under_review",
                "meeting_requested",
                "alternative_proposed",
                "rejected",
                "withdrawn",
            ],
        },
    },
    "camera-fov": {
        "color": "#1e88e5",
        "fillColor": "#64b5f6",
        "fillOpacity": 0.15,
        "weight": 1.5,
        "dashArray": "2 4",
        "rules": {
            "property": "level",
            "values": {
                "detect": {
                    "color": "#1e88e5",
                    "fillColor": "#64b5f6",
                    "fillOpacity": 0.15,
                    "weight": 1.5,
                    "dashArray": "2 4",
                },
                "observe": {
                    "color": "#43a047",
                    "fillColor": "#81c784",
                    "fillOpacity": 0.2,
                    "weight": 1.5,
                    "dashArray": "6 4",
                },
                "recognise": {
                    "color": "#fb8c00",
                    "fillColor": "#ffb74d",
                    "fillOpacity": 0.25,
                    "weight": 2,
                    "dashArray": "12 4",
                },
                "identify": {
                    "color": "#e53935",
                    "fillColor": "#e57373",
                    "fillOpacity": 0.3,
                    "weight": 2,
                    "dashArray": None,
                },
            },
            "order": ["detect", "observe", "recognise", "identify"],
        },
    },
}


def forwards(apps, schema_editor):
    Layer = apps.get_model("layers", "Layer")
    for slug, style in STYLES.items():
        Layer.objects.filter(slug=slug).update(style=style)


class Migration(migrations.Migration):
    dependencies = [("layers", "0002_search_trigram")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

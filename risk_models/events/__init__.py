"""Checks of a mass event's plan: crowd density and egress, conflicts in space and time, the
route, and what lies near it.

Pure functions over shapely geometries in metres (UTM 34N, the platform's METRIC_SRID) and
plain numbers; nothing here touches Django or the database, so every check is tested on
inputs with known answers.
"""

"""Platform events that let later layers react to writes without the writer knowing them.

`layers` sends these after its transactions commit; `tile_server` (and any other reader)
connects in its AppConfig.ready(). This keeps the dependency arrow pointing one way:
layers never imports the apps that react.
"""

from django.dispatch import Signal

# Sent after a feature's create, update or delete commits.
# kwargs: layer (slug), feature_id, before (GEOSGeometry | None), after (GEOSGeometry | None)
feature_changed = Signal()

# Sent after a whole layer was (re)loaded in bulk. kwargs: layer (slug)
layer_reloaded = Signal()

"""The stages a background job goes through, with the progress each starts at and its message.

Jobs store the stage code; the message is translated when the job is read, so the same job
reads in Bulgarian or English by the caller's language.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

STAGES = {
    "queued": (0, _("Waiting in the queue.")),
    # scenario runs
    "collecting_inputs": (5, _("Collecting the input data (districts, population, terrain, sites).")),
    "preparing": (15, _("Preparing exposure and terrain on the grid.")),
    "computing": (25, _("Computing hazard, exposure and impact window by window.")),
    "overviews": (80, _("Building raster overviews for the map.")),
    "storing": (95, _("Storing the results.")),
    # rankings
    "baseline": (10, _("Re-running the scenario as the baseline.")),
    "measures": (50, _("Re-running the parts of the model each measure changes.")),
    # exports
    "reading": (10, _("Reading the scenario's results.")),
    "writing": (40, _("Writing the file.")),
    "checking": (85, _("Checking the file.")),
    # the end
    "done": (100, _("Done.")),
    "failed": (100, _("Failed.")),
}


def stage_progress(stage: str) -> int:
    return STAGES[stage][0]


def stage_message(stage: str) -> str:
    return str(STAGES.get(stage, STAGES["queued"])[1])

"""Documents made from an event: the opinion PDF with its map, and the iCalendar feed."""

// The one place that calls Leaflet-Geoman's private API (members whose names begin with "_").
// Geoman has no public way to finish the shape being drawn or to take back its last vertex
// from our own buttons (its toolbar does both through these same members), so every page
// that draws (editing, the event form, the event review) goes through these functions.
//
// Tied to @geoman-io/leaflet-geoman-free 2.20.2 (package-lock.json): `Draw[shape]._finishShape`
// and `Draw[shape]._removeLastVertex` are read from its dist/leaflet-geoman.js. When Geoman is
// upgraded, check them there first: the optional calls make a missing member a silent no-op
// rather than an error, so only a test that presses the buttons notices: tests/browser/
// test_editing.py presses both, test_events.py "Finish" on the event form.

/** The draw handler of the shape being drawn now (Polygon, Line, …), or undefined. */
function activeHandler(map) {
  const shape = map.pm.Draw.getActiveShape();
  return shape ? map.pm.Draw[shape] : undefined;
}

/** Finish the shape being drawn, as Geoman's own "Finish" action does. */
export function finishActiveShape(map) {
  activeHandler(map)?._finishShape?.();
}

/** Remove the last vertex of the line or polygon being drawn. */
export function removeLastVertex(map) {
  activeHandler(map)?._removeLastVertex?.();
}

// Drawing an area on the map to narrow the attribute table: click the corners, double-click
// or Enter to finish, Escape to cancel. Works for every role (Geoman is loaded for planners only).
import { PANES } from '../map.js';
import { modes } from '../modes.js';

const MODE = 'table-shape';
const STYLE = { color: '#f2b705', weight: 3, dashArray: '6 4', fillOpacity: 0.08, pane: PANES.highlight.name, interactive: false };

/** Resolves to a GeoJSON Polygon (WGS 84, 6 decimals), or null if cancelled. */
export function drawShape(map, { onStart } = {}) {
  return new Promise((resolve) => {
    const entered = modes.enter(MODE);
    if (!entered.ok) {
      resolve(null);
      return;
    }
    const points = [];
    const preview = L.polygon([], STYLE).addTo(map);
    const container = map.getContainer();
    container.classList.add('is-drawing-shape');
    const hadDoubleClickZoom = map.doubleClickZoom.enabled();
    map.doubleClickZoom.disable();
    onStart?.();

    const finish = (ok) => {
      map.off('click', add);
      map.off('dblclick', done);
      document.removeEventListener('keydown', keys, true);
      preview.remove();
      container.classList.remove('is-drawing-shape');
      if (hadDoubleClickZoom) map.doubleClickZoom.enable();
      modes.leave(MODE);
      if (!ok || points.length < 3) {
        resolve(null);
        return;
      }
      const ring = points.map((point) => [Number(point.lng.toFixed(6)), Number(point.lat.toFixed(6))]);
      ring.push(ring[0]);
      resolve({ type: 'Polygon', coordinates: [ring] });
    };
    const add = (event) => {
      // A double-click also sends two clicks at the same spot.
      const last = points[points.length - 1];
      if (last && map.latLngToContainerPoint(last).distanceTo(event.containerPoint) < 4) return;
      points.push(event.latlng);
      preview.setLatLngs(points);
    };
    const done = (event) => {
      L.DomEvent.stop(event);
      finish(true);
    };
    const keys = (event) => {
      if (event.key === 'Escape') finish(false);
      else if (event.key === 'Enter') finish(true);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    modes.register(MODE, () => finish(false));
    map.on('click', add);
    map.on('dblclick', done);
    document.addEventListener('keydown', keys, true);
  });
}

/** The drawn area as it stays on the map while it narrows the table. */
export function shapeLayer(shape) {
  return L.geoJSON(shape, { style: () => STYLE, interactive: false, pane: PANES.highlight.name });
}

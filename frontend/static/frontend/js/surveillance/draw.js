// A small polygon drawer for the analysis target: a click adds a vertex, a double-click
// (or finish()) closes the ring, Escape cancels. Geoman is loaded only for editors, so
// the panel draws on its own.
import { modes } from '../modes.js';

export class PolygonDrawer {
  constructor(map, { onFinish, onCancel, mode = 'surveillance-draw' }) {
    this.map = map;
    this.mode = mode;
    this.onFinish = onFinish;
    this.onCancel = onCancel;
    this.points = [];
    this.line = null;
    this.handlers = {
      click: (event) => this.add(event.latlng),
      dblclick: (event) => {
        L.DomEvent.stop(event);
        this.finish();
      },
      keydown: (event) => {
        if (event.originalEvent.key === 'Escape') this.cancel();
      },
    };
    modes.register(this.mode, () => this.stop(false));
  }

  get active() {
    return this.line !== null;
  }

  start() {
    const entered = modes.enter(this.mode);
    if (!entered.ok) return entered;
    this.points = [];
    this.line = L.polyline([], { color: '#6a1b9a', weight: 2, dashArray: '5 5', interactive: false }).addTo(this.map);
    this.map.doubleClickZoom.disable();
    this.map.getContainer().classList.add('surv-drawing');
    for (const [name, fn] of Object.entries(this.handlers)) this.map.on(name, fn);
    return { ok: true };
  }

  add(latlng) {
    // A double-click also fires two clicks: skip a vertex on top of the last one.
    const last = this.points[this.points.length - 1];
    if (last && this.map.latLngToContainerPoint(last).distanceTo(this.map.latLngToContainerPoint(latlng)) < 4) return;
    this.points.push(latlng);
    this.line.setLatLngs(this.points);
  }

  finish() {
    const points = this.points.slice();
    this.stop(true);
    if (points.length < 3) {
      this.onCancel?.();
      return;
    }
    const ring = points.map((p) => [p.lng, p.lat]);
    ring.push(ring[0]);
    this.onFinish({ type: 'Polygon', coordinates: [ring] }, points.length);
  }

  cancel() {
    this.stop(true);
    this.onCancel?.();
  }

  stop(leave) {
    if (!this.line) return;
    for (const [name, fn] of Object.entries(this.handlers)) this.map.off(name, fn);
    this.line.remove();
    this.line = null;
    this.map.doubleClickZoom.enable();
    this.map.getContainer().classList.remove('surv-drawing');
    if (leave) modes.leave(this.mode);
  }
}

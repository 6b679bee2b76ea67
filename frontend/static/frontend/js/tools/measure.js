// Measuring distance and area on the WGS 84 ellipsoid (GeographicLib's geodesics, Karney
// 2013), not in the map's Web Mercator, which at Sofia's latitude stretches lengths by ~36 %.
// Click to add points; double-click, Enter or "Finish" ends; Backspace removes the last
// point; Escape cancels.
import { formatNumber, t } from '../i18n.js';
import { PANES } from '../map.js';
import { modes } from '../modes.js';
import { toast } from '../ui.js';

const WGS84 = geodesic.Geodesic.WGS84;
const LINE_STYLE = { color: '#e65100', weight: 3, dashArray: '6 6', pane: PANES.measure.name, interactive: false };
const AREA_STYLE = { ...LINE_STYLE, fillColor: '#ff9800', fillOpacity: 0.15 };
const VERTEX_STYLE = { radius: 4, color: '#e65100', weight: 2, fillColor: '#fff', fillOpacity: 1, pane: PANES.measure.name, interactive: false };

/** Geodesic length in metres of a path of [lat, lng] points. */
export function geodesicLength(latlngs) {
  let total = 0;
  for (let i = 1; i < latlngs.length; i += 1) {
    total += WGS84.Inverse(latlngs[i - 1].lat, latlngs[i - 1].lng, latlngs[i].lat, latlngs[i].lng).s12;
  }
  return total;
}

/** Geodesic area (m²) and perimeter (m) of a ring of [lat, lng] points. */
export function geodesicArea(latlngs) {
  const polygon = WGS84.Polygon(false);
  for (const point of latlngs) polygon.AddPoint(point.lat, point.lng);
  const result = polygon.Compute(false, true);
  return { area: Math.abs(result.area), perimeter: result.perimeter };
}

export function formatLength(metres) {
  if (metres < 1000) return `${formatNumber(metres, { maximumFractionDigits: 1 })} ${t('units.m')}`;
  return `${formatNumber(metres / 1000, { maximumFractionDigits: 3 })} ${t('units.km')}`;
}

export function formatArea(squareMetres) {
  if (squareMetres < 100_000) return `${formatNumber(squareMetres, { maximumFractionDigits: 0 })} ${t('units.m2')}`;
  const hectares = `${formatNumber(squareMetres / 10_000, { maximumFractionDigits: 2 })} ${t('units.ha')}`;
  if (squareMetres < 1_000_000) return hectares;
  return `${formatNumber(squareMetres / 1_000_000, { maximumFractionDigits: 3 })} ${t('units.km2')} (${hectares})`;
}

export class MeasureTool {
  constructor(map, { panel, buttons }) {
    this.map = map;
    this.panel = panel;
    this.buttons = buttons; // {distance, area}
    this.kind = null;
    this.points = [];
    this.vertices = [];
    this.group = L.layerGroup().addTo(map);
    this.shape = null;
    this.hint = null;
    this.onClick = (event) => this.add(event.latlng);
    this.onMove = (event) => this.preview(event.latlng);
    this.onDblClick = (event) => {
      L.DomEvent.stop(event);
      this.finish();
    };
    this.onKey = (event) => this.key(event);
    modes.register('measure', () => this.stop({ keepResult: true }));
    buttons.distance?.addEventListener('click', () => this.toggle('distance'));
    buttons.area?.addEventListener('click', () => this.toggle('area'));
    panel.querySelector('[data-action="finish"]').addEventListener('click', () => this.finish());
    panel.querySelector('[data-action="clear"]').addEventListener('click', () => this.clear());
  }

  toggle(kind) {
    if (this.kind === kind) {
      this.stop({ keepResult: true });
      return;
    }
    this.start(kind);
  }

  start(kind) {
    const entered = modes.enter('measure');
    if (!entered.ok) {
      toast(entered.reason, 'warning');
      return;
    }
    this.stop({ keepResult: false, keepMode: true });
    this.kind = kind;
    this.points = [];
    this.vertices = [];
    this.shape = (kind === 'area' ? L.polygon([], AREA_STYLE) : L.polyline([], LINE_STYLE)).addTo(this.group);
    this.map.doubleClickZoom.disable();
    this.map.on('click', this.onClick);
    this.map.on('mousemove', this.onMove);
    this.map.on('dblclick', this.onDblClick);
    document.addEventListener('keydown', this.onKey);
    this.map.getContainer().classList.add('is-measuring');
    this.setPressed();
    this.show(t(kind === 'area' ? 'measure.startArea' : 'measure.startDistance'), true);
  }

  add(latlng) {
    // A double-click also sends two clicks: do not count the same point twice.
    if (this.points.length && this.points[this.points.length - 1].equals(latlng)) return;
    this.points.push(latlng);
    this.vertices.push(L.circleMarker(latlng, VERTEX_STYLE).addTo(this.group));
    this.redraw(this.points);
  }

  preview(latlng) {
    if (!this.points.length) return;
    this.redraw([...this.points, latlng]);
  }

  redraw(points) {
    this.shape.setLatLngs(points);
    this.show(this.describe(points), true);
  }

  describe(points) {
    if (this.kind === 'distance') {
      return points.length < 2 ? t('measure.startDistance') : `${t('measure.distance')}: ${formatLength(geodesicLength(points))}`;
    }
    if (points.length < 3) return t('measure.startArea');
    const { area, perimeter } = geodesicArea(points);
    return `${t('measure.area')}: ${formatArea(area)} · ${t('measure.perimeter')}: ${formatLength(perimeter)}`;
  }

  key(event) {
    if (event.target.closest?.('input, textarea, select')) return;
    if (event.key === 'Escape') this.stop({ keepResult: false });
    else if (event.key === 'Enter') this.finish();
    else if (event.key === 'Backspace' && this.points.length) {
      event.preventDefault();
      this.points.pop();
      this.vertices.pop()?.remove();
      this.redraw(this.points);
    }
  }

  finish() {
    if (!this.kind) return;
    const enough = this.kind === 'area' ? this.points.length >= 3 : this.points.length >= 2;
    if (!enough) {
      this.show(t('measure.needMorePoints'), true);
      return;
    }
    this.redraw(this.points);
    this.stop({ keepResult: true });
  }

  /** Leave measuring; keep the drawn result on the map unless asked not to. */
  stop({ keepResult, keepMode = false }) {
    if (this.kind) {
      this.map.off('click', this.onClick);
      this.map.off('mousemove', this.onMove);
      this.map.off('dblclick', this.onDblClick);
      document.removeEventListener('keydown', this.onKey);
      this.map.doubleClickZoom.enable();
      this.map.getContainer().classList.remove('is-measuring');
    }
    const result = this.kind ? this.describe(this.points) : '';
    const finished = this.kind && (this.kind === 'area' ? this.points.length >= 3 : this.points.length >= 2);
    this.kind = null;
    this.setPressed();
    if (!keepMode) modes.leave('measure');
    if (keepResult && finished) {
      this.shape.setLatLngs(this.points);
      this.show(result, false);
    } else {
      this.clear();
    }
  }

  clear() {
    this.group.clearLayers();
    this.points = [];
    this.vertices = [];
    this.panel.hidden = true;
    if (this.kind) this.stop({ keepResult: false });
  }

  show(text, measuring) {
    this.panel.hidden = false;
    this.panel.querySelector('.measure-result').textContent = text;
    this.panel.querySelector('[data-action="finish"]').hidden = !measuring;
  }

  setPressed() {
    for (const [kind, button] of Object.entries(this.buttons)) {
      button?.setAttribute('aria-pressed', String(this.kind === kind));
    }
  }
}

// Maps of the event pages: the platform's own layers for orientation (the base map may be
// unreachable), and an event's parts drawn over them — perimeter, route, street closures,
// assembly and dispersal points, exits — plus proposals, conflicts and nearby sites.
import { addBaseMap } from '../basemap.js';
import { config } from '../config.js';
import { t } from '../i18n.js';
import { LayerCatalogue } from '../layers.js';
import { createMap } from '../map.js';
import { h, icon } from '../ui.js';
import { fmtRange } from './common.js';

export const EVENT_PANE = 'event-parts';
const CONTEXT_LAYERS = ['districts', 'rivers', 'transit-routes'];
const CONTEXT_OPACITY = 0.45;

export const STYLES = {
  perimeter: { color: '#ad1457', weight: 2.5, fillColor: '#ec407a', fillOpacity: 0.28 },
  route: { color: '#6a1b9a', weight: 5, opacity: 0.95, lineCap: 'round', lineJoin: 'round' },
  closure: { color: '#d50000', weight: 7, opacity: 0.7, lineCap: 'butt' },
  alternative: { color: '#e65100', weight: 4, dashArray: '10 7', fillColor: '#ffb74d', fillOpacity: 0.25 },
  conflict: { color: '#b71c1c', weight: 3, fillColor: '#e53935', fillOpacity: 0.55 },
  other: { color: '#455a64', weight: 2, dashArray: '4 5', fillColor: '#90a4ae', fillOpacity: 0.18 },
  revision: { color: '#37474f', weight: 3, dashArray: '2 6', fillColor: '#b0bec5', fillOpacity: 0.15 },
  error: { color: '#d32f2f', weight: 4, dashArray: '6 4', fillColor: '#ef9a9a', fillOpacity: 0.35 },
  // The area searched for nearby sites (the opinion's "assessment distance"), and cameras.
  searchArea: { color: '#ff8f00', weight: 2, dashArray: '4 4', fill: false },
  camera: { radius: 4, color: '#ffffff', weight: 1.5, fillColor: '#37474f', fillOpacity: 1 },
};

/** A small round pin with a letter or number: assembly (С), dispersal (Р), exits (И1…). */
export function pinIcon(text, kind) {
  return L.divIcon({
    className: `ev-pin ev-pin-${kind}`,
    html: h('span', {}, text),
    iconSize: [28, 28],
    iconAnchor: [14, 14],
    tooltipAnchor: [14, 0],
  });
}

/**
 * A map for an event page: Sofia's view, the base map (with a notice when it cannot be
 * reached), and districts, rivers and main streets from our tiles.
 */
export async function eventMap(container, { layers = CONTEXT_LAYERS, label } = {}) {
  const element = h('div', { class: 'ev-map' });
  const notice = h('div', { class: 'basemap-notice ev-basemap-notice', role: 'status', hidden: true },
    icon('info'), h('span', { class: 'basemap-notice-text' }));
  container.replaceChildren(element, notice);
  const map = createMap(element, { view: config.view });
  if (label) element.setAttribute('aria-label', label);
  map.createPane(EVENT_PANE).style.zIndex = '445';
  const basemap = addBaseMap(map, config.baseMap, notice);
  const catalogue = new LayerCatalogue(map, { tilesUrl: config.urls.tiles });
  try {
    await catalogue.load();
    for (const slug of layers) {
      if (!catalogue.get(slug)) continue;
      // Faint, so the event's own parts stand out over them.
      catalogue.setOpacity(slug, CONTEXT_OPACITY);
      catalogue.setVisible(slug, true);
    }
  } catch {
    // Orientation layers are a help; the event is drawn without them.
  }
  return { map, catalogue, basemap, element };
}

function geo(geometry, style, options = {}) {
  return L.geoJSON(geometry, { style: () => style, pane: EVENT_PANE, interactive: true, ...options });
}

function withTooltip(layer, text) {
  if (text) layer.bindTooltip(() => h('span', {}, text), { sticky: true, direction: 'top', className: 'ev-tooltip' });
  return layer;
}

function lonLatPoint(geometry) {
  return geometry?.coordinates ? L.latLng(geometry.coordinates[1], geometry.coordinates[0]) : null;
}

/** The parts of an event (a detail answer, or a revision's content) as one feature group. */
export function eventParts(event, { variant = 'current' } = {}) {
  const group = L.featureGroup();
  const style = (part) => (variant === 'current' ? STYLES[part] : { ...STYLES[variant], ...(part === 'route' ? { fill: false } : {}) });
  if (event.perimeter) group.addLayer(withTooltip(geo(event.perimeter, style('perimeter')), t('ev.part.perimeter')));
  for (const closure of event.closures || []) {
    group.addLayer(withTooltip(geo(closure.geometry, variant === 'current' ? STYLES.closure : style('closure')),
      `${t('ev.part.closure')}: ${closure.name}${closure.start ? ` (${fmtRange(closure.start, closure.end)})` : ''}`));
  }
  if (event.route) group.addLayer(withTooltip(geo(event.route, style('route')), t('ev.part.route')));
  if (variant === 'current') {
    const assembly = lonLatPoint(event.assembly_point);
    if (assembly) group.addLayer(L.marker(assembly, { icon: pinIcon(t('ev.pin.assembly'), 'assembly'), pane: EVENT_PANE, title: t('ev.part.assembly'), alt: t('ev.part.assembly') }).bindTooltip(() => h('span', {}, t('ev.part.assembly'))));
    const dispersal = lonLatPoint(event.dispersal_point);
    if (dispersal) group.addLayer(L.marker(dispersal, { icon: pinIcon(t('ev.pin.dispersal'), 'dispersal'), pane: EVENT_PANE, title: t('ev.part.dispersal'), alt: t('ev.part.dispersal') }).bindTooltip(() => h('span', {}, t('ev.part.dispersal'))));
    (event.exits || []).forEach((exit, index) => {
      const [lon, lat] = exit.position || [];
      if (lon === undefined) return;
      const text = t('ev.exitLabel', { n: index + 1, name: exit.name ? ` ${exit.name}` : '', width: exit.width_m });
      group.addLayer(L.marker([lat, lon], { icon: pinIcon(`${t('ev.pin.exit')}${index + 1}`, 'exit'), pane: EVENT_PANE, title: text, alt: text }).bindTooltip(() => h('span', {}, text)));
    });
  }
  return group;
}

/** A proposed alternative (place or route) drawn dashed in orange. */
export function alternativeParts(alternative) {
  const group = L.featureGroup();
  if (alternative.perimeter) group.addLayer(withTooltip(geo(alternative.perimeter, STYLES.alternative), t('ev.part.altPerimeter')));
  if (alternative.route) group.addLayer(withTooltip(geo(alternative.route, { ...STYLES.alternative, fill: false }), t('ev.part.altRoute')));
  return group;
}

/** Fit the map to the layers given (skipping empty ones); true if anything was there. */
export function fitTo(map, layers, { maxZoom = 16 } = {}) {
  let bounds = null;
  for (const layer of layers) {
    if (!layer) continue;
    const b = layer.getBounds?.();
    if (b?.isValid()) bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
  }
  // Without animation: the view is final when this returns (screenshots, tests, printing).
  if (bounds) map.fitBounds(bounds, { maxZoom, paddingTopLeft: [36, 40], paddingBottomRight: [36, 44], animate: false });
  return Boolean(bounds);
}

const LEGEND_SWATCH = {
  perimeter: 'ev-sw-perimeter', route: 'ev-sw-route', closure: 'ev-sw-closure', assembly: 'ev-sw-assembly',
  dispersal: 'ev-sw-dispersal', exit: 'ev-sw-exit', alternative: 'ev-sw-alternative', conflict: 'ev-sw-conflict',
  other: 'ev-sw-other', site: 'ev-sw-site', station: 'ev-sw-station', revision: 'ev-sw-revision',
};

/** A legend under the map for the parts shown: legend(['perimeter', 'route', …]). */
export function legend(parts) {
  return h('ul', { class: 'ev-legend', 'aria-label': t('export.legend') },
    parts.map((part) => h('li', {}, h('span', { class: `ev-sw ${LEGEND_SWATCH[part]}`, 'aria-hidden': 'true' }), t(`ev.legend.${part}`))));
}

/** Which legend entries an event's data calls for. */
export function partsOf(event) {
  const parts = [];
  if (event.perimeter) parts.push('perimeter');
  if (event.route) parts.push('route');
  if (event.closures?.length) parts.push('closure');
  if (event.assembly_point) parts.push('assembly');
  if (event.dispersal_point) parts.push('dispersal');
  if (event.exits?.length) parts.push('exit');
  return parts;
}

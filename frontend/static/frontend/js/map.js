// The Leaflet map itself: controls, panes for our layers, and the base map.
import { t } from './i18n.js';

// Panes keep polygons under lines under points, whatever order layers are switched on in;
// features being edited and measurements sit above all of them.
export const PANES = {
  polygon: { name: 'vt-polygons', zIndex: 410 },
  line: { name: 'vt-lines', zIndex: 420 },
  point: { name: 'vt-points', zIndex: 430 },
  highlight: { name: 'highlight', zIndex: 440 },
  editing: { name: 'editing', zIndex: 450 },
  measure: { name: 'measure', zIndex: 460 },
};

export function createMap(element, { view, initial }) {
  const [minX, minY, maxX, maxY] = view.bounds;
  const sofia = L.latLngBounds([minY, minX], [maxY, maxX]);
  const map = L.map(element, {
    zoomControl: false,
    minZoom: 8,
    maxZoom: 19,
    // Room around the municipality, so the edge can be brought to the middle of the screen.
    maxBounds: sofia.pad(0.6),
    maxBoundsViscosity: 0.8,
    preferCanvas: false,
    // Geoman (loaded for planners only) attaches its editing tools to this map.
    pmIgnore: false,
  });
  map.attributionControl.setPrefix('Leaflet');
  L.control.zoom({ position: 'topright', zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
  L.control.scale({ imperial: false, position: 'bottomleft', maxWidth: 160 }).addTo(map);
  for (const pane of Object.values(PANES)) {
    map.createPane(pane.name).style.zIndex = String(pane.zIndex);
  }
  element.setAttribute('aria-label', t('map.label'));
  // Leaflet's popup close button is labelled in English.
  map.on('popupopen', (event) => {
    event.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', t('common.close'));
  });
  map.setView(initial?.center || view.center, initial?.zoom ?? view.zoom);
  map.sofiaBounds = sofia;
  return map;
}

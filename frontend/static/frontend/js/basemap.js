// The base map (OpenStreetMap by default, configurable). Without internet its tiles fail;
// the map goes on with our own layers and a quiet notice says the base map is missing.
import { t } from './i18n.js';

// With no answer at all (a firewall that drops packets) the notice appears after this.
const SILENCE_MS = 8000;

export function addBaseMap(map, { url, attribution }, noticeElement) {
  const state = { available: null };
  if (!url) {
    showNotice(noticeElement, t('basemap.none'));
    state.available = false;
    return { layer: null, state };
  }
  const layer = L.tileLayer(url, {
    attribution,
    maxZoom: 19,
    crossOrigin: 'anonymous',
    className: 'basemap-tiles',
  });
  const markUnavailable = () => {
    if (state.available) return;
    state.available = false;
    document.body.classList.add('no-basemap');
    showNotice(noticeElement, t('basemap.unavailable'));
  };
  layer.on('tileload', () => {
    state.available = true;
    document.body.classList.remove('no-basemap');
    hideNotice(noticeElement);
  });
  // Offline, every pan would ask again for dozens of tiles that cannot come: after the first
  // failures (a few, so one bad tile online does not count) with no tile ever loaded, the
  // base map is taken off the map and asks no more.
  let failures = 0;
  layer.on('tileerror', () => {
    failures += 1;
    markUnavailable();
    if (!state.available && failures >= 3 && map.hasLayer(layer)) {
      map.removeLayer(layer);
      // Its credit stays: our own layers (the stops) also come from OpenStreetMap.
      if (attribution) map.attributionControl?.addAttribution(attribution);
    }
  });
  setTimeout(() => {
    if (state.available === null) markUnavailable();
  }, SILENCE_MS);
  layer.addTo(map);
  return { layer, state };
}

function showNotice(element, text) {
  if (!element) return;
  element.querySelector('.basemap-notice-text').textContent = text;
  element.hidden = false;
}

function hideNotice(element) {
  if (element) element.hidden = true;
}

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
  // Offline, the layer would ask for dozens of tiles at once and again on every pan. So one
  // tile is asked first (the one under the map's centre): the layer joins the map only when it
  // arrives; when it fails, nothing more is asked for and the notice says why.
  const probe = new Image();
  probe.crossOrigin = 'anonymous';
  probe.onload = () => {
    if (!map.hasLayer(layer)) layer.addTo(map);
  };
  probe.onerror = () => {
    markUnavailable();
    // Its credit stays: our own layers (the stops) also come from OpenStreetMap.
    if (attribution) map.attributionControl?.addAttribution(attribution);
  };
  probe.src = probeUrl(map, url);
  // A tile that fails once the layer is on (the connection went away): the layer leaves the map.
  layer.on('tileerror', () => {
    if (state.available) return;
    markUnavailable();
    if (map.hasLayer(layer)) map.removeLayer(layer);
  });
  setTimeout(() => {
    if (state.available === null) markUnavailable();
  }, SILENCE_MS);
  return { layer, state };
}

// Sofia's centre at zoom 12, for a map without a view yet.
const FALLBACK_TILE = { x: 2313, y: 1509, z: 12 };

/** The URL of the base-map tile under the map's centre (or Sofia's centre). */
function probeUrl(map, url) {
  let tile = FALLBACK_TILE;
  try {
    const z = Math.min(Math.round(map.getZoom()), 19);
    const { x, y } = map.project(map.getCenter(), z).divideBy(256).floor();
    tile = { x, y, z };
  } catch {
    // No view yet: the fallback tile.
  }
  return L.Util.template(url, { s: 'a', r: '', ...tile });
}

function showNotice(element, text) {
  if (!element) return;
  element.querySelector('.basemap-notice-text').textContent = text;
  element.hidden = false;
}

function hideNotice(element) {
  if (element) element.hidden = true;
}

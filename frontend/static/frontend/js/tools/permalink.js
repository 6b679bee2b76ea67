// The permalink: centre, zoom and the layers switched on live in the URL's fragment,
// #map=14/42.69770/23.32190&layers=districts,crime-prevention-areas, so a copied address
// opens the same view. The fragment never reaches the server.
import { t } from '../i18n.js';
import { toast } from '../ui.js';

const PRECISION = { lat: 5, lng: 5 };

/** The view a URL fragment asks for, or null when it asks for none. */
export function parsePermalink(hash = window.location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = {};
  const view = params.get('map');
  if (view) {
    const [zoom, lat, lng] = view.split('/').map(Number);
    if ([zoom, lat, lng].every(Number.isFinite)) state.view = { zoom, center: [lat, lng] };
  }
  if (params.has('layers')) state.layers = params.get('layers').split(',').filter(Boolean);
  return state;
}

export function formatPermalink(map, slugs) {
  const center = map.getCenter();
  const view = `${map.getZoom()}/${center.lat.toFixed(PRECISION.lat)}/${center.lng.toFixed(PRECISION.lng)}`;
  // Keep slashes and commas readable in the address bar.
  return `#map=${view}&layers=${slugs.map(encodeURIComponent).join(',')}`;
}

/** Show the view and layers a permalink names. */
/**
 * Leaflet drops a zoom asked for while a zoom animation runs (Map._tryAnimatedZoom answers
 * "done"), so a bookmark or link followed mid-zoom would be lost: ask again once it ends.
 */
function setViewWhenIdle(map, center, zoom) {
  if (map._animatingZoom) map.once('zoomend', () => map.setView(center, zoom));
  else map.setView(center, zoom);
}

export function applyPermalink(map, catalogue, state) {
  if (state.view) setViewWhenIdle(map, state.view.center, state.view.zoom);
  if (state.layers) {
    // The layers are listed in drawing order (top first), which the map keeps.
    catalogue.applyOrder(state.layers);
    const wanted = new Set(state.layers);
    for (const layer of catalogue.layers) catalogue.setVisible(layer.slug, wanted.has(layer.slug));
  }
}

/**
 * Keep the address bar in step with the map, without filling the browser history; follow
 * an address changed by hand or by a link on the page.
 */
export function trackPermalink(map, catalogue) {
  const update = () => {
    const hash = formatPermalink(map, catalogue.visibleSlugs());
    if (hash !== window.location.hash) history.replaceState(null, '', hash);
    sessionStorage.setItem('sofia-map-view', hash);
    document.dispatchEvent(new CustomEvent('permalinkchange'));
  };
  map.on('moveend', update);
  catalogue.addEventListener('change', update);
  // replaceState never fires hashchange, so this only sees addresses the user changed.
  window.addEventListener('hashchange', () => applyPermalink(map, catalogue, parsePermalink()));
  update();
}

export async function copyPermalink() {
  const url = window.location.href;
  try {
    await navigator.clipboard.writeText(url);
    toast(t('permalink.copied'), 'success');
  } catch {
    // No clipboard (an insecure context, or permission refused): show the address to copy by hand.
    window.prompt(t('permalink.copyManually'), url);
  }
}

// The popup of a clicked feature: its attributes with their Bulgarian (or English) labels,
// a demo marker where the data is demo data, and a link to its details and history.
import { request } from './api.js';
import { config, featureDetailsUrl, hasTool } from './config.js';
import { attributeLabel, formatValue, t } from './i18n.js';
import { modes } from './modes.js';
import { s } from './table/strings.js';
import { h } from './ui.js';

/** The attributes a popup shows: the layer's display attributes, in their order. */
function shownAttributes(layer, properties) {
  const names = layer.display_attributes?.length ? layer.display_attributes : Object.keys(properties);
  return names.filter((name) => name !== 'id' && name !== 'count' && name in properties);
}

/** A cluster of points from a low-zoom tile: how many, and a way in. */
function clusterSummary(layer, count, latlng, map) {
  return h('div', { class: 'feature-popup' },
    h('p', { class: 'feature-popup-layer' }, layer.title,
      layer.is_demo ? h('span', { class: 'badge badge-demo' }, t('layers.demo')) : null),
    h('h3', { class: 'feature-popup-title' }, t('popup.cluster', { count })),
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => map.flyTo(latlng, Math.min(map.getZoom() + 2, 14)) },
      t('popup.zoomToCluster')));
}

export function featureSummary(layer, properties, id) {
  // The name is the popup's title; it is not repeated in the table.
  const rows = shownAttributes(layer, properties).filter((name) => name !== 'name' || !properties.name).map((name) =>
    h('tr', {}, h('th', { scope: 'row' }, attributeLabel(layer, name)), h('td', {}, formatValue(layer, name, properties[name]))));
  const title = properties.name || (id !== undefined ? t('popup.featureNo', { id }) : layer.title);
  return h('div', { class: 'feature-popup', dataset: { layer: layer.slug, id: id ?? '' } },
    h('p', { class: 'feature-popup-layer' }, layer.title,
      layer.is_demo ? h('span', { class: 'badge badge-demo' }, t('layers.demo')) : null),
    h('h3', { class: 'feature-popup-title' }, title),
    rows.length ? h('table', { class: 'attribute-table' }, h('tbody', {}, rows)) : null,
    id !== undefined && id !== null
      ? h('a', { class: 'feature-popup-link', href: featureDetailsUrl(layer.slug, id) },
        hasTool('history') ? t('popup.detailsAndHistory') : t('popup.details'))
      : null);
}

/** The identify results grouped by layer, in the order the API gave them (top layers first). */
function byLayer(results) {
  const groups = new Map();
  for (const item of results) {
    if (!groups.has(item.layer)) groups.set(item.layer, []);
    groups.get(item.layer).push(item);
  }
  return [...groups.entries()];
}

/**
 * Under the clicked feature's popup: every feature of the visible layers within a few pixels
 * of the click (/api/map/identify/), grouped by layer, each with zoom-to and its details page.
 */
async function listEverythingHere(map, catalogue, latlng, holder, popup) {
  const metresPerPixel = (40075016.686 * Math.cos((latlng.lat * Math.PI) / 180)) / 2 ** (map.getZoom() + 8);
  const radius = Math.min(500, Math.max(0.5, metresPerPixel * 6));
  const params = new URLSearchParams({ lon: latlng.lng.toFixed(6), lat: latlng.lat.toFixed(6), radius_m: radius.toFixed(1), layers: catalogue.visibleSlugs().join(',') });
  try {
    const { results } = await request(`${config.urls.identify}?${params}`);
    if (results.length < 2) return;
    const zoomButton = (item, label) => h('button', {
      type: 'button', class: 'link-btn identify-zoom', 'aria-label': s('identifyZoom', label),
      onclick: (event) => {
        L.DomEvent.stop(event);
        const [minX, minY, maxX, maxY] = item.bbox;
        map.fitBounds([[minY, minX], [maxY, maxX]], { maxZoom: 18, padding: [40, 40] });
        catalogue.highlight(item.layer, item.id);
      },
    }, s('identifyZoomShort'));
    holder.replaceChildren(h('details', { class: 'identify-all', open: true },
      h('summary', {}, s('identifyTitle', results.length)),
      byLayer(results).map(([slug, items]) => {
        const title = catalogue.get(slug)?.title || items[0].layer_title;
        return h('section', { class: 'identify-group', dataset: { layer: slug } },
          h('h4', { class: 'identify-layer' }, `${title} (${items.length})`),
          h('ul', {}, items.map((item) => {
            const label = item.name || t('popup.featureNo', { id: item.id });
            return h('li', { dataset: { layer: item.layer, id: item.id } },
              h('a', { href: featureDetailsUrl(item.layer, item.id) }, label), ' ', zoomButton(item, label));
          })));
      })));
    popup.update();
  } catch {
    // The list is extra; the popup of the clicked feature stands without it.
  }
}

/** Open a popup where a feature was clicked, while the map is in browsing mode. */
export function bindFeaturePopups(map, catalogue) {
  const popup = L.popup({ maxWidth: 320, minWidth: 220, autoPanPadding: [24, 24], className: 'feature-popup-container' });
  catalogue.addEventListener('featureclick', (event) => {
    if (!modes.isBrowsing()) return;
    const { layer, id, properties, latlng } = event.detail;
    const count = Number(properties.count) || 1;
    if (count > 1) {
      catalogue.clearHighlight();
      popup.setLatLng(latlng).setContent(clusterSummary(layer, count, latlng, map)).openOn(map);
      return;
    }
    catalogue.highlight(layer.slug, id);
    const holder = h('div', { class: 'identify-holder' });
    popup.setLatLng(latlng).setContent(h('div', {}, featureSummary(layer, properties, id), holder)).openOn(map);
    if (config.urls.identify) listEverythingHere(map, catalogue, latlng, holder, popup);
  });
  map.on('popupclose', (event) => {
    if (event.popup === popup) catalogue.clearHighlight();
  });
  return popup;
}

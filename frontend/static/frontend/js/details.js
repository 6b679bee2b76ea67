// The details page of one feature: every attribute, a small map of where it is and, for
// the directorate's staff, the history of its changes — all read from the API.
import { api } from './api.js';
import { addBaseMap } from './basemap.js';
import { config } from './config.js';
import { attributeLabel, formatDateTime, formatValue, t } from './i18n.js';
import { pathStyle } from './styles.js';
import { h } from './ui.js';

const root = document.getElementById('feature-detail');
const slug = root.dataset.layer;
const featureId = Number(root.dataset.featureId);

function attributesTable(layer, properties) {
  const names = (layer.attributes || []).map((attribute) => attribute.name).filter((name) => name in properties);
  if (!names.length) return h('p', { class: 'empty-state' }, '—');
  return h('table', { class: 'attribute-table' }, h('tbody', {}, names.map((name) =>
    h('tr', {}, h('th', { scope: 'row' }, attributeLabel(layer, name)), h('td', {}, formatValue(layer, name, properties[name]))))));
}

function drawMap(layer, feature) {
  const element = document.getElementById('detail-map');
  const map = L.map(element, { zoomControl: true, attributionControl: true, scrollWheelZoom: false });
  map.attributionControl.setPrefix('Leaflet');
  // Offline, the base map asks for one tile and stops (basemap.js).
  if (config.baseMap?.url) addBaseMap(map, config.baseMap, null);
  const style = pathStyle(layer);
  const shape = L.geoJSON(feature.geometry ? feature : [], { style: () => style, pointToLayer: (_, latlng) => L.circleMarker(latlng, { ...style, radius: 8 }) }).addTo(map);
  const bounds = shape.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
  else map.setView(config.view.center, config.view.zoom);
  element.setAttribute('aria-label', t('map.label'));
}

function changes(layer, version) {
  const before = version.previous_properties || {};
  const after = version.properties || {};
  const items = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[name]) === JSON.stringify(after[name])) continue;
    items.push(h('li', {}, `${attributeLabel(layer, name)}: `,
      version.action !== 'create' ? h('span', { class: 'change-old' }, formatValue(layer, name, before[name])) : null,
      version.action === 'update' ? ' → ' : null,
      version.action !== 'delete' ? h('span', { class: 'change-new' }, formatValue(layer, name, after[name])) : null));
  }
  if (version.action === 'update' && JSON.stringify(version.previous_geometry) !== JSON.stringify(version.geometry)) {
    items.push(h('li', {}, t('details.geometryChanged'), beforeAfter(layer, version)));
  }
  return items.length ? h('ul', { class: 'change-list' }, items) : '—';
}

// Before: grey and dashed; after: the layer's colour, solid. The legend says it in words too.
const BEFORE_STYLE = { color: '#616161', weight: 3, dashArray: '6 5', fillOpacity: 0.1, fillColor: '#9e9e9e' };

/**
 * A geometry change as a small map of before and after, drawn when the user opens it (a
 * disclosure, so the keyboard reaches it and long histories stay light).
 */
function beforeAfter(layer, version) {
  const holder = h('div', { class: 'change-map', role: 'img', 'aria-label': t('details.beforeAfterMap') });
  const legend = h('ul', { class: 'change-map-legend' },
    h('li', {}, h('span', { class: 'change-swatch change-swatch-before', 'aria-hidden': 'true' }), t('details.before')),
    h('li', {}, h('span', { class: 'change-swatch change-swatch-after', 'aria-hidden': 'true' }), t('details.after')));
  const disclosure = h('details', { class: 'change-geometry' },
    h('summary', {}, t('details.showBeforeAfter')), holder, legend);
  disclosure.addEventListener('toggle', () => {
    if (!disclosure.open || holder.dataset.drawn) return;
    holder.dataset.drawn = 'true';
    const map = L.map(holder, { zoomControl: false, attributionControl: false, scrollWheelZoom: false, keyboard: false });
    const after = { ...pathStyle(layer), dashArray: null, weight: 3 };
    const point = (style) => (_, latlng) => L.circleMarker(latlng, { ...style, radius: 7 });
    const shapes = [
      L.geoJSON(version.previous_geometry, { style: () => BEFORE_STYLE, pointToLayer: point(BEFORE_STYLE), interactive: false }),
      L.geoJSON(version.geometry, { style: () => after, pointToLayer: point(after), interactive: false }),
    ];
    shapes.forEach((shape) => shape.addTo(map));
    const bounds = L.featureGroup(shapes).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 17, padding: [16, 16], animate: false });
    else map.setView(config.view.center, config.view.zoom);
  });
  return disclosure;
}

function historyTable(layer, versions) {
  if (!versions.length) return h('p', { class: 'empty-state' }, t('details.noHistory'));
  return h('table', { class: 'history-table' },
    h('thead', {}, h('tr', {}, [t('details.when'), t('details.who'), t('details.action'), t('details.changes')].map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, versions.map((version) => h('tr', {},
      h('td', {}, formatDateTime(new Date(version.changed_at))),
      h('td', {}, version.user || t('details.system')),
      h('td', { class: `action-${version.action}` }, t(`action.${version.action}`)),
      h('td', {}, changes(layer, version))))));
}

/** A deleted feature as it was just before its deletion, from its history. */
async function lastStateBeforeDeletion() {
  const versions = await api.history(slug, featureId);
  const deletion = versions.find((version) => version.action === 'delete') || versions[0] || {};
  return { type: 'Feature', id: featureId, properties: deletion.previous_properties || {}, geometry: deletion.previous_geometry || null };
}

async function main() {
  try {
    const deleted = root.dataset.deleted === 'true';
    const [layer, feature] = await Promise.all([api.layer(slug), deleted ? lastStateBeforeDeletion() : api.feature(slug, featureId)]);
    const title = feature.properties?.name || t('popup.featureNo', { id: featureId });
    document.getElementById('detail-title').textContent = title;
    document.title = `${title} — ${layer.title} · ${t('app.title')}`;
    document.getElementById('detail-attributes').replaceChildren(attributesTable(layer, feature.properties || {}));
    drawMap(layer, feature);
    if (root.dataset.history === 'true') {
      const history = document.getElementById('detail-history');
      try {
        history.replaceChildren(historyTable(layer, await api.history(slug, featureId)));
      } catch (error) {
        history.replaceChildren(h('p', { class: 'empty-state error' }, t('details.loadFailed', { message: error.message })));
      }
    }
  } catch (error) {
    const message = error.status === 404 ? t('details.notFound') : t('details.loadFailed', { message: error.message });
    document.getElementById('detail-attributes').replaceChildren(h('p', { class: 'empty-state error', role: 'alert' }, message));
  } finally {
    root.removeAttribute('aria-busy');
    document.body.dataset.ready = 'true';
  }
}

// Back to the map as the user left it (the permalink kept in this tab's session).
const lastView = sessionStorage.getItem('sofia-map-view');
const back = document.querySelector('[data-back-to-map]');
if (lastView && back) back.href = `${back.getAttribute('href')}${lastView}`;

main();

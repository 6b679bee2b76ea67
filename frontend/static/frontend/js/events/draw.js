// Drawing an event on the map with Geoman: the perimeter (polygon), the route (line), the
// assembly and dispersal points, the exits of a fenced perimeter and the street closures
// asked for. Each part has its own button; what is drawn is listed beside the map with its
// size, a delete button and (exits, closures) its fields. Uploaded files land here too.
//
// The API checks every geometry; a refused one is marked on the map with the API's message.
import { bgTranslations } from '../geoman-bg.js';
import { finishActiveShape, removeLastVertex as removeLastDrawnVertex } from '../geoman.js';
import { t } from '../i18n.js';
import { formatArea, formatLength, geodesicArea, geodesicLength } from '../tools/measure.js';
import { h, icon } from '../ui.js';
import { field, fromLocalInput, toLocalInput } from './common.js';
import { EVENT_PANE, STYLES, pinIcon } from './maps.js';

// Geoman handles only the layers that ask for it (pmIgnore: false): the drawn parts, never
// the vector tiles. Set before any map is made (this module is evaluated first).
if (window.L?.PM) L.PM.setOptIn(true);

const TOOLS = [
  { part: 'perimeter', shape: 'Polygon', icon: 'polygon' },
  { part: 'route', shape: 'Line', icon: 'line' },
  { part: 'assembly_point', shape: 'Marker', icon: 'point' },
  { part: 'dispersal_point', shape: 'Marker', icon: 'point' },
  { part: 'exit', shape: 'Marker', icon: 'point' },
  { part: 'closure', shape: 'Line', icon: 'line' },
];
const SNAP = { snappable: true, snapDistance: 15, allowSelfIntersection: false };
const SINGLE = ['perimeter', 'route', 'assembly_point', 'dispersal_point'];
const LOCATED = /\(\s*(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)\s*\)/;

function styleOf(part) {
  if (part === 'perimeter') return STYLES.perimeter;
  if (part === 'closure') return STYLES.closure;
  return STYLES.route;
}

function pinFor(part, index) {
  if (part === 'assembly_point') return pinIcon(t('ev.pin.assembly'), 'assembly');
  if (part === 'dispersal_point') return pinIcon(t('ev.pin.dispersal'), 'dispersal');
  return pinIcon(`${t('ev.pin.exit')}${index + 1}`, 'exit');
}

function geometryOf(layer) {
  return layer ? layer.toGeoJSON(7).geometry : null;
}

function rings(layer) {
  const latlngs = layer.getLatLngs();
  // Polygon: [ring, hole…]; multipolygon: [[ring, hole…], …]. Outer rings only.
  return Array.isArray(latlngs[0]?.[0]) ? latlngs.map((polygon) => polygon[0]) : [latlngs[0]];
}

function lines(layer) {
  const latlngs = layer.getLatLngs();
  return Array.isArray(latlngs[0]) ? latlngs : [latlngs];
}

export class EventDrawing extends EventTarget {
  /**
   * @param map  the Leaflet map
   * @param elements {toolbar, status, parts}: the buttons' place, the live hint/error line
   *   above the map and the list of parts beside it
   */
  constructor(map, { toolbar, status, parts }) {
    super();
    this.map = map;
    this.toolbar = toolbar;
    this.status = status;
    this.partsElement = parts;
    this.group = L.featureGroup([], { pmIgnore: false }).addTo(map);
    this.single = { perimeter: null, route: null, assembly_point: null, dispersal_point: null };
    this.exits = [];
    this.closures = [];
    this.drawing = null;
    this.errorLayers = [];
    this.errorMarker = null;
    this.eventTimes = { start: null, end: null };

    map.pm.setLang('bg_custom', bgTranslations(), 'en');
    map.pm.setGlobalOptions({
      ...SNAP,
      layerGroup: this.group,
      exitModeOnEscape: true,
      finishOnEnter: true,
      panes: { vertexPane: 'markerPane', layerPane: EVENT_PANE, markerPane: 'markerPane' },
    });
    map.on('pm:create', (event) => this.created(event.layer));
    map.on('pm:drawend', () => {
      this.drawing = null;
      document.body.classList.remove('is-drawing');
      this.renderToolbar();
    });
    this.renderToolbar();
    this.renderParts();
  }

  // ---- tools -----------------------------------------------------------------------------

  renderToolbar() {
    const focused = this.toolbar.contains(document.activeElement) ? document.activeElement.dataset.part || document.activeElement.dataset.action : null;
    const editing = this.map.pm.globalEditModeEnabled();
    this.toolbar.replaceChildren(
      h('div', { class: 'ev-draw-tools', role: 'group', 'aria-label': t('ev.draw.tools') },
        TOOLS.map(({ part, icon: iconName }) => h('button', {
          type: 'button', class: 'btn btn-small ev-tool', dataset: { part }, 'aria-pressed': String(this.drawing === part),
          onclick: () => this.draw(part),
        }, icon(iconName), t(`ev.draw.${part}`)))),
      h('div', { class: 'ev-draw-actions' },
        this.drawing && this.drawing !== 'assembly_point' && this.drawing !== 'dispersal_point' && this.drawing !== 'exit'
          ? [
            h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { action: 'finish' }, onclick: () => this.finishShape() }, t('edit.finishShape')),
            h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'remove-vertex' }, onclick: () => this.removeLastVertex() }, t('edit.removeVertex')),
          ] : null,
        this.drawing
          ? h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'cancel' }, onclick: () => this.map.pm.disableDraw() }, t('edit.cancelDraw'))
          : h('button', {
            type: 'button', class: 'btn btn-small ev-tool', dataset: { action: 'vertices' }, 'aria-pressed': String(editing),
            disabled: !this.group.getLayers().length, onclick: () => this.toggleEditing(),
          }, icon('vertices'), t('ev.draw.vertices'))));
    if (focused) this.toolbar.querySelector(`[data-part="${focused}"], [data-action="${focused}"]`)?.focus();
  }

  draw(part) {
    if (this.drawing === part) {
      this.map.pm.disableDraw();
      return;
    }
    this.map.pm.disableDraw();
    if (this.map.pm.globalEditModeEnabled()) this.map.pm.disableGlobalEditMode();
    const tool = TOOLS.find((item) => item.part === part);
    const style = { ...styleOf(part), pmIgnore: false };
    const options = {
      ...SNAP,
      pathOptions: style,
      templineStyle: { color: style.color, dashArray: '5 5' },
      hintlineStyle: { color: style.color, dashArray: '5 5' },
      continueDrawing: false,
    };
    if (tool.shape === 'Marker') options.markerStyle = { icon: pinFor(part, this.exits.length), pmIgnore: false };
    this.drawing = part;
    this.map.pm.enableDraw(tool.shape, options);
    document.body.classList.add('is-drawing');
    this.say(t(`ev.draw.hint.${tool.shape}`));
    this.renderToolbar();
  }

  finishShape() {
    finishActiveShape(this.map);
  }

  removeLastVertex() {
    removeLastDrawnVertex(this.map);
  }

  toggleEditing() {
    if (this.map.pm.globalEditModeEnabled()) {
      this.map.pm.disableGlobalEditMode();
      this.say('');
    } else {
      this.map.pm.enableGlobalEditMode({ ...SNAP });
      this.say(t('ev.draw.hint.vertices'));
    }
    this.renderToolbar();
  }

  say(text, kind = 'info') {
    this.status.textContent = text;
    this.status.className = `ev-map-status ev-map-status-${kind}`;
    this.status.hidden = !text;
  }

  // ---- parts -----------------------------------------------------------------------------

  created(layer) {
    const part = this.drawing;
    if (!part) {
      layer.remove();
      return;
    }
    this.group.addLayer(layer);
    if (SINGLE.includes(part)) {
      this.setSingle(part, layer);
    } else if (part === 'exit') {
      this.exits.push({ layer, name: '', width_m: '' });
    } else {
      this.closures.push({ layer, name: '', start: '', end: '', note: '' });
    }
    this.track(layer);
    this.say('');
    this.changed({ structure: true });
    if (part === 'exit') this.partsElement.querySelector(`[data-path="exits.${this.exits.length - 1}.width_m"]`)?.focus();
    if (part === 'closure') this.partsElement.querySelector(`[data-path="closures.${this.closures.length - 1}.name"]`)?.focus();
  }

  setSingle(part, layer) {
    if (this.single[part]) this.single[part].remove();
    this.single[part] = layer;
  }

  track(layer) {
    layer.on('pm:edit pm:dragend', () => this.changed());
  }

  layerFrom(geometry, part, index = 0) {
    if (geometry.type === 'Point') {
      const [lon, lat] = geometry.coordinates;
      return L.marker([lat, lon], { icon: pinFor(part, index), pmIgnore: false });
    }
    return L.GeoJSON.geometryToLayer({ type: 'Feature', geometry, properties: {} }, { ...styleOf(part), pane: EVENT_PANE, pmIgnore: false });
  }

  /** Put a part from GeoJSON (an event being edited, an upload, an alternative accepted). */
  setGeometry(part, geometry) {
    if (!geometry) {
      this.remove(part);
      return null;
    }
    const layer = this.layerFrom(geometry, part);
    this.group.addLayer(layer);
    this.setSingle(part, layer);
    this.track(layer);
    return layer;
  }

  addExit({ name = '', width_m = '', position }) {
    const geometry = Array.isArray(position) ? { type: 'Point', coordinates: position } : position;
    const layer = this.layerFrom(geometry, 'exit', this.exits.length);
    this.group.addLayer(layer);
    this.exits.push({ layer, name, width_m: width_m ?? '' });
    this.track(layer);
    return layer;
  }

  addClosure({ name = '', geometry, start = null, end = null, note = '' }) {
    const layer = this.layerFrom(geometry, 'closure');
    this.group.addLayer(layer);
    this.closures.push({ layer, name, start: toLocalInput(start), end: toLocalInput(end), note });
    this.track(layer);
    return layer;
  }

  remove(part, index) {
    if (SINGLE.includes(part)) {
      this.single[part]?.remove();
      this.single[part] = null;
    } else {
      const list = part === 'exit' ? this.exits : this.closures;
      list[index]?.layer.remove();
      list.splice(index, 1);
      if (part === 'exit') this.exits.forEach((exit, i) => exit.layer.setIcon?.(pinFor('exit', i)));
    }
    this.changed({ structure: true });
  }

  /** Load an event's parts (replacing whatever is drawn). */
  load(event) {
    this.group.clearLayers();
    for (const part of SINGLE) this.single[part] = null;
    this.exits = [];
    this.closures = [];
    for (const part of SINGLE) if (event[part]) this.setGeometry(part, event[part]);
    (event.exits || []).forEach((exit) => this.addExit(exit));
    (event.closures || []).forEach((closure) => this.addClosure(closure));
    this.changed({ structure: true, silent: true });
  }

  /** Put an upload's answer in place; `role` says what points are (assembly, dispersal, exits). */
  applyUpload(result, role) {
    const added = [];
    if (result.target === 'route' || result.target === 'perimeter') {
      added.push(this.setGeometry(result.target, result.geometry));
    } else if (result.target === 'closures') {
      for (const feature of result.features) added.push(this.addClosure({ name: feature.name || '', geometry: feature.geometry }));
    } else if (role === 'exits') {
      for (const feature of result.features) added.push(this.addExit({ name: feature.name || '', position: feature.geometry }));
    } else {
      added.push(this.setGeometry(role, result.features[0].geometry));
    }
    this.changed({ structure: true });
    this.fit(added);
  }

  fit(layers = this.group.getLayers()) {
    const bounds = L.featureGroup(layers.filter(Boolean)).getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { maxZoom: 16, padding: [30, 30], animate: false });
  }

  isEmpty() {
    return !this.group.getLayers().length;
  }

  /** The parts as the API takes them. */
  values() {
    const values = {};
    for (const part of SINGLE) values[part] = geometryOf(this.single[part]);
    values.exits = this.exits.map((exit) => {
      const item = { name: exit.name.trim(), position: geometryOf(exit.layer) };
      if (exit.width_m !== '' && exit.width_m !== null) item.width_m = Number(exit.width_m);
      return item;
    });
    values.closures = this.closures.map((closure) => ({
      name: closure.name.trim(),
      geometry: geometryOf(closure.layer),
      start: fromLocalInput(closure.start),
      end: fromLocalInput(closure.end),
      note: closure.note.trim(),
    }));
    return values;
  }

  changed({ structure = false, silent = false } = {}) {
    this.clearErrors();
    if (structure) this.renderParts();
    else this.updateMeasures();
    this.renderToolbar();
    if (!silent) this.dispatchEvent(new CustomEvent('change'));
  }

  // ---- the list beside the map ----------------------------------------------------------

  measure(part) {
    const layer = this.single[part];
    if (!layer) return t('ev.draw.notDrawn');
    if (part === 'perimeter') return formatArea(rings(layer).reduce((sum, ring) => sum + geodesicArea(ring).area, 0));
    if (part === 'route') return formatLength(lines(layer).reduce((sum, line) => sum + geodesicLength(line), 0));
    const { lat, lng } = layer.getLatLng();
    return `${lat.toFixed(5)}, ${lng.toFixed(5)}`;
  }

  updateMeasures() {
    for (const part of SINGLE) {
      const output = this.partsElement.querySelector(`[data-measure="${part}"]`);
      if (output) output.textContent = this.measure(part);
    }
    this.closures.forEach((closure, index) => {
      const output = this.partsElement.querySelector(`[data-measure="closure-${index}"]`);
      if (output) output.textContent = formatLength(lines(closure.layer).reduce((sum, line) => sum + geodesicLength(line), 0));
    });
  }

  renderParts() {
    const rows = SINGLE.map((part) => h('li', { class: `ev-part${this.single[part] ? ' is-drawn' : ''}`, dataset: { part } },
      h('span', { class: `ev-sw ev-sw-${part.replace('_point', '')}`, 'aria-hidden': 'true' }),
      h('span', { class: 'ev-part-name' }, t(`ev.part.${part.replace('_point', '')}`)),
      h('output', { class: 'ev-part-measure', dataset: { measure: part } }, this.measure(part)),
      this.single[part]
        ? h('span', { class: 'ev-part-actions' },
          h('button', { type: 'button', class: 'icon-btn', title: t('ev.draw.zoomTo'), 'aria-label': `${t('ev.draw.zoomTo')}: ${t(`ev.part.${part.replace('_point', '')}`)}`, onclick: () => this.fit([this.single[part]]) }, icon('crosshair')),
          h('button', { type: 'button', class: 'icon-btn ev-danger', title: t('ev.draw.remove'), 'aria-label': `${t('ev.draw.remove')}: ${t(`ev.part.${part.replace('_point', '')}`)}`, onclick: () => this.remove(part) }, icon('trash')))
        : null));

    const exits = this.exits.map((exit, index) => h('div', { class: 'ev-row ev-exit-row', dataset: { index } },
      h('span', { class: 'ev-pin ev-pin-exit ev-pin-inline', 'aria-hidden': 'true' }, h('span', {}, `${t('ev.pin.exit')}${index + 1}`)),
      field({ label: t('ev.exit.name'), path: `exits.${index}.name`, value: exit.name, oninput: (event) => { exit.name = event.target.value; } }),
      field({ label: t('ev.exit.width'), path: `exits.${index}.width_m`, input: 'number', min: '0.5', max: '100', step: '0.5', inputmode: 'decimal', value: exit.width_m, required: true, oninput: (event) => { exit.width_m = event.target.value; } }),
      h('button', { type: 'button', class: 'icon-btn ev-danger', 'aria-label': t('ev.exit.remove', { n: index + 1 }), title: t('ev.draw.remove'), onclick: () => this.remove('exit', index) }, icon('trash'))));

    const closures = this.closures.map((closure, index) => h('div', { class: 'ev-row ev-closure-row', dataset: { index } },
      h('div', { class: 'ev-row-head' },
        h('span', { class: 'ev-sw ev-sw-closure', 'aria-hidden': 'true' }),
        h('strong', {}, t('ev.closure.n', { n: index + 1 })),
        h('output', { class: 'ev-part-measure', dataset: { measure: `closure-${index}` } }),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': `${t('ev.draw.zoomTo')}: ${t('ev.closure.n', { n: index + 1 })}`, title: t('ev.draw.zoomTo'), onclick: () => this.fit([closure.layer]) }, icon('crosshair')),
        h('button', { type: 'button', class: 'icon-btn ev-danger', 'aria-label': t('ev.closure.remove', { n: index + 1 }), title: t('ev.draw.remove'), onclick: () => this.remove('closure', index) }, icon('trash'))),
      h('div', { class: 'ev-grid-2' },
        field({ label: t('ev.closure.street'), path: `closures.${index}.name`, value: closure.name, required: true, wide: true, oninput: (event) => { closure.name = event.target.value; } }),
        field({ label: t('ev.closure.start'), path: `closures.${index}.start`, input: 'datetime-local', value: closure.start, hint: t('ev.closure.timesHint'), oninput: (event) => { closure.start = event.target.value; } }),
        field({ label: t('ev.closure.end'), path: `closures.${index}.end`, input: 'datetime-local', value: closure.end, oninput: (event) => { closure.end = event.target.value; } }),
        field({ label: t('ev.closure.note'), path: `closures.${index}.note`, value: closure.note, wide: true, oninput: (event) => { closure.note = event.target.value; } }))));

    this.partsElement.replaceChildren(
      h('ul', { class: 'ev-part-list', 'aria-label': t('ev.draw.drawn') }, rows),
      h('div', { class: 'ev-group', dataset: { group: 'exits' } },
        h('h3', { class: 'ev-group-title' }, t('ev.exit.title')),
        exits.length ? exits : h('p', { class: 'ev-field-hint' }, t('ev.exit.none'))),
      h('div', { class: 'ev-group', dataset: { group: 'closures' } },
        h('h3', { class: 'ev-group-title' }, t('ev.closure.title')),
        closures.length ? closures : h('p', { class: 'ev-field-hint' }, t('ev.closure.none'))));
    this.updateMeasures();
  }

  // ---- errors on the map ----------------------------------------------------------------

  /** Mark the part an API error names; true if it is a part of the drawing. */
  showError(path, message) {
    const [root, position] = (path || '').split('.');
    // "exits.1" names the exit; otherwise the message does ("Exit 2 lies 40 m from …").
    let index = position !== undefined ? Number(position) : null;
    if (index === null) {
      const numbered = /^\D{1,40}?(\d+)/.exec(message);
      index = numbered ? Number(numbered[1]) - 1 : 0;
    }
    let layers = [];
    if (SINGLE.includes(root)) layers = [this.single[root]];
    else if (root === 'exits') layers = [this.exits[index]?.layer ?? null];
    else if (root === 'closures') layers = [this.closures[index]?.layer ?? null];
    else if (root !== 'file' && root !== 'alternative') return false;
    layers = layers.filter(Boolean);
    for (const layer of layers) {
      if (layer.setStyle) {
        layer.setStyle(STYLES.error);
        this.errorLayers.push(layer);
      } else {
        layer.getElement?.()?.classList.add('ev-pin-error');
        this.errorLayers.push(layer);
      }
    }
    const located = LOCATED.exec(message);
    if (located) {
      const latlng = L.latLng(Number(located[2]), Number(located[1]));
      this.errorMarker = L.circleMarker(latlng, { radius: 9, color: '#d32f2f', weight: 3, fillColor: '#fff', fillOpacity: 0.9, pane: EVENT_PANE })
        .bindTooltip(() => h('span', {}, t('ev.draw.errorHere')), { permanent: true, direction: 'top', className: 'error-tooltip' }).addTo(this.map);
      // The whole message is above the map; here the map shows the part and the place.
      const bounds = L.latLngBounds([latlng]);
      for (const layer of layers) bounds.extend(layer.getBounds?.() ?? layer.getLatLng());
      this.map.fitBounds(bounds, { maxZoom: 15, padding: [40, 40], animate: false });
    } else if (layers.length) {
      this.fit(layers);
    }
    this.say(message, 'error');
    return true;
  }

  clearErrors() {
    for (const layer of this.errorLayers) {
      if (layer.setStyle) {
        const part = Object.entries(this.single).find(([, value]) => value === layer)?.[0]
          || (this.closures.some((closure) => closure.layer === layer) ? 'closure' : 'route');
        layer.setStyle(styleOf(part));
      } else {
        layer.getElement?.()?.classList.remove('ev-pin-error');
      }
    }
    this.errorLayers = [];
    this.errorMarker?.remove();
    this.errorMarker = null;
    if (this.status.classList.contains('ev-map-status-error')) this.say('');
  }
}

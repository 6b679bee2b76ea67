// Editing for planners: draw and change points, lines and polygons of an editable layer with
// Geoman (snapping on), save each change through the API, undo the last unsaved change,
// and delete after confirmation.
//
// While a layer is edited its tiles are taken off the map and its features in view are
// loaded as GeoJSON. A feature is only shown as saved once the API has answered 2xx; a
// refused drawing stays on the map, marked, with the API's message beside it.
import { ApiError, api, etagOf } from './api.js';
import { attributeForm, editableAttributes } from './attribute-form.js';
import { featureDetailsUrl } from './config.js';
import { attributeLabel, formatValue, t } from './i18n.js';
import { PANES } from './map.js';
import { modes } from './modes.js';
import { ERROR_STYLE, pathStyle } from './styles.js';
import { confirmDialog, h, icon, toast } from './ui.js';
import { bgTranslations } from './geoman-bg.js';
import { finishActiveShape, removeLastVertex as removeLastDrawnVertex } from './geoman.js';

const DRAW_SHAPES = {
  polygon: [{ shape: 'Polygon', label: 'edit.drawPolygon', icon: 'polygon' }, { shape: 'Rectangle', label: 'edit.drawRectangle', icon: 'rectangle' }],
  line: [{ shape: 'Line', label: 'edit.drawLine', icon: 'line' }],
  point: [{ shape: 'CircleMarker', label: 'edit.drawPoint', icon: 'point' }],
};
// Geoman manages only the layers that ask for it (pmIgnore: false): the features being
// edited, never the vector tiles or the measuring lines. Set before the map is made.
if (window.L?.PM) L.PM.setOptIn(true);

const SNAP = { snappable: true, snapDistance: 20, allowSelfIntersection: true };
// Enough for any view at the zoom levels where editing makes sense.
const LOAD_LIMIT = 2000;

/** A coordinate in an API message, "(23.32, 42.69)" in lon, lat order. */
function locatedPoint(location) {
  const match = /\(\s*(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)\s*\)/.exec(location || '');
  return match ? L.latLng(Number(match[2]), Number(match[1])) : null;
}

function sameGeometry(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A GeoJSON geometry as Leaflet gives it back (the precision the editor compares in). */
function asLeaflet(geometry) {
  const layer = L.geoJSON(geometry).getLayers()[0];
  return layer ? layer.toGeoJSON().geometry : geometry;
}

/** A change that rests on a version someone else has replaced since (the API's 412). */
function isConflict(error) {
  return error instanceof ApiError && error.status === 412;
}

export class Editor {
  constructor(map, catalogue, { panel, toggleButton }) {
    this.map = map;
    this.catalogue = catalogue;
    this.panel = panel;
    this.toggleButton = toggleButton;
    this.layer = null; // the catalogue layer being edited
    this.group = L.featureGroup([], { pmIgnore: false }).addTo(map);
    this.loadedIds = new Set();
    this.undoStack = [];
    this.errorMarker = null;
    this.changed = false;
    this.drawing = null;
    this.loadController = null;

    map.pm.setLang('bg_custom', bgTranslations(), 'en');
    map.pm.setGlobalOptions({
      ...SNAP,
      layerGroup: this.group,
      exitModeOnEscape: true,
      finishOnEnter: true,
      panes: { vertexPane: 'markerPane', layerPane: PANES.editing.name, markerPane: 'markerPane' },
    });
    map.on('pm:create', (event) => this.created(event.layer));
    map.on('pm:drawstart', () => this.setDrawing(true));
    map.on('pm:drawend', () => this.setDrawing(false));
    map.on('moveend', () => { if (this.layer) this.loadInView(); });
    modes.register('edit', () => this.forceStop(), {
      busy: () => (this.pendingCount() ? t('edit.finishFirst', { count: this.pendingCount() }) : null),
    });
    toggleButton.addEventListener('click', () => this.togglePanel());
    document.addEventListener('keydown', (event) => {
      if (!this.layer || event.target.closest?.('input, textarea, select')) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        this.undo();
      }
    });
    window.addEventListener('beforeunload', (event) => {
      if (this.pendingCount()) event.preventDefault();
    });
    this.renderPanel();
  }

  editableLayers() {
    return this.catalogue.layers.filter((layer) => layer.can_edit);
  }

  togglePanel(open = this.panel.hidden) {
    this.panel.hidden = !open;
    this.toggleButton.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('edit-panel-open', open);
    if (open) this.panel.querySelector('select, button')?.focus();
  }

  // ---- the panel -------------------------------------------------------------------------

  /** Draw the panel afresh, keeping the keyboard focus on the same control. */
  renderPanel() {
    const active = this.panel.contains(document.activeElement) ? document.activeElement : null;
    const focusKey = active?.id ? `#${active.id}`
      : active?.dataset.action ? `[data-action="${active.dataset.action}"]`
        : active?.dataset.draw ? `[data-draw="${active.dataset.draw}"]` : null;
    this.drawPanel();
    const again = focusKey && this.panel.querySelector(focusKey);
    if (again && !again.disabled && !again.closest('[hidden]')) again.focus();
    else if (active) this.panel.querySelector('h2')?.focus();
  }

  drawPanel() {
    const layers = this.editableLayers();
    this.panel.replaceChildren(h('h2', { class: 'panel-title', id: 'edit-panel-title', tabindex: '-1' }, icon('edit'), t('edit.title')));
    if (!layers.length) {
      this.panel.append(h('p', { class: 'empty-state' }, t('edit.noLayers')));
      return;
    }
    if (!this.layer) {
      const select = h('select', { id: 'edit-layer', class: 'field-input' },
        layers.map((layer) => h('option', { value: layer.slug, selected: layer.slug === this.lastSlug }, layer.title)));
      this.panel.append(
        h('div', { class: 'field' }, h('label', { for: 'edit-layer' }, t('edit.chooseLayer')), select),
        h('button', { type: 'button', class: 'btn btn-primary btn-block', id: 'edit-start', onclick: () => this.start(select.value) }, t('edit.start')),
        h('p', { class: 'hint' }, t('edit.hint')));
      return;
    }
    const kind = this.layer.geometry_kind;
    const drawButtons = DRAW_SHAPES[kind].map(({ shape, label, icon: iconName }) => h('button', {
      type: 'button', class: 'btn tool-btn', dataset: { draw: shape }, 'aria-pressed': String(this.drawing === shape),
      onclick: () => this.draw(shape),
    }, icon(iconName), t(label)));
    const pending = this.pendingCount();
    const geometryEdits = this.dirtyLayers().length;
    this.panel.append(
      h('p', { class: 'edit-layer-name' }, t('edit.editing'), ' ', h('strong', {}, this.layer.title)),
      h('div', { class: 'button-row', role: 'group', 'aria-label': t('edit.drawGroup') }, drawButtons),
      h('div', { class: 'button-row draw-actions', hidden: !this.drawing },
        h('button', { type: 'button', class: 'btn', dataset: { action: 'finish-shape' }, onclick: () => this.finishShape() }, t('edit.finishShape')),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'remove-vertex' }, onclick: () => this.removeLastVertex() }, t('edit.removeVertex')),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel-draw' }, onclick: () => this.map.pm.disableDraw() }, t('edit.cancelDraw'))),
      h('div', { class: 'button-row' },
        h('button', {
          type: 'button', class: 'btn tool-btn', dataset: { action: 'edit-vertices' },
          'aria-pressed': String(this.map.pm.globalEditModeEnabled()),
          onclick: () => this.toggleVertexEditing(),
        }, icon('vertices'), t('edit.vertices'))),
      h('p', { class: 'edit-status', role: 'status' }, pending ? t('edit.pending', { count: pending }) : t('edit.noPending')),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'save' }, disabled: !geometryEdits, onclick: () => this.saveGeometryEdits() },
          icon('save'), t('edit.saveChanges', { count: geometryEdits })),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'undo' }, disabled: !this.undoStack.length, onclick: () => this.undo(), title: 'Ctrl+Z' },
          icon('undo'), t('edit.undo'))),
      h('button', { type: 'button', class: 'btn btn-block', dataset: { action: 'stop' }, onclick: () => this.stop() }, t('edit.stop')),
      h('p', { class: 'hint' }, t(kind === 'point' ? 'edit.hintPoint' : 'edit.hintShape')));
  }

  // ---- session ---------------------------------------------------------------------------

  async start(slug) {
    const layer = this.catalogue.get(slug);
    if (!layer?.can_edit) return;
    const entered = modes.enter('edit');
    if (!entered.ok) {
      toast(entered.reason, 'warning');
      return;
    }
    this.layer = layer;
    this.lastSlug = slug;
    this.changed = false;
    this.catalogue.setVisible(slug, true);
    this.catalogue.suspend(slug);
    if (this.map.getZoom() < layer.min_zoom) this.map.setZoom(layer.min_zoom);
    document.body.classList.add('is-editing');
    this.renderPanel();
    await this.loadInView();
  }

  async stop() {
    if (!this.layer) return;
    if (this.pendingCount()) {
      const discard = await confirmDialog({
        title: t('edit.discardTitle'),
        message: t('edit.discardMessage', { count: this.pendingCount() }),
        confirmLabel: t('edit.discard'),
        danger: true,
      });
      if (!discard) return;
    }
    this.forceStop();
    modes.leave('edit');
  }

  /** End the session without asking (another tool took the map). */
  forceStop() {
    if (!this.layer) return;
    this.map.pm.disableDraw();
    this.map.pm.disableGlobalEditMode();
    this.loadController?.abort();
    this.group.clearLayers();
    this.clearErrorMarker();
    this.catalogue.resume(this.layer.slug, { changed: this.changed });
    this.layer = null;
    this.loadedIds.clear();
    this.undoStack = [];
    this.drawing = null;
    document.body.classList.remove('is-editing');
    this.renderPanel();
  }

  /** Load the layer's features in view that are not loaded yet. */
  async loadInView() {
    const layer = this.layer;
    this.loadController?.abort();
    this.loadController = new AbortController();
    const bounds = this.map.getBounds().pad(0.2);
    this.panel.dataset.loading = 'true';
    try {
      const collection = await api.features(layer.slug, {
        bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((v) => v.toFixed(6)),
        limit: LOAD_LIMIT,
        signal: this.loadController.signal,
      });
      if (this.layer !== layer) return;
      for (const feature of collection.features) {
        if (this.loadedIds.has(feature.id)) continue;
        this.loadedIds.add(feature.id);
        this.addFeature(feature);
      }
      if (this.map.pm.globalEditModeEnabled()) this.map.pm.enableGlobalEditMode(SNAP);
      if ((collection.links || []).some((link) => link.rel === 'next')) toast(t('edit.tooMany', { count: LOAD_LIMIT }), 'warning');
    } catch (error) {
      if (error.name !== 'AbortError') toast(t('edit.loadFailed', { message: error.message }), 'error');
    } finally {
      if (this.layer === layer) delete this.panel.dataset.loading;
    }
  }

  addFeature(feature) {
    const style = { ...pathStyle(this.layer), pane: PANES.editing.name, pmIgnore: false };
    L.geoJSON(feature, {
      style: () => style,
      pointToLayer: (_, latlng) => L.circleMarker(latlng, style),
      pmIgnore: false,
      onEachFeature: (_, leafletLayer) => {
        this.track(leafletLayer, { id: feature.id, properties: feature.properties });
        this.group.addLayer(leafletLayer);
      },
    });
  }

  /** Keep the saved and current state of a feature's layer, and follow its edits. */
  track(leafletLayer, { id, properties }) {
    // Saved and current geometry are both taken from Leaflet, so they compare equal until an edit.
    const current = leafletLayer.toGeoJSON().geometry;
    leafletLayer.edit = { id, properties: properties || {}, saved: id ? current : null, current };
    leafletLayer.on('pm:edit', () => this.geometryChanged(leafletLayer));
    leafletLayer.on('click', (event) => {
      if (this.drawing) return;
      L.DomEvent.stopPropagation(event);
      this.openFeaturePopup(leafletLayer, event.latlng);
    });
  }

  // ---- drawing ---------------------------------------------------------------------------

  draw(shape) {
    if (this.drawing === shape) {
      this.map.pm.disableDraw();
      return;
    }
    this.map.closePopup();
    const style = { ...pathStyle(this.layer), pmIgnore: false };
    this.map.pm.enableDraw(shape, {
      ...SNAP,
      pathOptions: style,
      templineStyle: { color: style.color, dashArray: '5 5' },
      hintlineStyle: { color: style.color, dashArray: '5 5' },
      continueDrawing: false,
    });
    this.drawing = shape;
    this.renderPanel();
  }

  setDrawing(on) {
    if (!on) this.drawing = null;
    else this.drawing = this.map.pm.Draw.getActiveShape() || this.drawing;
    document.body.classList.toggle('is-drawing', Boolean(this.drawing));
    this.renderPanel();
  }

  finishShape() {
    finishActiveShape(this.map);
  }

  removeLastVertex() {
    removeLastDrawnVertex(this.map);
  }

  created(leafletLayer) {
    if (!this.layer) {
      leafletLayer.remove();
      return;
    }
    leafletLayer.options.pmIgnore = false;
    this.track(leafletLayer, { id: null, properties: {} });
    this.group.addLayer(leafletLayer);
    this.undoStack.push({ type: 'create', leafletLayer });
    this.renderPanel();
    this.openCreateForm(leafletLayer);
  }

  openCreateForm(leafletLayer) {
    let popup = null;
    const form = attributeForm(this.layer, {
      title: t('edit.newFeature', { layer: this.layer.title }),
      values: leafletLayer.edit.draft || {},
      submitLabel: t('common.save'),
      onSubmit: async (values, options = {}) => {
        leafletLayer.edit.draft = values;
        await this.create(leafletLayer, values, options);
      },
      onCancel: () => this.map.closePopup(),
      onLayout: () => popup?.update(),
      // The API can repair an invalid geometry (ST_MakeValid) when asked to.
      errorActions: (error) => (error.code === 'invalid_geometry' && error.body?.repairable
        ? [h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'repair' }, onclick: () => form.resubmit({ repair: true }) }, t('edit.repair'))]
        : []),
    });
    popup = this.openPopupFor(leafletLayer, form.element);
    form.focus();
    if (leafletLayer.edit.error) form.showError(leafletLayer.edit.error);
  }

  async create(leafletLayer, properties, { repair = false } = {}) {
    try {
      const saved = await api.createFeature(this.layer.slug, { type: 'Feature', geometry: leafletLayer.toGeoJSON().geometry, properties }, { repair });
      // A repaired geometry comes back different from the drawing: show what was stored.
      if (repair) this.setGeometry(leafletLayer, saved.geometry);
      const geometry = leafletLayer.toGeoJSON().geometry;
      leafletLayer.edit = { ...leafletLayer.edit, id: saved.id, properties: saved.properties, saved: geometry, current: geometry, error: null, draft: null, etag: etagOf(saved) };
      this.loadedIds.add(saved.id);
      this.forget(leafletLayer);
      this.markValid(leafletLayer);
      this.changed = true;
      this.map.closePopup();
      toast(t('edit.created', { name: saved.properties?.name || `#${saved.id}` }), 'success');
      this.renderPanel();
    } catch (error) {
      this.markInvalid(leafletLayer, error);
      throw error;
    }
  }

  // ---- changing and saving existing features ------------------------------------------------

  toggleVertexEditing() {
    if (this.map.pm.globalEditModeEnabled()) this.map.pm.disableGlobalEditMode();
    else this.map.pm.enableGlobalEditMode(SNAP);
    this.renderPanel();
  }

  geometryChanged(leafletLayer) {
    const geometry = leafletLayer.toGeoJSON().geometry;
    if (sameGeometry(geometry, leafletLayer.edit.current)) return;
    this.undoStack.push({ type: 'geometry', leafletLayer, previous: leafletLayer.edit.current });
    leafletLayer.edit.current = geometry;
    this.renderPanel();
  }

  /** Existing features whose geometry differs from what the API holds. */
  dirtyLayers() {
    return this.group.getLayers().filter((layer) => layer.edit?.id && !sameGeometry(layer.edit.current, layer.edit.saved));
  }

  /** Unsaved drawings plus changed features. */
  pendingCount() {
    const unsavedNew = this.group.getLayers().filter((layer) => layer.edit && !layer.edit.id).length;
    return unsavedNew + this.dirtyLayers().length;
  }

  /** Save each changed feature in its own request; a refused one stays changed and marked. */
  async saveGeometryEdits() {
    let saved = 0;
    let failed = 0;
    for (const leafletLayer of this.dirtyLayers()) {
      if (await this.saveGeometry(leafletLayer)) saved += 1;
      else failed += 1;
    }
    if (saved) toast(t('edit.saved', { count: saved }), 'success');
    if (failed) toast(t('edit.saveFailed', { count: failed }), 'error');
    this.renderPanel();
  }

  /** Save one feature's changed geometry on the version it was loaded in; true when stored. */
  async saveGeometry(leafletLayer) {
    try {
      const ifMatch = await this.baseVersion(leafletLayer);
      const result = await api.updateFeature(this.layer.slug, leafletLayer.edit.id, { type: 'Feature', geometry: leafletLayer.edit.current }, { ifMatch });
      leafletLayer.edit.saved = leafletLayer.edit.current;
      leafletLayer.edit.properties = result.properties;
      leafletLayer.edit.etag = etagOf(result);
      this.forget(leafletLayer);
      this.markValid(leafletLayer);
      this.changed = true;
      return true;
    } catch (error) {
      if (isConflict(error)) {
        this.openConflictPopup(leafletLayer, error, async () => {
          if (await this.saveGeometry(leafletLayer)) toast(t('edit.saved', { count: 1 }), 'success');
          this.renderPanel();
        });
      } else {
        this.markInvalid(leafletLayer, error);
        this.openErrorPopup(leafletLayer, error);
      }
      return false;
    }
  }

  // ---- versions and conflicts --------------------------------------------------------------

  /**
   * The version (ETag) the user's change rests on, sent as If-Match. The features in view are
   * loaded as a collection, which carries no versions, so the first write of a feature reads
   * it once: if it no longer matches what the editor loaded, someone changed it in between,
   * and that is a conflict too.
   */
  async baseVersion(leafletLayer) {
    if (leafletLayer.edit.etag) return leafletLayer.edit.etag;
    const current = await api.feature(this.layer.slug, leafletLayer.edit.id);
    const etag = etagOf(current);
    const unchanged = sameGeometry(asLeaflet(current.geometry), leafletLayer.edit.saved)
      && JSON.stringify(current.properties) === JSON.stringify(leafletLayer.edit.properties);
    if (!unchanged) {
      throw new ApiError(412, { error: 'precondition_failed', detail: t('edit.conflictSinceLoaded'), current_etag: etag });
    }
    leafletLayer.edit.etag = etag;
    return etag;
  }

  /** Someone else changed the feature: show it, and let the user reload theirs or overwrite. */
  openConflictPopup(leafletLayer, error, overwrite) {
    const content = h('div', { class: 'feature-popup', dataset: { conflict: '' } },
      h('div', { class: 'form-error', role: 'alert' }, h('strong', {}, t('edit.conflictTitle')), ' ', error.message),
      h('p', { class: 'hint' }, t('edit.conflictChoice')),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'conflict-reload' }, onclick: () => this.reloadFeature(leafletLayer) },
          icon('undo'), t('edit.conflictReload')),
        h('button', {
          type: 'button', class: 'btn btn-danger', dataset: { action: 'conflict-overwrite' },
          onclick: () => {
            // Overwrite on purpose: the change now rests on the version the user was shown.
            leafletLayer.edit.etag = error.body.current_etag || null;
            this.map.closePopup();
            overwrite();
          },
        }, t('edit.conflictOverwrite'))));
    this.openPopupFor(leafletLayer, content);
  }

  /** Replace the user's unsaved change of a feature with the version the API holds now. */
  async reloadFeature(leafletLayer) {
    try {
      const current = await api.feature(this.layer.slug, leafletLayer.edit.id);
      this.setGeometry(leafletLayer, current.geometry);
      const geometry = leafletLayer.toGeoJSON().geometry;
      Object.assign(leafletLayer.edit, { properties: current.properties, saved: geometry, current: geometry, etag: etagOf(current), error: null });
      this.forget(leafletLayer);
      this.markValid(leafletLayer);
      this.map.closePopup();
      toast(t('edit.conflictReloaded'), 'info');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // Deleted by someone else: nothing is left to edit.
        this.map.closePopup();
        this.forget(leafletLayer);
        this.clearErrorMarker();
        this.group.removeLayer(leafletLayer);
        toast(t('edit.conflictGone'), 'warning');
      } else {
        toast(t('edit.loadFailed', { message: error.message }), 'error');
      }
    }
    this.renderPanel();
  }

  /** Undo the last unsaved change: remove an unsaved drawing, or restore the previous geometry. */
  undo() {
    const entry = this.undoStack.pop();
    if (!entry) return;
    const { leafletLayer } = entry;
    if (entry.type === 'create') {
      this.map.closePopup();
      this.group.removeLayer(leafletLayer);
      this.clearErrorMarker();
    } else {
      this.setGeometry(leafletLayer, entry.previous);
      leafletLayer.edit.current = entry.previous;
      if (sameGeometry(entry.previous, leafletLayer.edit.saved)) this.markValid(leafletLayer);
    }
    toast(t('edit.undone'), 'info');
    this.renderPanel();
  }

  setGeometry(leafletLayer, geometry) {
    const editing = leafletLayer.pm?.enabled();
    if (editing) leafletLayer.pm.disable();
    if (leafletLayer instanceof L.CircleMarker || leafletLayer instanceof L.Marker) {
      leafletLayer.setLatLng(L.GeoJSON.coordsToLatLng(geometry.coordinates));
    } else {
      const depth = { LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2 }[geometry.type];
      leafletLayer.setLatLngs(L.GeoJSON.coordsToLatLngs(geometry.coordinates, depth));
    }
    if (editing) leafletLayer.pm.enable(SNAP);
  }

  /** Drop a feature's entries from the undo stack once it is saved. */
  forget(leafletLayer) {
    this.undoStack = this.undoStack.filter((entry) => entry.leafletLayer !== leafletLayer);
  }

  async remove(leafletLayer, { confirmed = false } = {}) {
    const name = leafletLayer.edit.properties?.name || `#${leafletLayer.edit.id}`;
    if (!confirmed) {
      confirmed = await confirmDialog({
        title: t('edit.deleteTitle'),
        message: t('edit.deleteMessage', { name, layer: this.layer.title }),
        confirmLabel: t('edit.delete'),
        danger: true,
      });
    }
    if (!confirmed) return;
    try {
      const ifMatch = await this.baseVersion(leafletLayer);
      await api.deleteFeature(this.layer.slug, leafletLayer.edit.id, { ifMatch });
      this.map.closePopup();
      this.forget(leafletLayer);
      this.group.removeLayer(leafletLayer);
      this.changed = true;
      toast(t('edit.deleted', { name }), 'success');
      this.renderPanel();
    } catch (error) {
      if (isConflict(error)) this.openConflictPopup(leafletLayer, error, () => this.remove(leafletLayer, { confirmed: true }));
      else toast(t('edit.deleteFailed', { message: error.message }), 'error');
    }
  }

  // ---- popups and error marks ------------------------------------------------------------

  openPopupFor(leafletLayer, content, latlng) {
    const at = latlng || (leafletLayer.getLatLng ? leafletLayer.getLatLng() : leafletLayer.getBounds().getCenter());
    return L.popup({ maxWidth: 340, minWidth: 260, className: 'edit-popup', autoPanPadding: [24, 24] })
      .setLatLng(at)
      .setContent(content)
      .openOn(this.map);
  }

  openFeaturePopup(leafletLayer, latlng) {
    const { id, properties } = leafletLayer.edit;
    if (!id) {
      this.openCreateForm(leafletLayer);
      return;
    }
    const rows = editableAttributes(this.layer).map((attribute) => h('tr', {},
      h('th', { scope: 'row' }, attributeLabel(this.layer, attribute.name)),
      h('td', {}, formatValue(this.layer, attribute.name, properties[attribute.name]))));
    const content = h('div', { class: 'feature-popup' },
      h('p', { class: 'feature-popup-layer' }, this.layer.title),
      h('h3', { class: 'feature-popup-title' }, properties.name || t('popup.featureNo', { id })),
      h('table', { class: 'attribute-table' }, h('tbody', {}, rows)),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn', dataset: { action: 'edit-attributes' }, onclick: () => this.openAttributeForm(leafletLayer, latlng) }, icon('edit'), t('edit.attributes')),
        h('button', { type: 'button', class: 'btn btn-danger', dataset: { action: 'delete' }, onclick: () => this.remove(leafletLayer) }, icon('trash'), t('edit.delete'))),
      h('a', { class: 'feature-popup-link', href: featureDetailsUrl(this.layer.slug, id) }, t('popup.detailsAndHistory')));
    this.openPopupFor(leafletLayer, content, latlng);
  }

  openAttributeForm(leafletLayer, latlng) {
    const form = attributeForm(this.layer, {
      title: t('edit.attributesOf', { name: leafletLayer.edit.properties.name || `#${leafletLayer.edit.id}` }),
      values: leafletLayer.edit.properties,
      partial: true,
      onSubmit: (values) => this.saveAttributes(leafletLayer, values),
      onCancel: () => this.map.closePopup(),
    });
    this.openPopupFor(leafletLayer, form.element, latlng);
    form.focus();
  }

  /** Save changed attributes on the version they were edited in; a conflict is shown, not thrown. */
  async saveAttributes(leafletLayer, values) {
    try {
      const ifMatch = await this.baseVersion(leafletLayer);
      const result = await api.updateFeature(this.layer.slug, leafletLayer.edit.id, { type: 'Feature', properties: values }, { ifMatch });
      leafletLayer.edit.properties = result.properties;
      leafletLayer.edit.etag = etagOf(result);
      this.changed = true;
      this.map.closePopup();
      toast(t('edit.attributesSaved'), 'success');
    } catch (error) {
      if (!isConflict(error)) throw error;
      this.openConflictPopup(leafletLayer, error, () => this.saveAttributes(leafletLayer, values).catch((again) => toast(again.message, 'error')));
    }
  }

  openErrorPopup(leafletLayer, error) {
    const content = h('div', { class: 'feature-popup' },
      h('div', { class: 'form-error', role: 'alert' }, h('strong', {}, t('edit.notSaved')), ' ', error.message),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn', onclick: () => this.revert(leafletLayer) }, icon('undo'), t('edit.revert'))));
    this.openPopupFor(leafletLayer, content, locatedPoint(error.location) || undefined);
  }

  /** Put a changed feature back as the API holds it. */
  revert(leafletLayer) {
    this.setGeometry(leafletLayer, leafletLayer.edit.saved);
    leafletLayer.edit.current = leafletLayer.edit.saved;
    this.forget(leafletLayer);
    this.markValid(leafletLayer);
    this.map.closePopup();
    this.renderPanel();
  }

  markInvalid(leafletLayer, error) {
    leafletLayer.edit.error = error instanceof ApiError ? error : new ApiError(0, { detail: String(error.message || error) });
    leafletLayer.setStyle?.(ERROR_STYLE);
    leafletLayer.getElement?.()?.classList.add('edit-invalid');
    this.clearErrorMarker();
    const point = locatedPoint(error.location);
    if (point) {
      this.errorMarker = L.circleMarker(point, { radius: 9, color: '#b71c1c', weight: 3, fillColor: '#ffebee', fillOpacity: 0.9, pane: PANES.measure.name, interactive: false, className: 'edit-error-mark' })
        .bindTooltip(() => h('span', {}, error.message), { permanent: false, direction: 'top', className: 'error-tooltip' })
        .addTo(this.map);
    }
  }

  markValid(leafletLayer) {
    if (leafletLayer.edit) leafletLayer.edit.error = null;
    leafletLayer.setStyle?.({ ...pathStyle(this.layer) });
    leafletLayer.getElement?.()?.classList.remove('edit-invalid');
    this.clearErrorMarker();
  }

  clearErrorMarker() {
    this.errorMarker?.remove();
    this.errorMarker = null;
  }
}

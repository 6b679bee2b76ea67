// The attribute table: a dock under the map with the features of one layer as rows.
// Sorting and filtering run on the server (the features API's sortby, filters, bbox and
// intersects); only the rows in view are in the DOM and pages of 200 load as they scroll
// into view, so 10,000 rows stay smooth. Rows and map features select each other.
import { attributeLabel, choiceLabel, formatValue, t } from '../i18n.js';
import { PANES } from '../map.js';
import { modes } from '../modes.js';
import { api } from '../api.js';
import { h, debounce, toast } from '../ui.js';
import { cellInput, inputValue, saveCell } from './edit.js';
import { drawShape, shapeLayer } from './shape.js';
import { downloadSelection, fetchStatistics, PAGE_SIZE, RowSource } from './source.js';
import { statisticsView } from './stats.js';
import { s } from './strings.js';

const ROW_HEIGHT = 30;
const OVERSCAN = 12;
const MAX_DRAWN = 2000;
const FORMATS = [['csv', 'CSV'], ['geojson', 'GeoJSON'], ['gpkg', 'GeoPackage']];
const SELECTION_STYLE = { color: '#f2b705', weight: 4, opacity: 1, fillColor: '#f2b705', fillOpacity: 0.35 };

const compare = (a, b) => {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'bg');
};

export class AttributeTable {
  constructor(map, catalogue, { area }) {
    this.map = map;
    this.catalogue = catalogue;
    this.area = area;
    this.layer = null;
    this.selected = new Map();
    this.selectionLayer = L.geoJSON(null, {
      pane: PANES.highlight.name,
      interactive: false,
      style: () => SELECTION_STYLE,
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, { ...SELECTION_STYLE, radius: 9, pane: PANES.highlight.name }),
    });
    this.shapeOverlay = null;
    this.followExtent = debounce(() => this.reload(), 350);
    this.build();
    catalogue.addEventListener('opentable', (event) => this.open(event.detail.slug));
    catalogue.addEventListener('featureclick', (event) => this.onMapClick(event.detail));
    map.on('moveend', () => { if (this.layer && this.extentBox.checked) this.followExtent(); });
  }

  // ---- the dock ----------------------------------------------------------------------

  build() {
    this.title = h('h2', { class: 'at-title', id: 'at-title' });
    this.count = h('span', { class: 'at-count', role: 'status' });
    this.message = h('p', { class: 'at-message', role: 'alert', hidden: true });
    this.filterBox = h('div', { class: 'at-filters', role: 'group', 'aria-label': s('filters') });
    this.extentBox = h('input', { type: 'checkbox', class: 'at-extent', onchange: () => this.reload() });
    this.selectedBox = h('input', { type: 'checkbox', class: 'at-only-selected', onchange: () => this.reload() });
    this.drawButton = h('button', { type: 'button', class: 'btn btn-small at-draw', onclick: () => this.draw() }, s('drawShape'));
    this.clearShapeButton = h('button', { type: 'button', class: 'btn btn-small at-clear-shape', hidden: true, onclick: () => this.setShape(null) }, s('clearShape'));
    this.zoomButton = h('button', { type: 'button', class: 'btn btn-small at-zoom', onclick: () => this.zoomToSelection() }, s('zoomTo'));
    this.clearButton = h('button', { type: 'button', class: 'btn btn-small at-clear', onclick: () => this.select([], { only: true }) }, s('clearSelection'));
    this.exportButtons = FORMATS.map(([format, name]) => h('button', {
      type: 'button', class: 'btn btn-small at-export', dataset: { format }, 'aria-label': s('exportAs', name),
      onclick: () => this.exportSelection(format),
    }, name));
    this.statsButton = h('button', { type: 'button', class: 'btn btn-small at-stats-btn', 'aria-expanded': 'false', 'aria-controls': 'at-stats', onclick: () => this.toggleStatistics() }, s('stats'));
    this.stats = h('aside', { class: 'at-stats', id: 'at-stats', 'aria-label': s('stats'), hidden: true });
    this.head = h('thead');
    this.body = h('tbody');
    this.table = h('table', { class: 'at-table', 'aria-labelledby': 'at-title' }, this.head, this.body);
    this.scroller = h('div', { class: 'at-scroll', onscroll: () => this.schedule() }, this.table);
    this.empty = h('p', { class: 'at-empty', hidden: true }, s('empty'));
    this.dock = h('section', { class: 'attribute-dock', 'aria-labelledby': 'at-title', hidden: true },
      h('header', { class: 'at-header' },
        this.title, this.count,
        h('button', { type: 'button', class: 'icon-btn at-close', 'aria-label': s('close'), title: s('close'), onclick: () => this.close() }, '×')),
      h('div', { class: 'at-toolbar', role: 'group', 'aria-label': s('filters') },
        this.filterBox,
        h('label', { class: 'at-check' }, this.extentBox, s('extent')),
        this.drawButton, this.clearShapeButton,
        h('span', { class: 'at-sep', 'aria-hidden': 'true' }),
        h('label', { class: 'at-check' }, this.selectedBox, s('onlySelected')),
        this.zoomButton, this.clearButton,
        h('span', { class: 'at-export-group', role: 'group', 'aria-label': s('export') }, h('span', { class: 'at-export-label' }, `${s('export')}:`), this.exportButtons),
        this.statsButton),
      this.message,
      h('div', { class: 'at-main' }, h('div', { class: 'at-grid' }, this.scroller, this.empty), this.stats));
    this.area.append(this.dock);
  }

  open(slug) {
    const layer = this.catalogue.get(slug);
    if (!layer) return;
    if (this.layer?.slug !== slug) {
      this.layer = layer;
      this.sort = [];
      this.filters = {};
      this.setShape(null, { reload: false });
      this.selected.clear();
      this.selectedBox.checked = false;
      this.extentBox.checked = false;
      this.columns = (layer.attributes || []).filter((attribute) => attribute.name !== 'id');
      this.editable = new Set(layer.can_edit ? layer.editable_attributes : []);
      this.renderFilters();
      this.stats.hidden = true;
      this.statsButton.setAttribute('aria-expanded', 'false');
    }
    this.title.textContent = s('tableTitle', layer.title);
    this.dock.hidden = false;
    this.dock.dataset.layer = slug;
    this.area.classList.add('table-open');
    this.map.invalidateSize();
    this.selectionLayer.addTo(this.map);
    this.reload();
    this.title.setAttribute('tabindex', '-1');
    this.title.focus();
  }

  close() {
    this.source?.close();
    this.dock.hidden = true;
    this.area.classList.remove('table-open');
    this.selectionLayer.remove();
    this.shapeOverlay?.remove();
    this.shapeOverlay = null;
    this.shape = null;
    const slug = this.layer?.slug;
    this.layer = null;
    this.map.invalidateSize();
    document.querySelector(`.layer-item[data-slug="${CSS.escape(slug || '')}"] .layer-table-btn`)?.focus();
  }

  renderFilters() {
    const fields = this.layer.filter_attributes || [];
    this.filterBox.replaceChildren(...fields.map((name) => {
      const attribute = this.columns.find((column) => column.name === name) || { name };
      const label = s('filterBy', attributeLabel(this.layer, name));
      const apply = (value) => {
        this.filters[name] = value;
        this.reload();
      };
      const control = attribute.choices
        ? h('select', { class: 'at-filter', dataset: { field: name }, 'aria-label': label, onchange: (event) => apply(event.target.value) },
          h('option', { value: '' }, `${attributeLabel(this.layer, name)}: ${s('any')}`),
          Object.keys(attribute.choices).map((code) => h('option', { value: code }, choiceLabel(this.layer, name, code))))
        : h('input', { type: 'search', class: 'at-filter', dataset: { field: name }, 'aria-label': label, placeholder: attributeLabel(this.layer, name), oninput: debounce((event) => apply(event.target.value.trim()), 400) });
      return control;
    }));
  }

  // ---- the query ----------------------------------------------------------------------

  query() {
    const bounds = this.map.getBounds();
    return {
      filters: this.filters,
      bbox: this.extentBox.checked ? [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()] : null,
      shape: this.shape,
    };
  }

  reload() {
    if (!this.layer) return;
    this.source?.close();
    this.showMessage('');
    this.local = null;
    if (this.selectedBox.checked) {
      // The selection is in memory: shown (and sorted) without asking the server again.
      this.local = [...this.selected.values()].sort((a, b) => {
        for (const { name, desc } of this.sort) {
          const order = compare(name === 'id' ? a.id : a.properties[name], name === 'id' ? b.id : b.properties[name]);
          if (order) return desc ? -order : order;
        }
        return a.id - b.id;
      });
      this.source = null;
    } else {
      this.source = new RowSource(this.layer.slug, { sort: this.sort, ...this.query() });
      const source = this.source;
      source.load(0).then(() => { if (source === this.source) this.render(); }, (error) => this.failed(error));
    }
    this.scroller.scrollTop = 0;
    this.renderHead();
    this.render();
    if (!this.stats.hidden) this.loadStatistics();
  }

  failed(error) {
    if (error?.name === 'AbortError' || this.message.textContent === error.message) return;
    this.showMessage(error.message);
    this.render();
  }

  showMessage(text) {
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  get total() {
    if (this.local) return this.local.length;
    if (this.source?.error) return 0;
    return this.source?.total ?? null;
  }

  row(index) {
    return this.local ? this.local[index] : this.source?.row(index);
  }

  // ---- rendering ----------------------------------------------------------------------

  renderHead() {
    const sortOf = (name) => this.sort.find((key) => key.name === name);
    const headerCell = (name, label, sortable) => {
      const key = sortOf(name);
      const ariaSort = key ? (key.desc ? 'descending' : 'ascending') : 'none';
      return h('th', { scope: 'col', 'aria-sort': sortable ? ariaSort : undefined, dataset: { field: name } },
        sortable
          ? h('button', { type: 'button', class: 'at-sort', 'aria-label': s('sortBy', label), onclick: () => this.toggleSort(name) },
            label, h('span', { class: 'at-sort-mark', 'aria-hidden': 'true' }, key ? (key.desc ? ' ▼' : ' ▲') : ''))
          : label);
    };
    this.head.replaceChildren(h('tr', { 'aria-rowindex': '1' },
      h('th', { scope: 'col', class: 'at-select-col' }, h('span', { class: 'visually-hidden' }, s('selectColumn'))),
      headerCell('id', s('number'), true),
      this.columns.map((column) => headerCell(column.name, attributeLabel(this.layer, column.name), column.sortable !== false))));
  }

  toggleSort(name) {
    const key = this.sort[0]?.name === name ? this.sort[0] : null;
    // Ascending, then descending, then the default order (by number).
    this.sort = !key ? [{ name, desc: false }] : key.desc ? [] : [{ name, desc: true }];
    this.reload();
    this.head.querySelector(`th[data-field="${CSS.escape(name)}"] button`)?.focus();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.render();
    });
  }

  /** The count, the selection's buttons and the selected rows' marks, without redrawing rows. */
  updateStatus() {
    const total = this.total;
    const selectedText = this.selected.size ? ` · ${s('selectedCount', this.selected.size)}` : '';
    this.count.textContent = total === null ? s('loading') : `${s('rows', total, total)}${selectedText}`;
    this.table.setAttribute('aria-rowcount', String((total ?? 0) + 1));
    this.empty.hidden = total !== 0;
    for (const button of [this.zoomButton, this.clearButton, ...this.exportButtons]) button.disabled = !this.selected.size;
    this.exportButtons.forEach((button) => { button.title = this.selected.size ? '' : s('exportHint'); });
    for (const tr of this.body.querySelectorAll('tr.at-row[data-id]')) {
      const selected = this.selected.has(Number(tr.dataset.id));
      tr.classList.toggle('is-selected', selected);
      tr.setAttribute('aria-selected', String(selected));
      const checkbox = tr.querySelector('.at-select');
      if (checkbox) checkbox.checked = selected;
    }
  }

  render() {
    if (!this.layer) return;
    const total = this.total;
    this.updateStatus();
    if (!total) {
      this.body.replaceChildren();
      return;
    }
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil((this.scroller.clientHeight || 300) / ROW_HEIGHT);
    const last = Math.min(total, first + visible + OVERSCAN * 2);
    const focusKey = document.activeElement?.closest?.('.at-table')?.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    if (this.editing) return;
    const rows = [];
    const asked = new Set();
    for (let index = first; index < last; index += 1) {
      const feature = this.row(index);
      if (!feature) {
        const page = Math.floor(index / PAGE_SIZE);
        if (this.source && !asked.has(page)) {
          asked.add(page);
          this.source.load(index).then(() => this.schedule(), (error) => this.failed(error));
        }
        rows.push(h('tr', { class: 'at-row at-loading', 'aria-rowindex': String(index + 2) },
          h('td', { colspan: String(this.columns.length + 2) }, s('loading'))));
        continue;
      }
      rows.push(this.rowElement(feature, index));
    }
    const spacer = (height) => h('tr', { class: 'at-spacer', 'aria-hidden': 'true', style: { height: `${height}px` } }, h('td', { colspan: String(this.columns.length + 2) }));
    this.body.replaceChildren(spacer(first * ROW_HEIGHT), ...rows, spacer((total - last) * ROW_HEIGHT));
    if (focusKey) this.body.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  rowElement(feature, index) {
    const selected = this.selected.has(feature.id);
    const name = feature.properties.name || t('popup.featureNo', { id: feature.id });
    const checkbox = h('input', {
      type: 'checkbox', class: 'at-select', checked: selected, 'aria-label': s('selectRow', name), dataset: { focusKey: `${feature.id}:select` },
      onclick: (event) => {
        event.stopPropagation();
        this.toggle(feature);
      },
    });
    return h('tr', {
      class: `at-row${selected ? ' is-selected' : ''}`,
      'aria-rowindex': String(index + 2),
      'aria-selected': String(selected),
      dataset: { id: feature.id, index },
      onclick: (event) => this.rowClicked(event, feature, index),
    },
    h('td', { class: 'at-select-col' }, checkbox),
    h('td', { class: 'at-id' }, String(feature.id)),
    this.columns.map((column) => this.cell(feature, column)));
  }

  cell(feature, column) {
    const value = feature.properties[column.name];
    const text = formatValue(this.layer, column.name, value);
    if (!this.editable.has(column.name)) return h('td', { dataset: { field: column.name }, title: text }, text);
    const label = `${s('edit', attributeLabel(this.layer, column.name))}: ${text}`;
    return h('td', {
      class: 'at-editable', tabindex: '0', dataset: { field: column.name, focusKey: `${feature.id}:${column.name}` }, title: s('editHint'), 'aria-label': label,
      ondblclick: (event) => this.edit(event.currentTarget, feature, column),
      onkeydown: (event) => {
        if (event.key === 'Enter' || event.key === 'F2') {
          event.preventDefault();
          this.edit(event.currentTarget, feature, column);
        }
      },
    }, text);
  }

  // ---- selection ----------------------------------------------------------------------

  rowClicked(event, feature, index) {
    if (event.target.closest('input, select, button, .at-editing')) return;
    if (event.shiftKey && this.anchor !== undefined) {
      const [from, to] = [Math.min(this.anchor, index), Math.max(this.anchor, index)];
      const range = [];
      for (let i = from; i <= to; i += 1) if (this.row(i)) range.push(this.row(i));
      this.select(range, { only: !(event.ctrlKey || event.metaKey) });
      return;
    }
    this.anchor = index;
    if (event.ctrlKey || event.metaKey) this.toggle(feature);
    else this.select([feature], { only: true });
  }

  toggle(feature) {
    if (this.selected.has(feature.id)) this.selected.delete(feature.id);
    else this.selected.set(feature.id, feature);
    this.selectionChanged();
  }

  select(features, { only = false } = {}) {
    if (only) this.selected.clear();
    for (const feature of features) this.selected.set(feature.id, feature);
    this.selectionChanged();
  }

  selectionChanged() {
    this.selectionLayer.clearLayers();
    const drawn = [...this.selected.values()].slice(0, MAX_DRAWN);
    this.selectionLayer.addData(drawn.filter((feature) => feature.geometry));
    if (this.selected.size > MAX_DRAWN) toast(s('truncated', MAX_DRAWN), 'info');
    this.dock.dataset.selected = String(this.selected.size);
    // Rows are marked in place: redrawing them would replace a row under a double-click.
    if (this.selectedBox.checked) this.reload();
    else this.updateStatus();
  }

  /** A feature of the table's layer clicked on the map selects its row. */
  async onMapClick({ layer, id }) {
    if (!this.layer || layer.slug !== this.layer.slug || id === undefined || id === null || !modes.isBrowsing()) return;
    const found = this.source ? [...this.source.loaded()].find(([, feature]) => feature.id === id) : null;
    const feature = found?.[1] ?? this.selected.get(id) ?? await api.feature(layer.slug, id).catch(() => null);
    if (!feature) return;
    this.select([feature], { only: true });
    if (found) {
      const [index] = found;
      const top = index * ROW_HEIGHT;
      if (top < this.scroller.scrollTop || top > this.scroller.scrollTop + this.scroller.clientHeight - ROW_HEIGHT) {
        this.scroller.scrollTop = Math.max(0, top - this.scroller.clientHeight / 2);
        this.render();
      }
    }
  }

  zoomToSelection() {
    const bounds = this.selectionLayer.getBounds();
    if (!bounds.isValid()) return;
    this.map.fitBounds(bounds, { maxZoom: 17, padding: [30, 30] });
  }

  async exportSelection(format) {
    if (!this.selected.size) return;
    try {
      await downloadSelection(this.layer.slug, [...this.selected.keys()], format);
    } catch (error) {
      this.showMessage(error.message);
    }
  }

  // ---- drawn area, statistics ---------------------------------------------------------

  async draw() {
    this.showMessage(s('drawing'));
    const shape = await drawShape(this.map);
    this.showMessage('');
    if (shape) this.setShape(shape);
  }

  setShape(shape, { reload = true } = {}) {
    this.shape = shape;
    this.shapeOverlay?.remove();
    this.shapeOverlay = shape ? shapeLayer(shape).addTo(this.map) : null;
    this.clearShapeButton.hidden = !shape;
    this.dock.dataset.shape = shape ? 'on' : '';
    if (reload) this.reload();
  }

  toggleStatistics() {
    const open = this.stats.hidden;
    this.stats.hidden = !open;
    this.statsButton.setAttribute('aria-expanded', String(open));
    if (open) this.loadStatistics();
  }

  async loadStatistics() {
    this.statsController?.abort();
    this.statsController = new AbortController();
    this.stats.replaceChildren(h('p', { class: 'hint' }, s('loading')));
    const query = this.query();
    if (this.selectedBox.checked) Object.assign(query, { filters: {}, bbox: null, shape: null, ids: [...this.selected.keys()].slice(0, 500) });
    if (query.ids && !query.ids.length) {
      this.stats.replaceChildren(h('p', { class: 'hint' }, s('empty')));
      return;
    }
    try {
      const stats = await fetchStatistics(this.layer.slug, query, { signal: this.statsController.signal });
      this.stats.replaceChildren(h('h3', { class: 'at-stats-title' }, s('stats')), statisticsView(this.layer, stats));
    } catch (error) {
      if (error.name !== 'AbortError') this.stats.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, error.message));
    }
  }

  // ---- editing a cell -----------------------------------------------------------------

  edit(cell, feature, column) {
    if (this.editing) return;
    const shown = feature.properties[column.name];
    const input = cellInput(this.layer, column, shown);
    const note = h('span', { class: 'at-cell-message', role: 'alert' });
    this.editing = { cell, feature, column };
    cell.classList.add('at-editing');
    cell.replaceChildren(input, note);
    input.focus();
    let busy = false;
    const finish = () => {
      this.editing = null;
      this.render();
    };
    const save = async () => {
      if (busy) return;
      const value = inputValue(column, input.value);
      if (value === shown || (value === null && (shown === null || shown === ''))) {
        finish();
        return;
      }
      busy = true;
      note.textContent = s('saving');
      cell.removeAttribute('aria-invalid');
      try {
        const stored = await saveCell(this.layer, feature.id, column, shown, value);
        Object.assign(feature.properties, stored.properties);
        this.catalogue.refresh(this.layer.slug);
        toast(s('saved'), 'success');
        finish();
      } catch (error) {
        if (error.feature) Object.assign(feature.properties, error.feature.properties);
        cell.setAttribute('aria-invalid', 'true');
        cell.classList.add('at-cell-error');
        note.textContent = error.message;
        busy = false;
        input.focus();
      }
    };
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Enter') {
        event.preventDefault();
        save();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        finish();
      }
    });
    if (input.tagName === 'SELECT') input.addEventListener('change', save);
  }
}


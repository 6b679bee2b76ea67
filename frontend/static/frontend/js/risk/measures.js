// "Мерки за намаляване на риска" for a finished scenario: the programme's measures that reduce
// this hazard, a form for a new one (its place drawn with Leaflet-Geoman or taken from the map
// view), the ranking by risk reduced per euro (202 + polling), and the annual plan. A measure's
// status is changed in place with If-Match: a change someone else made meanwhile is shown, not lost.
import { ApiError, etagOf } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, toast } from '../ui.js';
import { ACTIVE, riskApi } from './api.js';

const POLL_MS = 1000;
const KINDS = ['new_shelter', 'retrofit', 'flood_wall'];
const HAZARDS = { flood_wall: ['flood'], retrofit: ['earthquake'], new_shelter: ['earthquake', 'flood', 'landslide', 'industrial'] };
const STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'cancelled'];
const DEFAULTS = { capacity: 500, median_factor: 1.5 };
const PLACE_STYLE = { color: '#1b5e20', weight: 2, fillColor: '#66bb6a', fillOpacity: 0.25 };

const number = (value, digits = 0) => (value === null || value === undefined || Number.isNaN(Number(value)) ? '—'
  : formatNumber(Number(value), { maximumFractionDigits: digits }));
const lev = (value) => (value === null || value === undefined ? '—' : `${number(value, 2)} €`);
// Risk reduced per million euro: per euro the figures are too small to read.
const perLev = (value) => (value === null || value === undefined ? '—'
  : formatNumber(Number(value) * 1e6, { maximumSignificantDigits: 3 }));
const present = (...nodes) => nodes.filter((node) => node !== null && node !== undefined && node !== false);
const applies = (kind, hazard) => (HAZARDS[kind] || []).includes(hazard);

export class MeasuresSection {
  constructor(map, { pane, isCurrent }) {
    this.map = map;
    this.pane = pane;
    this.isCurrent = isCurrent; // (scenarioId) => bool: the panel still shows this scenario
    this.place = null; // GeoJSON geometry of the new measure
    this.preview = null;
    this.drawing = false;
    this.rankTimer = null;
    this.versions = new Map(); // measure id → the ETag the user's next change rests on
    this.onCreate = (event) => {
      if (!this.drawing) return;
      this.setPlace(event.layer.toGeoJSON(7).geometry);
      event.layer.remove();
      this.stopDrawing();
      this.drawButton?.focus();
    };
    this.onDrawEnd = () => { if (this.drawing) this.stopDrawing(); };
  }

  // The section's element for a finished scenario.
  element(scenario) {
    this.scenario = scenario;
    clearTimeout(this.rankTimer);
    this.stopDrawing();
    this.clearPlace();
    const kinds = KINDS.filter((kind) => applies(kind, scenario.kind));
    const defaultKind = kinds[0] || 'new_shelter';

    this.list = h('ul', { class: 'risk-measures', id: 'risk-measures', 'aria-labelledby': 'risk-measures-list-title' });
    this.listHint = h('p', { class: 'hint' }, t('risk.loading'));

    this.nameInput = h('input', { type: 'text', id: 'risk-measure-name', maxlength: 200, autocomplete: 'off', required: true });
    this.kindSelect = h('select', { id: 'risk-measure-kind', onchange: () => this.syncKind() },
      KINDS.map((kind) => h('option', { value: kind, selected: kind === defaultKind }, t(`risk.measureKind.${kind}`))));
    this.costInput = h('input', { type: 'number', id: 'risk-measure-cost', min: 0.01, step: 0.01, inputmode: 'decimal', required: true });
    this.capacityInput = h('input', { type: 'number', id: 'risk-measure-capacity', min: 1, max: 100000, step: 1, value: DEFAULTS.capacity, inputmode: 'numeric' });
    this.factorInput = h('input', { type: 'number', id: 'risk-measure-factor', min: 1, max: 5, step: 0.1, value: DEFAULTS.median_factor, inputmode: 'decimal', 'aria-describedby': 'risk-measure-factor-hint' });
    this.statusSelect = h('select', { id: 'risk-measure-status' },
      STATUSES.map((status) => h('option', { value: status, selected: status === 'proposed' }, t(`risk.measureStatus.${status}`))));
    this.yearInput = h('input', { type: 'number', id: 'risk-measure-year', min: 2000, max: 2100, step: 1, value: new Date().getFullYear(), inputmode: 'numeric' });
    this.drawButton = h('button', { type: 'button', class: 'btn btn-small', id: 'risk-measure-draw', 'aria-pressed': 'false', onclick: () => (this.drawing ? this.stopDrawing() : this.startDrawing()) });
    this.viewButton = h('button', { type: 'button', class: 'btn btn-small', id: 'risk-measure-from-view', onclick: () => this.placeFromView() });
    this.placeStatus = h('p', { class: 'hint risk-measure-place', id: 'risk-measure-place', role: 'status' });
    this.shelterFields = h('div', { class: 'field' }, h('label', { for: 'risk-measure-capacity' }, t('risk.measure.capacity')), this.capacityInput);
    this.retrofitFields = h('div', {},
      h('div', { class: 'field' }, h('label', { for: 'risk-measure-factor' }, t('risk.measure.factor')), this.factorInput),
      h('p', { class: 'hint', id: 'risk-measure-factor-hint' }, t('risk.measure.factorHint')));
    this.addButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'risk-measure-add' }, t('risk.measure.add'));
    this.form = h('form', { class: 'risk-form risk-measure-form', id: 'risk-measure-form', 'aria-labelledby': 'risk-measure-new-title', onsubmit: (event) => { event.preventDefault(); this.submit(); } },
      h('h4', { class: 'risk-subtitle', id: 'risk-measure-new-title' }, t('risk.measure.new')),
      h('div', { class: 'field' }, h('label', { for: 'risk-measure-name' }, t('risk.measure.name')), this.nameInput),
      h('div', { class: 'risk-pair' },
        h('div', { class: 'field' }, h('label', { for: 'risk-measure-kind' }, t('risk.measure.kind')), this.kindSelect),
        h('div', { class: 'field' }, h('label', { for: 'risk-measure-cost' }, t('risk.measure.cost')), this.costInput)),
      h('fieldset', { class: 'risk-fieldset' },
        h('legend', {}, t('risk.measure.place')),
        h('div', { class: 'button-row' }, this.drawButton, this.viewButton),
        this.placeStatus),
      this.shelterFields,
      this.retrofitFields,
      h('div', { class: 'risk-pair' },
        h('div', { class: 'field' }, h('label', { for: 'risk-measure-status' }, t('risk.measure.status')), this.statusSelect),
        h('div', { class: 'field' }, h('label', { for: 'risk-measure-year' }, t('risk.measure.year')), this.yearInput)),
      h('div', { class: 'button-row' }, this.addButton));

    this.rankButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'risk-rank', onclick: () => this.rank() }, t('risk.rank'));
    this.ranking = h('div', { class: 'risk-ranking', id: 'risk-ranking', 'aria-live': 'polite' });

    this.planYear = h('input', { type: 'number', id: 'risk-plan-year', min: 2000, max: 2100, step: 1, value: new Date().getFullYear(), inputmode: 'numeric' });
    this.plan = h('div', { class: 'risk-plan', id: 'risk-plan', 'aria-live': 'polite' });
    const planForm = h('form', { class: 'risk-plan-form', 'aria-labelledby': 'risk-plan-title', onsubmit: (event) => { event.preventDefault(); this.loadPlan(); } },
      h('div', { class: 'field' }, h('label', { for: 'risk-plan-year' }, t('risk.plan.year')), this.planYear),
      h('button', { type: 'submit', class: 'btn btn-small', id: 'risk-plan-show' }, t('risk.plan.show')));

    this.syncKind();
    this.loadMeasures();
    return h('section', { class: 'risk-block risk-measures-block', id: 'risk-measures-section', 'aria-labelledby': 'risk-measures-title' },
      h('h3', { class: 'risk-subtitle', id: 'risk-measures-title' }, t('risk.measures')),
      h('h4', { class: 'risk-subtitle risk-subtitle-small', id: 'risk-measures-list-title' }, t('risk.measures.list')),
      this.listHint, this.list,
      h('div', { class: 'button-row' }, this.rankButton),
      this.ranking,
      this.form,
      h('section', { class: 'risk-block', 'aria-labelledby': 'risk-plan-title' },
        h('h4', { class: 'risk-subtitle', id: 'risk-plan-title' }, t('risk.plan')),
        planForm, this.plan));
  }

  dispose() {
    clearTimeout(this.rankTimer);
    this.stopDrawing();
    this.clearPlace();
  }

  // ---- the measures ---------------------------------------------------------------------
  async loadMeasures(checked = null) {
    const scenario = this.scenario;
    const previous = checked || new Set([...this.list.querySelectorAll('input:checked')].map((box) => Number(box.value)));
    try {
      const page = await riskApi.measures();
      if (this.scenario !== scenario) return;
      const measures = (page.results || page).filter((m) => applies(m.kind, scenario.kind) && m.status !== 'cancelled');
      this.listHint.hidden = measures.length > 0;
      this.listHint.textContent = t('risk.measures.none');
      this.list.replaceChildren(...measures.map((m) => {
        const id = `risk-measure-use-${m.id}`;
        const statusId = `risk-measure-status-${m.id}`;
        const status = h('select', { id: statusId, class: 'risk-measure-status-select', dataset: { action: 'measure-status' } },
          STATUSES.map((value) => h('option', { value, selected: value === m.status }, t(`risk.measureStatus.${value}`))));
        const conflict = h('div', { class: 'risk-measure-conflict', hidden: true });
        const item = h('li', { class: 'risk-measure', dataset: { id: m.id, kind: m.kind } },
          h('input', { type: 'checkbox', id, value: m.id, checked: previous.size === 0 || previous.has(m.id) }),
          h('label', { for: id },
            h('span', { class: 'risk-measure-name' }, m.name),
            h('span', { class: 'risk-measure-meta' }, `${m.kind_label} · ${lev(m.cost_eur)}${m.plan_year ? ` · ${m.plan_year}` : ''}`)),
          h('span', { class: 'risk-measure-status-field' },
            h('label', { for: statusId, class: 'visually-hidden' }, t('risk.measure.statusOf', { name: m.name })), status),
          conflict);
        status.addEventListener('change', () => this.changeStatus(m, status, conflict));
        return item;
      }));
      this.rankButton.disabled = measures.length === 0;
    } catch (error) {
      this.listHint.hidden = false;
      this.listHint.textContent = t('risk.error', { message: error.message });
    }
  }

  /**
   * The version (ETag) a change of the measure rests on. The list carries no versions, so the
   * first change reads the measure once: if it no longer matches the list the user sees,
   * someone changed it in between, and that is a conflict too (the map editor does the same).
   */
  async baseVersion(measure) {
    if (this.versions.has(measure.id)) return this.versions.get(measure.id);
    const current = await riskApi.measure(measure.id);
    const etag = etagOf(current);
    if (current.updated_at !== measure.updated_at) {
      throw new ApiError(412, { error: 'precondition_failed', detail: t('risk.measure.conflictSinceLoaded'), current_etag: etag });
    }
    this.versions.set(measure.id, etag);
    return etag;
  }

  async changeStatus(measure, select, conflict, { ifMatch = null } = {}) {
    const wanted = select.value;
    conflict.hidden = true;
    conflict.replaceChildren();
    select.disabled = true;
    try {
      const version = ifMatch || await this.baseVersion(measure);
      const saved = await riskApi.updateMeasure(measure.id, { status: wanted }, version);
      Object.assign(measure, saved);
      this.versions.set(measure.id, etagOf(saved));
      toast(t('risk.measure.statusSaved', { name: saved.name, status: saved.status_label }), 'success');
    } catch (error) {
      select.value = measure.status;
      if (error instanceof ApiError && error.status === 412) this.showConflict(measure, select, conflict, error, wanted);
      else toast(t('risk.error', { message: error.message }), 'error');
    } finally {
      select.disabled = false;
    }
  }

  /** Someone else changed the measure: say so, and let the user reload it or save over it. */
  showConflict(measure, select, conflict, error, wanted) {
    conflict.replaceChildren(
      h('p', { class: 'form-error', role: 'alert' }, h('strong', {}, t('risk.measure.conflictTitle')), ' ', error.message),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'conflict-reload' }, onclick: () => {
          this.versions.delete(measure.id);
          this.loadMeasures();
        } }, t('risk.measure.conflictReload')),
        h('button', { type: 'button', class: 'btn btn-small btn-danger', dataset: { action: 'conflict-overwrite' }, onclick: () => {
          // Overwrite on purpose: the change now rests on the version the user was told about.
          select.value = wanted;
          this.changeStatus(measure, select, conflict, { ifMatch: error.body.current_etag });
        } }, t('risk.measure.conflictOverwrite', { status: t(`risk.measureStatus.${wanted}`) }))));
    conflict.hidden = false;
  }

  syncKind() {
    const kind = this.kindSelect.value;
    const point = kind === 'new_shelter';
    this.shelterFields.hidden = !point;
    this.retrofitFields.hidden = kind !== 'retrofit';
    this.drawButton.textContent = t(point ? 'risk.measure.drawPoint' : 'risk.measure.drawPolygon');
    this.viewButton.textContent = t(point ? 'risk.measure.viewCentre' : 'risk.measure.viewArea');
    if (this.place && (this.place.type === 'Point') !== point) this.clearPlace();
    if (this.drawing) this.stopDrawing();
    this.syncPlaceStatus();
  }

  // Geoman draws when the page loaded it (editors); otherwise a small drawer of our own:
  // a click places the point or adds a vertex, a double-click or Enter closes the area,
  // Escape cancels. Clicks are taken before Leaflet sees them, so no feature popup opens.
  startDrawing() {
    const point = this.kindSelect.value === 'new_shelter';
    if (this.map.pm) {
      this.map.pm.disableDraw();
      this.map.pm.enableDraw(point ? 'Marker' : 'Polygon', {
        continueDrawing: false,
        pathOptions: { ...PLACE_STYLE, pmIgnore: true },
        templineStyle: { color: PLACE_STYLE.color, dashArray: '5 5' },
        hintlineStyle: { color: PLACE_STYLE.color, dashArray: '5 5' },
      });
      // Listen only once the mode is on: switching modes ends the previous one with pm:drawend.
      this.map.on('pm:create', this.onCreate);
      this.map.on('pm:drawend', this.onDrawEnd);
    } else {
      this.vertices = [];
      this.sketch = L.polyline([], { ...PLACE_STYLE, pane: this.pane, dashArray: '5 5', interactive: false }).addTo(this.map);
      this.onClick = (event) => {
        event.preventDefault();
        event.stopImmediatePropagation();
        const latlng = this.map.mouseEventToLatLng(event);
        if (point) {
          this.finishOwn([[latlng.lng, latlng.lat]], true);
          return;
        }
        if (this.vertices.length >= 3) {
          const first = this.map.latLngToContainerPoint([this.vertices[0][1], this.vertices[0][0]]);
          if (first.distanceTo(this.map.latLngToContainerPoint(latlng)) < 10) { this.finishOwn(this.vertices, false); return; }
        }
        this.vertices.push([latlng.lng, latlng.lat]);
        this.sketch.setLatLngs(this.vertices.map(([x, y]) => [y, x]));
      };
      this.onDblClick = (event) => {
        event.preventDefault();
        event.stopImmediatePropagation();
        this.finishOwn(this.vertices, false);
      };
      this.onKey = (event) => {
        if (event.key === 'Escape') { this.stopDrawing(); this.drawButton.focus(); }
        if (event.key === 'Enter' && this.vertices.length >= 3) { event.preventDefault(); this.finishOwn(this.vertices, false); }
      };
      const container = this.map.getContainer();
      container.addEventListener('click', this.onClick, true);
      container.addEventListener('dblclick', this.onDblClick, true);
      document.addEventListener('keydown', this.onKey);
      container.classList.add('risk-picking');
      this.map.doubleClickZoom.disable();
    }
    this.drawing = true;
    this.drawButton.setAttribute('aria-pressed', 'true');
    this.placeStatus.textContent = t(point ? 'risk.measure.drawingPoint' : 'risk.measure.drawingPolygon');
  }

  finishOwn(vertices, point) {
    const unique = vertices.filter((v, i) => i === 0 || v[0] !== vertices[i - 1][0] || v[1] !== vertices[i - 1][1]);
    const round = ([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))];
    if (point) {
      this.stopDrawing();
      this.setPlace({ type: 'Point', coordinates: round(unique[0]) });
    } else {
      if (unique.length < 3) return;
      this.stopDrawing();
      const ring = unique.map(round);
      this.setPlace({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
    }
    this.drawButton.focus();
  }

  stopDrawing() {
    if (!this.drawing) return;
    this.drawing = false;
    if (this.map.pm) {
      this.map.off('pm:create', this.onCreate);
      this.map.off('pm:drawend', this.onDrawEnd);
      this.map.pm.disableDraw();
    } else {
      const container = this.map.getContainer();
      container.removeEventListener('click', this.onClick, true);
      container.removeEventListener('dblclick', this.onDblClick, true);
      document.removeEventListener('keydown', this.onKey);
      container.classList.remove('risk-picking');
      this.map.doubleClickZoom.enable();
      this.sketch?.remove();
      this.sketch = null;
    }
    this.drawButton?.setAttribute('aria-pressed', 'false');
    this.syncPlaceStatus();
  }

  placeFromView() {
    if (this.kindSelect.value === 'new_shelter') {
      const centre = this.map.getCenter();
      this.setPlace({ type: 'Point', coordinates: [Number(centre.lng.toFixed(6)), Number(centre.lat.toFixed(6))] });
      return;
    }
    // The middle half of the view, so the area stays where the user is looking.
    const b = this.map.getBounds();
    const [w, e, s, n] = [b.getWest(), b.getEast(), b.getSouth(), b.getNorth()];
    const dx = (e - w) / 4;
    const dy = (n - s) / 4;
    const ring = [[w + dx, s + dy], [e - dx, s + dy], [e - dx, n - dy], [w + dx, n - dy], [w + dx, s + dy]]
      .map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))]);
    this.setPlace({ type: 'Polygon', coordinates: [ring] });
  }

  setPlace(geometry) {
    this.clearPlace();
    this.place = geometry;
    this.preview = L.geoJSON(geometry, {
      pane: this.pane,
      interactive: false,
      style: () => PLACE_STYLE,
      pointToLayer: (_feature, latlng) => L.circleMarker(latlng, { ...PLACE_STYLE, pane: this.pane, radius: 8, fillOpacity: 0.8, interactive: false }),
    }).addTo(this.map);
    this.syncPlaceStatus();
  }

  clearPlace() {
    this.preview?.remove();
    this.preview = null;
    this.place = null;
  }

  syncPlaceStatus() {
    if (!this.placeStatus || this.drawing) return;
    const place = this.place;
    if (!place) this.placeStatus.textContent = t('risk.measure.noPlace');
    else if (place.type === 'Point') {
      this.placeStatus.textContent = t('risk.measure.placePoint', { lat: place.coordinates[1].toFixed(4), lon: place.coordinates[0].toFixed(4) });
    } else {
      this.placeStatus.textContent = t('risk.measure.placePolygon', { count: place.coordinates[0].length - 1 });
    }
    this.placeStatus.dataset.placed = place ? place.type : '';
  }

  async submit() {
    if (!this.form.reportValidity()) return;
    const kind = this.kindSelect.value;
    if (!this.place) {
      this.placeStatus.textContent = t('risk.measure.needPlace');
      this.drawButton.focus();
      return;
    }
    const parameters = {};
    if (kind === 'new_shelter') parameters.capacity = Number(this.capacityInput.value) || DEFAULTS.capacity;
    if (kind === 'retrofit') parameters.median_factor = Number(this.factorInput.value) || DEFAULTS.median_factor;
    const body = {
      name: this.nameInput.value.trim(),
      kind,
      cost_eur: Number(this.costInput.value).toFixed(2),
      place: this.place,
      parameters,
      status: this.statusSelect.value,
      plan_year: this.yearInput.value ? Number(this.yearInput.value) : null,
    };
    this.addButton.disabled = true;
    try {
      const measure = await riskApi.createMeasure(body);
      toast(t('risk.measure.added', { name: measure.name }), 'success');
      const checked = new Set([...this.list.querySelectorAll('input:checked')].map((box) => Number(box.value)));
      checked.add(measure.id);
      this.nameInput.value = '';
      this.costInput.value = '';
      this.clearPlace();
      this.syncPlaceStatus();
      await this.loadMeasures(checked);
      this.nameInput.focus();
    } catch (error) {
      toast(t('risk.error', { message: error.message }), 'error');
    } finally {
      this.addButton.disabled = false;
    }
  }

  // ---- the ranking ----------------------------------------------------------------------
  async rank() {
    const scenario = this.scenario;
    const ids = [...this.list.querySelectorAll('input:checked')].map((box) => Number(box.value));
    if (!ids.length) {
      this.ranking.replaceChildren(h('p', { class: 'risk-error', role: 'alert' }, t('risk.rank.noneChosen')));
      return;
    }
    this.rankButton.disabled = true;
    clearTimeout(this.rankTimer);
    try {
      const job = await riskApi.rank(scenario.id, { measures: ids });
      this.showRanking(job);
    } catch (error) {
      this.rankButton.disabled = false;
      this.ranking.replaceChildren(h('p', { class: 'risk-error', role: 'alert' }, t('risk.error', { message: error.message })));
    }
  }

  async pollRanking(id) {
    if (!this.isCurrent(this.scenario?.id)) return;
    try {
      this.showRanking(await riskApi.ranking(id));
    } catch (error) {
      this.rankTimer = setTimeout(() => this.pollRanking(id), POLL_MS * 3);
    }
  }

  showRanking(job) {
    this.ranking.dataset.status = job.status;
    this.ranking.dataset.id = job.id;
    if (ACTIVE.has(job.status)) {
      const text = `${t(`risk.status.${job.status}`)} · ${job.progress} %${job.message ? ` — ${job.message}` : ''}`;
      const bar = this.ranking.querySelector('progress');
      if (bar) {
        bar.value = job.progress;
        bar.setAttribute('aria-valuetext', `${job.progress} %`);
        this.ranking.querySelector('.risk-progress-text').textContent = text;
      } else {
        this.ranking.replaceChildren(
          h('label', { for: 'risk-ranking-progress', class: 'visually-hidden' }, t('risk.rank.progress')),
          h('progress', { id: 'risk-ranking-progress', class: 'risk-progress', max: 100, value: job.progress, 'aria-valuetext': `${job.progress} %` }),
          h('p', { class: 'risk-progress-text hint' }, text));
      }
      this.rankTimer = setTimeout(() => this.pollRanking(job.id), POLL_MS);
      return;
    }
    this.rankButton.disabled = false;
    if (job.status !== 'done') {
      this.ranking.replaceChildren(h('p', { class: 'risk-error', role: 'alert' }, `${t('risk.status.failed')}: ${job.message || job.error || ''}`));
      return;
    }
    const basis = job.risk_basis;
    this.ranking.replaceChildren(this.rankingTable(job.rows || [], basis),
      basis?.note ? h('p', { class: 'hint risk-rank-basis', role: 'note' },
        h('span', { class: 'risk-basis risk-basis-assumption' }, t('risk.rank.assumption')), ' ', basis.note) : '');
  }

  rankingTable(rows, basis) {
    const sorted = [...rows].sort((a, b) => (b.risk_reduced_per_eur - a.risk_reduced_per_eur) || (a.rank - b.rank));
    const unit = basis?.unit_label || t('risk.rank.unit');
    const deficit = (r) => (r.shelter_deficit_before === undefined ? number(r.shelter_deficit_after)
      : `${number(r.shelter_deficit_before)} → ${number(r.shelter_deficit_after)}`);
    const columns = [
      ['rank', t('risk.rank.col.rank'), (r, i) => String(i + 1)],
      ['name', t('risk.rank.col.name'), (r) => r.name],
      ['cost_eur', t('risk.rank.col.cost'), (r) => lev(r.cost_eur)],
      ['risk_reduced', t('risk.rank.col.reduced', { unit }), (r) => number(r.risk_reduced, 1)],
      ['shelter_deficit', t('risk.rank.col.deficit'), deficit],
      ['risk_reduced_per_eur', t('risk.rank.col.perLev', { unit }), (r) => perLev(r.risk_reduced_per_eur)],
    ];
    return h('div', { class: 'risk-table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'risk-ranking-caption' },
      h('table', { class: 'risk-table', id: 'risk-ranking-table' },
        h('caption', { id: 'risk-ranking-caption' }, t('risk.rank.caption')),
        h('thead', {}, h('tr', {}, columns.map(([key, label]) => h('th', { scope: 'col', class: ['name'].includes(key) ? '' : 'num' }, label)))),
        h('tbody', {}, sorted.map((row, index) => h('tr', { dataset: { measure: row.measure, perLev: row.risk_reduced_per_eur } },
          columns.map(([key, , value]) => (key === 'name'
            ? h('th', { scope: 'row' }, value(row, index))
            : h('td', { class: 'num', dataset: { key } }, value(row, index)))))))));
  }

  // ---- the annual plan ------------------------------------------------------------------
  async loadPlan() {
    const year = Number(this.planYear.value);
    if (!this.planYear.reportValidity() || !year) return;
    this.plan.replaceChildren(h('p', { class: 'hint' }, t('risk.loading')));
    try {
      const plan = await riskApi.plan(year);
      const measures = plan.measures || [];
      const statusCounts = Object.entries(plan.by_status || {}).filter(([, v]) => v.count > 0);
      this.plan.replaceChildren(...present(
        measures.length ? h('div', { class: 'risk-table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'risk-plan-caption' },
          h('table', { class: 'risk-table', id: 'risk-plan-table' },
            h('caption', { id: 'risk-plan-caption' }, t('risk.plan.caption', { year: plan.year })),
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col' }, t('risk.rank.col.name')),
              h('th', { scope: 'col' }, t('risk.measure.status')),
              h('th', { scope: 'col', class: 'num' }, t('risk.rank.col.cost')),
              h('th', { scope: 'col', class: 'num' }, t('risk.rank.col.perLev', { unit: t('risk.rank.unit') })))),
            h('tbody', {}, measures.map((m) => h('tr', { dataset: { id: m.id, status: m.status } },
              h('th', { scope: 'row' }, m.name),
              h('td', {}, h('span', { class: `risk-measure-status risk-measure-status-${m.status}` }, m.status_label)),
              h('td', { class: 'num' }, lev(m.cost_eur)),
              h('td', { class: 'num' }, perLev(m.latest_ranking?.risk_reduced_per_eur))))))) : h('p', { class: 'hint' }, t('risk.plan.empty', { year: plan.year })),
        statusCounts.length ? h('ul', { class: 'risk-plan-statuses' }, statusCounts.map(([status, v]) => h('li', {},
          `${t(`risk.measureStatus.${status}`)}: ${v.count} · ${lev(v.cost_eur)}`))) : null,
        h('p', { class: 'risk-plan-total', id: 'risk-plan-total' }, t('risk.plan.total', { cost: lev(plan.total_cost_eur) }))));
    } catch (error) {
      this.plan.replaceChildren(h('p', { class: 'risk-error', role: 'alert' }, t('risk.error', { message: error.message })));
    }
  }
}

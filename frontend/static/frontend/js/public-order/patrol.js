// The "План за патрулиране" section of the public-order panel: propose a patrol route from the
// current hot-spot (or density) result within a length, see it on the map with numbered stops,
// draw or edit areas and routes with Geoman, give each a crew and times, save the plan, list the
// saved plans and download a plan's PDF for the sector head.
import { request, ApiError, formatDetail } from '../api.js';
import { bgTranslations } from '../geoman-bg.js';
import { formatNumber } from '../i18n.js';
import { modes } from '../modes.js';
import { h, toast } from '../ui.js';
import { s } from './strings.js';

const MODE = 'patrol-draw';

const URL = '/api/public-order/patrols/';
const PANE = 'public-order';
const CREW_COLOURS = ['#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#5d4037', '#ad1457'];
const SNAP = { snappable: true, snapDistance: 15, allowSelfIntersection: false };

const errorText = (error) => (error instanceof ApiError ? formatDetail(error.detail) || error.message : String(error));
const tomorrow = () => new Date(Date.now() + 86400000).toISOString().slice(0, 10);

export class PatrolPlanner {
  constructor(map, container, { analysis, readOnly = false }) {
    this.map = map;
    this.readOnly = readOnly; // the duty operator reads the saved plans and their PDFs
    this.container = container;
    this.analysis = analysis; // () => the hot-spot result shown now, or null
    this.group = L.featureGroup([], { pmIgnore: false }).addTo(map);
    this.parts = []; // {kind: 'area'|'route', layer, crew, from, to, stops, markers}
    this.planId = null;
    this.method = {};
    this.drawing = null;
    this.editing = false;
    // Geoman's create event reaches every tool on the map; this section takes only what it asked for.
    if (map.pm && !map.pm.getGlobalOptions?.().layerGroup) {
      // No layer editor on this map (an analyst's): this section sets Geoman up itself.
      map.pm.setLang('bg_custom', bgTranslations(), 'en');
      map.pm.setGlobalOptions({ ...SNAP, finishOnEnter: true, exitModeOnEscape: true });
    }
    map.on('pm:create', (event) => {
      if (!this.drawing) return;
      const kind = this.drawing;
      const { layer } = event;
      this.drawing = null;
      // After every other handler (the layer editor drops shapes it did not ask for), take it over.
      queueMicrotask(() => {
        const holder = map.pm.getGlobalOptions?.().layerGroup;
        if (holder && holder !== map && holder.hasLayer?.(layer)) holder.removeLayer(layer);
        this.addPart(kind, layer, {});
        this.renderDrawButtons();
      });
    });
    map.on('pm:drawend', () => {
      this.drawing = null;
      if (!this.editing) modes.leave(MODE);
      this.renderDrawButtons();
    });
    // While a patrol shape is drawn or edited, map clicks place vertices: no feature popups.
    modes.register(MODE, () => {
      if (this.drawing) this.map.pm.disableDraw();
      if (this.editing) this.toggleEdit();
    });
    this.render();
  }

  field(label, control) {
    return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
  }

  render() {
    this.lengthInput = h('input', { type: 'number', id: 'po-patrol-length', value: 6000, min: 200, max: 60000, step: 100 });
    this.stationSelect = h('select', { id: 'po-patrol-station' }, h('option', { value: '' }, s('nearestStation')));
    this.proposeButton = h('button', { type: 'button', class: 'btn', id: 'po-patrol-propose', onclick: () => this.propose() }, s('proposePatrol'));
    this.proposal = h('div', { class: 'po-patrol-proposal', id: 'po-patrol-proposal', 'aria-live': 'polite' });
    this.dateInput = h('input', { type: 'date', id: 'po-plan-date', value: tomorrow(), required: true });
    this.startInput = h('input', { type: 'time', id: 'po-plan-start', value: '08:00', required: true });
    this.endInput = h('input', { type: 'time', id: 'po-plan-end', value: '20:00', required: true });
    this.overnightInput = h('input', { type: 'checkbox', id: 'po-plan-overnight' });
    this.sectorInput = h('input', { type: 'text', id: 'po-plan-sector', maxlength: 200, required: true });
    this.unitInput = h('input', { type: 'text', id: 'po-plan-unit', maxlength: 200 });
    this.notesInput = h('textarea', { id: 'po-plan-notes', rows: 2, maxlength: 4000 });
    this.drawButtons = h('div', { class: 'button-row', id: 'po-plan-draw' });
    this.partsList = h('ol', { class: 'po-plan-parts', id: 'po-plan-parts' });
    this.saveButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'po-plan-save', onclick: () => this.save() }, s('savePlan'));
    this.newButton = h('button', { type: 'button', class: 'btn', onclick: () => this.reset() }, s('newPlan'));
    this.status = h('p', { class: 'po-plan-status', id: 'po-plan-status', 'aria-live': 'polite' });
    this.plansList = h('ul', { class: 'po-plans', id: 'po-plans' });
    if (this.readOnly) {
      this.container.replaceChildren(
        h('h2', { class: 'panel-title', id: 'po-patrol-title' }, s('savedPlans')),
        h('p', { class: 'hint' }, s('readOnlyHint')),
        this.partsList, this.status, this.plansList);
      this.renderParts();
      return;
    }
    this.container.replaceChildren(
      h('h3', { class: 'panel-subtitle', id: 'po-patrol-title' }, s('patrolTitle')),
      h('p', { class: 'hint' }, s('patrolHint')),
      h('div', { class: 'field-row' }, this.field(s('routeLength'), this.lengthInput), this.field(s('station'), this.stationSelect)),
      this.proposeButton,
      this.proposal,
      h('div', { class: 'po-form' },
        this.field(s('planDate'), this.dateInput),
        h('div', { class: 'field-row' }, this.field(s('shiftStart'), this.startInput), this.field(s('shiftEnd'), this.endInput)),
        h('label', { class: 'checkbox' }, this.overnightInput, ' ', s('overnight')),
        this.field(s('sector'), this.sectorInput),
        this.field(s('unit'), this.unitInput),
        this.field(s('notes'), this.notesInput)),
      this.drawButtons,
      this.partsList,
      h('div', { class: 'button-row' }, this.saveButton, this.newButton),
      this.status,
      h('h4', { class: 'panel-subtitle' }, s('savedPlans')),
      this.plansList,
    );
    this.renderDrawButtons();
    this.renderParts();
  }

  async open() {
    if (!this.stationsLoaded && !this.readOnly) {
      try {
        const data = await request(`${URL}stations/`);
        this.stationSelect.append(...data.results.map((station) => h('option', { value: String(station.id) }, station.name)));
        this.stationsLoaded = true;
      } catch { /* the nearest station is still chosen on the server */ }
    }
    this.loadPlans();
  }

  // ---- proposing ----------------------------------------------------------------------------

  async propose() {
    const analysis = this.analysis();
    if (!analysis || !['gi_star', 'density'].includes(analysis.method)) {
      this.proposal.replaceChildren(h('p', { class: 'error', role: 'alert' }, s('runHotspotsFirst')));
      return;
    }
    this.proposeButton.disabled = true;
    this.proposal.replaceChildren(h('p', { class: 'hint' }, s('running')));
    try {
      const found = await request(`${URL}propose/`, {
        method: 'POST',
        body: { analysis: analysis.id, max_length_m: Number(this.lengthInput.value), station: this.stationSelect.value ? Number(this.stationSelect.value) : null },
      });
      this.method = found.method;
      const crew = s('crewName', this.crewCount() + 1);
      const times = { from: this.startInput.value, to: this.endInput.value };
      if (found.area) this.addPart('area', L.geoJSON(found.area).getLayers()[0], { crew, ...times });
      this.addPart('route', L.geoJSON(found.route).getLayers()[0], { crew, ...times, stops: found.stops });
      this.proposal.replaceChildren(
        h('p', { class: 'po-summary' }, s('proposedRoute', found.stops.length, formatNumber(found.method.length_m / 1000, { maximumFractionDigits: 1 }), Math.round(found.method.gain_share * 100))),
        h('p', { class: 'po-note' }, h('strong', {}, `${s('method_note')}: `), found.method.note));
      this.map.fitBounds(this.group.getBounds(), { maxZoom: 15 });
    } catch (error) {
      this.proposal.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(error)));
    } finally {
      this.proposeButton.disabled = false;
    }
  }

  crewCount() {
    return new Set(this.parts.map((part) => part.crew)).size;
  }

  // ---- the plan's parts on the map ------------------------------------------------------------

  colourOf(crew) {
    const crews = [...new Set(this.parts.map((part) => part.crew))];
    const index = crews.indexOf(crew);
    return CREW_COLOURS[(index < 0 ? crews.length : index) % CREW_COLOURS.length];
  }

  addPart(kind, layer, { crew, from, to, stops }) {
    const part = {
      kind, layer, crew: crew || s('crewName', this.crewCount() + 1), from: from || this.startInput.value, to: to || this.endInput.value,
      stops: stops || [], markers: [],
    };
    layer.options.pane = PANE;
    layer.options.pmIgnore = false;
    if (!layer.pm && window.L?.PM?.reInitLayer) L.PM.reInitLayer(layer);
    this.group.addLayer(layer);
    layer.on('pm:edit', () => { part.stops = []; this.drawStops(part); this.renderParts(); });
    this.parts.push(part);
    this.restyle(part);
    this.drawStops(part);
    this.renderParts();
    if (this.editing && !this.readOnly) layer.pm?.enable(SNAP);
    return part;
  }

  restyle(part) {
    const colour = this.colourOf(part.crew);
    part.layer.setStyle(part.kind === 'area'
      ? { color: colour, weight: 2, fillOpacity: 0.15, fillColor: colour }
      : { color: colour, weight: 4, opacity: 0.9 });
    const number = this.parts.filter((p) => p.kind === part.kind).indexOf(part) + 1;
    part.layer.unbindTooltip();
    part.layer.bindTooltip(h('div', {}, h('strong', {}, `${part.kind === 'area' ? s('areaShort') : s('routeShort')}${number}`), ` — ${part.crew}`, h('br'), `${part.from}–${part.to}`));
  }

  drawStops(part) {
    part.markers.forEach((marker) => marker.remove());
    part.markers = part.stops.map((stop) => L.marker([stop.lat, stop.lon], {
      pane: 'markerPane', keyboard: false, pmIgnore: true,
      icon: L.divIcon({ className: 'po-stop', html: h('span', {}, String(stop.number)), iconSize: [22, 22], iconAnchor: [11, 11] }),
    }).addTo(this.map));
  }

  removePart(part) {
    part.markers.forEach((marker) => marker.remove());
    this.group.removeLayer(part.layer);
    this.parts = this.parts.filter((p) => p !== part);
    this.parts.forEach((p) => this.restyle(p));
    this.renderParts();
  }

  renderDrawButtons() {
    if (!this.map.pm || this.readOnly) {
      this.drawButtons.replaceChildren();
      return;
    }
    const tool = (kind, shape, label) => h('button', {
      type: 'button', class: 'btn btn-small', id: `po-draw-${kind}`, 'aria-pressed': String(this.drawing === kind),
      onclick: () => this.draw(kind, shape),
    }, label);
    this.drawButtons.replaceChildren(
      tool('area', 'Polygon', s('drawArea')),
      tool('route', 'Line', s('drawRoute')),
      h('button', { type: 'button', class: 'btn btn-small', id: 'po-plan-edit', 'aria-pressed': String(this.editing), onclick: () => this.toggleEdit() }, this.editing ? s('finishEdit') : s('editShapes')),
    );
  }

  draw(kind, shape) {
    if (this.drawing === kind) {
      this.map.pm.disableDraw();
      return;
    }
    const entered = modes.enter(MODE);
    if (!entered.ok) {
      toast(entered.reason, 'error');
      return;
    }
    this.drawing = kind;
    const colour = this.colourOf(s('crewName', this.crewCount() + 1));
    this.map.pm.enableDraw(shape, { ...SNAP, pathOptions: { color: colour, pmIgnore: false }, continueDrawing: false, templineStyle: { color: colour }, hintlineStyle: { color: colour, dashArray: '5 5' } });
    this.drawing = kind; // enableDraw ends any drawing under way (and its drawend clears the flag)
    this.renderDrawButtons();
  }

  toggleEdit() {
    if (!this.editing) {
      const entered = modes.enter(MODE);
      if (!entered.ok) {
        toast(entered.reason, 'error');
        return;
      }
    }
    this.editing = !this.editing;
    if (!this.editing && !this.drawing) modes.leave(MODE);
    for (const part of this.parts) {
      if (this.editing) part.layer.pm?.enable(SNAP);
      else part.layer.pm?.disable();
    }
    this.renderDrawButtons();
  }

  renderParts() {
    if (!this.parts.length) {
      this.partsList.replaceChildren(h('li', { class: 'hint' }, this.readOnly ? s('noPartsRead') : s('noParts')));
      return;
    }
    const counters = { area: 0, route: 0 };
    this.partsList.replaceChildren(...this.parts.map((part) => {
      counters[part.kind] += 1;
      const label = `${part.kind === 'area' ? s('areaShort') : s('routeShort')}${counters[part.kind]}`;
      if (this.readOnly) {
        return h('li', { class: 'po-plan-part', dataset: { kind: part.kind } },
          h('strong', { style: { color: this.colourOf(part.crew) } }, label), ' ', part.kind === 'route' ? s('routeWord') : s('areaWord'),
          ` · ${part.crew} · ${part.from}–${part.to}`, part.stops.length ? ` · ${s('stopsCount', part.stops.length)}` : '');
      }
      const crew = h('input', { type: 'text', value: part.crew, maxlength: 120, 'aria-label': `${label}: ${s('crew')}`, class: 'po-part-crew' });
      crew.addEventListener('change', () => { part.crew = crew.value.trim() || part.crew; this.parts.forEach((p) => this.restyle(p)); });
      const from = h('input', { type: 'time', value: part.from, 'aria-label': `${label}: ${s('timeFrom')}` });
      from.addEventListener('change', () => { part.from = from.value; this.restyle(part); });
      const to = h('input', { type: 'time', value: part.to, 'aria-label': `${label}: ${s('timeTo')}` });
      to.addEventListener('change', () => { part.to = to.value; this.restyle(part); });
      const size = part.kind === 'route' ? `${formatNumber(lengthOf(part.layer) / 1000, { maximumFractionDigits: 2 })} km` : '';
      return h('li', { class: 'po-plan-part', dataset: { kind: part.kind } },
        h('strong', { style: { color: this.colourOf(part.crew) } }, label), ' ',
        part.kind === 'route' ? s('routeWord') : s('areaWord'), size ? ` · ${size}` : '',
        part.stops.length ? ` · ${s('stopsCount', part.stops.length)}` : '',
        crew,
        h('div', { class: 'field-row' }, from, '–', to,
          h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${s('remove')} ${label}`, onclick: () => this.removePart(part) }, '×')));
    }));
  }

  // ---- saving and the saved plans ------------------------------------------------------------

  body() {
    const part = (p) => ({ crew: p.crew, time_from: p.from, time_to: p.to, geometry: p.layer.toGeoJSON(7).geometry });
    return {
      date: this.dateInput.value, start_time: this.startInput.value, end_time: this.endInput.value,
      overnight: this.overnightInput.checked, sector: this.sectorInput.value.trim(), unit: this.unitInput.value.trim(),
      notes: this.notesInput.value, method: this.method,
      areas: this.parts.filter((p) => p.kind === 'area').map(part),
      routes: this.parts.filter((p) => p.kind === 'route').map((p) => ({ ...part(p), stops: p.stops })),
    };
  }

  async save() {
    this.saveButton.disabled = true;
    this.status.replaceChildren();
    try {
      const saved = await request(this.planId ? `${URL}${this.planId}/` : URL, { method: this.planId ? 'PUT' : 'POST', body: this.body() });
      this.planId = saved.id;
      this.status.replaceChildren(h('span', { class: 'success' }, s('planSaved')), ' ',
        h('a', { href: saved.pdf_url, class: 'po-plan-pdf', download: '' }, s('downloadPdf')));
      toast(s('planSaved'), 'success');
      this.loadPlans();
    } catch (error) {
      this.status.replaceChildren(h('span', { class: 'error', role: 'alert' }, errorText(error)));
    } finally {
      this.saveButton.disabled = false;
    }
  }

  reset() {
    for (const part of [...this.parts]) this.removePart(part);
    this.planId = null;
    this.method = {};
    this.proposal.replaceChildren();
    this.status.replaceChildren();
  }

  async loadPlans() {
    try {
      const data = await request(URL);
      if (!data.results.length) {
        this.plansList.replaceChildren(h('li', { class: 'hint' }, s('noPlans')));
        return;
      }
      this.plansList.replaceChildren(...data.results.map((plan) => h('li', { class: 'po-plan-item' },
        h('strong', {}, `${plan.date} ${plan.start_time}–${plan.end_time}`), ` · ${plan.sector}`,
        h('span', { class: 'hint' }, ` (${s('partsCount', plan.areas, plan.routes)})`), ' ',
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.load(plan.id) }, s('openPlan')), ' ',
        h('a', { href: plan.pdf_url, class: 'btn btn-small', download: '' }, 'PDF'))));
    } catch (error) {
      this.plansList.replaceChildren(h('li', { class: 'error' }, errorText(error)));
    }
  }

  async load(planId) {
    try {
      const plan = await request(`${URL}${planId}/`);
      this.reset();
      this.planId = plan.id;
      this.method = plan.method || {};
      Object.assign(this.dateInput, { value: plan.date });
      this.startInput.value = plan.start_time;
      this.endInput.value = plan.end_time;
      this.overnightInput.checked = plan.overnight;
      this.sectorInput.value = plan.sector;
      this.unitInput.value = plan.unit;
      this.notesInput.value = plan.notes;
      for (const area of plan.areas) this.addPart('area', L.geoJSON(area.geometry).getLayers()[0], { crew: area.crew, from: area.time_from, to: area.time_to });
      for (const route of plan.routes) this.addPart('route', L.geoJSON(route.geometry).getLayers()[0], { crew: route.crew, from: route.time_from, to: route.time_to, stops: route.stops });
      if (this.parts.length) this.map.fitBounds(this.group.getBounds(), { maxZoom: 15 });
      this.status.replaceChildren(h('a', { href: plan.pdf_url, class: 'po-plan-pdf', download: '' }, s('downloadPdf')));
    } catch (error) {
      toast(errorText(error), 'error');
    }
  }
}

function lengthOf(layer) {
  const points = layer.getLatLngs().flat(Infinity);
  let metres = 0;
  for (let i = 1; i < points.length; i += 1) metres += points[i - 1].distanceTo(points[i]);
  return metres;
}

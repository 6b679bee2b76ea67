// The "Обществен ред" panel: runs a hot-spot analysis of the incidents for a period, category and
// area and draws it with its legend and method note; proposes prevention areas from persistent
// hot spots, with their camera coverage, and saves one to the proposals layer.
import { request, ApiError, formatDetail } from '../api.js';
import { formatNumber } from '../i18n.js';
import { SidePanel } from '../side-panel.js';
import { h, toast } from '../ui.js';
import { PatrolPlanner } from './patrol.js';
import { s } from './strings.js';

const URL = '/api/public-order/';
const PANE = { name: 'public-order', zIndex: 415 };
const CATEGORIES = ['public_order', 'road_accident', 'fire', 'medical', 'utility_failure', 'flood', 'explosive', 'other'];
const CATEGORY_LABELS = {
  bg: { public_order: 'Обществен ред', road_accident: 'ПТП', fire: 'Пожар', medical: 'Спешна медицинска помощ', utility_failure: 'Авария', flood: 'Наводнение', explosive: 'Взрив или съмнителен предмет', other: 'Друго' },
  en: { public_order: 'Public order', road_accident: 'Road accident', fire: 'Fire', medical: 'Medical emergency', utility_failure: 'Utility failure', flood: 'Flood', explosive: 'Explosion or suspicious object', other: 'Other' },
};
// Hot reds and cold blues; the tooltip and the legend name each class, so colour is never alone.
const BIN_STYLE = {
  3: { fillColor: '#b71c1c', dashArray: null }, 2: { fillColor: '#e53935', dashArray: null }, 1: { fillColor: '#ef9a9a', dashArray: '4 3' },
  [-1]: { fillColor: '#90caf9', dashArray: '4 3' }, [-2]: { fillColor: '#1e88e5', dashArray: null }, [-3]: { fillColor: '#0d47a1', dashArray: null },
};
const CONFIDENCE = { 1: 90, 2: 95, 3: 99 };

const isoDate = (date) => date.toISOString().slice(0, 10);
const lang = document.documentElement.lang?.startsWith('en') ? 'en' : 'bg';

export class PublicOrderPanel extends SidePanel {
  constructor(map, { section, toggleButton, onOpen, readOnly = false }) {
    super(map, { section, toggleButton, onOpen });
    this.readOnly = readOnly; // the duty operator: saved patrol plans only, to read
    this.layer = null;
    this.proposalLayer = null;
    this.ensurePane(PANE);
    this.render();
    this.bindToggle(readOnly ? s('patrolTool') : s('tool'));
  }

  opened() {
    this.patrol.open();
    if (this.readOnly) return;
    this.loadDistricts();
    this.methodSelect.focus();
  }

  field(label, control) {
    return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
  }

  render() {
    if (this.readOnly) {
      this.patrolSection = h('section', { class: 'po-patrol', id: 'po-patrol', 'aria-labelledby': 'po-patrol-title' });
      this.section.replaceChildren(this.patrolSection);
      this.section.setAttribute('aria-labelledby', 'po-patrol-title');
      this.patrol = new PatrolPlanner(this.map, this.patrolSection, { analysis: () => null, readOnly: true });
      return;
    }
    const today = new Date();
    const start = new Date(today.getTime() - 90 * 86400000);
    this.methodSelect = h('select', { id: 'po-method', onchange: () => this.syncMethod() },
      ...['gi_star', 'density', 'near_repeat'].map((value) => h('option', { value }, s(value))));
    this.fromInput = h('input', { type: 'date', id: 'po-from', value: isoDate(start), required: true });
    this.toInput = h('input', { type: 'date', id: 'po-to', value: isoDate(today), required: true });
    this.categorySelect = h('select', { id: 'po-category' }, h('option', { value: '' }, s('all')),
      ...CATEGORIES.map((value) => h('option', { value }, CATEGORY_LABELS[lang][value])));
    this.districtSelect = h('select', { id: 'po-district' }, h('option', { value: '' }, s('city')));
    this.cellInput = h('input', { type: 'number', id: 'po-cell', value: 250, min: 25, max: 2000, step: 25 });
    this.bandwidthInput = h('input', { type: 'number', id: 'po-bandwidth', value: 300, min: 50, max: 5000, step: 50 });
    this.distanceInput = h('input', { type: 'number', id: 'po-distance', value: 200, min: 10, max: 5000, step: 10 });
    this.daysInput = h('input', { type: 'number', id: 'po-days', value: 14, min: 1, max: 365 });
    this.params = {
      gi_star: this.field(s('cell'), this.cellInput),
      density: this.field(s('bandwidth'), this.bandwidthInput),
      near_repeat: h('div', { class: 'field-row' }, this.field(s('distance'), this.distanceInput), this.field(s('days'), this.daysInput)),
    };
    this.runButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'po-run' }, s('run'));
    this.clearButton = h('button', { type: 'button', class: 'btn', onclick: () => this.clear() }, s('clear'));
    const form = h('form', { class: 'po-form', onsubmit: (event) => { event.preventDefault(); this.run(); } },
      this.field(s('method'), this.methodSelect),
      h('div', { class: 'field-row' }, this.field(s('from'), this.fromInput), this.field(s('to'), this.toInput)),
      this.field(s('category'), this.categorySelect),
      this.field(s('area'), this.districtSelect),
      ...Object.values(this.params),
      h('div', { class: 'button-row' }, this.runButton, this.clearButton));
    this.result = h('div', { class: 'po-result', id: 'po-result', 'aria-live': 'polite' });
    this.periodsInput = h('input', { type: 'number', id: 'po-periods', value: 4, min: 2, max: 12 });
    this.periodDaysInput = h('input', { type: 'number', id: 'po-period-days', value: 90, min: 7, max: 365 });
    this.proposeButton = h('button', { type: 'button', class: 'btn', id: 'po-propose', onclick: () => this.propose() }, s('proposals'));
    this.proposals = h('div', { class: 'po-proposals', id: 'po-proposals', 'aria-live': 'polite' });
    this.patrolSection = h('section', { class: 'po-patrol', id: 'po-patrol', 'aria-labelledby': 'po-patrol-title' });
    this.section.replaceChildren(
      h('h2', { class: 'panel-title', id: 'po-title' }, s('title')),
      form,
      this.result,
      h('h3', { class: 'panel-subtitle' }, s('proposals')),
      h('p', { class: 'hint' }, s('proposalsHint')),
      h('div', { class: 'field-row' }, this.field(s('periods'), this.periodsInput), this.field(s('periodDays'), this.periodDaysInput)),
      this.proposeButton,
      this.proposals,
      this.patrolSection,
    );
    this.section.setAttribute('aria-labelledby', 'po-title');
    this.patrol = new PatrolPlanner(this.map, this.patrolSection, { analysis: () => this.lastAnalysis });
    this.syncMethod();
  }

  syncMethod() {
    for (const [method, node] of Object.entries(this.params)) node.hidden = method !== this.methodSelect.value;
  }

  async loadDistricts() {
    if (this.districtsLoaded) return;
    try {
      const data = await request(`${URL}districts/`);
      this.districtSelect.append(...data.results.map((row) => h('option', { value: row.code }, row.name)));
      this.districtsLoaded = true;
    } catch { /* the whole municipality stays available */ }
  }

  body() {
    const method = this.methodSelect.value;
    const body = {
      method,
      date_from: `${this.fromInput.value}T00:00:00`,
      date_to: `${this.toInput.value}T23:59:59`,
      categories: this.categorySelect.value ? [this.categorySelect.value] : [],
      district: this.districtSelect.value,
    };
    if (method === 'gi_star') body.cell_size_m = Number(this.cellInput.value);
    if (method === 'density') body.bandwidth_m = Number(this.bandwidthInput.value);
    if (method === 'near_repeat') Object.assign(body, { distance_m: Number(this.distanceInput.value), days: Number(this.daysInput.value) });
    return body;
  }

  async run() {
    this.runButton.disabled = true;
    this.result.replaceChildren(h('p', { class: 'hint' }, s('running')));
    try {
      const analysis = await request(`${URL}analyses/`, { method: 'POST', body: this.body() });
      this.show(analysis);
    } catch (error) {
      this.result.replaceChildren(h('p', { class: 'error', role: 'alert' }, error instanceof ApiError ? formatDetail(error.data?.detail) : String(error)));
    } finally {
      this.runButton.disabled = false;
    }
  }

  clear() {
    this.layer?.remove();
    this.layer = null;
    this.proposalLayer?.remove();
    this.proposalLayer = null;
    this.result.replaceChildren();
    this.proposals.replaceChildren();
  }

  show(analysis) {
    this.lastAnalysis = analysis;
    this.layer?.remove();
    this.layer = null;
    const parts = [h('p', { class: 'po-summary' }, h('strong', {}, s(analysis.method)), ' — ', s('incidents', analysis.incidents))];
    if (analysis.method === 'gi_star') parts.push(...this.drawCells(analysis.result));
    if (analysis.method === 'density') parts.push(...this.drawDensity(analysis));
    if (analysis.method === 'near_repeat') parts.push(...this.nearRepeatTable(analysis.result));
    parts.push(h('p', { class: 'po-note' }, h('strong', {}, `${s('method_note')}: `), analysis.result.note));
    this.result.replaceChildren(...parts);
  }

  drawCells(result) {
    if (!result.cells.length) return [h('p', { class: 'hint' }, s('noCells'))];
    const features = result.cells.map((cell) => ({ type: 'Feature', geometry: JSON.parse(cell.geometry), properties: cell }));
    this.layer = L.geoJSON({ type: 'FeatureCollection', features }, {
      pane: PANE.name,
      style: (feature) => ({ color: '#333', weight: 0.5, fillOpacity: 0.55, ...BIN_STYLE[feature.properties.bin] }),
      onEachFeature: (feature, layer) => {
        const cell = feature.properties;
        const label = cell.bin > 0 ? s('hot', CONFIDENCE[cell.bin]) : s('cold', CONFIDENCE[-cell.bin]);
        layer.bindTooltip(h('div', {}, h('strong', {}, label), h('br'), s('incidents', cell.incidents), h('br'), `z = ${cell.z}, p = ${cell.p}`));
      },
    }).addTo(this.map);
    this.map.fitBounds(this.layer.getBounds(), { maxZoom: 14 });
    const legend = h('ul', { class: 'legend po-legend' }, ...[3, 2, 1, -1, -2, -3].map((bin) => h('li', {},
      h('span', { class: `swatch${BIN_STYLE[bin].dashArray ? ' swatch-dashed' : ''}`, style: { background: BIN_STYLE[bin].fillColor } }),
      bin > 0 ? s('hot', CONFIDENCE[bin]) : s('cold', CONFIDENCE[-bin]))));
    return [h('p', { class: 'field-label' }, s('legend')), legend];
  }

  drawDensity(analysis) {
    const [west, south, east, north] = analysis.result.bounds;
    this.layer = L.imageOverlay(analysis.image_url, [[south, west], [north, east]], { pane: PANE.name, opacity: 0.8, alt: s('density') }).addTo(this.map);
    this.map.fitBounds([[south, west], [north, east]]);
    const legend = h('ul', { class: 'legend po-legend' }, ...analysis.result.legend.map((step) => h('li', {},
      h('span', { class: 'swatch', style: { background: `rgba(${200 + Math.round(55 * step.share)}, ${Math.round(220 * (1 - step.share))}, ${Math.round(160 * (1 - step.share))}, ${((60 + 170 * step.share) / 255).toFixed(2)})` } }),
      `${formatNumber(step.per_km2, { maximumFractionDigits: 1 })} ${s('perKm2')}`)));
    return [h('p', { class: 'field-label' }, s('legend')), legend];
  }

  nearRepeatTable(result) {
    const rows = result.table.map((row) => h('tr', {},
      h('td', {}, `${row.metres[0]}–${row.metres[1]}`), h('td', {}, `${row.days[0]}–${row.days[1]}`),
      h('td', {}, String(row.observed)), h('td', {}, formatNumber(row.expected, { maximumFractionDigits: 2 })),
      h('td', {}, row.ratio === null ? '—' : formatNumber(row.ratio, { maximumFractionDigits: 2 })), h('td', {}, String(row.p))));
    return [
      h('p', {}, result.near_repeats ? s('nearRepeats') : s('noNearRepeats')),
      h('table', { class: 'data-table po-table' },
        h('thead', {}, h('tr', {}, ...[s('metres'), s('dayBand'), s('observed'), s('expected'), s('ratio'), s('p')].map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, ...rows)),
    ];
  }

  async propose() {
    this.proposeButton.disabled = true;
    this.proposals.replaceChildren(h('p', { class: 'hint' }, s('running')));
    try {
      const found = await request(`${URL}proposals/`, {
        method: 'POST',
        body: {
          periods: Number(this.periodsInput.value), period_days: Number(this.periodDaysInput.value),
          categories: this.categorySelect.value ? [this.categorySelect.value] : [], district: this.districtSelect.value,
        },
      });
      this.showProposals(found.proposals);
    } catch (error) {
      this.proposals.replaceChildren(h('p', { class: 'error', role: 'alert' }, error instanceof ApiError ? formatDetail(error.data?.detail) : String(error)));
    } finally {
      this.proposeButton.disabled = false;
    }
  }

  showProposals(proposals) {
    this.proposalLayer?.remove();
    if (!proposals.length) {
      this.proposals.replaceChildren(h('p', { class: 'hint' }, s('noProposals')));
      return;
    }
    this.proposalLayer = L.featureGroup().addTo(this.map);
    const items = proposals.map((proposal) => {
      const geometry = JSON.parse(proposal.geometry);
      const name = s('proposalName', proposal.number);
      L.geoJSON(geometry, { pane: PANE.name, style: { color: '#c62828', weight: 2, dashArray: '6 4', fillOpacity: 0.1 } })
        .bindTooltip(h('strong', {}, name)).addTo(this.proposalLayer);
      const coverage = Object.entries(proposal.camera_coverage)
        .map(([level, share]) => `${s(level)} ${Math.round(share * 100)} %`).join(', ');
      const save = h('button', { type: 'button', class: 'btn btn-small' }, s('save'));
      save.addEventListener('click', async () => {
        save.disabled = true;
        try {
          await request(`${URL}proposals/save/`, {
            method: 'POST',
            body: { name, geometry, reasons: proposal.reasons, persistence: proposal.hot_in_periods, camera_coverage: proposal.camera_coverage },
          });
          toast(s('saved'), 'success');
        } catch (error) {
          save.disabled = false;
          toast(error instanceof ApiError ? formatDetail(error.data?.detail) : String(error), 'error');
        }
      });
      return h('li', { class: 'po-proposal' },
        h('strong', {}, name), ` — ${formatNumber(proposal.area_km2, { maximumFractionDigits: 2 })} ${s('km2')}`,
        h('p', {}, proposal.reasons),
        h('p', { class: 'hint' }, `${s('coverage')}: ${coverage}`),
        proposal.unobserved ? h('p', { class: 'warning' }, s('unobserved')) : null,
        save);
    });
    this.proposals.replaceChildren(h('ol', { class: 'po-proposal-list' }, ...items));
    this.map.fitBounds(this.proposalLayer.getBounds(), { maxZoom: 15 });
  }
}

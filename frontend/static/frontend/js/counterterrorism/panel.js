// The "Противодействие на тероризма" panel: pick a protected site or crowded place, record a
// security survey with findings pinned on the map, see the risk score and the factors that drive
// it, draw an NCTC stand-off cordon with what lies inside its rings, find the hostile-vehicle
// approaches of a perimeter with barrier points, and download the plan annex.
// Everything is built with h() (no innerHTML); map tooltips get DOM nodes, never strings.
import { modes } from '../modes.js';
import { PolygonDrawer } from '../surveillance/draw.js';
import { SidePanel } from '../side-panel.js';
import { h, toast } from '../ui.js';
import { ctApi } from './api.js';
import { fmt, tr } from './strings.js';

const PANE = { name: 'counterterrorism', zIndex: 436 };
const STYLES = {
  site: { color: '#4a148c', weight: 2, fillColor: '#ce93d8', fillOpacity: 0.25 },
  evacuation: { color: '#c62828', weight: 2, fillColor: '#ef5350', fillOpacity: 0.18 },
  shelter: { color: '#f9a825', weight: 2, dashArray: '6 4', fillColor: '#fff176', fillOpacity: 0.12 },
  route: { color: '#2e7d32', weight: 3, dashArray: '2 6' },
  run: { color: '#6a1b9a', weight: 4, opacity: 0.8 },
  perimeter: { color: '#1565c0', weight: 2, fillColor: '#90caf9', fillOpacity: 0.2 },
};
const LEGEND = [
  ['evacuation', 'legendEvac'], ['shelter', 'legendShelter'], ['route', 'legendRoute'],
  ['cordon', 'legendCordon'], ['run', 'legendRun'], ['barrier', 'legendBarrier'],
];

function field(label, control, id) {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function table(head, rows) {
  return h('table', { class: 'ct-table' },
    h('thead', {}, h('tr', {}, head.map((cell) => h('th', { scope: 'col' }, cell)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell))))));
}

function tooltipNode(...lines) {
  return h('div', { class: 'ct-tooltip' }, lines.map((line) => h('div', {}, line)));
}

export class CounterTerrorismPanel extends SidePanel {
  constructor(map, { section, toggleButton, onOpen, canWrite }) {
    super(map, { section, toggleButton, onOpen });
    this.canWrite = canWrite;
    this.sites = new Map();
    this.site = null;
    this.findingPoint = null;
    this.ensurePane(PANE);
    const pane = PANE.name;
    this.siteLayer = L.geoJSON(null, { pane, style: () => STYLES.site, interactive: false }).addTo(map);
    this.cordonLayer = L.geoJSON(null, {
      pane,
      style: (f) => STYLES[f.properties.ring || f.properties.kind] || STYLES.route,
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { pane, radius: 5, color: '#263238', weight: 1, fillColor: '#263238', fillOpacity: 0.9 }),
      onEachFeature: (f, layer) => {
        if (f.properties.kind === 'cordon_point') layer.bindTooltip(tooltipNode(tr('legendCordon'), f.properties.ring === 'evacuation' ? tr('legendEvac') : tr('legendShelter')));
        if (f.properties.kind === 'route') layer.bindTooltip(tooltipNode(tr('legendRoute'), f.properties.label, `${fmt(f.properties.walk_m)} m`));
      },
    }).addTo(map);
    this.approachLayer = L.geoJSON(null, {
      pane,
      style: (f) => (f.properties.kind === 'perimeter' ? STYLES.perimeter : STYLES.run),
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { pane, radius: 8, color: '#000', weight: 2, fillColor: '#ffeb3b', fillOpacity: 1 }),
      onEachFeature: (f, layer) => {
        const p = f.properties;
        if (p.kind === 'perimeter') return;
        if (p.kind === 'barrier') layer.bindTooltip(tooltipNode(`${tr('legendBarrier')} ${p.rank}`, tr('barrierRow', p.speed_kmh, p.rating)));
        else layer.bindTooltip(tooltipNode(`${tr('legendRun')} ${p.rank}`, `${fmt(p.length_m)} m, ${p.speed_kmh} km/h`));
      },
    }).addTo(map);
    this.perimeterLayer = L.geoJSON(null, { pane, style: () => STYLES.perimeter, interactive: false }).addTo(map);
    this.findingLayer = L.layerGroup([], { pane }).addTo(map);
    this.drawer = new PolygonDrawer(map, { mode: 'ct-draw', onFinish: (g) => this.setPerimeter(g), onCancel: () => {} });
    modes.register('ct-pick', () => this.stopPicking());
    this.render();
    this.bindToggle();
  }

  opened() {
    this.load();
  }

  async load() {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const [meta, sites] = await Promise.all([ctApi.meta(), ctApi.sites()]);
      this.meta = meta;
      for (const site of sites.results) this.sites.set(String(site.id), site);
      this.siteSelect.append(...sites.results.map((s) => h('option', { value: String(s.id) }, s.name)));
      this.deviceSelect.append(...meta.devices.map((d) => h('option', { value: d.key, selected: d.key === 'van' }, `${d.label} (${d.evacuation_m} / ${d.shelter_m} m)`)));
      this.vehicleSelect.append(...meta.vehicles.map((v) => h('option', { value: v.key, selected: v.key === 'van' }, v.label)));
      this.renderChecklist();
      this.renderWeights();
      this.sources.append(...meta.sources.map((s) => h('li', {}, s)), ...meta.assumptions.map((s) => h('li', {}, s)));
      this.section.dataset.sites = String(sites.results.length);
      const events = await ctApi.events();
      this.eventSelect.append(...events.features.map((f) => h('option', { value: String(f.id) }, f.properties.name || `#${f.id}`)));
    } catch (error) {
      this.loaded = false;
      toast(tr('error', error.message), 'error');
    }
  }

  // ---- layout -------------------------------------------------------------------------------
  render() {
    this.siteSelect = h('select', { onchange: () => this.pickSite() }, h('option', { value: '' }, tr('chooseSite')));
    this.siteCard = h('div', { class: 'ct-card', 'aria-live': 'polite' });
    this.surveyDate = h('input', { type: 'date', value: new Date().toISOString().slice(0, 10) });
    this.checklist = h('div', { class: 'ct-checklist' });
    this.surveyResult = h('p', { class: 'hint', role: 'status' });
    this.findingArea = h('select', {});
    this.findingText = h('textarea', { rows: 2 });
    this.findingWho = h('input', { type: 'text' });
    this.findingDeadline = h('input', { type: 'date' });
    this.pickButton = h('button', { type: 'button', class: 'btn btn-small', id: 'ct-pick-finding', onclick: () => this.startPicking((latlng) => this.setFindingPoint(latlng)) }, tr('pickPoint'));
    this.findingBlock = h('div', { class: 'ct-finding', hidden: true },
      h('h4', { class: 'ct-subtitle' }, tr('finding')),
      field(tr('area'), this.findingArea, 'ct-finding-area'),
      field(tr('description'), this.findingText, 'ct-finding-text'),
      field(tr('responsible'), this.findingWho, 'ct-finding-who'),
      field(tr('deadline'), this.findingDeadline, 'ct-finding-deadline'),
      h('div', { class: 'button-row' }, this.pickButton,
        h('button', { type: 'button', class: 'btn btn-small btn-primary', id: 'ct-add-finding', onclick: () => this.addFinding() }, tr('addFinding'))));
    this.evidenceArea = h('select', {});
    this.evidenceFile = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp' });
    this.evidenceNote = h('input', { type: 'text' });
    this.evidenceBlock = h('div', { class: 'ct-evidence', hidden: true },
      h('h4', { class: 'ct-subtitle' }, tr('evidence')),
      field(tr('area'), this.evidenceArea, 'ct-evidence-area'),
      field(tr('photo'), this.evidenceFile, 'ct-evidence-file'),
      field(tr('note'), this.evidenceNote, 'ct-evidence-note'),
      h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'btn btn-small', id: 'ct-add-evidence', onclick: () => this.addEvidence() }, tr('upload'))));
    this.findingsList = h('ul', { class: 'ct-list' });
    this.weights = h('div', { class: 'ct-weights' });
    this.scoreResult = h('div', { class: 'ct-result', 'aria-live': 'polite' });
    this.deviceSelect = h('select', {});
    this.cordonWhere = h('select', {}, h('option', { value: 'site' }, tr('atSite')), h('option', { value: 'point' }, tr('atPoint')));
    this.cordonResult = h('div', { class: 'ct-result', 'aria-live': 'polite' });
    this.vehicleSelect = h('select', {});
    this.eventSelect = h('select', {}, h('option', { value: '' }, tr('chooseEvent')));
    this.approachResult = h('div', { class: 'ct-result', 'aria-live': 'polite' });
    this.sources = h('ul', { class: 'ct-sources' });
    const surveyForm = h('form', { class: 'ct-form', onsubmit: (e) => { e.preventDefault(); this.saveSurvey(); } },
      field(tr('date'), this.surveyDate, 'ct-survey-date'),
      this.checklist,
      h('p', { class: 'hint' }, tr('indexFormula')),
      h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'ct-save-survey' }, tr('saveSurvey'))),
      this.surveyResult);
    this.section.replaceChildren(
      h('div', { class: 'panel-heading' },
        h('h2', { class: 'panel-title', id: 'ct-title' }, tr('title')),
        this.closeButton(tr('close'))),
      h('p', { class: 'hint ct-demo' }, tr('demo')),
      field(tr('site'), this.siteSelect, 'ct-site'),
      this.siteCard,
      h('details', { class: 'ct-block', id: 'ct-survey-block' }, h('summary', {}, tr('survey')),
        this.canWrite ? surveyForm : null, this.evidenceBlock, this.findingBlock,
        h('h4', { class: 'ct-subtitle' }, tr('openFindings')), this.findingsList),
      h('details', { class: 'ct-block', open: true }, h('summary', {}, tr('risk')),
        h('details', {}, h('summary', {}, tr('weights')), this.weights),
        h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'btn', id: 'ct-score', onclick: () => this.runScore() }, tr('runScore'))),
        this.scoreResult),
      h('details', { class: 'ct-block', open: true }, h('summary', {}, tr('cordon')),
        field(tr('device'), this.deviceSelect, 'ct-device'),
        field(tr('where'), this.cordonWhere, 'ct-cordon-where'),
        h('div', { class: 'button-row' },
          h('button', { type: 'button', class: 'btn', id: 'ct-cordon', onclick: () => this.runCordon() }, tr('drawCordon')),
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => window.print() }, tr('print'))),
        this.cordonResult),
      h('details', { class: 'ct-block', open: true }, h('summary', {}, tr('approaches')),
        field(tr('vehicle'), this.vehicleSelect, 'ct-vehicle'),
        field(tr('event'), this.eventSelect, 'ct-event'),
        h('div', { class: 'button-row' },
          h('button', { type: 'button', class: 'btn btn-small', id: 'ct-draw', onclick: () => this.drawer.start() }, tr('draw')),
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.drawer.finish() }, tr('drawDone')),
          h('button', { type: 'button', class: 'btn', id: 'ct-approaches', onclick: () => this.runApproaches() }, tr('runApproaches'))),
        this.approachResult),
      h('div', { class: 'ct-legend', 'aria-label': tr('sources') },
        LEGEND.map(([key, label]) => h('span', { class: 'ct-legend-item' }, h('span', { class: `ct-swatch ct-swatch-${key}`, 'aria-hidden': 'true' }), tr(label)))),
      h('details', { class: 'ct-block' }, h('summary', {}, tr('annex')),
        h('div', { class: 'button-row' },
          h('a', { class: 'btn', id: 'ct-annex-pdf', href: ctApi.annexUrl('pdf'), download: 'ct-plan-annex.pdf' }, tr('annexPdf')),
          h('a', { class: 'btn', href: ctApi.annexUrl('gpkg'), download: 'ct-plan-annex.gpkg' }, tr('annexGpkg')))),
      h('details', { class: 'ct-block' }, h('summary', {}, tr('sources')), this.sources));
  }

  renderChecklist() {
    this.scoreInputs = new Map();
    this.checklist.replaceChildren(...this.meta.checklist.map((area) => {
      const score = h('select', { id: `ct-score-${area.key}`, 'aria-label': area.label },
        h('option', { value: '' }, tr('na')), [0, 1, 2, 3, 4].map((n) => h('option', { value: String(n) }, String(n))));
      const reason = h('input', { type: 'text', id: `ct-reason-${area.key}`, placeholder: tr('reason'), 'aria-label': `${tr('reason')}: ${area.label}` });
      this.scoreInputs.set(area.key, { score, reason });
      return h('div', { class: 'ct-check-row' }, h('span', { class: 'ct-check-label' }, `${area.label} (${area.weight})`), score, reason);
    }));
    this.findingArea.replaceChildren(...this.meta.checklist.map((a) => h('option', { value: a.key }, a.label)));
    this.evidenceArea.replaceChildren(...this.meta.checklist.map((a) => h('option', { value: a.key }, a.label)));
  }

  renderWeights() {
    this.weightInputs = new Map();
    this.weights.replaceChildren(...this.meta.factors.map((f) => {
      const input = h('input', { type: 'number', min: 0, max: 10, step: 0.5, value: f.weight, id: `ct-w-${f.key}` });
      this.weightInputs.set(f.key, input);
      return h('div', { class: 'ct-weight' }, h('label', { for: input.id }, `${f.group_label}: ${f.label}`), input);
    }));
  }

  // ---- site -----------------------------------------------------------------------------------
  async pickSite() {
    const id = this.siteSelect.value;
    this.siteLayer.clearLayers();
    this.siteCard.replaceChildren();
    this.site = id ? this.sites.get(id) : null;
    if (!this.site) return;
    const site = this.site;
    if (site.footprint) this.siteLayer.addData(site.footprint);
    this.map.setView([site.position[1], site.position[0]], 16);
    await this.refreshSite();
  }

  async refreshSite() {
    const detail = await ctApi.site(this.site.id);
    this.detail = detail;
    const rows = [
      [tr('category'), detail.category_label],
      [tr('operator'), `${detail.operator} (${detail.owner})`],
      [tr('crowd'), [detail.crowd.weekday, detail.crowd.peak, detail.crowd.event, detail.crowd.night].map(fmt).join(' / ')],
      [tr('index'), detail.latest_index === null ? tr('none') : `${fmt(detail.latest_index)} / 100`],
    ];
    if (detail.critical_site) rows.push([tr('critical'), detail.critical_site.name]);
    const history = detail.surveys.map((s) => h('li', {}, `${s.surveyed_on}: ${s.protective_index ?? '—'} `,
      h('a', { href: ctApi.reportUrl(s.id), download: `survey-${s.id}.pdf`, class: 'ct-report' }, tr('report'))));
    this.siteCard.replaceChildren(...[
      h('dl', { class: 'ct-facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      history.length ? h('div', {}, h('h4', { class: 'ct-subtitle' }, tr('history')), h('ul', { class: 'ct-list', id: 'ct-history' }, history)) : null,
    ].filter(Boolean));
    this.renderFindings(detail.surveys.flatMap((s) => s.findings));
    this.findingBlock.hidden = !(this.canWrite && detail.surveys.length);
    this.evidenceBlock.hidden = this.findingBlock.hidden;
  }

  renderFindings(findings) {
    this.findingLayer.clearLayers();
    const open = findings.filter((f) => f.status === 'open');
    this.findingsList.replaceChildren(...(open.length ? open.map((f) => {
      const marker = L.circleMarker([f.position[1], f.position[0]], { pane: PANE.name, radius: 7, color: '#d50000', fillColor: '#ff8a80', fillOpacity: 0.9 });
      marker.bindTooltip(tooltipNode(f.description, `${tr('responsible')}: ${f.responsible}`, `${tr('deadline')}: ${f.deadline}`));
      this.findingLayer.addLayer(marker);
      if (f.zone) this.findingLayer.addLayer(L.geoJSON(f.zone, { pane: PANE.name, style: () => ({ color: '#d50000', weight: 1.5, dashArray: '4 3', fillOpacity: 0.1 }) }));
      const note = h('input', { type: 'text', placeholder: tr('closingNote'), 'aria-label': tr('closingNote') });
      return h('li', { class: 'ct-finding-item' }, h('span', {}, `${f.description} — ${f.responsible}, ${f.deadline}`),
        this.canWrite ? h('span', { class: 'ct-inline' }, note, h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.closeFinding(f.id, note.value) }, tr('closeFinding'))) : null);
    }) : [h('li', { class: 'hint' }, tr('none'))]));
  }

  // ---- survey ---------------------------------------------------------------------------------
  async saveSurvey() {
    if (!this.site) return toast(tr('chooseFirst'), 'warning');
    const items = [...this.scoreInputs.entries()].map(([area, { score, reason }]) => ({
      area, score: score.value === '' ? null : Number(score.value), reason: reason.value,
    }));
    try {
      const survey = await ctApi.saveSurvey({ site: this.site.id, surveyed_on: this.surveyDate.value, items });
      this.survey = survey;
      this.surveyResult.textContent = tr('surveySaved', survey.protective_index ?? '—');
      await this.refreshSite();
    } catch (error) {
      toast(tr('error', error.message), 'error');
    }
  }

  async addEvidence() {
    const survey = this.survey || this.detail?.surveys?.[0];
    if (!survey) return toast(tr('chooseFirst'), 'warning');
    const form = new FormData();
    form.append('area', this.evidenceArea.value);
    form.append('note', this.evidenceNote.value);
    if (this.evidenceFile.files[0]) form.append('photo', this.evidenceFile.files[0]);
    try {
      await ctApi.addEvidence(survey.id, form);
      toast(tr('evidenceAdded'), 'success');
      this.evidenceNote.value = '';
      this.evidenceFile.value = '';
      await this.refreshSite();
    } catch (error) {
      toast(tr('error', error.message), 'error');
    }
  }

  startPicking(onPick) {
    const entered = modes.enter('ct-pick');
    if (!entered.ok) return toast(entered.reason, 'warning');
    this.map.getContainer().classList.add('ct-picking');
    toast(tr('picking'));
    this.onPick = (event) => {
      this.stopPicking();
      modes.leave('ct-pick');
      onPick(event.latlng);
    };
    this.map.once('click', this.onPick);
  }

  stopPicking() {
    if (this.onPick) this.map.off('click', this.onPick);
    this.onPick = null;
    this.map.getContainer().classList.remove('ct-picking');
  }

  setFindingPoint(latlng) {
    this.findingPoint = latlng;
    this.findingMarker?.remove();
    this.findingMarker = L.circleMarker(latlng, { pane: PANE.name, radius: 6, color: '#d50000' }).addTo(this.map);
  }

  async addFinding() {
    const survey = this.survey || this.detail?.surveys?.[0];
    if (!survey) return toast(tr('chooseFirst'), 'warning');
    if (!this.findingPoint) return toast(tr('needPoint'), 'warning');
    try {
      await ctApi.addFinding(survey.id, {
        area: this.findingArea.value,
        description: this.findingText.value,
        responsible: this.findingWho.value,
        deadline: this.findingDeadline.value,
        geometry: { type: 'Point', coordinates: [this.findingPoint.lng, this.findingPoint.lat] },
      });
      toast(tr('findingAdded'), 'success');
      this.findingMarker?.remove();
      this.findingPoint = null;
      this.findingText.value = '';
      await this.refreshSite();
    } catch (error) {
      toast(tr('error', error.message), 'error');
    }
  }

  async closeFinding(id, note) {
    try {
      await ctApi.closeFinding(id, note);
      await this.refreshSite();
    } catch (error) {
      toast(tr('error', error.message), 'error');
    }
  }

  // ---- risk -----------------------------------------------------------------------------------
  async runScore() {
    const weights = Object.fromEntries([...this.weightInputs.entries()].map(([k, input]) => [k, Number(input.value)]));
    this.scoreResult.replaceChildren(h('p', { class: 'hint' }, '…'));
    try {
      const body = await ctApi.score(weights);
      const labels = Object.fromEntries(this.meta.factors.map((f) => [f.key, f.label]));
      const mine = this.site && body.results.find((r) => r.kind === 'site' && r.id === this.site.id);
      const parts = [];
      if (mine) {
        parts.push(h('p', { class: 'ct-rank', id: 'ct-rank' }, tr('rank', mine.rank, body.count, mine.score, mine.class_label)),
          h('p', {}, `${tr('drivers')}: ${mine.drivers.map((d) => `${d.label} (−${d.points})`).join(', ')}`),
          table([tr('factor'), tr('value')], Object.entries(mine.factors).map(([k, v]) => [labels[k], v.toFixed(2)])));
      }
      parts.push(h('h4', { class: 'ct-subtitle' }, tr('top')),
        h('ol', { class: 'ct-list ct-top' }, body.results.slice(0, 10).map((r) => h('li', {}, `${r.name} — ${r.score} (${r.class_label}); ${r.drivers.map((d) => d.label).join(', ')}`))));
      this.scoreResult.replaceChildren(...parts);
    } catch (error) {
      this.scoreResult.replaceChildren(h('p', { class: 'error' }, tr('error', error.message)));
    }
  }

  // ---- cordon ---------------------------------------------------------------------------------
  runCordon() {
    const device = this.deviceSelect.value;
    if (this.cordonWhere.value === 'point') {
      this.startPicking((latlng) => this.cordon({ device, point: { type: 'Point', coordinates: [latlng.lng, latlng.lat] } }));
      return;
    }
    if (!this.site) return toast(tr('chooseFirst'), 'warning');
    this.cordon({ device, site: this.site.id });
  }

  async cordon(body) {
    this.cordonResult.replaceChildren(h('p', { class: 'hint' }, '…'));
    try {
      const result = await ctApi.cordon(body);
      this.cordonLayer.clearLayers();
      this.cordonLayer.addData(result.features);
      this.map.fitBounds(this.cordonLayer.getBounds(), { maxZoom: 16 });
      this.cordonResult.replaceChildren(
        h('p', {}, `${result.label}: ${result.device.label}`),
        table([tr('ring'), tr('buildings'), tr('peopleDay'), tr('peopleNight'), tr('schools'), tr('hospitals'), tr('shelters'), tr('stops')],
          result.rings.map((r) => [`${r.label} (${fmt(r.radius_m)} m)`, fmt(r.counts.buildings), fmt(r.people_day), fmt(r.people_night),
            fmt(r.counts.schools), fmt(r.counts.hospitals), fmt(r.counts.shelters), fmt(r.counts.stops)])),
        h('p', {}, tr('cordonPoints', result.cordon_points)),
        h('h4', { class: 'ct-subtitle' }, tr('assembly')),
        h('ul', { class: 'ct-list', id: 'ct-assembly' }, result.assembly.map((a) => h('li', {}, `${a.name}: ${tr('walk', fmt(a.capacity), fmt(a.walk_m), a.walk_min)}`))));
      this.cordonResult.dataset.done = 'true';
    } catch (error) {
      this.cordonResult.replaceChildren(h('p', { class: 'error' }, tr('error', error.message)));
    }
  }

  // ---- approaches -----------------------------------------------------------------------------
  setPerimeter(geometry) {
    this.perimeter = geometry;
    this.eventSelect.value = '';
    this.perimeterLayer.clearLayers();
    this.perimeterLayer.addData(geometry);
  }

  async runApproaches() {
    const body = { vehicle: this.vehicleSelect.value };
    if (this.eventSelect.value) body.event = Number(this.eventSelect.value);
    else if (this.perimeter) body.perimeter = this.perimeter;
    else if (this.site) body.site = this.site.id;
    else return toast(tr('chooseFirst'), 'warning');
    this.approachResult.replaceChildren(h('p', { class: 'hint' }, '…'));
    try {
      const result = await ctApi.approaches(body);
      this.approachLayer.clearLayers();
      this.approachLayer.addData(result.features);
      if (result.features.features.length) this.map.fitBounds(this.approachLayer.getBounds(), { maxZoom: 17 });
      const fastest = result.runs[0]?.speed_kmh ?? 0;
      this.approachResult.replaceChildren(...[
        h('p', {}, `${result.label}: ${tr('runs', result.runs.length, fastest)}`),
        result.message ? h('p', { class: 'hint' }, result.message) : null,
        h('h4', { class: 'ct-subtitle' }, tr('barriers')),
        h('ol', { class: 'ct-list', id: 'ct-barriers' }, result.barriers.map((b) => h('li', {}, tr('barrierRow', b.speed_kmh, b.rating)))),
        h('p', { class: 'hint' }, result.assumptions.join(' ')),
      ].filter(Boolean));
    } catch (error) {
      this.approachResult.replaceChildren(h('p', { class: 'error' }, tr('error', error.message)));
    }
  }
}

// The "Риск от бедствия" panel: the scenarios with owner, date and status (filtered by hazard
// or "only mine"), a form for a new earthquake, flood, landslide or industrial-accident
// scenario, the run's progress, and once done the risk raster on the map (tile overlay with
// opacity and legend) with the scenario's epicentre, rupture, hazardous site and extent drawn,
// the per-district table (with a full-table view) and the file exports.
import { lang, t, formatNumber } from '../i18n.js';
import { SidePanel } from '../side-panel.js';
import { h, toast } from '../ui.js';
import { ACTIVE, riskApi } from './api.js';
import { MeasuresSection } from './measures.js';
import { assumptionsBlock, headlineBlock, reachesBlock, say, zonesBlock } from './bands.js';

const PANE = { name: 'risk', zIndex: 420 };
const POLL_MS = 1200;
const CELL_SIZES = [25, 100, 250, 500];
const RETURN_PERIODS = [20, 100, 1000];
const EXPORTS = [
  { value: 'geotiff', label: 'GeoTIFF' },
  { value: 'geopackage', label: 'GeoPackage' },
  { value: 'csv', label: 'CSV' },
  { value: 'pdf', label: 'PDF' },
];
const INDICATIVE_KINDS = new Set(['flood', 'landslide']);
const KINDS = ['earthquake', 'flood', 'landslide', 'industrial'];
const SCENARIO_STYLE = { color: '#7f0000', weight: 2, dashArray: '6 4', fill: true, fillColor: '#ff5252', fillOpacity: 0.12 };
const EXTENT_STYLE = { color: '#37474f', weight: 1.5, dashArray: '2 6', fill: false };
// The district columns: key, label key, note key (what the number is and what it rests on).
const DISTRICT_COLUMNS = [
  ['people_affected', 'risk.col.affected', 'risk.colNote.affected'],
  ['shelter_need', 'risk.col.need', 'risk.colNote.need'],
  ['shelter_capacity', 'risk.col.capacity', 'risk.colNote.capacity'],
  ['sheltered_within_walk', 'risk.col.capacityWalk', 'risk.colNote.capacityWalk'],
  ['shelter_deficit', 'risk.col.deficit', 'risk.colNote.deficit'],
  ['population', 'risk.col.population', 'risk.colNote.population'],
  ['people_exposed', 'risk.col.exposed', 'risk.colNote.exposed'],
  ['buildings_damaged', 'risk.col.buildings', 'risk.colNote.buildings'],
];
// The columns that fit the panel; the full table has them all.
const PANEL_COLUMNS = new Set(['people_affected', 'shelter_need', 'shelter_deficit']);
// A layer's name as users know it (never its slug).
const demoLayerName = (slug) => {
  const key = `risk.demoLayer.${slug}`;
  const name = t(key);
  return name === key ? t('risk.demoLayer.other') : name;
};
const when = (iso) => (iso ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'bg-BG', { dateStyle: 'short', timeStyle: 'short' }) : '');
const VITOSHA = { magnitude: 6.5, epicentre_lon: 23.27, epicentre_lat: 42.6 };

// replaceChildren() would write null as the text "null": leave out the absent parts.
const present = (...nodes) => nodes.filter((node) => node !== null && node !== undefined && node !== false);

const number = (value, digits = 0) => (value === null || value === undefined || Number.isNaN(Number(value)) ? '—'
  : formatNumber(Number(value), { maximumFractionDigits: digits }));

export class RiskPanel extends SidePanel {
  constructor(map, { section, toggleButton, onOpen }) {
    super(map, { section, toggleButton, onOpen });
    this.options = null;
    this.current = null; // the scenario shown
    this.overlay = null;
    this.pollTimer = null;
    this.exportTimers = new Set();
    this.picking = false;
    this.ensurePane(PANE);
    this.epicentreMarker = L.circleMarker([0, 0], { pane: PANE.name, radius: 7, color: '#7f0000', weight: 2, fillColor: '#ff5252', fillOpacity: 0.9, interactive: false });
    this.scenarioLayer = L.layerGroup([], { pane: PANE.name });
    // Picking the epicentre takes the click before Leaflet sees it, so no feature popup opens.
    this.onMapClick = (event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      this.setEpicentre(this.map.mouseEventToLatLng(event), true);
    };
    this.onKey = (event) => { if (event.key === 'Escape' && this.picking) this.setPicking(false); };
    this.measures = new MeasuresSection(map, { pane: PANE.name, isCurrent: (id) => this.current?.id === id });
    this.render();
    this.bindToggle(t('risk.tool'));
  }

  opened() {
    this.loadOptions();
    this.loadScenarios();
    this.section.querySelector('button, select, input')?.focus();
  }

  closed() {
    this.setPicking(false);
    this.measures.stopDrawing();
  }

  // ---- layout ---------------------------------------------------------------------------
  render() {
    const titleId = 'risk-title';
    this.section.setAttribute('aria-labelledby', titleId);
    this.list = h('ul', { class: 'risk-scenarios', id: 'risk-scenarios', 'aria-labelledby': 'risk-list-title' });
    this.listEmpty = h('p', { class: 'hint' }, t('risk.loading'));

    this.nameInput = h('input', { type: 'text', id: 'risk-name', maxlength: 200, autocomplete: 'off', placeholder: t('risk.namePlaceholder') });
    this.kindSelect = h('select', { id: 'risk-kind', onchange: () => this.syncKind() },
      KINDS.map((kind) => h('option', { value: kind }, t(`risk.kind.${kind}`))));
    this.kindFilter = h('select', { id: 'risk-filter-kind', onchange: () => this.loadScenarios() },
      h('option', { value: '' }, t('risk.filter.all')),
      KINDS.map((kind) => h('option', { value: kind }, t(`risk.kind.${kind}`))));
    this.mineFilter = h('input', { type: 'checkbox', id: 'risk-filter-mine', onchange: () => this.loadScenarios() });
    this.magnitude = h('input', { type: 'number', id: 'risk-magnitude', min: 4, max: 8, step: 0.1, value: 6.5, inputmode: 'decimal', required: true });
    this.lon = h('input', { type: 'number', id: 'risk-lon', step: 0.0001, value: VITOSHA.epicentre_lon, inputmode: 'decimal', required: true });
    this.lat = h('input', { type: 'number', id: 'risk-lat', step: 0.0001, value: VITOSHA.epicentre_lat, inputmode: 'decimal', required: true });
    this.presetButton = h('button', { type: 'button', class: 'btn btn-small', id: 'risk-preset', onclick: () => this.applyPreset() }, t('risk.preset'));
    this.pickButton = h('button', { type: 'button', class: 'btn btn-small', id: 'risk-pick', 'aria-pressed': 'false', onclick: () => this.setPicking(!this.picking) }, t('risk.pick'));
    this.pickHint = h('p', { class: 'hint', role: 'status', hidden: true }, t('risk.picking'));
    this.returnPeriod = h('select', { id: 'risk-return' },
      RETURN_PERIODS.map((years) => h('option', { value: years, selected: years === 100 }, t('risk.years', { years }))));
    this.cellSize = h('select', { id: 'risk-cell', 'aria-describedby': 'risk-cell-hint' },
      CELL_SIZES.map((size) => h('option', { value: size, selected: size === 25 }, t(size === 25 ? 'risk.cellDefault' : 'risk.cellQuick', { size }))));
    this.walk = h('input', { type: 'number', id: 'risk-walk', min: 50, max: 5000, step: 50, value: 500, inputmode: 'numeric' });
    this.submitButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'risk-run' }, t('risk.run'));
    // Finite ruptures from the options' presets; the note says the geometry is illustrative.
    this.geometry = h('select', { id: 'risk-geometry', onchange: () => this.applyGeometry() },
      h('option', { value: '' }, say('pointSource')));
    this.geometryNote = h('p', { class: 'hint risk-geometry-note', id: 'risk-geometry-note', role: 'note', hidden: true });
    this.share = h('input', { type: 'number', id: 'risk-share', min: 0, max: 1, step: 0.05, value: 0.3, inputmode: 'decimal' });
    this.space = h('input', { type: 'number', id: 'risk-space', min: 1, max: 20, step: 0.5, value: 3.5, inputmode: 'decimal' });

    this.quakeFields = h('fieldset', { class: 'risk-fieldset', id: 'risk-quake' },
      h('legend', {}, t('risk.kind.earthquake')),
      h('div', { class: 'field' }, h('label', { for: 'risk-geometry' }, say('geometry')), this.geometry),
      this.geometryNote,
      h('div', { class: 'field' }, h('label', { for: 'risk-magnitude' }, t('risk.magnitude')), this.magnitude),
      h('div', { class: 'risk-pair' },
        h('div', { class: 'field' }, this.lonLabel = h('label', { for: 'risk-lon' }, t('risk.lon')), this.lon),
        h('div', { class: 'field' }, this.latLabel = h('label', { for: 'risk-lat' }, t('risk.lat')), this.lat)),
      h('div', { class: 'button-row' }, this.presetButton, this.pickButton),
      this.pickHint);
    this.floodFields = h('fieldset', { class: 'risk-fieldset', id: 'risk-flood', hidden: true },
      h('legend', {}, t('risk.kind.flood')),
      h('div', { class: 'field' }, h('label', { for: 'risk-return' }, t('risk.returnPeriod')), this.returnPeriod));
    this.landslideFields = h('fieldset', { class: 'risk-fieldset', id: 'risk-landslide', hidden: true },
      h('legend', {}, t('risk.kind.landslide')),
      h('p', { class: 'hint', role: 'note' }, t('risk.landslideNote')));
    this.siteName = h('input', { type: 'text', id: 'risk-site-name', maxlength: 200, autocomplete: 'off', placeholder: t('risk.site.namePlaceholder') });
    this.substance = h('select', { id: 'risk-substance' });
    this.accidentCase = h('select', { id: 'risk-case' },
      ['fire', 'spill'].map((value) => h('option', { value }, t(`risk.case.${value}`))));
    this.windFrom = h('input', { type: 'number', id: 'risk-wind-from', min: 0, max: 360, step: 1, value: 270, inputmode: 'numeric' });
    this.windSpeed = h('input', { type: 'number', id: 'risk-wind-speed', min: 0, max: 60, step: 0.5, value: 3, inputmode: 'decimal' });
    this.industrialFields = h('fieldset', { class: 'risk-fieldset', id: 'risk-industrial', hidden: true },
      h('legend', {}, t('risk.kind.industrial')),
      h('p', { class: 'hint' }, t('risk.site.hint')),
      h('div', { class: 'field' }, h('label', { for: 'risk-site-name' }, t('risk.site.name')), this.siteName),
      h('div', { class: 'field' }, h('label', { for: 'risk-substance' }, t('risk.site.substance')), this.substance),
      h('div', { class: 'field' }, h('label', { for: 'risk-case' }, t('risk.site.case')), this.accidentCase),
      h('div', { class: 'risk-pair' },
        h('div', { class: 'field' }, h('label', { for: 'risk-wind-from' }, t('risk.site.windFrom')), this.windFrom),
        h('div', { class: 'field' }, h('label', { for: 'risk-wind-speed' }, t('risk.site.windSpeed')), this.windSpeed)),
      h('p', { class: 'hint', role: 'note' }, t('risk.site.note')));

    this.form = h('form', { class: 'risk-form', 'aria-labelledby': 'risk-new-title', onsubmit: (event) => { event.preventDefault(); this.submit(); } },
      h('h3', { class: 'risk-subtitle', id: 'risk-new-title' }, t('risk.new')),
      h('div', { class: 'field' }, h('label', { for: 'risk-name' }, t('risk.name')), this.nameInput),
      h('div', { class: 'field' }, h('label', { for: 'risk-kind' }, t('risk.kind')), this.kindSelect),
      this.quakeFields,
      this.floodFields,
      this.landslideFields,
      this.industrialFields,
      h('div', { class: 'risk-pair' },
        h('div', { class: 'field' }, h('label', { for: 'risk-cell' }, t('risk.cell')), this.cellSize),
        h('div', { class: 'field' }, h('label', { for: 'risk-walk' }, t('risk.walk')), this.walk)),
      h('p', { class: 'hint', id: 'risk-cell-hint' }, t('risk.cellHint')),
      h('div', { class: 'risk-pair' },
        h('div', { class: 'field' }, h('label', { for: 'risk-share' }, say('share')), this.share),
        h('div', { class: 'field' }, h('label', { for: 'risk-space' }, say('space')), this.space)),
      h('div', { class: 'button-row' }, this.submitButton));

    this.result = h('div', { class: 'risk-result', id: 'risk-result', 'aria-live': 'polite' });

    this.section.replaceChildren(
      h('div', { class: 'panel-heading' },
        h('h2', { class: 'panel-title', id: titleId }, t('risk.title')),
        this.closeButton(t('risk.close'))),
      h('section', { class: 'risk-block' },
        h('h3', { class: 'risk-subtitle', id: 'risk-list-title' }, t('risk.scenarios')),
        h('div', { class: 'risk-filters', role: 'group', 'aria-label': t('risk.filter.label') },
          h('div', { class: 'field' }, h('label', { for: 'risk-filter-kind' }, t('risk.filter.kind')), this.kindFilter),
          h('label', { class: 'risk-check', for: 'risk-filter-mine' }, this.mineFilter, t('risk.filter.mine'))),
        this.listEmpty, this.list),
      this.result,
      this.form);
  }

  syncKind() {
    const kind = this.kindSelect.value;
    const quake = kind === 'earthquake';
    const industrial = kind === 'industrial';
    this.quakeFields.hidden = !quake && !industrial;
    // The industrial site is placed like the epicentre: typed or picked on the map.
    this.quakeFields.querySelector('legend').textContent = industrial ? t('risk.site.place') : t('risk.kind.earthquake');
    this.lonLabel.textContent = t(industrial ? 'risk.site.lon' : 'risk.lon');
    this.latLabel.textContent = t(industrial ? 'risk.site.lat' : 'risk.lat');
    this.pickButton.textContent = t(industrial ? 'risk.site.pick' : 'risk.pick');
    for (const node of [this.geometry.closest('.field'), this.geometryNote, this.magnitude.closest('.field'), this.presetButton]) {
      node.hidden = industrial || (node === this.geometryNote && !this.selectedRupture());
    }
    this.floodFields.hidden = kind !== 'flood';
    this.landslideFields.hidden = kind !== 'landslide';
    this.industrialFields.hidden = !industrial;
    this.magnitude.required = quake;
    this.lon.required = quake || industrial;
    this.lat.required = quake || industrial;
    if (!quake && !industrial) { this.setPicking(false); this.epicentreMarker.remove(); }
  }

  async loadOptions() {
    if (this.options) return;
    try {
      this.options = await riskApi.options();
      const magnitude = this.options.parameters?.magnitude;
      if (magnitude) { this.magnitude.min = magnitude.min; this.magnitude.max = magnitude.max; }
      const quakes = (this.options.presets || []).filter((p) => p.kind === 'earthquake');
      if (quakes.length) this.preset = quakes[0];
      this.ruptures = quakes.filter((p) => p.strike_deg !== undefined && p.strike_deg !== null);
      this.geometry.replaceChildren(h('option', { value: '' }, say('pointSource')),
        ...this.ruptures.map((p, i) => h('option', { value: String(i) }, `${p.name} (${say('illustrative')})`)));
      const substances = this.options.parameters?.substance_class?.choices || [];
      this.substance.replaceChildren(...substances.map((value) => h('option', { value }, t(`risk.substance.${value}`) === `risk.substance.${value}` ? value : t(`risk.substance.${value}`))));
    } catch (error) {
      toast(t('risk.error', { message: error.message }), 'error');
    }
  }

  applyGeometry() {
    const rupture = this.selectedRupture();
    this.geometryNote.hidden = !rupture;
    this.geometryNote.textContent = rupture ? (rupture.geometry_note || '') : '';
    if (!rupture) return;
    this.magnitude.value = rupture.magnitude;
    this.setEpicentre(L.latLng(rupture.epicentre_lat, rupture.epicentre_lon), false);
    if (!this.nameInput.value) this.nameInput.value = rupture.name;
  }

  selectedRupture() {
    const index = this.geometry?.value;
    return index === '' || index === undefined ? null : (this.ruptures || [])[Number(index)] || null;
  }

  applyPreset() {
    if (this.ruptures?.length) {
      this.kindSelect.value = 'earthquake';
      this.syncKind();
      this.geometry.value = '0';
      this.applyGeometry();
      return;
    }
    const preset = this.preset || VITOSHA;
    this.kindSelect.value = 'earthquake';
    this.syncKind();
    this.magnitude.value = preset.magnitude;
    this.setEpicentre(L.latLng(preset.epicentre_lat, preset.epicentre_lon), false);
    if (!this.nameInput.value) this.nameInput.value = preset.name || t('risk.presetName');
  }

  setPicking(on) {
    this.picking = on;
    this.pickButton.setAttribute('aria-pressed', String(on));
    this.pickHint.hidden = !on;
    this.map.getContainer().classList.toggle('risk-picking', on);
    if (on) {
      this.map.getContainer().addEventListener('click', this.onMapClick, true);
      document.addEventListener('keydown', this.onKey);
    } else {
      this.map.getContainer().removeEventListener('click', this.onMapClick, true);
      document.removeEventListener('keydown', this.onKey);
    }
  }

  setEpicentre(latlng, fromMap) {
    this.lon.value = latlng.lng.toFixed(4);
    this.lat.value = latlng.lat.toFixed(4);
    this.epicentreMarker.setLatLng(latlng).addTo(this.map);
    if (fromMap) {
      this.setPicking(false);
      this.pickButton.focus();
    }
  }

  // ---- scenarios ------------------------------------------------------------------------
  async loadScenarios() {
    try {
      const page = await riskApi.scenarios({ kind: this.kindFilter.value, mine: this.mineFilter.checked ? 'yes' : '' });
      this.renderList(page.results || page);
    } catch (error) {
      this.listEmpty.textContent = t('risk.error', { message: error.message });
    }
  }

  renderList(scenarios) {
    this.listEmpty.hidden = scenarios.length > 0;
    this.listEmpty.textContent = this.kindFilter.value || this.mineFilter.checked ? t('risk.noneFiltered') : t('risk.none');
    this.list.replaceChildren(...scenarios.map((s) => {
      const selected = this.current?.id === s.id;
      return h('li', { class: `risk-scenario${selected ? ' is-selected' : ''}`, dataset: { id: s.id, status: s.status } },
        h('button', { type: 'button', class: 'risk-scenario-open', 'aria-current': selected ? 'true' : null, onclick: () => this.show(s.id) },
          h('span', { class: 'risk-scenario-name' }, s.name || `#${s.id}`),
          h('span', { class: 'risk-scenario-meta' }, `${s.kind_label} · ${t('risk.cellShort', { size: number(s.parameters?.cell_size_m) })}`),
          h('span', { class: 'risk-scenario-owner', dataset: { owner: s.owner } }, t('risk.ownerDate', { owner: s.owner, date: when(s.created_at) })),
          h('span', { class: `risk-status risk-status-${s.status}` }, this.statusText(s))));
    }));
  }

  statusText(job) {
    const label = t(`risk.status.${job.status}`);
    return ACTIVE.has(job.status) ? `${label} · ${job.progress} %` : label;
  }

  async submit() {
    if (!this.form.reportValidity()) return;
    const kind = this.kindSelect.value;
    const body = {
      name: this.nameInput.value.trim(),
      kind,
      cell_size_m: Number(this.cellSize.value),
      walk_radius_m: Number(this.walk.value) || 500,
      shelter_seeking_share: Number(this.share.value),
      space_per_person_m2: Number(this.space.value) || 3.5,
    };
    if (kind === 'earthquake') {
      Object.assign(body, { magnitude: Number(this.magnitude.value), epicentre_lon: Number(this.lon.value), epicentre_lat: Number(this.lat.value) });
      const rupture = this.selectedRupture();
      if (rupture) Object.assign(body, { strike_deg: rupture.strike_deg, dip_deg: rupture.dip_deg, top_depth_km: rupture.top_depth_km || 0 });
    } else if (kind === 'flood') {
      body.return_period_years = Number(this.returnPeriod.value);
    } else if (kind === 'industrial') {
      Object.assign(body, {
        industrial_case: this.accidentCase.value,
        wind_from_deg: Number(this.windFrom.value),
        wind_speed_ms: Number(this.windSpeed.value),
        hazardous_sites: [{
          site_id: 'site-1',
          name: this.siteName.value.trim(),
          lon: Number(this.lon.value),
          lat: Number(this.lat.value),
          substance_class: this.substance.value,
        }],
      });
    }
    if (!body.name) {
      body.name = {
        earthquake: () => t('risk.autoNameQuake', { mw: body.magnitude }),
        flood: () => t('risk.autoNameFlood', { years: body.return_period_years }),
        landslide: () => t('risk.kind.landslide'),
        industrial: () => `${t('risk.kind.industrial')}${body.hazardous_sites[0].name ? ` — ${body.hazardous_sites[0].name}` : ''}`,
      }[kind]();
    }
    this.submitButton.disabled = true;
    try {
      const scenario = await riskApi.create(body);
      this.setPicking(false);
      toast(t('risk.started', { name: scenario.name }), 'success');
      this.showDetail(scenario);
      this.loadScenarios();
    } catch (error) {
      toast(t('risk.error', { message: error.message }), 'error');
    } finally {
      this.submitButton.disabled = false;
    }
  }

  async show(id) {
    try {
      this.showDetail(await riskApi.scenario(id));
    } catch (error) {
      toast(t('risk.error', { message: error.message }), 'error');
    }
  }

  showDetail(scenario) {
    const changed = this.current?.id !== scenario.id;
    const finished = this.current && ACTIVE.has(this.current.status) && !ACTIVE.has(scenario.status);
    this.current = scenario;
    clearTimeout(this.pollTimer);
    if (changed) { this.clearOverlay(); this.measures.dispose(); this.drawScenario(scenario); }
    if (ACTIVE.has(scenario.status)) {
      this.renderProgress(scenario);
      this.pollTimer = setTimeout(() => this.poll(scenario.id), POLL_MS);
    } else {
      this.renderDone(scenario);
      if (finished) this.loadScenarios();
    }
    this.list.querySelectorAll('.risk-scenario').forEach((item) => {
      const selected = Number(item.dataset.id) === scenario.id;
      item.classList.toggle('is-selected', selected);
      item.querySelector('button')?.toggleAttribute('aria-current', selected);
    });
  }

  async poll(id) {
    if (this.current?.id !== id) return;
    try {
      const scenario = await riskApi.scenario(id);
      if (this.current?.id === id) this.showDetail(scenario);
    } catch (error) {
      this.pollTimer = setTimeout(() => this.poll(id), POLL_MS * 3);
    }
  }

  heading(scenario) {
    return h('div', { class: 'risk-result-head' },
      h('h3', { class: 'risk-subtitle', id: 'risk-result-title' }, scenario.name || `#${scenario.id}`),
      h('p', { class: 'risk-result-meta' }, `${scenario.kind_label} · ${t('risk.cellShort', { size: number(scenario.parameters?.cell_size_m) })}`),
      h('p', { class: 'risk-result-owner' }, t('risk.ownerDate', { owner: scenario.owner, date: when(scenario.created_at) })));
  }

  // The scenario's place on the map: the analysed extent (the municipality), the epicentre,
  // the rupture's surface projection (illustrative) and the hazardous site.
  drawScenario(scenario) {
    this.scenarioLayer.clearLayers();
    const geometry = scenario.map_geometry;
    if (!geometry) return;
    const keyed = (layer, key, label) => {
      layer.riskShape = key;
      layer.bindTooltip(() => h('span', {}, label));
      return layer.addTo(this.scenarioLayer);
    };
    if (geometry.extent) {
      const [west, south, east, north] = geometry.extent;
      keyed(L.rectangle([[south, west], [north, east]], { ...EXTENT_STYLE, pane: PANE.name, interactive: false }), 'extent', t('risk.map.extent'));
    }
    if (geometry.rupture) {
      keyed(L.polygon(geometry.rupture.map(([lon, lat]) => [lat, lon]), { ...SCENARIO_STYLE, pane: PANE.name }), 'rupture', t('risk.map.rupture'));
    }
    if (geometry.epicentre) {
      const [lon, lat] = geometry.epicentre;
      keyed(L.circleMarker([lat, lon], { pane: PANE.name, radius: 8, color: '#7f0000', weight: 2, fillColor: '#ff5252', fillOpacity: 0.9 }), 'epicentre',
        t('risk.map.epicentre', { mw: number(scenario.parameters?.magnitude, 1) }));
    }
    for (const site of geometry.hazardous_sites || []) {
      keyed(L.circleMarker([site.lat, site.lon], { pane: PANE.name, radius: 8, color: '#e65100', weight: 2, fillColor: '#ffb74d', fillOpacity: 0.9 }), 'site',
        t('risk.map.site', { name: site.name || '—' }));
    }
    this.scenarioLayer.addTo(this.map);
    this.epicentreMarker.remove();
  }

  renderProgress(scenario) {
    const existing = this.result.querySelector('.risk-progress');
    if (existing && Number(this.result.dataset.id) === scenario.id) {
      existing.value = scenario.progress;
      existing.setAttribute('aria-valuetext', `${scenario.progress} %`);
      this.result.querySelector('.risk-progress-text').textContent = `${this.statusText(scenario)} — ${scenario.message || ''}`;
      return;
    }
    this.result.dataset.id = scenario.id;
    this.result.dataset.status = scenario.status;
    this.result.replaceChildren(
      this.heading(scenario),
      h('label', { for: 'risk-progress', class: 'visually-hidden' }, t('risk.progress')),
      h('progress', { id: 'risk-progress', class: 'risk-progress', max: 100, value: scenario.progress, 'aria-valuetext': `${scenario.progress} %` }),
      h('p', { class: 'risk-progress-text hint' }, `${this.statusText(scenario)} — ${scenario.message || ''}`));
  }

  renderDone(scenario) {
    this.result.dataset.id = scenario.id;
    this.result.dataset.status = scenario.status;
    if (scenario.status !== 'done' || !scenario.has_results) {
      this.result.replaceChildren(this.heading(scenario),
        h('p', { class: 'risk-error', role: 'alert' }, `${t('risk.status.failed')}: ${scenario.message || scenario.error || ''}`));
      return;
    }
    const layers = scenario.layers || [];
    const preferred = layers.find((l) => l.layer === 'impact') || layers[0];
    this.layerSelect = h('select', { id: 'risk-layer', onchange: () => this.showLayer(layers.find((l) => l.layer === this.layerSelect.value)) },
      layers.map((l) => h('option', { value: l.layer, selected: l === preferred }, l.title)));
    this.showOverlay = h('input', { type: 'checkbox', id: 'risk-show', checked: true, onchange: () => this.syncOverlay() });
    this.opacity = h('input', { type: 'range', id: 'risk-opacity', min: 0, max: 100, step: 5, value: 70, 'aria-valuetext': '70 %', oninput: () => this.syncOpacity() });
    this.opacityValue = h('output', { for: 'risk-opacity', class: 'risk-opacity-value' }, '70 %');
    this.legend = h('div', { class: 'risk-legend', id: 'risk-legend', 'aria-live': 'polite' });

    const notes = [...(scenario.notes || [])];
    if (INDICATIVE_KINDS.has(scenario.kind) && !notes.length) notes.push(this.options?.note || t('risk.indicative'));
    const totals = scenario.totals || {};

    this.result.replaceChildren(...present(
      this.heading(scenario),
      h('p', { class: 'risk-status-line' }, h('span', { class: 'risk-status risk-status-done' }, t('risk.status.done'))),
      notes.length ? h('div', { class: 'risk-notes', role: 'note' }, notes.map((note) => h('p', {}, note))) : null,
      (scenario.demo_layers || []).length ? h('p', { class: 'hint risk-demo' }, t('risk.demoLayers', { layers: scenario.demo_layers.map(demoLayerName).join(', ') })) : null,
      headlineBlock(scenario),
      h('dl', { class: 'risk-totals' },
        h('dt', {}, t('risk.col.deficit')), h('dd', { 'data-total': 'shelter_deficit' }, number(totals.shelter_deficit))),
      h('p', { class: 'hint risk-number-note', role: 'note' }, t('risk.colNote.deficit', this.noteValues(scenario))),
      reachesBlock(scenario),
      assumptionsBlock(scenario.assumptions),
      h('fieldset', { class: 'risk-fieldset risk-map-controls' },
        h('legend', {}, t('risk.onMap')),
        h('div', { class: 'field' }, h('label', { for: 'risk-layer' }, t('risk.layer')), this.layerSelect),
        h('label', { class: 'risk-check', for: 'risk-show' }, this.showOverlay, t('risk.showOverlay')),
        h('div', { class: 'field risk-opacity' }, h('label', { for: 'risk-opacity' }, t('risk.opacity')), h('div', { class: 'risk-opacity-row' }, this.opacity, this.opacityValue))),
      this.legend,
      this.districtTable(scenario),
      zonesBlock(scenario, (level) => riskApi.publishZones(scenario.id, { level })),
      this.exportBlock(scenario),
      this.measures.element(scenario)));
    if (preferred) this.showLayer(preferred);
  }

  noteValues(scenario) {
    const p = scenario.parameters || {};
    return {
      walk: number(p.walk_radius_m),
      share: number(p.shelter_seeking_share ?? 0.3, 2),
      space: number(p.space_per_person_m2 ?? 3.5, 1),
    };
  }

  districtTable(scenario, { full = false } = {}) {
    const rows = [...(scenario.districts || [])].sort((a, b) => (b.people_affected || 0) - (a.people_affected || 0));
    const values = this.noteValues(scenario);
    const columns = DISTRICT_COLUMNS.filter(([key]) => full || PANEL_COLUMNS.has(key))
      .filter(([key]) => rows.some((row) => row[key] !== undefined));
    const suffix = full ? '-full' : '';
    const captionId = `risk-districts-caption${suffix}`;
    const table = h('table', { class: `risk-table${full ? ' risk-table-full' : ''}`, id: `risk-districts${suffix}` },
      h('caption', { id: captionId, class: full ? '' : 'visually-hidden' }, t('risk.districtsCaption', values)),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('risk.col.district')),
        columns.map(([key, label]) => h('th', { scope: 'col', class: 'num', dataset: { column: key } }, t(label, values))))),
      h('tbody', {}, rows.map((row) => h('tr', { class: row.shelter_deficit > 0 ? 'has-deficit' : '', dataset: { code: row.code } },
        h('th', { scope: 'row' }, row.name),
        columns.map(([key]) => h('td', { class: 'num', dataset: { column: key } }, number(row[key])))))));
    // What each number is and what it rests on, next to the table.
    const notes = h('ol', { class: 'risk-column-notes hint', id: `risk-column-notes${suffix}` },
      columns.map(([key, label, note]) => h('li', { dataset: { column: key } }, h('strong', {}, t(label, values)), ': ', t(note, values))));
    if (full) return h('div', { class: 'risk-full-table' }, h('div', { class: 'risk-table-wrap risk-table-wrap-full', tabindex: 0, role: 'region', 'aria-labelledby': captionId }, table), notes);
    const open = h('button', { type: 'button', class: 'btn btn-small', id: 'risk-districts-full', onclick: () => this.openFullTable(scenario) }, t('risk.fullTable'));
    return h('section', { class: 'risk-block', 'aria-labelledby': 'risk-districts-title' },
      h('h3', { class: 'risk-subtitle', id: 'risk-districts-title' }, t('risk.districts')),
      h('div', { class: 'risk-table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'risk-districts-title' }, table),
      notes,
      h('div', { class: 'button-row' }, open));
  }

  // Every column of every district in a wide dialog (Escape or the button closes it).
  openFullTable(scenario) {
    const titleId = 'risk-full-title';
    const close = h('button', { type: 'button', class: 'btn', id: 'risk-full-close', onclick: () => dialog.close() }, t('risk.close.table'));
    const dialog = h('dialog', { class: 'dialog risk-full-dialog', id: 'risk-full-dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId, class: 'dialog-title' }, `${t('risk.districts')} — ${scenario.name || `#${scenario.id}`}`),
      this.districtTable(scenario, { full: true }),
      h('div', { class: 'dialog-actions' }, close));
    document.body.append(dialog);
    dialog.addEventListener('close', () => { dialog.remove(); this.result.querySelector('#risk-districts-full')?.focus(); });
    dialog.showModal();
    close.focus();
  }

  // ---- overlay and legend ---------------------------------------------------------------
  showLayer(entry) {
    if (!entry) return;
    this.clearOverlay();
    const [west, south, east, north] = entry.bounds || [23.05, 42.41, 23.68, 42.9];
    this.overlay = L.tileLayer(entry.tiles, {
      pane: PANE.name,
      opacity: Number(this.opacity.value) / 100,
      bounds: L.latLngBounds([south, west], [north, east]),
      minZoom: entry.min_zoom ?? 9,
      maxNativeZoom: entry.max_zoom ?? 18,
      maxZoom: 22,
      className: 'risk-tiles',
    });
    this.overlay.riskLayer = entry.layer;
    this.syncOverlay();
    this.loadLegend(entry);
  }

  clearOverlay() {
    if (this.overlay) this.map.removeLayer(this.overlay);
    this.overlay = null;
  }

  syncOverlay() {
    if (!this.overlay) return;
    if (this.showOverlay.checked) this.overlay.addTo(this.map);
    else this.map.removeLayer(this.overlay);
  }

  syncOpacity() {
    const percent = Number(this.opacity.value);
    this.opacity.setAttribute('aria-valuetext', `${percent} %`);
    this.opacityValue.textContent = `${percent} %`;
    this.overlay?.setOpacity(percent / 100);
  }

  async loadLegend(entry) {
    this.legend.replaceChildren(h('p', { class: 'hint' }, t('risk.loading')));
    try {
      const legend = await riskApi.legend(entry.legend);
      const units = legend.units ? ` (${legend.units})` : '';
      this.legend.replaceChildren(...present(
        h('h4', { class: 'risk-legend-title', id: 'risk-legend-title' }, `${legend.title || entry.title}${units}`),
        h('ul', { class: 'risk-legend-stops', 'aria-labelledby': 'risk-legend-title' },
          (legend.stops || []).map((stop) => h('li', { class: 'risk-legend-stop' },
            h('span', { class: 'risk-swatch', style: { background: stop.colour }, 'aria-hidden': 'true', dataset: { colour: stop.colour } }),
            h('span', { class: 'risk-legend-label' }, stop.label)))),
        legend.note ? h('p', { class: 'risk-legend-note', role: 'note' }, legend.note) : null,
        legend.transparent ? h('p', { class: 'hint' }, legend.transparent) : null));
    } catch (error) {
      this.legend.replaceChildren(h('p', { class: 'risk-error' }, t('risk.error', { message: error.message })));
    }
  }

  // ---- exports --------------------------------------------------------------------------
  exportBlock(scenario) {
    const labels = new Map((this.options?.export_formats || []).map((f) => [f.value, f.label]));
    return h('section', { class: 'risk-block', 'aria-labelledby': 'risk-exports-title' },
      h('h3', { class: 'risk-subtitle', id: 'risk-exports-title' }, t('risk.exports')),
      h('ul', { class: 'risk-exports' }, EXPORTS.map((format) => {
        const status = h('span', { class: 'risk-export-status', id: `risk-export-status-${format.value}`, role: 'status' });
        const button = h('button', {
          type: 'button', class: 'btn btn-small', id: `risk-export-${format.value}`, 'aria-describedby': status.id,
          title: labels.get(format.value) || format.label,
          onclick: () => this.startExport(scenario, format, button, status),
        }, format.label);
        return h('li', { class: 'risk-export', dataset: { format: format.value } }, button, status);
      })));
  }

  async startExport(scenario, format, button, status) {
    button.disabled = true;
    status.replaceChildren(h('progress', { max: 100, value: 0, 'aria-label': t('risk.exportProgress', { format: format.label }) }), ` ${t('risk.status.queued')}`);
    const body = { format: format.value };
    if (format.value === 'geotiff' || format.value === 'pdf') body.layer = this.layerSelect?.value || 'impact';
    if (format.value === 'csv') body.table = 'districts';
    try {
      let job = await riskApi.exportStart(scenario.id, body);
      while (ACTIVE.has(job.status)) {
        status.querySelector('progress').value = job.progress;
        status.lastChild.textContent = ` ${t(`risk.status.${job.status}`)} · ${job.progress} %`;
        await new Promise((resolve) => { setTimeout(resolve, 800); });
        if (this.current?.id !== scenario.id) return;
        job = await riskApi.exportJob(job.id);
      }
      if (job.status === 'done' && job.download_url) {
        status.replaceChildren(h('a', { class: 'risk-download', href: job.download_url, download: job.filename || '' },
          t('risk.download', { format: format.label })));
      } else {
        status.replaceChildren(h('span', { class: 'risk-error' }, `${t('risk.status.failed')}: ${job.message || ''}`));
      }
    } catch (error) {
      status.replaceChildren(h('span', { class: 'risk-error' }, t('risk.error', { message: error.message })));
    } finally {
      button.disabled = false;
    }
  }
}

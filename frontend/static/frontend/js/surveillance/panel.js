// The "Видеонаблюдение" panel: coverage of a district or a drawn polygon by DORI level,
// its coverage gaps on the map, the covering cameras, the loss if some go offline, and
// the best k new camera sites (which planners may save as planned cameras).
import { hasTool } from '../config.js';
import { t } from '../i18n.js';

import { SidePanel } from '../side-panel.js';
import { confirmDialog, h, toast } from '../ui.js';
import { DORI_LEVELS, surveillanceApi } from './api.js';
import { PolygonDrawer } from './draw.js';
import { azimuthText, levelLabel, measure, percent, placeText } from './format.js';

const GAP_STYLE = { color: '#b71c1c', weight: 1.5, dashArray: '4 3', fillColor: '#e53935', fillOpacity: 0.28 };
const PROPOSED_FOV = { color: '#6a1b9a', weight: 1.5, fillColor: '#ba68c8', fillOpacity: 0.3 };
const TARGET_STYLE = { color: '#6a1b9a', weight: 2, fill: false, dashArray: '6 4', interactive: false };
const PANE = { name: 'surveillance', zIndex: 435 };

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

export class SurveillancePanel extends SidePanel {
  constructor(map, { section, toggleButton, onOpen }) {
    super(map, { section, toggleButton, onOpen });
    this.target = null;
    this.coverage = null;
    this.placement = null;
    this.offline = new Set();
    this.ensurePane(PANE);
    this.gapLayer = L.geoJSON(null, { pane: PANE.name, style: () => GAP_STYLE, interactive: false });
    this.targetLayer = L.geoJSON(null, { pane: PANE.name, style: () => TARGET_STYLE, interactive: false });
    this.proposedLayer = L.layerGroup([], { pane: PANE.name });
    this.drawer = new PolygonDrawer(map, {
      onFinish: (geometry, count) => this.setPolygon(geometry, count),
      onCancel: () => this.syncDrawing(),
    });
    this.render();
    this.bindToggle(t('surv.tool'));
  }

  opened() {
    this.loadDistricts();
    this.section.querySelector('select, button')?.focus();
  }

  // ---- layout ---------------------------------------------------------------------------
  render() {
    const titleId = 'surveillance-title';
    this.section.setAttribute('aria-labelledby', titleId);
    const districtId = nextId('surv-district');
    this.districtSelect = h('select', { id: districtId, onchange: () => this.pickDistrict() },
      h('option', { value: '' }, t('surv.chooseDistrict')));
    this.drawButton = h('button', { type: 'button', class: 'btn btn-small', id: 'surv-draw', 'aria-pressed': 'false', onclick: () => this.toggleDrawing() }, t('surv.drawPolygon'));
    this.drawFinish = h('button', { type: 'button', class: 'btn btn-small', hidden: true, onclick: () => this.drawer.finish() }, t('surv.drawDone'));
    this.drawHint = h('p', { class: 'hint', hidden: true, role: 'status' }, t('surv.drawing'));
    this.targetNote = h('p', { class: 'hint surv-target-note' });
    this.planned = h('input', { type: 'checkbox', id: 'surv-planned' });
    this.streets = h('input', { type: 'checkbox', id: 'surv-streets' });
    this.analyseButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'surv-analyse' }, t('surv.analyse'));
    this.results = h('div', { class: 'surv-results', 'aria-live': 'polite' });
    this.kInput = h('input', { type: 'number', id: 'surv-k', min: 1, max: 50, step: 1, value: 5, inputmode: 'numeric' });
    this.placementButton = h('button', { type: 'button', class: 'btn', id: 'surv-placement', onclick: () => this.runPlacement() }, t('surv.placementRun'));
    this.placementResults = h('div', { class: 'surv-placement-results', 'aria-live': 'polite' });

    const form = h('form', { class: 'surv-form', onsubmit: (event) => { event.preventDefault(); this.runCoverage(); } },
      h('fieldset', { class: 'surv-fieldset' },
        h('legend', {}, t('surv.target')),
        h('div', { class: 'field' }, h('label', { for: districtId }, t('surv.district')), this.districtSelect),
        h('div', { class: 'button-row' }, this.drawButton, this.drawFinish),
        this.drawHint, this.targetNote,
        h('label', { class: 'surv-check', for: 'surv-planned' }, this.planned, t('surv.withPlanned')),
        h('label', { class: 'surv-check', for: 'surv-streets' }, this.streets, t('surv.streetsOnly'))),
      h('div', { class: 'button-row' }, this.analyseButton));

    this.section.replaceChildren(
      h('div', { class: 'panel-heading' },
        h('h2', { class: 'panel-title', id: titleId }, t('surv.title')),
        this.closeButton(t('surv.close'))),
      form,
      this.results,
      h('section', { class: 'surv-block', 'aria-labelledby': 'surv-placement-title' },
        h('h3', { class: 'surv-subtitle', id: 'surv-placement-title' }, t('surv.placement')),
        h('div', { class: 'surv-inline' },
          h('div', { class: 'field' }, h('label', { for: 'surv-k' }, t('surv.k')), this.kInput),
          this.placementButton),
        this.placementResults));
  }

  async loadDistricts() {
    if (this.districtsLoaded) return;
    this.districtsLoaded = true;
    try {
      const collection = await surveillanceApi.districts();
      const districts = collection.features.map((f) => ({ code: f.properties.code, name: f.properties.name, geometry: f.geometry }))
        .sort((a, b) => a.name.localeCompare(b.name, 'bg'));
      this.districts = new Map(districts.map((d) => [d.code, d]));
      this.districtSelect.append(...districts.map((d) => h('option', { value: d.code }, d.name)));
      this.section.dataset.districts = String(districts.length);
    } catch (error) {
      this.districtsLoaded = false;
      toast(t('surv.error', { message: error.message }), 'error');
    }
  }

  // ---- target ---------------------------------------------------------------------------
  pickDistrict() {
    const code = this.districtSelect.value;
    if (!code) {
      this.target = null;
      this.targetLayer.clearLayers();
      return;
    }
    this.target = { kind: 'district', district: code };
    this.polygon = null;
    this.targetNote.textContent = '';
    this.showTarget(this.districts?.get(code)?.geometry);
  }

  toggleDrawing() {
    if (this.drawer.active) {
      this.drawer.cancel();
      return;
    }
    const started = this.drawer.start();
    if (!started.ok) {
      toast(started.reason, 'warning');
      return;
    }
    this.syncDrawing();
  }

  syncDrawing() {
    const active = this.drawer.active;
    this.drawButton.setAttribute('aria-pressed', String(active));
    this.drawButton.textContent = active ? t('surv.drawCancel') : t('surv.drawPolygon');
    this.drawFinish.hidden = !active;
    this.drawHint.hidden = !active;
  }

  setPolygon(geometry, count) {
    this.target = { kind: 'geometry', geometry };
    this.districtSelect.value = '';
    this.targetNote.textContent = t('surv.polygonTarget', { count });
    this.showTarget(geometry);
    this.syncDrawing();
  }

  showTarget(geometry) {
    this.targetLayer.clearLayers();
    if (!geometry) return;
    this.targetLayer.addData(geometry).addTo(this.map);
    this.map.fitBounds(this.targetLayer.getBounds(), { padding: [24, 24], maxZoom: 16 });
  }

  requestTarget() {
    if (!this.target) return null;
    const base = this.target.kind === 'district' ? { district: this.target.district } : { geometry: this.target.geometry };
    return this.streets.checked ? { ...base, streets: true } : base;
  }

  // ---- coverage -------------------------------------------------------------------------
  async runCoverage() {
    const target = this.requestTarget();
    if (!target) {
      this.results.replaceChildren(h('p', { class: 'empty-state error', role: 'alert' }, t('surv.needTarget')));
      return;
    }
    this.busy(this.analyseButton, true);
    this.results.replaceChildren(h('p', { class: 'hint' }, t('surv.loading')));
    try {
      this.coverage = await surveillanceApi.coverage(target, { includePlanned: this.planned.checked, onProgress: this.progressIn(this.results) });
      this.coverageTarget = target;
      this.offline.clear();
      this.renderCoverage();
    } catch (error) {
      this.results.replaceChildren(h('p', { class: 'empty-state error', role: 'alert' }, t('surv.error', { message: error.message })));
    } finally {
      this.busy(this.analyseButton, false);
    }
  }

  renderCoverage() {
    const data = this.coverage;
    const unit = data.target.unit;
    const levels = [...data.levels].sort((a, b) => DORI_LEVELS.indexOf(a.level) - DORI_LEVELS.indexOf(b.level));
    const bars = h('ul', { class: 'surv-levels', 'aria-label': t('surv.levels') }, levels.map((level) => {
      const pct = Math.max(0, Math.min(100, level.share * 100));
      const label = levelLabel(level.level);
      return h('li', { class: `surv-level level-${level.level}`, dataset: { level: level.level } },
        h('div', { class: 'surv-level-head' },
          h('span', { class: 'surv-level-name' }, label),
          h('span', { class: 'surv-level-share' }, percent(level.share))),
        h('div', {
          class: 'surv-bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': pct.toFixed(2),
          'aria-valuetext': percent(level.share), 'aria-label': t('surv.levelShare', { label, share: percent(level.share) }),
        }, h('span', { class: 'surv-bar-fill', style: { width: `${pct}%` } })),
        h('div', { class: 'surv-level-meta' }, `${measure(level.covered, unit)} / ${measure(data.target.total, unit)}`));
    }));

    // Coverage gaps: one feature per level; one level at a time on the map.
    this.gapToggle = h('input', { type: 'checkbox', id: 'surv-gaps-toggle', checked: true, onchange: () => this.drawGaps() });
    this.gapLevel = h('select', { id: 'surv-gaps-level', onchange: () => this.drawGaps() },
      DORI_LEVELS.map((level) => h('option', { value: level }, levelLabel(level))));
    this.gapLegend = h('span', { class: 'surv-legend-text' });
    const gaps = h('div', { class: 'surv-block surv-gaps' },
      h('h3', { class: 'surv-subtitle' }, t('surv.gaps')),
      h('label', { class: 'surv-check', for: 'surv-gaps-toggle' }, this.gapToggle, t('surv.gapsToggle')),
      h('div', { class: 'field' }, h('label', { for: 'surv-gaps-level' }, t('surv.gapsLevel')), this.gapLevel),
      h('p', { class: 'surv-legend' }, h('span', { class: 'surv-swatch surv-swatch-gap', 'aria-hidden': 'true' }), this.gapLegend));

    this.results.replaceChildren(
      h('h3', { class: 'surv-subtitle' }, t('surv.coverageOf', { label: data.target.label || t('surv.polygonTarget', { count: '' }) })),
      h('p', { class: 'hint' }, unit === 'm' ? t('surv.totalLength', { value: measure(data.target.total, unit) }) : t('surv.total', { value: measure(data.target.total, unit) })),
      ...(data.target.notes || []).map((note) => h('p', { class: 'hint' }, note)),
      bars, gaps, this.renderCameras(), modelNotes(data));
    this.drawGaps();
  }

  drawGaps() {
    this.gapLayer.clearLayers();
    const level = this.gapLevel?.value || 'detect';
    this.gapLegend.textContent = t('surv.gapsLegend', { label: levelLabel(level) });
    if (!this.coverage || !this.gapToggle.checked) {
      this.gapLayer.remove();
      return;
    }
    const feature = (this.coverage.coverage_gaps?.features || []).find((f) => f.properties.level === level);
    if (feature) this.gapLayer.addData(feature);
    this.gapLayer.addTo(this.map);
  }

  renderCameras() {
    const cameras = this.coverage.cameras || [];
    this.outageButton = h('button', { type: 'button', class: 'btn btn-small', id: 'surv-outage', onclick: () => this.runOutage() });
    this.outageResults = h('div', { class: 'surv-outage-results', 'aria-live': 'polite' });
    this.syncOutageButton();
    const list = cameras.length
      ? h('ul', { class: 'surv-cameras' }, cameras.map((camera) => {
        const id = `surv-off-${camera.id}`;
        const name = camera.name || `#${camera.id}`;
        return h('li', { class: 'surv-camera', dataset: { id: camera.id } },
          h('input', {
            type: 'checkbox', id, 'aria-label': t('surv.offlinePick', { name }),
            onchange: (event) => { event.target.checked ? this.offline.add(camera.id) : this.offline.delete(camera.id); this.syncOutageButton(); },
          }),
          h('span', { class: `surv-level-dot level-${camera.best_level}`, 'aria-hidden': 'true' }),
          h('button', { type: 'button', class: 'link-btn surv-camera-name', onclick: () => this.map.flyTo([camera.position[1], camera.position[0]], Math.max(this.map.getZoom(), 17)) }, name),
          h('span', { class: 'surv-camera-meta' }, `${t('surv.bestLevel', { label: levelLabel(camera.best_level) })}${camera.status_label ? ` · ${camera.status_label}` : ''}`));
      }))
      : h('p', { class: 'empty-state' }, t('surv.noCameras'));
    return h('div', { class: 'surv-block' },
      h('h3', { class: 'surv-subtitle' }, t('surv.cameras', { count: cameras.length })),
      list,
      cameras.length ? [h('h3', { class: 'surv-subtitle' }, t('surv.outage')), h('p', { class: 'hint' }, t('surv.outageHint')),
        h('div', { class: 'button-row' }, this.outageButton), this.outageResults] : null);
  }

  syncOutageButton() {
    if (!this.outageButton) return;
    this.outageButton.textContent = t('surv.outageRun', { count: this.offline.size });
    this.outageButton.disabled = this.offline.size === 0;
  }

  async runOutage() {
    if (!this.offline.size) {
      this.outageResults.replaceChildren(h('p', { class: 'empty-state' }, t('surv.outageNone')));
      return;
    }
    this.busy(this.outageButton, true);
    try {
      const result = await surveillanceApi.outage(this.coverageTarget, [...this.offline], { includePlanned: this.planned.checked, onProgress: this.progressIn(this.outageResults) });
      const unit = this.coverage.target.unit;
      const levels = [...result.levels].sort((a, b) => DORI_LEVELS.indexOf(a.level) - DORI_LEVELS.indexOf(b.level));
      this.outageResults.replaceChildren(
        h('p', { class: 'surv-result-title' }, t('surv.outageResult', { count: result.offline?.length ?? this.offline.size })),
        h('ul', { class: 'surv-outage' }, levels.map((level) => h('li', { class: `level-${level.level}`, dataset: { level: level.level } },
          h('span', { class: `surv-level-dot level-${level.level}`, 'aria-hidden': 'true' }),
          t('surv.outageRow', {
            label: levelLabel(level.level), before: percent(level.share_before), after: percent(level.share_after), lost: measure(level.lost, unit),
          })))));
    } catch (error) {
      this.outageResults.replaceChildren(h('p', { class: 'empty-state error', role: 'alert' }, t('surv.error', { message: error.message })));
    } finally {
      this.busy(this.outageButton, false);
      this.syncOutageButton();
    }
  }

  // ---- placement ------------------------------------------------------------------------
  async runPlacement() {
    const target = this.requestTarget();
    if (!target) {
      this.placementResults.replaceChildren(h('p', { class: 'empty-state error', role: 'alert' }, t('surv.needTarget')));
      return;
    }
    const k = Math.max(1, Math.min(50, Math.round(Number(this.kInput.value) || 5)));
    this.kInput.value = k;
    this.busy(this.placementButton, true);
    this.placementResults.replaceChildren(h('p', { class: 'hint' }, t('surv.loading')));
    try {
      this.placement = await surveillanceApi.placement(target, k, { onProgress: this.progressIn(this.placementResults) });
      this.renderPlacement();
    } catch (error) {
      this.placementResults.replaceChildren(h('p', { class: 'empty-state error', role: 'alert' }, t('surv.error', { message: error.message })));
    } finally {
      this.busy(this.placementButton, false);
    }
  }

  renderPlacement() {
    const result = this.placement;
    const unit = result.unit;
    this.proposedLayer.clearLayers();
    for (const camera of result.cameras) {
      const title = t('surv.proposed', { rank: camera.rank });
      const detail = `${title} — ${t('surv.gain')}: ${measure(camera.gain, unit)}, ${t('surv.cumulative')}: ${percent(camera.cumulative_share)}`;
      if (camera.field_of_view) {
        L.geoJSON(camera.field_of_view, { pane: PANE.name, style: () => PROPOSED_FOV }).bindTooltip(() => h('span', {}, detail)).addTo(this.proposedLayer);
      }
      const marker = L.marker([camera.lat, camera.lon], {
        pane: PANE.name,
        title: detail,
        alt: detail,
        keyboard: true,
        icon: L.divIcon({ className: 'surv-proposed-marker', html: h('span', {}, String(camera.rank)), iconSize: [24, 24], iconAnchor: [12, 12] }),
      });
      marker.bindPopup(() => h('div', { class: 'surv-proposed-popup' },
        h('h3', { class: 'feature-popup-title' }, title),
        h('p', {}, `${t('surv.gain')}: ${measure(camera.gain, unit)}`),
        h('p', {}, `${t('surv.cumulative')}: ${percent(camera.cumulative_share)}`),
        h('p', {}, placeText(camera)),
        h('p', {}, t('surv.azimuth', { azimuth: azimuthText(camera.azimuth) }))));
      marker.addTo(this.proposedLayer);
    }
    this.proposedLayer.addTo(this.map);

    const table = h('table', { class: 'surv-table', id: 'surv-placement-table' },
      h('caption', { class: 'visually-hidden' }, t('surv.placement')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('surv.rank')), h('th', { scope: 'col' }, t('surv.position')), h('th', { scope: 'col' }, t('surv.direction')),
        h('th', { scope: 'col' }, t('surv.gain')), h('th', { scope: 'col' }, t('surv.cumulative')))),
      h('tbody', {}, result.cameras.map((camera) => h('tr', { class: 'surv-proposed-row', dataset: { rank: camera.rank } },
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-btn', 'aria-label': t('surv.zoomTo', { rank: camera.rank }), onclick: () => this.map.flyTo([camera.lat, camera.lon], Math.max(this.map.getZoom(), 17)) }, String(camera.rank))),
        h('td', { class: 'surv-place', dataset: { place: camera.place ? camera.place.layer : '' } }, placeText(camera)),
        h('td', { class: 'surv-azimuth' }, azimuthText(camera.azimuth)),
        h('td', { class: 'surv-gain' }, measure(camera.gain, unit), this.overlapNote(camera, unit)),
        h('td', {}, percent(camera.cumulative_share))))));
    const save = hasTool('placement-save') && result.cameras.length
      ? h('button', { type: 'button', class: 'btn btn-primary', id: 'surv-save', onclick: (event) => this.savePlacement(event.currentTarget) }, t('surv.save'))
      : null;
    this.placementResults.replaceChildren(
      h('p', { class: 'surv-result-title' }, t('surv.placementResult', { level: levelLabel(result.level), before: percent(result.share_before), after: percent(result.share_after) })),
      h('p', { class: 'surv-legend' }, h('span', { class: 'surv-swatch surv-swatch-proposed', 'aria-hidden': 'true' }), t('surv.proposedLegend')),
      table,
      this.gainExplanation(result),
      ...(result.notes || []).map((note) => h('p', { class: 'hint' }, note)),
      save ? h('div', { class: 'button-row' }, save) : null);
  }

  // How much of the camera's field of view inside the target is new: all of it, or less where
  // existing cameras or the cameras ranked above it already cover it.
  overlapNote(camera, unit) {
    if (camera.field_in_target === null || camera.field_in_target === undefined) return null;
    const text = camera.overlap_share < 0.02 ? t('surv.gainWhole', { field: measure(camera.field_in_target, unit) })
      : t('surv.gainPart', { field: measure(camera.field_in_target, unit), overlap: percent(camera.overlap_share) });
    return h('span', { class: 'surv-gain-note hint' }, text);
  }

  // What "gain" means, and why several cameras can have the same one.
  gainExplanation(result) {
    const gains = result.cameras.map((camera) => camera.gain);
    const equal = gains.length > 1 && gains.some((gain, index) => gains.findIndex((other) => Math.abs(other - gain) <= 1e-6 * Math.max(1, gain)) !== index);
    return h('div', { class: 'surv-gain-explained hint', id: 'surv-gain-explained', role: 'note' },
      h('p', {}, t(result.weighted ? 'surv.gainDefinitionWeighted' : 'surv.gainDefinition', { level: levelLabel(result.level) })),
      equal ? h('p', { class: 'surv-gain-equal' }, t('surv.gainEqual')) : null);
  }

  async savePlacement(button) {
    const cameras = this.placement?.cameras || [];
    const ok = await confirmDialog({ title: t('surv.save'), message: t('surv.saveConfirm', { count: cameras.length }), confirmLabel: t('surv.save') });
    if (!ok) return;
    this.busy(button, true);
    try {
      const entries = cameras.map(({ lon, lat, azimuth, mount_height, fov, resolution, tilt }) => ({ lon, lat, azimuth, mount_height, fov, resolution, tilt }));
      const answer = await surveillanceApi.savePlacement(entries);
      toast(t('surv.saved', { count: answer.created.length }), 'success');
      button.remove();
      window.sofiaMap?.catalogue?.refresh('cameras');
      window.sofiaMap?.catalogue?.refresh('camera-fov');
    } catch (error) {
      toast(t('surv.error', { message: error.message }), 'error');
      this.busy(button, false);
    }
  }

  /** While a heavy analysis runs as a job on the server: its stage and progress in `container`. */
  progressIn(container) {
    return (job) => {
      let bar = container.querySelector('progress.surv-progress');
      if (!bar) {
        bar = h('progress', { class: 'surv-progress', max: 100, value: 0, 'aria-label': t('surv.jobProgress') });
        container.replaceChildren(h('div', { class: 'surv-job', role: 'status', dataset: { job: String(job.id) } },
          bar, h('p', { class: 'hint surv-progress-text' })));
      }
      bar.value = job.progress;
      bar.setAttribute('aria-valuetext', `${job.progress} %`);
      container.querySelector('.surv-progress-text').textContent = t('surv.jobStage', { stage: job.stage_label, progress: job.progress });
    };
  }

  busy(button, on) {
    if (!button) return;
    button.disabled = on;
    button.setAttribute('aria-busy', String(on));
  }
}


// The sources and assumptions behind every field of view (the API words them in the user's
// language); text nodes only.
function modelNotes(data) {
  const notes = Object.entries(data.model_notes || {});
  if (!notes.length) return '';
  return h('details', { class: 'surv-block surv-notes' },
    h('summary', {}, data.model_notes_title || ''),
    h('ul', {}, notes.map(([key, note]) => {
      const value = note.value === undefined ? '' : `${typeof note.value === 'object' ? JSON.stringify(note.value) : note.value}: `;
      return h('li', { dataset: { note: key } }, `${value}${[note.source, note.assumption].filter(Boolean).join('; ')}`);
    })));
}

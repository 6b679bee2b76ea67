// A filed event as the directorate reviews it: the event on the map with other events at
// the same time, the overlaps the assessment found and the sensitive sites nearby; the
// assessment table; a button for each status change the workflow allows (with its reason,
// the conditions of an approval, the meeting's time and place, or an alternative drawn on
// the map); tasks for the competent structures; messages; the opinion to the mayor and its PDF.
import { api } from '../api.js';
import { bgTranslations } from '../geoman-bg.js';
import { finishActiveShape } from '../geoman.js';
import { formatNumber, t } from '../i18n.js';
import { h, icon, toast } from '../ui.js';
import { eventsApi, page } from './api.js';
import {
  FormErrors, busy, card, deadlineBadge, deadlineList, errorState, facts, field, fmtDateTime, fmtMetres, fmtRange,
  fromLocalInput, levelBadge, setReady, showFlash, sofiaDay, statusBadge, toLocalInput,
} from './common.js';
import { EVENT_PANE, STYLES, eventMap, eventParts, fitTo, legend, partsOf } from './maps.js';
import { eventFacts, historyList, messagesBox, revisionsTable } from './sections.js';

if (window.L?.PM) L.PM.setOptIn(true);

const root = document.getElementById('review-page');
const SITE_COLORS = {
  hospital: '#c62828', school: '#1565c0', kindergarten: '#0277bd', critical: '#6a1b9a', government: '#4e342e',
  police: '#0d47a1', fire: '#d84315', ambulance: '#2e7d32',
};

let event;
let choices;
let map;
let overlays = {};
let opinion = null;
let alternativeDraw = null;

// ---- header ----------------------------------------------------------------------------

function header() {
  document.getElementById('event-title').textContent = event.title;
  document.title = `${event.title} · ${t('ev.review.title')} · ${t('app.title')}`;
  document.getElementById('event-subtitle').replaceChildren(...[
    statusBadge(event.status, event.status_label),
    h('span', {}, `${event.kind_label} · ${event.track_label}`),
    h('span', {}, fmtRange(event.start, event.end)),
    h('span', { class: 'ev-muted' }, t('ev.revisionN', { n: event.revision })),
    deadlineBadge(event.deadline_report),
    event.urgent ? h('span', { class: 'ev-badge ev-urgent' }, t('ev.urgentBadge')) : null,
  ].filter(Boolean));
}

// ---- decisions -------------------------------------------------------------------------

function conditionInputs(list, initial = ['']) {
  const add = (text = '') => {
    const index = list.children.length;
    list.append(h('li', { class: 'ev-condition-row' },
      h('label', { class: 'visually-hidden', for: `condition-${index}` }, t('ev.review.conditionN', { n: index + 1 })),
      h('input', { type: 'text', id: `condition-${index}`, class: 'field-input', dataset: { path: `conditions.${index}` }, value: text, placeholder: t('ev.review.conditionPlaceholder') })));
  };
  (initial.length ? initial : ['']).forEach(add);
  return add;
}

function transitionPanel(target, container) {
  const summary = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const extra = [];
  let addCondition = null;
  if (target === 'approved') {
    const list = h('ol', { class: 'ev-condition-list', id: 'conditions-list' });
    addCondition = conditionInputs(list, opinion?.conditions?.length ? opinion.conditions : ['']);
    extra.push(h('div', { class: 'field ev-group', dataset: { group: 'conditions' } },
      h('p', { class: 'ev-label' }, t('ev.review.conditions')),
      h('p', { class: 'ev-field-hint' }, t('ev.review.conditionsHint')),
      list,
      h('button', { type: 'button', class: 'btn btn-small', id: 'add-condition', onclick: () => { addCondition(); list.lastElementChild.querySelector('input').focus(); } }, '+ ', t('ev.review.addCondition'))));
  }
  if (target === 'meeting_requested') {
    extra.push(h('div', { class: 'ev-grid-2' },
      field({ label: t('ev.review.meetingAt'), path: 'meeting.at', input: 'datetime-local', required: true, hint: t('ev.form.sofiaTime') }),
      field({ label: t('ev.review.meetingPlace'), path: 'meeting.place', required: true, value: t('ev.review.meetingPlaceDefault') })));
  }
  if (target === 'alternative_proposed') {
    alternativeDraw?.clear();
    alternativeDraw = new AlternativeDraw(map);
    extra.push(h('div', { class: 'ev-group', dataset: { group: 'alternative' } },
      h('p', { class: 'ev-label' }, t('ev.review.altWhat')),
      h('div', { class: 'ev-grid-2' },
        field({ label: t('ev.review.altStart'), path: 'alternative.start', input: 'datetime-local', value: toLocalInput(event.start), hint: t('ev.review.altTimeHint') }),
        field({ label: t('ev.review.altEnd'), path: 'alternative.end', input: 'datetime-local', value: toLocalInput(event.end) })),
      alternativeDraw.toolbar()));
  }
  const reason = field({
    label: t(target === 'approved' ? 'ev.review.reasonOptional' : 'ev.review.reason'), path: 'reason', input: 'textarea', wide: true,
    required: event.reason_required_for.includes(target), hint: t('ev.review.reasonHint'),
  });
  const confirm = h('button', { type: 'submit', class: `btn ${target === 'rejected' ? 'btn-danger' : 'btn-primary'}`, id: 'confirm-transition' },
    t('ev.review.confirm', { status: choices.statuses[target] }));
  const form = h('form', { class: 'ev-transition-form', dataset: { target }, novalidate: true },
    h('h3', {}, t(`ev.to.${target}`)),
    summary, ...extra, reason,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn', onclick: () => { alternativeDraw?.clear(); alternativeDraw = null; container.replaceChildren(); } }, t('common.cancel')),
      confirm));
  const errors = new FormErrors(form, summary, { onOther: (path, message) => (path.startsWith('alternative') ? alternativeDraw?.showError(message) : false) });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.clear();
    const body = { to: target, reason: form.querySelector('[data-path=reason]').value.trim() };
    if (target === 'approved') body.conditions = [...form.querySelectorAll('[data-path^="conditions."]')].map((input) => input.value.trim()).filter(Boolean);
    if (target === 'meeting_requested') {
      body.meeting = { at: fromLocalInput(form.querySelector('[data-path="meeting.at"]').value), place: form.querySelector('[data-path="meeting.place"]').value.trim() };
    }
    if (target === 'alternative_proposed') {
      const start = fromLocalInput(form.querySelector('[data-path="alternative.start"]').value);
      const end = fromLocalInput(form.querySelector('[data-path="alternative.end"]').value);
      body.alternative = {
        ...alternativeDraw.values(),
        start: start && start !== fromLocalInput(toLocalInput(event.start)) ? start : null,
        end: end && end !== fromLocalInput(toLocalInput(event.end)) ? end : null,
      };
    }
    try {
      await busy(confirm, () => eventsApi.transition(event.id, body));
      toast(t('ev.review.done', { status: choices.statuses[target] }), 'success');
      alternativeDraw?.clear();
      alternativeDraw = null;
      await reload();
    } catch (error) {
      errors.show(error);
    }
  });
  container.replaceChildren(form);
  (form.querySelector('input:not([type=hidden]), textarea'))?.focus();
}

function decisionCard() {
  const panel = h('div', { class: 'ev-transition-panel', id: 'transition-panel' });
  const allowed = event.allowed_transitions;
  const buttons = allowed.map((target) => h('button', {
    type: 'button', class: `btn ev-to ev-to-${target}`, dataset: { to: target },
    onclick: () => transitionPanel(target, panel),
  }, t(`ev.to.${target}`)));
  return card(t('ev.review.decision'), { id: 'decision-card', className: 'ev-decision-card' },
    h('div', { class: 'ev-status-line' }, t('ev.review.now'), ' ', statusBadge(event.status, event.status_label)),
    event.status === 'approved' && event.conditions?.length
      ? [h('p', { class: 'ev-strong' }, t('ev.conditions')), h('ol', { class: 'ev-conditions' }, event.conditions.map((c) => h('li', {}, c)))]
      : null,
    buttons.length
      ? h('div', { class: 'button-row ev-transition-buttons', role: 'group', 'aria-label': t('ev.review.decision') }, buttons)
      : h('p', { class: 'ev-field-hint' }, t(choices.reviewer ? 'ev.review.noTransitions' : 'ev.review.readOnly')),
    panel);
}

/** Drawing the proposed perimeter or route on the review map. */
class AlternativeDraw {
  constructor(leafletMap) {
    this.map = leafletMap;
    this.group = L.featureGroup([], { pmIgnore: false }).addTo(leafletMap);
    this.perimeter = null;
    this.route = null;
    this.status = h('p', { class: 'ev-map-status', role: 'status', hidden: true });
    this.map.pm.setLang('bg_custom', bgTranslations(), 'en');
    this.map.pm.setGlobalOptions({ snappable: true, snapDistance: 15, layerGroup: this.group, finishOnEnter: true, exitModeOnEscape: true, panes: { vertexPane: 'markerPane', layerPane: EVENT_PANE, markerPane: 'markerPane' } });
    this.onCreate = (e) => {
      const part = this.drawing;
      this.drawing = null;
      if (this[part]) this[part].remove();
      this[part] = e.layer;
      this.group.addLayer(e.layer);
      this.render();
    };
    this.map.on('pm:create', this.onCreate);
  }

  toolbar() {
    this.element = h('div', { class: 'ev-alt-draw' });
    this.render();
    return this.element;
  }

  render() {
    const row = (part, shape, iconName) => h('div', { class: 'ev-alt-row' },
      h('button', { type: 'button', class: 'btn btn-small', dataset: { altDraw: part }, onclick: () => this.draw(part, shape) }, icon(iconName), t(`ev.review.altDraw.${part}`)),
      h('span', { class: 'ev-muted' }, this[part] ? t('ev.review.altDrawn') : t('ev.draw.notDrawn')),
      this[part] ? h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => { this[part].remove(); this[part] = null; this.render(); } }, t('ev.draw.remove')) : null);
    this.element?.replaceChildren(
      row('perimeter', 'Polygon', 'polygon'), row('route', 'Line', 'line'),
      h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'finish' }, onclick: () => finishActiveShape(this.map) }, t('edit.finishShape')),
      this.status);
  }

  draw(part, shape) {
    this.map.pm.disableDraw();
    this.drawing = part;
    const style = { ...STYLES.alternative, ...(part === 'route' ? { fill: false } : {}), pmIgnore: false };
    this.map.pm.enableDraw(shape, { pathOptions: style, templineStyle: { color: style.color, dashArray: '5 5' }, hintlineStyle: { color: style.color, dashArray: '5 5' }, continueDrawing: false });
    document.getElementById('review-map')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  values() {
    return {
      perimeter: this.perimeter ? this.perimeter.toGeoJSON(7).geometry : null,
      route: this.route ? this.route.toGeoJSON(7).geometry : null,
    };
  }

  showError(message) {
    this.status.textContent = message;
    this.status.className = 'ev-map-status ev-map-status-error';
    this.status.hidden = false;
    return true;
  }

  clear() {
    this.map.pm.disableDraw();
    this.map.off('pm:create', this.onCreate);
    this.group.remove();
  }
}

// ---- assessment ------------------------------------------------------------------------

function conflictDetails(data) {
  if (!data.conflicts?.length) return null;
  return h('ul', { class: 'ev-plain-list' }, data.conflicts.map((c) => h('li', {},
    h('strong', {}, c.title), ' — ',
    c.overlap_kind === 'intersects' ? t('ev.assess.overlaps') : t('ev.assess.distance', { m: fmtMetres(c.distance_m) }),
    ` · ${fmtRange(c.overlap_start, c.overlap_end)} `,
    c.overlap ? h('button', { type: 'button', class: 'link-btn ev-link', onclick: () => zoomToGeometry(c.overlap) }, t('ev.assess.showOnMap')) : null)));
}

function siteDetails(data) {
  if (!data.sites?.length) return null;
  const shown = data.sites.slice(0, 15);
  return h('div', {},
    h('ul', { class: 'ev-plain-list ev-columns' }, shown.map((site) => h('li', {},
      h('span', { class: 'ev-dot', style: { background: SITE_COLORS[site.kind] || '#546e7a' }, 'aria-hidden': 'true' }),
      `${site.name || '—'} (${t(`ev.site.${site.kind}`)}), ${fmtMetres(site.distance_m)}`))),
    data.sites.length > shown.length ? h('p', { class: 'ev-field-hint' }, t('ev.assess.more', { n: data.sites.length - shown.length })) : null);
}

function routeDetails(data) {
  if (!data.streets?.length) return null;
  return h('ul', { class: 'ev-plain-list' }, data.streets.map((street) => h('li', {},
    street.name, ` — ${t('ev.assess.crossings', { n: street.crossings })}`, street.along_m ? `, ${t('ev.assess.along', { m: fmtMetres(street.along_m) })}` : '')));
}

const DETAILS = { conflicts: conflictDetails, proximity: siteDetails, route: routeDetails };

function assessmentTable(assessment) {
  const rows = assessment.checks.map((check) => {
    const details = DETAILS[check.key]?.(check.data || {});
    return h('tr', { dataset: { check: check.key, level: check.status } },
      h('th', { scope: 'row' }, check.title),
      h('td', {}, levelBadge(check.status, check.status_label)),
      h('td', {}, h('p', { class: 'ev-check-summary' }, check.summary),
        details ? h('details', {}, h('summary', {}, t('ev.assess.details')), details) : null));
  });
  return h('div', { class: 'ev-table-wrap' },
    h('table', { class: 'ev-table ev-assessment', id: 'assessment-table' },
      h('caption', { class: 'visually-hidden' }, t('ev.assess.title')),
      h('thead', {}, h('tr', {}, [t('ev.assess.check'), t('ev.assess.level'), t('ev.assess.result')].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows)));
}

// The assessment is computed by a background job after each submission: while it is queued or
// running the card says so and asks again every POLL_MS, then shows (and maps) the result.
const ASSESSING = ['queued', 'running'];
const POLL_MS = 1500;

async function followAssessment(body, first) {
  let assessment = first;
  while (ASSESSING.includes(assessment.status)) {
    renderAssessment(body, assessment);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    assessment = await eventsApi.assessment(event.id);
  }
  renderAssessment(body, assessment);
  if (map) drawAssessmentOnMap(assessment);
  return assessment;
}

async function assessmentCard() {
  const body = h('div', { id: 'assessment-body' }, h('p', { class: 'empty-state' }, t('ev.loading')));
  const refresh = choices.reviewer
    ? h('button', { type: 'button', class: 'btn btn-small', id: 'reassess', onclick: async (e) => {
      try {
        const queued = await busy(e.currentTarget, () => eventsApi.reassess(event.id));
        const fresh = await followAssessment(body, queued);
        if (fresh.status === 'done') toast(t('ev.assess.refreshed'), 'success');
      } catch (error) {
        toast(error.message, 'error');
      }
    } }, t('ev.assess.refresh'))
    : null;
  let assessment = null;
  try {
    assessment = await eventsApi.assessment(event.id);
    renderAssessment(body, assessment);
  } catch (error) {
    body.replaceChildren(h('p', { class: 'empty-state' }, error.message));
  }
  return { element: card(t('ev.assess.title'), { id: 'assessment-card', actions: refresh }, body), assessment, body };
}

function renderAssessment(body, assessment) {
  if (ASSESSING.includes(assessment.status)) {
    body.replaceChildren(h('p', { class: 'empty-state', id: 'assessment-pending', role: 'status' },
      t('ev.assess.pending', { p: formatNumber(assessment.progress) })));
    return;
  }
  if (assessment.status === 'failed') {
    body.replaceChildren(h('p', { class: 'empty-state', role: 'alert' }, t('ev.assess.failed'), ' ', assessment.error || ''));
    return;
  }
  const counts = {};
  for (const check of assessment.checks) counts[check.status] = (counts[check.status] || 0) + 1;
  body.replaceChildren(
    h('p', { class: 'ev-assess-meta' },
      t('ev.assess.meta', { n: assessment.revision, at: fmtDateTime(assessment.computed_at), ms: formatNumber(assessment.duration_ms) }),
      ' ', ['danger', 'warning', 'info', 'ok', 'not_available'].filter((level) => counts[level]).map((level) =>
        h('span', { class: 'ev-assess-count' }, levelBadge(level), ` ${counts[level]}`))),
    assessmentTable(assessment));
}

// ---- the map ---------------------------------------------------------------------------

function zoomToGeometry(geometry) {
  const layer = L.geoJSON(geometry);
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 17, padding: [40, 40] });
  document.getElementById('review-map')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function toggleRow(key, label, swatch, layer, { checked = true } = {}) {
  overlays[key]?.remove();
  overlays[key] = layer;
  if (checked) layer.addTo(map);
  const id = `overlay-${key}`;
  return h('li', { dataset: { overlay: key } },
    h('input', { type: 'checkbox', id, checked, onchange: (e) => (e.target.checked ? layer.addTo(map) : layer.remove()) }),
    h('label', { for: id }, h('span', { class: `ev-sw ${swatch}`, 'aria-hidden': 'true' }), label));
}

function drawAssessmentOnMap(assessment) {
  const holder = document.getElementById('map-overlays');
  const check = (key) => assessment?.checks.find((c) => c.key === key);
  const conflicts = L.featureGroup();
  for (const conflict of check('conflicts')?.data?.conflicts || []) {
    if (!conflict.overlap) continue;
    L.geoJSON(conflict.overlap, {
      style: () => STYLES.conflict, pane: EVENT_PANE,
      pointToLayer: (_, latlng) => L.circleMarker(latlng, { ...STYLES.conflict, radius: 8, pane: EVENT_PANE }),
    }).bindTooltip(() => h('span', {}, t('ev.legend.conflict'), ': ', conflict.title)).addTo(conflicts);
  }
  const sites = L.featureGroup();
  // As the opinion's PDF map: the area searched for nearby sites and the cameras around it.
  const radius = L.featureGroup();
  const area = assessment?.search_area;
  if (area?.geometry) L.geoJSON(area.geometry, { style: () => STYLES.searchArea, pane: EVENT_PANE, interactive: false }).addTo(radius);
  const cameras = L.featureGroup();
  for (const key of ['conflicts', 'sites', 'radius', 'cameras']) holder.querySelector(`[data-overlay="${key}"]`)?.remove();
  holder.append(...[
    toggleRow('conflicts', t('ev.legend.conflict'), 'ev-sw-conflict', conflicts),
    toggleRow('sites', t('ev.legend.site'), 'ev-sw-site', sites),
    area?.geometry ? toggleRow('radius', t('ev.legend.searchArea', { distance: fmtMetres(area.distance_m) }), 'ev-sw-radius', radius) : null,
    toggleRow('cameras', t('ev.legend.cameras'), 'ev-sw-camera', cameras),
  ].filter(Boolean));
  const stations = Object.entries(check('stations')?.data?.nearest || {})
    .filter(([, station]) => station)
    .map(([kind, station]) => ({ layer: 'emergency-stations', id: station.id, name: station.name, kind, distance_m: station.distance_m }));
  loadSites(sites, [...(check('proximity')?.data?.sites || []), ...stations]);
  loadCameras(cameras, radius.getLayers().length ? radius.getBounds() : overlays.event.getBounds().pad(0.5));
}

/** The cameras in and around the searched area (as the PDF map), if the reader may see them. */
async function loadCameras(group, bounds) {
  try {
    const collection = await api.features('cameras', { bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((v) => v.toFixed(5)), limit: 2000 });
    for (const feature of collection.features) {
      if (feature.geometry?.type !== 'Point') continue;
      const [lon, lat] = feature.geometry.coordinates;
      L.circleMarker([lat, lon], { ...STYLES.camera, pane: EVENT_PANE })
        .bindTooltip(() => h('span', {}, t('ev.legend.camera'), ': ', feature.properties.name || '—'))
        .addTo(group);
    }
  } catch {
    // A reader who may not see the cameras' layer gets none.
  }
}

/** The nearby sites of the assessment, read from their layers in the event's surroundings. */
async function loadSites(group, sites) {
  const byLayer = new Map();
  for (const site of sites) {
    if (!byLayer.has(site.layer)) byLayer.set(site.layer, new Map());
    byLayer.get(site.layer).set(site.id, site);
  }
  const area = overlays.event.getBounds().pad(0.5);
  const stationArea = area.pad(8);
  await Promise.all([...byLayer.entries()].map(async ([slug, wanted]) => {
    const bounds = slug === 'emergency-stations' ? stationArea : area;
    try {
      const collection = await api.features(slug, { bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((v) => v.toFixed(5)), limit: 2000 });
      for (const feature of collection.features) {
        const site = wanted.get(feature.id);
        if (!site || feature.geometry?.type !== 'Point') continue;
        const [lon, lat] = feature.geometry.coordinates;
        L.circleMarker([lat, lon], {
          radius: 6, weight: 2, color: '#fff', fillColor: SITE_COLORS[site.kind] || '#546e7a', fillOpacity: 0.95, pane: EVENT_PANE,
        }).bindTooltip(() => h('span', {}, site.name || '—', ' · ', t(`ev.site.${site.kind}`), ' · ', fmtMetres(site.distance_m))).addTo(group);
      }
    } catch {
      // A layer the reader may not see is left out.
    }
  }));
}

async function otherEvents() {
  const group = L.featureGroup();
  if (!event.start || !event.end) return group;
  try {
    const collection = await eventsApi.map({ from: sofiaDay(event.start), to: sofiaDay(event.end) });
    const others = collection.features.filter((f) => f.properties.event !== event.id);
    L.geoJSON({ type: 'FeatureCollection', features: others }, {
      style: () => STYLES.other, pane: EVENT_PANE,
      pointToLayer: (_, latlng) => L.circleMarker(latlng, { ...STYLES.other, radius: 5, pane: EVENT_PANE }),
      onEachFeature: (feature, layer) => layer.bindTooltip(() => h('span', {}, feature.properties.title, ' · ', t(`ev.status.${feature.properties.status}`), ' · ', fmtRange(feature.properties.start, feature.properties.end))),
    }).addTo(group);
  } catch {
    // The other events are context; the review goes on without them.
  }
  return group;
}

// ---- tasks -----------------------------------------------------------------------------

async function tasksCard() {
  const body = h('div', {}, h('p', { class: 'empty-state' }, t('ev.loading')));
  const render = async () => {
    let tasks = [];
    try {
      tasks = await eventsApi.tasks(event.id);
    } catch (error) {
      body.replaceChildren(h('p', { class: 'empty-state error' }, error.message));
      return;
    }
    const now = Date.now();
    const table = tasks.length ? h('div', { class: 'ev-table-wrap' }, h('table', { class: 'ev-table', id: 'tasks-table' },
      h('thead', {}, h('tr', {}, [t('ev.tasks.structure'), t('ev.tasks.task'), t('ev.tasks.due'), t('ev.tasks.status')].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, tasks.map((task) => h('tr', { dataset: { task: task.id } },
        h('td', {}, task.structure_label),
        h('td', {}, task.description),
        h('td', { class: task.status === 'open' && new Date(task.due_at).getTime() < now ? 'ev-late-text' : '' }, fmtDateTime(task.due_at)),
        h('td', {}, choices.reviewer
          ? h('select', {
            class: 'field-input ev-compact', 'aria-label': t('ev.tasks.statusOf', { task: task.description }),
            onchange: async (e) => {
              try {
                await eventsApi.updateTask(task.id, { status: e.target.value });
                toast(t('ev.tasks.updated'), 'success');
                render();
              } catch (error) {
                toast(error.message, 'error');
              }
            },
          }, Object.entries(choices.task_statuses).map(([value, label]) => h('option', { value, selected: value === task.status }, label)))
          : task.status_label)))))) : h('p', { class: 'empty-state' }, t('ev.tasks.none'));
    body.replaceChildren(...[table, choices.reviewer ? taskForm(render) : null].filter(Boolean));
  };
  render();
  return card(t('ev.tasks.title'), { id: 'tasks-card' }, body);
}

function taskForm(onSaved) {
  const summary = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const defaultDue = event.start ? toLocalInput(new Date(new Date(event.start).getTime() - 24 * 3600 * 1000).toISOString()) : '';
  const save = h('button', { type: 'submit', class: 'btn' }, '+ ', t('ev.tasks.add'));
  const form = h('form', { class: 'ev-task-form', novalidate: true },
    h('h3', { class: 'ev-group-title' }, t('ev.tasks.new')),
    summary,
    h('div', { class: 'ev-grid-2' },
      field({ label: t('ev.tasks.structure'), path: 'structure', input: 'select', options: Object.entries(choices.structures) }),
      field({ label: t('ev.tasks.due'), path: 'due_at', input: 'datetime-local', value: defaultDue, hint: t('ev.form.sofiaTime') }),
      field({ label: t('ev.tasks.task'), path: 'description', input: 'textarea', wide: true, maxlength: 2000 })),
    h('div', { class: 'form-actions' }, save));
  const errors = new FormErrors(form, summary);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.clear();
    const get = (path) => form.querySelector(`[data-path="${path}"]`).value.trim();
    try {
      await busy(save, () => eventsApi.createTask(event.id, { structure: get('structure'), description: get('description'), due_at: fromLocalInput(get('due_at')) }));
      toast(t('ev.tasks.created'), 'success');
      onSaved();
    } catch (error) {
      errors.show(error);
    }
  });
  return form;
}

// ---- opinion ---------------------------------------------------------------------------

async function opinionCard() {
  try {
    opinion = await eventsApi.opinion(event.id);
  } catch (error) {
    if (error.status !== 404) toast(error.message, 'error');
    opinion = null;
  }
  const pdf = h('a', {
    class: 'btn btn-small', id: 'opinion-pdf', href: eventsApi.opinionPdfUrl(event.id), target: '_blank', rel: 'noopener',
    hidden: !opinion,
  }, icon('printer'), t('ev.opinion.pdf'));
  const meta = h('p', { class: 'ev-field-hint', id: 'opinion-meta' });
  const updateMeta = () => {
    meta.textContent = opinion
      ? t('ev.opinion.meta', { n: opinion.revision, author: opinion.author || '—', at: fmtDateTime(opinion.updated_at) })
        + (opinion.revision !== event.revision ? ` ${t('ev.opinion.outdated', { n: event.revision })}` : '')
      : t('ev.opinion.none');
  };
  updateMeta();
  if (!choices.reviewer) {
    return card(t('ev.opinion.title'), { id: 'opinion-card', actions: pdf }, meta,
      opinion ? facts([
        [t('ev.opinion.decision'), opinion.proposed_decision_label],
        [t('ev.opinion.conditions'), opinion.conditions.length ? h('ol', { class: 'ev-conditions' }, opinion.conditions.map((c) => h('li', {}, c))) : null],
        [t('ev.opinion.justification'), opinion.justification],
      ]) : null);
  }
  const summary = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'save-opinion' }, icon('save'), t('ev.opinion.save'));
  const suggested = event.status === 'alternative_proposed' ? 'propose_alternative' : event.status === 'rejected' ? 'reject' : 'approve_with_conditions';
  const form = h('form', { class: 'ev-opinion-form', id: 'opinion-form', novalidate: true },
    summary,
    field({ label: t('ev.opinion.decision'), path: 'proposed_decision', input: 'select', value: opinion?.proposed_decision || suggested, options: Object.entries(choices.proposed_decisions) }),
    field({ label: t('ev.opinion.conditions'), path: 'conditions', input: 'textarea', rows: 4, value: (opinion?.conditions || event.conditions || []).join('\n'), hint: t('ev.opinion.conditionsHint') }),
    field({ label: t('ev.opinion.justification'), path: 'justification', input: 'textarea', rows: 6, value: opinion?.justification || '', hint: t('ev.opinion.justificationHint') }),
    h('div', { class: 'form-actions' }, save));
  const errors = new FormErrors(form, summary);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.clear();
    const get = (path) => form.querySelector(`[data-path="${path}"]`).value;
    try {
      opinion = await busy(save, () => eventsApi.saveOpinion(event.id, {
        proposed_decision: get('proposed_decision'),
        conditions: get('conditions').split('\n').map((line) => line.trim()).filter(Boolean),
        justification: get('justification').trim(),
      }));
      pdf.hidden = false;
      updateMeta();
      toast(t('ev.opinion.saved'), 'success');
    } catch (error) {
      errors.show(error);
    }
  });
  return card(t('ev.opinion.title'), { id: 'opinion-card', actions: pdf }, meta, form);
}

// ---- page ------------------------------------------------------------------------------

async function reload() {
  const keepY = window.scrollY;
  setReady('loading');
  try {
    await render();
  } finally {
    window.scrollTo(0, keepY);
    setReady();
  }
}

async function render() {
  event = await eventsApi.get(page.eventId);
  map?.remove();
  header();
  const [transitions, revisions] = await Promise.all([
    eventsApi.transitions(event.id).catch(() => []),
    eventsApi.revisions(event.id).catch(() => []),
  ]);
  const opinionElement = await opinionCard();
  const assessment = await assessmentCard();
  const mapHolder = h('div', { class: 'ev-map-wrap ev-map-tall', id: 'review-map' });
  const overlayList = h('ul', { class: 'ev-overlays', id: 'map-overlays', 'aria-label': t('ev.review.mapLayers') });
  const messages = messagesBox(event.id, { staff: true, reviewer: choices.reviewer, canWrite: choices.reviewer });
  root.replaceChildren(h('div', { class: 'ev-review-layout' },
    h('div', { class: 'ev-review-main' },
      card(t('ev.mapTitle'), { id: 'map-card' }, mapHolder, overlayList),
      assessment.element,
      card(t('ev.detailsTitle'), { id: 'details-card' }, eventFacts(event, { staff: true })),
      card(t('ev.history.title'), { id: 'history-card' }, historyList(transitions)),
      card(t('ev.revisions.title'), { id: 'revisions-card' }, revisionsTable(revisions, { current: event.revision }))),
    h('div', { class: 'ev-review-side' },
      decisionCard(),
      card(t('ev.deadline.title'), { id: 'deadline-card' },
        event.deadline_report ? h('p', { class: `ev-deadline-summary ${event.deadline_report.late ? 'is-late' : 'is-ok'}` }, event.deadline_report.summary) : null,
        deadlineList(event.deadline_report)),
      await tasksCard(),
      card(t('ev.messages.title'), { id: 'messages-card' }, messages.element),
      opinionElement)));
  root.removeAttribute('aria-busy');

  overlays = {};
  ({ map } = await eventMap(mapHolder, { label: t('ev.mapOf', { title: event.title }) }));
  const current = eventParts(event);
  overlayList.append(
    toggleRow('event', t('ev.legend.thisEvent'), 'ev-sw-perimeter', current),
    toggleRow('others', t('ev.legend.other'), 'ev-sw-other', await otherEvents()));
  for (const alternative of event.alternatives.filter((a) => !a.accepted_at)) {
    const group = L.featureGroup();
    if (alternative.perimeter) L.geoJSON(alternative.perimeter, { style: () => STYLES.alternative, pane: EVENT_PANE }).addTo(group);
    if (alternative.route) L.geoJSON(alternative.route, { style: () => ({ ...STYLES.alternative, fill: false }), pane: EVENT_PANE }).addTo(group);
    overlayList.append(toggleRow('alternative', t('ev.legend.alternative'), 'ev-sw-alternative', group));
  }
  if (assessment.assessment && ASSESSING.includes(assessment.assessment.status)) {
    followAssessment(assessment.body, assessment.assessment).catch((error) => toast(error.message, 'error'));
  } else {
    drawAssessmentOnMap(assessment.assessment);
  }
  mapHolder.after(legend(partsOf(event)));
  if (!fitTo(map, [current])) mapHolder.before(h('p', { class: 'empty-state' }, t('ev.noGeometry')));
  window.reviewPage = { map, event };
}

async function main() {
  showFlash();
  try {
    choices = await eventsApi.choices();
    await render();
    setReady();
  } catch (error) {
    root.replaceChildren(errorState(error.message));
    root.removeAttribute('aria-busy');
    setReady('error');
  }
}

main();

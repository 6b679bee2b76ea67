// The filing form: a notification (ЗСММ: meeting or rally; manifestation or procession) or
// an application (the ordinance: sports, cultural, other), every field of the API, the
// event drawn on the map or read from a GPX/KML/GeoJSON file, the legal deadlines as the
// API computes them, and three ways to save: a draft, a submission, a new revision.
//
// Nothing is half-saved: a new event is created and submitted in one request; the API
// checks everything before it writes, and its refusal is shown next to the field, or on
// the map for a geometry.
import { etagOf } from '../api.js';
import { t } from '../i18n.js';
import { debounce, h, icon, toast } from '../ui.js';
import { eventsApi, page, pageUrl } from './api.js';
import {
  FormErrors, busy, checkbox, deadlineList, field, flash, fmtDateTime, fromLocalInput, requiredNote, resolveConflict, setReady, toLocalInput, trackOf,
} from './common.js';
import { EventDrawing } from './draw.js';
import { eventMap } from './maps.js';

const root = document.getElementById('event-form-root');
const KINDS = { notification: ['meeting', 'manifestation'], application: ['sports', 'cultural', 'other'] };
const REVISABLE = ['submitted', 'under_review', 'meeting_requested', 'alternative_proposed'];
const GEOMETRY_PATHS = new Set(['perimeter', 'route', 'assembly_point', 'dispersal_point', 'exits', 'closures']);
const UPLOAD_TARGETS = [
  ['route', 'route'], ['perimeter', 'perimeter'], ['closures', 'closures'],
  ['assembly_point', 'points'], ['dispersal_point', 'points'], ['exits', 'points'],
];
const CRS_OPTIONS = [
  ['', 'ev.upload.crsAuto'], ['EPSG:4326', 'ev.upload.crs4326'], ['EPSG:3857', 'ev.upload.crs3857'],
  ['EPSG:32634', 'ev.upload.crs32634'], ['EPSG:7801', 'ev.upload.crs7801'],
];

let event = null; // the event being edited (a draft or a filed one), or null for a new one
let mode = 'new'; // new | draft | revision
let drawing;
let errors;
let dirty = false;
let version = null; // the event's version (ETag) as loaded, sent as If-Match with every change

const byPath = (path) => root.querySelector(`[data-path="${CSS.escape(path)}"]`);
const value = (path) => byPath(path)?.value.trim() ?? '';
const numberOrNull = (path) => (value(path) === '' ? null : Number(value(path)));

// ---- sections --------------------------------------------------------------------------

function kindSection() {
  const groups = Object.entries(KINDS).map(([track, kinds]) => h('div', { class: `ev-track ev-track-${track}` },
    h('p', { class: 'ev-track-title' }, t(`ev.track.${track}`), h('span', { class: 'ev-track-basis' }, t(`ev.track.${track}.basis`))),
    h('div', { class: 'ev-kind-options' }, kinds.map((kind) => {
      const id = `kind-${kind}`;
      return h('div', { class: 'ev-kind' },
        h('input', { type: 'radio', name: 'kind', id, value: kind, dataset: { path: 'kind' }, checked: event?.kind === kind, required: true, onchange: kindChanged }),
        h('label', { for: id }, h('strong', {}, t(`ev.kind.${kind}`)), h('span', {}, t(`ev.kind.${kind}.deadline`))));
    }))));
  return h('fieldset', { class: 'card ev-card ev-group ev-fieldset', id: 'section-kind' },
    h('legend', {}, h('span', { class: 'ev-step' }, '1'), t('ev.form.kind'), h('span', { class: 'ev-required', 'aria-hidden': 'true' }, ' *')),
    h('p', { class: 'ev-field-hint' }, t('ev.form.kindHint')),
    groups);
}

function eventSection() {
  const urgent = checkbox({
    label: t('ev.form.urgent'), path: 'urgent', checked: event?.urgent,
    onchange: (e) => { byPath('urgent_reason').closest('.field').hidden = !e.target.checked; previewDeadlines(); },
  });
  const reason = field({ label: t('ev.form.urgentReason'), path: 'urgent_reason', input: 'textarea', value: event?.urgent_reason, wide: true, hint: t('ev.form.urgentReasonHint') });
  reason.hidden = !event?.urgent;
  return h('fieldset', { class: 'card ev-card ev-fieldset', id: 'section-event' },
    h('legend', {}, h('span', { class: 'ev-step' }, '2'), t('ev.form.event')),
    h('div', { class: 'ev-grid-2' },
      field({ label: t('ev.form.title'), path: 'title', value: event?.title, required: true, wide: true, maxlength: 255, autocomplete: 'off' }),
      field({ label: t('ev.form.purpose'), path: 'purpose', input: 'textarea', value: event?.purpose, required: true, wide: true, hint: t('ev.form.purposeHint') }),
      field({ label: t('ev.form.start'), path: 'start', input: 'datetime-local', value: toLocalInput(event?.start), required: true, hint: t('ev.form.sofiaTime'), onchange: startChanged }),
      field({ label: t('ev.form.end'), path: 'end', input: 'datetime-local', value: toLocalInput(event?.end), required: true, hint: t('ev.form.sofiaTime') }),
      field({ label: t('ev.form.participants'), path: 'expected_participants', input: 'number', min: '1', step: '1', inputmode: 'numeric', value: event?.expected_participants, required: true }),
      field({ label: t('ev.form.stewards'), path: 'stewards', input: 'number', min: '0', step: '1', inputmode: 'numeric', value: event?.stewards, hint: t('ev.form.stewardsHint') })),
    urgent, reason);
}

function organizerSection() {
  const organizer = event?.organizer || {};
  return h('fieldset', { class: 'card ev-card ev-fieldset', id: 'section-organizer' },
    h('legend', {}, h('span', { class: 'ev-step' }, '3'), t('ev.form.organizer')),
    h('p', { class: 'ev-field-hint' }, t('ev.form.organizerHint')),
    h('div', { class: 'ev-grid-2' },
      field({ label: t('ev.form.organizerName'), path: 'organizer.name', value: organizer.name, required: true, wide: true, autocomplete: 'organization' }),
      field({ label: t('ev.form.address'), path: 'organizer.address', value: organizer.address, wide: true, autocomplete: 'street-address' }),
      field({ label: t('ev.form.phone'), path: 'organizer.phone', input: 'tel', value: organizer.phone, autocomplete: 'tel' }),
      field({ label: t('ev.form.email'), path: 'organizer.email', input: 'email', value: organizer.email, autocomplete: 'email' })));
}

function personRow(person = {}, index) {
  return h('div', { class: 'ev-row ev-person-row', dataset: { index } },
    h('div', { class: 'ev-grid-4' },
      field({ label: t('ev.person.name'), path: `responsible_persons.${index}.name`, value: person.name, required: true, autocomplete: 'name' }),
      field({ label: t('ev.person.role'), path: `responsible_persons.${index}.role`, value: person.role }),
      field({ label: t('ev.form.phone'), path: `responsible_persons.${index}.phone`, input: 'tel', value: person.phone, autocomplete: 'tel' }),
      field({ label: t('ev.form.email'), path: `responsible_persons.${index}.email`, input: 'email', value: person.email, autocomplete: 'email' })),
    h('button', { type: 'button', class: 'icon-btn ev-danger', 'aria-label': t('ev.person.remove', { n: index + 1 }), title: t('ev.draw.remove'), onclick: () => removePerson(index) }, icon('trash')));
}

function readPersons() {
  return [...root.querySelectorAll('.ev-person-row')].map((row, index) => ({
    name: value(`responsible_persons.${index}.name`),
    role: value(`responsible_persons.${index}.role`),
    phone: value(`responsible_persons.${index}.phone`),
    email: value(`responsible_persons.${index}.email`),
  }));
}

function renderPersons(persons) {
  const list = root.querySelector('#persons');
  list.replaceChildren(...persons.map((person, index) => personRow(person, index)));
}

function removePerson(index) {
  const persons = readPersons();
  persons.splice(index, 1);
  renderPersons(persons.length ? persons : [{}]);
  dirty = true;
}

function personsSection() {
  return h('fieldset', { class: 'card ev-card ev-fieldset ev-group', id: 'section-persons', dataset: { group: 'responsible_persons' } },
    h('legend', {}, h('span', { class: 'ev-step' }, '4'), t('ev.form.persons')),
    h('p', { class: 'ev-field-hint' }, t('ev.form.personsHint')),
    h('div', { id: 'persons' }),
    h('button', {
      type: 'button', class: 'btn btn-small', id: 'add-person',
      onclick: () => {
        const persons = readPersons();
        renderPersons([...persons, {}]);
        byPath(`responsible_persons.${persons.length}.name`)?.focus();
      },
    }, '+ ', t('ev.person.add')));
}

function placeSection() {
  const section = h('fieldset', { class: 'card ev-card ev-fieldset', id: 'section-place' },
    h('legend', {}, h('span', { class: 'ev-step' }, '5'), t('ev.form.place')),
    h('p', { class: 'ev-field-hint' }, t('ev.form.placeHint')),
    h('div', { class: 'ev-draw-toolbar', id: 'draw-toolbar' }),
    h('p', { class: 'ev-map-status', id: 'draw-status', role: 'status', 'aria-live': 'polite', hidden: true }),
    h('div', { class: 'ev-map-layout' },
      h('div', { class: 'ev-map-wrap', id: 'form-map' }),
      h('div', { class: 'ev-parts', id: 'draw-parts' })),
    uploadBox(),
    typedBox(),
    h('div', { class: 'ev-grid-3 ev-place-fields' },
      checkbox({ label: t('ev.form.fenced'), path: 'fenced', checked: event?.fenced, hint: t('ev.form.fencedHint') }),
      field({ label: t('ev.form.usableArea'), path: 'usable_area_m2', input: 'number', min: '1', step: '1', inputmode: 'decimal', value: event?.usable_area_m2, hint: t('ev.form.usableAreaHint') }),
      field({ label: t('ev.form.routeWidth'), path: 'route_width_m', input: 'number', min: '1', max: '200', step: '0.5', inputmode: 'decimal', value: event?.route_width_m, hint: t('ev.form.routeWidthHint') })));
  return section;
}

function uploadBox() {
  const summary = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const result = h('p', { class: 'ev-upload-result', id: 'upload-result', role: 'status', 'aria-live': 'polite' });
  const box = h('div', { class: 'ev-upload', id: 'upload-box' },
    h('h3', { class: 'ev-group-title' }, icon('layers'), t('ev.upload.title')),
    h('p', { class: 'ev-field-hint' }, t('ev.upload.hint')),
    summary,
    h('div', { class: 'ev-grid-upload' },
      field({ label: t('ev.upload.file'), path: 'file', input: 'file', accept: '.gpx,.kml,.geojson,.json,application/gpx+xml,application/vnd.google-earth.kml+xml,application/geo+json', id: 'upload-file' }),
      field({ label: t('ev.upload.target'), path: 'target', input: 'select', id: 'upload-target', options: UPLOAD_TARGETS.map(([key]) => [key, t(`ev.upload.target.${key}`)]) }),
      field({ label: t('ev.upload.crs'), path: 'crs', input: 'select', id: 'upload-crs', options: CRS_OPTIONS.map(([key, label]) => [key, t(label)]) }),
      h('div', { class: 'ev-upload-action' },
        h('button', { type: 'button', class: 'btn', id: 'upload-button', onclick: (e) => upload(e.currentTarget, box, summary, result) }, t('ev.upload.button')))),
    result);
  return box;
}

// ---- a route or perimeter typed as coordinates (no map, no mouse) ----------------------------

// Sofia Municipality with a margin: a typed pair is read as latitude, longitude (either order).
const SOFIA_LAT = [42.3, 43.0];
const SOFIA_LON = [22.9, 23.8];
const inRange = (value, [low, high]) => value >= low && value <= high;

/**
 * Positions from typed text: one "latitude, longitude" pair per line (or separated by ";"),
 * decimal degrees in WGS 84, either order. Throws an Error whose message names the line.
 */
export function parseTypedPositions(text) {
  const chunks = text.split(/[\n;]+/).map((line) => line.trim()).filter(Boolean);
  return chunks.map((chunk, index) => {
    // Decimal commas ("42,685 23,319") only when a space separates the two numbers.
    const decimalCommas = /^-?\d+,\d+\s+-?\d+,\d+$/.test(chunk);
    const numbers = (decimalCommas ? chunk.replace(/,/g, '.') : chunk).match(/-?\d+(?:\.\d+)?/g) || [];
    const [a, b] = numbers.map(Number);
    if (numbers.length !== 2) throw new Error(t('ev.typed.badLine', { line: index + 1, text: chunk }));
    if (inRange(a, SOFIA_LAT) && inRange(b, SOFIA_LON)) return [b, a];
    if (inRange(b, SOFIA_LAT) && inRange(a, SOFIA_LON)) return [a, b];
    throw new Error(t('ev.typed.outside', { line: index + 1, text: chunk }));
  });
}

function typedBox() {
  const summary = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const result = h('p', { class: 'ev-upload-result', id: 'typed-result', role: 'status', 'aria-live': 'polite' });
  const box = h('div', { class: 'ev-upload', id: 'typed-box' },
    h('h3', { class: 'ev-group-title' }, icon('line'), t('ev.typed.title')),
    h('p', { class: 'ev-field-hint' }, t('ev.typed.hint')),
    summary,
    h('div', { class: 'ev-grid-upload' },
      field({ label: t('ev.typed.points'), path: 'typed_points', input: 'textarea', id: 'typed-points', wide: true, hint: t('ev.typed.example'), spellcheck: 'false' }),
      field({ label: t('ev.upload.target'), path: 'typed_target', input: 'select', id: 'typed-target', options: [['route', t('ev.upload.target.route')], ['perimeter', t('ev.upload.target.perimeter')]] }),
      h('div', { class: 'ev-upload-action' },
        h('button', { type: 'button', class: 'btn', id: 'typed-button', onclick: () => drawTyped(box, summary, result) }, t('ev.typed.button')))),
    result);
  return box;
}

function drawTyped(box, summary, result) {
  const typedErrors = new FormErrors(box, summary);
  typedErrors.clear();
  result.textContent = '';
  const target = box.querySelector('#typed-target').value;
  let positions;
  try {
    positions = parseTypedPositions(box.querySelector('#typed-points').value);
  } catch (error) {
    typedErrors.show({ message: error.message, body: { parameter: 'typed_points' } });
    return;
  }
  const needed = target === 'perimeter' ? 3 : 2;
  if (positions.length < needed) {
    typedErrors.show({ message: t('ev.typed.tooFew', { count: needed }), body: { parameter: 'typed_points' } });
    return;
  }
  const geometry = target === 'perimeter'
    ? { type: 'Polygon', coordinates: [[...positions, positions[0]]] }
    : { type: 'LineString', coordinates: positions };
  drawing.applyUpload({ target, geometry }, target);
  dirty = true;
  result.replaceChildren(h('span', { class: 'ev-ok-mark', 'aria-hidden': 'true' }, '✓ '),
    t('ev.typed.done', { what: t(`ev.upload.target.${target}`), count: positions.length }));
}

async function upload(button, box, summary, result) {
  const uploadErrors = new FormErrors(box, summary);
  uploadErrors.clear();
  const file = box.querySelector('#upload-file').files[0];
  if (!file) {
    uploadErrors.show({ message: t('ev.upload.chooseFile'), body: { parameter: 'file' } });
    return;
  }
  const role = box.querySelector('#upload-target').value;
  const target = UPLOAD_TARGETS.find(([key]) => key === role)[1];
  const crs = box.querySelector('#upload-crs').value;
  result.textContent = '';
  try {
    const answer = await busy(button, () => eventsApi.upload(file, { target, crs }), t('ev.upload.reading'));
    drawing.applyUpload(answer, role);
    dirty = true;
    const parts = [
      t('ev.upload.read', { format: answer.format.toUpperCase(), what: t(`ev.upload.target.${role}`) }),
      t(answer.crs_detected ? 'ev.upload.crsDetected' : 'ev.upload.crsRead', { crs: answer.crs_read || 'EPSG:4326 (WGS 84)' }),
      ...(answer.notes || []),
    ];
    result.replaceChildren(h('span', { class: 'ev-ok-mark', 'aria-hidden': 'true' }, '✓ '), parts.join(' · '));
    result.dataset.crs = answer.crs_read || '';
  } catch (error) {
    uploadErrors.show(error);
  }
}

function revisionSection() {
  return h('fieldset', { class: 'card ev-card ev-fieldset', id: 'section-revision' },
    h('legend', {}, h('span', { class: 'ev-step' }, '6'), t('ev.form.revisionNote')),
    h('p', { class: 'ev-field-hint' }, t('ev.form.revisionHint', { n: (event?.revision || 0) + 1 })),
    field({ label: t('ev.form.whatChanged'), path: 'note', input: 'textarea', wide: true, required: true }));
}

function deadlinesAside() {
  return h('aside', { class: 'ev-aside', 'aria-labelledby': 'deadlines-title' },
    h('section', { class: 'card ev-card ev-sticky' },
      h('h2', { id: 'deadlines-title' }, icon('calendar'), t('ev.deadline.title')),
      h('p', { class: 'ev-track-now', id: 'track-now' }),
      h('div', { id: 'deadline-preview', 'aria-live': 'polite' }, h('p', { class: 'ev-field-hint' }, t('ev.deadline.chooseKind'))),
      h('p', { class: 'hint' }, t('ev.deadline.previewHint'))));
}

function actionsBar() {
  const buttons = mode === 'revision'
    ? [h('button', { type: 'submit', class: 'btn btn-primary', id: 'submit-revision', value: 'revision' }, icon('save'), t('ev.form.submitRevision'))]
    : [
      h('button', { type: 'submit', class: 'btn', id: 'save-draft', value: 'draft' }, icon('save'), t('ev.form.saveDraft')),
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'submit-event', value: 'submit' }, t('ev.form.submit')),
    ];
  return h('div', { class: 'ev-actions-bar' },
    h('p', { class: 'ev-actions-note' }, t(mode === 'revision' ? 'ev.form.revisionNoteShort' : 'ev.form.submitNote')),
    h('div', { class: 'button-row' },
      h('a', { class: 'btn btn-ghost', href: event ? pageUrl('eventPage', event.id) : page.urls.portal }, t('common.cancel')),
      buttons));
}

// ---- behaviour -------------------------------------------------------------------------

function selectedKind() {
  return root.querySelector('input[name=kind]:checked')?.value || '';
}

function kindChanged() {
  const kind = selectedKind();
  const trackNow = root.querySelector('#track-now');
  if (trackNow) trackNow.textContent = kind ? `${t(`ev.track.${trackOf(kind)}`)} — ${t(`ev.kind.${kind}`)}` : '';
  root.querySelectorAll('.ev-track').forEach((group) => group.classList.toggle('is-selected', group.querySelector('input:checked') !== null));
  document.getElementById('form-lead').textContent = kind ? t(`ev.form.lead.${trackOf(kind)}`) : t('ev.form.lead');
  previewDeadlines();
}

function startChanged() {
  const start = byPath('start');
  const end = byPath('end');
  // A start with no end yet: suggest three hours later (the organizer changes it at will).
  if (start.value && !end.value) {
    const date = new Date(`${start.value}:00Z`);
    date.setUTCHours(date.getUTCHours() + 3);
    end.value = date.toISOString().slice(0, 16);
  }
  previewDeadlines();
}

const previewDeadlines = debounce(async () => {
  const target = root.querySelector('#deadline-preview');
  if (!target) return;
  const kind = selectedKind();
  const start = fromLocalInput(byPath('start')?.value);
  if (!kind || !start) {
    target.replaceChildren(h('p', { class: 'ev-field-hint' }, t(kind ? 'ev.deadline.chooseStart' : 'ev.deadline.chooseKind')));
    return;
  }
  if (mode === 'revision') {
    // A revision keeps the first filing's time: the check is against it, not against now.
    target.replaceChildren(
      h('p', { class: 'ev-field-hint' }, t('ev.deadline.revisionNote', { filed: fmtDateTime(event.filed_at) })),
      deadlineList(event.deadline_report));
    return;
  }
  try {
    const report = await eventsApi.deadlines({ kind, start, closures: drawing.closures.length > 0 ? 'true' : '', urgent: byPath('urgent').checked ? 'true' : '' });
    target.replaceChildren(
      h('p', { class: `ev-deadline-summary ${report.late ? 'is-late' : 'is-ok'}` }, report.late ? t('ev.deadline.previewLate') : t('ev.deadline.previewOk')),
      deadlineList(report, { preview: true }));
  } catch (error) {
    target.replaceChildren(h('p', { class: 'ev-field-hint' }, error.message));
  }
}, 350);

function payload() {
  const data = {
    title: value('title'),
    purpose: value('purpose'),
    organizer: {
      name: value('organizer.name'), address: value('organizer.address'), phone: value('organizer.phone'), email: value('organizer.email'),
    },
    responsible_persons: readPersons().filter((person) => Object.values(person).some(Boolean)),
    start: fromLocalInput(byPath('start').value),
    end: fromLocalInput(byPath('end').value),
    expected_participants: numberOrNull('expected_participants'),
    stewards: numberOrNull('stewards'),
    fenced: byPath('fenced').checked,
    usable_area_m2: numberOrNull('usable_area_m2'),
    route_width_m: numberOrNull('route_width_m'),
    urgent: byPath('urgent').checked,
    urgent_reason: byPath('urgent').checked ? value('urgent_reason') : '',
    ...drawing.values(),
  };
  const kind = selectedKind();
  if (kind) data.kind = kind;
  return data;
}

async function save(action, button) {
  errors.clear();
  drawing.clearErrors();
  const data = payload();
  try {
    if (action === 'revision') {
      const revision = await busy(button, () => eventsApi.revise(event.id, { ...data, note: value('note') }, { ifMatch: version }));
      dirty = false;
      flash(t('ev.saved.revision', { n: revision.number }));
      window.location.assign(pageUrl('eventPage', event.id));
      return;
    }
    if (!event) {
      const created = await busy(button, () => eventsApi.create(data, { submit: action === 'submit' }));
      dirty = false;
      flash(t(action === 'submit' ? 'ev.saved.submitted' : 'ev.saved.draft'));
      window.location.assign(action === 'submit' ? pageUrl('eventPage', created.id) : pageUrl('editPage', created.id));
      return;
    }
    await busy(button, async () => {
      event = await eventsApi.update(event.id, data, { ifMatch: version });
      version = etagOf(event);
      dirty = false;
      if (action === 'submit') {
        try {
          await eventsApi.submit(event.id);
        } catch (error) {
          toast(t('ev.saved.draftNotSubmitted'), 'warning');
          throw error;
        }
      }
    });
    if (action === 'submit') {
      flash(t('ev.saved.submitted'));
      window.location.assign(pageUrl('eventPage', event.id));
    } else {
      toast(t('ev.saved.draft'), 'success');
    }
  } catch (error) {
    if (error.status === 412 && (await resolveConflict(error)) === 'overwrite') {
      // Save over the other change on purpose: the change now rests on the current version.
      version = error.body.current_etag || null;
      await save(action, button);
      return;
    }
    if (error.status !== 412) errors.show(error);
  }
}

function onMapError(path, message, body) {
  const root = (path || '').split('.')[0];
  if (!GEOMETRY_PATHS.has(root)) return false;
  // Field errors of an exit or a closure (its width, its street) belong to their inputs.
  if (body.error === 'invalid' && path.split('.').length > 2 && !['position', 'geometry'].includes(path.split('.')[2])) return false;
  document.getElementById('section-place').scrollIntoView({ block: 'start', behavior: 'smooth' });
  return drawing.showError(path, message);
}

function notEditable() {
  root.replaceChildren(h('section', { class: 'card ev-card' },
    h('p', { class: 'empty-state', role: 'alert' }, t('ev.form.notEditable', { status: event.status_label })),
    h('a', { class: 'btn', href: pageUrl('eventPage', event.id) }, t('ev.backToEvent'))));
}

async function main() {
  try {
    if (page.mode === 'edit') {
      event = await eventsApi.get(page.eventId);
      version = etagOf(event);
      if (event.status === 'draft') mode = 'draft';
      else if (REVISABLE.includes(event.status)) mode = 'revision';
      else {
        notEditable();
        return;
      }
    }
  } catch (error) {
    root.replaceChildren(h('p', { class: 'empty-state error', role: 'alert' }, error.message));
    return;
  } finally {
    root.removeAttribute('aria-busy');
  }
  const titles = { new: 'ev.form.titleNew', draft: 'ev.form.titleDraft', revision: 'ev.form.titleRevision' };
  document.getElementById('form-title').textContent = t(titles[mode], { title: event?.title || '', n: (event?.revision || 0) + 1 });
  document.title = `${document.getElementById('form-title').textContent} · ${t('app.title')}`;

  const summary = h('div', { class: 'form-error ev-error-summary', id: 'form-errors', role: 'alert', tabindex: '-1', hidden: true });
  const form = h('form', { id: 'event-form', class: 'ev-form', novalidate: true },
    summary,
    requiredNote(),
    h('div', { class: 'ev-form-layout' },
      h('div', { class: 'ev-form-main' },
        kindSection(), eventSection(), organizerSection(), personsSection(), placeSection(),
        mode === 'revision' ? revisionSection() : null),
      deadlinesAside()),
    actionsBar());
  root.replaceChildren(form);
  renderPersons(event?.responsible_persons?.length ? event.responsible_persons : [{}]);

  const { map } = await eventMap(document.getElementById('form-map'), { label: t('ev.form.mapLabel') });
  drawing = new EventDrawing(map, {
    toolbar: document.getElementById('draw-toolbar'),
    status: document.getElementById('draw-status'),
    parts: document.getElementById('draw-parts'),
  });
  if (event) {
    drawing.load(event);
    drawing.fit();
  }
  drawing.addEventListener('change', () => {
    dirty = true;
    previewDeadlines();
  });
  errors = new FormErrors(form, summary, { onOther: onMapError, labels: {
    kind: t('ev.form.kind'),
    file: t('ev.upload.file'),
    'exits.n': t('ev.exit.n'),
    'closures.n': t('ev.closure.n'),
    'responsible_persons.n': t('ev.person.n'),
  } });
  form.addEventListener('input', () => { dirty = true; });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = e.submitter || form.querySelector('[type=submit].btn-primary');
    save(button.value, button);
  });
  window.addEventListener('beforeunload', (e) => { if (dirty) e.preventDefault(); });
  kindChanged();
  window.eventForm = { map, drawing };
  setReady();
}

main();

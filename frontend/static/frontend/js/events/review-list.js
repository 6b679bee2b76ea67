// The directorate's list of filed events: filtered by dates, status, kind and text, shown
// as a list by day or as a month calendar; each opens the event's review page.
import { formatNumber, t } from '../i18n.js';
import { h } from '../ui.js';
import { eventsApi, page, pageUrl } from './api.js';
import {
  ACTIVE, STATUSES, addDays, card, errorState, field, fmtLongDay, fmtMonth, fmtRange, fmtTime, fmtWeekday, setReady,
  showFlash, sofiaDay, statusBadge, today,
} from './common.js';

const root = document.getElementById('review-root');
const KINDS = ['meeting', 'manifestation', 'sports', 'cultural', 'other'];
const FILED = STATUSES.filter((status) => status !== 'draft');
const STORE = 'sofia-events-review-filters';

function initialFilters() {
  const params = new URLSearchParams(window.location.search);
  const stored = JSON.parse(sessionStorage.getItem(STORE) || 'null');
  const base = stored || { from: today(), to: addDays(today(), 60), status: [...ACTIVE, 'approved'], kind: '', q: '', late: false, view: 'list' };
  if (params.has('from')) base.from = params.get('from');
  if (params.has('to')) base.to = params.get('to');
  if (params.has('status')) base.status = params.get('status').split(',').filter(Boolean);
  if (params.has('view')) base.view = params.get('view');
  return base;
}

let filters = initialFilters();
let events = [];

function filterForm() {
  const statusBoxes = FILED.map((status) => {
    const id = `status-${status}`;
    return h('span', { class: 'ev-chip' },
      h('input', { type: 'checkbox', id, value: status, checked: filters.status.includes(status), dataset: { status } }),
      h('label', { for: id }, t(`ev.status.${status}`)));
  });
  const form = h('form', { class: 'ev-filters', id: 'review-filters', role: 'search', 'aria-label': t('ev.filters.title') },
    h('div', { class: 'ev-grid-filters' },
      field({ label: t('ev.filters.from'), path: 'from', input: 'date', value: filters.from, id: 'filter-from' }),
      field({ label: t('ev.filters.to'), path: 'to', input: 'date', value: filters.to, id: 'filter-to' }),
      field({ label: t('ev.filters.kind'), path: 'kind', input: 'select', id: 'filter-kind', value: filters.kind, options: [['', t('ev.filters.allKinds')], ...KINDS.map((kind) => [kind, t(`ev.kind.${kind}`)])] }),
      field({ label: t('ev.filters.text'), path: 'q', input: 'search', id: 'filter-q', value: filters.q, placeholder: t('ev.filters.textPlaceholder') })),
    h('fieldset', { class: 'ev-chips' },
      h('legend', {}, t('ev.filters.status')),
      statusBoxes,
      h('button', { type: 'button', class: 'link-btn ev-link', onclick: () => setStatuses(ACTIVE) }, t('ev.filters.active')),
      h('button', { type: 'button', class: 'link-btn ev-link', onclick: () => setStatuses(FILED) }, t('ev.filters.all'))),
    h('div', { class: 'ev-filter-actions' },
      h('span', { class: 'ev-chip' },
        h('input', { type: 'checkbox', id: 'filter-late', checked: filters.late }),
        h('label', { for: 'filter-late' }, t('ev.filters.late'))),
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('ev.filters.apply'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    readFilters(form);
    load();
  });
  form.addEventListener('change', (event) => {
    if (event.target.matches('input[type=checkbox], select')) {
      readFilters(form);
      load();
    }
  });
  return form;
}

function setStatuses(statuses) {
  root.querySelectorAll('[data-status]').forEach((box) => { box.checked = statuses.includes(box.value); });
  readFilters(root.querySelector('#review-filters'));
  load();
}

function readFilters(form) {
  filters = {
    ...filters,
    from: form.querySelector('#filter-from').value,
    to: form.querySelector('#filter-to').value,
    kind: form.querySelector('#filter-kind').value,
    q: form.querySelector('#filter-q').value.trim(),
    late: form.querySelector('#filter-late').checked,
    status: [...form.querySelectorAll('[data-status]:checked')].map((box) => box.value),
  };
  sessionStorage.setItem(STORE, JSON.stringify(filters));
}

function eventLine(event) {
  return h('li', { class: 'ev-list-item', dataset: { id: event.id, status: event.status } },
    h('a', { class: 'ev-list-link', href: pageUrl('reviewPage', event.id) },
      h('span', { class: 'ev-list-title' }, event.title),
      h('span', { class: 'ev-list-meta' }, `${fmtRange(event.start, event.end)} · ${event.kind_label}`),
      h('span', { class: 'ev-list-meta' },
        event.expected_participants ? t('ev.participantsN', { n: formatNumber(event.expected_participants) }) : null,
        ` · ${t('ev.revisionN', { n: event.revision })}`,
        event.filed_at ? ` · ${t('ev.filedOn', { when: fmtRange(event.filed_at) })}` : null)),
    h('span', { class: 'ev-list-badges' },
      statusBadge(event.status, event.status_label),
      event.late ? h('span', { class: 'ev-badge ev-late', title: t('ev.deadline.lateTitle') }, t('ev.deadline.lateBadge')) : null,
      event.urgent ? h('span', { class: 'ev-badge ev-urgent' }, t('ev.urgentBadge')) : null));
}

function listView() {
  if (!events.length) return h('p', { class: 'empty-state' }, t('ev.filters.nothing'));
  const days = new Map();
  for (const event of events) {
    const day = event.start ? sofiaDay(event.start) : '—';
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(event);
  }
  return h('div', { class: 'ev-days' }, [...days.entries()].map(([day, rows]) => h('section', { class: 'ev-day', 'aria-label': day === '—' ? t('ev.noTime') : fmtLongDay(day) },
    h('h3', { class: 'ev-day-title' }, day === '—' ? t('ev.noTime') : fmtLongDay(day), h('span', { class: 'ev-count' }, String(rows.length))),
    h('ul', { class: 'ev-list' }, rows.map(eventLine)))));
}

/** A month grid (Monday first) of the month of `filters.from`, each event on its days. */
function monthView() {
  const first = `${filters.from.slice(0, 7)}-01`;
  const weekday = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  const start = addDays(first, -weekday);
  const month = first.slice(0, 7);
  const byDay = new Map();
  for (const event of events) {
    if (!event.start) continue;
    let day = sofiaDay(event.start);
    const last = sofiaDay(event.end || event.start);
    for (let guard = 0; day <= last && guard < 42; guard += 1, day = addDays(day, 1)) {
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push(event);
    }
  }
  const cells = [];
  for (let i = 0; i < 42; i += 1) {
    const day = addDays(start, i);
    const rows = byDay.get(day) || [];
    cells.push(h('div', { class: `ev-cal-cell${day.slice(0, 7) !== month ? ' is-other' : ''}${day === today() ? ' is-today' : ''}`, role: 'gridcell', 'aria-label': fmtLongDay(day) },
      h('span', { class: 'ev-cal-day', 'aria-hidden': 'true' }, String(Number(day.slice(8)))),
      rows.slice(0, 4).map((event) => h('a', { class: `ev-cal-event ev-status-${event.status}`, href: pageUrl('reviewPage', event.id), title: `${event.title} · ${event.status_label}` },
        sofiaDay(event.start) === day ? `${fmtTime(event.start)} ` : '', event.title)),
      rows.length > 4 ? h('span', { class: 'ev-cal-more' }, t('ev.assess.more', { n: rows.length - 4 })) : null));
  }
  const shift = (months) => {
    const date = new Date(`${first}T12:00:00Z`);
    date.setUTCMonth(date.getUTCMonth() + months);
    const from = date.toISOString().slice(0, 10);
    date.setUTCMonth(date.getUTCMonth() + 1);
    date.setUTCDate(0);
    filters = { ...filters, from, to: date.toISOString().slice(0, 10) };
    sessionStorage.setItem(STORE, JSON.stringify(filters));
    root.querySelector('#filter-from').value = filters.from;
    root.querySelector('#filter-to').value = filters.to;
    load();
  };
  const weekdays = Array.from({ length: 7 }, (_, i) => h('div', { class: 'ev-cal-head', role: 'columnheader' }, fmtWeekday(addDays('2026-01-05', i))));
  return h('div', { class: 'ev-calendar' },
    h('div', { class: 'ev-cal-nav' },
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => shift(-1), 'aria-label': t('ev.cal.prev') }, '‹'),
      h('h3', { class: 'ev-cal-title' }, fmtMonth(first)),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => shift(1), 'aria-label': t('ev.cal.next') }, '›')),
    h('div', { class: 'ev-cal-grid', role: 'grid', 'aria-label': fmtMonth(first) },
      h('div', { class: 'ev-cal-row', role: 'row' }, weekdays),
      Array.from({ length: 6 }, (_, week) => h('div', { class: 'ev-cal-row', role: 'row' }, cells.slice(week * 7, week * 7 + 7)))));
}

function viewSwitch() {
  const button = (view) => h('button', {
    type: 'button', class: 'btn btn-small', 'aria-pressed': String(filters.view === view), dataset: { view },
    onclick: () => {
      filters = { ...filters, view };
      if (view === 'month') {
        const first = `${filters.from.slice(0, 7)}-01`;
        const date = new Date(`${first}T12:00:00Z`);
        date.setUTCMonth(date.getUTCMonth() + 1);
        date.setUTCDate(0);
        filters = { ...filters, from: first, to: date.toISOString().slice(0, 10) };
        root.querySelector('#filter-from').value = filters.from;
        root.querySelector('#filter-to').value = filters.to;
      }
      sessionStorage.setItem(STORE, JSON.stringify(filters));
      load();
    },
  }, t(`ev.view.${view}`));
  return h('div', { class: 'button-row ev-view-switch', role: 'group', 'aria-label': t('ev.view.label') }, button('list'), button('month'));
}

async function load() {
  const results = root.querySelector('#review-results');
  results.setAttribute('aria-busy', 'true');
  try {
    events = await eventsApi.list({
      from: filters.from, to: filters.to, status: filters.status.join(','), kind: filters.kind, q: filters.q, late: filters.late ? 'true' : '',
    });
    results.replaceChildren(
      h('div', { class: 'ev-results-head' },
        h('p', { class: 'ev-count-line', role: 'status' }, t('ev.filters.count', { n: events.length })),
        viewSwitch()),
      filters.view === 'month' ? monthView() : listView());
  } catch (error) {
    results.replaceChildren(errorState(error.message));
  } finally {
    results.removeAttribute('aria-busy');
  }
}

async function main() {
  showFlash();
  root.replaceChildren(
    card(t('ev.filters.title'), { id: 'filters-card' }, filterForm()),
    card(t('ev.review.filed'), { id: 'results-card', actions: h('a', { class: 'btn btn-small', href: page.urls.calendarPage }, t('ev.calendarPublic')) },
      h('div', { id: 'review-results' })));
  root.removeAttribute('aria-busy');
  await load();
  setReady();
}

main();

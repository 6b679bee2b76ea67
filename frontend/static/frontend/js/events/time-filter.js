// The map's period filter for the layers that last for a time (the mass events' perimeters,
// routes and street closures): show only the features whose start–end overlaps the
// chosen days.
//
// Vector tiles cannot be asked for a time, so the filter runs in the browser: the tiles
// carry each feature's `start` and `end`, and the catalogue's tile style hides a feature
// outside the period (VectorGrid draws nothing for an empty style). A change of period
// redraws only the event layers; their tiles revalidate with their ETag (304). The public
// sees approved events only — that is what the tiles hold for them.
//
// The period lives in the address (?period=2026-12-01/2026-12-07), next to the map's own
// #map=…&layers=… fragment, so the public calendar can link to "these days on the map".
import { config, hasTool } from '../config.js';
import { t } from '../i18n.js';
import { h } from '../ui.js';
import { addDays, fmtDate, fromLocalInput, today } from './common.js';

const EVENT_LAYERS = ['event-perimeters', 'event-routes', 'event-closures'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A time from a tile ("2026-12-05 08:00:00+00", as PostgreSQL writes it) in ms, or null. */
export function parseTileTime(value) {
  if (value === null || value === undefined || value === '') return null;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(String(value).trim());
  if (!match) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  let zone = match[3] || 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone += ':00';
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return Date.parse(`${match[1]}T${match[2]}${zone}`);
}

/** Layers whose features have a start and an end. */
function timedLayers(catalogue) {
  return catalogue.layers.filter((layer) => {
    const names = new Set((layer.attributes || []).map((attribute) => attribute.name));
    return (names.has('start') && names.has('end')) || EVENT_LAYERS.includes(layer.slug);
  });
}

function readPeriod() {
  const value = new URLSearchParams(window.location.search).get('period') || '';
  const [from, to] = value.split('/');
  return DAY.test(from || '') && DAY.test(to || '') && from <= to ? { from, to } : null;
}

function writePeriod(period) {
  const url = new URL(window.location.href);
  if (period) url.searchParams.set('period', `${period.from}/${period.to}`);
  else url.searchParams.delete('period');
  // The search part keeps the slash readable.
  history.replaceState(history.state, '', `${url.pathname}${url.search.replace(/%2F/gi, '/')}${url.hash}`);
  document.dispatchEvent(new CustomEvent('permalinkchange'));
}

export class EventPeriodFilter {
  constructor(catalogue) {
    this.catalogue = catalogue;
    this.period = readPeriod();
    this.element = this.render();
    if (this.period) this.apply(this.period, { turnOn: true, write: false });
  }

  /** Show the events of `period` ({from, to}: whole Sofia days), or all events (null). */
  apply(period, { turnOn = true, write = true } = {}) {
    this.period = period;
    const layers = timedLayers(this.catalogue);
    let keep = null;
    if (period) {
      const begin = Date.parse(fromLocalInput(`${period.from}T00:00`));
      const end = Date.parse(fromLocalInput(`${addDays(period.to, 1)}T00:00`));
      keep = (properties) => {
        const start = parseTileTime(properties.start);
        const finish = parseTileTime(properties.end) ?? start;
        return start !== null && start < end && finish > begin;
      };
      if (turnOn && !layers.some((layer) => this.catalogue.isVisible(layer.slug))) {
        for (const layer of layers) this.catalogue.setVisible(layer.slug, true);
      }
    }
    for (const layer of layers) this.catalogue.setFeatureFilter(layer.slug, keep);
    if (write) writePeriod(period);
    this.sync();
  }

  sync() {
    const { from, to } = this.period || { from: '', to: '' };
    this.fromInput.value = from;
    this.toInput.value = to;
    this.clearButton.disabled = !this.period;
    this.status.textContent = this.period
      ? t(config.user.staff ? 'ev.period.shownStaff' : 'ev.period.shown', { from: fmtDate(`${from}T12:00:00Z`), to: fmtDate(`${to}T12:00:00Z`) })
      : t('ev.period.all');
    this.error.hidden = true;
  }

  fromInputs() {
    const from = this.fromInput.value;
    const to = this.toInput.value || from;
    if (!DAY.test(from || '')) return;
    if (to < from) {
      this.error.textContent = t('ev.period.toBeforeFrom');
      this.error.hidden = false;
      this.toInput.setAttribute('aria-invalid', 'true');
      return;
    }
    this.toInput.removeAttribute('aria-invalid');
    this.apply({ from, to });
  }

  render() {
    this.fromInput = h('input', { type: 'date', id: 'event-period-from', class: 'field-input', onchange: () => this.fromInputs() });
    this.toInput = h('input', { type: 'date', id: 'event-period-to', class: 'field-input', onchange: () => this.fromInputs() });
    this.clearButton = h('button', { type: 'button', class: 'btn btn-small', dataset: { period: 'clear' }, onclick: () => this.apply(null) }, t('ev.period.clear'));
    this.status = h('p', { class: 'ev-period-status', role: 'status', 'aria-live': 'polite' });
    this.error = h('p', { class: 'field-error', hidden: true });
    const quick = (key, from, to) => h('button', { type: 'button', class: 'btn btn-small', dataset: { period: key }, onclick: () => this.apply({ from: from(), to: to() }) }, t(`ev.period.${key}`));
    const links = [h('a', { href: '/events/calendar/' }, t('ev.period.calendar'))];
    if (hasTool('events_review')) links.push(h('a', { href: '/events/review/' }, t('ev.period.review')));
    if (hasTool('events_portal')) links.push(h('a', { href: '/events/' }, t('ev.period.portal')));
    return h('div', { class: 'event-period', role: 'group', 'aria-labelledby': 'event-period-title' },
      h('h4', { id: 'event-period-title', class: 'event-period-title' }, t('ev.period.title')),
      h('div', { class: 'event-period-dates' },
        h('div', { class: 'field' }, h('label', { for: 'event-period-from' }, t('ev.filters.from')), this.fromInput),
        h('div', { class: 'field' }, h('label', { for: 'event-period-to' }, t('ev.filters.to')), this.toInput)),
      this.error,
      h('div', { class: 'button-row' },
        quick('today', today, today),
        quick('week', today, () => addDays(today(), 6)),
        quick('month', today, () => addDays(today(), 29)),
        this.clearButton),
      this.status,
      h('p', { class: 'event-period-links' }, links));
  }
}

let instance = null;

/** The map page has no events stylesheet of its own; bring it for this control. */
function ensureStylesheet() {
  const href = new URL('../../css/events.css', import.meta.url).pathname;
  if (!document.querySelector(`link[href="${href}"]`)) document.head.append(h('link', { rel: 'stylesheet', href }));
}

/** The period control for the layer panel's events group (made once per page). */
export function eventPeriodControl(catalogue) {
  if (!instance) {
    ensureStylesheet();
    instance = new EventPeriodFilter(catalogue);
    if (window.sofiaMap) window.sofiaMap.eventPeriod = instance;
  }
  instance.sync();
  return instance.element;
}

// The public calendar: approved events between two dates (no personal data — the API's
// public list has none), the streets closed for them, a map of them all, the iCalendar
// feed for the same dates, and a link to the big map filtered to the same period.
// `PublicCalendar` owns the page's state: the filters (kept in the address), the map and the
// event shapes on it.
import { t } from '../i18n.js';
import { h, icon } from '../ui.js';
import { eventsApi, page } from './api.js';
import {
  addDays, card, errorState, field, fmtLongDay, fmtRange, setReady, sofiaDay, today,
} from './common.js';
import { EVENT_PANE, STYLES, eventMap, fitTo, legend } from './maps.js';

const KINDS = ['meeting', 'manifestation', 'sports', 'cultural', 'other'];

export class PublicCalendar {
  constructor(root, params = new URLSearchParams(window.location.search)) {
    this.root = root;
    this.filters = { from: params.get('from') || today(), to: params.get('to') || addDays(today(), 30), kind: params.get('kind') || '' };
    this.map = null;
    this.shapes = null;
    this.byEvent = new Map();
  }

  mapLink() {
    const layers = ['districts', 'transit-routes', 'event-perimeters', 'event-routes', 'event-closures'];
    return `${page.urls.mapPage}?period=${encodeURIComponent(`${this.filters.from}/${this.filters.to}`)}#layers=${layers.join(',')}`;
  }

  eventItem(event) {
    return h('li', { class: 'ev-public-item', dataset: { id: event.id } },
      h('div', { class: 'ev-public-head' },
        h('h4', { class: 'ev-public-title' }, event.title),
        h('span', { class: `ev-badge ev-kind ev-kind-${event.kind}` }, event.kind_label)),
      h('p', { class: 'ev-public-when' }, icon('calendar'), fmtRange(event.start, event.end)),
      event.closures.length
        ? h('div', { class: 'ev-public-closures' },
          h('p', { class: 'ev-strong' }, t('ev.public.closures')),
          h('ul', { class: 'ev-plain-list' }, event.closures.map((c) => h('li', {}, h('span', { class: 'ev-sw ev-sw-closure', 'aria-hidden': 'true' }), `${c.name} — ${fmtRange(c.start, c.end)}`))))
        : h('p', { class: 'ev-muted' }, t('ev.public.noClosures')),
      event.perimeter || event.route
        ? h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.showOnMap(event.id) }, icon('crosshair'), t('ev.public.showOnMap'))
        : null);
  }

  showOnMap(id) {
    const group = this.byEvent.get(id);
    if (!group) return;
    fitTo(this.map, [group], { maxZoom: 16 });
    group.eachLayer((layer) => layer.openTooltip?.());
    document.getElementById('calendar-map').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  drawEvents(events) {
    this.shapes?.remove();
    this.byEvent.clear();
    this.shapes = L.featureGroup().addTo(this.map);
    for (const event of events) {
      const group = L.featureGroup();
      const label = `${event.title} · ${fmtRange(event.start, event.end)}`;
      if (event.perimeter) L.geoJSON(event.perimeter, { style: () => STYLES.perimeter, pane: EVENT_PANE }).bindTooltip(() => h('span', {}, label)).addTo(group);
      for (const closure of event.closures) {
        L.geoJSON(closure.geometry, { style: () => STYLES.closure, pane: EVENT_PANE }).bindTooltip(() => h('span', {}, t('ev.part.closure'), ': ', closure.name, ' · ', fmtRange(closure.start, closure.end))).addTo(group);
      }
      if (event.route) L.geoJSON(event.route, { style: () => STYLES.route, pane: EVENT_PANE }).bindTooltip(() => h('span', {}, label)).addTo(group);
      this.byEvent.set(event.id, group);
      group.addTo(this.shapes);
    }
    fitTo(this.map, [this.shapes], { maxZoom: 15 });
  }

  async load() {
    const { root, filters } = this;
    const list = root.querySelector('#public-list');
    list.setAttribute('aria-busy', 'true');
    const ical = eventsApi.icalUrl({ from: filters.from, to: filters.to, kind: filters.kind });
    root.querySelector('#ical-link').href = ical;
    // A subscription follows every approved event from today on, not only these dates.
    root.querySelector('#ical-subscribe').value = new URL(eventsApi.icalUrl({ from: today(), kind: filters.kind }), window.location.origin).href;
    root.querySelector('#period-map-link').href = this.mapLink();
    history.replaceState(null, '', `?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v))}`);
    try {
      const { results } = await eventsApi.publicList(filters);
      const days = new Map();
      for (const event of results) {
        const day = sofiaDay(event.start);
        if (!days.has(day)) days.set(day, []);
        days.get(day).push(event);
      }
      list.replaceChildren(
        h('p', { class: 'ev-count-line', role: 'status' }, t('ev.public.count', { n: results.length })),
        results.length
          ? h('div', { class: 'ev-days' }, [...days.entries()].map(([day, rows]) => h('section', { class: 'ev-day' },
            h('h3', { class: 'ev-day-title' }, fmtLongDay(day)),
            h('ul', { class: 'ev-public-list' }, rows.map((event) => this.eventItem(event))))))
          : h('p', { class: 'empty-state' }, t('ev.public.none')));
      this.drawEvents(results);
    } catch (error) {
      list.replaceChildren(errorState(error.message));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  async start() {
    const { filters } = this;
    const form = h('form', { class: 'ev-filters', role: 'search', 'aria-label': t('ev.filters.title') },
      h('div', { class: 'ev-grid-filters' },
        field({ label: t('ev.filters.from'), path: 'from', input: 'date', value: filters.from, id: 'public-from' }),
        field({ label: t('ev.filters.to'), path: 'to', input: 'date', value: filters.to, id: 'public-to' }),
        field({ label: t('ev.filters.kind'), path: 'kind', input: 'select', value: filters.kind, id: 'public-kind', options: [['', t('ev.filters.allKinds')], ...KINDS.map((kind) => [kind, t(`ev.kind.${kind}`)])] }),
        h('div', { class: 'ev-filter-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('ev.filters.apply')))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.filters = { from: form.querySelector('#public-from').value, to: form.querySelector('#public-to').value, kind: form.querySelector('#public-kind').value };
      this.load();
    });
    const subscribe = h('div', { class: 'ev-subscribe' },
      h('a', { class: 'btn', id: 'ical-link', href: eventsApi.icalUrl(filters), download: 'sofia-mass-events.ics' }, icon('calendar'), t('ev.public.ical')),
      h('a', { class: 'btn', id: 'period-map-link', href: this.mapLink() }, icon('layers'), t('ev.public.bigMap')),
      h('div', { class: 'field ev-subscribe-field' },
        h('label', { for: 'ical-subscribe' }, t('ev.public.subscribe')),
        h('input', { type: 'text', id: 'ical-subscribe', readonly: true, class: 'field-input', onfocus: (event) => event.target.select() }),
        h('p', { class: 'ev-field-hint' }, t('ev.public.icalHint'))));
    const mapHolder = h('div', { class: 'ev-map-wrap ev-map-tall', id: 'calendar-map' });
    this.root.replaceChildren(
      card(t('ev.filters.title'), { id: 'public-filters' }, form, subscribe),
      h('div', { class: 'ev-public-layout' },
        card(t('ev.public.listTitle'), { id: 'public-card' }, h('div', { id: 'public-list' })),
        card(t('ev.mapTitle'), { id: 'public-map-card', className: 'ev-sticky' }, mapHolder, legend(['perimeter', 'route', 'closure']))));
    this.root.removeAttribute('aria-busy');
    ({ map: this.map } = await eventMap(mapHolder, { label: t('ev.public.mapLabel') }));
    await this.load();
    setReady();
  }
}

new PublicCalendar(document.getElementById('calendar-root')).start();

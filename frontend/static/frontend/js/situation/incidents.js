// The live incident board: markers on the map and a list, filtered, fed by server-sent events.
// A new priority 1–2 incident beeps and pulses; the stream reconnects by itself (the server ends
// each connection after ~25 s so no server thread is held for long).
import { request } from '../api.js';
import { h } from '../ui.js';
import { PRIORITY_COLOURS, s, when } from './strings.js';

const API = '/api/situation/incidents/';

function beep() {
  try {
    const context = new (window.AudioContext || window.webkitAudioContext)();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.35);
  } catch {
    // No audio device (a headless browser): the visible mark is enough.
  }
}

export class IncidentBoard extends EventTarget {
  constructor(map, { list, filters, status }) {
    super();
    this.map = map;
    this.list = list;
    this.filtersElement = filters;
    this.statusElement = status;
    this.layer = L.layerGroup().addTo(map);
    this.markers = new Map();
    this.incidents = new Map();
    this.filters = { category: '', priority: '', status: '', hours: '24' };
    this.lastId = 0;
    this.selected = null;
    this.beeps = 0;
  }

  buildFilters(choices) {
    const select = (name, options) => h('label', { class: 'field' }, h('span', {}, s(name === 'hours' ? 'window' : name)),
      h('select', { name, onchange: (event) => { this.filters[name] = event.target.value; this.reload(); } },
        options.map(([value, label]) => h('option', { value, selected: this.filters[name] === value }, label))));
    this.filtersElement.replaceChildren(
      select('category', [['', s('all')], ...choices.categories.map((c) => [c.value, c.label])]),
      select('priority', [['', s('all')], ['1', '1'], ['2', '2'], ['3', '3'], ['4', '4'], ['1,2', '1–2']]),
      select('status', [['', s('all')], ...choices.statuses.map((c) => [c.value, c.label])]),
      select('hours', [['1', s('hours', 1)], ['6', s('hours', 6)], ['24', s('hours', 24)], ['168', s('hours', 168)]]),
    );
  }

  matches(incident) {
    const f = this.filters;
    if (f.category && incident.category !== f.category) return false;
    if (f.priority && !f.priority.split(',').includes(String(incident.priority))) return false;
    if (f.status && incident.status !== f.status) return false;
    return Date.now() - new Date(incident.occurred_at).getTime() <= Number(f.hours) * 3600_000;
  }

  async reload() {
    const params = new URLSearchParams({ hours: this.filters.hours });
    for (const name of ['category', 'priority', 'status']) if (this.filters[name]) params.set(name, this.filters[name]);
    const data = await request(`${API}?${params}`);
    this.incidents.clear();
    this.layer.clearLayers();
    this.markers.clear();
    for (const incident of data.incidents.reverse()) this.put(incident, { fresh: false });
    this.lastId = Math.max(this.lastId, data.latest_id);
    this.renderList();
    if (!this.source) this.connect();
  }

  marker(incident, fresh) {
    const urgent = incident.priority <= 2 && incident.status === 'new';
    const marker = L.circleMarker([incident.lat, incident.lon], {
      radius: 10 - incident.priority, color: '#fff', weight: 2, fillOpacity: 0.95,
      fillColor: PRIORITY_COLOURS[incident.priority], className: `incident-marker incident-p${incident.priority}`,
    });
    marker.on('click', () => this.select(incident.id));
    const group = L.featureGroup([marker]);
    if (urgent && fresh) {
      // A pulsing ring around a new urgent incident (the icon has no text: no HTML from data).
      group.addLayer(L.marker([incident.lat, incident.lon], {
        icon: L.divIcon({ className: 'incident-pulse', iconSize: [36, 36] }), interactive: false, keyboard: false,
      }));
    }
    return group;
  }

  put(incident, { fresh }) {
    this.incidents.set(incident.id, incident);
    this.markers.get(incident.id)?.remove();
    this.markers.delete(incident.id);
    if (!this.matches(incident)) return;
    const marker = this.marker(incident, fresh);
    marker.addTo(this.layer);
    this.markers.set(incident.id, marker);
  }

  update(incident) {
    this.put({ ...this.incidents.get(incident.id), ...incident }, { fresh: false });
    this.renderList();
  }

  renderList() {
    const shown = [...this.incidents.values()].filter((i) => this.matches(i))
      .sort((a, b) => new Date(b.occurred_at) - new Date(a.occurred_at));
    if (!shown.length) {
      this.list.replaceChildren(h('p', { class: 'empty-state' }, s('none')));
      return;
    }
    this.list.replaceChildren(...shown.slice(0, 300).map((i) => h('button', {
      type: 'button', class: `incident-row incident-row-p${i.priority}${this.selected === i.id ? ' selected' : ''}`,
      dataset: { incident: String(i.id), status: i.status }, onclick: () => this.select(i.id),
    },
    h('span', { class: 'incident-priority', style: { background: PRIORITY_COLOURS[i.priority] } }, String(i.priority)),
    h('span', { class: 'incident-main' },
      h('strong', {}, i.category_label), ' ', h('span', { class: 'muted' }, `#${i.id} · ${when(i.occurred_at)}`),
      h('br'), h('span', {}, i.title || i.address || ''), i.demo ? h('span', { class: 'badge' }, s('demo')) : null),
    h('span', { class: `incident-status status-${i.status}` }, i.status_label))));
  }

  select(id) {
    this.selected = id;
    const incident = this.incidents.get(id);
    if (incident) this.map.setView([incident.lat, incident.lon], Math.max(this.map.getZoom(), 15));
    this.renderList();
    this.dispatchEvent(new CustomEvent('select', { detail: id }));
  }

  connect() {
    const source = new EventSource(`${API}stream/?after=${this.lastId}`);
    this.source = source;
    source.addEventListener('open', () => { this.statusElement.textContent = `● ${s('live')}`; this.statusElement.dataset.state = 'live'; });
    source.addEventListener('error', () => { this.statusElement.textContent = s('reconnecting'); this.statusElement.dataset.state = 'reconnecting'; });
    source.addEventListener('incident', (event) => {
      const incident = JSON.parse(event.data);
      this.lastId = Math.max(this.lastId, incident.id);
      this.put(incident, { fresh: true });
      this.renderList();
      if (incident.priority <= 2) {
        this.beeps += 1;
        beep();
        this.flash(incident);
      }
      this.dispatchEvent(new CustomEvent('incident', { detail: incident }));
    });
  }

  flash(incident) {
    const banner = document.getElementById('urgent-banner');
    if (!banner) return;
    banner.replaceChildren(h('strong', {}, `${s('urgent')}: `), `${incident.category_label} — ${incident.title || incident.address || ''} (${s('priority').toLowerCase()} ${incident.priority})`,
      ' ', h('button', { type: 'button', class: 'btn btn-small', onclick: () => { banner.hidden = true; this.select(incident.id); } }, '→'));
    banner.hidden = false;
  }
}

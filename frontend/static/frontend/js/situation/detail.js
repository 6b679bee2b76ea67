// One incident in the side panel: its data, who sees it, who is near, and the operator's actions.
import { request } from '../api.js';
import { h, toast } from '../ui.js';
import { canWrite, s, when } from './strings.js';

const API = '/api/situation/incidents/';

function section(title, ...body) {
  return h('section', { class: 'sc-section' }, h('h3', {}, title), ...body);
}

function places(items, describe = (i) => `${i.name || '—'} · ${i.metres} m`) {
  if (!items?.length) return h('p', { class: 'muted' }, s('nothing'));
  return h('ul', { class: 'sc-list' }, items.map((item) => h('li', {}, describe(item))));
}

export class IncidentPanel {
  constructor(element, board, choices) {
    this.element = element;
    this.board = board;
    this.choices = choices;
    board.addEventListener('select', (event) => this.show(event.detail));
  }

  async show(id) {
    this.element.hidden = false;
    this.element.replaceChildren(h('p', { class: 'empty-state' }, '…'));
    const [incident, context] = await Promise.all([request(`${API}${id}/`), request(`${API}${id}/context/`)]);
    this.render(incident, context);
  }

  async act(url, body) {
    try {
      const incident = await request(url, { method: 'POST', body });
      this.board.update(incident);
      toast(s('saved'), 'success');
      await this.show(incident.id);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  render(incident, context) {
    const id = incident.id;
    const actions = incident.next.map((next) => h('button', {
      type: 'button', class: next.status === 'acknowledged' ? 'btn btn-primary' : 'btn', dataset: { action: next.status },
      onclick: () => {
        const note = next.note_required ? window.prompt(s('reason')) : '';
        if (next.note_required && !note) return;
        this.act(`${API}${id}/status/`, { status: next.status, note });
      },
    }, { acknowledged: s('acknowledge'), in_progress: s('inProgress'), closed: s('close') }[next.status] || next.status));
    const agency = h('select', { name: 'agency', 'aria-label': s('assign') },
      this.choices.agencies.map((a) => h('option', { value: a.value, selected: a.value === incident.assigned_agency }, a.label)));
    const note = h('textarea', { name: 'note', rows: 2, 'aria-label': s('note') });
    const whoSees = context.who_sees.length
      ? h('ul', { class: 'sc-list', 'data-testid': 'who-sees' }, context.who_sees.map((c) => h('li', {}, `${c.name} — ${c.level}${c.metres != null ? `, ${c.metres} m` : ''}`)))
      : h('p', { class: 'muted', 'data-testid': 'who-sees' }, s('noCamera'));
    // Through h(): it drops the null children that replaceChildren would print as "null".
    this.element.replaceChildren(h('div', {},
      h('div', { class: 'panel-heading' }, h('h2', { class: 'panel-title' }, `#${id} ${incident.category_label}`),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': '×', onclick: () => { this.element.hidden = true; } }, '×')),
      h('dl', { class: 'sc-facts' },
        h('dt', {}, s('priority')), h('dd', {}, String(incident.priority)),
        h('dt', {}, s('status')), h('dd', { 'data-testid': 'incident-status' }, incident.status_label),
        h('dt', {}, s('occurred')), h('dd', {}, when(incident.occurred_at)),
        h('dt', {}, s('source')), h('dd', {}, incident.origin_label),
        h('dt', {}, s('address')), h('dd', {}, incident.address || '—'),
        incident.contact ? [h('dt', {}, s('contact')), h('dd', {}, `${incident.contact.caller_name} ${incident.contact.caller_phone}`.trim() || '—')] : null,
        incident.assigned_agency ? [h('dt', {}, s('assign')), h('dd', {}, incident.assigned_agency_label)] : null),
      incident.title ? h('p', {}, incident.title) : null,
      incident.description ? h('p', { class: 'muted' }, incident.description) : null,
      incident.geocode_match ? h('p', { class: 'muted' }, s('geocoded', incident.geocode_match, incident.geocode_confidence)) : null,
      canWrite ? h('div', { class: 'button-row' }, actions) : null,
      canWrite ? h('div', { class: 'button-row' }, agency, h('button', { type: 'button', class: 'btn', dataset: { action: 'assign' },
        onclick: () => this.act(`${API}${id}/assign/`, { agency: agency.value }) }, s('assign'))) : null,
      canWrite ? h('div', { class: 'field' }, note, h('button', { type: 'button', class: 'btn', dataset: { action: 'note' },
        onclick: () => this.act(`${API}${id}/notes/`, { note: note.value }) }, s('addNote'))) : null,
      section(s('whoSees'), whoSees),
      section(s('nearestCameras'), places(context.nearest_online_cameras)),
      section(s('stations'), h('ul', { class: 'sc-list' }, ['police', 'fire', 'ambulance'].map((k) => h('li', {},
        `${s(k)}: ${(context.stations[k] || []).map((x) => `${x.name} (${x.metres} m)`).join(', ') || s('nothing')}`)))),
      section(s('events'), places([...context.events, ...context.closures], (e) => `${e.name} · ${when(e.start)}–${when(e.end)}`)),
      section(s('shelters'), places(context.shelters)),
      section(s('critical'), places(context.critical_sites)),
      section(s('history'), h('ul', { class: 'sc-list' }, incident.history.map((c) => h('li', {},
        `${when(c.at)} ${c.user}: ${[c.from && `${c.from} → ${c.to}`, c.agency, c.note].filter(Boolean).join(' · ')}`)))),
    ));
  }
}

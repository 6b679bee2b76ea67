// The duty log: start a shift, write entries, hand over with notes, open the PDF report.
import { request } from '../api.js';
import { h, toast } from '../ui.js';
import { s, when } from './strings.js';

const API = '/api/situation/shifts/';

export class DutyPanel {
  constructor(element) {
    this.element = element;
  }

  async load() {
    const data = await request(API);
    this.render(data);
  }

  async post(url, body) {
    try {
      const result = await request(url, { method: 'POST', body });
      toast(s('saved'), 'success');
      await this.load();
      return result;
    } catch (error) {
      toast(error.message, 'error');
      return null;
    }
  }

  render({ current, recent }) {
    const heading = h('div', { class: 'panel-heading' }, h('h2', { class: 'panel-title' }, s('duty')));
    const reports = h('ul', { class: 'sc-list' }, recent.map((shift) => h('li', {},
      `${shift.operator} · ${when(shift.started_at)}–${when(shift.ended_at)} `,
      h('a', { href: `${API}${shift.id}/report.pdf`, target: '_blank', rel: 'noopener', dataset: { report: String(shift.id) } }, s('report')))));
    if (!current) {
      this.element.replaceChildren(heading, h('p', { class: 'empty-state' }, s('noShift')),
        h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'start-shift' }, onclick: () => this.post(API, {}) }, s('startShift')),
        reports);
      return;
    }
    const entry = h('textarea', { name: 'entry', rows: 2, 'aria-label': s('entry') });
    const notes = h('textarea', { name: 'handover', rows: 3, 'aria-label': s('handoverNotes') });
    this.element.replaceChildren(heading,
      h('p', {}, `${s('shift')}: ${current.operator}, ${when(current.started_at)}`),
      h('ul', { class: 'sc-list sc-log' }, current.entries.map((e) => h('li', { dataset: { kind: e.kind } }, `${when(e.at)} ${e.text}`))),
      h('label', { class: 'field' }, h('span', {}, s('entry')), entry),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'write' }, onclick: () => this.post(`${API}current/entries/`, { text: entry.value }) }, s('write')),
      h('label', { class: 'field' }, h('span', {}, s('handoverNotes')), notes),
      h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'handover' },
        onclick: async () => {
          const shift = await this.post(`${API}current/handover/`, { notes: notes.value });
          if (shift) window.open(shift.report, '_blank', 'noopener');
        } }, s('handover')),
      h('a', { class: 'btn btn-small', href: current.report, target: '_blank', rel: 'noopener' }, s('report')),
      reports);
  }
}

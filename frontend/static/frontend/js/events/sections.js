// Parts of an event's page that the organizer and the directorate both see: the filing's
// facts, the history of its status, its revisions, and the messages between them.
import { formatNumber, t } from '../i18n.js';
import { h, toast } from '../ui.js';
import { eventsApi } from './api.js';
import { FormErrors, busy, checkbox, facts, field, fmtArea, fmtDateTime, fmtRange, kindLabel, statusBadge } from './common.js';

const yesNo = (value) => t(value ? 'common.yes' : 'common.no');
// The directorate's name starts a line here; usernames (no spaces) stay as they are.
const capital = (text) => (text && text.includes(' ') ? text.charAt(0).toUpperCase() + text.slice(1) : text);
const num = (value) => (value === null || value === undefined ? null : formatNumber(value));

function person(p) {
  return h('li', {}, h('strong', {}, p.name), p.role ? ` — ${p.role}` : '',
    [p.phone, p.email].filter(Boolean).length ? h('span', { class: 'ev-muted' }, ` · ${[p.phone, p.email].filter(Boolean).join(' · ')}`) : null);
}

/** The filing's content as a definition list. */
export function eventFacts(event, { staff = false } = {}) {
  const organizer = event.organizer || {};
  return facts([
    [t('ev.fact.kind'), `${kindLabel(event.kind)} · ${event.track_label || t(`ev.track.${event.track}`)}`],
    [t('ev.fact.when'), fmtRange(event.start, event.end)],
    [t('ev.form.purpose'), event.purpose],
    [t('ev.form.participants'), num(event.expected_participants)],
    [t('ev.form.stewards'), num(event.stewards)],
    [t('ev.form.organizer'), [organizer.name, organizer.address, organizer.phone, organizer.email].filter(Boolean).join(' · ')],
    staff ? [t('ev.fact.account'), event.organizer_account] : null,
    [t('ev.form.persons'), event.responsible_persons?.length ? h('ul', { class: 'ev-plain-list' }, event.responsible_persons.map(person)) : null],
    [t('ev.form.fenced'), event.perimeter ? yesNo(event.fenced) : null],
    [t('ev.form.usableArea'), event.usable_area_m2 ? fmtArea(event.usable_area_m2) : null],
    [t('ev.form.routeWidth'), event.route_width_m ? `${formatNumber(event.route_width_m)} ${t('units.m')}` : null],
    [t('ev.exit.title'), event.exits?.length ? h('ul', { class: 'ev-plain-list' }, event.exits.map((exit, i) =>
      h('li', {}, t('ev.exitLabel', { n: i + 1, name: exit.name ? ` ${exit.name}` : '', width: formatNumber(exit.width_m) })))) : null],
    [t('ev.closure.title'), event.closures?.length ? h('ul', { class: 'ev-plain-list' }, event.closures.map((c) =>
      h('li', {}, h('strong', {}, c.name), ` — ${fmtRange(c.start, c.end)}`, c.note ? h('span', { class: 'ev-muted' }, ` · ${c.note}`) : null))) : null],
    [t('ev.form.urgent'), event.urgent ? `${t('common.yes')} — ${event.urgent_reason}` : null],
    [t('ev.fact.filed'), event.filed_at ? fmtDateTime(event.filed_at) : null],
  ].filter(Boolean));
}

/** The status changes, newest last, with who, why and what came with them. */
export function historyList(transitions) {
  if (!transitions.length) return h('p', { class: 'empty-state' }, t('ev.history.none'));
  return h('ol', { class: 'ev-timeline' }, transitions.map((item) => h('li', { class: 'ev-timeline-item', dataset: { to: item.to } },
    h('div', { class: 'ev-timeline-head' },
      statusBadge(item.to, item.to_label),
      h('time', { datetime: item.at }, fmtDateTime(item.at)),
      item.by ? h('span', { class: 'ev-muted' }, capital(item.by)) : null,
      item.revision ? h('span', { class: 'ev-muted' }, t('ev.revisionN', { n: item.revision })) : null),
    item.reason ? h('p', { class: 'ev-timeline-reason' }, item.reason) : null,
    item.details?.meeting ? h('p', { class: 'ev-timeline-detail' }, t('ev.meetingAt', { at: fmtDateTime(item.details.meeting.at), place: item.details.meeting.place })) : null,
    item.details?.conditions?.length ? h('ul', { class: 'ev-conditions' }, item.details.conditions.map((c) => h('li', {}, c))) : null,
    item.details?.late ? h('p', { class: 'ev-timeline-detail ev-late-text' }, t('ev.deadline.lateBadge')) : null)));
}

/** The revisions, each with its note and deadline summary; `onShow(revision)` draws one on the map. */
export function revisionsTable(revisions, { current, onShow } = {}) {
  if (!revisions.length) return h('p', { class: 'empty-state' }, t('ev.revisions.none'));
  return h('div', { class: 'ev-table-wrap' }, h('table', { class: 'ev-table' },
    h('thead', {}, h('tr', {}, [t('ev.revisions.number'), t('details.when'), t('details.who'), t('ev.revisions.note'), t('ev.deadline.title'), ''].map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, revisions.map((revision) => h('tr', { dataset: { revision: revision.number } },
      h('td', {}, h('strong', {}, `№ ${revision.number}`), revision.number === current ? h('span', { class: 'ev-badge ev-current' }, t('ev.revisions.current')) : null),
      h('td', {}, fmtDateTime(revision.created_at)),
      h('td', {}, revision.created_by || '—'),
      h('td', {}, revision.note || '—'),
      h('td', {}, revision.deadline_report
        ? h('span', { class: revision.deadline_report.late ? 'ev-late-text' : 'ev-ok-text' }, revision.deadline_report.summary)
        : '—'),
      h('td', {}, onShow && revision.number !== current
        ? h('button', { type: 'button', class: 'btn btn-small', 'aria-pressed': 'false', onclick: (e) => onShow(revision, e.currentTarget) }, t('ev.revisions.show'))
        : null))))));
}

/** The messages about an event and a box to write one; staff may write internal notes. */
export function messagesBox(eventId, { staff = false, reviewer = false, canWrite = true } = {}) {
  const list = h('ol', { class: 'ev-messages', 'aria-live': 'polite' }, h('li', { class: 'empty-state' }, t('ev.loading')));
  const summary = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const bodyField = field({ label: t(staff ? 'ev.messages.newStaff' : 'ev.messages.new'), path: 'body', input: 'textarea', wide: true, maxlength: 5000, id: `message-body-${eventId}` });
  const internal = reviewer ? checkbox({ label: t('ev.messages.internal'), path: 'internal', hint: t('ev.messages.internalHint') }) : null;
  const send = h('button', { type: 'submit', class: 'btn btn-primary' }, t('ev.messages.send'));
  const form = h('form', { class: 'ev-message-form', novalidate: true }, summary, bodyField, internal, h('div', { class: 'form-actions' }, send));
  const errors = new FormErrors(form, summary);

  async function load() {
    try {
      const messages = await eventsApi.messages(eventId);
      list.replaceChildren(...(messages.length ? messages.map((m) => h('li', {
        class: `ev-message${m.from_directorate ? ' is-directorate' : ' is-organizer'}${m.internal ? ' is-internal' : ''}`,
      },
      h('div', { class: 'ev-message-head' },
        h('strong', {}, capital(m.author) || t('details.system')),
        m.internal ? h('span', { class: 'ev-badge ev-internal' }, t('ev.messages.internalBadge')) : null,
        h('time', { datetime: m.created_at }, fmtDateTime(m.created_at))),
      h('p', { class: 'ev-message-body' }, m.body))) : [h('li', { class: 'empty-state' }, t('ev.messages.none'))]));
    } catch (error) {
      list.replaceChildren(h('li', { class: 'empty-state error' }, error.message));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const textarea = form.querySelector('textarea');
    try {
      await busy(send, () => eventsApi.postMessage(eventId, { body: textarea.value.trim(), internal: Boolean(form.querySelector('[data-path=internal]')?.checked) }));
      textarea.value = '';
      toast(t('ev.messages.sent'), 'success');
      await load();
    } catch (error) {
      errors.show(error);
    }
  });
  load();
  // Staff who do not review (analysts, duty operators) read the messages only.
  return { element: h('div', { class: 'ev-messages-box' }, list, canWrite ? form : null), reload: load };
}


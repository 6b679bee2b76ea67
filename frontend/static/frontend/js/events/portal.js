// The organizer's portal: their filings with status badges, deadline flags and revision,
// grouped as drafts, in review and closed; and the way to file a new one.
import { formatNumber, t } from '../i18n.js';
import { h, icon } from '../ui.js';
import { eventsApi, page, pageUrl } from './api.js';
import { card, errorState, fmtRange, setReady, showFlash, statusBadge } from './common.js';

const root = document.getElementById('events-portal');
const GROUPS = [
  { key: 'active', statuses: ['submitted', 'under_review', 'meeting_requested', 'alternative_proposed'] },
  { key: 'drafts', statuses: ['draft'] },
  { key: 'approved', statuses: ['approved'] },
  { key: 'closed', statuses: ['rejected', 'withdrawn'] },
];

function eventRow(event) {
  const needsAnswer = event.status === 'alternative_proposed' || event.status === 'meeting_requested';
  return h('li', { class: `ev-list-item${needsAnswer ? ' needs-answer' : ''}`, dataset: { id: event.id, status: event.status } },
    h('a', { class: 'ev-list-link', href: pageUrl('eventPage', event.id) },
      h('span', { class: 'ev-list-title' }, event.title || t('ev.untitled')),
      h('span', { class: 'ev-list-meta' }, `${event.kind_label} · ${fmtRange(event.start, event.end)}`),
      h('span', { class: 'ev-list-meta' },
        event.expected_participants ? t('ev.participantsN', { n: formatNumber(event.expected_participants) }) : null,
        event.revision ? ` · ${t('ev.revisionN', { n: event.revision })}` : null)),
    h('span', { class: 'ev-list-badges' },
      statusBadge(event.status, event.status_label),
      event.late ? h('span', { class: 'ev-badge ev-late', title: t('ev.deadline.lateTitle') }, t('ev.deadline.lateBadge')) : null,
      event.urgent ? h('span', { class: 'ev-badge ev-urgent' }, t('ev.urgentBadge')) : null,
      needsAnswer ? h('span', { class: 'ev-badge ev-attention' }, t('ev.needsAnswer')) : null));
}

function rulesCard() {
  return card(t('ev.rules.title'), { id: 'rules-card', icon: icon('info') },
    h('ul', { class: 'ev-checklist' },
      ['meeting', 'manifestation', 'ordinance', 'closures'].map((key) => h('li', {}, t(`ev.rules.${key}`)))),
    h('p', { class: 'hint' }, t('ev.rules.late')),
    h('p', {}, h('a', { href: page.urls.calendarPage }, t('ev.calendarLink'))));
}

async function main() {
  showFlash();
  let events;
  try {
    events = await eventsApi.list();
  } catch (error) {
    root.replaceChildren(errorState(error.message));
    root.removeAttribute('aria-busy');
    setReady('error');
    return;
  }
  const newButton = h('a', { class: 'btn btn-primary', href: page.urls.newEvent, id: 'new-event' }, '+ ', t('ev.newEvent'));
  const sections = GROUPS.map((group) => {
    const rows = events.filter((event) => group.statuses.includes(event.status));
    if (!rows.length) return null;
    return h('section', { class: 'ev-list-group', 'aria-labelledby': `group-${group.key}` },
      h('h3', { id: `group-${group.key}`, class: 'ev-list-group-title' }, t(`ev.group.${group.key}`), h('span', { class: 'ev-count' }, String(rows.length))),
      h('ul', { class: 'ev-list' }, rows.map(eventRow)));
  }).filter(Boolean);
  root.replaceChildren(h('div', { class: 'ev-detail-layout' },
    h('div', { class: 'ev-detail-main' },
      card(t('ev.myEvents'), { id: 'my-events', actions: newButton },
        sections.length ? sections : h('div', { class: 'ev-empty' },
          h('p', {}, t('ev.noEvents')),
          h('p', { class: 'hint' }, t('ev.noEventsHint'))))),
    h('div', { class: 'ev-detail-side' }, rulesCard())));
  root.removeAttribute('aria-busy');
  setReady();
}

main();

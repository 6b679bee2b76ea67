// One of the organizer's filings: its status and what it allows next (submit a draft, file
// a new revision, accept a proposed alternative, withdraw), the deadlines as checked at
// filing, the event on the map with any alternative the directorate proposes, the
// messages addressed to the organizer, and the history of status and revisions.
import { etagOf } from '../api.js';
import { t } from '../i18n.js';
import { confirmDialog, h, icon, toast } from '../ui.js';
import { eventsApi, page, pageUrl } from './api.js';
import {
  busy, card, deadlineBadge, deadlineList, errorState, flash, fmtRange, promptDialog, resolveConflict, setReady, showFlash, statusBadge,
} from './common.js';
import { alternativeParts, eventMap, eventParts, fitTo, legend, partsOf, STYLES } from './maps.js';
import { eventFacts, historyList, messagesBox, revisionsTable } from './sections.js';

const root = document.getElementById('event-page');
const REVISABLE = ['submitted', 'under_review', 'meeting_requested', 'alternative_proposed'];

function header(event) {
  document.getElementById('event-title').textContent = event.title || t('ev.untitled');
  document.title = `${event.title || t('ev.untitled')} · ${t('app.title')}`;
  document.getElementById('event-subtitle').replaceChildren(...[
    statusBadge(event.status, event.status_label),
    h('span', {}, `${event.kind_label} · ${event.track_label}`),
    h('span', {}, fmtRange(event.start, event.end)),
    event.revision ? h('span', { class: 'ev-muted' }, t('ev.revisionN', { n: event.revision })) : null,
    deadlineBadge(event.deadline_report),
    event.urgent ? h('span', { class: 'ev-badge ev-urgent' }, t('ev.urgentBadge')) : null,
  ].filter(Boolean));
}

function pendingAlternative(event) {
  return event.status === 'alternative_proposed' ? event.alternatives.find((a) => !a.accepted_at) : null;
}

async function withdraw(event, button) {
  const reason = await promptDialog({
    title: t('ev.withdraw.title'), message: t('ev.withdraw.message'), label: t('ev.withdraw.reason'), confirmLabel: t('ev.withdraw.confirm'), danger: true,
  });
  if (reason === null) return;
  try {
    await busy(button, () => eventsApi.transition(event.id, { to: 'withdrawn', reason }));
    flash(t('ev.withdraw.done'));
    window.location.reload();
  } catch (error) {
    toast(error.message, 'error');
  }
}

async function submitDraft(event, button) {
  try {
    await busy(button, () => eventsApi.submit(event.id));
    flash(t('ev.saved.submitted'));
    window.location.reload();
  } catch (error) {
    toast(error.message, 'error');
    const box = root.querySelector('#status-errors');
    box.replaceChildren(error.message);
    box.hidden = false;
  }
}

async function deleteDraft(event, button, { confirmed = false, ifMatch = etagOf(event) } = {}) {
  const ok = confirmed || await confirmDialog({ title: t('ev.delete.title'), message: t('ev.delete.message', { title: event.title }), confirmLabel: t('ev.delete.confirm'), danger: true });
  if (!ok) return;
  try {
    // Sent with the version shown on this page: a draft changed elsewhere since is not deleted unseen.
    await busy(button, () => eventsApi.remove(event.id, { ifMatch }));
    flash(t('ev.delete.done'));
    window.location.assign(page.urls.portal);
  } catch (error) {
    if (error.status === 412) {
      if ((await resolveConflict(error)) === 'overwrite') await deleteDraft(event, button, { confirmed: true, ifMatch: error.body.current_etag });
      return;
    }
    toast(error.message, 'error');
  }
}

async function acceptAlternative(event, button) {
  const ok = await confirmDialog({ title: t('ev.alternative.acceptTitle'), message: t('ev.alternative.acceptMessage'), confirmLabel: t('ev.alternative.accept') });
  if (!ok) return;
  try {
    const revision = await busy(button, () => eventsApi.acceptAlternative(event.id));
    flash(t('ev.alternative.accepted', { n: revision.number }));
    window.location.reload();
  } catch (error) {
    toast(error.message, 'error');
  }
}

/** What the status means for the organizer and the buttons that go with it. */
function statusPanel(event, transitions) {
  const last = transitions[transitions.length - 1];
  const buttons = [];
  const notes = [];
  if (event.status === 'draft') {
    notes.push(h('p', {}, t('ev.state.draft')));
    buttons.push(
      h('a', { class: 'btn', href: pageUrl('editPage', event.id), id: 'edit-event' }, icon('edit'), t('ev.action.editDraft')),
      h('button', { type: 'button', class: 'btn btn-primary', id: 'submit-draft', onclick: (e) => submitDraft(event, e.currentTarget) }, t('ev.form.submit')),
      h('button', { type: 'button', class: 'btn btn-danger', id: 'delete-draft', onclick: (e) => deleteDraft(event, e.currentTarget) }, icon('trash'), t('ev.delete.button')));
  } else {
    notes.push(h('p', {}, t(`ev.state.${event.status}`)));
  }
  if (event.status === 'meeting_requested' && last?.details?.meeting) {
    notes.push(h('p', { class: 'ev-callout' }, t('ev.meetingAt', { at: fmtRange(last.details.meeting.at), place: last.details.meeting.place })));
  }
  if (['rejected', 'meeting_requested'].includes(event.status) && last?.reason) notes.push(h('blockquote', { class: 'ev-quote' }, last.reason));
  if (event.status === 'approved' && event.conditions?.length) {
    notes.push(h('p', { class: 'ev-strong' }, t('ev.conditions')), h('ol', { class: 'ev-conditions' }, event.conditions.map((c) => h('li', {}, c))));
  }
  const alternative = pendingAlternative(event);
  if (alternative) {
    notes.push(h('div', { class: 'ev-callout ev-callout-alt', id: 'alternative-callout' },
      h('p', { class: 'ev-strong' }, t('ev.alternative.proposed')),
      alternative.note ? h('blockquote', { class: 'ev-quote' }, alternative.note) : null,
      alternative.start || alternative.end ? h('p', {}, t('ev.alternative.time', { when: fmtRange(alternative.start || event.start, alternative.end || event.end) })) : null,
      alternative.perimeter || alternative.route ? h('p', {}, t('ev.alternative.onMap')) : null,
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn btn-primary', id: 'accept-alternative', onclick: (e) => acceptAlternative(event, e.currentTarget) }, t('ev.alternative.accept')),
        h('a', { class: 'btn', href: pageUrl('editPage', event.id) }, t('ev.alternative.orRevise')))));
  }
  if (REVISABLE.includes(event.status) && !alternative) {
    buttons.push(h('a', { class: 'btn', href: pageUrl('editPage', event.id), id: 'new-revision' }, icon('edit'), t('ev.action.newRevision')));
  }
  if (event.allowed_transitions.includes('withdrawn')) {
    buttons.push(h('button', { type: 'button', class: 'btn btn-danger', id: 'withdraw', onclick: (e) => withdraw(event, e.currentTarget) }, t('ev.withdraw.button')));
  }
  return card(t('ev.statusTitle'), { id: 'status-card', className: `ev-status-card ev-status-card-${event.status}` },
    h('div', { class: 'ev-status-line' }, statusBadge(event.status, event.status_label)),
    ...notes,
    h('div', { class: 'form-error', id: 'status-errors', role: 'alert', hidden: true }),
    buttons.length ? h('div', { class: 'button-row' }, buttons) : null,
    REVISABLE.includes(event.status) ? h('p', { class: 'hint' }, t('ev.revisionsOnly')) : null);
}

async function main() {
  showFlash();
  let event;
  try {
    event = await eventsApi.get(page.eventId);
  } catch (error) {
    root.replaceChildren(errorState(error.message));
    root.removeAttribute('aria-busy');
    setReady('error');
    return;
  }
  header(event);
  const [transitions, revisions] = await Promise.all([
    eventsApi.transitions(event.id).catch(() => []),
    eventsApi.revisions(event.id).catch(() => []),
  ]);
  const mapHolder = h('div', { class: 'ev-map-wrap ev-map-tall' });
  const legendHolder = h('div', {});
  const messages = messagesBox(event.id);
  root.replaceChildren(h('div', { class: 'ev-detail-layout' },
    h('div', { class: 'ev-detail-main' },
      statusPanel(event, transitions),
      card(t('ev.mapTitle'), { id: 'map-card' }, mapHolder, legendHolder),
      card(t('ev.detailsTitle'), { id: 'details-card' }, eventFacts(event))),
    h('div', { class: 'ev-detail-side' },
      card(t('ev.deadline.title'), { id: 'deadline-card' },
        event.deadline_report ? h('p', { class: `ev-deadline-summary ${event.deadline_report.late ? 'is-late' : 'is-ok'}` }, event.deadline_report.summary) : null,
        deadlineList(event.deadline_report)),
      card(t('ev.messages.title'), { id: 'messages-card' }, messages.element),
      card(t('ev.history.title'), { id: 'history-card' }, historyList(transitions)),
      card(t('ev.revisions.title'), { id: 'revisions-card' }, revisionsTable(revisions, { current: event.revision, onShow: showRevision })))));
  root.removeAttribute('aria-busy');

  const { map } = await eventMap(mapHolder, { label: t('ev.mapOf', { title: event.title }) });
  const current = eventParts(event).addTo(map);
  const alternative = pendingAlternative(event);
  const altLayer = alternative ? alternativeParts(alternative).addTo(map) : null;
  const parts = partsOf(event);
  if (altLayer) parts.push('alternative');
  legendHolder.replaceChildren(legend(parts));
  if (!fitTo(map, [current, altLayer])) legendHolder.prepend(h('p', { class: 'empty-state' }, t('ev.noGeometry')));

  const shown = new Map();
  async function showRevision(revision, button) {
    if (shown.has(revision.number)) {
      shown.get(revision.number).remove();
      shown.delete(revision.number);
      button.setAttribute('aria-pressed', 'false');
      if (!shown.size) legendHolder.replaceChildren(legend(parts));
      return;
    }
    try {
      const full = await eventsApi.revision(event.id, revision.number);
      const layer = eventParts(full.content, { variant: 'revision' }).addTo(map);
      shown.set(revision.number, layer);
      button.setAttribute('aria-pressed', 'true');
      legendHolder.replaceChildren(legend([...parts, 'revision']));
      fitTo(map, [layer, current]);
      mapHolder.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    } catch (error) {
      toast(error.message, 'error');
    }
  }
  window.eventPage = { map, event, styles: STYLES };
  setReady();
}

main();

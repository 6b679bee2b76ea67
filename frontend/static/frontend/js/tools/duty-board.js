// The duty operator's board: events on now and in the next 24 hours with their closures,
// conditions and organizer contacts, and the agency tasks due — refreshed every minute.
// Approved and pending events differ by label and by pattern (solid / striped), not by
// colour alone; the legend says which is which.
import { request } from '../api.js';
import { config } from '../config.js';
import { lang } from '../i18n.js';
import { h } from '../ui.js';

const REFRESH_MS = 60_000;
const STRINGS = {
  bg: {
    title: 'Дежурство: следващите 24 ч', refresh: 'Обнови', updated: 'Обновено в {time}', none: 'Няма мероприятия през следващите 24 часа.',
    now: 'тече сега', closures: 'Затворени улици', conditions: 'Условия', organizer: 'Организатор', responsible: 'Отговорни лица',
    tasks: 'Задачи на службите до {time}', noTasks: 'Няма задачи с наближаващ срок.', overdue: 'просрочена', people: '{n} участници',
    legendApproved: 'одобрено (плътно)', legendPending: 'в процес на разглеждане (щриховано)', failed: 'Таблото не можа да се зареди: {message}',
    open: 'Отвори преписката', legend: 'Легенда',
  },
  en: {
    title: 'Duty: the next 24 hours', refresh: 'Refresh', updated: 'Updated at {time}', none: 'No events in the next 24 hours.',
    now: 'on now', closures: 'Street closures', conditions: 'Conditions', organizer: 'Organizer', responsible: 'Responsible persons',
    tasks: 'Agency tasks due by {time}', noTasks: 'No tasks due soon.', overdue: 'overdue', people: '{n} participants',
    legendApproved: 'approved (solid)', legendPending: 'in review (striped)', failed: 'The board could not be loaded: {message}',
    open: 'Open the file', legend: 'Legend',
  },
};
const say = (key, params = {}) => (STRINGS[lang] || STRINGS.bg)[key].replace(/\{(\w+)\}/g, (_, name) => params[name] ?? '');
const locale = lang === 'en' ? 'en-GB' : 'bg-BG';
const time = (iso) => new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Sofia', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

function eventItem(event) {
  const contacts = [event.organizer.name, event.organizer.phone, event.organizer.email].filter(Boolean).join(' · ');
  return h('li', { class: `duty-event ${event.approved ? 'duty-approved' : 'duty-pending'}`, dataset: { id: event.id, status: event.status } },
    h('div', { class: 'duty-event-head' },
      h('span', { class: 'duty-status' }, event.status_label),
      event.on_now ? h('span', { class: 'badge duty-now' }, say('now')) : null),
    h('a', { class: 'duty-event-title', href: `/events/review/${event.id}/`, 'aria-label': `${say('open')}: ${event.title}` }, event.title),
    h('p', { class: 'hint' }, `${time(event.start)} – ${time(event.end)}`,
      event.expected_participants ? ` · ${say('people', { n: event.expected_participants })}` : ''),
    event.closures.length ? h('div', {}, h('strong', {}, say('closures')),
      h('ul', {}, event.closures.map((c) => h('li', {}, `${c.name || '—'}: ${time(c.start)} – ${time(c.end)}`)))) : null,
    event.conditions.length ? h('div', {}, h('strong', {}, say('conditions')),
      h('ul', {}, event.conditions.map((condition) => h('li', {}, typeof condition === 'string' ? condition : (condition.text || JSON.stringify(condition)))))) : null,
    contacts ? h('p', { class: 'duty-contacts' }, h('strong', {}, `${say('organizer')}: `), contacts) : null,
    event.responsible_persons?.length ? h('p', { class: 'duty-contacts' }, h('strong', {}, `${say('responsible')}: `),
      event.responsible_persons.map((p) => [p.name, p.phone].filter(Boolean).join(' ')).join('; ')) : null);
}

export function setupDutyBoard(section) {
  const list = h('ul', { class: 'duty-list', id: 'duty-events' });
  const tasks = h('div', { class: 'duty-tasks', id: 'duty-tasks' });
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  const legend = h('ul', { class: 'duty-legend', 'aria-label': say('legend') },
    h('li', { class: 'duty-approved' }, h('span', { class: 'duty-swatch', 'aria-hidden': 'true' }), say('legendApproved')),
    h('li', { class: 'duty-pending' }, h('span', { class: 'duty-swatch', 'aria-hidden': 'true' }), say('legendPending')));
  const refreshButton = h('button', { type: 'button', class: 'btn btn-small', onclick: () => load() }, say('refresh'));
  section.replaceChildren(
    h('details', { class: 'duty-board', open: true },
      h('summary', {}, h('h2', { class: 'panel-title', id: 'duty-title' }, say('title'))),
      legend, list, tasks, h('div', { class: 'button-row' }, refreshButton, status)));
  section.hidden = false;

  async function load() {
    try {
      const board = await request(config.urls.dutyBoard);
      list.replaceChildren(...(board.events.length ? board.events.map(eventItem) : [h('li', { class: 'empty-state' }, say('none'))]));
      tasks.replaceChildren(h('h3', {}, say('tasks', { time: time(board.until) })),
        board.tasks.length
          ? h('ul', {}, board.tasks.map((task) => h('li', { class: task.overdue ? 'duty-overdue' : '' },
            `${time(task.due_at)} · ${task.structure_label} · ${task.event_title}: ${task.description}`,
            task.overdue ? h('strong', {}, ` (${say('overdue')})`) : null)))
          : h('p', { class: 'empty-state' }, say('noTasks')));
      status.textContent = say('updated', { time: time(board.now) });
    } catch (error) {
      status.textContent = say('failed', { message: error.message });
    }
  }
  load();
  const timer = setInterval(load, REFRESH_MS);
  return { load, stop: () => clearInterval(timer) };
}

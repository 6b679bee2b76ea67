// The events API (/api/events/) and the organizers' registration (/api/auth/), as the
// event pages call them. Requests go through ../api.js; its ApiError keeps the API's whole
// answer (`body`), whose `parameter`, `field`, `location` or `missing` let the page show the
// message next to the field or on the map.
import { request as call } from '../api.js';

const element = document.getElementById('events-config');
/** The page's settings: {urls, reviewer, staff, organizer, mode?, eventId?, uid?, token?}. */
export const page = element ? JSON.parse(element.textContent) : { urls: {} };
const urls = page.urls;

/** A DRF error dict as [{path: 'responsible_persons.0.name', message}]. */
export function flattenDetail(detail, prefix = '') {
  if (detail === null || detail === undefined) return [];
  if (typeof detail === 'string') return [{ path: prefix, message: detail }];
  if (Array.isArray(detail)) {
    if (detail.every((item) => typeof item === 'string')) return [{ path: prefix, message: detail.join(' ') }];
    return detail.flatMap((item, index) => flattenDetail(item, prefix ? `${prefix}.${index}` : String(index)));
  }
  return Object.entries(detail).flatMap(([key, value]) => flattenDetail(value, prefix ? `${prefix}.${key}` : key));
}

function query(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const one = (id, suffix = '') => `${urls.events}${encodeURIComponent(id)}/${suffix}`;

/** Every page of a paginated list (at most `max` rows). */
async function allPages(url, max = 1000) {
  const rows = [];
  let next = url;
  while (next && rows.length < max) {
    const answer = await call(next);
    rows.push(...answer.results);
    next = answer.next;
  }
  return rows;
}

export const eventsApi = {
  list: (params = {}) => allPages(`${urls.events}${query({ limit: 200, ...params })}`),
  create: (data, { submit = false } = {}) => call(`${urls.events}${submit ? '?submit=true' : ''}`, { method: 'POST', body: data }),
  get: (id) => call(one(id)),
  // ifMatch: the version (ETag) the change was made on; a stale one is refused with 412.
  update: (id, data, { ifMatch } = {}) => call(one(id), { method: 'PATCH', body: data, ifMatch }),
  remove: (id, { ifMatch } = {}) => call(one(id), { method: 'DELETE', ifMatch }),
  submit: (id) => call(one(id, 'submit/'), { method: 'POST' }),
  revisions: (id) => call(one(id, 'revisions/')),
  revision: (id, number) => call(one(id, `revisions/${number}/`)),
  revise: (id, data, { ifMatch } = {}) => call(one(id, 'revisions/'), { method: 'POST', body: data, ifMatch }),
  assessment: (id) => call(one(id, 'assessment/')),
  reassess: (id) => call(one(id, 'assessment/'), { method: 'POST' }),
  transitions: (id) => call(one(id, 'transitions/')),
  transition: (id, data) => call(one(id, 'transitions/'), { method: 'POST', body: data }),
  acceptAlternative: (id) => call(one(id, 'accept-alternative/'), { method: 'POST' }),
  messages: (id) => call(one(id, 'messages/')),
  postMessage: (id, data) => call(one(id, 'messages/'), { method: 'POST', body: data }),
  tasks: (id) => call(one(id, 'tasks/')),
  createTask: (id, data) => call(one(id, 'tasks/'), { method: 'POST', body: data }),
  updateTask: (taskId, data) => call(`${urls.tasks}${encodeURIComponent(taskId)}/`, { method: 'PATCH', body: data }),
  opinion: (id) => call(one(id, 'opinion/')),
  saveOpinion: (id, data) => call(one(id, 'opinion/'), { method: 'PUT', body: data }),
  opinionPdfUrl: (id) => one(id, 'opinion.pdf'),
  upload: (file, { target, crs }) => {
    const form = new FormData();
    form.append('file', file);
    form.append('target', target);
    if (crs) form.append('crs', crs);
    return call(urls.uploads, { method: 'POST', form });
  },
  choices: () => call(urls.choices),
  deadlines: (params) => call(`${urls.deadlines}${query(params)}`),
  map: (params) => call(`${urls.eventsMap}${query(params)}`),
  publicList: (params) => call(`${urls.public}${query(params)}`),
  icalUrl: (params = {}) => `${urls.ical}${query(params)}`,
};

export const authApi = {
  register: (data) => call(urls.register, { method: 'POST', body: data }),
  resend: (email) => call(urls.registerResend, { method: 'POST', body: { email } }),
  confirm: (uid, token) => call(urls.confirm.replace('__uid__', encodeURIComponent(uid)).replace('__token__', encodeURIComponent(token))),
};

/** A page's address for an event: eventPage, editPage or reviewPage. */
export function pageUrl(name, id) {
  return urls[name].replace('__id__', encodeURIComponent(id));
}

// The JSON API as the map uses it. Every error becomes an ApiError that carries the API's
// own code, message and location, so the interface can show them where they belong.
import { config } from './config.js';
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(formatDetail(body?.detail) || t('error.http', { status }));
    this.status = status;
    this.code = body?.error || 'http_error';
    this.detail = body?.detail;
    this.location = body?.location;
    // The whole answer: `parameter`, `field` or `missing` let a form mark the right field.
    this.body = body || {};
  }
}

/** A DRF field error dict ({priority: ["…"]}) as one line of text. */
export function formatDetail(detail, labelFor = (name) => name) {
  if (detail === undefined || detail === null) return '';
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return detail.map((item) => formatDetail(item, labelFor)).join(' ');
  if (typeof detail === 'object') {
    return Object.entries(detail)
      .map(([field, messages]) => `${labelFor(field)}: ${formatDetail(messages, labelFor)}`)
      .join('; ');
  }
  return String(detail);
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('csrftoken='));
  return cookie ? decodeURIComponent(cookie.split('=')[1]) : config.csrfToken;
}

// The ETag (the version) each answer came with, by answer: etagOf(feature) is sent back as
// If-Match, so a write on a version someone else has changed is refused (412), not lost.
const etags = new WeakMap();

/** The version (strong ETag) an object read from the API came with, or null. */
export function etagOf(data) {
  return (data && typeof data === 'object' && etags.get(data)) || null;
}

/**
 * fetch() with the session cookie, CSRF on writes and JSON (or a FormData upload) in, JSON out.
 * `ifMatch` sends the version the change was made on.
 */
export async function request(url, { method = 'GET', body, form, signal, ifMatch } = {}) {
  const headers = { Accept: 'application/json, application/geo+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRFToken'] = csrfToken();
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, { error: 'network', detail: t('error.network') });
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: 'http_error', detail: t('error.http', { status: response.status }) };
  }
  if (!response.ok) throw new ApiError(response.status, data);
  const etag = response.headers.get('ETag');
  if (etag && data && typeof data === 'object') etags.set(data, etag);
  return data;
}

function layerUrl(slug, suffix = '') {
  return `${config.urls.layers}${encodeURIComponent(slug)}/${suffix}`;
}

/** Every page of a paginated list. */
async function allPages(url) {
  const results = [];
  let next = url;
  while (next) {
    const page = await request(next);
    results.push(...page.results);
    next = page.next;
  }
  return results;
}

export const api = {
  layers: () => allPages(`${config.urls.layers}?limit=100`),
  layer: (slug) => request(layerUrl(slug)),
  features: (slug, { bbox, limit = 1000, signal } = {}) => {
    const params = new URLSearchParams({ limit: String(limit) });
    if (bbox) params.set('bbox', bbox.join(','));
    return request(`${layerUrl(slug, 'features/')}?${params}`, { signal });
  },
  feature: (slug, id) => request(layerUrl(slug, `features/${id}/`)),
  createFeature: (slug, feature, { repair = false } = {}) =>
    request(layerUrl(slug, `features/${repair ? '?repair=true' : ''}`), { method: 'POST', body: feature }),
  updateFeature: (slug, id, feature, { ifMatch } = {}) => request(layerUrl(slug, `features/${id}/`), { method: 'PATCH', body: feature, ifMatch }),
  deleteFeature: (slug, id, { ifMatch } = {}) => request(layerUrl(slug, `features/${id}/`), { method: 'DELETE', ifMatch }),
  history: (slug, id) => allPages(layerUrl(slug, `features/${id}/history/?limit=100`)),
  search: (q, { signal } = {}) => request(`${config.urls.search}?${new URLSearchParams({ q })}`, { signal }),
};

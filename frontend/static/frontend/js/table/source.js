// The rows of an attribute table: the features API paged 200 at a time, in the order and
// with the filters the table asks for, so 10,000 rows never load at once.
import { request } from '../api.js';
import { config } from '../config.js';

export const PAGE_SIZE = 200;

/** The query parameters the features and statistics endpoints share (filters, area, ids). */
export function queryParams({ filters = {}, bbox = null, shape = null, ids = null } = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value !== '' && value !== null && value !== undefined) params.set(name, value);
  }
  if (bbox) params.set('bbox', bbox.map((value) => value.toFixed(6)).join(','));
  if (shape) params.set('intersects', JSON.stringify(shape));
  if (ids) params.set('ids', ids.join(','));
  return params;
}

const layerUrl = (slug, suffix) => `${config.urls.layers}${encodeURIComponent(slug)}/${suffix}`;

/** Pages of one query; a new query means a new RowSource (the old one's answers are dropped). */
export class RowSource {
  constructor(slug, { sort = [], ...query }) {
    this.slug = slug;
    this.params = queryParams(query);
    if (sort.length) this.params.set('sortby', sort.map(({ name, desc }) => (desc ? `-${name}` : name)).join(','));
    this.pages = new Map();
    this.total = null;
    this.controller = new AbortController();
  }

  /** The feature at `index`, or undefined while its page loads. */
  row(index) {
    const page = this.pages.get(Math.floor(index / PAGE_SIZE));
    return Array.isArray(page) ? page[index % PAGE_SIZE] : undefined;
  }

  /** Every loaded feature (for finding a row by id). */
  *loaded() {
    for (const [number, page] of this.pages) {
      if (Array.isArray(page)) for (const [i, feature] of page.entries()) yield [number * PAGE_SIZE + i, feature];
    }
  }

  /** Load the page holding `index` (once); resolves when it is there. */
  load(index) {
    const number = Math.floor(index / PAGE_SIZE);
    if (this.error) return Promise.reject(this.error);
    if (this.pages.has(number)) return Promise.resolve(this.pages.get(number));
    const params = new URLSearchParams(this.params);
    params.set('limit', String(PAGE_SIZE));
    params.set('offset', String(number * PAGE_SIZE));
    if (number === 0) params.set('count', 'true');
    const promise = request(`${layerUrl(this.slug, 'features/')}?${params}`, { signal: this.controller.signal }).then((body) => {
      if (number === 0) this.total = body.numberMatched ?? body.features.length;
      this.pages.set(number, body.features);
      return body.features;
    }, (error) => {
      this.pages.delete(number);
      // A refused query (a bad filter, a bad area) is not asked again while scrolling.
      if (error.name !== 'AbortError') this.error = error;
      throw error;
    });
    this.pages.set(number, promise);
    return promise;
  }

  close() {
    this.controller.abort();
  }
}

/** Field statistics of the same features a query matches. */
export function fetchStatistics(slug, query, { signal } = {}) {
  return request(`${layerUrl(slug, 'statistics/')}?${queryParams(query)}`, { signal });
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('csrftoken='));
  return cookie ? decodeURIComponent(cookie.split('=')[1]) : config.csrfToken;
}

/** Download the features `ids` of a layer as `format` (the exchange export, POST for long lists). */
export async function downloadSelection(slug, ids, format) {
  const response = await fetch(`/api/exchange/layers/${encodeURIComponent(slug)}/export/`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrfToken(), Accept: '*/*' },
    body: JSON.stringify({ f: format, ids }),
  });
  if (!response.ok) {
    let detail = '';
    try {
      detail = (await response.json()).detail;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new Error(detail || String(response.status));
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const plain = /filename="([^"]+)"/.exec(disposition);
  const filename = encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : `${slug}.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}

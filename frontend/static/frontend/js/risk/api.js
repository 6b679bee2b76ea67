// The disaster-risk API (/api/risk/): options, scenarios (202 + polling), legends, exports.
import { request } from '../api.js';
import { config } from '../config.js';

const BASE = config.urls?.risk || '/api/risk/';

export const riskApi = {
  options: () => request(`${BASE}options/`),
  scenarios: (filters = {}) => {
    const query = new URLSearchParams({ limit: '50' });
    Object.entries(filters).forEach(([key, value]) => { if (value) query.set(key, value); });
    return request(`${BASE}scenarios/?${query}`);
  },
  scenario: (id) => request(`${BASE}scenarios/${id}/`),
  create: (body) => request(`${BASE}scenarios/`, { method: 'POST', body }),
  legend: (url) => request(url),
  exportStart: (id, body) => request(`${BASE}scenarios/${id}/exports/`, { method: 'POST', body }),
  exportJob: (jobId) => request(`${BASE}exports/${jobId}/`),
  measures: () => request(`${BASE}measures/?limit=500`),
  createMeasure: (body) => request(`${BASE}measures/`, { method: 'POST', body }),
  measure: (id) => request(`${BASE}measures/${id}/`),
  // ifMatch: the version (ETag) the change rests on; a stale one answers 412, never overwrites.
  updateMeasure: (id, body, ifMatch) => request(`${BASE}measures/${id}/`, { method: 'PATCH', body, ifMatch }),
  rank: (scenarioId, body) => request(`${BASE}scenarios/${scenarioId}/rankings/`, { method: 'POST', body }),
  ranking: (id) => request(`${BASE}rankings/${id}/`),
  plan: (year) => request(`${BASE}plan/${year}/`),
  publishZones: (id, body) => request(`${BASE}scenarios/${id}/zones/`, { method: 'POST', body }),
};

export const ACTIVE = new Set(['queued', 'running']);

// The disaster-risk API (/api/risk/): options, scenarios (202 + polling), legends, exports.
import { request } from '../api.js';
import { config } from '../config.js';

const BASE = config.urls?.risk || '/api/risk/';

export const riskApi = {
  options: () => request(`${BASE}options/`),
  scenarios: () => request(`${BASE}scenarios/?limit=50`),
  scenario: (id) => request(`${BASE}scenarios/${id}/`),
  create: (body) => request(`${BASE}scenarios/`, { method: 'POST', body }),
  legend: (url) => request(url),
  exportStart: (id, body) => request(`${BASE}scenarios/${id}/exports/`, { method: 'POST', body }),
  exportJob: (jobId) => request(`${BASE}exports/${jobId}/`),
  measures: () => request(`${BASE}measures/?limit=500`),
  createMeasure: (body) => request(`${BASE}measures/`, { method: 'POST', body }),
  updateMeasure: (id, body) => request(`${BASE}measures/${id}/`, { method: 'PATCH', body }),
  rank: (scenarioId, body) => request(`${BASE}scenarios/${scenarioId}/rankings/`, { method: 'POST', body }),
  ranking: (id) => request(`${BASE}rankings/${id}/`),
  plan: (year) => request(`${BASE}plan/${year}/`),
  publishZones: (id, body) => request(`${BASE}scenarios/${id}/zones/`, { method: 'POST', body }),
};

export const ACTIVE = new Set(['queued', 'running']);

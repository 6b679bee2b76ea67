// The counter-terrorism API (/api/ct/): sites, surveys and findings, risk scores, cordons,
// vehicle approaches and the plan annex. Bodies are WGS 84 GeoJSON.
import { request } from '../api.js';
import { config } from '../config.js';

export const BASE = '/api/ct/';

export const ctApi = {
  meta: () => request(`${BASE}meta/`),
  sites: () => request(`${BASE}sites/`),
  site: (id) => request(`${BASE}sites/${id}/`),
  saveSurvey: (body) => request(`${BASE}surveys/`, { method: 'POST', body }),
  addFinding: (surveyId, body) => request(`${BASE}surveys/${surveyId}/findings/`, { method: 'POST', body }),
  addEvidence: (surveyId, form) => request(`${BASE}surveys/${surveyId}/evidence/`, { method: 'POST', form }),
  closeFinding: (id, note) => request(`${BASE}findings/${id}/close/`, { method: 'POST', body: { note } }),
  score: (weights) => request(`${BASE}score/`, { method: 'POST', body: weights ? { weights } : {} }),
  cordon: (body) => request(`${BASE}cordon/`, { method: 'POST', body }),
  approaches: (body) => request(`${BASE}approaches/`, { method: 'POST', body }),
  events: () => request(`${config.urls.layers}event-perimeters/features/?limit=200`),
  reportUrl: (surveyId) => `${BASE}surveys/${surveyId}/report.pdf`,
  annexUrl: (kind) => `${BASE}annex/?as=${kind}`,
};

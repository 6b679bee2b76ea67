// The surveillance analyses (/api/surveillance/): coverage by DORI level, camera outage,
// who sees a point, and the placement of new cameras. Bodies are WGS 84 GeoJSON.
import { request } from '../api.js';
import { config } from '../config.js';

const BASE = config.urls?.surveillance || '/api/surveillance/';

export const DORI_LEVELS = ['detect', 'observe', 'recognise', 'identify'];

export const surveillanceApi = {
  coverage: (target, { includePlanned = false, signal } = {}) =>
    request(`${BASE}coverage/`, { method: 'POST', body: { target, include_planned: includePlanned, include_geometry: true }, signal }),
  outage: (target, cameras, { includePlanned = false } = {}) =>
    request(`${BASE}outage/`, { method: 'POST', body: { target, cameras, include_planned: includePlanned, include_geometry: true } }),
  whoSees: (lon, lat, { includePlanned = false } = {}) =>
    request(`${BASE}who-sees/?${new URLSearchParams({ lon: String(lon), lat: String(lat), include_planned: String(includePlanned) })}`),
  placement: (target, k, { level = 'detect', spacing = 50, directions = 8 } = {}) =>
    request(`${BASE}placement/`, {
      method: 'POST',
      body: { target, k, sites: { along_streets: true, spacing_m: spacing }, directions, level },
    }),
  savePlacement: (cameras) => request(`${BASE}placement/save/`, { method: 'POST', body: { cameras } }),
  districts: () => request(`${config.urls.layers}districts/features/?limit=100`),
};

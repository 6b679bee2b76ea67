// The surveillance analyses (/api/surveillance/): coverage by DORI level, camera outage,
// who sees a point, and the placement of new cameras. Bodies are WGS 84 GeoJSON.
import { ApiError, request } from '../api.js';
import { config } from '../config.js';

const BASE = config.urls?.surveillance || '/api/surveillance/';

export const DORI_LEVELS = ['detect', 'observe', 'recognise', 'identify'];
const POLL_MS = 800;

function isJob(answer) {
  return Boolean(answer && typeof answer === 'object' && answer.url && 'progress' in answer && 'stage' in answer && answer.kind);
}

/**
 * A heavy analysis is answered 202 with a job (run by the Celery worker): follow it, calling
 * `onProgress(job)` while it runs, and resolve to its result, as if it had been answered inline.
 */
export async function settled(answer, onProgress) {
  let job = answer;
  if (!isJob(job)) return answer;
  while (job.status === 'queued' || job.status === 'running') {
    onProgress?.(job);
    await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
    job = await request(job.url);
  }
  onProgress?.(job);
  if (job.status === 'done') return job.result;
  throw new ApiError(job.result_status || 500, job.error || {});
}

export const surveillanceApi = {
  coverage: (target, { includePlanned = false, signal, onProgress } = {}) =>
    request(`${BASE}coverage/`, { method: 'POST', body: { target, include_planned: includePlanned, include_geometry: true }, signal })
      .then((answer) => settled(answer, onProgress)),
  outage: (target, cameras, { includePlanned = false, onProgress } = {}) =>
    request(`${BASE}outage/`, { method: 'POST', body: { target, cameras, include_planned: includePlanned, include_geometry: true } })
      .then((answer) => settled(answer, onProgress)),
  whoSees: (lon, lat, { includePlanned = false } = {}) =>
    request(`${BASE}who-sees/?${new URLSearchParams({ lon: String(lon), lat: String(lat), include_planned: String(includePlanned) })}`),
  placement: (target, k, { level = 'detect', spacing = 50, directions = 8, onProgress } = {}) =>
    request(`${BASE}placement/`, {
      method: 'POST',
      body: { target, k, sites: { along_streets: true, spacing_m: spacing }, directions, level },
    }).then((answer) => settled(answer, onProgress)),
  savePlacement: (cameras) => request(`${BASE}placement/save/`, { method: 'POST', body: { cameras } }),
  districts: () => request(`${config.urls.layers}districts/features/?limit=100`),
};

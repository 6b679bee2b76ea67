// The duty operator's page (/situation/): the live incident map, one incident's context and
// actions, alerts, the duty log and reports. Built on the map modules (createMap, addBaseMap).
import { addBaseMap } from '../basemap.js';
import { config } from '../config.js';
import { request } from '../api.js';
import { createMap } from '../map.js';
import { h } from '../ui.js';
import { AlertsPanel } from './alerts.js';
import { showActiveAlerts } from './alerts-overlay.js';
import { IncidentPanel } from './detail.js';
import { DutyPanel } from './duty.js';
import { IncidentBoard } from './incidents.js';
import { ReportsPanel } from './reports.js';
import { canWrite, s } from './strings.js';

const byId = (id) => document.getElementById(id);

function tabs() {
  const buttons = document.querySelectorAll('[data-tab]');
  buttons.forEach((button) => button.addEventListener('click', () => {
    buttons.forEach((other) => {
      const active = other === button;
      other.setAttribute('aria-selected', String(active));
      byId(other.dataset.tab).hidden = !active;
    });
  }));
}

async function main() {
  tabs();
  const map = createMap(byId('map'), { view: config.view });
  addBaseMap(map, config.baseMap, byId('basemap-notice'));
  const choices = await request('/api/situation/choices/');
  // District outlines give a sense of place when the base map is out of reach.
  const districts = await request('/api/layers/districts/features/?limit=100').catch(() => ({ features: [] }));
  L.geoJSON(districts, { style: { color: '#78909c', weight: 1, fill: false }, interactive: false }).addTo(map);
  const board = new IncidentBoard(map, { list: byId('incident-list'), filters: byId('incident-filters'), status: byId('stream-state') });
  board.buildFilters(choices);
  new IncidentPanel(byId('incident-detail'), board, choices);
  const alerts = new AlertsPanel(byId('tab-alerts'), map, choices);
  const duty = new DutyPanel(byId('tab-duty'));
  const reports = new ReportsPanel(byId('tab-reports'), map, choices);
  showActiveAlerts(map, { banner: byId('sc-banner') });
  window.situation = { map, board, alerts, duty, reports };
  await board.reload();
  const merges = await request('/api/situation/incidents/merge/');
  if (merges.proposals.length && canWrite) {
    byId('merge-proposals').replaceChildren(h('h3', {}, s('mergeHint')), h('ul', { class: 'sc-list' }, merges.proposals.slice(0, 10).map((p) =>
      h('li', {}, `#${p.keep} ↔ #${p.duplicate} (${p.metres} m, ${p.minutes} min) `,
        h('button', { type: 'button', class: 'btn btn-small', onclick: async (event) => {
          await request('/api/situation/incidents/merge/', { method: 'POST', body: { keep: p.keep, duplicate: p.duplicate } });
          event.target.closest('li').remove();
          board.reload();
        } }, s('merge'))))));
  }
  const names = Object.fromEntries(districts.features.map((f) => [f.properties.code, f.properties.name]));
  if (!canWrite) byId('tab-duty').replaceChildren(h('p', { class: 'empty-state' }, s('readOnly')));
  await Promise.all([alerts.load(), canWrite ? duty.load() : null, reports.load(names)]);
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  document.body.dataset.ready = 'error';
  console.error(error);
});

// Active alerts to the population on any map (the public's included): the areas in red and a
// banner with each headline. Read from /api/situation/alerts/active/ and refreshed every minute.
import { config } from '../config.js';
import { h } from '../ui.js';
import { s, when } from './strings.js';

const URL = '/api/situation/alerts/active/';
const REFRESH_MS = 60_000;

export function showActiveAlerts(map, { banner = document.getElementById('main') } = {}) {
  const layer = L.geoJSON(null, {
    style: { color: '#d50000', weight: 2, fillColor: '#ff5252', fillOpacity: 0.18, dashArray: '6 4' },
  }).addTo(map);
  const box = h('div', { class: 'alert-banner', role: 'alert', hidden: true, 'data-testid': 'alert-banner' });
  banner?.prepend(box);
  const en = config.language === 'en';
  async function load() {
    let data;
    try {
      const response = await fetch(URL, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      data = await response.json();
    } catch {
      return;
    }
    layer.clearLayers();
    layer.addData(data);
    const items = data.features.map((feature) => {
      const p = feature.properties;
      return h('div', { class: 'alert-banner-item', dataset: { alert: String(feature.id) } },
        h('strong', {}, `${s('activeAlert')}: ${en ? p.headline_en : p.headline_bg}`),
        h('span', {}, ` — ${p.area_description}, ${s('expires').toLowerCase()} ${when(p.expires)}. `),
        h('span', {}, en ? p.instruction_en : p.instruction_bg),
        ' ',
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => map.fitBounds(L.geoJSON(feature).getBounds()) },
          en ? 'Show' : 'Покажи'));
    });
    box.replaceChildren(...items);
    box.hidden = items.length === 0;
    document.body.dataset.activeAlerts = String(items.length);
  }
  load();
  setInterval(load, REFRESH_MS);
  return layer;
}

// Reports: incidents per category, per district and over time as SVG bar charts built with
// DOM calls, and a heat map of incidents for a chosen period on the map.
import { request } from '../api.js';
import { h } from '../ui.js';
import { s } from './strings.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

/** Horizontal bars: [[label, value], …]. */
function bars(rows, { colour = '#1565c0', width = 320 } = {}) {
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const rowHeight = 18;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + 4}`, class: 'sc-chart', role: 'img' });
  rows.forEach(([label, value], i) => {
    const y = i * rowHeight + 2;
    const w = Math.max(1, ((width - 150) * value) / max);
    chart.append(svg('text', { x: 0, y: y + 12, 'font-size': 11 }, label.slice(0, 24)),
      svg('rect', { x: 120, y, width: w, height: rowHeight - 4, fill: colour }),
      svg('text', { x: 124 + w, y: y + 12, 'font-size': 11 }, value));
  });
  return chart;
}

/** Vertical bars over time buckets. */
function timeline(buckets) {
  const entries = [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = 320;
  const height = 90;
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const step = width / Math.max(1, entries.length);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 14}`, class: 'sc-chart', role: 'img' });
  entries.forEach(([bucket, value], i) => {
    const barHeight = (height * value) / max;
    chart.append(svg('rect', { x: i * step + 1, y: height - barHeight, width: Math.max(1, step - 2), height: barHeight, fill: '#6a1b9a' },
      svg('title', {}, `${bucket.slice(0, 16)}: ${value}`)));
  });
  if (entries.length) {
    chart.append(svg('text', { x: 0, y: height + 12, 'font-size': 10 }, entries[0][0].slice(0, 10)),
      svg('text', { x: width, y: height + 12, 'font-size': 10, 'text-anchor': 'end' }, entries[entries.length - 1][0].slice(0, 10)));
  }
  return chart;
}

export class ReportsPanel {
  constructor(element, map, choices) {
    this.element = element;
    this.map = map;
    this.labels = Object.fromEntries(choices.categories.map((c) => [c.value, c.label]));
    this.heat = null;
  }

  async load(districtNames = {}) {
    this.districtNames = districtNames;
    const days = h('select', { name: 'days' }, [1, 7, 30, 90].map((d) => h('option', { value: d, selected: d === 7 }, `${d} d`)));
    const body = h('div', {});
    const heatButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'heat' }, onclick: () => this.toggleHeat(days.value, heatButton) }, s('showHeat'));
    this.element.replaceChildren(h('div', { class: 'panel-heading' }, h('h2', { class: 'panel-title' }, s('reports'))),
      h('label', { class: 'field' }, h('span', {}, s('window')), days), heatButton, body);
    const refresh = async () => {
      const from = new Date(Date.now() - Number(days.value) * 86400_000).toISOString();
      const step = Number(days.value) <= 1 ? 'hour' : 'day';
      const data = await request(`/api/situation/reports/counts/?${new URLSearchParams({ from, step })}`);
      const byCategory = new Map();
      const byDistrict = new Map();
      const byTime = new Map();
      for (const row of data.rows) {
        byCategory.set(row.category, (byCategory.get(row.category) || 0) + row.count);
        byDistrict.set(row.district, (byDistrict.get(row.district) || 0) + row.count);
        byTime.set(row.bucket, (byTime.get(row.bucket) || 0) + row.count);
      }
      const sorted = (map, label) => [...map.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [label(k), v]);
      body.replaceChildren(
        h('h3', {}, s('byCategory')), bars(sorted(byCategory, (k) => this.labels[k] || k)),
        h('h3', {}, s('byDistrict')), bars(sorted(byDistrict, (k) => this.districtNames[k] || k || '—').slice(0, 24), { colour: '#00838f' }),
        h('h3', {}, s('overTime')), timeline(byTime));
    };
    days.addEventListener('change', refresh);
    await refresh();
  }

  async toggleHeat(days, button) {
    if (this.heat) {
      this.heat.remove();
      this.heat = null;
      button.textContent = s('showHeat');
      return;
    }
    const from = new Date(Date.now() - Number(days) * 86400_000).toISOString();
    const data = await request(`/api/situation/reports/heat/?${new URLSearchParams({ from, cell: 250 })}`);
    // Each 250 m cell as a square shaded by its share of the busiest cell.
    this.heat = L.layerGroup(data.features.map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const share = f.properties.count / Math.max(1, data.peak);
      const dLat = 125 / 111_000;
      const dLon = 125 / 82_000;
      return L.rectangle([[lat - dLat, lon - dLon], [lat + dLat, lon + dLon]], {
        stroke: false, fillColor: share > 0.66 ? '#b71c1c' : share > 0.33 ? '#f57c00' : '#fdd835', fillOpacity: 0.25 + 0.5 * share, interactive: false,
      });
    })).addTo(this.map);
    button.textContent = s('hideHeat');
  }
}

// Alerts to the population: compose (area drawn, a circle, districts or EKATTE settlements),
// estimate who is inside, send for approval; a second person approves or rejects.
import { config } from '../config.js';
import { request } from '../api.js';
import { h, toast } from '../ui.js';
import { canWrite, s, when } from './strings.js';

const API = '/api/situation/alerts/';

function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function field(label, control) {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}

export class AlertsPanel {
  constructor(element, map, choices) {
    this.element = element;
    this.map = map;
    this.choices = choices;
    this.drawn = null;
    this.preview = L.geoJSON(null, { style: { color: '#d50000', weight: 2, fillOpacity: 0.15 } }).addTo(map);
    this.circleCentre = null;
  }

  async load() {
    const [alerts, districts] = await Promise.all([
      request(API), request('/api/layers/districts/features/?limit=100').catch(() => ({ features: [] })),
    ]);
    this.districts = districts.features.map((f) => ({ code: f.properties.code, name: f.properties.name })).sort((a, b) => a.code.localeCompare(b.code));
    this.render(alerts.alerts);
  }

  form() {
    const c = this.choices;
    const input = (name, attrs = {}) => h('input', { name, required: true, ...attrs });
    const choice = (name, values, selected) => h('select', { name }, values.map((v) => h('option', { value: v, selected: v === selected }, v)));
    const now = new Date();
    const areaKind = h('select', { name: 'area_kind' }, c.area_kinds.map((k) => h('option', { value: k.value }, k.label)));
    const areaBox = h('div', { class: 'sc-area' });
    const estimateBox = h('div', { class: 'sc-estimate', 'data-testid': 'estimate' });
    const form = h('form', { class: 'sc-form', 'data-testid': 'alert-form' },
      field(s('eventBg'), input('event_bg')), field(s('eventEn'), input('event_en')),
      h('div', { class: 'sc-row' }, field(s('urgency'), choice('urgency', c.urgency, 'Immediate')),
        field(s('severity'), choice('severity', c.severity, 'Severe')), field(s('certainty'), choice('certainty', c.certainty, 'Observed'))),
      field('CAP', choice('cap_category', c.cap_categories, 'Safety')),
      field(s('headlineBg'), input('headline_bg', { maxlength: 160 })), field(s('headlineEn'), input('headline_en', { maxlength: 160 })),
      field(s('instructionBg'), h('textarea', { name: 'instruction_bg', rows: 2 })),
      field(s('instructionEn'), h('textarea', { name: 'instruction_en', rows: 2 })),
      field(s('areaKind'), areaKind), areaBox,
      field(s('areaDescription'), input('area_description')),
      h('div', { class: 'sc-row' }, field(s('effective'), input('effective', { type: 'datetime-local', value: localInput(now) })),
        field(s('expires'), input('expires', { type: 'datetime-local', value: localInput(new Date(now.getTime() + 3 * 3600_000)) }))),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn', dataset: { action: 'estimate' }, onclick: () => this.estimate(form, estimateBox) }, s('estimate')),
        h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'send' } }, s('send'))),
      estimateBox);
    const renderArea = () => this.renderArea(areaKind.value, areaBox);
    areaKind.addEventListener('change', renderArea);
    renderArea();
    form.addEventListener('submit', (event) => { event.preventDefault(); this.submit(form); });
    return form;
  }

  renderArea(kind, box) {
    this.map.pm?.disableDraw();
    if (kind === 'polygon') {
      const state = h('span', { class: 'muted', 'data-testid': 'area-state' }, this.drawn ? s('drawn') : '');
      box.replaceChildren(h('button', { type: 'button', class: 'btn', dataset: { action: 'draw-area' }, onclick: () => this.draw(state) }, s('drawArea')), ' ', state);
    } else if (kind === 'circle') {
      const radius = h('input', { name: 'radius', type: 'number', min: 0.1, max: 30, step: 0.1, value: 1 });
      const state = h('span', { class: 'muted' }, s('clickCentre'));
      this.map.once('click', (event) => { this.circleCentre = [event.latlng.lng, event.latlng.lat]; state.textContent = `${event.latlng.lat.toFixed(5)}, ${event.latlng.lng.toFixed(5)}`; });
      box.replaceChildren(field(s('radius'), radius), state);
    } else {
      const options = kind === 'districts' ? this.districts.map((d) => [d.code, `${d.code} ${d.name}`]) : this.choices.settlements.map((x) => [x.code, `${x.name} (${x.code})`]);
      box.replaceChildren(field(kind === 'districts' ? s('districts') : s('settlements'),
        h('select', { name: 'codes', multiple: true, size: 6 }, options.map(([value, label]) => h('option', { value }, label)))));
    }
  }

  draw(state) {
    if (!this.map.pm) return;
    this.map.pm.enableDraw('Polygon', { allowSelfIntersection: false });
    this.map.once('pm:create', (event) => {
      this.drawn?.remove();
      this.drawn = event.layer;
      state.textContent = s('drawn');
    });
  }

  area(form) {
    const kind = form.elements.area_kind.value;
    const body = { area_kind: kind };
    if (kind === 'polygon') body.polygon = this.drawn ? this.drawn.toGeoJSON(7).geometry : null;
    if (kind === 'circle') body.circle = this.circleCentre ? [...this.circleCentre, Number(form.elements.radius.value)] : [];
    if (kind === 'districts' || kind === 'settlements') body.codes = [...form.elements.codes.selectedOptions].map((o) => o.value);
    return body;
  }

  async estimate(form, box) {
    try {
      const result = await request(`${API}estimate/`, { method: 'POST', body: this.area(form) });
      this.preview.clearLayers();
      this.preview.addData(result.area);
      box.replaceChildren(this.estimateView(result.estimate));
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  estimateView(e) {
    return h('div', {},
      h('dl', { class: 'sc-facts' },
        h('dt', {}, s('people')), h('dd', { 'data-testid': 'people' }, e.people == null ? '—' : e.people.toLocaleString('bg-BG')),
        h('dt', {}, s('schools')), h('dd', {}, String(e.schools)),
        h('dt', {}, s('hospitals')), h('dd', {}, e.hospitals.length ? e.hospitals.join(', ') : '0'),
        h('dt', {}, s('sheltersIn')), h('dd', {}, `${e.shelters} (${e.shelter_capacity})`),
        h('dt', {}, 'km²'), h('dd', {}, String(e.area_km2))),
      h('p', { class: 'muted small' }, e.note));
  }

  async submit(form) {
    const value = (name) => form.elements[name].value;
    const body = {
      ...this.area(form),
      event_bg: value('event_bg'), event_en: value('event_en'), urgency: value('urgency'), severity: value('severity'),
      certainty: value('certainty'), cap_category: value('cap_category'), headline_bg: value('headline_bg'), headline_en: value('headline_en'),
      instruction_bg: value('instruction_bg'), instruction_en: value('instruction_en'), area_description: value('area_description'),
      effective: new Date(value('effective')).toISOString(), expires: new Date(value('expires')).toISOString(),
    };
    try {
      await request(API, { method: 'POST', body });
      this.drawn?.remove();
      this.drawn = null;
      this.preview.clearLayers();
      toast(s('saved'), 'success');
      await this.load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  /** A cancellation of an issued alert: it references the original and, once approved, ends it. */
  async cancel(alert) {
    const reason = window.prompt(s('reason'));
    if (!reason) return;
    try {
      await request(API, { method: 'POST', body: {
        msg_type: 'Cancel', references: alert.id, event_bg: alert.event_bg, event_en: alert.event_en,
        urgency: 'Past', severity: alert.severity, certainty: alert.certainty,
        headline_bg: `Отмяна: ${alert.headline_bg}`.slice(0, 160), headline_en: `Cancelled: ${alert.headline_en}`.slice(0, 160),
        description_bg: reason, description_en: reason, area_description: alert.area_description,
        effective: new Date().toISOString(), expires: alert.expires,
      } });
      toast(s('done'), 'success');
      await this.load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async decide(alert, approve) {
    try {
      if (approve) await request(`${API}${alert.id}/approve/`, { method: 'POST', body: {} });
      else {
        const reason = window.prompt(s('reason'));
        if (!reason) return;
        await request(`${API}${alert.id}/reject/`, { method: 'POST', body: { reason } });
      }
      toast(s('done'), 'success');
      await this.load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  render(alerts) {
    const en = config.language === 'en';
    const rows = alerts.map((a) => h('li', { class: `sc-alert sc-alert-${a.status}`, dataset: { alert: String(a.id), status: a.status } },
      h('strong', {}, en ? a.headline_en : a.headline_bg), ' ',
      h('span', { class: 'badge' }, a.status_label), h('br'),
      h('span', { class: 'muted' }, `${a.msg_type} · ${a.severity} · ${when(a.effective)}–${when(a.expires)}${a.composed_by ? ` · ${s('composedBy')}: ${a.composed_by}` : ''}`),
      a.estimate?.people != null ? h('span', { class: 'muted' }, ` · ${s('people')}: ${a.estimate.people.toLocaleString('bg-BG')}`) : null,
      h('div', { class: 'button-row' },
        a.status === 'pending' && canWrite && a.composed_by !== config.user.username ? [
          h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'approve' }, onclick: () => this.decide(a, true) }, s('approve')),
          h('button', { type: 'button', class: 'btn', dataset: { action: 'reject' }, onclick: () => this.decide(a, false) }, s('reject'))] : null,
        a.status === 'issued' && a.msg_type !== 'Cancel' && canWrite
          ? h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'cancel' }, onclick: () => this.cancel(a) }, s('cancelAlert')) : null,
        h('a', { class: 'btn btn-small', href: `${API}${a.id}/cap.xml`, target: '_blank', rel: 'noopener' }, s('capXml')))));
    // Wrapped in h(): it skips the null children that replaceChildren would print.
    this.element.replaceChildren(h('div', {},
      h('div', { class: 'panel-heading' }, h('h2', { class: 'panel-title' }, s('alerts')),
        h('a', { href: `${API}feed.atom`, class: 'btn btn-small' }, s('feed'))),
      rows.length ? h('ul', { class: 'sc-list' }, rows) : h('p', { class: 'empty-state' }, s('nothing')),
      canWrite ? h('details', { class: 'sc-compose' }, h('summary', { 'data-testid': 'compose' }, s('compose')), this.form()) : null));
  }
}

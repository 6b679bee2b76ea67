// The "Проверки" panel: a planner makes next year's inspection schedule of the guarded municipal
// sites (each day's route on the map, the reasons for every visit), accepts it, records an inspection
// with its checklist, findings, evidence and prescription, follows prescriptions up, and downloads the
// report to the mayor for a quarter or the year. Analysts see the same, read-only.
import { request, ApiError, formatDetail } from '../api.js';
import { SidePanel } from '../side-panel.js';
import { h, toast } from '../ui.js';
import { s } from './strings.js';

const URL = '/api/inspections/';
const PANE = { name: 'inspections', zIndex: 420 };

const isoDate = (date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const localDate = (iso) => new Date(`${iso}T00:00:00`).toLocaleDateString(document.documentElement.lang || 'bg');
const errorText = (error) => (error instanceof ApiError ? formatDetail(error.data?.detail) : String(error));

export class InspectionsPanel extends SidePanel {
  constructor(map, { section, toggleButton, onOpen, canWrite }) {
    super(map, { section, toggleButton, onOpen });
    this.canWrite = Boolean(canWrite);
    this.routeLayer = null;
    this.loaded = false;
    this.ensurePane(PANE);
    this.render();
    this.bindToggle(s('tool'));
  }

  opened() {
    this.load();
  }

  field(label, control) {
    return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
  }

  render() {
    const year = new Date().getFullYear();
    this.yearInput = h('input', { type: 'number', id: 'insp-year', value: year + 1, min: year, max: year + 1 });
    this.inspectorsInput = h('input', { type: 'number', id: 'insp-inspectors', value: 2, min: 1, max: 50 });
    this.generateButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'insp-generate', hidden: !this.canWrite }, s('generate'));
    this.scheduleBox = h('div', { class: 'insp-schedule', id: 'insp-schedule', 'aria-live': 'polite' });
    const scheduleForm = h('form', { class: 'insp-form', onsubmit: (event) => { event.preventDefault(); this.generate(); } },
      h('div', { class: 'field-row' }, this.field(s('year'), this.yearInput), this.field(s('inspectors'), this.inspectorsInput)),
      h('div', { class: 'button-row' }, this.generateButton));

    this.siteSelect = h('select', { id: 'insp-site', required: true, onchange: () => this.showContract() }, h('option', { value: '' }, s('chooseSite')));
    this.contractNote = h('p', { class: 'hint', id: 'insp-contract' });
    this.dateInput = h('input', { type: 'date', id: 'insp-date', value: isoDate(new Date()), max: isoDate(new Date()), required: true });
    this.checklistBox = h('fieldset', { class: 'insp-checklist', id: 'insp-checklist' }, h('legend', {}, s('checklist')));
    this.prescriptionInput = h('textarea', { id: 'insp-prescription', rows: 2, maxlength: 4000, placeholder: s('prescriptionHint') });
    const deadline = new Date(Date.now() + 30 * 86400000);
    this.deadlineInput = h('input', { type: 'date', id: 'insp-deadline', value: isoDate(deadline) });
    this.recordButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'insp-record' }, s('record'));
    this.recordResult = h('div', { class: 'insp-recorded', id: 'insp-recorded', 'aria-live': 'polite' });
    const inspectionForm = h('form', { class: 'insp-form', id: 'insp-inspection-form', onsubmit: (event) => { event.preventDefault(); this.record(); } },
      this.field(s('site'), this.siteSelect), this.contractNote,
      this.field(s('date'), this.dateInput),
      this.checklistBox,
      this.field(s('prescription'), this.prescriptionInput),
      this.field(s('deadline'), this.deadlineInput),
      h('div', { class: 'button-row' }, this.recordButton));

    this.prescriptionList = h('div', { class: 'insp-prescriptions', id: 'insp-prescriptions', 'aria-live': 'polite' });

    this.reportYear = h('input', { type: 'number', id: 'insp-report-year', value: year, min: 2000, max: year + 1, onchange: () => this.updateReport() });
    const quarter = Math.floor(new Date().getMonth() / 3) + 1;
    this.reportQuarter = h('select', { id: 'insp-report-quarter', onchange: () => this.updateReport() },
      ...[1, 2, 3, 4].map((q) => h('option', { value: q, selected: q === quarter }, s('quarter', q))),
      h('option', { value: '' }, s('wholeYear')));
    this.reportSummary = h('p', { class: 'hint', id: 'insp-report-summary', 'aria-live': 'polite' });
    this.pdfLink = h('a', { class: 'btn', id: 'insp-report-pdf', download: '' }, s('pdf'));
    this.sheetLink = h('a', { class: 'btn', id: 'insp-report-sheet', download: '' }, s('sheet', 'xlsx'));

    this.section.replaceChildren(
      h('h2', { class: 'panel-title', id: 'insp-title' }, s('title')),
      h('h3', { class: 'panel-subtitle' }, s('schedule')),
      scheduleForm,
      this.scheduleBox,
      ...(this.canWrite ? [h('h3', { class: 'panel-subtitle' }, s('inspection')), inspectionForm, this.recordResult] : []),
      h('h3', { class: 'panel-subtitle' }, s('prescriptions')),
      this.prescriptionList,
      h('h3', { class: 'panel-subtitle' }, s('report')),
      h('div', { class: 'field-row' }, this.field(s('year'), this.reportYear), this.field(s('period'), this.reportQuarter)),
      this.reportSummary,
      h('div', { class: 'button-row' }, this.pdfLink, this.sheetLink),
    );
    this.section.setAttribute('aria-labelledby', 'insp-title');
  }

  async load() {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const [checklist, sites, schedules] = await Promise.all([
        request(`${URL}checklist/`), request(`${URL}sites/`), request(`${URL}schedules/`),
      ]);
      this.checklist = checklist;
      this.sites = new Map(sites.results.map((site) => [String(site.id), site]));
      this.siteSelect.append(...sites.results.map((site) => h('option', { value: site.id }, site.name)));
      this.renderChecklist();
      if (schedules.results.length) this.showSchedule(await request(`${URL}schedules/${schedules.results[0].id}/`));
      else this.scheduleBox.replaceChildren(h('p', { class: 'hint' }, s('noSchedule')));
    } catch (error) {
      this.loaded = false;
      this.scheduleBox.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(error)));
    }
    this.loadPrescriptions();
    this.updateReport();
  }

  renderChecklist() {
    const answers = this.checklist.answers;
    const severities = this.checklist.severities;
    this.items = this.checklist.items.map((item) => {
      const answer = h('select', { id: `insp-item-${item.key}`, onchange: () => { finding.hidden = answer.value !== 'breach'; } },
        ...answers.map((a) => h('option', { value: a.key }, a.label)));
      const severity = h('select', { id: `insp-severity-${item.key}` }, ...severities.map((v) => h('option', { value: v.key }, v.label)));
      const description = h('textarea', { id: `insp-finding-${item.key}`, rows: 2, maxlength: 4000 });
      const finding = h('div', { class: 'insp-finding', hidden: true },
        this.field(s('severity'), severity), this.field(s('description'), description));
      this.checklistBox.append(h('div', { class: 'insp-item' },
        this.field(item.label, answer), h('p', { class: 'hint' }, item.what_to_check), finding));
      return { key: item.key, answer, severity, description };
    });
  }

  showContract() {
    const site = this.sites?.get(this.siteSelect.value);
    this.contractNote.textContent = site ? `${s('contract')}: ${site.contract ? site.contract.company.name : s('noContract')}` : '';
  }

  async generate() {
    this.generateButton.disabled = true;
    this.scheduleBox.replaceChildren(h('p', { class: 'hint' }, s('generating')));
    try {
      const schedule = await request(`${URL}schedules/`, {
        method: 'POST', body: { year: Number(this.yearInput.value), inspectors: Number(this.inspectorsInput.value) },
      });
      this.showSchedule(schedule);
    } catch (error) {
      this.scheduleBox.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(error)));
    } finally {
      this.generateButton.disabled = false;
    }
  }

  showSchedule(schedule) {
    const accept = this.canWrite && schedule.status === 'proposed'
      ? h('button', { type: 'button', class: 'btn', id: 'insp-accept', onclick: () => this.accept(schedule, accept) }, s('accept'))
      : null;
    const days = schedule.days.map((day) => h('li', { class: 'insp-day' },
      h('button', { type: 'button', class: 'link-button insp-day-button', onclick: () => this.drawRoute(day) },
        s('day', localDate(day.day), day.inspector), ' — ', s('km', day.route_m ?? 0)),
      h('ol', { class: 'insp-stops' }, ...day.stops.map((stop) => h('li', {},
        stop.site.name, h('span', { class: 'hint' }, ` (${stop.reasons.join('; ')})`))))));
    this.scheduleBox.replaceChildren(
      h('p', { class: 'insp-summary' }, h('strong', {}, `${schedule.year}: `), s('visits', schedule.visits, new Set(schedule.days.map((d) => d.day)).size),
        ' — ', `${s('status')}: `, h('span', { id: 'insp-status' }, schedule.status_label)),
      accept,
      h('details', { class: 'insp-assumptions' }, h('summary', {}, s('assumptions')),
        h('ul', {}, ...schedule.assumptions.map((note) => h('li', {}, note)))),
      h('ol', { class: 'insp-days', id: 'insp-days' }, ...days),
    );
    if (schedule.days.length) this.drawRoute(schedule.days[0]);
  }

  async accept(schedule, button) {
    button.disabled = true;
    try {
      const accepted = await request(`${URL}schedules/${schedule.id}/accept/`, { method: 'POST' });
      this.section.querySelector('#insp-status').textContent = accepted.status_label;
      button.remove();
      toast(s('accepted'), 'success');
      this.updateReport();
    } catch (error) {
      button.disabled = false;
      toast(errorText(error), 'error');
    }
  }

  drawRoute(day) {
    this.routeLayer?.remove();
    this.routeLayer = L.featureGroup().addTo(this.map);
    const points = day.stops.map((stop) => [stop.site.lat, stop.site.lon]);
    if (points.length > 1) L.polyline(points, { pane: PANE.name, color: '#283593', weight: 3, dashArray: '6 4' }).addTo(this.routeLayer);
    day.stops.forEach((stop) => {
      L.circleMarker([stop.site.lat, stop.site.lon], { pane: PANE.name, radius: 9, color: '#fff', weight: 2, fillColor: '#283593', fillOpacity: 1 })
        .bindTooltip(h('div', {}, h('strong', {}, s('stop', stop.order, stop.site.name)), h('br'), stop.reasons.join('; ')))
        .addTo(this.routeLayer);
    });
    this.map.fitBounds(this.routeLayer.getBounds(), { maxZoom: 15, padding: [30, 30] });
  }

  async record() {
    const checklist = {};
    const findings = [];
    for (const item of this.items) {
      checklist[item.key] = item.answer.value;
      if (item.answer.value === 'breach') findings.push({ item: item.key, severity: item.severity.value, description: item.description.value });
    }
    const text = this.prescriptionInput.value.trim();
    const body = {
      site: Number(this.siteSelect.value) || null, inspected_on: this.dateInput.value, checklist, findings,
      prescriptions: text ? [{ text, deadline: this.deadlineInput.value }] : [],
    };
    this.recordButton.disabled = true;
    try {
      const inspection = await request(`${URL}inspections/`, { method: 'POST', body });
      toast(s('recorded'), 'success');
      this.recordResult.replaceChildren(
        h('p', { class: 'success', id: 'insp-recorded-note' }, `${s('recorded')} ${inspection.site.name}, ${localDate(inspection.inspected_on)}`),
        ...inspection.findings.map((finding) => this.evidenceForm(finding)),
      );
      this.prescriptionInput.value = '';
      for (const item of this.items) { item.description.value = ''; }
      this.loadPrescriptions();
      this.updateReport();
    } catch (error) {
      this.recordResult.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(error)));
    } finally {
      this.recordButton.disabled = false;
    }
  }

  evidenceForm(finding) {
    const file = h('input', { type: 'file', class: 'insp-evidence-file', accept: 'image/jpeg,image/png,application/pdf' });
    const button = h('button', { type: 'submit', class: 'btn btn-small' }, s('upload'));
    return h('form', { class: 'insp-evidence', onsubmit: async (event) => {
      event.preventDefault();
      if (!file.files.length) return;
      const form = new FormData();
      form.append('file', file.files[0]);
      button.disabled = true;
      try {
        await request(`${URL}findings/${finding.id}/evidence/`, { method: 'POST', form });
        toast(s('uploaded'), 'success');
        file.value = '';
      } catch (error) {
        toast(errorText(error), 'error');
      } finally {
        button.disabled = false;
      }
    } }, this.field(`${finding.label}: ${s('evidence')}`, file), button);
  }

  async loadPrescriptions() {
    try {
      const data = await request(`${URL}prescriptions/?status=open`);
      if (!data.results.length) {
        this.prescriptionList.replaceChildren(h('p', { class: 'hint' }, s('noPrescriptions')));
        return;
      }
      this.prescriptionList.replaceChildren(h('ul', { class: 'insp-prescription-list' }, ...data.results.map((p) => {
        const fulfil = this.canWrite ? h('button', { type: 'button', class: 'btn btn-small' }, s('fulfil')) : null;
        fulfil?.addEventListener('click', async () => {
          fulfil.disabled = true;
          try {
            await request(`${URL}prescriptions/${p.id}/follow-up/`, { method: 'POST', body: { action: 'fulfil' } });
            toast(s('fulfilled'), 'success');
            this.loadPrescriptions();
            this.updateReport();
          } catch (error) {
            fulfil.disabled = false;
            toast(errorText(error), 'error');
          }
        });
        return h('li', { class: p.overdue ? 'insp-overdue' : '' },
          h('strong', {}, p.site), p.company ? ` (${p.company})` : '', h('br'), p.text, h('br'),
          h('span', { class: 'hint' }, s('until', localDate(p.deadline))), p.overdue ? h('span', { class: 'warning' }, ` — ${s('overdue')}`) : null,
          ' ', fulfil);
      })));
    } catch (error) {
      this.prescriptionList.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(error)));
    }
  }

  async updateReport() {
    const params = new URLSearchParams({ year: this.reportYear.value });
    if (this.reportQuarter.value) params.set('quarter', this.reportQuarter.value);
    this.pdfLink.href = `${URL}reports/?${params}&output=pdf`;
    this.sheetLink.href = `${URL}reports/?${params}&output=xlsx`;
    this.reportSummary.textContent = s('loading');
    try {
      const report = await request(`${URL}reports/?${params}`);
      this.reportSummary.textContent = `${report.title}. ${s('summary', report.done_planned, report.planned, report.done)}`;
      this.sheetLink.textContent = s('sheet', report.spreadsheet);
    } catch (error) {
      this.reportSummary.textContent = errorText(error);
    }
  }
}

// What every event page shares: times in Sofia's time zone (whatever the browser's), status
// and level badges, labelled form fields, messages carried across a page change, and the
// API's errors shown next to the fields they name.
import { formatNumber, lang, t } from '../i18n.js';
import { confirmDialog, h, toast } from '../ui.js';
import { flattenDetail } from './api.js';

export const TZ = 'Europe/Sofia';
const LOCALE = lang === 'bg' ? 'bg-BG' : 'en-GB';

// ---- times -----------------------------------------------------------------------------

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function sofiaParts(date) {
  return Object.fromEntries(partsFormat.formatToParts(date).map((part) => [part.type, part.value]));
}

/** Minutes Sofia is ahead of UTC at `date` (120 in winter, 180 in summer). */
export function sofiaOffset(date) {
  const p = sofiaParts(date);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

const pad = (n) => String(n).padStart(2, '0');

/** An ISO instant as the value of a datetime-local input, in Sofia time. */
export function toLocalInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const shifted = new Date(date.getTime() + sofiaOffset(date) * 60000);
  return shifted.toISOString().slice(0, 16);
}

/** A datetime-local value read as Sofia time, as ISO 8601 with its offset ("…T10:00:00+02:00"). */
export function fromLocalInput(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || '');
  if (!match) return null;
  const [, y, mo, d, hh, mm] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm));
  const offset = sofiaOffset(new Date(wall - sofiaOffset(new Date(wall)) * 60000));
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${y}-${mo}-${d}T${hh}:${mm}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The Sofia calendar day of an instant, YYYY-MM-DD. */
export function sofiaDay(value) {
  const p = sofiaParts(value instanceof Date ? value : new Date(value));
  return `${p.year}-${p.month}-${p.day}`;
}

/** YYYY-MM-DD `days` after the day `day` (YYYY-MM-DD). */
export function addDays(day, days) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function today() {
  return sofiaDay(new Date());
}

const formats = {
  dateTime: new Intl.DateTimeFormat(LOCALE, { timeZone: TZ, dateStyle: 'medium', timeStyle: 'short' }),
  date: new Intl.DateTimeFormat(LOCALE, { timeZone: TZ, dateStyle: 'medium' }),
  longDay: new Intl.DateTimeFormat(LOCALE, { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  time: new Intl.DateTimeFormat(LOCALE, { timeZone: TZ, hour: '2-digit', minute: '2-digit' }),
  month: new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', month: 'long', year: 'numeric' }),
  weekday: new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', weekday: 'short' }),
};

export function fmtDateTime(iso) {
  return iso ? formats.dateTime.format(new Date(iso)) : '—';
}

export function fmtDate(iso) {
  return iso ? formats.date.format(new Date(iso)) : '—';
}

export function fmtTime(iso) {
  return iso ? formats.time.format(new Date(iso)) : '—';
}

/** A whole day, written out: "петък, 5 декември 2026 г." (day is YYYY-MM-DD). */
export function fmtLongDay(day) {
  const text = formats.longDay.format(new Date(`${day}T12:00:00Z`));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function fmtMonth(day) {
  return formats.month.format(new Date(`${day}T12:00:00Z`));
}

export function fmtWeekday(day) {
  return formats.weekday.format(new Date(`${day}T12:00:00Z`));
}

/** "5 дек. 2026 г., 10:00 – 13:00", or both dates in full when it spans days. */
export function fmtRange(start, end) {
  if (!start && !end) return t('ev.noTime');
  if (!start || !end) return fmtDateTime(start || end);
  if (sofiaDay(start) === sofiaDay(end)) return `${fmtDateTime(start)} – ${fmtTime(end)}`;
  return `${fmtDateTime(start)} – ${fmtDateTime(end)}`;
}

export function fmtHours(hours) {
  return formatNumber(hours, { maximumFractionDigits: 1 });
}

export function fmtMetres(m) {
  if (m === null || m === undefined) return '—';
  return m >= 1000 ? `${formatNumber(m / 1000, { maximumFractionDigits: 2 })} ${t('units.km')}` : `${formatNumber(Math.round(m))} ${t('units.m')}`;
}

export function fmtArea(m2) {
  if (m2 === null || m2 === undefined) return '—';
  return m2 >= 10000 ? `${formatNumber(m2 / 10000, { maximumFractionDigits: 2 })} ${t('units.ha')}` : `${formatNumber(Math.round(m2))} ${t('units.m2')}`;
}

// ---- badges ----------------------------------------------------------------------------

export const STATUSES = ['draft', 'submitted', 'under_review', 'meeting_requested', 'alternative_proposed', 'approved', 'rejected', 'withdrawn'];
export const ACTIVE = ['submitted', 'under_review', 'meeting_requested', 'alternative_proposed'];

export function statusLabel(status) {
  return t(`ev.status.${status}`);
}

export function statusBadge(status, label) {
  return h('span', { class: `ev-badge ev-status ev-status-${status}`, dataset: { status } }, label || statusLabel(status));
}

/** An assessment level (ok, info, warning, danger, not_available) as a coloured badge. */
export function levelBadge(level, label) {
  return h('span', { class: `ev-badge ev-level ev-level-${level}`, dataset: { level } }, label || t(`ev.level.${level}`));
}

export function kindLabel(kind) {
  return t(`ev.kind.${kind}`);
}

export function trackOf(kind) {
  return kind === 'meeting' || kind === 'manifestation' ? 'notification' : 'application';
}

/** "Late by 12 h" or "In time" from a deadline report, as a badge. */
export function deadlineBadge(report) {
  if (!report) return null;
  return report.late
    ? h('span', { class: 'ev-badge ev-late' }, t('ev.deadline.lateBadge'))
    : h('span', { class: 'ev-badge ev-intime' }, t('ev.deadline.inTime'));
}

/** The deadline rules of a report: each rule met (with hours to spare) or missed by N hours. */
export function deadlineList(report, { preview = false } = {}) {
  if (!report) return h('p', { class: 'empty-state' }, t('ev.deadline.none'));
  const items = report.rules.map((rule) => h('li', { class: `ev-rule ${rule.met ? 'is-met' : 'is-missed'}`, dataset: { rule: rule.rule } },
    h('span', { class: 'ev-rule-mark', 'aria-hidden': 'true' }, rule.met ? '✓' : '!'),
    h('div', {},
      h('p', { class: 'ev-rule-title' }, rule.title),
      h('p', { class: 'ev-rule-detail' },
        rule.met
          ? t(preview ? 'ev.deadline.metPreview' : 'ev.deadline.met', { deadline: fmtDateTime(rule.deadline), hours: fmtHours(rule.hours_to_spare) })
          : t(preview ? 'ev.deadline.missedPreview' : 'ev.deadline.missed', { deadline: fmtDateTime(rule.deadline), hours: fmtHours(rule.hours_late) }),
        rule.urgent_exception_applied ? ` ${t('ev.deadline.urgentApplied')}` : '',
        ' ', h('span', { class: 'ev-basis' }, `(${rule.basis})`)))));
  return h('div', { class: 'ev-deadlines' },
    h('ul', { class: 'ev-rules' }, items),
    report.urgent_note ? h('p', { class: 'hint' }, report.urgent_note) : null,
    report.urgent && report.urgent_reason ? h('p', { class: 'hint' }, t('ev.deadline.urgentReason', { reason: report.urgent_reason })) : null);
}

// ---- messages across a page change -----------------------------------------------------

const FLASH = 'sofia-events-flash';

/** A toast to show on the next page (after a save that moves to another page). */
export function flash(message, kind = 'success') {
  sessionStorage.setItem(FLASH, JSON.stringify({ message, kind }));
}

export function showFlash() {
  const stored = sessionStorage.getItem(FLASH);
  if (!stored) return;
  sessionStorage.removeItem(FLASH);
  try {
    const { message, kind } = JSON.parse(stored);
    toast(message, kind);
  } catch {
    /* ignore a broken entry */
  }
}

// ---- fields ----------------------------------------------------------------------------

let fieldCounter = 0;

/**
 * A labelled field: field({label, path, input: 'text'|'textarea'|'select'|..., ...attributes}).
 * `path` names the API field (e.g. "organizer.phone"), so errors find their place.
 */
export function field({ label, path, input = 'text', hint, options, required, wide, value, ...attributes }) {
  const id = attributes.id || `f-${(path || 'field').replace(/[^\w-]/g, '-')}-${++fieldCounter}`;
  const hintId = hint ? `${id}-hint` : null;
  // Required: the native attribute, aria-required for assistive technology, and a visible star.
  const common = { id, name: path, dataset: { path }, 'aria-describedby': hintId, required, 'aria-required': required ? 'true' : null, ...attributes };
  let control;
  if (input === 'textarea') {
    control = h('textarea', { rows: 3, ...common }, value ?? '');
  } else if (input === 'select') {
    control = h('select', common, (options || []).map(([optionValue, text]) =>
      h('option', { value: optionValue, selected: String(optionValue) === String(value ?? '') }, text)));
  } else {
    control = h('input', { type: input, value: value ?? '', ...common });
  }
  return h('div', { class: `field${wide ? ' field-wide' : ''}` },
    h('label', { for: id }, label, required ? h('span', { class: 'ev-required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    hint ? h('p', { class: 'ev-field-hint', id: hintId }, hint) : null);
}

/** The line that explains the star of required fields (put it above a form). */
export function requiredNote() {
  return h('p', { class: 'ev-required-note' }, h('span', { class: 'ev-required', 'aria-hidden': 'true' }, '* '), t('ev.form.requiredNote'));
}

export function checkbox({ label, path, checked, hint, ...attributes }) {
  const id = attributes.id || `f-${(path || 'check').replace(/[^\w-]/g, '-')}-${++fieldCounter}`;
  return h('div', { class: 'ev-check' },
    h('input', { type: 'checkbox', id, name: path, dataset: { path }, checked, ...attributes }),
    h('label', { for: id }, label),
    hint ? h('p', { class: 'ev-field-hint' }, hint) : null);
}

/** The API's errors next to the fields (by data-path), the rest in a summary at the top. */
export class FormErrors {
  /**
   * @param {HTMLElement} form  where the fields are
   * @param {HTMLElement} summary  an element for the list of errors (role=alert)
   * @param {(path: string, message: string, body: object) => boolean} [onOther]  takes errors
   *   without a field (e.g. geometry shown on the map); true if it showed them
   */
  constructor(form, summary, { onOther, labels = {} } = {}) {
    this.form = form;
    this.summary = summary;
    this.onOther = onOther;
    this.labels = labels;
  }

  clear() {
    this.form.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
    this.form.querySelectorAll('.field-error[data-api-error]').forEach((el) => el.remove());
    this.summary.replaceChildren();
    this.summary.hidden = true;
  }

  /** Show an ApiError (or any Error); returns the number of messages shown. */
  show(error) {
    this.clear();
    const body = error.body || {};
    const entries = [];
    if (body.detail && typeof body.detail === 'object') {
      entries.push(...flattenDetail(body.detail));
    } else {
      const path = body.parameter || body.field || '';
      entries.push({ path, message: error.message, location: body.location });
    }
    const listed = [];
    for (const entry of entries) {
      const control = entry.path ? this.control(entry.path) : null;
      if (control) {
        this.mark(control, entry.message);
        listed.push(h('li', {}, h('a', { href: `#${control.id}`, onclick: (event) => { event.preventDefault(); control.focus(); } },
          `${this.labelOf(control, entry.path)}: ${entry.message}`)));
      } else {
        const shown = this.onOther?.(entry.path, entry.message, body);
        listed.push(h('li', {}, entry.path && !shown ? `${this.labels[entry.path] || entry.path}: ${entry.message}` : entry.message));
      }
    }
    this.summary.append(h('p', { class: 'ev-error-title' }, t('ev.form.errorsTitle')), h('ul', {}, listed));
    this.summary.hidden = false;
    this.summary.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    return entries.length;
  }

  control(path) {
    const escaped = CSS.escape(path);
    let control = this.form.querySelector(`[data-path="${escaped}"]`);
    // "responsible_persons.0" → its first field; "exits" → the exits' first field.
    if (!control) control = this.form.querySelector(`[data-path^="${escaped}."]`);
    if (!control) control = this.form.querySelector(`[data-group="${escaped}"]`);
    return control;
  }

  labelOf(control, path) {
    const label = control.id ? this.form.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
    const text = label?.textContent.replace(/\s*\*$/, '').trim() || control.getAttribute('aria-label') || this.labels[path] || path;
    // "exits.1.width_m" → "Exit 2 — Width, m": which row of a repeated group.
    const [group, index] = path.split('.');
    const row = /^\d+$/.test(index || '') && this.labels[`${group}.n`];
    return row ? `${row.replace('{n}', Number(index) + 1)} — ${text}` : text;
  }

  mark(control, message) {
    control.setAttribute('aria-invalid', 'true');
    const errorId = `${control.id || 'field'}-error`;
    const error = h('p', { class: 'field-error', id: errorId, dataset: { apiError: '' }, role: 'alert' }, message);
    const holder = control.closest('.field, .ev-check, .ev-group') || control.parentElement;
    holder.append(error);
    const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (!described.includes(errorId)) control.setAttribute('aria-describedby', [...described, errorId].join(' '));
  }
}

/**
 * Someone else changed the event since this page loaded it (the API's 412): ask whether to
 * reload (dropping the user's change) or save over it. Resolves to 'overwrite' or 'reload'.
 */
export async function resolveConflict(error) {
  const overwrite = await confirmDialog({
    title: t('ev.conflict.title'),
    message: `${error.message} ${t('ev.conflict.choice')}`,
    confirmLabel: t('ev.conflict.overwrite'),
    cancelLabel: t('ev.conflict.reload'),
    danger: true,
  });
  if (overwrite) return 'overwrite';
  window.location.reload();
  return 'reload';
}

/** Disable a button while `work` runs, with a busy label. */
export async function busy(button, work, label = t('ev.working')) {
  const content = [...button.childNodes];
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.replaceChildren(...content);
  }
}

/** A card section with a heading. */
export function card(title, { id, icon: iconNode, actions, className = '' } = {}, ...children) {
  const headingId = id ? `${id}-title` : undefined;
  return h('section', { class: `card ev-card ${className}`, id, 'aria-labelledby': headingId },
    h('div', { class: 'ev-card-head' }, h('h2', { id: headingId }, iconNode || null, title), actions || null),
    ...children);
}

/** A definition list of [label, value] rows, skipping empty values. */
export function facts(rows) {
  const items = rows.filter(([, value]) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length));
  return h('dl', { class: 'ev-facts' }, items.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

export function errorState(message) {
  return h('p', { class: 'empty-state error', role: 'alert' }, message);
}

export function setReady(state = 'true') {
  document.body.dataset.ready = state;
}

/**
 * A dialog that asks for a text (a reason): resolves to the text, or null when cancelled.
 * `required` keeps the confirm button from closing it while the text is empty.
 */
export function promptDialog({ title, message, label, confirmLabel, danger = false, required = true, multiline = true }) {
  return new Promise((resolve) => {
    const id = `prompt-${Date.now()}`;
    const input = multiline
      ? h('textarea', { id: `${id}-input`, rows: 4, required })
      : h('input', { id: `${id}-input`, type: 'text', required });
    const error = h('p', { class: 'field-error', hidden: true }, t('ev.reasonRequired'));
    const confirmButton = h('button', { class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, type: 'submit', value: 'confirm' }, confirmLabel || t('common.ok'));
    const cancelButton = h('button', { class: 'btn', type: 'button', value: 'cancel', onclick: () => dialog.close('cancel') }, t('common.cancel'));
    const form = h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: `${id}-title`, class: 'dialog-title' }, title),
      message ? h('p', { class: 'dialog-message' }, message) : null,
      h('div', { class: 'field' }, h('label', { for: `${id}-input` }, label), input, error),
      h('div', { class: 'dialog-actions' }, cancelButton, confirmButton));
    const dialog = h('dialog', { class: 'dialog ev-dialog', 'aria-labelledby': `${id}-title` }, form);
    form.addEventListener('submit', (event) => {
      if (required && !input.value.trim()) {
        event.preventDefault();
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    });
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm' ? input.value.trim() : null);
      dialog.remove();
    });
    dialog.showModal();
    input.focus();
  });
}
